"""A place's policy is what the corpus says of that place on what is asked: a document headed by it
(or by a province holding it), or a policy passage naming it on the question's topic. A national
notice naming 深圳 among pilot cities holds no 深圳 rule on 积分入户."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

TEXTS = {
    "国务院关于支持自由贸易试验区深化改革创新若干措施的通知.txt": (
        "国务院关于支持自由贸易试验区深化改革创新若干措施的通知\n国发〔2018〕38号\n"
        "一、在深圳、天津等地开展跨境电子商务零售进口试点，简化通关手续。\n"
        "二、各地区要加强组织领导，抓好措施落实。\n"
    ),
    "广州市积分制入户管理办法.txt": (
        "广州市积分制入户管理办法\n穗府办规〔2025〕8号\n"
        "第一条 为规范本市积分制入户工作，制定本办法。\n"
        "第六条 申请积分制入户，须在本市合法稳定就业，参加本市社会保险满4年，计算总积分满150分。\n"
    ),
}
AS_OF = date(2025, 6, 1)

engine = engine_fixture(TEXTS)


@pytest.mark.parametrize("question", ["我在深圳工作，深圳的积分入户要攒够多少分才能申请？", "深圳积分制入户需要多少分？"])
def test_a_place_named_by_a_policy_on_another_topic_has_no_policy_on_the_topic_asked(engine, question):
    answer = engine.ask(question, as_of=AS_OF)
    assert not answer.answerable and "没有深圳的政策文件" in answer.answer


def test_a_policy_passage_naming_the_place_on_the_topic_asked_is_its_policy(engine):
    answer = engine.ask("深圳的跨境电子商务零售进口试点有什么措施？", as_of=AS_OF)
    assert answer.answerable and "跨境电子商务" in answer.answer


def test_the_place_a_document_is_headed_by_has_its_policy(engine):
    answer = engine.ask("广州积分制入户需要多少分？", as_of=AS_OF)
    assert answer.answerable and "150分" in answer.answer
