"""A cap worked out from what the asker states (chat/estimate.py): a count of the very thing a
per-item cap is per, or one sum under a percentage, gives an upper bound said to be an estimate and
not the text's; anything less clear-cut gives none."""

from __future__ import annotations

from datetime import date

import pytest

from chat.estimate import amount_text, worked_cap
from indexer.extract_amounts import money_values, parse_amounts
from tests.conftest import engine_fixture

PER_ITEM = "对完成软件著作权登记并实现转化的，按照每件著作权不超过2000元的标准给予奖补。本项目奖补总额不超过100万元。"
PER_CONTRACT = "对达成技术许可的，按照每件成交合同不超过5000元的标准予以奖补。"
PERCENT = "支持融资租赁机构开展知识产权融资租赁业务，按照不超过实际融资金额的0.2%的标准给予奖补。本项目奖补总额不超过200万元。"
PER_RECIPIENT = "择优遴选不超过5家，一次性予以每家不超过50万元经费支持。"


@pytest.mark.parametrize(
    ("question", "clause", "said"),
    [
        ("我们登记并转化了12件著作权，最多能拿多少？", PER_ITEM, "12件著作权最多2.4万元"),
        ("我们签了八份合同，能拿多少奖补？", PER_CONTRACT, "8件成交合同最多4万元"),
        ("我们达成了3件成交合同，能拿多少？", PER_CONTRACT, "3件成交合同最多1.5万元"),
        ("我们去年融资租赁做了5000万元，能拿多少奖补？", PERCENT, "5000万元最多10万元"),
    ],
)
def test_the_askers_count_or_sum_under_the_clauses_standard_gives_an_upper_bound(question, clause, said):
    assert said in worked_cap(question, parse_amounts(clause))


def test_the_programme_total_is_said_beside_the_worked_cap():
    assert worked_cap("12件著作权能拿多少？", parse_amounts(PER_ITEM)).endswith("另受“本项目奖补总额不超过100万元”限制")


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("每件著作权奖多少？", PER_ITEM),  # no count stated
        ("我们有12件专利，能拿多少？", PER_ITEM),  # a count of something else
        ("我们有12件著作权和3件著作权许可，能拿多少？", PER_ITEM),  # two counts: which one?
        ("我们融资租赁做了5000万元，其中2000万元是知识产权，能拿多少？", PERCENT),  # two sums
        ("我们是第3家申报的，能拿多少？", PER_RECIPIENT),  # a per-recipient cap is not multiplied
        ("每签一份合同能奖多少？", PER_CONTRACT),  # a rate asked, no count
        ("我们签了1份合同，能拿多少？", PER_CONTRACT),  # one: the cap itself, nothing to work out
    ],
)
def test_no_cap_is_worked_out_when_the_arithmetic_is_not_clear_cut(question, clause):
    assert worked_cap(question, parse_amounts(clause)) == ""


def test_sums_are_read_and_written_in_the_texts_units():
    assert money_values("去年放了2亿元贷款，另有300万元") == [2e8, 3e6]
    assert [amount_text(v) for v in (800.0, 15000.0, 200000.0, 3.5e8)] == ["800元", "1.5万元", "20万元", "3.5亿元"]


RULES = {
    "示例市版权运用奖补办法.txt": (
        "示例市版权运用奖补办法\n"
        "第一条 为促进本市版权转化运用，制定本办法。\n"
        "第二条 软件著作权转化奖补。" + PER_ITEM + "\n"
        "第三条 知识产权融资租赁奖补。" + PERCENT + "\n"
        "第四条 本办法自2025年1月1日起施行，有效期至2027年12月31日。\n"
    ),
}
AS_OF = date(2025, 6, 1)

engine = engine_fixture(RULES)


@pytest.mark.slow
def test_an_amount_answer_shows_the_worked_cap_under_the_clauses_standard(engine):
    answer = engine.ask("我们公司今年转化了15件软件著作权，按办法最多能拿多少奖补？", as_of=AS_OF)
    assert answer.answerable
    assert answer.answer.splitlines()[0].startswith("每件著作权不超过2000元")
    assert "（估算，非条款原文：按每件著作权不超过2000元计，15件著作权最多3万元" in answer.answer
