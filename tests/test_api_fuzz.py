"""Property-based fuzzing of every public endpoint on a real uvicorn server: whatever the body
or query, the answer is never a 5xx, comes within the time budget, and the server stays ready."""

from __future__ import annotations

import json
import time
import unicodedata
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow

BUDGET_S = 5.0  # generous against the 1 s each input takes at most on 2 cores (eval/BENCHMARKS.md)
EXAMPLES = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])

# text as users and attackers send it: Chinese, clause labels, punctuation, control and zero-width
# characters, lone surrogates (JSON can carry "\ud800"), emoji, long repeats
fragments = st.sampled_from(["专利", "第一条", "（十一）", "市知识产权局", "每家", "多少", "？", "\u200b", "\ud800", "😀", "<script>", "《", "》", "沪府办发〔2024〕7号", " "])
texts = st.one_of(
    st.text(max_size=60),
    st.lists(fragments, max_size=40).map("".join),
    st.builds(lambda f, n: f * n, fragments, st.integers(0, 1500)),
)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), texts),
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=8), inner, max_size=5)),
    max_leaves=12,
)


def bodies(known: dict[str, st.SearchStrategy]) -> st.SearchStrategy:
    """Dicts of the endpoint's own keys (well- or ill-typed values) and sometimes unknown keys."""
    fields = {key: st.one_of(strategy, json_values) for key, strategy in known.items()}
    return st.fixed_dictionaries({}, optional=fields).flatmap(
        lambda body: st.dictionaries(st.text(max_size=6), json_values, max_size=2).map(lambda extra: {**body, **extra})
    )


ASK = bodies({"question": texts, "session_id": texts, "as_of": st.dates().map(str), "filters": json_values})
ELIGIBILITY = bodies({"subject_type": texts, "attributes": st.lists(texts, max_size=30), "region": texts, "as_of": texts})
MESSAGES = st.lists(st.fixed_dictionaries({"role": st.sampled_from(["user", "assistant", "system", "x"]), "content": texts}), max_size=4)
CHAT = bodies({"messages": MESSAGES, "stream": st.booleans(), "model": texts, "session_id": texts, "user": texts})


@pytest.fixture(scope="module")
def client(live_server):
    with httpx.Client(base_url=live_server.url, timeout=60) as c:
        yield c
    with httpx.Client(base_url=live_server.url, timeout=10) as c:
        assert c.get("/readyz").status_code == 200  # the server survived the whole run


def post_json(client: httpx.Client, path: str, body: object) -> httpx.Response:
    """JSON with \\u escapes, so a lone surrogate ("\\ud800") reaches the server as JSON may carry it."""
    return client.post(path, content=json.dumps(body), headers={"Content-Type": "application/json"})


def url_safe(text: str) -> str:
    """A URL carries UTF-8 only (lone surrogates cannot be sent in a query or path), and httpx
    refuses a query over 64 KB: 1,000 characters of each parameter are plenty to probe with."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cs")[:1000]


def well_behaved(response: httpx.Response, started: float) -> None:
    assert response.status_code < 500, response.text[:300]
    assert time.perf_counter() - started < BUDGET_S


@pytest.mark.parametrize(("path", "strategy"), [("/api/ask", ASK), ("/api/ask/stream", ASK), ("/api/eligibility", ELIGIBILITY), ("/v1/chat/completions", CHAT)])
def test_posted_bodies_never_break_the_server(client, path, strategy):
    @EXAMPLES
    @given(body=strategy)
    def run(body):
        started = time.perf_counter()
        well_behaved(post_json(client, path, body), started)

    run()


@EXAMPLES
@given(
    q=st.one_of(st.none(), texts),
    unit=st.one_of(st.none(), texts),
    kind=st.one_of(st.none(), texts, st.sampled_from(["funding", "condition", "deadline"])),
    doc=st.one_of(st.none(), texts),
    limit=st.one_of(st.none(), st.integers(-5, 5000).map(str), texts),
    offset=st.one_of(st.none(), st.integers(-5, 10**7).map(str), texts),
    as_of=st.one_of(st.none(), texts, st.dates().map(str)),
)
def test_listing_queries_never_break_the_server(client, q, unit, kind, doc, limit, offset, as_of):
    given_params = {"q": q, "unit": unit, "kind": kind, "doc": doc, "limit": limit, "offset": offset, "as_of": as_of}
    params = {k: url_safe(v) for k, v in given_params.items() if v is not None}
    for path in ("/api/clauses", "/api/documents"):
        started = time.perf_counter()
        well_behaved(client.get(path, params=params), started)


@EXAMPLES
@given(segment=texts)
def test_path_parameters_never_break_the_server(client, segment):
    segment = quote(url_safe(segment), safe="")  # control characters percent-encoded, as a browser sends them
    for path in (f"/api/units/{segment}/tasks", f"/api/clauses/{segment}"):
        started = time.perf_counter()
        well_behaved(client.get(path), started)
