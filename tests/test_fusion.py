"""Fusion of dense and BM25 lists, and one result per article: the rules `Retriever.search` ranks by."""

from __future__ import annotations

import pytest

from kb.fusion import fuse
from kb.models import Clause, Hit
from kb.retrieve import article_key, one_per_article

DENSE = [("a", 0.86), ("b", 0.84), ("c", 0.80)]
SPARSE = [("b", 12.0), ("d", 6.0), ("a", 3.0)]


def test_minmax_scales_each_list_over_its_own_candidates():
    scores = fuse(DENSE, SPARSE, weight=0.45)
    assert scores["b"] == pytest.approx(0.45 * (0.84 - 0.80) / 0.06 + 0.55 * 1.0)
    assert scores["c"] == pytest.approx(0.0)  # last of dense, absent from BM25
    assert scores["d"] == pytest.approx(0.55 * (6 - 3) / 9)


def test_minmax_ranking_ignores_the_band_cosines_sit_in():
    """e5's cosines crowd 0.75–0.90; shifting or stretching them must not change the ranking."""
    shifted = [(i, 0.5 + 3 * (s - 0.8)) for i, s in DENSE]
    a, b = fuse(DENSE, SPARSE), fuse(shifted, SPARSE)
    assert sorted(a, key=a.get) == sorted(b, key=b.get)


def test_the_weight_moves_the_ranking_between_the_two_signals():
    dense_only, bm25_only = fuse(DENSE, SPARSE, weight=1.0), fuse(DENSE, SPARSE, weight=0.0)
    assert max(dense_only, key=dense_only.get) == "a"
    assert max(bm25_only, key=bm25_only.get) == "b"


def test_rrf_and_the_old_cosine_sum_remain_available():
    rrf = fuse(DENSE, SPARSE, 0.5, form="rrf")
    assert rrf["a"] == pytest.approx(0.5 / 61 + 0.5 / 63)
    cosine = fuse(DENSE, SPARSE, 0.45, form="cosine")
    assert cosine["b"] == pytest.approx(0.45 * 0.84 + 0.55 * 1.0)


def test_empty_lists_fuse_to_nothing_and_a_single_candidate_is_kept():
    assert fuse([], []) == {}
    assert set(fuse([("x", 0.9)], [])) == {"x"}


def _hit(clause_id: str, label: str, path: list[str], doc: str = "law") -> Hit:
    clause = Clause(clause_id=clause_id, doc_id=doc, label=label, heading_path=path, text=label, order=0)
    return Hit(clause=clause, score=1.0, sources=["dense"])


def test_an_article_and_its_items_are_one_result_the_best_placed_one():
    hits = [
        _hit("i3", "（三）", ["第二章 权利", "第十条 著作权包括下列人身权和财产权："]),
        _hit("art10", "第十条", ["第二章 权利"]),
        _hit("i1", "（一）", ["第二章 权利", "第十条 著作权包括下列人身权和财产权："]),
        _hit("art11", "第十一条", ["第二章 权利"]),
    ]
    assert [h.clause.clause_id for h in one_per_article(hits)] == ["i3", "art11"]
    assert article_key(hits[0].clause) == article_key(hits[1].clause) == ("law", "第二章 权利", "第十条")


def test_items_of_a_notice_without_articles_stay_apart():
    """（一）（二） under 一、 in a notice are separate measures, not parts of one provision."""
    hits = [_hit("m1", "（一）", ["一、优化专利供给"], "notice"), _hit("m2", "（二）", ["一、优化专利供给"], "notice")]
    assert len(one_per_article(hits)) == 2


def test_same_article_number_in_two_documents_is_two_results():
    hits = [_hit("x", "第三条", [], "law-a"), _hit("y", "第三条", [], "law-b")]
    assert len(one_per_article(hits)) == 2
