"""A unit's obligations asked with a topic: the passage that answers may name the unit without being
one of its tagged tasks ("工信部将千方百计保障…" in a notice that also assigns it numbered tasks).
Then that passage answers, not the list of tagged tasks."""

from __future__ import annotations

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

NOTICES = {
    "关于做好医疗物资保障工作的通知.txt": (
        "关于做好医疗物资保障工作的通知\n"
        "一、工业和信息化部负责组织口罩生产企业复工复产，扩大产能。\n"
        "二、（工业和信息化部牵头，国家发展改革委参与）协调原材料供应和物流运输。\n"
        "三、各地要做好医疗废物的收集和处置工作。\n"
        "四、据介绍，工信部将千方百计保障医用防护服供应，组织企业开展技术改造，新增生产线。\n"
    ),
    "关于促进消费的实施方案.txt": (
        "关于促进消费的实施方案\n"
        "一、（商务部牵头，市场监管总局参与）２０２４年底前建成一批智慧商圈。\n"
        "二、（商务部牵头）２０２５年６月底前完成老字号品牌评定。\n"
        "三、（文化和旅游部牵头）举办全国消费促进月活动。\n"
    ),
    "关于做好春季农业生产的通知.txt": (
        "关于做好春季农业生产的通知\n"
        "一、农业农村部负责指导各地做好春耕备耕。\n"
        "二、各地要保障化肥、种子等农资供应。\n"
    ),
    "关于支持小微企业融资的意见.txt": (
        "关于支持小微企业融资的意见\n"
        "一、发挥融资担保作用。各地政府性融资担保基金应优先为小微企业提供低费率担保。（财政部、人民银行负责）\n"
        "二、完善贷款贴息政策。符合条件的小微企业可申请贷款贴息。（人民银行负责）\n"
    ),
}


engine = engine_fixture(NOTICES)


def test_a_passage_naming_the_unit_answers_before_its_tagged_tasks(engine):
    answer = engine.ask("工信部采用了哪些方法来保障医用防护服供应？")
    assert answer.answerable
    assert answer.citations[0].label == "四、"


def test_a_question_on_the_unit_s_tasks_still_lists_them(engine):
    answer = engine.ask("工业和信息化部负责哪些工作？")
    assert answer.answerable
    assert {c.label for c in answer.citations[:2]} == {"一、", "二、"}


@pytest.mark.parametrize(
    ("question", "said", "labels"),
    [
        ("工业和信息化部牵头哪些任务？", "牵头的任务1项", ["二、"]),
        ("国家发展改革委牵头哪些任务？", "没有牵头的任务", ["二、"]),  # it only takes part
        ("2024年底前商务部要完成什么？", "时限在2024年的任务1项", ["一、"]),  # the text writes ２０２４年底
        ("商务部2025年要做哪些工作？", "时限在2025年的任务1项", ["二、"]),
        ("工业和信息化部和国家发展改革委共同负责哪些工作？", "共同承担的任务1项", ["二、"]),
    ],
)
def test_a_units_tasks_asked_by_role_year_or_together_are_those_tasks(engine, question, said, labels):
    answer = engine.ask(question)
    assert answer.answerable and said in answer.answer
    assert [c.label for c in answer.citations] == labels


def test_where_no_text_names_a_lead_the_answer_says_so_and_lists_the_units_tasks(engine):
    answer = engine.ask("农业农村部牵头哪些任务？")
    assert answer.answerable and "未区分牵头与参与单位" in answer.answer


def test_units_sharing_no_task_are_told_so_and_each_listed(engine):
    answer = engine.ask("农业农村部和商务部共同负责哪些工作？")
    assert answer.answerable and "没有共同承担的任务" in answer.answer
    assert {c.doc_id for c in answer.citations} == {"关于做好春季农业生产的通知", "关于促进消费的实施方案"}


def test_a_task_whose_only_mention_of_the_unit_is_its_responsibility_note_is_shown_by_what_it_asks(engine):
    """"（财政部、人民银行负责）" names the unit, but what the unit must do is the item's text."""
    answer = engine.ask("财政部负责哪些工作？")
    task = next(line for line in answer.answer.splitlines() if line.startswith("- 一、"))
    assert "发挥融资担保作用" in task and "负责）" not in task
