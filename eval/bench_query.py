"""In-process query latency: `Engine.ask` and bare hybrid search, median and p95.

    python -m eval.bench_query                    # over the seeds, then seeds + the 36 shared laws
    python -m eval.bench_query --data-dir DIR     # over an existing index (e.g. the full LawRefBook)
    python -m eval.bench_query --data-dir /tmp/evalwork/ncpqa --fresh ncpqa   # real questions, asked once each
    python -m eval.bench_query … --raw-queries    # the same without the query adapter (kb/query_adapter.py)

Questions are the dev set's (every kind of question), asked in rounds after one warm-up
round; each figure is the median (p95) over all timed calls. Repeated questions find their
vectors cached, so `--fresh SET` instead asks up to 300 questions of a real set (stard | ncpqa)
once each, after one unrelated warm-up question: every call embeds a question never seen.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from eval.bench_index import CORPORA
from eval.harness import load_devset
from eval.load_test import percentile
from kb.config import Settings


def time_calls(fn, questions: list[str], rounds: int) -> list[float]:
    for q in questions:  # warm-up: model load, caches
        fn(q)
    timings = []
    for _ in range(rounds):
        for q in questions:
            started = time.perf_counter()
            fn(q)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def bench_fresh(engine, label: str, set_name: str, limit: int = 300) -> str:
    """`Engine.ask` over questions never asked before (no cached vectors)."""
    from eval.realsets import load_set

    questions = [item.question for item in load_set(set_name).items[:limit]]
    engine.ask("预热问题")
    ms = []
    for q in questions:
        started = time.perf_counter()
        engine.ask(q)
        ms.append((time.perf_counter() - started) * 1000)
    return f"{label:<22}{'ask, fresh':<15}{engine.kb.catalog.count():>9}{len(ms):>7}{statistics.median(ms):>10.1f}{percentile(ms, 0.95):>10.1f}"


def bench(engine, label: str, rounds: int) -> list[str]:
    questions = [item.question for item in load_devset()]
    rows = []
    for name, fn in (
        ("engine.ask", lambda q: engine.ask(q)),
        ("hybrid search", lambda q: engine.retriever.search(q, k=8)),
        ("fusion alone", lambda q: engine.retriever.search(q, k=8, mode="fused")),  # hybrid search before re-ranking
        ("bm25 search", lambda q: engine.retriever.search(q, k=8, mode="bm25")),
    ):
        ms = time_calls(fn, questions, rounds)
        rows.append(
            f"{label:<22}{name:<15}{engine.kb.catalog.count():>9}{len(ms):>7}{statistics.median(ms):>10.1f}{percentile(ms, 0.95):>10.1f}"
        )
    return rows


def main() -> None:
    from chat.engine import Engine
    from indexer.pipeline import index_paths

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", help="an existing index to query instead of building seeds / seeds+laws")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--fresh", choices=["stard", "ncpqa"], help="with --data-dir: ask that real set's questions once each")
    parser.add_argument("--raw-queries", action="store_true", help="search by the raw question vector (no query adapter)")
    args = parser.parse_args()
    adapt = not args.raw_queries
    print(f"{'index':<22}{'call':<15}{'clauses':>9}{'calls':>7}{'median ms':>10}{'p95 ms':>10}")
    if args.data_dir and args.fresh:
        print(bench_fresh(Engine.open(Settings(data_dir=Path(args.data_dir), adapt_queries=adapt)), Path(args.data_dir).name, args.fresh))
        return
    if args.data_dir:
        for row in bench(Engine.open(Settings(data_dir=Path(args.data_dir), adapt_queries=adapt)), Path(args.data_dir).name, args.rounds):
            print(row)
        return
    data_dir = Path(tempfile.mkdtemp(prefix="bench-query-"))
    try:
        engine = Engine.open(Settings(data_dir=data_dir, adapt_queries=adapt))
        index_paths(engine.kb, CORPORA["seeds"], progress=False)
        for row in bench(engine, "seeds", args.rounds):
            print(row)
        index_paths(engine.kb, CORPORA["laws"], progress=False)
        engine.kb.invalidate()
        for row in bench(engine, "seeds + 36 laws", args.rounds):
            print(row)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
