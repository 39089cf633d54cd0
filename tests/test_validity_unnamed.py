"""A validity question that names no document by its title or 文号: the document comes from the
passages on what it asks ("…的专利许可还能拿奖补吗？" — the 细则 that grants it), not from a word every
title shares (专利); one pointed at by its kind ("那个方案") is the one of that kind more of its words
name; a count of documents ("两个方案") is no title the corpus lacks."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

AS_OF = date(2025, 6, 1)
TEXTS = {
    "专项行动方案.txt": (
        "示例市专利转化运用专项行动方案\n"
        "示府办发〔2024〕9号\n"
        "（一）推动高校专利分级分类管理，建立专利转化台账。\n"
        "（二）支持专利密集型企业开展专利导航。\n"
    ),
    "强区方案.txt": (
        "示例区知识产权强区建设工作方案（2024-2026年）\n"
        "示区府发〔2024〕2号\n"
        "一、到2026年，全区有效发明专利达到5000件。\n"
        "二、本方案有效期至2026年12月31日。\n"
    ),
    "专项资金细则.txt": (
        "示例市知识产权专项资金实施细则\n"
        "第一条 为规范专项资金使用，制定本细则。\n"
        "第二条 对在2022年7月1日至2023年6月30日期间面向本市中小企业进行专利许可的高校，按照每件专利不超过1500元的标准予以奖补。\n"
        "第三条 本细则自2022年11月9日起施行，有效期至2023年12月31日。\n"
    ),
}
engine = engine_fixture(TEXTS)


def test_a_validity_question_naming_no_document_asks_of_the_document_granting_what_it_asks(engine):
    answer = engine.ask("2023年7月以后的专利许可还能拿奖补吗？", as_of=AS_OF)
    assert answer.answerable and "专项资金实施细则" in answer.answer and "已失效" in answer.answer, answer.answer
    assert "方案" not in answer.answer


@pytest.mark.parametrize(
    ("question", "meant", "other"),
    [("专利转化那个方案现在还管用吗？", "专项行动方案", "强区"), ("示例区那个方案什么时候到期？", "强区建设工作方案", "专项行动")],
)
def test_a_document_pointed_at_by_its_kind_is_the_one_its_words_name(engine, question, meant, other):
    answer = engine.ask(question, as_of=AS_OF)
    assert answer.answerable and meant in answer.answer, answer.answer
    assert other not in answer.answer


def test_a_count_of_documents_is_no_title_the_corpus_lacks(engine):
    answer = engine.ask("两个方案哪个还有效？", as_of=AS_OF)
    assert answer.answerable, answer.answer
    assert "专项行动方案" in answer.answer and "强区建设工作方案" in answer.answer
