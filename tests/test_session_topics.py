"""Sessions over programmes of different documents: "那X呢" asks the last question of X — X replaces
the last topic instead of being searched beside it — and a question of its own that happens to end
like a follow-up ("今天天气怎么样？") is no continuation."""

from __future__ import annotations

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

PROGRAMMES = {
    "startup.txt": (
        "广州市一次性创业补贴实施办法\n"
        "第一条 为鼓励创业带动就业，制定本办法。\n"
        "第二条 在本市初创企业登记注册满6个月的创业者，可申请一次性创业补贴，每户补贴1万元。\n"
        "第三条 获得创业大赛优胜奖的项目，一次性创业补贴标准为一等奖20万元，二等奖15万元。\n"
    ),
    "trainee.txt": (
        "广州市就业见习基地管理办法\n"
        "第一条 为帮助青年积累工作经验，制定本办法。\n"
        "第二条 见习基地接收高校毕业生参加就业见习的，按每人每月2000元的标准给予就业见习补贴。\n"
        "第三条 见习期满留用率达到60%以上的，每留用一人再给予200元奖励。\n"
    ),
}

programmes = engine_fixture(PROGRAMMES)


def test_that_programme_instead_asks_the_same_of_it(programmes):
    session = "swap"
    first = programmes.ask("广州一次性创业补贴能拿多少钱？", session_id=session)
    assert first.answerable and first.citations[0].doc_id == "startup"
    second = programmes.ask("那就业见习补贴呢？", session_id=session)
    assert second.answerable and second.citations[0].doc_id == "trainee"
    assert "2000元" in second.answer


def test_a_question_of_its_own_is_not_read_as_a_follow_up(programmes):
    session = "weather"
    programmes.ask("就业见习基地管理办法现在还有效吗？", session_id=session)  # a validity answer, from the catalog
    chat = programmes.ask("今天天气怎么样？", session_id=session)
    assert not chat.answerable and chat.citations == []
