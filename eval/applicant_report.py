"""Applicants precision (issue 12): is a subject an eligibility answer lists as able to apply for a
program really one who applies, not one the program serves or merely mentions?

`eval/applicants.jsonl` holds labelled (subject, funded clause) pairs, {"set", "doc", "doc_title",
"cite", "subject", "applicant", "note", "text"}: every subject word (`kb.lexicon`) of every funded
clause with an amount, labelled by a reader who did not see the rules, from the clause text alone.
`set` says how the pair was used:

- "dev": the bundled texts and the ten Guangzhou notices of ../shared/realdata/html; the rules of
  `indexer.extract_applicants` were written reading these;
- "second": 90 pairs sampled from the NCPQA notices; measured once as held out (precision 0.722),
  then read to generalise the rules (which makes it development data since);
- "held_out": 45 pairs from NCPQA notices of other documents and the shared gov_notices/pdf,
  labelled after those rules were fixed and measured once (precision 0.708); its errors (lenders
  counted as applicants) were then read, so it too is development data now;
- "written": 70 funding clauses written for this set by a helper who never saw the rules or the
  corpus (eleven domains, half of the named parties applicants, half served, lending, partnering,
  administering or a location), measured once after the rules were fixed (precision 0.882).

eval/QUALITY.md keeps the first, unseen measurement of each set.

The eligibility search lists a program for an asker exactly when `program_applicants` holds the
asker's kind, so the extractor's precision on these pairs is the listing's precision.

    policykb eval --set applicants
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from eval.harness import BinaryScores
from indexer.extract_applicants import applicants

APPLICANTS_FILE = Path(__file__).resolve().parent / "applicants.jsonl"
SETS = ("dev", "second", "held_out", "written")


@dataclass(frozen=True)
class ApplicantScores(BinaryScores):
    """tp: listed and an applicant; fp: listed, not an applicant; fn: an applicant not listed."""

    errors: tuple[str, ...] = ()


def load_pairs(path: Path = APPLICANTS_FILE) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for i, row in enumerate(rows, 1):
        if row.get("set") not in SETS or not isinstance(row.get("applicant"), bool) or not row.get("text") or not row.get("subject"):
            raise ValueError(f"{path}:{i}: needs set in {SETS}, a boolean applicant, a subject and a text")
    return rows


def applicant_scores(rows: list[dict]) -> dict[str, ApplicantScores]:
    scores = {}
    for name in SETS:
        counts, errors = Counter(), []
        for row in (r for r in rows if r["set"] == name):
            listed = row["subject"] in applicants(row["text"])
            counts[(listed, row["applicant"])] += 1
            if listed != row["applicant"]:
                what = "listed, not an applicant" if listed else "applicant, not listed"
                errors.append(f"{what}: {row['subject']} @ {row['doc'][:16]} {row['cite']} ({row['note']})")
        scores[name] = ApplicantScores(
            tp=counts[(True, True)], fp=counts[(True, False)], fn=counts[(False, True)], tn=counts[(False, False)], errors=tuple(errors)
        )
    return scores


def format_applicants(scores: dict[str, ApplicantScores], show_errors: int = 12) -> str:
    def pct(v: float | None) -> str:
        return "–" if v is None else f"{v:.3f}"

    lines = ["applicants (subject, funded clause) pairs", f"{'set':10} {'n':>4} {'precision':>10} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4} {'tn':>4}"]
    for name, s in scores.items():
        n = s.tp + s.fp + s.fn + s.tn
        lines.append(f"{name:10} {n:4d} {pct(s.precision):>10} {pct(s.recall):>7} {s.tp:4d} {s.fp:4d} {s.fn:4d} {s.tn:4d}")
    for name, s in scores.items():
        for error in s.errors[:show_errors]:
            lines.append(f"  [{name}] {error}")
    return "\n".join(lines)
