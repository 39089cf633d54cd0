"""LawBench-style recitation: "X法第N条的内容是什么？" over real laws from lawrefbook.

Two figures per run:
- label accuracy: the top citation is the asked article (label) of the asked law (doc id =
  the law file's stem, normalised as the indexer does);
- text accuracy: every paragraph of the gold article text occurs in the answer plus the top
  citation's text (NFKC, whitespace ignored).

The jsonl joins the article's paragraphs with an ASCII "," — split on it *before* NFKC,
which would otherwise turn the text's own full-width "，" into the same character.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.harness import AnswersQuestions, normalize_label, normalize_text, short_doc

PIECE_SEP = ","


@dataclass(frozen=True)
class RecitationItem:
    question: str
    law: str
    article: str
    gold_text: str
    law_path: str

    @property
    def doc_id(self) -> str:
        return law_doc_id(self.law_path)

    def gold_pieces(self) -> list[str]:
        return [normalize_text(p) for p in self.gold_text.split(PIECE_SEP) if normalize_text(p)]


@dataclass(frozen=True)
class RecitationFailure:
    question: str
    expected: str
    got: str
    text_ok: bool


@dataclass
class RecitationReport:
    n: int = 0
    label_correct: int = 0
    text_correct: int = 0
    errors: int = 0
    failures: list[RecitationFailure] = field(default_factory=list)

    @property
    def label_accuracy(self) -> float:
        return self.label_correct / self.n if self.n else 0.0

    @property
    def text_accuracy(self) -> float:
        return self.text_correct / self.n if self.n else 0.0


def law_doc_id(law_path: str | Path) -> str:
    """The doc id the indexer gives a law file: its stem, NFKC, spaces as underscores."""
    return unicodedata.normalize("NFKC", Path(law_path).stem).replace(" ", "_")


def default_law_root(jsonl: Path | str) -> Path:
    """`lawrefbook/` beside `realdata/`, where the jsonl lives (../shared/realdata/…)."""
    return Path(jsonl).resolve().parent.parent / "lawrefbook"


def load_recitation(jsonl: Path | str, limit: int | None = None) -> list[RecitationItem]:
    items: list[RecitationItem] = []
    with Path(jsonl).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            items.append(
                RecitationItem(
                    question=row["question"],
                    law=row["law"],
                    article=row["article"],
                    gold_text=row["gold_text"],
                    law_path=row["law_path"],
                )
            )
            if limit is not None and len(items) >= limit:
                break
    return items


def recitation_paths(jsonl: Path | str, root: Path | str | None = None, limit: int | None = None) -> list[Path]:
    """The distinct law files the questions need indexed, in first-use order."""
    base = Path(root) if root is not None else default_law_root(jsonl)
    seen = dict.fromkeys(item.law_path for item in load_recitation(jsonl, limit))
    return [base / rel for rel in seen]


def label_correct(citation: Any, item: RecitationItem) -> bool:
    return normalize_label(citation.label) == normalize_label(item.article) and law_doc_id(citation.doc_id) == item.doc_id


def text_correct(haystack: str, item: RecitationItem) -> bool:
    text = normalize_text(haystack)
    pieces = item.gold_pieces()
    return bool(pieces) and all(piece in text for piece in pieces)


def _iter_answers(engine: AnswersQuestions, items: list[RecitationItem]) -> Iterator[tuple[RecitationItem, Any, str]]:
    for index, item in enumerate(items):
        try:
            yield item, engine.ask(item.question, session_id=f"recitation-{index}"), ""
        except Exception as exc:  # noqa: BLE001 - record and go on
            yield item, None, f"{type(exc).__name__}: {exc}"


def run_recitation(engine: AnswersQuestions, jsonl: Path | str, limit: int | None = None) -> RecitationReport:
    """Ask every recitation question and score the top citation and the recited text."""
    report = RecitationReport()
    for item, answer, error in _iter_answers(engine, load_recitation(jsonl, limit)):
        report.n += 1
        expected = f"{short_doc(item.doc_id)}:{item.article}"
        if answer is None:
            report.errors += 1
            report.failures.append(RecitationFailure(item.question, expected, error, False))
            continue
        top = answer.citations[0] if answer.citations else None
        label_ok = top is not None and label_correct(top, item)
        text_ok = text_correct(answer.answer + "\n" + (top.text if top else ""), item)
        report.label_correct += label_ok
        report.text_correct += text_ok
        if not (label_ok and text_ok):
            got = f"{short_doc(top.doc_id)}:{top.label}" if top else "(no citation)"
            report.failures.append(RecitationFailure(item.question, expected, got, text_ok))
    return report


def format_recitation(report: RecitationReport, max_failures: int = 20) -> str:
    lines = [
        f"recitation: {report.n} questions, {report.errors} errors",
        f"  top citation is the right article  {report.label_accuracy:.3f} ({report.label_correct}/{report.n})",
        f"  gold text recited                  {report.text_accuracy:.3f} ({report.text_correct}/{report.n})",
    ]
    for f in report.failures[:max_failures]:
        lines.append(f"  {f.question}  expected {f.expected} | got {f.got} | text {'ok' if f.text_ok else 'missing'}")
    if len(report.failures) > max_failures:
        lines.append(f"  … {len(report.failures) - max_failures} more")
    return "\n".join(lines)
