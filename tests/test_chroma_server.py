"""Chroma server mode: the same engine and API over a real `chroma run` server.

Also the outage story: the server going away mid-way turns /api/ask into a clear 503 (not
a 500) and /readyz red; once it is back on the same port and path, answers resume.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from chat.api import create_app
from kb.config import Settings

pytestmark = pytest.mark.slow

QUESTION = "杨浦区知识产权质押融资总额目标是多少？"


def chroma_cli() -> str:
    """The `chroma` CLI installed next to this interpreter (the venv's bin)."""
    beside = Path(sys.executable).with_name("chroma")
    found = str(beside) if beside.exists() else shutil.which("chroma")
    assert found, "the chroma CLI is not installed in this environment"
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChromaServer:
    def __init__(self, path: Path, port: int, log: Path) -> None:
        self.path, self.port, self.log = path, port, log
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [chroma_cli(), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"chroma exited: {self.log.read_text(errors='replace')[-2000:]}"
            try:
                if httpx.get(f"{self.url}/api/v2/heartbeat", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"chroma server not up after {timeout}s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None


@pytest.fixture()
def chroma(tmp_path: Path) -> Iterator[ChromaServer]:
    server = ChromaServer(tmp_path / "chroma-server", free_port(), tmp_path / "chroma.log")
    server.start()
    yield server
    server.stop()


def test_engine_and_api_over_a_chroma_server_survive_an_outage(chroma, tmp_path, indexed_settings: Settings, serve_app):
    from chat.engine import Engine

    settings = replace(indexed_settings, data_dir=tmp_path / "data", chroma_url=chroma.url)
    engine = Engine.open(settings)
    try:
        report = engine.ensure_indexed()
        assert report is not None and len(report.added) == 4 and not report.failed
        # the vectors live in the server, not in a local embedded store
        assert engine.kb.vectors.count() == engine.kb.catalog.count() > 100
        assert not (settings.data_dir / "chroma").exists()

        with serve_app(create_app(settings, engine)) as server, httpx.Client(base_url=server.url, timeout=30) as client:
            before = client.post("/api/ask", json={"question": QUESTION})
            assert before.status_code == 200
            answer = before.json()
            assert answer["answerable"] and "质押融资总额" in answer["answer"]
            assert any("质押融资" in c["text"] for c in answer["citations"])

            chroma.stop()
            down = client.post("/api/ask", json={"question": QUESTION})
            assert down.status_code == 503
            assert "向量检索服务暂时不可用" in down.json()["detail"] and down.headers["retry-after"]
            assert client.get("/readyz").status_code == 503
            assert client.get("/healthz").status_code == 200

            chroma.start()
            after = client.post("/api/ask", json={"question": QUESTION})
            assert after.status_code == 200 and after.json()["answer"] == answer["answer"]
            assert client.get("/readyz").json()["status"] == "ready"
    finally:
        engine.kb.close()
