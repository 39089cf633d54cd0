"""Exact nearest neighbours from vectors held in memory against Chroma's HNSW search.

    python -m eval.bench_nearest DATA_DIR [--shared-dir ../shared]

Times both on the same 100 STARD question vectors over the data dir's store (median and p95 ms,
the ratio in the same run) and the one-off load of the vectors.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import numpy as np

from chat.engine import Engine
from eval.realsets import DEFAULT_SHARED, load_stard
from kb.config import load_settings

QUESTIONS = 100
K = 50


def _timed(calls: list[Callable[[], object]]) -> tuple[float, float]:
    """Median and p95 of the calls' wall times, in ms."""
    out = []
    for call in calls:
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000)
    out.sort()
    return statistics.median(out), out[max(0, int(0.95 * len(out)) - 1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--shared-dir", default=str(DEFAULT_SHARED))
    args = parser.parse_args(argv)
    kb = Engine.open(load_settings(data_dir=args.data_dir)).kb
    vectors: list[np.ndarray] = [kb.embed_query(item.question) for item in load_stard(args.shared_dir).items[:QUESTIONS]]
    start = time.perf_counter()
    kb.nearest(vectors[0], K)
    loaded = time.perf_counter() - start
    exact = _timed([lambda v=v: kb.nearest(v, K) for v in vectors])
    hnsw = _timed([lambda v=v: kb.vectors.query(v, K) for v in vectors])
    print(f"store {kb.vectors.count()} vectors; the first exact search loads them in {loaded:.2f} s")
    print(f"exact: median {exact[0]:.2f} ms, p95 {exact[1]:.2f} ms; HNSW: median {hnsw[0]:.2f} ms, p95 {hnsw[1]:.2f} ms")
    print(f"ratio exact / HNSW (medians): {exact[0] / hnsw[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
