"""The worst inputs found for one request, against a running server: per-request time of each
(the first call, before the query-embedding cache holds it, and the median of three), then
ordinary questions' latency alone and while 8 clients send worst inputs.

    policykb serve --port 8000 &   # or make serve
    python -m eval.bench_worst --url http://127.0.0.1:8000 [--seconds 20]

Loopback only (eval/load_test.py's check). Figures go to eval/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import threading
import time
from collections.abc import Callable

import httpx

from eval.load_test import QUESTIONS, is_loopback, percentile

MAX_CHARS = 2000  # the default max_question_chars


def fill(piece: str, limit: int = MAX_CHARS) -> str:
    """`piece` repeated up to `limit` characters."""
    return (piece * (limit // len(piece) + 1))[:limit]


# (name, method, path, JSON body or query params)
WORST: list[tuple[str, str, str, dict]] = [
    ("ask: 第一条 × 666", "POST", "/api/ask", {"question": fill("第一条")}),
    ("ask: （一） × 500", "POST", "/api/ask", {"question": fill("（一）")}),
    ("ask: 《实施细则》第一条 repeated", "POST", "/api/ask", {"question": fill("《实施细则》第一条")}),
    ("ask: 文号 repeated", "POST", "/api/ask", {"question": fill("沪府办发〔2024〕7号")}),
    ("ask: places repeated", "POST", "/api/ask", {"question": fill("深圳北京广州杭州东京")}),
    ("ask: quoted names repeated", "POST", "/api/ask", {"question": fill("“繁星计划”奖励")}),
    ("ask: 专利 × 1000", "POST", "/api/ask", {"question": fill("专利")}),
    ("ask: mixed question words", "POST", "/api/ask", {"question": fill("市知识产权局负责哪些任务？每家多少钱？什么时候截止？")}),
    ("eligibility: 50 attributes of 100 chars", "POST", "/api/eligibility", {"subject_type": fill("中小企业", 100), "attributes": [fill("专精特新", 100)] * 50, "region": fill("杨浦区", 100)}),
    ("clauses: q of 2000 chars, limit 1000", "GET", "/api/clauses", {"q": fill("知识产权"), "limit": "1000"}),
    ("clauses: listing offset 0, limit 1000", "GET", "/api/clauses", {"limit": "1000"}),
    ("v1: 200 messages", "POST", "/v1/chat/completions", {"messages": [{"role": "user", "content": fill("第一条", 500)}] * 200}),
]


def send(client: httpx.Client, method: str, path: str, payload: dict) -> httpx.Response:
    if method == "GET":
        return client.get(path, params=payload)
    return client.post(path, json=payload)


def timed(call: Callable[[], httpx.Response]) -> tuple[float, int]:
    started = time.perf_counter()
    status = call().status_code
    return time.perf_counter() - started, status


def ordinary_latencies(client: httpx.Client, seconds: float) -> list[float]:
    out: list[float] = []
    deadline = time.monotonic() + seconds
    for question in itertools.cycle(QUESTIONS):
        if time.monotonic() >= deadline:
            return out
        spent, status = timed(lambda q=question: client.post("/api/ask", json={"question": q}))
        if status == 200:
            out.append(spent)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--seconds", type=float, default=20, help="length of each latency phase")
    parser.add_argument("--upload", nargs="*", default=[], help="files to upload (background jobs) during a last phase")
    parser.add_argument("--token", default="", help="the server's admin token, for --upload")
    args = parser.parse_args(argv)
    if not is_loopback(args.url):
        print(f"refusing {args.url}: loopback addresses only", file=sys.stderr)
        return 2
    url = args.url.rstrip("/")
    with httpx.Client(base_url=url, timeout=120) as client:
        print("worst inputs, one at a time: the first call (nothing cached) and the median of three:")
        for name, method, path, payload in WORST:
            runs = [timed(lambda m=method, p=path, b=payload: send(client, m, p, b)) for _ in range(3)]
            first, median = runs[0][0] * 1000, statistics.median(s for s, _ in runs) * 1000
            print(f"  {name:42} first {first:6.0f} ms  median {median:6.0f} ms  HTTP {runs[-1][1]}")
        alone = ordinary_latencies(client, args.seconds)

    stop = threading.Event()

    def hammer(offset: int) -> None:
        with httpx.Client(base_url=url, timeout=120) as http:
            for _name, method, path, payload in itertools.islice(itertools.cycle(WORST), offset, None):
                if stop.is_set():
                    return
                send(http, method, path, payload)

    workers = [threading.Thread(target=hammer, args=(i,), daemon=True) for i in range(8)]
    for w in workers:
        w.start()
    with httpx.Client(base_url=url, timeout=120) as client:
        loaded = ordinary_latencies(client, args.seconds)
    stop.set()
    for w in workers:
        w.join(120)
    for label, values in (("ordinary questions alone", alone), ("with 8 clients sending worst inputs", loaded)):
        print(f"{label:38} n {len(values):4}  median {statistics.median(values) * 1000:6.0f} ms  p95 {percentile(values, 0.95) * 1000:6.0f} ms")
    print(f"p95 ratio loaded / alone: {percentile(loaded, 0.95) / percentile(alone, 0.95):.1f}")
    if args.upload:
        during, indexing_s = questions_during_uploads(url, args.upload, args.token)
        print(
            f"{'while uploads are indexed (' + format(indexing_s, '.0f') + ' s)':38} n {len(during):4}  "
            f"median {statistics.median(during) * 1000:6.0f} ms  p95 {percentile(during, 0.95) * 1000:6.0f} ms"
        )
    return 0


def questions_during_uploads(url: str, files: list[str], token: str) -> tuple[list[float], float]:
    """Ordinary questions' latencies while `files` are uploaded as background jobs, until the last
    job ends (the uploads are deleted afterwards); and how long the indexing took."""
    from pathlib import Path

    auth = {"Authorization": f"Bearer {token}"}
    latencies: list[float] = []
    with httpx.Client(base_url=url, timeout=120) as client:
        started = time.perf_counter()
        jobs = []
        for path in files:
            accepted = client.post("/api/documents", files={"file": (Path(path).name, Path(path).read_bytes())}, headers=auth)
            accepted.raise_for_status()
            jobs.append(accepted.headers["Location"])
        for question in itertools.cycle(QUESTIONS):
            spent, status = timed(lambda q=question: client.post("/api/ask", json={"question": q}))
            if status == 200:
                latencies.append(spent)
            if len(latencies) % 10 == 0 and all(client.get(j, headers=auth).json()["status"] in ("done", "failed") for j in jobs):
                break
        indexing = time.perf_counter() - started
        for job in jobs:
            doc_id = client.get(job, headers=auth).json()["doc_id"]
            client.delete(f"/api/documents/{doc_id}", headers=auth)
    return latencies, indexing


if __name__ == "__main__":
    raise SystemExit(main())
