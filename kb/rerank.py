"""Re-rank the fused candidates by how much of the question each one holds.

The min-max fusion of dense and BM25 scores (kb/fusion.py) sees each list's score only; a
layperson's question and a statute share the sense but few words, and a notice's sentence
window shares words with many. Four features of every candidate of both lists — its fused
score, its e5 cosine (read from the stored vector for a passage only BM25 found), the share of
the question's topical character bigrams and the rarity-weighted share of its specific words
found in the passage with its document title, headings and context — are combined linearly.
The weights are a listwise (softmax over each question's candidates) logistic fit on the fit
halves of the STARD and NCPQA development sets (`python -m eval.fit_rerank`), reported on the
other halves in eval/QUALITY.md. No feature names an article or a law, so nothing is learnt
about which articles people ask about. The cosine's weight is the fitted embedder's (e5 cosines
spread over a few hundredths); a search with another embedder ranks by the fusion alone.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kb.models import Clause
from kb.overlap import bigram_share, short_forms, specific_tokens, weighted_coverage
from kb.textnorm import fold

MODEL_FILE = Path(__file__).resolve().parent / "data" / "rerank.json"
FEATURES = ("fused", "cosine", "bigrams", "rare_coverage")


@dataclass(frozen=True)
class Candidate:
    clause: Clause
    title: str  # its document's title
    fused: float  # min-max fused score of dense and BM25
    cosine: float  # e5 cosine of question and passage


def passage_text(candidate: Candidate) -> str:
    """What a passage says about its topic: title, headings, context and text, folded."""
    c = candidate.clause
    return fold(" ".join([candidate.title, *c.heading_path, c.context or "", c.text]))


def features(question: str, candidates: Sequence[Candidate], rarity: Callable[[str], float]) -> list[tuple[float, ...]]:
    """Each candidate's feature values, in `FEATURES` order."""
    wanted = specific_tokens(question)
    rare = {w: rarity(w) for w in wanted}
    contracted = short_forms(wanted, rare.__getitem__)  # no clause uses it: "公租房"
    rows = []
    for cand in candidates:
        text = passage_text(cand)
        rows.append((cand.fused, cand.cosine, bigram_share(question, text), weighted_coverage(wanted, text, rare.__getitem__, contracted)))
    return rows


@dataclass(frozen=True)
class Reranker:
    weights: tuple[float, ...]
    embedder: str  # the embedder family whose cosines it was fitted on ("e5-small" for its variants)

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> Reranker:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path}: fitted on features {data['features']}, the code computes {list(FEATURES)}")
        return cls(tuple(data["weights"]), data["embedder"])

    def fits(self, embedder_name: str) -> bool:
        return embedder_name.startswith(self.embedder)

    def scores(self, question: str, candidates: Sequence[Candidate], rarity: Callable[[str], float]) -> list[float]:
        """Each candidate's score, scaled to 0–1 within the candidates (the best is 1) so that
        thresholds on relative scores (`kb.retrieve.most_specific_first`) keep their meaning."""
        raw = [sum(w * x for w, x in zip(self.weights, row, strict=True)) for row in features(question, candidates, rarity)]
        if not raw:
            return []
        low, high = min(raw), max(raw)
        return [(s - low) / ((high - low) or 1.0) for s in raw]


@cache
def default_reranker() -> Reranker:
    return Reranker.load()
