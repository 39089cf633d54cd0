"""A question naming a funded programme word for word, and asking nothing else of its own, rests on
that programme's article: 第十五条 中小企业知识产权运营能力提升项目, not its sibling 第十六条
中小企业知识产权首席运营官培养 that search ranks above it for sharing most of its words. A question
that names the programme while asking about something else (what 杨浦区 encourages) is not pulled to it."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.slow

AS_OF = date(2025, 6, 1)


@pytest.mark.parametrize(
    "question",
    ["中小企业知识产权运营能力提升项目要满足什么条件？", "中小企业知识产权运营能力提升项目的申报条件是什么？", "申报中小企业知识产权运营能力提升项目需要什么条件？"],
)
def test_the_programme_named_in_full_is_cited_first(engine, question):
    answer = engine.ask(question, as_of=AS_OF, session_id=f"named-{question}")
    assert answer.answerable and answer.citations[0].cite == "第十五条"


def test_a_question_about_something_else_that_names_the_programme_is_not_pulled_to_it(engine):
    answer = engine.ask("杨浦区鼓励哪些单位申报市级高价值专利升级培育项目？", as_of=AS_OF, session_id="named-elsewhere")
    assert answer.answerable and "杨浦区" in answer.citations[0].doc_title
