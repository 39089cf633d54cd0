"""A validity question names one document: the kind word ending its name (…暂行办法) is part of that
name, not a second document of that kind to report on."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

TEXTS = {
    "创业补贴.txt": (
        "示例市人民政府关于印发示例市创业补贴暂行办法的通知\n"
        "示府发〔2024〕3号\n"
        "现将《示例市创业补贴暂行办法》印发给你们，请认真贯彻执行。\n"
        "示例市人民政府\n2024年3月1日\n"
        "第一条 为鼓励创业，制定本办法。\n"
        "第二条 初创企业可申请一次性创业补贴1万元。\n"
        "第三条 本办法自2024年4月1日起施行，有效期至2026年3月31日。\n"
    ),
    "助餐.txt": (
        "示例市老年人助餐服务管理办法\n"
        "第一条 为做好老年人助餐服务，制定本办法。\n"
        "第二条 60周岁以上老年人就餐可享受每餐3元补贴。\n"
        "第三条 本办法自2024年1月1日起施行。\n"
    ),
    "污水处理费.txt": (
        "示例市水务局关于停征中小企业污水处理费的通知\n"
        "示水发〔2020〕2号\n"
        "一、自2月5日起，对受疫情影响较大且在本市注册的中小企业停征污水处理费。\n"
        "二、停征期间，各供水单位不得收取污水处理费。\n"
        "示例市水务局\n2020年2月7日\n"
    ),
}
engine = engine_fixture(TEXTS)


@pytest.mark.parametrize("question", ["示例市创业补贴暂行办法现在还有效吗？", "创业补贴暂行办法还有效吗？"])
def test_a_validity_answer_is_about_the_document_named_only(engine, question):
    answer = engine.ask(question, as_of=date(2025, 6, 1))
    assert answer.intent == "validity" and "创业补贴" in answer.answer
    assert "助餐" not in answer.answer


def test_a_when_question_in_a_notices_own_words_is_answered_by_the_time_its_text_states(engine):
    """Every word of the question is in the notice's title, yet its 一、 states when: that answers, not
    the notice's validity."""
    answer = engine.ask("示例市中小企业停征污水处理费的办理时间？", as_of=date(2025, 6, 1))
    assert answer.intent == "deadline" and answer.answer.startswith("2月5日起")

