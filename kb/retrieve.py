"""Hybrid retrieval: clause-label lookup, dense (Chroma) + BM25 (jieba tokens) fused (kb/fusion.py)
and the fused candidates re-ranked by how much of the question each holds (kb/rerank.py),
metadata filters, one result per article (an article and its items are one answer)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from kb.fusion import DENSE_WEIGHT, fuse
from kb.labels import ARTICLE_LABEL, LabelRef, find_label_refs, window_label, window_span
from kb.models import Clause, ClauseKind, Document, Hit
from kb.rerank import Candidate as RerankCandidate
from kb.rerank import default_reranker
from kb.store import KnowledgeBase
from kb.textnorm import fold
from kb.titles import TitleIndex
from kb.tokenize import query_tokens, words

Mode = Literal["hybrid", "fused", "hybrid_rrf", "bm25", "dense"]
CANDIDATES = 50
EXACT_DENSE_LIMIT = 2000  # filtered dense search scores at most this many stored vectors exactly
OVERFETCH = 400  # otherwise it takes this many nearest neighbours and keeps the allowed ones


class RetrievalFilters(BaseModel):
    """What a search may return. Strict: an unknown key or kind is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")

    doc_ids: list[Annotated[str, Field(max_length=200)]] | None = Field(default=None, max_length=100)
    unit: str | None = Field(default=None, max_length=100)  # canonical unit name
    kind: ClauseKind | None = None
    due_before: date | None = None
    in_force_only: bool = False
    as_of: date | None = None

    def is_empty(self) -> bool:
        return not (self.doc_ids or self.unit or self.kind or self.due_before or self.in_force_only)


def rank_documents_by_hint(hint: str, titles: TitleIndex, as_of: date) -> list[Document]:
    """Documents whose title best matches a hint such as '专利法' or '实施细则', best first.

    A title the hint contains whole ("保险法" in "民法商法保险法") beats one it merely
    overlaps ("军人保险法"); among equals, in-force versions and shorter titles come first.
    """
    if len(fold(hint)) < 2:
        return []
    return sorted(titles.best_by_hint(hint), key=lambda doc: (doc.status(as_of) == "superseded", len(doc.title)))


SPECIFIC_ENOUGH = 0.75


def most_specific_first(hits: list[Hit]) -> list[Hit]:
    """A sub-item that matches nearly as well as its article (第九条（二） vs 第九条) is the better
    citation: it moves just ahead of its parent."""
    ordered = list(hits)
    for hit in hits:
        parent_id = hit.clause.parent_id
        if parent_id is None:
            continue
        positions = {h.clause.clause_id: i for i, h in enumerate(ordered)}
        if parent_id in positions and positions[parent_id] < positions[hit.clause.clause_id]:
            parent = ordered[positions[parent_id]]
            if hit.score >= SPECIFIC_ENOUGH * parent.score:
                ordered.remove(hit)
                ordered.insert(positions[parent_id], hit)
    return ordered


def lead_only_behind_article(hits: list[Hit], question: str) -> list[Hit]:
    """An item carries its article's lead in its search text ("专项资金主要用于：" in 第五条（一）):
    one that matches the question only through that lead ("专项资金主要用在哪几个方面？") is no
    better a citation than the article, which holds the lead and all its items — it goes right
    behind the article."""
    asked: list[str] | None = None  # the question's words, cut only when an item with a lead is among the hits
    ordered = list(hits)
    for hit in hits:
        clause = hit.clause
        if not clause.context or clause.parent_id is None:
            continue
        ids = [h.clause.clause_id for h in ordered]
        if clause.parent_id not in ids or ids.index(clause.parent_id) < ids.index(clause.clause_id):
            continue
        asked = words(question) if asked is None else asked
        own, lead = fold(clause.text), fold(clause.context)
        in_lead = {w for w in asked if w in lead}
        if in_lead and all(w in in_lead for w in asked if w in own):
            ordered.remove(hit)
            ordered.insert([h.clause.clause_id for h in ordered].index(clause.parent_id) + 1, hit)
    return ordered


def article_key(clause: Clause) -> tuple[str, ...]:
    """The article a clause belongs to — the article itself, or the 第X条 an item sits under — so
    that an article and its items count as one result; any other clause stands for itself."""
    path = [*clause.heading_path, clause.label]
    for depth in range(len(path) - 1, -1, -1):
        found = ARTICLE_LABEL.match(path[depth])  # the article's label, or its heading line when short
        if found:
            return (clause.doc_id, *path[:depth], found.group(0))
    return (clause.clause_id,)


def one_per_article(hits: list[Hit]) -> list[Hit]:
    """The best-placed of each article's hits (the article or one of its items): five items of one
    article are one answer, and the places they took belong to other articles."""
    seen: set[tuple[str, ...]] = set()
    return [h for h in hits if not ((key := article_key(h.clause)) in seen or seen.add(key))]


JOINED_CHARS = 600  # two windows' budget (indexer/segment.py WINDOW_CHARS): a passage, not the notice


def _join_verbatim(earlier: str, later: str) -> str:
    """Two overlapping stretches of one text as one: `later` continues where it overlaps `earlier`'s end."""
    if later in earlier:
        return earlier
    if earlier in later:
        return later
    shared = next((n for n in range(min(len(earlier), len(later)), 0, -1) if earlier.endswith(later[:n])), 0)
    return earlier + later[shared:]


def _join_into(
    joined: list[Hit], spans: dict[int, tuple[str, str, int, int]], hit: Hit, span: tuple[str, int, int]
) -> tuple[int, Hit, tuple[str, int, int]] | None:
    """The place of an earlier window `hit` shares a sentence with, and the two as one hit, unless
    together they pass JOINED_CHARS."""
    stretch, first, last = span
    for into, (doc, s, a, b) in spans.items():
        if doc != hit.clause.doc_id or s != stretch or first > b or a > last:
            continue
        kept = joined[into].clause
        text = _join_verbatim(hit.clause.text, kept.text) if first < a else _join_verbatim(kept.text, hit.clause.text)
        if len(text) > JOINED_CHARS:
            return None
        a, b = min(a, first), max(b, last)
        label = window_label(a, b, stretch)
        clause = kept.model_copy(update={"text": text, "label": label, "cite": label if kept.cite else "", "order": min(kept.order, hit.clause.order)})
        sources = sorted({*joined[into].sources, *hit.sources})
        return into, joined[into].model_copy(update={"clause": clause, "sources": sources}), (stretch, a, b)
    return None


def windows_joined(hits: list[Hit]) -> list[Hit]:
    """Sentence windows of one stretch that share a sentence are one passage, at the better one's place.

    Windows overlap by a sentence (indexer/segment.py), so a notice's answer often comes back as two
    neighbours ("第3–5句", "第5–7句") taking two of the few places a reader looks at: cited as one
    ("第3–7句", the text verbatim) they leave a place to another passage and hold the answer whole
    where it crosses a window's edge. Other clauses pass unchanged.
    """
    joined: list[Hit] = []
    spans: dict[int, tuple[str, str, int, int]] = {}  # position in `joined` -> doc, stretch, first, last sentence
    for hit in hits:
        span = window_span(hit.clause.label)
        if span is not None and (found := _join_into(joined, spans, hit, span)) is not None:
            into, hit, span = found
            spans[into] = (hit.clause.doc_id, *span)
            joined[into] = hit
            continue
        if span is not None:
            spans[len(joined)] = (hit.clause.doc_id, *span)
        joined.append(hit)
    return joined


class Retriever:
    def __init__(self, kb: KnowledgeBase, dense_weight: float = DENSE_WEIGHT) -> None:
        self.kb = kb
        self.dense_weight = dense_weight

    # ---- filters ---------------------------------------------------------------------------
    def _allowed_docs(self, filters: RetrievalFilters) -> list[str] | None:
        """The documents a search may return, or None for all of them."""
        if not (filters.doc_ids or filters.in_force_only):
            return None
        docs = self.kb.documents_by_id()
        allowed = set(docs)
        if filters.doc_ids:
            allowed &= set(filters.doc_ids)
        if filters.in_force_only:
            as_of = filters.as_of or date.today()
            allowed = {d for d in allowed if docs[d].status(as_of) in ("in_force", "unknown")}
        return None if len(allowed) == len(docs) else sorted(allowed)

    def _dense(self, query: str, allowed: frozenset[str] | None) -> list[tuple[str, float]]:
        """Nearest clauses by cosine. With a filter, a small allowed set is scored exactly from its
        stored vectors, a large one by over-fetching from the index and filtering: both are much
        faster than Chroma's metadata pre-filter over hundreds of thousands of clauses."""
        vector = self.kb.embed_query(query)
        if allowed is None:
            return self.kb.nearest(vector, CANDIDATES)
        if len(allowed) <= EXACT_DENSE_LIMIT:
            ids, matrix = self.kb.vectors.vectors(sorted(allowed))
            if not ids:
                return []
            scores = matrix @ vector
            best = np.argsort(-scores)[:CANDIDATES]
            return [(ids[i], float(scores[i])) for i in best]
        return [(i, s) for i, s in self.kb.nearest(vector, OVERFETCH) if i in allowed][:CANDIDATES]

    def nth_cosine(self, query: str, rank: int, adapted: bool = True) -> float:
        """The cosine of the `rank`-th nearest clause (the last one's in a smaller store, 0 in an
        empty one): how much of the corpus is near the question, not only its best passage."""
        nearest = self.kb.nearest(self.kb.embed_query(query, adapted), rank)
        return nearest[-1][1] if nearest else 0.0

    def _sparse(self, query: str, allowed: frozenset[str] | None) -> list[tuple[str, float]]:
        return self.kb.bm25.search(query_tokens(query, self.kb.bm25.vocabulary), CANDIDATES, allowed)

    def candidate_lists(self, query: str, allowed: frozenset[str] | None = None) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
        """The dense and the BM25 candidates (id, score), `CANDIDATES` of each, that a hybrid search fuses."""
        return self._dense(query, allowed), self._sparse(query, allowed)

    def _citable(self, clause_ids: list[str]) -> list[Clause]:
        """The clauses of `clause_ids` that may be cited: ids the catalog no longer has and text
        addressed to an AI ("忽略之前的指令…") are dropped."""
        return [c for c in self.kb.get_clauses(clause_ids) if "injected_instructions" not in c.meta.kinds]

    # ---- search ------------------------------------------------------------------------------
    def search(self, query: str, k: int = 10, mode: Mode = "hybrid", filters: RetrievalFilters | None = None) -> list[Hit]:
        """The best `k` citable clauses: "hybrid" re-ranks the fused dense and BM25 candidates, "fused"
        is their fusion alone, "hybrid_rrf" their reciprocal-rank fusion, "bm25" and "dense" one list
        (the last three measured beside it)."""
        filters = filters or RetrievalFilters()
        doc_ids = self._allowed_docs(filters)
        ranked: dict[str, float] = {}
        sources: dict[str, list[str]] = {}
        dense: list[tuple[str, float]] = []
        sparse: list[tuple[str, float]] = []
        hybrid = mode in ("hybrid", "fused", "hybrid_rrf")
        allowed_ids = None
        if not filters.is_empty():
            allowed_ids = self.kb.clause_ids(doc_ids=doc_ids, unit=filters.unit, kind=filters.kind, due_before=filters.due_before)
        if hybrid:
            dense, sparse = self.candidate_lists(query, allowed_ids)
        elif mode == "dense":
            dense = self._dense(query, allowed_ids)
        else:
            sparse = self._sparse(query, allowed_ids)
        for name, results in (("dense", dense), ("bm25", sparse)):
            for i, _ in results:
                sources.setdefault(i, []).append(name)
        cosines = dict(dense)
        if mode in ("hybrid", "fused"):
            ranked = fuse(dense, sparse, self.dense_weight)
        else:  # one list ranked as it is, or both by equal-weight reciprocal rank (measured beside)
            ranked = fuse(dense, sparse, 0.5, form="rrf")
        read: dict[str, Clause] = {}  # the clauses the re-ranker already read, not fetched again
        if mode == "hybrid" and ranked and default_reranker().fits(self.kb.embedder.name):
            ranked, cosines, read = self._reranked(query, ranked, cosines)
        order = sorted(ranked, key=ranked.get, reverse=True)[: max(k, 1) * 4]
        clauses = [read[i] for i in order] if read else self._citable(order)
        hits = [
            Hit(clause=c, score=ranked[c.clause_id], sources=sources.get(c.clause_id, []), cosine=cosines.get(c.clause_id))
            for c in clauses
        ]
        return windows_joined(one_per_article(lead_only_behind_article(most_specific_first(hits), query)))[:k]

    def _reranked(
        self, query: str, fused: dict[str, float], cosines: dict[str, float]
    ) -> tuple[dict[str, float], dict[str, float], dict[str, Clause]]:
        """Every citable fused candidate's re-ranked score (kb/rerank.py), the cosines of all of them,
        and their clauses."""
        candidates, cosines = self.rerank_candidates(query, fused, cosines)
        scores = default_reranker().scores(query, candidates, self.kb.bm25.rarity)
        ranked = {cand.clause.clause_id: score for cand, score in zip(candidates, scores, strict=True)}
        return ranked, cosines, {cand.clause.clause_id: cand.clause for cand in candidates}

    def rerank_candidates(self, query: str, fused: dict[str, float], cosines: dict[str, float]) -> tuple[list[RerankCandidate], dict[str, float]]:
        """The citable candidates of `fused` as the re-ranker reads them, and `cosines` completed: a
        passage only BM25 found gets its cosine from its stored vector."""
        unscored = [i for i in fused if i not in cosines]
        ids, matrix = self.kb.vectors.vectors(unscored)
        if ids:
            cosines = cosines | dict(zip(ids, (matrix @ self.kb.embed_query(query)).tolist(), strict=True))
        docs = self.kb.documents_by_id()
        candidates = [
            RerankCandidate(clause=c, title=docs[c.doc_id].title if c.doc_id in docs else "", fused=fused[c.clause_id], cosine=cosines.get(c.clause_id, 0.0))
            for c in self._citable(list(fused))
        ]
        return candidates, cosines

    # ---- label lookup --------------------------------------------------------------------------
    def lookup_labels(self, question: str, as_of: date | None = None, doc_ids: Sequence[str] | None = None) -> list[Hit]:
        """Clauses named by label in the question ("专利法第二十二条", "第十五条", "（十一）")."""
        refs = find_label_refs(question)
        if not refs:
            return []
        as_of = as_of or date.today()
        titles = self.kb.titles() if doc_ids is None else TitleIndex([d for d in self.kb.documents() if d.doc_id in doc_ids])
        hits: list[Hit] = []
        for ref in refs:
            hits.extend(self._lookup(ref, titles, as_of, question))
        seen: set[str] = set()
        unique = [h for h in hits if not (h.clause.clause_id in seen or seen.add(h.clause.clause_id))]
        named = {h.clause.clause_id for h in unique}
        # "第九条（二）": the item inside the named article, then the article itself; the other
        # articles' （二） the bare item label also matched are not what was asked.
        inside = [h for h in unique if h.clause.parent_id in named]
        parents = {h.clause.parent_id for h in inside}
        return inside + [h for h in unique if h.clause.clause_id in parents] if inside else unique

    def _lookup(self, ref: LabelRef, titles: TitleIndex, as_of: date, question: str) -> list[Hit]:
        candidates = rank_documents_by_hint(ref.doc_hint, titles, as_of) if ref.doc_hint else []
        if ref.doc_hint and not candidates and len(fold(ref.doc_hint)) >= 4:
            return []  # the question names a document the corpus does not hold
        doc_ids = [d.doc_id for d in candidates] if candidates else [d.doc_id for d in titles.documents]
        found = self.kb.catalog.clause_docs(label=ref.label, doc_id=doc_ids if candidates else None)
        allowed = set(doc_ids)
        found = [(cid, did) for cid, did in found if did in allowed]
        if len(found) > 1:
            found = self._prefer(found, question, as_of)
        clauses = self._citable([cid for cid, _ in found[:6]])
        return [Hit(clause=c, score=1.0, sources=["label"]) for c in clauses[:3]]

    def _prefer(self, found: list[tuple[str, str]], question: str, as_of: date) -> list[tuple[str, str]]:
        """Among same-label clauses, prefer in-force documents and clauses the question's words match."""
        ranked = {h.clause.clause_id: h.score for h in self.search(question, k=30, mode="bm25")}

        def key(item: tuple[str, str]) -> tuple[bool, float]:
            doc = self.kb.document(item[1])
            valid = doc is not None and doc.status(as_of) in ("in_force", "unknown", "non_binding")
            return valid, ranked.get(item[0], 0.0)

        return sorted(found, key=key, reverse=True)
