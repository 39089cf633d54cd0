"""Indexing throughput beside the embedder's raw throughput, measured in the same run.

    python -m eval.bench_index                 # seeds and the 36 shared laws
    python -m eval.bench_index --corpus lawrefbook --limit 200

Each corpus is indexed into a fresh data directory in a child process (so peak RSS is that
corpus's own), then the same clause texts are embedded again by the bare embedder in the
same batch sizes. Overhead = pipeline time / raw embedding time - 1.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import shutil
import tempfile
import time
from pathlib import Path

from kb.config import BUNDLED_CORPUS, PROJECT_ROOT, Settings

SHARED = PROJECT_ROOT.parent / "shared"
CORPORA = {
    "seeds": [BUNDLED_CORPUS],
    "laws": [SHARED / "realdata" / "laws"],
    "lawrefbook": [SHARED / "lawrefbook"],
}


def _files(corpus: str, limit: int | None) -> list[Path]:
    from indexer.pipeline import discover

    files = list(discover(CORPORA[corpus]))
    return files[:limit] if limit else files


def _measure(corpus: str, limit: int | None, embedder: str, queue: mp.Queue) -> None:
    from indexer.extract import extract_meta
    from indexer.pipeline import embedding_text, index_paths
    from kb.store import KnowledgeBase
    from kb.tokenize import tokens

    data_dir = Path(tempfile.mkdtemp(prefix=f"bench-{corpus}-"))
    try:
        kb = KnowledgeBase.open(Settings(data_dir=data_dir, embedder=embedder))
        # Start-up, not throughput: the embedding model, jieba's dictionary, the gazetteer.
        kb.embedder.embed(["预热"])
        tokens("预热")
        extract_meta("市知识产权局负责")
        files = _files(corpus, limit)
        started = time.perf_counter()
        report = index_paths(kb, files, progress=False)
        pipeline_seconds = time.perf_counter() - started
        docs = {d.doc_id: d for d in kb.documents()}
        batches: dict[str, list[str]] = {}
        for clause in kb.clauses():  # the pipeline embeds per document: keep the same batches
            batches.setdefault(clause.doc_id, []).append(embedding_text(docs[clause.doc_id], clause))
        raw_started = time.perf_counter()
        for batch in batches.values():
            kb.embedder.embed(batch)
        raw_seconds = time.perf_counter() - raw_started
        queue.put(
            {
                "corpus": corpus,
                "documents": len(docs),
                "failed": len(report.failed),
                "clauses": report.clauses_total,
                "pipeline_s": round(pipeline_seconds, 2),
                "pipeline_clauses_per_s": round(report.clauses_total / pipeline_seconds, 1),
                "raw_embed_s": round(raw_seconds, 2),
                "raw_embed_clauses_per_s": round(report.clauses_total / raw_seconds, 1),
                "overhead_pct": round(100 * (pipeline_seconds / raw_seconds - 1), 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def in_child(measure, *args) -> dict:
    """`measure(*args, queue)` in a fresh spawned process (its own load time and peak RSS); its result."""
    ctx = mp.get_context("spawn")
    queue: mp.Queue = ctx.Queue()
    child = ctx.Process(target=measure, args=(*args, queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def run(corpus: str, limit: int | None, embedder: str) -> dict:
    return in_child(_measure, corpus, limit, embedder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="default: seeds and laws")
    parser.add_argument("--limit", type=int, help="index only the first N files of each corpus")
    parser.add_argument("--embedder", default=Settings().embedder)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = [run(c, args.limit, args.embedder) for c in args.corpus or ["seeds", "laws"]]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return
    print(f"{'corpus':<11}{'docs':>6}{'clauses':>9}{'pipeline s':>12}{'clauses/s':>11}{'raw embed s':>13}{'raw/s':>8}{'overhead':>10}{'peak RSS MB':>13}")
    for r in results:
        print(
            f"{r['corpus']:<11}{r['documents']:>6}{r['clauses']:>9}{r['pipeline_s']:>12}{r['pipeline_clauses_per_s']:>11}"
            f"{r['raw_embed_s']:>13}{r['raw_embed_clauses_per_s']:>8}{r['overhead_pct']:>9}%{r['peak_rss_mb']:>13}"
        )


if __name__ == "__main__":
    main()
