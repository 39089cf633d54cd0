"""The labelled sets of issue 10 (eval/intents.jsonl, eval/out_of_scope.jsonl): they load, are big
enough, cover every intent and kind, and hold no duplicates; bad lines are reported by number."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from chat.understand import INTENTS
from eval.labelled_sets import (
    OOS_KINDS,
    SOURCES,
    LabelledQuestion,
    LabelledSetError,
    OutOfScopeQuestion,
    load_intents,
    load_out_of_scope,
)
from eval.labeller_agreement import LABELLERS_FILE, agreement

MIN_PER_INTENT = {"eligibility": 40, "obligation": 40, "amount": 40, "deadline": 40, "target": 40, "validity": 40, "lookup": 25}


@pytest.fixture(scope="module")
def intents() -> list[LabelledQuestion]:
    return load_intents()


@pytest.fixture(scope="module")
def out_of_scope() -> list[OutOfScopeQuestion]:
    return load_out_of_scope()


def _key(question: str) -> str:
    """The question without width, case, whitespace and punctuation differences."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", question).lower() if unicodedata.category(ch)[0] in "LN")


def test_files_load_with_enough_rows(intents, out_of_scope) -> None:
    assert len(intents) >= 600
    assert len(out_of_scope) >= 200


def test_ids_are_unique_within_and_across_files(intents, out_of_scope) -> None:
    ids = [r.id for r in intents] + [r.id for r in out_of_scope]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_both_labellers_labelled_every_row_with_a_known_intent(intents) -> None:
    rows = [json.loads(line) for line in LABELLERS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert sorted(r["id"] for r in rows) == sorted(r.id for r in intents)
    assert {r["a"] for r in rows} | {r["b"] for r in rows} <= set(INTENTS)


def test_agreement_is_one_for_identical_labels_and_chance_corrected_for_others() -> None:
    assert agreement([("amount", "amount"), ("general", "general")]) == (1.0, 1.0)
    observed, kappa = agreement([("amount", "general"), ("general", "amount"), ("amount", "amount"), ("general", "general")])
    assert observed == 0.5 and kappa == 0.0


def test_every_intent_source_and_kind_is_valid(intents, out_of_scope) -> None:
    assert {r.intent for r in intents} == set(INTENTS)  # every intent is used, no other
    assert {r.source for r in intents} == set(SOURCES)
    assert {r.kind for r in out_of_scope} == set(OOS_KINDS)


def test_minimum_count_per_intent_and_general_is_largest(intents) -> None:
    counts = Counter(r.intent for r in intents)
    short = {intent: counts[intent] for intent, least in MIN_PER_INTENT.items() if counts[intent] < least}
    assert short == {}
    assert counts.most_common(1)[0][0] == "general"


def test_no_question_is_duplicated(intents, out_of_scope) -> None:
    for rows in (intents, out_of_scope):
        keys = Counter(_key(r.question) for r in rows)
        assert [k for k, n in keys.items() if n > 1] == []


def test_no_out_of_scope_question_is_also_labelled_with_an_intent(intents, out_of_scope) -> None:
    assert {_key(r.question) for r in intents} & {_key(r.question) for r in out_of_scope} == set()


def test_follow_ups_point_at_an_earlier_question(intents) -> None:
    position = {r.id: i for i, r in enumerate(intents)}
    follow_ups = [r for r in intents if r.follows]
    assert follow_ups
    assert all(position[r.follows] < position[r.id] for r in follow_ups)


GOOD = {
    "id": "x1",
    "question": "杨浦区到2026年有效发明专利要达到多少件？",
    "intent": "target",
    "slots": {"place": "杨浦区", "year": 2026},
    "source": "written",
}


def _write(tmp_path: Path, rows: list) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({**GOOD, "id": "x2", "intent": "out_of_scope"}, "intent 'out_of_scope' is not one of"),
        ({**GOOD, "id": "x2", "source": "web"}, "source 'web' is not one of"),
        ({**GOOD, "id": "x2", "slots": {"place": "深圳"}}, "slot place='深圳' does not occur in the question"),
        ({**GOOD, "id": "x2", "slots": {"year": 2025}}, "slot year=2025 does not occur in the question"),
        ({**GOOD, "id": "x2", "slots": {"city": "杨浦区"}}, "unknown slot(s) ['city']"),
        ({k: v for k, v in GOOD.items() if k != "slots"} | {"id": "x2"}, "missing field(s) ['slots']"),
        ({**GOOD, "id": "x1"}, "duplicate id 'x1'"),
        ({**GOOD, "id": "x2", "follows": "x9"}, "'follows' must name an earlier row's id"),
        ('{"id": "x2", "question": ', "not valid JSON"),
    ],
)
def test_bad_intent_line_is_reported_with_its_line_number(tmp_path, bad, message) -> None:
    path = _write(tmp_path, [GOOD, bad])
    with pytest.raises(LabelledSetError, match=re.escape(f"{path}:2: ")) as info:
        load_intents(path)
    assert info.value.line == 2
    assert message in str(info.value)


def test_bad_out_of_scope_line_is_reported_with_its_line_number(tmp_path) -> None:
    good = {"id": "o1", "question": "海王星发明专利每件资助多少钱？", "kind": "nonexistent_program", "note": "fictional"}
    path = _write(tmp_path, [good, "", {**good, "id": "o2", "kind": "weather"}])
    with pytest.raises(LabelledSetError, match=re.escape(f"{path}:3: kind 'weather' is not one of")):
        load_out_of_scope(path)
    assert load_out_of_scope(_write(tmp_path, [good])) == [OutOfScopeQuestion(**good)]
