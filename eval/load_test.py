"""Concurrent load on POST /api/ask of a running server, bounded in requests and in time.

    python -m eval.load_test --url http://127.0.0.1:8000 --clients 8 --requests 200 --seconds 60

Loopback only: this is for measuring your own instance, never somebody else's server.
Prints throughput, median and p95 latency and the error count (exit status 1 on errors).
"""

from __future__ import annotations

import argparse
import ipaddress
import itertools
import socket
import statistics
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlparse

import httpx

QUESTIONS = [
    "中小企业知识产权运营能力提升项目每家支持多少钱？",
    "我们医院想建知识产权运营中心，专项资金每家能支持多少？",
    "高校知识产权运营中心建设最多遴选几所高校？",
    "实施细则第十五条说了什么？",
    "认定上海市知识产权金融（信贷）创新中心大概选几家？每家奖补多少？",
    "高校把专利转让给本市中小企业，每件专利能奖多少？",
    "第二批专项资金实施细则从哪天开始施行？",
    "市教委要推动高校建立哪些专利管理制度？",
    "各区政府在专利转化运用专项行动里承担哪些任务？",
    "专项行动方案第（十一）项是什么内容？",
    "杨浦区知识产权质押融资总额目标是多少？",
    "“杨小知”工作室是做什么的？",
    "这篇关于发明专利高质量发展的研究文章有约束力吗？",
    "我们是一家专精特新中小企业，实施细则里有适合我们申报的项目吗？能拿多少？",
    "深圳对发明专利授权有多少资助？",
    "帮我写一首关于春天的诗。",
]


def is_loopback(url: str) -> bool:
    """True when every address the URL's host resolves to is a loopback address."""
    host = urlparse(url).hostname
    if not host:
        return False
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


@dataclass
class Results:
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    errors: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, error: str | None) -> None:
        with self.lock:
            if error:
                self.errors[error] += 1
            else:
                self.latencies.append(seconds)


def run(url: str, clients: int, requests: int, seconds: float, timeout: float = 30.0) -> tuple[Results, float]:
    """Send up to `requests` questions from `clients` threads, stopping new ones after `seconds`."""
    results = Results()
    tickets = itertools.count()
    deadline = time.monotonic() + seconds

    def client_loop() -> None:
        with httpx.Client(base_url=url, timeout=timeout) as http:
            while time.monotonic() < deadline:
                n = next(tickets)  # itertools.count is thread-safe under the GIL
                if n >= requests:
                    return
                started = time.perf_counter()
                error = None
                try:
                    response = http.post("/api/ask", json={"question": QUESTIONS[n % len(QUESTIONS)]})
                    if response.status_code != 200:
                        error = f"HTTP {response.status_code}"
                except httpx.HTTPError as exc:
                    error = type(exc).__name__
                results.record(time.perf_counter() - started, error)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        for _ in range(clients):
            pool.submit(client_loop)
    return results, time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def report(results: Results, wall: float, clients: int) -> str:
    done = len(results.latencies)
    errors = sum(results.errors.values())
    lines = [
        f"clients {clients}, requests {done + errors} in {wall:.1f} s",
        f"throughput {done / wall if wall else 0:.1f} req/s (successful)",
    ]
    if done:
        lines.append(
            f"latency median {statistics.median(results.latencies) * 1000:.0f} ms, "
            f"p95 {percentile(results.latencies, 0.95) * 1000:.0f} ms, max {max(results.latencies) * 1000:.0f} ms"
        )
    lines.append(f"errors {errors}" + (f" ({', '.join(f'{k}: {v}' for k, v in results.errors.most_common())})" if errors else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load test POST /api/ask of a local policykb server.")
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="base URL of the server (loopback only)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (1-64)")
    parser.add_argument("--requests", type=int, default=200, help="total requests (1-100000)")
    parser.add_argument("--seconds", type=float, default=60, help="stop sending new requests after this long (max 600)")
    args = parser.parse_args(argv)
    if not is_loopback(args.url):
        print(f"refusing {args.url}: the load test only targets loopback addresses (127.0.0.1, ::1, localhost)", file=sys.stderr)
        return 2
    if not (1 <= args.clients <= 64 and 1 <= args.requests <= 100_000 and 0 < args.seconds <= 600):
        print("out of bounds: --clients 1-64, --requests 1-100000, --seconds (0, 600]", file=sys.stderr)
        return 2
    results, wall = run(args.url.rstrip("/"), args.clients, args.requests, args.seconds)
    print(report(results, wall, args.clients))
    return 1 if results.errors else 0


if __name__ == "__main__":
    sys.exit(main())
