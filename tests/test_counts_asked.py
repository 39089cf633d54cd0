"""A count asked ("要选几家？", "有多少户…？") is answered with the counts in the asked measure word the
best passages state, whether the question reads as a sum, as nothing in particular, or follows one
in a session: bodies are counted in any of their measure words (家, 所, 个, 户), a rate beside the
count is not the answer, and "哪几个" asks which ones, not how many."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

RULES = (
    "示例市科技创新专项资金管理办法\n"
    "第一条 为支持本市科技创新，制定本办法。\n"
    "第二条 高校技术转移中心建设。择优遴选不超过8所高校开展高校技术转移中心建设，一次性予以每家不超过60万元经费支持。\n"
    "第三条 孵化器运营奖励。对年度考核优秀的孵化器，择优遴选20家左右，每家给予不超过30万元奖励。\n"
    "第四条 本办法自2025年1月1日起施行，有效期至2027年12月31日。\n"
)
NEWS = (
    "示例省规模以上工业企业复工率过半\n"
    "记者从示例省工信厅获悉，截至3月1日，全省已有3150户规模以上工业企业恢复开工，复工率达到56.2%，"
    "全省11个市中有5个市复工率超过60%。\n"
    "示例省工业企业主要集聚在东区、西区和南区三个区，占全省工业产值的七成。\n"
)
AS_OF = date(2025, 6, 1)

engine = engine_fixture({"示例市科技创新专项资金管理办法.txt": RULES, "示例省复工.txt": NEWS})


@pytest.mark.parametrize("question", ["高校技术转移中心要选几家？", "高校技术转移中心建设遴选多少所高校？"])
def test_a_count_of_bodies_is_answered_in_whatever_measure_the_text_counts_them(engine, question):
    answer = engine.ask(question, as_of=AS_OF, session_id=f"count-{question}")
    assert answer.answerable and answer.answer.startswith("不超过8所［1］")


def test_a_count_asked_after_a_sum_in_a_session_is_the_count(engine):
    session = "count-follow-up"
    assert "每家不超过60万元" in engine.ask("高校技术转移中心能拿多少钱？", as_of=AS_OF, session_id=session).answer
    answer = engine.ask("要选几家？", as_of=AS_OF, session_id=session)
    assert answer.answerable and answer.answer.startswith("不超过8所［1］")


def test_a_count_is_not_answered_with_the_rate_beside_it(engine):
    answer = engine.ask("示例省有多少户规模以上工业企业恢复开工？", as_of=AS_OF)
    first = answer.answer.splitlines()[0]
    assert answer.answerable and first.startswith("3150户") and "56.2%" not in first


def test_which_ones_is_not_a_count(engine):
    answer = engine.ask("示例省工业企业主要集聚在哪几个区？", as_of=AS_OF)
    assert answer.answerable and not answer.answer.startswith("11个") and not answer.answer.startswith("5个")
