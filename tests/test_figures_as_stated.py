"""Figures answered as the document states them: a count a notice gives itself ("推广的改革举措（共12项）",
"（二）市场监管方面5项") before any count of its numbered labels, and a sum a law sets as a rate
("百分之三十以上", "加收当年全额年费的5%") when no sum in yuan is stated, and a fee it forbids ("不得收取
任何费用") as what it says of the sum."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

NOTICE = (
    "示例省人民政府办公厅关于推广第一批便民改革举措的通知\n"
    "示政办发〔2025〕3号\n"
    "各市人民政府，省政府各部门：\n"
    "经省政府同意，现将有关事项通知如下：\n"
    "一、推广的改革举措（共12项）\n"
    "（一）政务服务方面4项：证照联办；告知承诺；跨市通办；容缺受理。\n"
    "（二）市场监管方面5项：信用分级监管；包容审慎执法；首违不罚；联合抽查；线上巡查。\n"
    "（三）社会保障方面3项：社保卡一卡通；待遇资格无感认证；异地就医直接结算。\n"
    "二、工作要求\n"
    "各地区要把推广工作列为重点工作，切实加强组织领导，研究制定推广方案。\n"
    "三、其他事项\n"
    "各地区推广中遇到的问题，及时报省政府办公厅。\n"
    "示例省人民政府办公厅\n"
    "2025年3月1日\n"
)
LAW = (
    "示例市中小企业促进条例\n"
    "第一条 为促进中小企业发展，制定本条例。\n"
    "第二条 政府采购应当向中小企业预留采购份额，预留的份额应当占本部门年度政府采购项目预算总额的百分之三十以上；"
    "其中，预留给小型微型企业的比例不低于百分之六十。\n"
    "第三条 专利年费应当在上一年度期满前缴纳。期满未缴纳的，可以在期满之日起6个月内补缴，"
    "同时缴纳滞纳金；滞纳金按照每超过规定的缴费时间1个月，加收当年全额年费的5%计算。\n"
    "第四条 行政机关办理中小企业登记，不得收取任何费用。\n"
    "第五条 到2027年，本市中小企业专利转化数量增幅达到20%。\n"
    "第六条 政府性融资担保机构对小微企业收取的担保费率原则上不超过1%。\n"
    "第七条 本条例自2025年1月1日起施行。\n"
)
AS_OF = date(2025, 6, 1)

engine = engine_fixture({"示政办发2025-3号_推广第一批便民改革举措的通知.txt": NOTICE, "示例市中小企业促进条例.txt": LAW})


def test_the_total_a_notice_states_is_its_count(engine):
    answer = engine.ask("省政府办公厅推广的第一批便民改革举措一共多少项？", as_of=AS_OF)
    assert answer.answerable and "共12项" in answer.answer
    assert "编号条目" not in answer.answer  # not our count of its labels


def test_the_count_of_the_part_asked_is_the_one_the_notice_states_for_it(engine):
    answer = engine.ask("第一批便民改革举措里市场监管方面有几项？", as_of=AS_OF)
    assert answer.answerable and "市场监管方面5项" in answer.answer
    assert "政务服务方面" not in answer.answer and "社会保障方面" not in answer.answer


def test_a_share_asked_is_answered_with_the_rates_a_law_sets(engine):
    answer = engine.ask("我们单位编政府采购预算，要给中小企业预留多大比例的采购份额？小微企业至少占多少？", as_of=AS_OF)
    assert answer.answerable and answer.answer.startswith("百分之三十以上；百分之六十［1］")


def test_a_sum_set_as_a_rate_of_another_is_answered_with_the_rate(engine):
    answer = engine.ask("专利年费晚交了一个月，滞纳金要多交多少钱？", as_of=AS_OF)
    assert answer.answerable and answer.answer.startswith("5%［1］")


def test_a_fee_a_law_forbids_is_an_answer_not_a_missing_sum(engine):
    answer = engine.ask("中小企业办理登记需要支付费用吗？", as_of=AS_OF)
    assert answer.answerable and "不得收取任何费用" in answer.answer


def test_a_rate_a_goal_reaches_is_no_sum(engine):
    answer = engine.ask("中小企业专利转化能拿多少奖励？", as_of=AS_OF)
    assert not answer.answer.startswith("20%")


def test_a_sum_for_another_fee_is_no_answer_to_the_fee_named(engine):
    answer = engine.ask("申请一件专利，申请费和实质审查费各是多少钱？小微企业能减免多少？", as_of=AS_OF)
    assert not answer.answerable and "1%" not in answer.answer and "申请费" in answer.answer
