"""The clause catalog: documents and clauses with their metadata, in SQLite.

SQLite is the source of truth for *which* clauses exist. A document's clauses are replaced
in one transaction, so a crash while indexing leaves either the old or the new version,
never a mix. The vector store and the BM25 index are derived from it and are filtered
against it at query time.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from kb.models import Clause, Document

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    embedder TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS clauses (
    clause_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    label TEXT NOT NULL,
    json TEXT NOT NULL,
    tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS clauses_doc ON clauses(doc_id, ord);
CREATE INDEX IF NOT EXISTS clauses_label ON clauses(label);
CREATE TABLE IF NOT EXISTS clause_units (clause_id TEXT NOT NULL, unit TEXT NOT NULL, role TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS clause_units_unit ON clause_units(unit);
CREATE INDEX IF NOT EXISTS clause_units_clause ON clause_units(clause_id);
CREATE TABLE IF NOT EXISTS clause_kinds (clause_id TEXT NOT NULL, kind TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS clause_kinds_kind ON clause_kinds(kind);
CREATE INDEX IF NOT EXISTS clause_kinds_clause ON clause_kinds(clause_id);
CREATE TABLE IF NOT EXISTS clause_deadlines (clause_id TEXT NOT NULL, iso TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS clause_deadlines_iso ON clause_deadlines(iso);
CREATE INDEX IF NOT EXISTS clause_deadlines_clause ON clause_deadlines(clause_id);
"""

_DEADLINE_KINDS = ("deadline", "window_end", "expiry", "plan_end")


class Catalog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._lock = threading.RLock()

    # ---- documents -------------------------------------------------------------------
    def documents(self) -> list[Document]:
        with self._lock:
            rows = self._db.execute("SELECT json FROM documents ORDER BY doc_id").fetchall()
        return [Document.model_validate_json(r[0]) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        with self._lock:
            row = self._db.execute("SELECT json FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return Document.model_validate_json(row[0]) if row else None

    def indexed_state(self) -> dict[str, tuple[str, str]]:
        """doc_id -> (content hash, embedder) of what is indexed."""
        with self._lock:
            rows = self._db.execute("SELECT doc_id, content_hash, embedder FROM documents").fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

    def replace_document(self, doc: Document, clauses: Sequence[Clause], tokens: Sequence[list[str]], embedder: str) -> None:
        """Atomically swap a document's clauses for `clauses`."""
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._delete_clauses(doc.doc_id)
            self._db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?,?,?,?)",
                (doc.doc_id, doc.model_dump_json(), doc.content_hash, embedder),
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO clauses VALUES (?,?,?,?,?,?)",
                [(c.clause_id, c.doc_id, c.order, c.label, c.model_dump_json(), " ".join(t)) for c, t in zip(clauses, tokens)],
            )
            self._db.executemany(
                "INSERT INTO clause_units VALUES (?,?,?)",
                [(c.clause_id, u.name, u.role) for c in clauses for u in c.meta.units],
            )
            self._db.executemany(
                "INSERT INTO clause_kinds VALUES (?,?)",
                [(c.clause_id, k) for c in clauses for k in set(c.meta.kinds)],
            )
            self._db.executemany(
                "INSERT INTO clause_deadlines VALUES (?,?)",
                [(c.clause_id, d.iso.isoformat()) for c in clauses for d in c.meta.dates if d.kind in _DEADLINE_KINDS],
            )

    def update_document(self, doc: Document) -> None:
        """Rewrite a document's facts (e.g. superseded_by) without touching its clauses."""
        with self._lock:
            self._db.execute("UPDATE documents SET json=? WHERE doc_id=?", (doc.model_dump_json(), doc.doc_id))

    def delete_document(self, doc_id: str) -> list[str]:
        """Remove a document and its clauses; returns the removed clause ids."""
        with self._lock, self._db:
            self._db.execute("BEGIN")
            ids = self._delete_clauses(doc_id)
            self._db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))
        return ids

    def _delete_clauses(self, doc_id: str) -> list[str]:
        ids = [r[0] for r in self._db.execute("SELECT clause_id FROM clauses WHERE doc_id=?", (doc_id,))]
        for table in ("clause_units", "clause_kinds", "clause_deadlines"):
            self._db.execute(
                f"DELETE FROM {table} WHERE clause_id IN (SELECT clause_id FROM clauses WHERE doc_id=?)", (doc_id,)
            )
        self._db.execute("DELETE FROM clauses WHERE doc_id=?", (doc_id,))
        return ids

    # ---- clauses ---------------------------------------------------------------------
    def clause(self, clause_id: str) -> Clause | None:
        found = self.get_clauses([clause_id])
        return found[0] if found else None

    def get_clauses(self, clause_ids: Sequence[str]) -> list[Clause]:
        """Clauses by id, in the order asked; unknown ids are skipped."""
        if not clause_ids:
            return []
        with self._lock:
            rows = self._db.execute(
                f"SELECT clause_id, json FROM clauses WHERE clause_id IN ({','.join('?' * len(clause_ids))})",
                list(clause_ids),
            ).fetchall()
        by_id = {r[0]: r[1] for r in rows}
        return [Clause.model_validate_json(by_id[i]) for i in clause_ids if i in by_id]

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
        """Clauses matching every given filter, in document order; a page of them with `limit` and
        `offset` (read in SQL, so a page costs the same at 100 clauses and at 250,000)."""
        where, args = self._filter_sql(doc_id=doc_id, unit=unit, kind=kind, due_before=due_before, label=label)
        page = ""
        if limit is not None:
            page = " LIMIT ? OFFSET ?"
            args = [*args, limit, offset]
        with self._lock:
            rows = self._db.execute(f"SELECT json FROM clauses c {where} ORDER BY doc_id, ord{page}", args).fetchall()
        return [Clause.model_validate_json(r[0]) for r in rows]

    def clause_counts(self) -> dict[str, int]:
        """doc id → number of clauses, counted in SQL."""
        with self._lock:
            return dict(self._db.execute("SELECT doc_id, COUNT(*) FROM clauses GROUP BY doc_id").fetchall())

    def clause_docs(self, **filters: object) -> list[tuple[str, str]]:
        """(clause id, doc id) of the clauses matching the filters: cheap, nothing parsed."""
        where, args = self._filter_sql(**filters)  # type: ignore[arg-type]
        with self._lock:
            return [(r[0], r[1]) for r in self._db.execute(f"SELECT clause_id, doc_id FROM clauses c {where}", args)]

    def clause_ids(self, **filters: object) -> set[str]:
        where, args = self._filter_sql(**filters)  # type: ignore[arg-type]
        with self._lock:
            return {r[0] for r in self._db.execute(f"SELECT clause_id FROM clauses c {where}", args)}

    @staticmethod
    def _filter_sql(
        doc_id: str | Iterable[str] | None = None,
        unit: str | None = None,
        kind: str | None = None,
        due_before: date | None = None,
        label: str | None = None,
    ) -> tuple[str, list[object]]:
        conds: list[str] = []
        args: list[object] = []
        if isinstance(doc_id, str):
            conds.append("c.doc_id = ?")
            args.append(doc_id)
        elif doc_id is not None:
            ids = list(doc_id)
            conds.append(f"c.doc_id IN ({','.join('?' * len(ids))})")
            args.extend(ids)
        if unit:
            conds.append("c.clause_id IN (SELECT clause_id FROM clause_units WHERE unit = ?)")
            args.append(unit)
        if kind:
            conds.append("c.clause_id IN (SELECT clause_id FROM clause_kinds WHERE kind = ?)")
            args.append(kind)
        if due_before:
            conds.append("c.clause_id IN (SELECT clause_id FROM clause_deadlines WHERE iso <= ?)")
            args.append(due_before.isoformat())
        if label:
            conds.append("c.label = ?")
            args.append(label)
        return ("WHERE " + " AND ".join(conds) if conds else ""), args

    def unit_counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute("SELECT unit, COUNT(DISTINCT clause_id) FROM clause_units GROUP BY unit").fetchall()
        return {r[0]: r[1] for r in rows}

    def all_tokens(self) -> tuple[list[str], list[list[str]]]:
        """(clause ids, tokens) of every clause in a stable order: the BM25 corpus."""
        with self._lock:
            rows = self._db.execute("SELECT clause_id, tokens FROM clauses ORDER BY rowid").fetchall()
        return [r[0] for r in rows], [r[1].split() for r in rows]

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM clauses").fetchone()[0]

    def generation(self) -> str:
        """A fingerprint of the clause set, to tell whether derived indexes are current."""
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(LENGTH(clause_id) * rowid), 0), COALESCE(MAX(rowid), 0) FROM clauses"
            ).fetchone()
            hashes = self._db.execute("SELECT group_concat(content_hash, '') FROM (SELECT content_hash FROM documents ORDER BY doc_id)").fetchone()
        return hashlib.sha1(json.dumps([row[0], row[1], row[2], hashes[0] or ""]).encode()).hexdigest()

    def close(self) -> None:
        with self._lock:
            self._db.close()
