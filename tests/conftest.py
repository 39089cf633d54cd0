"""Shared fixtures: ONE index of the bundled corpus per test session, and real uvicorn servers.

`engine` builds the index once into a temporary data directory; tests that change it
(uploads) must undo their change. `serve_app` runs any ASGI app under uvicorn on a free
loopback port in a background thread and waits until /readyz answers 200.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date

import httpx
import pytest
import uvicorn

from kb.config import Settings

# Validity depends on the date: pin it so "有效"/"已失效" are the same on every run.
# On this day the 实施细则 (valid to 2023-12-31) has expired and the 专项行动方案 is in force.
AS_OF = date(2025, 6, 1)
ADMIN_TOKEN = "test-admin-token-5f2c"
MAX_UPLOAD_BYTES = 256 * 1024


class LiveServer:
    """A uvicorn server in a thread, bound to a socket we opened (no port race)."""

    def __init__(self, app, ready_path: str = "/readyz") -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=2)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)
        self._ready_path = ready_path

    def start(self, timeout: float = 60.0) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + timeout
        last: object = None
        while time.monotonic() < deadline:
            if not self._thread.is_alive():
                raise RuntimeError("uvicorn exited during startup")
            try:
                response = httpx.get(self.url + self._ready_path, timeout=5)
                if response.status_code == 200:
                    return self
                last = response.text
            except httpx.HTTPError as exc:
                last = exc
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server not ready after {timeout}s: {last}")

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(15)
        self._socket.close()


@contextmanager
def engine_over(root, texts: dict[str, str]):
    """An engine over a real index of `texts` (file name → content) written under `root`, closed after."""
    from chat.engine import Engine
    from indexer.pipeline import index_paths

    (root / "corpus").mkdir()
    for name, text in texts.items():
        (root / "corpus" / name).write_text(text, encoding="utf-8")
    engine = Engine.open(Settings(data_dir=root / "data"))
    report = index_paths(engine.kb, [root / "corpus"], progress=False)
    assert len(report.added) == len(texts) and not report.failed
    try:
        yield engine
    finally:
        engine.kb.close()


def engine_fixture(texts: dict[str, str]):
    """A module-scoped fixture of an engine over a real index of `texts` (`engine_over`):
    `notices = engine_fixture(NOTICES)` in a test module."""

    @pytest.fixture(scope="module")
    def fixture(tmp_path_factory: pytest.TempPathFactory):
        with engine_over(tmp_path_factory.mktemp("corpus"), texts) as engine:
            yield engine

    return fixture


@pytest.fixture(scope="session")
def indexed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for the session's index (embedded Chroma, pinned date, admin token, small upload limit)."""
    return Settings(
        data_dir=tmp_path_factory.mktemp("kb") / "data",
        as_of=AS_OF,
        admin_token=ADMIN_TOKEN,
        max_upload_bytes=MAX_UPLOAD_BYTES,
    )


@pytest.fixture(scope="session")
def engine(indexed_settings: Settings):
    """The engine over ONE index of the bundled corpus, built on first use and shared."""
    from chat.engine import Engine

    engine = Engine.open(indexed_settings)
    report = engine.ensure_indexed(progress=False)
    assert report is not None and len(report.added) == 4 and not report.failed, report and report.summary()
    yield engine
    engine.kb.close()


@pytest.fixture(scope="session")
def serve_app() -> Callable[..., AbstractContextManager[LiveServer]]:
    """`with serve_app(app) as server:` runs `app` under uvicorn until the block ends."""

    @contextmanager
    def run(app, ready_path: str = "/readyz") -> Iterator[LiveServer]:
        server = LiveServer(app, ready_path).start()
        try:
            yield server
        finally:
            server.stop()

    return run


@pytest.fixture(scope="session")
def live_server(engine, indexed_settings: Settings, serve_app) -> Iterator[LiveServer]:
    """The full service (API + web chat at /ui) over the shared index."""
    from chat.serve import build_app

    with serve_app(build_app(indexed_settings, engine)) as server:
        yield server
