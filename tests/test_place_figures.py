"""A figure asked of a place ("黑龙江省…可以报销多少？") is never another place's figure: a passage
from a document that does not name the place asked neither leads nor stands beside the answer."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

TEXTS = {
    "黑龙江省再推应对疫情医疗保障暖心政策.txt": (
        "黑龙江省再推应对疫情医疗保障暖心政策\n"
        "为确保医疗机构准确把握新冠肺炎疫情救治医疗保障政策，省医疗保障局印发通知。"
        "对确诊和疑似患者发生的医疗费用，在基本医保、大病保险、医疗救助按规定支付后，个人负担部分由财政给予补助。"
        "异地就医的确诊和疑似患者医疗费用先救治后结算。\n"
    ),
    "吉林多措并举保民生.txt": (
        "吉林多措并举保民生\n"
        "截至目前，全省确诊患者治愈出院的已发生医疗费用为44.5万元，疑似患者医疗费用为12.3万元，均已由医保基金和财政支付。"
        "全省各级医保部门已预拨医保基金6.9亿元。\n"
    ),
    "陕西建立健全疫情防控财政保障机制.txt": (
        "陕西建立健全疫情防控财政保障机制\n"
        "对疑似患者发生的医疗费用，医保报销后个人负担部分由财政补助，我省各级医保部门已预拨医保基金3.2亿元。\n"
    ),
}

engine = engine_fixture(TEXTS)


@pytest.mark.parametrize("question", ["黑龙江省疑似患者医疗费用可以报销多少？", "黑龙江疑似患者的医疗费用能报销多少钱？"])
def test_another_provinces_sum_is_no_answer_for_the_province_asked(engine, question):
    answer = engine.ask(question, as_of=date(2020, 6, 1))
    assert answer.intent == "amount"
    assert "黑龙江" in answer.citations[0].doc_title
    for figure in ("44.5万元", "12.3万元", "6.9亿元", "3.2亿元"):
        assert figure not in answer.answer
