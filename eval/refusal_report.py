"""Refusals on the out-of-scope set (`eval/out_of_scope.jsonl`) over the bundled corpus.

Each question is asked in a fresh session; a refusal is an answer with `answerable` False.
Recall is per kind and overall; precision counts, beside these, the answerable questions of
the seeds dev set the engine refused (`answerable_refused`, from the dev-set run).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from eval.labelled_sets import OOS_KINDS, load_out_of_scope


@dataclass(frozen=True)
class RefusalReport:
    refused: Counter = field(default_factory=Counter)  # kind -> refused
    asked: Counter = field(default_factory=Counter)  # kind -> asked
    answered: list[tuple[str, str]] = field(default_factory=list)  # (kind, question) answered although out of scope

    @property
    def recall(self) -> float:
        return sum(self.refused.values()) / max(sum(self.asked.values()), 1)

    def precision(self, answerable_refused: int) -> float:
        refused = sum(self.refused.values())
        return refused / max(refused + answerable_refused, 1)


def run_out_of_scope(engine: Any) -> RefusalReport:
    report = RefusalReport()
    for q in load_out_of_scope():
        answer = engine.ask(q.question)
        report.asked[q.kind] += 1
        if answer.answerable:
            report.answered.append((q.kind, q.question))
        else:
            report.refused[q.kind] += 1
    return report


def format_refusals(report: RefusalReport, answerable_refused: int, answerable: int) -> str:
    lines = [
        f"out-of-scope set: {sum(report.asked.values())} questions, refused {sum(report.refused.values())} "
        f"(recall {report.recall:.3f}); with the dev set's {answerable_refused}/{answerable} answerable questions "
        f"refused, precision {report.precision(answerable_refused):.3f}",
        "  " + "  ".join(f"{k} {report.refused[k]}/{report.asked[k]}" for k in OOS_KINDS if report.asked[k]),
    ]
    lines += [f"  answered: [{kind}] {question}" for kind, question in report.answered]
    return "\n".join(lines)
