"""Fit the dense/BM25 fusion on one half of the real development sets, report it on the other.

    python -m eval.fit_fusion --work-dir /tmp/evalwork          # indexes stard and ncpqa there if needed

For every question of a set, the dense and the BM25 candidate lists (`candidate_features`) are
scored once; each fusion below is then a cheap re-ranking of the same candidates, so a grid
of weights costs seconds. The weight is chosen on the "fit" half of STARD and NCPQA together
(mean of their hit@5) and reported on the "test" half beside each signal alone. The form and
weight chosen are what `kb.retrieve` uses (`FUSION`, `DENSE_WEIGHT`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from eval.realsets import Candidate, candidate_features, corpus_for, load_set, open_indexed, select
from kb.config import load_settings
from kb.fusion import fuse
from kb.retrieve import article_key

WEIGHTS = [round(w, 2) for w in np.arange(0.0, 1.0001, 0.05)]
KS = (1, 3, 5)


def ranking(rows: Sequence[Candidate], form: str, weight: float) -> list[str]:
    """One question's candidate ids, best first, fused as `kb.fusion.fuse` fuses them."""
    dense = sorted(((r.clause_id, r.dense) for r in rows if r.dense is not None), key=lambda p: -p[1])
    sparse = sorted(((r.clause_id, r.bm25) for r in rows if r.bm25 is not None), key=lambda p: -p[1])
    scores = fuse(dense, sparse, weight, form)  # type: ignore[arg-type]
    return sorted(scores, key=scores.get, reverse=True)


def hits_at(
    by_question: dict[str, list[Candidate]], keys: dict[str, tuple[str, ...]], ranker: Callable[[Sequence[Candidate]], list[str]]
) -> dict[str, float]:
    """hit@k and MRR over questions (a question whose gold is in no candidate list counts as a miss),
    one result per article as `Retriever.search` gives them (`keys`: clause id → article key)."""
    found = {k: 0 for k in KS}
    rr = 0.0
    for rows in by_question.values():
        hit = {r.clause_id for r in rows if r.is_hit}
        seen: set[tuple[str, ...]] = set()
        ranked = [i for i in ranker(rows) if not ((key := keys.get(i, (i,))) in seen or seen.add(key))]
        first = next((n for n, i in enumerate(ranked, 1) if i in hit), None)
        for k in KS:
            found[k] += bool(first and first <= k)
        rr += 1 / first if first else 0.0
    n = max(len(by_question), 1)
    return {**{f"hit@{k}": found[k] / n for k in KS}, "MRR": rr / n}


def features(name: str, work_dir: Path, half: str) -> tuple[dict[str, list[Candidate]], dict[str, tuple[str, ...]]]:
    settings = load_settings()
    realset = load_set(name)
    items = select(realset.items, "all")
    files = corpus_for(realset, items, limited=False)
    engine, _ = open_indexed(replace(settings, data_dir=work_dir / f"{name}-{settings.embedder}", chroma_url=""), files)
    chosen = select(realset.items, half)
    by_question: dict[str, list[Candidate]] = {item.id: [] for item in chosen}
    for row in candidate_features(engine, chosen):
        by_question[row.qid].append(row)
    ids = list({r.clause_id for rows in by_question.values() for r in rows})
    keys = {c.clause_id: article_key(c) for c in engine.kb.get_clauses(ids)}
    engine.kb.close()
    return by_question, keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work-dir", type=Path, required=True, help="indexes are kept here, one per set and embedder")
    parser.add_argument("--sets", nargs="+", default=["stard", "ncpqa"])
    args = parser.parse_args()
    data = {(s, h): features(s, args.work_dir, h) for s in args.sets for h in ("fit", "test")}
    forms = ("cosine", "minmax", "rrf")
    best: tuple[float, str, float] | None = None
    print("fit half: mean hit@5 over the sets, per form and dense weight")
    for form in forms:
        line = []
        for w in WEIGHTS:
            score = float(np.mean([hits_at(*data[(s, "fit")], lambda rows, f=form, w=w: ranking(rows, f, w))["hit@5"] for s in args.sets]))
            line.append(f"{w:.2f}:{score:.3f}")
            if best is None or score > best[0]:
                best = (score, form, w)
        print(f"  {form:<7}", " ".join(line))
    assert best is not None
    _, form, weight = best
    print(f"chosen on the fit half: form={form} dense weight={weight}")
    print(f"\ntest half{'':<10}" + "".join(f"{s + ' ' + m:>16}" for s in args.sets for m in ("hit@1", "hit@3", "hit@5", "MRR")))
    rankers = {
        "bm25 alone": lambda rows: ranking(rows, "cosine", 0.0),
        "dense alone": lambda rows: ranking(rows, "cosine", 1.0),
        "rrf equal": lambda rows: ranking(rows, "rrf", 0.5),
        "cosine 0.45 (old)": lambda rows: ranking(rows, "cosine", 0.45),
        f"{form} {weight} (fit)": lambda rows: ranking(rows, form, weight),
    }
    for label, ranker in rankers.items():
        cells = []
        for s in args.sets:
            scores = hits_at(*data[(s, "test")], ranker)
            cells += [f"{scores[m]:.3f}" for m in ("hit@1", "hit@3", "hit@5", "MRR")]
        print(f"{label:<19}" + "".join(f"{c:>16}" for c in cells))


if __name__ == "__main__":
    main()
