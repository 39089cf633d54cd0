"""Bounded cost per client and per request, on a real uvicorn server: an optional rate limit per
client address, and a time budget after which a question gets 503 instead of a hanging client."""

from __future__ import annotations

import dataclasses
import threading
import time

import httpx
import pytest

from chat.api import create_app

pytestmark = pytest.mark.slow

QUESTION = "中小企业知识产权运营能力提升项目每家支持多少钱？"


def test_the_rate_limit_answers_429_in_chinese_with_retry_after(engine, indexed_settings, serve_app):
    settings = dataclasses.replace(indexed_settings, rate_limit_per_minute=3)
    with serve_app(create_app(settings, engine=engine)) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        statuses = [client.post("/api/ask", json={"question": QUESTION}).status_code for _ in range(3)]
        limited = client.post("/api/ask", json={"question": QUESTION})
        assert statuses == [200, 200, 200]
        assert limited.status_code == 429 and "每分钟最多3次" in limited.json()["detail"]
        assert 0 < int(limited.headers["Retry-After"]) <= 60
        assert client.get("/healthz").status_code == 200  # probes are not counted


def test_the_rate_limit_is_off_by_default(engine, indexed_settings, serve_app):
    assert indexed_settings.rate_limit_per_minute == 0
    with serve_app(create_app(indexed_settings, engine=engine)) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        assert all(client.get("/api/units").status_code == 200 for _ in range(20))


def test_a_request_over_its_time_budget_gets_503_and_the_server_stays_healthy(engine, indexed_settings, serve_app, monkeypatch):
    settings = dataclasses.replace(indexed_settings, request_timeout_s=0.5)
    release = threading.Event()
    real_ask = engine.ask

    def slow_ask(question, **kwargs):
        if question == "慢":
            release.wait(10)
        return real_ask(question if question != "慢" else QUESTION, **kwargs)

    monkeypatch.setattr(engine, "ask", slow_ask)
    try:
        with serve_app(create_app(settings, engine=engine)) as server, httpx.Client(base_url=server.url, timeout=30) as client:
            started = time.perf_counter()
            slow = client.post("/api/ask", json={"question": "慢"})
            assert time.perf_counter() - started < 3
            assert slow.status_code == 503 and "超时" in slow.json()["detail"] and slow.headers["Retry-After"]
            streamed = client.post("/api/ask/stream", json={"question": "慢"})
            assert streamed.status_code == 503
            assert client.post("/api/ask", json={"question": QUESTION}).status_code == 200
    finally:
        release.set()


def test_inputs_far_longer_than_real_questions_are_served_one_at_a_time(engine, indexed_settings, serve_app, monkeypatch):
    """So that clients flooding 2,000-character questions cannot make ordinary questions queue."""
    from concurrent.futures import ThreadPoolExecutor

    from chat.api import HEAVY_CHARS

    running, most = [0], {"heavy": 0, "light": 0}
    lock = threading.Lock()
    real_ask = engine.ask

    def counting_ask(question, **kwargs):
        kind = "heavy" if len(question) > HEAVY_CHARS else "light"
        with lock:
            running[0] += 1
            most[kind] = max(most[kind], running[0])
        try:
            time.sleep(0.3)
            return real_ask(question[:50], **kwargs)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(engine, "ask", counting_ask)
    with serve_app(create_app(indexed_settings, engine=engine)) as server:

        def ask(question: str) -> int:
            with httpx.Client(base_url=server.url, timeout=30) as client:
                return client.post("/api/ask", json={"question": question}).status_code

        with ThreadPoolExecutor(4) as pool:
            heavy = list(pool.map(ask, [QUESTION * 20] * 4))
        with ThreadPoolExecutor(4) as pool:
            light = list(pool.map(ask, [QUESTION] * 4))
    assert heavy == light == [200] * 4
    assert most["heavy"] == 1 and most["light"] > 1
