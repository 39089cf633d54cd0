"""Expected answer types: asking for a telephone number, a web address, a street address or the
materials to submit needs a passage that holds one; mentioning them does not ask for them."""

from __future__ import annotations

import pytest

from chat.answer_types import asked_types, missing_type


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("受理疫情防控问题的热线电话是多少？", ["电话"]),
        ("专利超市平台的网址是什么？", ["网址"]),
        ("专项资金项目在哪个网站上申报？", ["网址"]),
        ("登录哪个网站申报？", ["网址"]),
        ("保护中心分中心在哪里办公？", ["地址"]),
        ("申报需要提交哪些材料？", ["材料"]),
        ("冒充公安人员拨打电话诱骗转账是否构成诈骗罪？", []),
        ("点击他人虚假链接被骗钱了，可以报警吗？", []),
    ],
)
def test_a_type_is_asked_only_when_the_question_asks_for_it(question, asked):
    assert [t.name for t in asked_types(question)] == asked


def test_a_passage_without_the_asked_thing_does_not_answer():
    assert missing_type("咨询热线电话是多少？", "设立知识产权咨询服务热线，提供政策解读。") == "电话"
    assert missing_type("咨询热线电话是多少？", "咨询电话：021-12345678。") is None
    assert missing_type("平台网址是什么？", "详见 https://sipa.sh.gov.cn 。") is None


def test_the_engine_refuses_when_the_cited_clauses_lack_the_asked_type(engine):
    answer = engine.ask("杨浦区专利超市平台的网址是什么？")
    assert not answer.answerable and "网址" in answer.answer
