"""Re-ranking the fused candidates by how much of the question each holds (kb/rerank.py), and its fit
(eval/fit_rerank.py)."""

from __future__ import annotations

import numpy as np
import pytest

from eval.fit_rerank import Pool, fit, hits
from kb.models import Clause
from kb.rerank import FEATURES, Candidate, default_reranker, features

QUESTION = "公司拖欠工资，劳动者可以向哪里投诉？"


def candidate(text: str, fused: float, cosine: float, title: str = "某法", clause_id: str = "c") -> Candidate:
    return Candidate(clause=Clause(clause_id=clause_id, doc_id="d", label="第一条", text=text, order=1), title=title, fused=fused, cosine=cosine)


def flat(word: str) -> float:
    return 1.0


def test_a_passage_holding_the_question_outranks_one_only_the_fusion_prefers():
    holding = candidate("用人单位拖欠劳动者工资的，劳动者可以向劳动行政部门投诉。", fused=0.55, cosine=0.86, clause_id="holding")
    fused_best = candidate("国家鼓励发展多种形式的职业教育。", fused=1.0, cosine=0.86, clause_id="fused_best")
    scores = default_reranker().scores(QUESTION, [fused_best, holding], flat)
    assert scores[1] > scores[0]


def test_between_passages_holding_the_same_words_the_nearer_in_sense_leads():
    text = "劳动者可以投诉。"
    near = candidate(text, fused=0.6, cosine=0.90, clause_id="near")
    far = candidate(text, fused=0.8, cosine=0.84, clause_id="far")
    scores = default_reranker().scores(QUESTION, [far, near], flat)
    assert scores[1] > scores[0]


def test_the_title_headings_and_context_count_as_the_passages_words():
    bare = candidate("第五条 应当依法处理。", fused=0.5, cosine=0.85)
    titled = candidate("第五条 应当依法处理。", fused=0.5, cosine=0.85, title="劳动者工资拖欠投诉处理办法")
    (fused_b, cos_b, bigrams_b, coverage_b), (_, _, bigrams_t, coverage_t) = features(QUESTION, [bare, titled], flat)
    assert (fused_b, cos_b) == (0.5, 0.85)
    assert bigrams_t > bigrams_b and coverage_t > coverage_b


def test_scores_are_scaled_within_the_candidates_the_best_being_one():
    cands = [candidate("劳动者投诉", 0.9, 0.88), candidate("无关", 0.2, 0.80), candidate("工资", 0.5, 0.84)]
    scores = default_reranker().scores(QUESTION, cands, flat)
    assert max(scores) == 1.0 and min(scores) == 0.0
    assert default_reranker().scores(QUESTION, [], flat) == []


def test_the_shipped_weights_are_for_e5_and_another_embedder_ranks_by_the_fusion_alone():
    reranker = default_reranker()
    assert len(reranker.weights) == len(FEATURES) and all(w > 0 for w in reranker.weights)
    assert reranker.fits("e5-small-fp32") and reranker.fits("e5-small")
    assert not reranker.fits("usem3")


def test_every_hybrid_hit_carries_its_cosine_and_the_fused_mode_is_the_fusion_alone(engine):
    question = "保险机构开展知识产权保险业务有什么奖励？"
    hybrid = engine.retriever.search(question, k=40, mode="hybrid")
    assert hybrid and all(h.cosine is not None for h in hybrid)  # a passage only BM25 found too
    fused = engine.retriever.search(question, k=8, mode="fused")
    assert fused and [h.score for h in fused] == sorted((h.score for h in fused), reverse=True)


def test_the_fit_weighs_the_feature_that_finds_the_gold_and_ranks_by_it():
    rng = np.random.default_rng(0)
    pools = []
    for _ in range(60):  # every feature is noise but the bigram share, which marks the gold
        gold = int(rng.integers(0, 8))
        rows = rng.random((8, len(FEATURES)))
        rows[:, FEATURES.index("bigrams")] *= 0.5
        rows[gold, FEATURES.index("bigrams")] = 1.0
        pools.append(Pool(x=rows, gold=np.arange(8) == gold, keys=[(str(i),) for i in range(8)]))
    weights = fit(pools, c=10.0)
    scale = np.vstack([p.x for p in pools]).std(0)
    standardised = weights * scale
    assert standardised.argmax() == FEATURES.index("bigrams")
    assert hits(pools, weights)["hit@1"] == 1.0
    assert hits(pools, np.eye(len(FEATURES))[FEATURES.index("fused")])["hit@1"] < 0.5  # the noise alone


@pytest.mark.parametrize(
    ("keys", "expected_hit_at_1"),
    [(["a", "b", "c"], 0.0), (["a", "a", "c"], 0.0)],
)
def test_hits_count_one_result_per_article(keys, expected_hit_at_1):
    # scores by the one weight: 0.9, 0.5, 0.1; the gold is the third
    p = Pool(x=np.array([[0.9], [0.5], [0.1]]), gold=np.array([False, False, True]), keys=[(k,) for k in keys])
    figures = hits([p], np.array([1.0]))
    assert figures["hit@1"] == expected_hit_at_1
    assert figures["hit@3"] == 1.0
    assert figures["MRR"] == pytest.approx(1 / 3 if keys[1] != keys[0] else 1 / 2)
