"""A sum asked of a programme whose best passage is one of its conditions ("②退役军人"): the sum is
the programme's, stated by the article (or item) the condition belongs to ("补贴标准：10000元"); the
answer leads with it, not with "未载明具体金额" over the condition."""

from __future__ import annotations

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

GUIDE = {
    "示例市创业补贴申领指南.txt": (
        "示例市创业补贴申领指南\n"
        "1、一次性创业资助\n"
        "补贴条件：\n"
        "（1）初创企业的法定代表人符合以下条件之一：\n"
        "①普通高等学校毕业5年内的学生；\n"
        "②退役军人；\n"
        "③登记失业人员。\n"
        "（2）初创企业登记注册满6个月，申请前连续3个月有在职员工正常缴纳社会保险费。\n"
        "补贴标准：8000元。补贴期限：一次性。\n"
        "2、创业租金补贴\n"
        "补贴条件：\n"
        "（1）初创企业租赁场地用于经营，场地非法定代表人自有物业。\n"
        "（2）初创企业申请前连续3个月有在职员工正常缴纳社会保险费。\n"
        "补贴标准：每连续租满1年补贴5000元。补贴期限：累计不超过3年。\n"
    ),
}

guide = engine_fixture(GUIDE)


def test_a_condition_item_is_led_by_its_programmes_sum(guide):
    answer = guide.ask("高校毕业生创业，一次性创业资助是多少钱？")
    assert answer.answerable
    assert answer.answer.startswith("8000元"), answer.answer
    assert answer.citations[0].label.startswith("1"), [c.label for c in answer.citations]


def test_the_sum_of_the_programme_asked_not_of_another(guide):
    answer = guide.ask("创业租金补贴每年补多少？")
    assert answer.answerable and "5000元" in answer.answer.splitlines()[0], answer.answer
    assert "8000元" not in answer.answer.splitlines()[0]
