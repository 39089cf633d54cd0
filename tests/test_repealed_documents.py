"""A document asked by its number that the corpus does not hold, but a held one repeals ("自本通知印发之日起，
《…》（示政办发〔2019〕15号）停止执行"), is answered as repealed from that sentence, not with the
validity of the held document whose title resembles it."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

NEW = (
    "示例省人民政府办公厅关于进一步加大创业扶持力度的通知\n"
    "示政办发〔2023〕8号\n"
    "各市人民政府：\n"
    "一、对首次创业的高校毕业生给予一次性创业补贴5000元。\n"
    "二、各市要加强组织实施，确保政策落实。\n"
    "三、自本通知印发之日起，《示例省人民政府办公厅关于加大创业扶持力度的通知》（示政办发〔2019〕15号）停止执行。\n"
    "示例省人民政府办公厅\n"
    "2023年5月1日\n"
)
AS_OF = date(2025, 6, 1)

engine = engine_fixture({"示政办发2023-8号_进一步加大创业扶持力度的通知.txt": NEW})


@pytest.mark.parametrize(
    "question",
    ["2019年省政府办公厅那个加大创业扶持力度的通知（15号文）现在还执行吗？", "示政办发〔2019〕15号还有效吗？"],
)
def test_a_document_a_held_one_repeals_is_answered_as_repealed(engine, question):
    answer = engine.ask(question, as_of=AS_OF)
    assert answer.answerable and answer.answer.startswith("所问文件已停止执行")
    assert answer.citations[0].label == "三、"


def test_the_held_documents_own_number_is_answered_with_its_own_validity(engine):
    answer = engine.ask("示政办发〔2023〕8号还有效吗？", as_of=AS_OF)
    assert answer.answerable and "停止执行" not in answer.answer and "2023年5月1日印发" in answer.answer
