"""Answer form for figure questions (amount, deadline, target): the direct answer first, every
figure in it marked ［n］ for the citation that states it verbatim, and no sentence said twice."""

from __future__ import annotations

import re

import pytest

from eval.answer_form import repeated_sentence
from eval.harness import load_devset
from kb.textnorm import nfkc

FIGURE_QUESTIONS = [d for d in load_devset() if d.answerable and d.intent in ("amount", "deadline", "target") and not d.session]
MARKED = re.compile(r"([^；。［］]+)［(\d+)］")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", nfkc(text))


@pytest.mark.parametrize("item", FIGURE_QUESTIONS, ids=[d.id for d in FIGURE_QUESTIONS])
def test_every_figure_of_the_direct_answer_is_marked_and_stated_by_its_citation(engine, item):
    answer = engine.ask(item.question, as_of=item.as_of)
    if not answer.answerable or answer.intent not in ("amount", "deadline", "target"):
        pytest.skip(f"answered as {answer.intent!r}, answerable={answer.answerable}: not a figure answer")
    first = answer.answer.splitlines()[0]
    if first.startswith("［"):  # no figure extracted from the best clause: it is quoted instead
        return
    marked = MARKED.findall(first)
    assert marked, first
    for figure, number in marked:
        cited = answer.citations[int(number) - 1]
        for part in figure.split("；"):
            assert squeeze(part) in squeeze(cited.text), (part, cited.cite)


@pytest.mark.parametrize("item", FIGURE_QUESTIONS, ids=[d.id for d in FIGURE_QUESTIONS])
def test_no_sentence_of_a_figure_answer_is_said_twice(engine, item):
    assert repeated_sentence(engine.ask(item.question, as_of=item.as_of).answer) is None
