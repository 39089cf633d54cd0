"""Labelled question sets for question understanding and refusal (issue 10).

Two JSON-lines files next to this module:

- `intents.jsonl`: questions labelled with the intent the asker has and the slots they state,
  {"id", "question", "intent", "slots": {"subject"?, "unit"?, "document"?, "place"?, "year"?},
  "source": "devset"|"stard"|"ncpqa"|"written", "follows"?}. `intent` is one of the product's
  intents (`chat.understand.INTENTS`). Slot strings are spans of the question as written (the
  surface form, not a canonical name); `year` is an int written in the question. `follows` is
  the id of an earlier row when the question continues it in a session ("那高校呢？").
- `out_of_scope.jsonl`: questions the bundled corpus cannot answer, {"id", "question", "kind",
  "note"}, `kind` one of `OOS_KINDS`; `note` says why (with the corpus grep that was checked).

`load_intents` / `load_out_of_scope` read a file into dataclasses and raise `LabelledSetError`,
naming the file and line, on the first bad line.

Labelling guideline (the intent is the form of the answer the asker wants):
- amount: a sum or rate of money (补助多少, 报销比例, 罚款多少, 贴息比率);
- deadline: a date or a duration (何时, 多久, 期限, 诉讼时效);
- target: a planned quantitative goal (要达到多少, 指标);
- obligation: what a named body must do or is responsible for (职责, 义务, 采取了什么措施, 由谁负责);
- eligibility: who qualifies, whether the asker does, what support is available to whom;
- validity: whether a document is in force, when it was issued or takes effect, its binding force;
- lookup: the text of a named clause;
- general: anything else (definitions, procedures, counts, how a measure works).

At the boundary, in order (the procedure two labellers followed blind, agreeing on 96.6% of rows):
1. a sum or rate of money, also how it is worked out (怎么计算) or whether one is due (需要交费吗) →
   amount; a date, a number of days/months/years → deadline, but a document's own issue date,
   start, period or force → validity; a planned quantitative goal → target;
2. support, relief or favourable treatment a named beneficiary group receives, or who can get it →
   eligibility, even phrased "采取了什么措施" or "怎么规定的";
3. what a body must do, is responsible for, or did as measures → obligation;
4. else general: reported facts, counts that are no goal (a selection quota "遴选几所" included),
   a person's procedures, legal consequences and liability ("是否应当承担责任"), whether a contract
   is valid, "X政策什么样" with no beneficiary.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chat.understand import INTENTS

EVAL_DIR = Path(__file__).resolve().parent
INTENTS_FILE = EVAL_DIR / "intents.jsonl"
OUT_OF_SCOPE_FILE = EVAL_DIR / "out_of_scope.jsonl"

SOURCES = ("devset", "stard", "ncpqa", "written")
OOS_KINDS = ("other_place", "near_domain", "nonexistent_program", "nonexistent_document", "chit_chat", "off_domain")
TEXT_SLOTS = ("subject", "unit", "document", "place")
SLOT_KEYS = (*TEXT_SLOTS, "year")


class LabelledSetError(ValueError):
    """A bad line in a labelled set: the message names the file and the 1-based line number."""

    def __init__(self, path: Path, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


@dataclass(frozen=True)
class Slots:
    subject: str | None = None
    unit: str | None = None
    document: str | None = None
    place: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class LabelledQuestion:
    id: str
    question: str
    intent: str
    slots: Slots
    source: str
    follows: str | None = None


@dataclass(frozen=True)
class OutOfScopeQuestion:
    id: str
    question: str
    kind: str
    note: str


def _rows(path: Path, required: set[str], optional: set[str]):
    """(line number, object) for each non-blank line; JSON, key set and id are checked here."""
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for number, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise LabelledSetError(path, number, f"not valid JSON ({exc.msg})") from None
            if not isinstance(obj, dict):
                raise LabelledSetError(path, number, f"expected a JSON object, got {type(obj).__name__}")
            missing = required - obj.keys()
            if missing:
                raise LabelledSetError(path, number, f"missing field(s) {sorted(missing)}")
            unknown = obj.keys() - required - optional
            if unknown:
                raise LabelledSetError(path, number, f"unknown field(s) {sorted(unknown)}")
            for key in ("id", "question"):
                if not isinstance(obj[key], str) or not obj[key].strip():
                    raise LabelledSetError(path, number, f"{key!r} must be a non-empty string")
            if obj["id"] in seen:
                raise LabelledSetError(path, number, f"duplicate id {obj['id']!r}")
            seen.add(obj["id"])
            yield number, obj, seen


def _choice(path: Path, number: int, obj: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str:
    value = obj[key]
    if value not in allowed:
        raise LabelledSetError(path, number, f"{key} {value!r} is not one of {', '.join(allowed)}")
    return value


def _slots(path: Path, number: int, question: str, raw: Any) -> Slots:
    if not isinstance(raw, dict):
        raise LabelledSetError(path, number, "'slots' must be an object")
    unknown = raw.keys() - set(SLOT_KEYS)
    if unknown:
        raise LabelledSetError(path, number, f"unknown slot(s) {sorted(unknown)}; allowed: {', '.join(SLOT_KEYS)}")
    for key in TEXT_SLOTS:
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise LabelledSetError(path, number, f"slot {key!r} must be a non-empty string")
        if value not in question:
            raise LabelledSetError(path, number, f"slot {key}={value!r} does not occur in the question")
    year = raw.get("year")
    if year is not None:
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
            raise LabelledSetError(path, number, f"slot 'year' must be an integer year, got {year!r}")
        if str(year) not in question:
            raise LabelledSetError(path, number, f"slot year={year} does not occur in the question")
    return Slots(**raw)


def load_intents(path: Path | str = INTENTS_FILE) -> list[LabelledQuestion]:
    """The questions of `path` labelled with intent and slots; LabelledSetError on a bad line."""
    path = Path(path)
    rows: list[LabelledQuestion] = []
    for number, obj, seen in _rows(path, {"id", "question", "intent", "slots", "source"}, {"follows"}):
        follows = obj.get("follows")
        if follows is not None and (follows == obj["id"] or follows not in seen):
            raise LabelledSetError(path, number, f"'follows' must name an earlier row's id, got {follows!r}")
        rows.append(
            LabelledQuestion(
                id=obj["id"],
                question=obj["question"],
                intent=_choice(path, number, obj, "intent", INTENTS),
                slots=_slots(path, number, obj["question"], obj["slots"]),
                source=_choice(path, number, obj, "source", SOURCES),
                follows=follows,
            )
        )
    return rows


def load_out_of_scope(path: Path | str = OUT_OF_SCOPE_FILE) -> list[OutOfScopeQuestion]:
    """The questions of `path` the corpus cannot answer; LabelledSetError on a bad line."""
    path = Path(path)
    rows: list[OutOfScopeQuestion] = []
    for number, obj, _ in _rows(path, {"id", "question", "kind", "note"}, set()):
        if not isinstance(obj["note"], str) or not obj["note"].strip():
            raise LabelledSetError(path, number, "'note' must be a non-empty string")
        rows.append(
            OutOfScopeQuestion(
                id=obj["id"], question=obj["question"], kind=_choice(path, number, obj, "kind", OOS_KINDS), note=obj["note"]
            )
        )
    return rows
