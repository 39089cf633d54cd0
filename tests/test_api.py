"""The HTTP API over a real uvicorn server on loopback, exercised with httpx.

Every endpoint is checked for what it says (grounded answers, clause text, validity, CSV
bytes), and every kind of bad input for a clear Chinese 4xx instead of a 500.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from pypdf import PdfWriter

from chat.api import create_app

pytestmark = pytest.mark.slow

AMOUNT_QUESTION = "中小企业知识产权运营能力提升项目每家支持多少钱？"
RULES_DOC = "上海市知识产权运营服务体系建设第二批专项资金实施细则_2022"
PLAN_DOC = "沪府办发2024-7号_上海市专利转化运用专项行动实施方案"
ARTICLE_DOC = "研究文章_激励创造和有效运用引导企业发明专利高质量发展"

UPLOAD_NAME = "量子专利孵化扶持计划.txt"
UPLOAD_ID = "量子专利孵化扶持计划"
UPLOAD_TEXT = """关于实施量子专利孵化扶持计划的通知

第一条 为培育量子信息领域高价值专利，设立量子专利孵化扶持计划。

第二条 对入选量子专利孵化扶持计划的企业，一次性予以每家不超过37万元经费支持。

第三条 本通知自2025年1月1日起施行，有效期至2027年12月31日。
"""
UPLOAD_QUESTION = "量子专利孵化扶持计划每家支持多少钱？"


@pytest.fixture(scope="module")
def auth(indexed_settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {indexed_settings.admin_token}"}


@pytest.fixture(scope="module")
def client(live_server):
    with httpx.Client(base_url=live_server.url, timeout=60) as c:
        yield c


def sse_events(body: str) -> list[tuple[str, str]]:
    """(event, data) pairs of a text/event-stream body."""
    events = []
    for block in body.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        events.append((fields.get("event", "message"), fields.get("data", "")))
    return events


def upload(client: httpx.Client, name: str, data: bytes, headers: dict | None) -> httpx.Response:
    """A synchronous upload (?wait=true): the response holds the indexing result."""
    return client.post("/api/documents", files={"file": (name, data)}, headers=headers, params={"wait": "true"})


def document_ids(client: httpx.Client) -> set[str]:
    return {d["doc_id"] for d in client.get("/api/documents").json()}


# ---- probes and docs ------------------------------------------------------------------------------
def test_every_response_carries_the_security_headers(client):
    for response in (
        client.get("/healthz"),
        client.post("/api/ask", json={"question": "专项资金能不能用来买办公设备？"}),
        client.post("/api/ask", json={}),  # an error answer too
        client.post("/api/ask/stream", json={"question": "专项资金能不能用来买办公设备？"}),
    ):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "SAMEORIGIN"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_unknown_keys_bad_kinds_and_oversized_attributes_are_422(client):
    question = "专项资金能不能用来买办公设备？"
    assert client.post("/api/ask", json={"question": question, "sesion_id": "x"}).status_code == 422
    assert client.post("/api/ask", json={"question": question, "filters": {"knd": "funding"}}).status_code == 422
    assert client.post("/api/ask", json={"question": question, "filters": {"kind": "money"}}).status_code == 422
    assert client.post("/api/ask", json={"question": question, "filters": {"kind": "funding"}}).status_code == 200
    huge = client.post("/api/eligibility", json={"subject_type": "中小企业", "attributes": ["专精特新" * 5000]})
    assert huge.status_code == 422


def test_probes_and_openapi_docs(client):
    assert client.get("/healthz").json() == {"status": "ok", "clauses": None, "documents": None}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready" and ready.json()["clauses"] > 100 and ready.json()["documents"] == 4
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    # Air-gapped networks: the docs pages load their scripts from this server, never from a CDN.
    for page in (docs, client.get("/redoc")):
        assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page.text)
        assert assets and all(a.startswith("/") for a in assets), assets
        assert all(client.get(a).status_code == 200 for a in assets)
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/ask",
        "/api/ask/stream",
        "/api/eligibility",
        "/api/units/{unit}/tasks",
        "/api/documents",
        "/v1/chat/completions",
    ):
        assert path in paths
    assert "post" in paths["/api/documents"] and "delete" in paths["/api/documents/{doc_id}"]


# ---- asking ------------------------------------------------------------------------------------------
def test_ask_answers_with_the_clause_it_quotes(client):
    response = client.post("/api/ask", json={"question": AMOUNT_QUESTION})
    assert response.status_code == 200
    answer = response.json()
    assert answer["answerable"] is True and "20万元" in answer["answer"]
    cited = [c for c in answer["citations"] if c["doc_id"] == RULES_DOC and c["label"] == "第十五条"]
    assert cited, answer["citations"]
    assert "一次性予以每家不超过20万元经费支持" in cited[0]["text"]
    # the test session's date is 2025-06-01: the 实施细则 ran out at the end of 2023
    assert cited[0]["status"] == "expired" and cited[0]["valid"] is False
    assert answer["as_of"] == "2025-06-01" and answer["session_id"]


def test_the_answer_comes_as_plain_text_with_markers_and_as_markdown(client):
    answer = client.post("/api/ask", json={"question": AMOUNT_QUESTION}).json()
    first_line = answer["answer"].splitlines()[0]
    assert first_line.startswith("每家不超过20万元［1］") and answer["citations"][0]["label"] == "第十五条"
    markdown = answer["answer_markdown"]
    assert markdown.startswith("每家不超过20万元［1］") and "**引用条款**" in markdown
    assert "<summary><b>1. 《上海市知识产权运营服务体系建设第二批专项资金实施细则》</b>" in markdown and "<code>已失效</code>" in markdown
    assert markdown.count("<details>") == len(answer["citations"])


def test_ask_as_of_and_follow_up_in_the_same_session(client):
    first = client.post("/api/ask", json={"question": AMOUNT_QUESTION, "as_of": "2023-01-01"}).json()
    assert first["as_of"] == "2023-01-01"
    assert any(c["label"] == "第十五条" and c["valid"] for c in first["citations"])

    opening = client.post("/api/ask", json={"question": "我们医院想建知识产权运营中心，专项资金每家能支持多少？"}).json()
    assert "50万元" in opening["answer"]
    follow = client.post("/api/ask", json={"question": "那高校呢？", "session_id": opening["session_id"]}).json()
    assert follow["session_id"] == opening["session_id"]
    assert "80万元" in follow["answer"]


def test_ask_stream_sends_deltas_then_the_whole_answer_then_done(client):
    response = client.post("/api/ask/stream", json={"question": AMOUNT_QUESTION})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    names = [name for name, _ in events]
    assert names[-2:] == ["citations", "done"] and set(names[:-2]) == {"delta"} and len(names) > 3
    final = json.loads(events[-2][1])
    assert "".join(json.loads(data)["text"] for name, data in events if name == "delta") == final["answer"]
    assert any("每家不超过20万元" in c["text"] for c in final["citations"])


def test_bad_questions_get_a_quick_clear_4xx(client):
    empty = client.post("/api/ask", json={"question": "   "})
    assert empty.status_code == 400 and "不能为空" in empty.json()["detail"]

    started = time.perf_counter()
    huge = client.post("/api/ask", json={"question": "专利" * 50_000})  # 100 KB of question
    assert time.perf_counter() - started < 3
    assert huge.status_code == 413 and "过长" in huge.json()["detail"]

    streamed = client.post("/api/ask/stream", json={"question": ""})
    assert streamed.status_code == 400 and "不能为空" in streamed.json()["detail"]

    missing = client.post("/api/ask", json={})
    assert missing.status_code == 422 and "question" in missing.json()["detail"] and "缺少" in missing.json()["detail"]
    broken = client.post("/api/ask", content=b'{"question": ', headers={"Content-Type": "application/json"})
    assert broken.status_code == 422 and "JSON" in broken.json()["detail"]
    gbk = client.post("/api/ask", content='{"question": "专利"}'.encode("gbk"), headers={"Content-Type": "application/json"})
    assert gbk.status_code == 400 and "UTF-8" in gbk.json()["detail"]
    bad_date = client.post("/api/ask", json={"question": AMOUNT_QUESTION, "as_of": "去年"})
    assert bad_date.status_code == 422 and "as_of" in bad_date.json()["detail"]
    long_session = client.post("/api/ask", json={"question": AMOUNT_QUESTION, "session_id": "s" * 1000})
    assert long_session.status_code == 422 and "session_id：过长" in long_session.json()["detail"]
    huge_body = client.post("/api/ask", content=b"x" * (2 * 1024 * 1024), headers={"Content-Type": "application/json"})
    assert huge_body.status_code == 413 and "过大" in huge_body.json()["detail"]

    nowhere = client.get("/api/nothing-here")
    assert nowhere.status_code == 404 and nowhere.json()["detail"] == "未找到请求的地址"


# ---- eligibility, units, tasks -----------------------------------------------------------------
def test_eligibility_lists_programs_with_status_and_amount(client):
    result = client.post(
        "/api/eligibility", json={"subject_type": "中小企业", "attributes": ["专精特新"], "as_of": "2023-06-01"}
    ).json()
    program = next(m for m in result["matches"] if m["label"] == "第十五条")
    assert "中小企业知识产权运营能力提升项目" in program["program"]
    assert program["status"] == "eligible" and "每家不超过20万元" in program["amounts"]
    assert any("每家不超过20万元" in c["text"] for c in result["citations"])

    excluded = client.post(
        "/api/eligibility",
        json={"subject_type": "中小企业", "attributes": ["已获国家知识产权优势示范单位认定"], "as_of": "2023-06-01"},
    ).json()
    assert next(m for m in excluded["matches"] if m["label"] == "第十五条")["status"] == "excluded"

    expired = client.post("/api/eligibility", json={"subject_type": "中小企业", "attributes": ["专精特新"]}).json()
    assert next(m for m in expired["matches"] if m["label"] == "第十五条")["status"] == "expired"

    unknown = client.post("/api/eligibility", json={"subject_type": "外星人", "attributes": []})
    assert unknown.status_code == 400 and "外星人" in unknown.json()["detail"]


def test_units_and_their_tasks(client):
    units = client.get("/api/units").json()
    education = next(u for u in units if u["name"] == "上海市教育委员会")
    assert "市教委" in education["aliases"] and education["clause_count"] > 0

    tasks = client.get("/api/units/市教委/tasks").json()
    assert tasks["unit"] == "上海市教育委员会" and len(tasks["matches"]) == education["clause_count"]
    texts = {c["clause_id"]: c["text"] for c in tasks["citations"]}
    assert all("教委" in texts[m["clause_id"]] or "教育委员会" in texts[m["clause_id"]] for m in tasks["matches"])

    unknown = client.get("/api/units/教委/tasks")
    assert unknown.status_code == 404
    body = unknown.json()
    assert "未找到单位“教委”" in body["detail"] and "上海市教育委员会" in body["suggestions"]


def test_unit_tasks_csv_opens_in_excel(client):
    tasks = client.get("/api/units/市教委/tasks").json()
    response = client.get("/api/units/市教委/tasks", params={"format": "csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel picks the right encoding
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["单位", "角色", "文件", "条款", "任务", "截止时间", "目标", "条款ID"]
    assert len(rows) == len(tasks["matches"]) + 1
    texts = {c["clause_id"]: c["text"] for c in tasks["citations"]}
    for row, match in zip(rows[1:], tasks["matches"], strict=True):
        assert row[0] == "上海市教育委员会" and row[7] == match["clause_id"] and row[3] == match["label"]
        assert row[4] == texts[match["clause_id"]] and row[2] == match["doc_title"]
        assert row[5] == "；".join(match["deadlines"]) and row[6] == "；".join(match["targets"])
    assert any(row[5] for row in rows[1:]), "some task of 市教委 has a deadline"


# ---- documents and clauses ----------------------------------------------------------------------
def test_documents_carry_validity_on_the_requested_day(client):
    today = {d["doc_id"]: d for d in client.get("/api/documents").json()}
    assert set(today) == {RULES_DOC, PLAN_DOC, ARTICLE_DOC, "杨府发2024-4号_杨浦区国家知识产权强市建设试点城区工作方案_2024-2026"}
    assert (today[RULES_DOC]["status"], today[RULES_DOC]["status_label"], today[RULES_DOC]["valid"]) == (
        "expired",
        "已失效",
        False,
    )
    assert (today[PLAN_DOC]["status"], today[PLAN_DOC]["valid"], today[PLAN_DOC]["doc_number"]) == (
        "in_force",
        True,
        "沪府办发〔2024〕7号",
    )
    assert today[ARTICLE_DOC]["status_label"] == "非政策文件"
    assert all(d["clause_count"] > 0 and "source_path" not in d for d in today.values())

    earlier = {d["doc_id"]: d for d in client.get("/api/documents", params={"as_of": "2023-01-01"}).json()}
    assert earlier[RULES_DOC]["status"] == "in_force" and earlier[RULES_DOC]["valid"] is True


def test_listings_are_paged(client):
    everything = [d["doc_id"] for d in client.get("/api/documents").json()]
    pages = [d["doc_id"] for o in range(0, len(everything), 3) for d in client.get("/api/documents", params={"limit": 3, "offset": o}).json()]
    assert pages == everything
    first = client.get("/api/clauses", params={"doc": RULES_DOC, "limit": 5}).json()
    second = client.get("/api/clauses", params={"doc": RULES_DOC, "limit": 5, "offset": 5}).json()
    together = client.get("/api/clauses", params={"doc": RULES_DOC, "limit": 10}).json()
    assert [c["clause_id"] for c in first + second] == [c["clause_id"] for c in together] and len(together) == 10
    assert client.get("/api/clauses", params={"offset": -1}).status_code == 422


def test_clauses_by_retrieval_by_id_and_by_filters(client):
    found = client.get("/api/clauses", params={"q": "中小企业知识产权运营能力提升项目", "limit": 5}).json()
    top = next(c for c in found if c["label"] == "第十五条")
    assert top["doc_id"] == RULES_DOC and top["score"] is not None and "每家不超过20万元" in top["text"]

    one = client.get(f"/api/clauses/{top['clause_id']}").json()
    assert one["text"] == top["text"] and one["doc_title"] == "上海市知识产权运营服务体系建设第二批专项资金实施细则"
    assert one["status_label"] == "已失效" and one["cite_as"].endswith("第十五条")

    funding = client.get("/api/clauses", params={"doc": RULES_DOC, "kind": "funding"}).json()
    assert funding and all(c["doc_id"] == RULES_DOC and "funding" in c["meta"]["kinds"] for c in funding)
    by_unit = client.get("/api/clauses", params={"unit": "市教委"}).json()
    assert by_unit and all(any(u["name"] == "上海市教育委员会" for u in c["meta"]["units"]) for c in by_unit)

    assert client.get("/api/clauses/0000000000000000").status_code == 404
    assert "未找到条款" in client.get("/api/clauses/0000000000000000").json()["detail"]
    assert client.get("/api/clauses", params={"doc": "没有这个文件"}).status_code == 404
    bad_kind = client.get("/api/clauses", params={"kind": "magic"})
    assert bad_kind.status_code == 422 and "kind" in bad_kind.json()["detail"]


# ---- upload and delete ------------------------------------------------------------------------------
def test_uploaded_document_is_answerable_only_until_deleted(client, auth, indexed_settings):
    def ask() -> dict:
        return client.post("/api/ask", json={"question": UPLOAD_QUESTION}).json()

    assert "37万元" not in ask()["answer"]
    created = upload(client, UPLOAD_NAME, UPLOAD_TEXT.encode(), auth)
    try:
        assert created.status_code == 201, created.text
        body = created.json()
        assert (body["doc_id"], body["outcome"], body["title"]) == (UPLOAD_ID, "added", "关于实施量子专利孵化扶持计划的通知")
        assert body["clause_count"] >= 3
        assert (indexed_settings.data_dir / "uploads" / UPLOAD_NAME).read_text(encoding="utf-8") == UPLOAD_TEXT
        assert UPLOAD_ID in document_ids(client)

        answer = ask()
        assert "37万元" in answer["answer"]
        assert any(c["doc_id"] == UPLOAD_ID and "每家不超过37万元" in c["text"] for c in answer["citations"])
    finally:
        deleted = client.delete(f"/api/documents/{UPLOAD_ID}", headers=auth)
    assert deleted.status_code == 200 and deleted.json() == {"doc_id": UPLOAD_ID, "clauses_removed": body["clause_count"]}
    assert not (indexed_settings.data_dir / "uploads" / UPLOAD_NAME).exists()
    assert UPLOAD_ID not in document_ids(client)
    assert "37万元" not in ask()["answer"]
    again = client.delete(f"/api/documents/{UPLOAD_ID}", headers=auth)
    assert again.status_code == 404 and UPLOAD_ID in again.json()["detail"]


def poll_job(client: httpx.Client, location: str, auth: dict, seconds: float = 60) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(location, headers=auth).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {location} not finished after {seconds} s")


def test_an_upload_returns_at_once_and_is_indexed_by_a_background_job(client, auth):
    accepted = client.post("/api/documents", files={"file": (UPLOAD_NAME, UPLOAD_TEXT.encode())}, headers=auth)
    try:
        assert accepted.status_code == 202, accepted.text
        queued = accepted.json()
        assert queued["status"] in ("queued", "running", "done") and queued["doc_id"] == UPLOAD_ID
        assert accepted.headers["Location"] == f"/api/jobs/{queued['job_id']}"
        assert client.get(accepted.headers["Location"]).status_code == 401  # jobs need the admin token too
        job = poll_job(client, accepted.headers["Location"], auth)
        assert job["status"] == "done" and job["result"]["outcome"] == "added" and job["result"]["clause_count"] >= 3
        assert "37万元" in client.post("/api/ask", json={"question": UPLOAD_QUESTION}).json()["answer"]
    finally:
        client.delete(f"/api/documents/{UPLOAD_ID}", headers=auth)


def test_a_file_that_cannot_be_parsed_fails_its_job_with_the_reason(client, auth, indexed_settings):
    accepted = client.post("/api/documents", files={"file": ("坏文件.pdf", b"%PDF-1.4 not really a pdf" * 10)}, headers=auth)
    assert accepted.status_code == 202
    job = poll_job(client, accepted.headers["Location"], auth)
    assert job["status"] == "failed" and job["error_status"] == 422 and "PDF" in job["error"]
    assert not (indexed_settings.data_dir / "uploads" / "坏文件.pdf").exists()
    assert client.get("/api/jobs/no-such-job", headers=auth).status_code == 404


def test_an_upload_replaced_under_another_suffix_leaves_no_old_file(client, auth, indexed_settings):
    """x.md after x.txt is the same document (same id): the replaced x.txt is removed with it."""
    folder = indexed_settings.data_dir / "uploads"
    stem = Path(UPLOAD_NAME).stem
    try:
        assert upload(client, f"{stem}.txt", UPLOAD_TEXT.encode(), auth).status_code == 201
        replaced = upload(client, f"{stem}.md", UPLOAD_TEXT.replace("37万元", "38万元").encode(), auth)
        assert replaced.status_code in (200, 201), replaced.text
        assert replaced.json()["outcome"] == "updated"
        assert sorted(p.name for p in folder.iterdir() if p.stem == stem) == [f"{stem}.md"]
    finally:
        client.delete(f"/api/documents/{UPLOAD_ID}", headers=auth)
    assert not [p for p in folder.iterdir() if p.stem == stem]


def test_upload_and_delete_need_the_admin_token(client, indexed_settings):
    before = document_ids(client)
    missing = upload(client, UPLOAD_NAME, UPLOAD_TEXT.encode(), headers=None)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert "令牌" in missing.json()["detail"]
    wrong = upload(client, UPLOAD_NAME, UPLOAD_TEXT.encode(), headers={"Authorization": "Bearer guess"})
    assert wrong.status_code == 403 and "不正确" in wrong.json()["detail"]
    not_bearer = upload(
        client, UPLOAD_NAME, UPLOAD_TEXT.encode(), headers={"Authorization": f"Basic {indexed_settings.admin_token}"}
    )
    assert not_bearer.status_code == 401
    assert client.delete(f"/api/documents/{PLAN_DOC}").status_code == 401
    assert client.delete(f"/api/documents/{PLAN_DOC}", headers={"Authorization": "Bearer guess"}).status_code == 403
    assert document_ids(client) == before


def test_admin_endpoints_are_off_without_a_configured_token(engine, auth, indexed_settings, serve_app):
    app = create_app(replace(indexed_settings, admin_token=""), engine)
    with serve_app(app) as server, httpx.Client(base_url=server.url, timeout=30) as c:
        for headers in (None, auth, {"Authorization": "Bearer wrong"}):
            refused = upload(c, UPLOAD_NAME, UPLOAD_TEXT.encode(), headers=headers)
            assert refused.status_code == 403 and "已禁用" in refused.json()["detail"]
        refused = c.delete(f"/api/documents/{PLAN_DOC}", headers=auth)
        assert refused.status_code == 403 and "已禁用" in refused.json()["detail"]
        assert PLAN_DOC in document_ids(c)


def test_bad_uploads_are_refused_and_leave_nothing_behind(client, auth, indexed_settings):
    limit = indexed_settings.max_upload_bytes
    uploads = indexed_settings.data_dir / "uploads"
    before = document_ids(client)

    unsupported = upload(client, "photo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, auth)
    assert unsupported.status_code == 415 and ".png" in unsupported.json()["detail"]

    oversized = upload(client, "big.txt", b"x" * (limit + 1), auth)
    assert oversized.status_code == 413 and f"{limit // 1024} KB" in oversized.json()["detail"]

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    scan = io.BytesIO()
    writer.write(scan)
    image_only = upload(client, "扫描件.pdf", scan.getvalue(), auth)
    assert image_only.status_code == 422 and "文本层" in image_only.json()["detail"]

    empty = upload(client, "空白.txt", b"", auth)
    assert empty.status_code == 422 and "为空" in empty.json()["detail"]

    for odd in ("..", ".env", "a/..", "", "con<1>.txt"):
        refused = upload(client, odd, UPLOAD_TEXT.encode(), auth)
        assert refused.status_code in (400, 422), (odd, refused.text)

    clash = upload(client, f"{PLAN_DOC}.txt", UPLOAD_TEXT.encode(), auth)
    assert clash.status_code == 409 and "同名" in clash.json()["detail"]

    assert document_ids(client) == before
    assert not uploads.exists() or list(uploads.iterdir()) == []


def test_path_traversal_in_the_file_name_stays_in_the_upload_folder(client, auth, indexed_settings):
    data_dir = indexed_settings.data_dir
    created = upload(client, "../../" + UPLOAD_NAME, UPLOAD_TEXT.encode(), auth)
    try:
        assert created.status_code == 201, created.text
        assert created.json()["file_name"] == UPLOAD_NAME
        assert [p.name for p in (data_dir / "uploads").iterdir()] == [UPLOAD_NAME]
        assert not (data_dir.parent / UPLOAD_NAME).exists() and not (data_dir.parent.parent / UPLOAD_NAME).exists()
        windows = upload(client, "..\\..\\" + UPLOAD_NAME, UPLOAD_TEXT.encode(), auth)
        assert windows.status_code == 201 and windows.json()["outcome"] == "unchanged"
    finally:
        assert client.delete(f"/api/documents/{UPLOAD_ID}", headers=auth).status_code == 200


# ---- OpenAI-compatible chat ---------------------------------------------------------------------------
def test_chat_completions_plain_and_multi_turn(client):
    response = client.post(
        "/v1/chat/completions", json={"model": "policykb", "messages": [{"role": "user", "content": AMOUNT_QUESTION}]}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["object"] == "chat.completion" and body["choices"][0]["message"]["role"] == "assistant"
    assert "20万元" in body["choices"][0]["message"]["content"]
    assert any("每家不超过20万元" in c["text"] for c in body["citations"])

    opening = "我们医院想建知识产权运营中心，专项资金每家能支持多少？"
    first = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": opening}]}).json()
    history = [
        {"role": "system", "content": "你是政策助手"},
        {"role": "user", "content": [{"type": "text", "text": opening}]},
        {"role": "assistant", "content": first["choices"][0]["message"]["content"]},
        {"role": "user", "content": "那高校呢？"},
    ]
    follow = client.post("/v1/chat/completions", json={"messages": history, "user": "portal-user-1"}).json()
    assert "80万元" in follow["choices"][0]["message"]["content"]


def test_chat_completions_sessions_never_shared_by_content(client):
    """Two anonymous clients who open with the same question get separate sessions; a follow-up
    takes its context from the history its own client sent, whatever the other one asked."""
    opening = "我们医院想建知识产权运营中心，专项资金每家能支持多少？"
    first = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": opening}]}).json()
    again = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": opening}]}).json()
    assert first["session_id"] != again["session_id"]

    def follow(question: str) -> dict:
        history = [
            {"role": "user", "content": opening},
            {"role": "assistant", "content": first["choices"][0]["message"]["content"]},
            {"role": "user", "content": question},
        ]
        return client.post("/v1/chat/completions", json={"messages": history}).json()

    alone = follow("那高校呢？")
    follow("那商业银行呢？")  # another client's turn in between
    after = follow("那高校呢？")
    assert after["choices"][0]["message"]["content"] == alone["choices"][0]["message"]["content"]
    assert "80万元" in after["choices"][0]["message"]["content"]
    named = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": opening}], "session_id": "mine-1"}).json()
    assert named["session_id"] == "mine-1"


def test_chat_completions_stream(client):
    plain = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": AMOUNT_QUESTION}]}).json()
    response = client.post(
        "/v1/chat/completions", json={"stream": True, "messages": [{"role": "user", "content": AMOUNT_QUESTION}]}
    )
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    lines = [line.removeprefix("data: ") for line in response.text.split("\n\n") if line.strip()]
    assert lines[-1] == "[DONE]"
    chunks = [json.loads(line) for line in lines[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    content = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert content == plain["choices"][0]["message"]["content"]
    assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert any("每家不超过20万元" in c["text"] for c in chunks[-1]["citations"])


def test_chat_completions_errors_in_openai_shape(client):
    no_question = client.post("/v1/chat/completions", json={"messages": [{"role": "assistant", "content": "您好"}]})
    assert no_question.status_code == 400 and "user" in no_question.json()["error"]["message"]
    empty = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": ""}]})
    assert empty.status_code == 400 and empty.json()["error"]["message"] == "问题不能为空"
    too_long = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "专" * 100_000}]})
    assert too_long.status_code == 413 and "过长" in too_long.json()["error"]["message"]
    no_messages = client.post("/v1/chat/completions", json={"messages": []})
    assert no_messages.status_code == 422 and "messages" in no_messages.json()["error"]["message"]
    too_many = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "专利"}] * 501})
    assert too_many.status_code == 422 and "messages" in too_many.json()["error"]["message"]
    long_model = client.post("/v1/chat/completions", json={"model": "m" * 201, "messages": [{"role": "user", "content": "专利"}]})
    assert long_model.status_code == 422
