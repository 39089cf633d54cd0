"""`policykb serve` measured from outside: time to ready, HTTP latency at 1/8/32 clients, RSS.

    python -m eval.bench_serve --data-dir DIR        # an existing index (e.g. the full LawRefBook)
    python -m eval.bench_serve                       # a fresh data dir: the first start indexes the seeds

Loopback only; every load phase is bounded in requests and seconds.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from eval.load_test import percentile, run
from kb.config import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir")
    parser.add_argument("--requests-per-client", type=int, default=25)
    args = parser.parse_args()
    data_dir = args.data_dir or tempfile.mkdtemp(prefix="bench-serve-")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "chat.cli", "serve", "--data-dir", data_dir, "--port", str(port)]
    started = time.perf_counter()
    server = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if server.poll() is not None:
                raise SystemExit("server exited during start-up")
            try:
                if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        ready = time.perf_counter() - started
        print(f"time to ready: {ready:.1f} s (RSS {rss_mb(server.pid, 'VmRSS'):.0f} MB)")
        print(f"{'clients':>8}{'requests':>10}{'errors':>8}{'req/s':>8}{'median ms':>11}{'p95 ms':>9}")
        for clients in (1, 8, 32):
            results, wall = run(url, clients, requests=max(50, clients * args.requests_per_client), seconds=120)
            ms = [s * 1000 for s in results.latencies]
            print(
                f"{clients:>8}{len(ms) + sum(results.errors.values()):>10}{sum(results.errors.values()):>8}"
                f"{len(ms) / wall:>8.1f}{statistics.median(ms):>11.0f}{percentile(ms, 0.95):>9.0f}"
            )
        print(f"server peak RSS: {rss_mb(server.pid, 'VmHWM'):.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
