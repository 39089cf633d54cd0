"""Answer or refuse from evidence (chat/answerability.py): what the features measure and the
rules the fitted model is wrapped in."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from chat.answerability import AnswerabilityModel, Evidence, default_model, gather
from chat.understand import understand
from kb.models import Clause, Hit
from kb.overlap import found_in, weighted_coverage


def clause(text: str, clause_id: str = "c1") -> Clause:
    return Clause(clause_id=clause_id, doc_id="d1", label="第一条", text=text, order=1)


STRONG = Evidence(
    cosine=0.95,
    coverage=1.0,
    top_coverage=1.0,
    bigrams=1.0,
    agreement=1.0,
    figure=1.0,
    length=1.5,
    unknown=0.0,
    rare_coverage=1.0,
    fifth_cosine=0.90,
)


def test_strong_evidence_is_answered_and_weak_evidence_refused():
    model = default_model()
    assert model.answerable(STRONG)
    assert not model.answerable(replace(STRONG, cosine=0.80, coverage=0.2, top_coverage=0.2, bigrams=0.1, rare_coverage=0.05, fifth_cosine=0.75))


def test_a_question_only_one_passage_is_near_is_less_likely_answered_than_one_many_are_near():
    """Measured on the development sets (eval/QUALITY.md): a corpus that speaks of the question's
    topic holds several passages near it; a question it cannot answer finds one at most, by chance."""
    model = default_model()
    lone = replace(STRONG, cosine=0.88, coverage=0.5, top_coverage=0.5, bigrams=0.5, rare_coverage=0.5, fifth_cosine=0.80)
    crowded = replace(lone, fifth_cosine=0.86)
    assert model.probability(crowded) > model.probability(lone)
    assert model.answerable(crowded) and not model.answerable(lone)


def test_a_best_passage_holding_none_of_the_questions_words_is_never_an_answer():
    """However close the embedder finds it: on a corpus about patents any patent question is close."""
    model = AnswerabilityModel(weights=(100.0,) + (0.0,) * 9, intercept=0.0, threshold=0.5)
    assert model.probability(replace(STRONG, top_coverage=0.0)) > 0.99
    assert not model.answerable(replace(STRONG, top_coverage=0.0))


def test_rare_words_weigh_more_in_coverage():
    rarity = {"专项": 0.1, "个人所得税": 1.0, "扣除": 0.9}.get
    assert weighted_coverage(["专项", "个人所得税", "扣除"], "专项资金专款专用", rarity) == pytest.approx(0.1 / 2.0)
    assert weighted_coverage(["专项", "个人所得税", "扣除"], "个人所得税的扣除", rarity) == pytest.approx(1.9 / 2.0)
    assert weighted_coverage([], "任何文字", rarity) == 1.0


def test_gather_reads_the_cited_passages():
    hits = [Hit(clause=clause("对商业银行专利质押贷款给予奖补，每家不超过500万元。"), score=1.0, sources=["bm25"], cosine=0.9)]
    evidence = gather("商业银行质押贷款奖补上限是多少？", hits, {}, True, lambda word: True, lambda word: 0.5, 0.8)
    assert evidence.cosine == pytest.approx(0.9)
    assert evidence.top_coverage > 0.5 and evidence.rare_coverage > 0.5
    assert evidence.agreement == 0.0 and evidence.unknown == 0.0
    assert evidence.fifth_cosine == 0.8


def test_a_word_jieba_cut_differently_in_the_question_is_still_found():
    """"企业上云全覆盖" gives 上云全 in a question; the text "企业上云用云全覆盖" holds each of its pairs."""
    assert found_in("上云全", "推进企业上云用云全覆盖")
    assert not found_in("海王星", "海洋经济与王牌星级服务")
    assert not found_in("云全", "上云用户全覆盖")  # a two-character word must be there whole


@pytest.mark.slow
def test_every_cited_passage_is_weighed_by_the_raw_question_vectors_cosine(engine):
    """The cosine feature is the best cited passage's with the raw e5 question vector, also when it
    was no dense candidate (BM25 alone found it) and whatever cosine search ranked it by: the query
    adapter moves all of a question's cosines, which the refusal model must not read as evidence."""
    question = "中小企业知识产权运营能力提升项目"
    hits = engine.retriever.search(question, k=2)
    bare = [hits[0].model_copy(update={"cosine": None}), hits[1].model_copy(update={"cosine": -1.0})]
    filled = engine._with_raw_cosines(question, bare)
    _, matrix = engine.kb.vectors.vectors([h.clause.clause_id for h in hits])
    expected = matrix @ engine.kb.embedder.embed_queries([question])[0]
    assert [h.cosine for h in filled] == pytest.approx(expected.tolist(), abs=1e-5)
    assert all(np.isfinite(h.cosine) and h.cosine > 0.5 for h in filled)
    evidence = engine.evidence(understand(question), bare)
    assert evidence.cosine == pytest.approx(float(expected.max()), abs=1e-5)


@pytest.mark.slow
def test_the_fifth_cosine_is_the_fifth_nearest_passages(engine):
    question = "高校知识产权运营中心建设支持多少钱？"
    nearest = engine.kb.vectors.query(engine.kb.embed_query(question, adapted=False), 5)
    assert engine.retriever.nth_cosine(question, 5, adapted=False) == pytest.approx(nearest[4][1])
    assert engine.retriever.nth_cosine(question, 5, adapted=False) < nearest[0][1]
    assert engine.evidence(understand(question), []).fifth_cosine == pytest.approx(nearest[4][1])
