"""A when-question naming only a document ("…治理要在什么时候前完成？"): a document with a period of its
own answers with it; one that states none answers with its status and the time limits its clauses
set, each cited — never with the date it was signed alone. How long a limit is ("多长时间内") is
answered with the periods a clause states, not its dates."""

from __future__ import annotations

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

NOTICES = {
    "lifts.txt": (  # as a portal files a notice: its catalog fields first, then the text
        "标题：示例市人民政府办公厅关于开展老旧小区加装电梯工作的通知\n"
        "发文机关：示例市人民政府办公厅\n"
        "发文字号：示府办发〔2025〕2号\n\n"
        "示例市人民政府办公厅关于开展老旧小区加装电梯工作的通知\n"
        "各区人民政府：\n"
        "为改善老旧小区居民出行条件，现就开展老旧小区加装电梯工作通知如下：\n"
        "一、摸底排查。各区对老旧小区加装电梯需求进行摸底排查，该项工作于2025年6月底前完成。\n"
        "二、集中推进。首批加装项目原则上于2025年12月底前完成竣工验收。\n"
        "三、加强保障。市住房城乡建设管理委负责统筹协调。\n"
        "示例市人民政府办公厅\n2025年1月10日\n"
    ),
    "disclosure.txt": (
        "示例市行政执法公示办法\n"
        "第一条 为规范行政执法公示，制定本办法。\n"
        "第五条 行政执法机关应当自执法决定作出之日起20个工作日内公开执法信息，"
        "行政处罚决定应当自作出之日起7个工作日内公开。各执法机关应当于每年1月31日前公开上年度执法数据。\n"
    ),
    "plan.txt": (
        "示例区养老服务提升行动方案（2024-2026年）\n"
        "一、到2025年底，建成社区养老服务综合体20家。\n"
        "二、区民政局负责组织实施。\n"
    ),
}

notices = engine_fixture(NOTICES)


@pytest.mark.parametrize("question", ["老旧小区加装电梯工作要在什么时候前完成？", "老旧小区加装电梯工作什么时候结束？"])
def test_a_notice_without_a_period_is_answered_with_the_limits_its_clauses_set(notices, question):
    answer = notices.ask(question)
    assert answer.answerable
    assert "2025年6月底前" in answer.answer and "2025年12月底前" in answer.answer
    assert {c.cite or c.label for c in answer.citations} >= {"一、", "二、"}
    assert not answer.answer.startswith("2025年1月10日")


def test_a_plan_with_a_period_is_answered_with_its_period(notices):
    answer = notices.ask("养老服务提升行动方案什么时候结束？")
    assert answer.answerable and "2026" in answer.answer.split("\n")[0]
    assert "各条载明的时限" not in answer.answer  # its period answers


def test_how_long_is_answered_with_the_periods_and_by_when_with_the_date(notices):
    """One clause, two limits of two kinds: "多长时间内" asks the periods, "什么时候" the date."""
    how_long = notices.ask("执法决定要在多长时间内公开？").answer.splitlines()[0]
    assert "20个工作日内" in how_long and "7个工作日内" in how_long and "1月31日" not in how_long
    by_when = notices.ask("执法数据每年要在什么时候前公开？").answer.splitlines()[0]
    assert "1月31日前" in by_when
