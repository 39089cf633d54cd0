"""A document's head (its first, unlabelled passage) when the question names the document: the
title alone matches every word of the name, so a head that only repeats it is left out; a news
item's lead that holds what is asked (the date in "复业时间 自…起") is an answer like any passage."""

from __future__ import annotations

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

NEWS = (
    "九江市发布通知：符合防控要求的理发店可有序复业\n3月2日，市商务局发布相关通知，符合防控要求的理发店经备案后可有序复业。"
    "通知全文如下： 各县（区）商务局、全市各理发店： 为支持理发行业复业，现将有关事项通知如下： "
    "复业时间 自2020年3月5日起，全市范围内符合防控要求的理发店可以复业。\n"
    "1.加强顾客管理。顾客进店必须佩戴口罩并测量体温，店内同时服务的顾客不超过3人。\n"
    "2.加强员工管理。员工每日上岗前测量体温，如有发热应立即离岗就诊。\n"
    "3.严格消毒。每天对店内工具和公共区域消毒不少于2次。\n"
)
NOTICE = (
    "九江市人民政府办公室关于印发九江市支持小微企业若干措施的通知\n"
    "各县（市、区）人民政府，市政府各部门：现将《九江市支持小微企业若干措施》印发给你们，请认真贯彻执行。\n"
    "一、对小微企业新招用员工的，按每人2000元给予一次性吸纳就业补贴。\n"
    "二、对小微企业参加展会的，按展位费的50%给予补助，每家最高3万元。\n"
)

documents = engine_fixture({"理发店复业.txt": NEWS, "小微企业措施.txt": NOTICE})


def test_a_news_items_lead_answers_what_only_it_states(documents):
    answer = documents.ask("九江市符合防控要求的理发店什么时候可以复业？")
    assert answer.answerable and "3月5日" in answer.answer, answer.answer
    assert answer.citations[0].doc_title.startswith("九江市发布通知")


def test_a_head_that_only_names_the_document_is_not_cited_for_its_items(documents):
    answer = documents.ask("《九江市支持小微企业若干措施》对参加展会给多少补助？")
    assert answer.answerable and "3万元" in answer.answer, answer.answer
    assert answer.citations[0].label == "二、", [c.label for c in answer.citations]
