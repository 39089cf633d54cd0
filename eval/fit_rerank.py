"""Fit the candidate re-ranker (kb/rerank.py) on one half of the real development sets, report it on the other.

    python -m eval.fit_rerank --work-dir /tmp/evalwork      # indexes stard, ncpqa (and the bundled corpus, for the adapter) there if needed

For every question, the fused dense + BM25 candidates `Retriever.search` re-ranks are read with
their features once (`Retriever.rerank_candidates`, `kb.rerank.features`). The weights are a
listwise fit: a softmax over each question's candidates, the likelihood of its gold passages
maximised with an L2 penalty (`C`, chosen by 5-fold cross-validation within the fit halves among
0.01, 0.1, 1 and 10, by mean hit@5 and MRR: eval/QUALITY.md), on the "fit" halves of STARD and
NCPQA together, features standardised over those candidates. A fit-half question is read through
a query adapter fitted without it (`eval.fit_query_adapter.out_of_fold`): through the
shipped one its cosine would be the adapter's on a question it learnt, higher than a new
question's, and the fit would trust the cosine too much (eval/QUALITY.md). The stored weights are in raw feature units; only their
ratios matter, since scores are compared within one question. Hit@k on each half, beside the
fusion alone, one result per article as `Retriever.search` gives them.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from eval.fit_query_adapter import DEV_SET, set_dirs, shipped_out_of_fold
from eval.realsets import corpus_for, hits_any, load_set, open_indexed, select
from kb.config import load_settings
from kb.fusion import fuse
from kb.query_adapter import QueryAdapter
from kb.rerank import FEATURES, MODEL_FILE, features
from kb.retrieve import Retriever, article_key

C = 10.0
KS = (1, 3, 5)
DIGITS = 6


@dataclass
class Pool:
    """One question's candidates: feature rows, which are gold, and their article keys."""

    x: np.ndarray
    gold: np.ndarray
    keys: list[tuple[str, ...]]


def pools(name: str, work_dir: Path, half: str, out_of_fold: dict[str, QueryAdapter] | None = None) -> list[Pool]:
    """Each question's candidate pool; a question of `out_of_fold` is read through its adapter
    (eval.fit_query_adapter.out_of_fold), any other through the shipped one."""
    settings = load_settings()
    realset = load_set(name)
    files = corpus_for(realset, select(realset.items, "all"), limited=False)
    engine, _ = open_indexed(replace(settings, data_dir=set_dirs(work_dir, [name])[name], chroma_url=""), files)
    kb = engine.kb
    retriever = Retriever(kb)
    shipped = kb.query_adapter
    out = []
    for item in select(realset.items, half):
        kb.query_adapter = (out_of_fold or {}).get(f"{name}-{item.id}", shipped)
        dense, sparse = retriever.candidate_lists(item.question)
        candidates, _ = retriever.rerank_candidates(item.question, fuse(dense, sparse, retriever.dense_weight), dict(dense))
        if not candidates:
            continue
        out.append(
            Pool(
                x=np.array(features(item.question, candidates, kb.bm25.rarity)),
                gold=np.array([hits_any(c.clause.text, c.clause.doc_id, item.gold) for c in candidates]),
                keys=[article_key(c.clause) for c in candidates],
            )
        )
    kb.close()
    return out


def fit(rows: list[Pool], c: float = C) -> np.ndarray:
    """Raw-unit weights of the listwise softmax fit over the pools holding a gold passage."""
    everything = np.vstack([p.x for p in rows])
    mean, scale = everything.mean(0), everything.std(0) + 1e-12
    data = [((p.x - mean) / scale, p.gold) for p in rows if p.gold.any()]
    penalty = 1.0 / (c * len(data))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.0, np.zeros_like(w)
        for z, gold in data:
            s = z @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            p_gold = p[gold].sum()
            total -= np.log(p_gold)
            grad -= (z[gold] * (p[gold] / p_gold)[:, None]).sum(0) - p @ z
        return total / len(data) + penalty * w @ w, grad / len(data) + 2 * penalty * w

    start = np.zeros(len(FEATURES))
    start[FEATURES.index("fused")] = 1.0
    standardised = minimize(loss, start, jac=True, method="L-BFGS-B").x
    return standardised / scale


def hits(rows: list[Pool], weights: np.ndarray) -> dict[str, float]:
    """hit@k and MRR of ranking each pool by `weights`, one result per article."""
    found = dict.fromkeys(KS, 0)
    rr = 0.0
    for p in rows:
        seen: set[tuple[str, ...]] = set()
        ranked = [i for i in np.argsort(-(p.x @ weights), kind="stable") if not (p.keys[i] in seen or seen.add(p.keys[i]))]
        first = next((n for n, i in enumerate(ranked, 1) if p.gold[i]), None)
        for k in KS:
            found[k] += bool(first and first <= k)
        rr += 1 / first if first else 0.0
    n = max(len(rows), 1)
    return {**{f"hit@{k}": found[k] / n for k in KS}, "MRR": rr / n}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work-dir", type=Path, required=True, help="indexes are kept here, one per set and embedder")
    parser.add_argument("--sets", nargs="+", default=["stard", "ncpqa"])
    args = parser.parse_args(argv)
    out_of_fold = shipped_out_of_fold(set_dirs(args.work_dir, [*args.sets, DEV_SET]))
    data = {(s, h): pools(s, args.work_dir, h, out_of_fold) for s in args.sets for h in ("fit", "test")}
    weights = fit([p for s in args.sets for p in data[(s, "fit")]])
    fused_only = np.array([1.0 if f == "fused" else 0.0 for f in FEATURES])
    print(f"weights ({', '.join(FEATURES)}): {', '.join(f'{w:.4f}' for w in weights)}")
    for (name, half), rows in data.items():
        for label, w in (("fusion alone", fused_only), ("re-ranked", weights)):
            figures = hits(rows, w)
            print(f"{name:<6} {half:<4} {label:<13} " + "  ".join(f"{m} {v:.3f}" for m, v in figures.items()) + f"  (n={len(rows)})")
    embedder = load_settings().embedder
    text = {"features": list(FEATURES), "weights": [round(float(w), DIGITS) for w in weights], "embedder": embedder, "C": C, "sets": args.sets}
    MODEL_FILE.parent.mkdir(exist_ok=True)
    MODEL_FILE.write_text(json.dumps(text, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
