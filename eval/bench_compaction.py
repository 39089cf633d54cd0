"""Vector storage after many deletes: size and query speed of a churned store, before and after
compaction, against a fresh store of the same live vectors (issue 11).

    python -m eval.bench_compaction [--live 1000] [--churn 100000] [--dir /tmp/policykb-compaction]

Vectors are random unit vectors of the default embedder's size (384): what is measured is
Chroma's storage, not the embedder. The churn adds and deletes batches of 5,000, as uploads and
deletes of large documents do.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from pathlib import Path

import numpy as np

from kb.models import Clause
from kb.vectors import VectorStore

DIM = 384
BATCH = 5_000


def clauses(n: int, prefix: str) -> list[Clause]:
    return [Clause(clause_id=f"{prefix}{i}", doc_id=f"d{i % 50}", label="第一条", text="条款文本" * 20, order=i) for i in range(n)]


def unit_vectors(n: int, seed: int) -> np.ndarray:
    rows = np.random.default_rng(seed).normal(size=(n, DIM)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def megabytes(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def query_ms(store: VectorStore, rounds: int = 300) -> float:
    times = []
    for q in unit_vectors(rounds, seed=7):
        started = time.perf_counter()
        store.query(q, 50)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--live", type=int, default=1000)
    parser.add_argument("--churn", type=int, default=100_000)
    parser.add_argument("--dir", default="/tmp/policykb-compaction")
    args = parser.parse_args(argv)
    base = Path(args.dir)
    shutil.rmtree(base, ignore_errors=True)
    live, live_vectors = clauses(args.live, "live"), unit_vectors(args.live, seed=1)

    fresh = VectorStore(base / "fresh", "bench")
    fresh.upsert(live, live_vectors)
    fresh_mb, fresh_ms = megabytes(base / "fresh"), query_ms(fresh)

    churned = VectorStore(base / "churned", "bench")
    churned.upsert(live, live_vectors)
    started = time.perf_counter()
    for round_ in range(args.churn // BATCH):
        batch = clauses(BATCH, f"gone{round_}-")
        churned.upsert(batch, unit_vectors(BATCH, seed=100 + round_))
        churned.delete([c.clause_id for c in batch])
    churn_s = time.perf_counter() - started
    before_mb, before_ms = megabytes(base / "churned"), query_ms(churned)
    started = time.perf_counter()
    compacted = churned.needs_compaction()
    if compacted:
        churned.compact()
    compact_s = time.perf_counter() - started
    after_mb, after_ms = megabytes(base / "churned"), query_ms(churned)

    print(f"{args.live:,} live vectors; {args.churn:,} added and deleted in {churn_s:.0f} s; compaction {'ran' if compacted else 'not due'} in {compact_s:.1f} s")
    print(f"{'store':28} {'MB':>8} {'query median ms':>16} {'size ratio':>11} {'speed ratio':>12}")
    for name, mb, ms in (("fresh", fresh_mb, fresh_ms), ("churned, before compaction", before_mb, before_ms), ("churned, after compaction", after_mb, after_ms)):
        print(f"{name:28} {mb:8.1f} {ms:16.2f} {mb / fresh_mb:11.2f} {ms / fresh_ms:12.2f}")
    shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
