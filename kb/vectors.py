"""Clause vectors in Chroma: embedded `PersistentClient` by default, `HttpClient` when a
Chroma server URL is configured (how several API workers share one index)."""

from __future__ import annotations

import re
import shutil
import sqlite3
import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from kb.models import Clause


class VectorStoreUnavailable(RuntimeError):
    """The vector store failed: a Chroma server that cannot be reached (`remote`), or the embedded
    store erring beyond its transient races (maps to HTTP 503)."""

    def __init__(self, message: str, remote: bool = False) -> None:
        super().__init__(message)
        self.remote = remote


# A read that meets a concurrent delete ("Error finding id": the index still lists a vector whose
# record just went away) succeeds when asked again; at most this many retries.
READ_RETRIES = 3
_TRANSIENT = ("Error finding id", "Error getting embedding")


COMPACT_MIN_DELETED = 5_000
COMPACTING_SUFFIX = "-compacting"
COMPLETE_KEY = "policykb_copy_complete"
_DELETED_FILE = "policykb-deleted.txt"


def _read_deleted(chroma_dir: Path) -> int:
    try:
        return int((chroma_dir / _DELETED_FILE).read_text().strip() or 0)
    except (OSError, ValueError):
        return 0


def _write_deleted(chroma_dir: Path, count: int) -> None:
    chroma_dir.mkdir(parents=True, exist_ok=True)
    tmp = chroma_dir / (_DELETED_FILE + ".tmp")
    tmp.write_text(str(count))
    tmp.replace(chroma_dir / _DELETED_FILE)


def _drop_if_present(client, name: str) -> None:
    if name in {c.name for c in client.list_collections()}:
        client.delete_collection(name)


def _finish_compaction(client, name: str) -> None:
    """After a crash during `VectorStore.compact`: keep a complete copy whose original is gone
    (rename it), drop any other copy."""
    collections = {c.name: c for c in client.list_collections()}
    copy = collections.get(name + COMPACTING_SUFFIX)
    if copy is None:
        return
    if name not in collections and (copy.metadata or {}).get(COMPLETE_KEY):
        copy.modify(name=name)
    else:
        client.delete_collection(copy.name)


def _segment_ids(chroma_dir: Path, collection_id: object) -> list[str]:
    """The ids (= index directory names) of a collection's segments, read from Chroma's SQLite file."""
    with closing(sqlite3.connect(f"file:{chroma_dir / 'chroma.sqlite3'}?mode=ro", uri=True)) as db:
        return [r[0] for r in db.execute("SELECT id FROM segments WHERE collection = ?", (str(collection_id),))]


def _vacuum(chroma_dir: Path) -> None:
    """Give the deleted rows' pages back to the file system (best effort: a busy file is left as is)."""
    try:
        with closing(sqlite3.connect(chroma_dir / "chroma.sqlite3", timeout=5)) as db:
            db.execute("VACUUM")
    except sqlite3.Error:
        pass


def _collection_name(embedder_name: str) -> str:
    return "clauses-" + re.sub(r"[^a-zA-Z0-9._-]+", "-", embedder_name).strip("-._")


def clause_metadata(clause: Clause) -> dict[str, object]:
    """The filterable facts of a clause, in Chroma's metadata form (arrays for lists; empty lists omitted)."""
    meta: dict[str, object] = {"doc_id": clause.doc_id, "label": clause.label, "order": clause.order}
    lists = {
        "units": sorted({u.name for u in clause.meta.units}),
        "kinds": sorted(set(clause.meta.kinds)),
        "subjects": sorted(set(clause.meta.subjects)),
        "deadlines": sorted({d.iso.isoformat() for d in clause.meta.dates if d.kind == "deadline"}),
    }
    meta.update({k: v for k, v in lists.items() if v})
    return meta


class VectorStore:
    def __init__(self, data_dir: Path, embedder_name: str, chroma_url: str = "") -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        try:
            if chroma_url:
                url = urlparse(chroma_url if "://" in chroma_url else f"http://{chroma_url}")
                self._client = chromadb.HttpClient(
                    host=url.hostname or "127.0.0.1",
                    port=url.port or (443 if url.scheme == "https" else 8000),
                    ssl=url.scheme == "https",
                    settings=chroma_settings,
                )
            else:
                self._client = chromadb.PersistentClient(path=str(data_dir / "chroma"), settings=chroma_settings)
                _finish_compaction(self._client, _collection_name(embedder_name))
            self._collection = self._client.get_or_create_collection(
                _collection_name(embedder_name), embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
        except Exception as exc:  # chromadb raises several unrelated types for a dead server
            if chroma_url:
                raise VectorStoreUnavailable(f"Chroma server {chroma_url} unavailable: {exc}", remote=True) from exc
            raise
        self._remote = bool(chroma_url)
        self._dir = None if chroma_url else data_dir / "chroma"

    def _call(self, fn, *args, **kwargs):
        """A write, or a read that is retried when it only met a concurrent delete."""
        for attempt in range(READ_RETRIES + 1):
            try:
                return fn(*args, **kwargs)
            except (ValueError, TypeError):
                raise
            except Exception as exc:
                transient = any(marker in str(exc) for marker in _TRANSIENT)
                if transient and attempt < READ_RETRIES:
                    time.sleep(0.01 * (attempt + 1))
                    continue
                raise VectorStoreUnavailable(f"vector store unavailable: {exc}", remote=self._remote) from exc
        raise AssertionError("unreachable")

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), 1000):
            batch = list(ids[start : start + 1000])
            found.update(self._call(self._collection.get, ids=batch, include=[])["ids"])
        return found

    def all_ids(self) -> set[str]:
        found: set[str] = set()
        offset = 0
        while True:
            batch = self._call(self._collection.get, include=[], limit=10000, offset=offset)["ids"]
            found.update(batch)
            if len(batch) < 10000:
                return found
            offset += len(batch)

    def upsert(self, clauses: Sequence[Clause], vectors: np.ndarray) -> None:
        for start in range(0, len(clauses), 1000):
            part = clauses[start : start + 1000]
            self._call(
                self._collection.upsert,
                ids=[c.clause_id for c in part],
                embeddings=vectors[start : start + 1000],
                metadatas=[clause_metadata(c) for c in part],
                documents=[c.text for c in part],
            )

    def delete(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), 1000):
            self._call(self._collection.delete, ids=list(ids[start : start + 1000]))
        if self._dir is not None and ids:
            _write_deleted(self._dir, _read_deleted(self._dir) + len(ids))

    # ---- compaction (embedded store only) -----------------------------------------------------
    def needs_compaction(self) -> bool:
        """More vectors deleted since the last compaction than `COMPACT_MIN_DELETED` and than are
        alive: Chroma's HNSW index keeps deleted entries (measured: 20,000 added and deleted
        beside 1,000 live ones left 46 MB and 3× slower queries)."""
        if self._dir is None:
            return False
        deleted = _read_deleted(self._dir)
        return deleted >= COMPACT_MIN_DELETED and deleted > self.count()

    def compact(self) -> None:
        """Copy the live vectors into a new collection, switch to it, drop the old one with its
        index files, and VACUUM Chroma's SQLite file. A crash midway leaves the old collection
        whole (a half-filled copy is dropped at the next open) or the full copy (renamed then)."""
        if self._dir is None:
            return
        name = self._collection.name
        fresh_name = name + COMPACTING_SUFFIX
        _drop_if_present(self._client, fresh_name)
        fresh = self._client.create_collection(fresh_name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
        offset = 0
        while True:
            got = self._call(self._collection.get, include=["embeddings", "metadatas", "documents"], limit=1000, offset=offset)
            if not got["ids"]:
                break
            fresh.upsert(ids=got["ids"], embeddings=got["embeddings"], metadatas=got["metadatas"], documents=got["documents"])
            offset += len(got["ids"])
        fresh.modify(metadata={COMPLETE_KEY: True})  # from here on the copy may replace the original
        old_segments = _segment_ids(self._dir, self._collection.id)
        self._collection = fresh  # readers switch before the original goes
        self._client.delete_collection(name)
        fresh.modify(name=name)
        for segment in old_segments:
            shutil.rmtree(self._dir / segment, ignore_errors=True)
        _vacuum(self._dir)
        _write_deleted(self._dir, 0)

    def query(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(clause id, cosine similarity) nearest to `vector`, best first (fewer when the store holds fewer)."""
        result = self._call(
            self._collection.query,
            query_embeddings=[vector.tolist()],
            n_results=k,
            include=["distances"],
        )
        return [(i, 1.0 - float(d)) for i, d in zip(result["ids"][0], result["distances"][0])]

    def vectors(self, ids: Sequence[str]) -> tuple[list[str], np.ndarray]:
        """The stored vectors of `ids` (those that exist)."""
        found: list[str] = []
        rows: list[np.ndarray] = []
        for start in range(0, len(ids), 1000):
            got = self._call(self._collection.get, ids=list(ids[start : start + 1000]), include=["embeddings"])
            found.extend(got["ids"])
            rows.extend(np.asarray(e, dtype=np.float32) for e in got["embeddings"])
        return found, _matrix(rows)

    def all_vectors(self) -> tuple[list[str], np.ndarray]:
        """Every stored vector with its clause id, in pages."""
        found: list[str] = []
        rows: list[np.ndarray] = []
        offset = 0
        while True:
            got = self._call(self._collection.get, include=["embeddings"], limit=1000, offset=offset)
            if not got["ids"]:
                break
            found.extend(got["ids"])
            rows.extend(np.asarray(e, dtype=np.float32) for e in got["embeddings"])
            offset += len(got["ids"])
        return found, _matrix(rows)

    def count(self) -> int:
        return self._call(self._collection.count)


def _matrix(rows: list[np.ndarray]) -> np.ndarray:
    return np.vstack(rows) if rows else np.zeros((0, 0), dtype=np.float32)
