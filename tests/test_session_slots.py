"""Follow-ups that name only what they ask, or only who asks: "那申请条件呢？" after a question on a
programme's rent asks the programme's conditions (the last question's words before its 的, with the
slot swapped); "外地户籍能申请吗？" says something of the asker and names no topic of its own, so it is
asked of the last one."""

from __future__ import annotations

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

TEXTS = {
    "苏州市保障性租赁住房管理办法.txt": (
        "苏州市保障性租赁住房管理办法\n"
        "第一条 为规范保障性租赁住房管理，制定本办法。\n"
        "第二条 申请保障性租赁住房应当同时符合下列条件：申请人具有本市城镇户籍，家庭人均收入低于本市规定标准，且在本市无自有住房。"
        "非本市户籍人员在本市连续缴纳社会保险满3年的，可以申请。\n"
        "第三条 保障性租赁住房的租金按同地段市场租金的60%确定，每两年调整一次；租金调整方案由市住房保障部门公布，"
        "承租保障性租赁住房的家庭按调整后的租金标准缴纳租金。\n"
        "第四条 市住房保障部门负责保障性租赁住房的统筹管理。\n"
    ),
    "苏州市人才公寓管理办法.txt": (
        "苏州市人才公寓管理办法\n"
        "第一条 为吸引人才，制定本办法。\n"
        "第二条 人才公寓租期最长3年，租金按市场租金的70%收取。\n"
    ),
}
engine = engine_fixture(TEXTS)


def test_a_follow_up_naming_only_a_slot_asks_it_of_the_last_topic(engine):
    session = "slot-swap"
    assert engine.ask("苏州市保障性租赁住房的租金标准怎么定，多久调整一次？", session_id=session).citations[0].cite == "第三条"
    answer = engine.ask("那申请条件呢？", session_id=session)
    assert answer.answerable and answer.citations[0].cite == "第二条"


def test_a_follow_up_saying_only_who_asks_is_asked_of_the_last_topic(engine):
    session = "asker-only"
    engine.ask("苏州市保障性租赁住房的申请条件是什么？", session_id=session)
    answer = engine.ask("外地户籍能申请吗？", session_id=session)
    assert answer.answerable and answer.citations[0].cite == "第二条"
