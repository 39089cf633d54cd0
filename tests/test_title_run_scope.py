"""A question sharing a long run of one document's title ("企业可延期缴纳税费") is answered from that
document's best passages, and the best passages of the other documents follow them: a shared run of
title words may or may not be the document asked about."""

from __future__ import annotations

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

TEXTS = {
    "税务解读.txt": (
        "示例市税务局：疫情期间这些个人和企业可延期缴纳税费\n"
        "近日，示例市出台了支持中小企业共渡难关的政策措施。市税务局相关负责人介绍了有关税费政策。\n"
        "对受疫情影响难以按期缴纳税款的中小企业，税务部门将优化办税服务，推行网上办理，做好政策宣传辅导。\n"
        "纳税人可通过电子税务局办理申报，减少到办税服务厅的次数。\n"
    ),
    "省措施.txt": (
        "示例省支持中小企业共渡难关的若干措施\n"
        "一、延期缴税。确有困难的企业可依法申请延期缴纳，最长不超过3个月。\n"
        "二、减免房租。对承租国有资产类经营用房的中小企业，免收1个月房租。\n"
    ),
}
engine = engine_fixture(TEXTS)


def test_the_other_documents_best_passages_follow_the_title_matched_ones(engine):
    answer = engine.ask("受疫情影响难以按期缴纳税款的中小企业可延期缴纳税费吗？")
    assert answer.answerable, answer.answer
    assert any(c.doc_title.startswith("示例省") for c in answer.citations), [(c.doc_title, c.label) for c in answer.citations]
