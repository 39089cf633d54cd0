"""A question names a funded programme by most of its name, or by a run of it that no other listed
programme's name holds."""

from __future__ import annotations

import pytest

from chat.compose import names_program

PROGRAMMES = ["中小企业知识产权运营能力提升项目", "高价值专利升级培育项目", "高价值专利培育中心建设", "中小企业知识产权首席运营官培养"]


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("还能申报中小企业知识产权运营能力提升项目吗？", "中小企业知识产权运营能力提升项目"),
        ("军民融合领域的中小企业能申报运营能力提升项目吗？", "中小企业知识产权运营能力提升项目"),
        ("首席运营官培养的经费有多少？", "中小企业知识产权首席运营官培养"),
        ("升级培育项目选几家？", "高价值专利升级培育项目"),
    ],
)
def test_a_question_names_one_programme(question, named):
    assert [p for p in PROGRAMMES if names_program(question, p, PROGRAMMES)] == [named]


@pytest.mark.parametrize("question", ["中小企业能申报哪些知识产权项目？", "高价值专利有什么支持？"])
def test_words_every_programme_shares_name_none(question):
    assert not [p for p in PROGRAMMES if names_program(question, p, PROGRAMMES)]
