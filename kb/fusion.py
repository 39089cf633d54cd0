"""Dense + BM25 score fusion: one function for the retriever and for the fit that chose it.

Cosines of multilingual-e5 sit in a narrow band (0.75–0.90 for most candidates), BM25 scores
in a wide one, so raw scores cannot be added: each list is min-max scaled over the question's
own candidates first. The form and weight were fitted on one half of the real development sets
and reported on the other (`python -m eval.fit_fusion`, eval/QUALITY.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

Form = Literal["minmax", "cosine", "rrf"]
FORM: Form = "minmax"
DENSE_WEIGHT = 0.45
RRF_K = 60


def _minmax(results: Sequence[tuple[str, float]]) -> dict[str, float]:
    if not results:
        return {}
    low = min(s for _, s in results)
    span = (max(s for _, s in results) - low) or 1.0
    return {i: (s - low) / span for i, s in results}


def fuse(
    dense: Sequence[tuple[str, float]], sparse: Sequence[tuple[str, float]], weight: float = DENSE_WEIGHT, form: Form = FORM
) -> dict[str, float]:
    """Clause id → fused score. `dense` and `sparse` are (id, score) lists, best first.

    - "minmax": weight·scaled cosine + (1 − weight)·scaled BM25 (the default);
    - "cosine": weight·cosine + (1 − weight)·BM25 / best BM25 (before e5);
    - "rrf": weight/(60 + dense rank) + (1 − weight)/(60 + BM25 rank).
    """
    scores: dict[str, float] = {}
    if form == "rrf":
        parts = [(weight, {i: 1.0 / (RRF_K + r) for r, (i, _) in enumerate(dense, 1)}),
                 (1 - weight, {i: 1.0 / (RRF_K + r) for r, (i, _) in enumerate(sparse, 1)})]
    elif form == "cosine":
        top = max((s for _, s in sparse), default=1.0) or 1.0
        parts = [(weight, {i: max(s, 0.0) for i, s in dense}), (1 - weight, {i: s / top for i, s in sparse})]
    else:
        parts = [(weight, _minmax(dense)), (1 - weight, _minmax(sparse))]
    for share, values in parts:
        for i, s in values.items():
            scores[i] = scores.get(i, 0.0) + share * s
    return scores
