"""What a long question says of itself is no claim about the corpus: a pointer to a programme an earlier
part names, a place where the asker's partner is, a plan the asker is writing, whose a programme is
("市里…"). None of them is a reason to refuse."""

from __future__ import annotations

import pytest

from chat.scope import named_documents, places_named, program_names
from chat.understand import refers_back


@pytest.mark.parametrize(
    ("question", "points_back"),
    [
        ("现在还能申报中小企业知识产权运营能力提升项目吗？这个项目给多少钱？", False),
        ("我们想报公共专利墙项目，这个项目谁能牵头？", False),
        ("这个项目给多少钱？", True),  # nothing named: the last answer's
        ("申报这个项目要什么条件？", True),
        ("杨府发〔2024〕4号这个方案是管哪几年的？", False),  # in apposition to a 文号
        ("沪府办发〔2024〕7号 这个文件还有效吗？", False),
        # the question has told what it points at; who asks is no such telling
        ("我们是转制的文化企业，听说国有资本收益可以免缴，这个政策管到什么时候？", False),
        ("我们是科技型中小企业，这个政策还能申请吗？", True),
    ],
)
def test_a_pointer_to_what_the_question_itself_names_points_at_it(question, points_back):
    assert refers_back(question) is points_back


@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("我们把专利许可给了本市一家中小企业，能拿多少奖励？同期许可给江苏一家企业的那件也能算吗？", []),
        ("把专利卖给浙江的公司，有奖励吗？", []),
        ("江苏的企业能申请吗？", ["江苏"]),
    ],
)
def test_where_the_askers_partner_is_is_no_place_asked_about(question, places):
    assert places_named(question) == places


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("我们行在做普惠贷款规划，想知道质押融资到2025年底要到多大规模？", []),
        ("我们在编制十四五知识产权规划，市里有什么目标？", []),
        ("我们想了解杨浦区知识产权资助办法", ["杨浦区知识产权资助办法"]),
    ],
)
def test_a_plan_the_asker_writes_is_no_document_asked_about(question, names):
    assert named_documents(question) == names


def test_whose_a_programme_is_is_no_part_of_its_name():
    assert program_names("听说市里专利转化行动里有两件事要全覆盖，分别是什么？") == ["专利转化行动"]


@pytest.mark.parametrize(
    "question",
    [
        "我们是专精特新中小企业，已经拿到了上海市专利工作试点示范单位的认定，现在还能申报中小企业知识产权运营能力提升项目吗？这个项目给多少钱？",
        "我是高校技术转移中心的，2023年3月我们把一件专利许可给了本市一家中小企业，能拿多少奖励？同期许可给江苏一家企业的那件也能算吗？",
        "我们行在做普惠贷款规划，想知道市里定的专利商标质押融资到2025年底要到多大规模？",
        "听说市里专利转化行动里有两件事要对专精特新小巨人企业全覆盖，截止到什么时候？",
    ],
)
def test_the_engine_answers_such_questions(engine, question):
    assert engine.ask(question).answerable
