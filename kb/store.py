"""The knowledge base: the clause catalog (SQLite), clause vectors (Chroma) and BM25,
opened together from one data directory and kept consistent with each other."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import cached_property, lru_cache

import numpy as np

from kb.bm25 import BM25Index
from kb.catalog import Catalog
from kb.config import Settings
from kb.embedder import Embedder, get_embedder
from kb.models import Clause, Document
from kb.query_adapter import QueryAdapter, configured_adapter
from kb.textnorm import nfkc
from kb.titles import TitleIndex
from kb.tokenize import tokens
from kb.vectors import VectorStore

log = logging.getLogger(__name__)
QUERY_EMBED_CHARS = 256
# Up to this many clauses, nearest neighbours are scored exactly from the vectors held in memory
# (at most ~92 MB of float32 at 384 dimensions): Chroma's HNSW search is approximate, and which of the
# nearest 50 it misses differs from one process to the next, so the same question would not always
# get the same answer. Beyond it (the whole LawRefBook), the index answers.
EXACT_SEARCH_LIMIT = 60_000
FILTER_CACHE_IDS = 1_000_000  # ids held by cached filter sets in all: about 100 MB
SCOPE_CLAUSE = re.compile(r"(适用于|申报条件|申报主体|申报单位应|申请人应)")


class KnowledgeBase:
    def __init__(
        self, settings: Settings, catalog: Catalog, vectors: VectorStore, embedder: Embedder, query_adapter: QueryAdapter | None = None
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.vectors = vectors
        self.embedder = embedder
        self._bm25: BM25Index | None = None
        self._docs: dict[str, Document] | None = None
        self._titles: TitleIndex | None = None
        self._funding: list[Clause] | None = None
        self._scope_clauses: dict[str, list[Clause]] | None = None
        self._filtered: dict[tuple[object, ...], frozenset[str]] = {}
        self._matrix: tuple[list[str], np.ndarray] | None = None
        self._lock = threading.RLock()
        self.query_adapter = query_adapter  # maps question vectors before search (kb/query_adapter.py)

    @classmethod
    def open(cls, settings: Settings) -> KnowledgeBase:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        embedder = get_embedder(settings.embedder)
        catalog = Catalog(settings.data_dir / "catalog.sqlite")
        vectors = VectorStore(settings.data_dir, embedder.name, settings.chroma_url)
        return cls(settings, catalog, vectors, embedder, configured_adapter(settings.adapt_queries, embedder.name, embedder.dim))

    # ---- reads ---------------------------------------------------------------------------
    def documents(self) -> list[Document]:
        return list(self.documents_by_id().values())

    def document(self, doc_id: str) -> Document | None:
        return self.documents_by_id().get(doc_id)

    def documents_by_id(self) -> dict[str, Document]:
        """doc_id -> Document, cached until the next write (callers must not modify it)."""
        with self._lock:
            if self._docs is None:
                self._docs = {d.doc_id: d for d in self.catalog.documents()}
            return self._docs

    def titles(self) -> TitleIndex:
        """Title matcher over the current documents (rebuilt after writes)."""
        with self._lock:
            if self._titles is None:
                self._titles = TitleIndex(self.documents())
            return self._titles

    def clause(self, clause_id: str) -> Clause | None:
        return self.catalog.clause(clause_id)

    def get_clauses(self, clause_ids: Sequence[str]) -> list[Clause]:
        return self.catalog.get_clauses(clause_ids)

    def clauses(
        self,
        doc_id: str | None = None,
        unit: str | None = None,
        kind: str | None = None,
        due_before: date | None = None,
        label: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Clause]:
        return self.catalog.clauses(
            doc_id=doc_id, unit=unit, kind=kind, due_before=due_before, label=label, limit=limit, offset=offset
        )

    def clause_ids(
        self, doc_ids: Sequence[str] | None = None, unit: str | None = None, kind: str | None = None, due_before: date | None = None
    ) -> frozenset[str]:
        """Ids of the clauses matching every given filter, cached until the next write: the same
        filters recur on every request (kind=funding for each eligibility question), and at 250k
        clauses reading such a set costs more than the search it restricts."""
        key = (tuple(doc_ids) if doc_ids is not None else None, unit, kind, due_before)
        with self._lock:
            found = self._filtered.get(key)
            if found is None:
                found = frozenset(self.catalog.clause_ids(doc_id=doc_ids, unit=unit, kind=kind, due_before=due_before))
                while self._filtered and sum(map(len, self._filtered.values())) + len(found) > FILTER_CACHE_IDS:
                    self._filtered.pop(next(iter(self._filtered)))  # oldest first
                if len(found) <= FILTER_CACHE_IDS:
                    self._filtered[key] = found
            return found

    def mentions(self, phrase: str) -> bool:
        """Does some clause quote `phrase` (e.g. a document it cites)?"""
        return bool(self.docs_mentioning(phrase, candidates=50))

    def clauses_mentioning(self, phrase: str, candidates: int = 200) -> list[Clause]:
        """The clauses that hold `phrase` verbatim, among the `candidates` BM25 ranks best for it."""
        needle = nfkc(phrase)
        hits = self.bm25.search(tokens(phrase), candidates)
        return [c for c in self.get_clauses([cid for cid, _ in hits]) if needle in nfkc(c.text)]

    def docs_mentioning(self, phrase: str, candidates: int = 200) -> list[str]:
        """Ids of the documents with a clause that holds `phrase` verbatim (see `clauses_mentioning`)."""
        return list(dict.fromkeys(c.doc_id for c in self.clauses_mentioning(phrase, candidates)))

    def is_empty(self) -> bool:
        return self.catalog.count() == 0

    def warm_up(self, *more: Callable[[], object]) -> None:
        """Load the embedding model, the vector index, BM25 (and whatever `more` loads) side by side:
        they read files and unpack arrays largely outside the GIL, so together they take about
        half as long as one after another (measured: 5.2 s → 2.5 s at 245k clauses)."""
        probe = np.full(self.embedder.dim, self.embedder.dim**-0.5, dtype=np.float32)
        loads = (lambda: self.embed_query("知识产权"), lambda: self.nearest(probe, 1), lambda: self.bm25, *more)
        with ThreadPoolExecutor(max_workers=len(loads), thread_name_prefix="warm-up") as pool:
            for done in [pool.submit(load) for load in loads]:
                done.result()
        self.titles()
        self.funding_clauses()
        self.scope_conditions("")

    # ---- search primitives ----------------------------------------------------------------
    def embed_query(self, text: str, adapted: bool = True) -> np.ndarray:
        """Query vectors are cached: portals repeat the same questions, and embedding is most of a search.

        Only the first `QUERY_EMBED_CHARS` characters are embedded (BM25 still reads the whole
        question): the longest of the 1,189 real development questions has 117, and a 2,000-character
        question costs the encoder about ten times as much (eval/BENCHMARKS.md, worst inputs).
        The vector is mapped by the query adapter fitted for this embedder (kb/query_adapter.py)
        unless `adapted` or `settings.adapt_queries` is off."""
        vector = self._embed_cached(text[:QUERY_EMBED_CHARS])
        return vector if self.query_adapter is None or not adapted else self.query_adapter(vector)

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(clause id, cosine) of the `k` stored vectors nearest to `vector`, best first: exact (ties
        in id order) while the store is small enough to hold in memory, else the vector index's."""
        held = self._held_vectors()
        if held is None:
            return self.vectors.query(vector, k)
        ids, matrix = held
        if not ids:
            return []
        scores = matrix @ vector
        top = np.argpartition(-scores, k - 1)[:k] if 0 < k < len(ids) else np.arange(len(ids))
        best = top[np.lexsort((top, -scores[top]))]
        return [(ids[i], float(scores[i])) for i in best]

    def _held_vectors(self) -> tuple[list[str], np.ndarray] | None:
        with self._lock:
            if self._matrix is None:
                if self.vectors.count() > EXACT_SEARCH_LIMIT:
                    return None
                ids, matrix = self.vectors.all_vectors()
                order = sorted(range(len(ids)), key=ids.__getitem__)  # one order whatever the store's
                self._matrix = ([ids[i] for i in order], matrix[order] if len(ids) else matrix)
            return self._matrix

    @cached_property
    def _embed_cached(self):
        """Raw question vectors by text (the adapter is applied after, so a fit can swap it)."""

        @lru_cache(maxsize=4096)
        def embed(text: str) -> np.ndarray:
            vector = self.embedder.embed_queries([text])[0]
            vector.setflags(write=False)
            return vector

        return embed

    def scope_clauses(self, doc_id: str) -> list[Clause]:
        """The clauses setting conditions for all a document's programs (实施细则 第二条: 适用于注册在本市 …), cached."""
        with self._lock:
            if self._scope_clauses is None:
                by_doc: dict[str, list[Clause]] = {}
                for clause in self.catalog.clauses(kind="condition"):
                    if not clause.meta.amounts and SCOPE_CLAUSE.search(clause.text):
                        by_doc.setdefault(clause.doc_id, []).append(clause)
                self._scope_clauses = by_doc
            return self._scope_clauses.get(doc_id, [])

    def scope_conditions(self, doc_id: str) -> list[str]:
        """The conditions of a document's scope clauses (注册在本市 …)."""
        return list(dict.fromkeys(c for clause in self.scope_clauses(doc_id) for c in clause.meta.conditions))

    def funding_clauses(self) -> list[Clause]:
        """Clauses of kind `funding` (cached until the next write): the eligibility candidates."""
        with self._lock:
            if self._funding is None:
                self._funding = self.catalog.clauses(kind="funding")
            return self._funding

    @property
    def bm25(self) -> BM25Index:
        """The persisted BM25 index; rebuilt only if it lags the catalog (e.g. after a crash)."""
        with self._lock:
            if self._bm25 is None:
                self._bm25 = self._load_or_rebuild_bm25()
            return self._bm25

    def _load_or_rebuild_bm25(self) -> BM25Index:
        generation = self.catalog.generation()
        loaded = BM25Index.load(self._bm25_dir)
        if loaded and loaded[1] == generation:
            return loaded[0]
        log.info("BM25 index missing or stale: rebuilding from the catalog")
        return self.rebuild_bm25()

    def rebuild_bm25(self) -> BM25Index:
        with self._lock:
            generation = self.catalog.generation()
            ids, corpus = self.catalog.all_tokens()
            index = BM25Index.build(ids, corpus)
            index.save(self._bm25_dir, generation)
            self._bm25 = index
            return index

    @cached_property
    def _bm25_dir(self):
        return self.settings.data_dir / "bm25"

    # ---- writes (used by the indexer) -----------------------------------------------------
    def invalidate(self) -> None:
        """Forget cached documents after a write."""
        with self._lock:
            self._docs = None
            self._titles = None
            self._funding = None
            self._scope_clauses = None
            self._filtered = {}
            self._matrix = None

    def delete_document(self, doc_id: str) -> int:
        """Remove a document everywhere; returns how many clauses went."""
        removed = self.catalog.delete_document(doc_id)
        self.vectors.delete(removed)
        self.invalidate()
        self.rebuild_bm25()
        self.compact_if_needed()
        return len(removed)

    def compact_if_needed(self) -> bool:
        """Rebuild the vector collection when deleted entries outnumber the live ones (kb/vectors.py)."""
        with self._lock:
            if not self.vectors.needs_compaction():
                return False
            self.vectors.compact()
            return True

    def close(self) -> None:
        self.catalog.close()
