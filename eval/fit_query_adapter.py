"""Fit the query adapter (kb/query_adapter.py) on one half of the real development sets, report it on the other.

    python -m eval.fit_query_adapter --work-dir /tmp/evalwork    # indexes stard, ncpqa and the bundled corpus there if needed
    python -m eval.fit_query_adapter --work-dir /tmp/evalwork --penalties 0.1 0.3 1 --no-write   # choose the penalty

Every passage vector of a set's index is read once with the raw (unmapped) e5 vector of each
question. W = I + D is fitted by full-batch Adam (`STEPS` steps, learning rate `LEARNING_RATE`,
from D = 0, so the fit is deterministic) on the fit halves of STARD, NCPQA and the dev set together:
for each question a softmax over all passages of its set at temperature `TEMPERATURE`, the
likelihood of its gold passages maximised, plus `penalty`·|D|². The bundled dev set ("dev": its
answerable questions over the bundled corpus, halved by `half_of("dev-<id>")` as the evidence
model's fit halves it) is the third set because W fitted on STARD and NCPQA alone moved the bundled
policy questions away from their clauses (eval/QUALITY.md). With several penalties, each is scored
by 5-fold cross-validation within the fit halves (mean dense hit@5) and the best is fitted and
reported. Reported: dense search alone, one result per article, on each half and on the test
questions whose gold articles no fit question has (what the adapter cannot have memorised).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import torch

from eval.harness import load_devset, resolve_gold
from eval.realsets import corpus_for, half_of, hits_any, load_set, open_indexed, select
from kb.config import BUNDLED_CORPUS, load_settings
from kb.embedder import get_embedder
from kb.models import Clause
from kb.query_adapter import MODEL_FILE, QueryAdapter, configured_adapter, save
from kb.retrieve import article_key
from kb.store import KnowledgeBase

PENALTY = 0.1  # chosen by `--penalties 0.1 0.3 1 3` (eval/QUALITY.md); the shipped adapter's
STEPS = 60
LEARNING_RATE = 1e-3
TEMPERATURE = 0.02
KS = (1, 3, 5)
FOLDS = 5


@dataclass
class SetVectors:
    """One set's passages and questions: passage matrix, raw question vectors, gold rows, halves."""

    name: str
    passages: np.ndarray  # (n, dim)
    keys: list[tuple[str, ...]]  # each passage's article
    questions: np.ndarray  # (m, dim), unmapped
    gold: list[np.ndarray]  # each question's gold passage rows
    halves: list[str]
    ids: list[str]  # each question's id

    def rows(self, half: str) -> list[int]:
        return [i for i, h in enumerate(self.halves) if h == half and len(self.gold[i])]

    def unseen_test_rows(self) -> list[int]:
        """Test questions none of whose gold articles is a fit question's gold."""
        fitted = {self.keys[n] for i in self.rows("fit") for n in self.gold[i]}
        return [i for i in self.rows("test") if not {self.keys[n] for n in self.gold[i]} & fitted]


def set_dirs(work_dir: Path, names: list[str]) -> dict[str, Path]:
    """The index of each set under a work dir, as `policykb eval` and the other fits keep them."""
    return {name: work_dir / f"{name}-{load_settings().embedder}" for name in names}


DEV_SET = "dev"  # the bundled dev set over the bundled corpus, beside the real sets


def read_set(name: str, data_dir: Path) -> SetVectors:
    """The set's passage vectors from its index in `data_dir` (indexed there first if needed)."""
    if name == DEV_SET:
        return read_dev_set(data_dir)
    realset = load_set(name)
    files = corpus_for(realset, select(realset.items, "all"), limited=False)
    engine, _ = open_indexed(replace(load_settings(), data_dir=data_dir, chroma_url=""), files)
    kb = engine.kb
    ids, passages, clauses = indexed_passages(kb)
    by_doc: dict[str, list[int]] = {}
    for n, i in enumerate(ids):
        by_doc.setdefault(clauses[i].doc_id, []).append(n)
    gold = []
    for item in realset.items:
        docs = {g.doc_id for g in item.gold} | {d for g in item.gold for d in g.same_as}
        rows = [n for d in docs for n in by_doc.get(d, []) if hits_any(clauses[ids[n]].text, clauses[ids[n]].doc_id, item.gold)]
        gold.append(np.array(rows, dtype=np.int64))
    questions = kb.embedder.embed_queries([item.question for item in realset.items])
    kb.close()
    return SetVectors(name, passages, [article_key(clauses[i]) for i in ids], questions, gold, [half_of(item.id) for item in realset.items], [item.id for item in realset.items])


def read_dev_set(data_dir: Path) -> SetVectors:
    """The bundled dev set's answerable questions over the bundled corpus (indexed in `data_dir`
    first if needed); a question's gold passages are every passage of its gold articles."""
    engine, _ = open_indexed(replace(load_settings(), data_dir=data_dir, chroma_url=""), [BUNDLED_CORPUS])
    kb = engine.kb
    ids, passages, clauses = indexed_passages(kb)
    keys = [article_key(clauses[i]) for i in ids]
    items = [item for item in load_devset() if item.answerable and item.gold]
    gold = []
    for item in items:
        articles = {article_key(c) for c in kb.get_clauses(sorted(resolve_gold(kb, item.gold)))}
        gold.append(np.array([n for n, key in enumerate(keys) if key in articles], dtype=np.int64))
    questions = kb.embedder.embed_queries([item.question for item in items])
    kb.close()
    return SetVectors(DEV_SET, passages, keys, questions, gold, [half_of(f"{DEV_SET}-{item.id}") for item in items], [item.id for item in items])


def indexed_passages(kb: KnowledgeBase) -> tuple[list[str], np.ndarray, dict[str, Clause]]:
    """The ids, vectors and clauses of every passage of an index that has both."""
    ids, passages = kb.vectors.vectors(sorted(kb.vectors.all_ids()))
    clauses = {c.clause_id: c for c in kb.get_clauses(ids)}
    keep = [n for n, i in enumerate(ids) if i in clauses]
    return [ids[n] for n in keep], passages[keep], clauses


def fit(data: list[tuple[SetVectors, list[int]]], penalty: float, steps: int = STEPS, learning_rate: float = LEARNING_RATE) -> np.ndarray:
    """W = I + D, fitted on the given rows of each set (no randomness: D starts at 0, full batches)."""
    dim = data[0][0].passages.shape[1]
    delta = torch.zeros(dim, dim, requires_grad=True)
    optimiser = torch.optim.Adam([delta], lr=learning_rate)
    tensors = []
    for s, rows in data:
        if rows:
            outside = torch.ones(len(rows), len(s.passages), dtype=torch.bool)
            for r, i in enumerate(rows):
                outside[r, torch.from_numpy(s.gold[i])] = False
            tensors.append((torch.from_numpy(s.passages), torch.from_numpy(s.questions[rows]), outside))
    count = sum(len(outside) for _, _, outside in tensors)
    eye = torch.eye(dim)
    for _ in range(steps):
        optimiser.zero_grad()
        loss = penalty * (delta**2).sum()
        for passages, questions, outside in tensors:
            scores = torch.nn.functional.normalize(questions @ (eye + delta).T, dim=1) @ passages.T / TEMPERATURE
            gold_mass = torch.logsumexp(scores.masked_fill(outside, float("-inf")), 1)
            loss = loss + (torch.logsumexp(scores, 1) - gold_mass).sum() / count
        loss.backward()
        optimiser.step()
    return (eye + delta).detach().numpy()


def dense_hits(s: SetVectors, rows: list[int], matrix: np.ndarray | None) -> dict[str, float]:
    """hit@k and MRR of dense search alone over the set's passages, one result per article."""
    if not rows:
        return {**{f"hit@{k}": 0.0 for k in KS}, "MRR": 0.0}
    q = s.questions[rows] if matrix is None else s.questions[rows] @ matrix.T
    q = q / np.linalg.norm(q, axis=1, keepdims=True)
    top = np.argsort(-(q @ s.passages.T), axis=1)[:, :200]
    found, rr = dict.fromkeys(KS, 0), 0.0
    for r, i in enumerate(rows):
        gold, seen, first = set(s.gold[i].tolist()), set(), None
        for n in top[r]:
            if s.keys[n] in seen:
                continue
            seen.add(s.keys[n])
            if n in gold:
                first = len(seen)
                break
        for k in KS:
            found[k] += bool(first and first <= k)
        rr += 1 / first if first else 0.0
    return {**{f"hit@{k}": found[k] / len(rows) for k in KS}, "MRR": rr / len(rows)}


def cross_validated(sets: list[SetVectors], penalty: float) -> float:
    """Mean dense hit@5 over `FOLDS` folds of the fit halves."""
    scores = []
    for fold in range(FOLDS):
        train = [(s, [i for n, i in enumerate(s.rows("fit")) if n % FOLDS != fold]) for s in sets]
        matrix = fit(train, penalty)
        for s in sets:
            held = [i for n, i in enumerate(s.rows("fit")) if n % FOLDS == fold]
            scores.append(dense_hits(s, held, matrix)["hit@5"])
    return float(np.mean(scores))


def out_of_fold(sets: list[SetVectors], penalty: float, folds: int = FOLDS) -> dict[str, QueryAdapter]:
    """For each fit-half question of the sets (by "<set>-<id>"), an adapter fitted without it: on
    the other folds of the fit halves. A model fitted on the question's cosines after the adapter
    (the re-ranker, the answerability model) must read fit-half questions through these, or it
    learns the adapter's cosines on questions it was fitted on, higher than any new question gets."""
    adapters: dict[str, QueryAdapter] = {}
    for fold in range(folds):
        held = {s.name: {i for n, i in enumerate(s.rows("fit")) if n % folds == fold} for s in sets}
        matrix = fit([(s, [i for i in s.rows("fit") if i not in held[s.name]]) for s in sets], penalty)
        adapter = QueryAdapter(matrix.astype(np.float32), load_settings().embedder, {"fold": fold, "penalty": penalty})
        adapters.update({f"{s.name}-{s.ids[i]}": adapter for s in sets for i in sorted(held[s.name])})
    return adapters


def shipped_out_of_fold(dirs: dict[str, Path]) -> dict[str, QueryAdapter]:
    """Out-of-fold query adapters (by "<set>-<id>") at the shipped adapter's penalty, over the sets
    it was fitted on (`dirs` holds each one's index); none when questions are not adapted."""
    settings = load_settings()
    embedder = get_embedder(settings.embedder)
    shipped = configured_adapter(settings.adapt_queries, embedder.name, embedder.dim)
    if shipped is None:
        return {}
    names = [str(name) for name in shipped.fitted["sets"]]
    missing = [name for name in names if name not in dirs]
    if missing:
        raise ValueError(f"the shipped query adapter was fitted on {names}; no index given for {missing}")
    return out_of_fold([read_set(name, dirs[name]) for name in names], float(shipped.fitted["penalty"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work-dir", type=Path, required=True, help="indexes are kept here, one per set and embedder")
    parser.add_argument("--sets", nargs="+", default=["stard", "ncpqa", DEV_SET])
    parser.add_argument("--penalties", nargs="+", type=float, default=[PENALTY])
    parser.add_argument("--no-write", action="store_true", help="report only; keep the shipped adapter")
    args = parser.parse_args(argv)
    sets = [read_set(name, data_dir) for name, data_dir in set_dirs(args.work_dir, args.sets).items()]
    penalty = args.penalties[0]
    if len(args.penalties) > 1:
        cv = {p: cross_validated(sets, p) for p in args.penalties}
        for p, score in cv.items():
            print(f"penalty {p:g}: {FOLDS}-fold dense hit@5 within the fit halves {score:.3f}")
        penalty = max(cv, key=cv.__getitem__)
    matrix = fit([(s, s.rows("fit")) for s in sets], penalty)
    print(f"penalty {penalty:g}, |W - I| = {np.linalg.norm(matrix - np.eye(len(matrix))):.3f}")
    for s in sets:
        for label, rows in (("fit", s.rows("fit")), ("test", s.rows("test")), ("test, unseen gold", s.unseen_test_rows())):
            for name, m in (("raw", None), ("adapted", matrix)):
                figures = dense_hits(s, rows, m)
                print(f"{s.name:<6} {label:<17} {name:<8} " + "  ".join(f"{k} {v:.3f}" for k, v in figures.items()) + f"  (n={len(rows)})")
    if not args.no_write:
        embedder = load_settings().embedder
        meta = {"embedder": embedder, "sets": args.sets, "penalty": penalty, "steps": STEPS, "learning_rate": LEARNING_RATE, "temperature": TEMPERATURE}
        save(MODEL_FILE, matrix, meta)
        print(f"wrote {MODEL_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
