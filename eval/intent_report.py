"""Intent accuracy on `eval/intents.jsonl`: a confusion matrix and per-intent precision/recall.

`policykb eval --set intents` reports the held-out fifth (the rows `eval.fit_intents` never
fitted on) and, for reference, the fitted rows. A follow-up row ("那高校呢？", `follows` set) is
judged as the engine reads it: in the session of the question it follows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from chat.understand import INTENTS
from eval.fit_intents import is_held_out
from eval.labelled_sets import LabelledQuestion, load_intents


@dataclass(frozen=True)
class IntentScores:
    n: int
    accuracy: float
    confusion: dict[tuple[str, str], int]  # (labelled, predicted) -> count
    errors: list[tuple[str, str, str, str]]  # (id, labelled, predicted, question)

    def precision_recall(self, intent: str) -> tuple[float | None, float | None]:
        predicted = sum(k for (_, p), k in self.confusion.items() if p == intent)
        labelled = sum(k for (gold, _), k in self.confusion.items() if gold == intent)
        right = self.confusion.get((intent, intent), 0)
        return (right / predicted if predicted else None, right / labelled if labelled else None)


def predict_all(rows: list[LabelledQuestion]) -> dict[str, str]:
    """Row id -> the intent the engine acts on (a follow-up's from its session)."""
    from chat.understand import continue_session, understand

    by_id = {r.id: r for r in rows}
    predicted: dict[str, str] = {}
    for row in rows:
        u = understand(row.question)
        if row.follows and row.follows in by_id:
            u = continue_session(row.question, u, understand(by_id[row.follows].question)) or u
        predicted[row.id] = u.intent
    return predicted


def score(rows: list[LabelledQuestion], predicted: dict[str, str]) -> IntentScores:
    confusion = Counter((r.intent, predicted[r.id]) for r in rows)
    errors = [(r.id, r.intent, predicted[r.id], r.question) for r in rows if predicted[r.id] != r.intent]
    return IntentScores(len(rows), 1 - len(errors) / max(len(rows), 1), dict(confusion), errors)


def intent_report() -> tuple[IntentScores, IntentScores]:
    """(held-out fifth, fitted rows)."""
    rows = load_intents()
    predicted = predict_all(rows)
    return score([r for r in rows if is_held_out(r.id)], predicted), score([r for r in rows if not is_held_out(r.id)], predicted)


def _fmt(value: float | None) -> str:
    return "   –" if value is None else f"{value:.2f}"


def format_intent_report(held: IntentScores, fitted: IntentScores) -> str:
    names = [i for i in INTENTS if any(i in pair for pair in held.confusion)]
    short = {i: i[:5] for i in names}
    lines = [
        f"intents: held-out fifth {held.n} questions, accuracy {held.accuracy:.3f}  (fitted rows: {fitted.n}, {fitted.accuracy:.3f})",
        "",
        "confusion (rows: labelled, columns: predicted)",
        "labelled     " + " ".join(f"{short[i]:>5}" for i in names) + "   prec  recall",
    ]
    for gold in names:
        cells = " ".join(f"{held.confusion.get((gold, p), 0):5d}" for p in names)
        precision, recall = held.precision_recall(gold)
        lines.append(f"{gold:12} {cells}   {_fmt(precision)}  {_fmt(recall)}")
    lines += ["", "held-out errors:"]
    lines += [f"  {i}  {gold} -> {pred}  {q}" for i, gold, pred, q in held.errors]
    return "\n".join(lines)
