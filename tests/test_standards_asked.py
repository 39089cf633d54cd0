"""A standard asked by its short name or asked how much ("低保标准是多少？", "认定标准是多少？"): the sum
stated *of* it, per person and month as written, not another standard defined by it."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

TEXTS = {
    "示例市最低生活保障及相关社会救助标准的通知.txt": (
        "示例市民政局 示例市财政局关于印发我市2025年最低生活保障及相关社会救助标准的通知\n"
        "示民规字〔2025〕2号\n"
        "一、社会救助标准\n"
        "（一）全市城乡最低生活保障标准为每人每月1309元。\n"
        "（二）最低生活保障边缘家庭认定标准按最低生活保障标准的1.5倍确定，为每人每月1963.5元。\n"
        "（三）特困人员基本生活标准按本市最低生活保障标准的1.6倍且不低于所在区现行特困人员基本生活标准确定，"
        "其中：市财政供养的特困人员基本生活标准为每人每月2094.4元。\n"
        "二、标准执行时间\n"
        "本通知规定的标准从2025年1月1日起执行。本通知有效期1年。\n"
    ),
    "示例市临时救助实施细则.txt": (
        "示例市临时救助实施细则\n"
        "第一条 为规范临时救助工作，制定本细则。\n"
        "第二条 低保对象、特困人员遭遇突发事件的，可以申请临时救助。\n"
        "第三条 临时救助金额按照救助对象的困难程度确定。\n"
    ),
}
AS_OF = date(2025, 6, 1)

engine = engine_fixture(TEXTS)


@pytest.mark.parametrize(("question", "sum_said"), [("示例市低保标准是多少？", "每人每月1309元"), ("低保边缘家庭的认定标准是多少？", "每人每月1963.5元")])
def test_the_sum_stated_of_the_standard_asked_is_the_answer(engine, question, sum_said):
    answer = engine.ask(question, as_of=AS_OF)
    assert answer.answerable and answer.intent == "amount"
    assert answer.answer.splitlines()[0].startswith(sum_said)
    assert "2094.4" not in answer.answer.splitlines()[0]
