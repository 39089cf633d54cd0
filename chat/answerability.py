"""Answer or refuse, from the evidence retrieval found: a calibrated logistic model.

The features say how well the best passages fit the question, on scales that do not depend
on the corpus size: the embedder's cosine of the best passage (computed for passages BM25 alone
found too), the share of the question's specific words (plain and weighted by their rarity in the
corpus) and of its character bigrams the passages hold, whether dense and BM25 agree on
the best passage, whether the asked figure (amount, deadline, target) is in them, and the
share of the question's words the corpus never uses at all. Weights and
the refusal threshold are fitted by `python -m eval.fit_answerability` on one half of the
development questions (answerable: seeds dev, STARD, NCPQA; unanswerable: the out-of-scope set
and each real set's questions asked of the other corpora) and stored in
`chat/data/answerability.json`; `policykb eval` reports refusals on the other half.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from kb.models import Hit
from kb.overlap import bigram_share, short_forms, specific_tokens, weighted_coverage

MODEL_FILE = Path(__file__).resolve().parent / "data" / "answerability.json"
EVIDENCE_DEPTH = 3  # the passages an answer would cite
FIFTH = 5  # the rank of the nearest passages whose cosine is `Evidence.fifth_cosine`
@dataclass(frozen=True)
class Evidence:
    cosine: float  # best cosine of question and cited passage
    coverage: float  # share of the question's specific words found in the passages and their titles
    top_coverage: float  # the same for the best passage alone
    bigrams: float  # share of the question's topical character bigrams found in the passages
    agreement: float  # 1 when the best passage was a candidate of both dense and BM25
    figure: float  # 1 when the asked kind of figure is in the passages (or none is asked)
    length: float  # log(1 + number of specific words): short questions are judged on less
    unknown: float  # share of the specific words no clause of the corpus uses (海王星, a name it lacks)
    rare_coverage: float  # coverage weighted by each word's rarity in the corpus: 专项 in a fund's rules says little
    fifth_cosine: float  # cosine of the fifth nearest passage in the corpus (0 when not read)


FEATURES = tuple(f.name for f in fields(Evidence))


def gather(
    question: str,
    hits: Sequence[Hit],
    titles: dict[str, str],
    figure_present: bool,
    known: Callable[[str], bool],
    rarity: Callable[[str], float],
    fifth_cosine: float = 0.0,
) -> Evidence:
    """The evidence of the first `EVIDENCE_DEPTH` hits for `question`; `titles` maps doc id to
    "title 文号" (a passage's document names its topic too); `known` says whether the corpus uses a
    word, `rarity` how rare it is among its clauses (0 to 1); `fifth_cosine` is the question's
    `Evidence.fifth_cosine`."""
    from chat.scope import coverage

    wanted = specific_tokens(question)
    length = math.log1p(len(wanted))
    unknown = sum(1 for w in wanted if not known(w)) / len(wanted) if wanted else 0.0
    contracted = short_forms(wanted, rarity)  # "公租房": found where a text spells it out
    cited = list(hits[:EVIDENCE_DEPTH])
    if not cited:
        return Evidence(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, length, unknown, 0.0, fifth_cosine)
    heads = " ".join(dict.fromkeys(titles.get(h.clause.doc_id, "") for h in cited))
    passages = " ".join(" ".join([*h.clause.heading_path, h.clause.context, h.clause.text]) for h in cited)
    best = cited[0]
    return Evidence(
        cosine=max((h.cosine for h in cited if h.cosine is not None), default=0.0),
        coverage=coverage(question, [h.clause for h in cited], heads, contracted),
        top_coverage=coverage(question, [best.clause], titles.get(best.clause.doc_id, ""), contracted),
        bigrams=bigram_share(question, f"{heads} {passages}"),
        agreement=1.0 if {"dense", "bm25"} <= set(best.sources) else 0.0,
        figure=1.0 if figure_present else 0.0,
        length=length,
        unknown=unknown,
        rare_coverage=weighted_coverage(wanted, f"{heads} {passages}", rarity, contracted),
        fifth_cosine=fifth_cosine,
    )


@dataclass(frozen=True)
class AnswerabilityModel:
    weights: tuple[float, ...]
    intercept: float
    threshold: float  # refuse below this probability of being answerable

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> AnswerabilityModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path}: fitted on features {data['features']}, the code gathers {list(FEATURES)}")
        return cls(tuple(data["weights"]), data["intercept"], data["threshold"])

    def probability(self, evidence: Evidence) -> float:
        z = self.intercept + sum(w * getattr(evidence, name) for w, name in zip(self.weights, FEATURES, strict=True))
        return 1.0 / (1.0 + math.exp(-z))

    def held(self, evidence: Evidence) -> float:
        """The model's score of how much of the question the passages hold, without their cosine:
        how two passage sets for one question are weighed against each other. Across questions the
        cosine separates answerable from not; within one question, two sets from the same embedder
        differ by hundredths of it, and what tells them apart is the question's words they hold (the
        fifth cosine is the question's own, the same for both)."""
        return sum(w * getattr(evidence, name) for w, name in zip(self.weights, FEATURES, strict=True) if name not in ("cosine", "fifth_cosine"))

    def answerable(self, evidence: Evidence) -> bool:
        """The model's verdict, and never an answer whose best passage holds none of the question's
        words: the cosine alone finds any patent question close to a corpus about patents. On the
        development rows, a best passage holding none of them was 2 of 1,313 answerable questions
        and 535 of 3,149 unanswerable ones (49 of which the model alone answered; eval/QUALITY.md)."""
        return evidence.top_coverage > 0 and self.probability(evidence) >= self.threshold


@cache
def default_model() -> AnswerabilityModel:
    return AnswerabilityModel.load()
