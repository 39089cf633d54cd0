"""Hybrid retrieval: label lookup, filters, fusion and the most specific citation."""

from __future__ import annotations

from datetime import date

import pytest

from kb.labels import cn_to_int, find_label_refs, int_to_cn
from kb.models import Clause, Hit
from kb.retrieve import RetrievalFilters, most_specific_first

RULES = "上海市知识产权运营服务体系建设第二批专项资金实施细则_2022"


@pytest.mark.parametrize("number", [1, 9, 10, 15, 20, 28, 99, 100, 103, 110, 252])
def test_chinese_numerals_round_trip(number):
    assert cn_to_int(int_to_cn(number)) == number


@pytest.mark.parametrize(
    ("question", "label", "hint"),
    [
        ("专利法第二十二条的内容是什么？", "第二十二条", "专利法"),
        ("细则第27条怎么说", "第二十七条", "细则"),
        ("专项行动方案第(十一)项", "（十一）", "专项行动方案"),
        ("杨浦方案第6项任务", "6.", "杨浦方案"),
    ],
)
def test_labels_in_questions_are_normalised_to_the_clause_form(question, label, hint):
    refs = find_label_refs(question)
    assert refs[0].label == label and refs[0].doc_hint == hint


def _hit(clause_id: str, score: float, parent: str | None = None) -> Hit:
    return Hit(clause=Clause(clause_id=clause_id, doc_id="d", label=clause_id, text=clause_id, order=0, parent_id=parent), score=score)


def test_a_sub_item_nearly_as_good_as_its_article_is_cited_first():
    hits = [_hit("article", 1.0), _hit("other", 0.9), _hit("item", 0.8, parent="article")]
    assert [h.clause.clause_id for h in most_specific_first(hits)] == ["item", "article", "other"]
    weak = [_hit("article", 1.0), _hit("item", 0.5, parent="article")]
    assert [h.clause.clause_id for h in most_specific_first(weak)] == ["article", "item"]


@pytest.mark.slow
def test_article_and_item_label_resolve_to_the_item_inside_the_article(engine):
    hits = engine.retriever.lookup_labels("实施细则第九条（二）是什么内容？")
    first = hits[0].clause
    assert first.label == "（二）" and first.heading_path[-1].startswith("第九条")


@pytest.mark.slow
def test_filters_restrict_both_dense_and_bm25_results(engine):
    retriever = engine.retriever
    for mode in ("hybrid", "bm25", "dense"):
        by_unit = retriever.search("专利", k=10, mode=mode, filters=RetrievalFilters(unit="上海市教育委员会"))
        assert by_unit and all("上海市教育委员会" in {u.name for u in h.clause.meta.units} for h in by_unit)
        in_force = retriever.search("专利许可转让奖补", k=10, mode=mode, filters=RetrievalFilters(in_force_only=True, as_of=date(2025, 6, 1)))
        assert in_force and all(h.clause.doc_id != RULES for h in in_force)
        only_rules = retriever.search("专利", k=5, mode=mode, filters=RetrievalFilters(doc_ids=[RULES], kind="funding"))
        assert only_rules and all(h.clause.doc_id == RULES and "funding" in h.clause.meta.kinds for h in only_rules)


@pytest.mark.slow
def test_hybrid_finds_a_paraphrase_that_shares_few_words(engine):
    hits = engine.retriever.search("银行放贷给中小企业用专利做抵押有奖励吗", k=3)
    assert "第二十条" in [h.clause.label for h in hits]


def test_bm25_returns_the_k_best_scores_in_order_and_honours_the_allowed_set():
    from kb.bm25 import BM25Index

    docs = [["专利", "资助"], ["专利", "专利", "转化"], ["商标"], ["专利", "资助", "资助"], ["资助"]]
    index = BM25Index.build([f"c{i}" for i in range(len(docs))], docs)
    everything = index.search(["专利", "资助"], k=10)
    assert {cid for cid, _ in everything} == {"c0", "c1", "c3", "c4"}  # c2 shares no word
    assert [s for _, s in everything] == sorted((s for _, s in everything), reverse=True)
    assert index.search(["专利", "资助"], k=2) == everything[:2]
    assert [cid for cid, _ in index.search(["专利", "资助"], k=10, allowed=frozenset({"c1", "c2"}))] == ["c1"]
    assert index.search(["未知词"], k=5) == []


class CountingCatalog:
    """A catalog stand-in that answers every filter with `size` ids and counts the reads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.reads = 0

    def clause_ids(self, **filters):
        self.reads += 1
        return {f"{filters['kind']}-{i}" for i in range(self.size)}


def test_filter_sets_are_read_once_until_a_write_and_bounded_in_size(tmp_path, monkeypatch):
    import kb.store
    from kb.config import Settings
    from kb.store import KnowledgeBase

    monkeypatch.setattr(kb.store, "FILTER_CACHE_IDS", 25)
    catalog = CountingCatalog(size=10)
    store = KnowledgeBase(Settings(data_dir=tmp_path), catalog, vectors=None, embedder=None)  # type: ignore[arg-type]
    funding = store.clause_ids(kind="funding")
    assert store.clause_ids(kind="funding") is funding and catalog.reads == 1
    store.clause_ids(kind="task")
    store.clause_ids(kind="target")  # 30 ids would exceed the budget of 25: the oldest set goes
    assert catalog.reads == 3
    store.clause_ids(kind="task")
    assert catalog.reads == 3
    store.clause_ids(kind="funding")
    assert catalog.reads == 4
    store.invalidate()  # a write
    store.clause_ids(kind="task")
    assert catalog.reads == 5


def test_a_question_counts_each_word_once_and_splits_only_words_the_index_lacks():
    from kb.tokenize import query_tokens, tokens

    question = "专利权质押融资有什么贴息政策？"
    indexed = set(tokens("专利权质押融资贴息政策"))  # search mode: 专利, 利权, 专利权, …
    assert query_tokens(question, indexed) == ["专利权", "质押", "融资", "贴息", "政策"]
    assert "专利" in query_tokens(question, indexed - {"专利权"})  # unseen compound: its pieces


def test_a_question_repeating_labels_is_looked_up_a_bounded_number_of_times(engine):
    """A 2,000-character question of "第一条第二条…" once took 10 s of title matching: only the first
    few distinct labels are looked up, and it is still answered."""
    from kb.labels import MAX_LABEL_REFS

    repeated = "第一条" * 660
    assert len(find_label_refs(repeated)) <= MAX_LABEL_REFS
    many = "".join(f"第{int_to_cn(n)}条" for n in range(1, 200))
    assert len(find_label_refs(many)) == MAX_LABEL_REFS
    assert engine.ask(repeated[:1990]).answer


def test_only_the_head_of_a_very_long_question_is_embedded(engine):
    """Real questions have at most 117 characters; a 2,000-character one would cost the encoder ten times as much."""
    from kb.store import QUERY_EMBED_CHARS

    head = "中小企业知识产权运营能力提升项目每家支持多少钱？" * 20
    assert len(head) > QUERY_EMBED_CHARS
    assert (engine.kb.embed_query(head + "专利" * 800) == engine.kb.embed_query(head[:QUERY_EMBED_CHARS])).all()


def test_nearest_neighbours_of_a_small_store_are_exact_and_always_in_one_order(engine):
    """Chroma's HNSW search may miss a different few of the nearest 50 in each process; a store held
    in memory is scored exactly (ties in clause-id order), so a question always gets the same answer."""
    import numpy as np

    kb = engine.kb
    ids, matrix = kb.vectors.all_vectors()
    query = kb.embed_query("高校知识产权运营中心每家给多少钱？")
    scores = matrix @ query
    expected = [ids[i] for i in sorted(range(len(ids)), key=lambda i: (-float(scores[i]), ids[i]))[:30]]
    assert [i for i, _ in kb.nearest(query, 30)] == expected
    assert kb.nearest(query, 30) == kb.nearest(query.copy(), 30)
    assert np.isclose(kb.nearest(query, 1)[0][1], float(scores.max()), atol=1e-5)
