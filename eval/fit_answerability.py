"""Fit the answer-or-refuse model (chat/answerability.py) and write `chat/data/answerability.json`.

    python -m eval.fit_answerability --seeds-dir D1 --stard-dir D2 --ncpqa-dir D3 [--cache F]

Each directory is an indexed data dir: the bundled corpus (`policykb index --data-dir D1`) and
the two real sets' corpora (`policykb eval --set stard|ncpqa --work-dir D`). On each corpus the
answerable questions are its own (seeds dev answerable, STARD, NCPQA) and the unanswerable
ones are the out-of-scope set plus the other sets' questions (STARD's legal questions are not
answered by epidemic notices, nor NCPQA's by IP laws or Shanghai's IP policies), so each
corpus has both classes and the model cannot learn a corpus from its size.

Rows are split by question id (`eval.realsets.half_of`): weights and threshold come from the
"fit" half; the figures printed for the "test" half are the honest ones (eval/QUALITY.md). The
threshold is the highest that keeps answerable questions refused at or below `MAX_FALSE_REFUSAL`
on every corpus of the fit half. (Refusing every question whose passages lack the asked figure,
as a rule of its own, was measured and dropped: at the same bound it refused fewer
unanswerable questions, eval/QUALITY.md.)
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from chat.answerability import FEATURES, MODEL_FILE, AnswerabilityModel, Evidence
from eval.fit_query_adapter import DEV_SET, shipped_out_of_fold
from eval.realsets import DEFAULT_SHARED, half_of, load_set
from kb.query_adapter import QueryAdapter

MAX_FALSE_REFUSAL = 0.02
C = 1.0


@dataclass(frozen=True)
class Row:
    corpus: str
    qid: str
    question: str
    answerable: bool
    kind: str  # "own", "out_of_scope", or the set the question was borrowed from
    evidence: Evidence

    @property
    def half(self) -> str:
        return half_of(self.qid)


def questions_for(corpus: str, shared: Path) -> list[tuple[str, str, bool, str]]:
    """(id, question, answerable, kind) for one corpus."""
    from eval.harness import load_devset
    from eval.labelled_sets import load_out_of_scope

    stard = [(f"stard-{i.id}", i.question) for i in load_set("stard", shared).items]
    ncpqa = [(f"ncpqa-{i.id}", i.question) for i in load_set("ncpqa", shared).items]
    seeds = [(f"{DEV_SET}-{d.id}", d.question) for d in load_devset() if d.answerable]
    oos = [(f"oos-{q.id}", q.question, False, "out_of_scope") for q in load_out_of_scope()]
    own = {"seeds": seeds, "stard": stard, "ncpqa": ncpqa}
    rows = [(qid, q, True, "own") for qid, q in own[corpus]] + oos
    for other, items in own.items():
        if other != corpus and other != "seeds":
            rows += [(qid, q, False, other) for qid, q in items]
    return rows


def gather_rows(corpus: str, data_dir: Path, shared: Path, out_of_fold: dict[str, QueryAdapter]) -> list[Row]:
    """Each question's evidence; a fit-half question of STARD, NCPQA or the dev set is read through the query
    adapter fitted without it (`out_of_fold`), as a new question would be."""
    from chat.engine import Engine
    from chat.understand import understand
    from kb.config import load_settings
    from kb.retrieve import RetrievalFilters

    engine = Engine.open(load_settings(data_dir=str(data_dir)))
    shipped = engine.kb.query_adapter
    rows = []
    for qid, question, answerable, kind in questions_for(corpus, shared):
        engine.kb.query_adapter = out_of_fold.get(qid, shipped)
        u = understand(question)
        hits, _ = engine.evidence_hits(u, RetrievalFilters())
        rows.append(Row(corpus, qid, question, answerable, kind, engine.evidence(u, hits)))
    engine.kb.close()
    return rows


def refused_share(model: AnswerabilityModel, rows: list[Row], answerable: bool) -> float:
    chosen = [r for r in rows if r.answerable == answerable]
    return sum(not model.answerable(r.evidence) for r in chosen) / max(len(chosen), 1)


def fit(rows: list[Row]) -> AnswerabilityModel:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[getattr(r.evidence, name) for name in FEATURES] for r in rows])
    y = [r.answerable for r in rows]
    # fitted on standardised features (cosines span 0.1, word counts 3), weights folded back after
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=2000).fit((x - mean) / scale, y)
    raw = lr.coef_[0] / scale
    weights = tuple(round(float(w), 4) for w in raw)
    intercept = round(float(lr.intercept_[0] - raw @ mean), 4)
    corpora = sorted({r.corpus for r in rows})
    threshold = 0.0
    for candidate in [i / 400 for i in range(1, 400)]:
        model = AnswerabilityModel(weights, intercept, candidate)
        if all(refused_share(model, [r for r in rows if r.corpus == c], True) <= MAX_FALSE_REFUSAL for c in corpora):
            threshold = candidate
    return AnswerabilityModel(weights, intercept, threshold)


def report(model: AnswerabilityModel, rows: list[Row]) -> str:
    lines = ["corpus  half   answerable refused   unanswerable refused   refusal precision"]
    for corpus in sorted({r.corpus for r in rows}):
        for half in ("fit", "test"):
            chosen = [r for r in rows if r.corpus == corpus and r.half == half]
            refused = [r for r in chosen if not model.answerable(r.evidence)]
            precision = sum(not r.answerable for r in refused) / max(len(refused), 1)
            lines.append(
                f"{corpus:7} {half:5} {refused_share(model, chosen, True):12.3f}"
                f" {refused_share(model, chosen, False):22.3f} {precision:19.3f}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds-dir", required=True)
    parser.add_argument("--stard-dir", required=True)
    parser.add_argument("--ncpqa-dir", required=True)
    parser.add_argument("--shared-dir", default=str(DEFAULT_SHARED))
    parser.add_argument("--cache", help="JSON file of gathered evidence: read if it exists, else written")
    args = parser.parse_args(argv)
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        rows = [Row(**{**r, "evidence": Evidence(**r["evidence"])}) for r in json.loads(cache.read_text(encoding="utf-8"))]
    else:
        rows = []
        out_of_fold = shipped_out_of_fold({"stard": Path(args.stard_dir), "ncpqa": Path(args.ncpqa_dir), DEV_SET: Path(args.seeds_dir)})
        for corpus, data_dir in (("seeds", args.seeds_dir), ("stard", args.stard_dir), ("ncpqa", args.ncpqa_dir)):
            rows += gather_rows(corpus, Path(data_dir), Path(args.shared_dir), out_of_fold)
            print(f"gathered {corpus}: {len(rows)} rows so far", file=sys.stderr)
        if cache:
            from dataclasses import asdict

            cache.write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False), encoding="utf-8")
    model = fit([r for r in rows if r.half == "fit"])
    MODEL_FILE.write_text(
        json.dumps(
            {"features": list(FEATURES), "weights": list(model.weights), "intercept": model.intercept, "threshold": model.threshold},
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {MODEL_FILE}: weights {dict(zip(FEATURES, model.weights, strict=True))}, threshold {model.threshold}")
    print(report(model, rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
