"""How far two labellers agree on the intents of `eval/intents.jsonl`: the ceiling a model fitted on
these labels can be expected to approach.

    python -m eval.labeller_agreement

`eval/intent_labellers.jsonl` holds, per row of `intents.jsonl`, the intents two labellers gave
without seeing each other's labels, the existing labels or any model ("a", "b"), and for rows that
existed before they labelled, the label then ("before"). Both followed the procedure written in
`eval/labelled_sets.py`. Printed: raw agreement and Cohen's kappa for each pair.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from eval.labelled_sets import EVAL_DIR, load_intents

LABELLERS_FILE = EVAL_DIR / "intent_labellers.jsonl"


def agreement(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """(share of pairs that agree, Cohen's kappa) of paired labels."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    return observed, (observed - expected) / (1 - expected) if expected < 1 else 1.0


def main(path: Path = LABELLERS_FILE) -> int:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    final = {r.id: r.intent for r in load_intents()}
    comparisons = {
        "a / b": [(r["a"], r["b"]) for r in rows],
        "a / b, rows labelled before": [(r["a"], r["b"]) for r in rows if "before" in r],
        "a / before": [(r["a"], r["before"]) for r in rows if "before" in r],
        "b / before": [(r["b"], r["before"]) for r in rows if "before" in r],
        "a / intents.jsonl": [(r["a"], final[r["id"]]) for r in rows if r["id"] in final],
    }
    for name, pairs in comparisons.items():
        observed, kappa = agreement(pairs)
        print(f"{name:30} {observed:.3f}  kappa {kappa:.3f}  n={len(pairs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
