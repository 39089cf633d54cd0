"""The HTTP API for the government portal: JSON under /api, OpenAI-style chat under /v1.

Every user mistake becomes a 4xx with a Chinese message (see `_install_error_handlers`);
a dead Chroma server becomes a 503. Upload and delete need the admin token and are off
(403) when none is configured.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import math
import re
import threading
import time
import unicodedata
import uuid
from collections import deque
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.sse import format_sse_event
from fastapi_offline import FastAPIOffline
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from chat.api_models import (
    AskRequest,
    ChatCompletionChoice,
    ChatCompletionMessage,
    ChatCompletionRequest,
    ChatCompletionResponse,
    ClauseInfo,
    DeleteResult,
    DocumentInfo,
    EligibilityRequest,
    ErrorBody,
    Health,
    UploadResult,
)
from chat.csv_export import unit_tasks_csv
from chat.engine import Engine
from chat.errors import UnknownClause, UnknownDocument, UnknownUnit, UserInputError
from chat.jobs import JobInfo, Jobs
from indexer.load import SUPPORTED_SUFFIXES, LoadError
from indexer.pipeline import doc_id_for
from kb.config import Settings, load_settings
from kb.models import Answer, ClauseKind, EligibilityResult, UnitSummary, UnitTasks
from kb.retrieve import RetrievalFilters
from kb.vectors import VectorStoreUnavailable

log = logging.getLogger(__name__)

# JSON bodies are small; this only stops a runaway client (an over-long question still
# reaches the engine, which answers with its own clear 413).
JSON_BODY_LIMIT = 1024 * 1024
# Multipart framing around an uploaded file; the file itself is checked exactly.
MULTIPART_SLACK = 64 * 1024
UPLOAD_DIR = "uploads"
_BAD_NAME_CHARS = re.compile(r'[<>:"|?*\\/]')
_SENTENCE_END = re.compile(r"(?<=[。！？；;\n])")
_CHUNK_CHARS = 24

ERROR_RESPONSES: dict[int | str, dict] = {
    400: {"model": ErrorBody},
    404: {"model": ErrorBody},
    413: {"model": ErrorBody},
    422: {"model": ErrorBody},
    503: {"model": ErrorBody},
}


class ApiError(UserInputError):
    """A user error raised by the API layer itself, with its own status (and headers)."""

    def __init__(self, status_code: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.headers = headers or {}


# Inputs far longer than any real question (the longest of 1,189 has 117 characters) are served
# one at a time, so that clients flooding them cannot make ordinary questions queue behind them.
HEAVY_CHARS = 200


def is_heavy(*texts: str) -> bool:
    return sum(len(t) for t in texts) > HEAVY_CHARS


async def within_budget(request: Request, heavy: bool, fn, *args, **kwargs):
    """Run a blocking engine call in the thread pool and wait at most `request_timeout_s` (queueing
    for the heavy-input lane included): the client gets a clear 503 instead of waiting on. (A
    thread cannot be stopped; what bounds its work is the caps on every input.)"""
    settings: Settings = request.app.state.settings

    async def run():
        if not heavy:
            return await run_in_threadpool(fn, *args, **kwargs)
        async with request.app.state.heavy_lane:
            return await run_in_threadpool(fn, *args, **kwargs)

    try:
        return await asyncio.wait_for(run(), settings.request_timeout_s)
    except TimeoutError:
        log.warning("request over its time budget of %.1f s", settings.request_timeout_s)
        raise ApiError(503, f"请求处理超时（超过{settings.request_timeout_s:g}秒），请简化问题后重试", {"Retry-After": "5"}) from None


# ---- dependencies ---------------------------------------------------------------------------------
def get_engine(request: Request) -> Engine:
    return request.app.state.engine


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
_bearer = HTTPBearer(auto_error=False, description="管理员令牌（settings.admin_token）")


def require_admin(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    token = request.app.state.settings.admin_token
    if not token:
        raise ApiError(403, "管理接口已禁用：服务端未配置管理员令牌（admin_token）")
    if credentials is None or not credentials.credentials:
        raise ApiError(401, "需要管理员令牌：请在请求头中提供 Authorization: Bearer <令牌>", {"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(credentials.credentials.encode(), token.encode()):
        raise ApiError(403, "管理员令牌不正确")


# ---- helpers ----------------------------------------------------------------------------------------
def text_chunks(text: str, size: int = _CHUNK_CHARS) -> Iterator[str]:
    """Pieces of an answer for streaming: sentence by sentence, long sentences cut to `size`."""
    for sentence in _SENTENCE_END.split(text):
        for start in range(0, len(sentence), size):
            yield sentence[start : start + size]


def safe_file_name(raw: str | None) -> str:
    """The base name of an uploaded file, or ApiError(400): never a path, never hidden or odd."""
    name = unicodedata.normalize("NFC", (raw or "").replace("\\", "/")).rsplit("/", 1)[-1].strip()
    if (
        not name
        or name.startswith(".")
        or not Path(name).stem.strip(". ")
        or _BAD_NAME_CHARS.search(name)
        or any(unicodedata.category(ch).startswith("C") for ch in name)
        or len(name.encode("utf-8")) > 200
    ):
        shown = "".join(ch for ch in (raw or "")[:80] if not unicodedata.category(ch).startswith("C"))
        raise ApiError(400, f"文件名无效：“{shown}”。请使用普通文件名，如 通知.pdf")
    return name


def content_disposition(file_name: str) -> str:
    return f"attachment; filename=\"tasks.csv\"; filename*=UTF-8''{quote(file_name)}"


def _sse(event: str, data: str) -> bytes:
    return format_sse_event(event=event, data_str=data)


def _upload_dir(engine: Engine) -> Path:
    return engine.settings.data_dir / UPLOAD_DIR


def _is_upload(engine: Engine, source_path: str) -> bool:
    return bool(source_path) and Path(source_path).resolve().is_relative_to(_upload_dir(engine).resolve())


# ---- /api ---------------------------------------------------------------------------------------------
api = APIRouter(prefix="/api", responses=ERROR_RESPONSES)


@api.post("/ask", response_model=Answer, summary="提问（返回带引用的答案）", max_body_size=JSON_BODY_LIMIT)
async def ask(body: AskRequest, engine: EngineDep, request: Request) -> Answer:
    heavy = is_heavy(body.question)
    return await within_budget(request, heavy, engine.ask, body.question, session_id=body.session_id, as_of=body.as_of, filters=body.filters)


@api.post(
    "/ask/stream",
    summary="提问（SSE 流式：delta* → citations → done）",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
    max_body_size=JSON_BODY_LIMIT,
)
async def ask_stream(body: AskRequest, engine: EngineDep, request: Request) -> StreamingResponse:
    # Answer first, stream after: bad input and a dead vector store still get a proper status code.
    answer = await within_budget(
        request, is_heavy(body.question), engine.ask, body.question, session_id=body.session_id, as_of=body.as_of, filters=body.filters
    )

    async def events() -> AsyncIterator[bytes]:
        for chunk in text_chunks(answer.answer):
            yield _sse("delta", json.dumps({"text": chunk}, ensure_ascii=False))
        yield _sse("citations", answer.model_dump_json())
        yield _sse("done", "{}")

    return StreamingResponse(
        events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    )


@api.post("/eligibility", response_model=EligibilityResult, summary="资格查询", max_body_size=JSON_BODY_LIMIT)
async def eligibility(body: EligibilityRequest, engine: EngineDep, request: Request) -> EligibilityResult:
    heavy = is_heavy(body.subject_type, body.region or "", *body.attributes)
    return await within_budget(request, heavy, engine.eligibility, body.subject_type, body.attributes, region=body.region, as_of=body.as_of)


@api.get("/units", response_model=list[UnitSummary], summary="有任务分工的单位")
def units(engine: EngineDep) -> list[UnitSummary]:
    return engine.units()


@api.get(
    "/units/{unit}/tasks",
    response_model=UnitTasks,
    summary="单位的任务清单（?format=csv 导出表格）",
    responses={200: {"content": {"text/csv": {}}}},
)
def unit_tasks(
    unit: str, engine: EngineDep, as_of: date | None = None, format: Literal["json", "csv"] = "json"
) -> UnitTasks | Response:
    tasks = engine.unit_tasks(unit, as_of=as_of)
    if format == "csv":
        return Response(
            unit_tasks_csv(tasks),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": content_disposition(f"{tasks.unit}-任务清单.csv")},
        )
    return tasks


@api.get("/documents", response_model=list[DocumentInfo], summary="文件库（含效力状态）")
def documents(
    engine: EngineDep,
    settings: SettingsDep,
    as_of: date | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 1000,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[DocumentInfo]:
    day = as_of or settings.today()
    counts = engine.kb.catalog.clause_counts()
    page = engine.kb.documents()[offset : offset + limit]
    return [DocumentInfo.of(d, day, counts.get(d.doc_id, 0)) for d in page]


@api.get("/clauses/{clause_id}", response_model=ClauseInfo, summary="条款原文")
def clause(clause_id: str, engine: EngineDep, settings: SettingsDep, as_of: date | None = None) -> ClauseInfo:
    found = engine.kb.clause(clause_id)
    if found is None:
        raise UnknownClause(clause_id)
    return ClauseInfo.of(found, engine.kb.document(found.doc_id), as_of or settings.today())


@api.get("/clauses", response_model=list[ClauseInfo], summary="条款检索（q：语义+关键词检索；否则按条件筛选）")
def clauses(
    engine: EngineDep,
    settings: SettingsDep,
    q: str | None = None,
    unit: str | None = None,
    kind: ClauseKind | None = None,
    doc: str | None = None,
    as_of: date | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[ClauseInfo]:
    day = as_of or settings.today()
    if doc and engine.kb.document(doc) is None:
        raise UnknownDocument(doc)
    canonical = engine.resolve_unit(unit) if unit else None
    if q is not None and q.strip():
        query = engine.clean_question(q)
        filters = RetrievalFilters(doc_ids=[doc] if doc else None, unit=canonical, kind=kind, as_of=day)
        hits = engine.retriever.search(query, k=limit, filters=filters)
        found = [(h.clause, h.score) for h in hits]
    else:
        found = [(c, None) for c in engine.kb.clauses(doc_id=doc, unit=canonical, kind=kind, limit=limit, offset=offset)]
    return [ClauseInfo.of(c, engine.kb.document(c.doc_id), day, score) for c, score in found]


def upload_document(
    file: UploadFile, request: Request, engine: EngineDep, settings: SettingsDep, wait: bool = False
) -> UploadResult | JSONResponse:
    """Check the file, then index it in the background (202 with a job to poll at /api/jobs/{id}),
    or at once with `?wait=true` (201 with the result). Type, size, emptiness and name conflicts
    are refused before anything is stored; a file that cannot be parsed fails its job (or the
    synchronous request) and leaves nothing behind."""
    name = safe_file_name(file.filename)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        allowed = "、".join(sorted(SUPPORTED_SUFFIXES))
        raise ApiError(415, f"不支持的文件类型“{suffix or '无扩展名'}”，支持：{allowed}")
    data = file.file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise ApiError(413, f"文件过大：上限 {settings.max_upload_bytes // 1024} KB")
    if not data.strip():
        raise ApiError(422, f"文件为空: {name}")
    doc_id = doc_id_for(Path(name))
    existing = engine.kb.document(doc_id)
    if existing is not None and not _is_upload(engine, existing.source_path):
        raise ApiError(409, f"文件库中已有同名文件“{existing.title}”（{doc_id}），请改名后再上传")

    def work() -> UploadResult:
        return _store_and_index(engine, request.app.state.write_lock, name, data, doc_id)

    if wait:
        return work()
    job = request.app.state.jobs.submit(name, doc_id, work)
    return JSONResponse(job.model_dump(mode="json"), status_code=202, headers={"Location": f"/api/jobs/{job.job_id}"})


def _store_and_index(engine: Engine, write_lock: threading.Lock, name: str, data: bytes, doc_id: str) -> UploadResult:
    """Store the file under <data_dir>/uploads/ and index it; on any failure nothing stays behind."""
    folder = _upload_dir(engine)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    with write_lock:
        existing = engine.kb.document(doc_id)
        backup = folder / f".{uuid.uuid4().hex}.bak" if target.exists() else None
        if backup:
            target.replace(backup)
        try:
            target.write_bytes(data)
            report = engine.add_document(target)
            if report.failed:
                raise ApiError(422, "；".join(reason for _, reason in report.failed))
        except BaseException:
            target.unlink(missing_ok=True)
            if backup:
                backup.replace(target)
            raise
        if backup:
            backup.unlink()
        if existing is not None and Path(existing.source_path) != target:  # x.md replaced x.txt: x.txt goes
            Path(existing.source_path).unlink(missing_ok=True)
    doc = engine.kb.document(doc_id)
    outcome = "added" if doc_id in report.added else "updated" if doc_id in report.updated else "unchanged"
    return UploadResult(
        doc_id=doc_id,
        file_name=name,
        title=doc.title if doc else name,
        outcome=outcome,
        clause_count=len(engine.kb.clauses(doc_id=doc_id)),
        summary=report.summary(),
    )


@api.get("/jobs/{job_id}", response_model=JobInfo, summary="上传任务状态（需管理员令牌）", dependencies=[Depends(require_admin)])
def job_status(job_id: str, request: Request) -> JobInfo:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise ApiError(404, f"未找到上传任务“{job_id}”（任务只在本次服务运行期间保留）")
    return job


@api.delete(
    "/documents/{doc_id}", response_model=DeleteResult, summary="删除文件（需管理员令牌）", dependencies=[Depends(require_admin)]
)
def delete_document(doc_id: str, request: Request, engine: EngineDep) -> DeleteResult:
    with request.app.state.write_lock:
        doc = engine.kb.document(doc_id)
        removed = engine.delete_document(doc_id)
        if doc is not None and _is_upload(engine, doc.source_path):
            Path(doc.source_path).unlink(missing_ok=True)
    return DeleteResult(doc_id=doc_id, clauses_removed=removed)


# ---- /v1: OpenAI chat completions -------------------------------------------------------------
v1 = APIRouter(prefix="/v1", tags=["OpenAI 兼容"])


def conversation(body: ChatCompletionRequest) -> tuple[str, str | None, str | None]:
    """(question, session id the client named or None, the client's previous question or None).

    A session is never keyed by content: two clients who open with the same question must not
    share one. Without an explicit `session_id`, the context of a follow-up ("那高校呢？") comes
    from the history this client itself sent: its previous question is replayed into a fresh
    session first (one extra question's cost, bounded).
    """
    last = body.messages[-1]
    if last.role != "user":
        raise ApiError(400, "最后一条消息必须是用户的提问（role 为 user）")
    if body.session_id:
        return last.text(), body.session_id, None
    earlier = [m.text() for m in body.messages[:-1] if m.role == "user" and m.text().strip()]
    return last.text(), None, earlier[-1] if earlier else None


def _ask_in_context(engine: Engine, question: str, session_id: str | None, previous: str | None) -> Answer:
    if session_id is None and previous is not None:
        session_id = engine.sessions.new_id()
        try:
            engine.ask(previous, session_id=session_id)
        except UserInputError:
            pass  # an unusable earlier turn only loses the context, not the question
    return engine.ask(question, session_id=session_id)


@v1.post("/chat/completions", response_model=ChatCompletionResponse, responses=ERROR_RESPONSES, max_body_size=JSON_BODY_LIMIT)
async def chat_completions(
    body: ChatCompletionRequest, engine: EngineDep, request: Request
) -> ChatCompletionResponse | StreamingResponse:
    question, session_id, previous = conversation(body)
    heavy = is_heavy(question, previous or "")
    answer = await within_budget(request, heavy, _ask_in_context, engine, question, session_id, previous)
    completion_id = f"chatcmpl-{uuid.uuid4().hex}"
    created = int(time.time())
    model = body.model or "policykb"
    if not body.stream:
        return ChatCompletionResponse(
            id=completion_id,
            created=created,
            model=model,
            choices=[ChatCompletionChoice(message=ChatCompletionMessage(content=answer.answer))],
            citations=answer.citations,
            session_id=answer.session_id,
        )

    def chunk(delta: dict, finish: str | None = None, **extra: object) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish}
        payload = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [choice],
            **extra,
        }
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    async def events() -> AsyncIterator[str]:
        yield chunk({"role": "assistant", "content": ""})
        for piece in text_chunks(answer.answer):
            yield chunk({"content": piece})
        citations = [c.model_dump(mode="json") for c in answer.citations]
        yield chunk({}, "stop", citations=citations, session_id=answer.session_id)
        yield "data: [DONE]\n\n"

    return StreamingResponse(events(), media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


# ---- probes ------------------------------------------------------------------------------------------
probes = APIRouter(tags=["运行状态"])


@probes.get("/healthz", response_model=Health, summary="进程存活")
def healthz() -> Health:
    return Health(status="ok")


@probes.get("/readyz", response_model=Health, summary="索引已打开且非空", responses={503: {"model": Health}})
def readyz(request: Request) -> Health | JSONResponse:
    engine: Engine | None = getattr(request.app.state, "engine", None)
    if engine is None:
        return JSONResponse(Health(status="starting").model_dump(), status_code=503)
    try:
        clauses, vectors = engine.kb.catalog.count(), engine.kb.vectors.count()
    except VectorStoreUnavailable:
        return JSONResponse(Health(status="vector_store_unavailable").model_dump(), status_code=503)
    if clauses == 0 or vectors == 0:
        return JSONResponse(Health(status="empty", clauses=clauses).model_dump(), status_code=503)
    return Health(status="ready", clauses=clauses, documents=len(engine.kb.documents()))


# ---- errors ------------------------------------------------------------------------------------------
_HTTP_MESSAGES = {
    400: "请求体无法解析（请使用 UTF-8 编码的 JSON）",
    404: "未找到请求的地址",
    405: "不支持该请求方法",
    413: "请求内容过大",
}
_VALIDATION_MESSAGES = {
    "missing": "缺少必填字段",
    "json_invalid": "JSON 格式错误",
    "string_type": "应为字符串",
    "list_type": "应为列表",
    "bool_parsing": "应为布尔值",
    "int_parsing": "应为整数",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
    "date_type": "日期格式应为 YYYY-MM-DD",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "too_short": "不能为空",
    "too_long": "过长",
    "string_too_long": "过长",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
}


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None, **extra: object) -> JSONResponse:
    """Errors in the portal's shape ({"detail": …}) or, under /v1, in OpenAI's ({"error": {…}})."""
    if request.url.path.startswith("/v1/"):
        kind = "server_error" if status >= 500 else "invalid_request_error"
        body: dict = {"error": {"message": message, "type": kind, "code": status, **extra}}
    else:
        body = {"detail": message, **extra}
    return JSONResponse(body, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(UserInputError)
    async def user_input(request: Request, exc: UserInputError) -> JSONResponse:
        extra = {"suggestions": exc.suggestions} if isinstance(exc, UnknownUnit) else {}
        return _error(request, exc.status_code, str(exc), getattr(exc, "headers", None), **extra)

    @app.exception_handler(LoadError)
    async def load_error(request: Request, exc: LoadError) -> JSONResponse:
        return _error(request, 422, str(exc))

    @app.exception_handler(VectorStoreUnavailable)
    async def vector_store(request: Request, exc: VectorStoreUnavailable) -> JSONResponse:
        log.error("vector store unavailable: %s", exc)
        reason = "无法连接 Chroma 服务器" if exc.remote else "向量库读写出错"
        return _error(request, 503, f"向量检索服务暂时不可用（{reason}），请稍后重试", {"Retry-After": "5"})

    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            if err.get("type") == "json_invalid":
                return _error(request, 422, "请求体不是合法的 JSON")
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
            problems.append(f"{where or '请求体'}：{_VALIDATION_MESSAGES.get(err.get('type', ''), err.get('msg', ''))}")
        return _error(request, 422, "请求参数不正确：" + "；".join(problems))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Starlette's and FastAPI's own English details (a body in GBK: "There was an error parsing the body")
        generic = exc.detail in (None, "", "Not Found", "Method Not Allowed", "Content Too Large", "There was an error parsing the body")
        message = _HTTP_MESSAGES.get(exc.status_code, str(exc.detail)) if generic else str(exc.detail)
        return _error(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(request, 500, "服务器内部错误，请稍后重试")


SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),  # a browser never guesses a JSON answer to be HTML
    (b"x-frame-options", b"SAMEORIGIN"),  # no other site frames the chat (click-jacking)
    (b"referrer-policy", b"no-referrer"),
)


class SecurityHeaders:
    """Adds `SECURITY_HEADERS` to every HTTP response, streamed ones included (pure ASGI)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in SECURITY_HEADERS if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class DeclaredSizeLimit:
    """Refuse a request whose Content-Length is over its route's limit before reading the body.

    The routes' own `max_body_size` still guards chunked bodies, but answers in plain English
    text; this gives the common case the API's JSON error in Chinese.
    """

    def __init__(self, app: ASGIApp, upload_limit: int) -> None:
        self.app = app
        self.upload_limit = upload_limit

    def _limit(self, method: str, path: str) -> tuple[int, str] | None:
        if method == "POST" and path == "/api/documents":
            return self.upload_limit, f"上传文件过大：上限 {(self.upload_limit - MULTIPART_SLACK) // 1024} KB"
        if path.startswith(("/api/", "/v1/")):
            return JSON_BODY_LIMIT, f"请求内容过大：上限 {JSON_BODY_LIMIT // 1024} KB"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self._limit(scope.get("method", ""), scope.get("path", "")) if scope["type"] == "http" else None
        if limit is not None:
            declared = Headers(scope=scope).get("content-length", "")
            if declared.isdigit() and int(declared) > limit[0]:
                await _error(Request(scope), 413, limit[1])(scope, receive, send)
                return
        await self.app(scope, receive, send)


class RateLimit:
    """At most `per_minute` requests to /api and /v1 per client address in any 60 seconds (a
    sliding window); more get 429 with Retry-After. Probes and the web chat are not counted."""

    def __init__(self, app: ASGIApp, per_minute: int, window: float = 60.0) -> None:
        self.app = app
        self.per_minute = per_minute
        self.window = window
        self.seen: dict[str, deque[float]] = {}

    def _wait(self, client: str, now: float) -> float:
        """Seconds until `client` may ask again (0: now, and the request is counted)."""
        stamps = self.seen.setdefault(client, deque())
        while stamps and stamps[0] <= now - self.window:
            stamps.popleft()
        if len(stamps) >= self.per_minute:
            return stamps[0] + self.window - now
        stamps.append(now)
        if len(self.seen) > 10_000:  # forget clients that have been quiet for a window
            self.seen = {c: s for c, s in self.seen.items() if s and s[-1] > now - self.window}
        return 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path", "").startswith(("/api/", "/v1/")):
            client = (scope.get("client") or ("unknown", 0))[0]
            wait = self._wait(client, time.monotonic())
            if wait > 0:
                message = f"请求过于频繁：每分钟最多{self.per_minute}次，请{math.ceil(wait)}秒后重试"
                await _error(Request(scope), 429, message, {"Retry-After": str(math.ceil(wait))})(scope, receive, send)
                return
        await self.app(scope, receive, send)


# ---- the app -------------------------------------------------------------------------------------------
def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The API around `engine` (opened from `settings` at startup when not given).

    `settings` govern the HTTP layer (admin token, limits, default date); the engine keeps
    its own for where the index lives.
    """
    settings = settings or (engine.settings if engine else load_settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = None
        if app.state.engine is None:
            opened = await run_in_threadpool(Engine.open, settings)
            await run_in_threadpool(opened.ensure_indexed)
            app.state.engine = opened
        yield
        app.state.jobs.shutdown()
        if opened is not None:
            opened.kb.close()

    app = FastAPIOffline(  # /docs and /redoc with their scripts served from the package: no CDN, works air-gapped
        title="上海知识产权政策问答 API",
        version="1.0",
        description="基于政策原文的问答、资格查询、部门职责与文件库；所有答案附条款原文引用。",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.write_lock = threading.Lock()
    app.state.jobs = Jobs()
    app.state.heavy_lane = asyncio.Semaphore(1)
    _install_error_handlers(app)
    app.include_router(api)
    app.add_api_route(
        "/api/documents",
        upload_document,
        methods=["POST"],
        response_model=UploadResult,
        status_code=201,
        summary="上传文件（需管理员令牌）：默认后台索引，返回 202 与任务；?wait=true 时索引完再返回 201",
        dependencies=[Depends(require_admin)],
        responses={
            **ERROR_RESPONSES,
            202: {"model": JobInfo, "description": "已受理，后台索引中：GET /api/jobs/{job_id} 查看状态"},
            401: {"model": ErrorBody},
            403: {"model": ErrorBody},
            409: {"model": ErrorBody},
            415: {"model": ErrorBody},
        },
        max_body_size=settings.max_upload_bytes + MULTIPART_SLACK,
    )
    app.include_router(v1)
    app.include_router(probes)
    app.add_middleware(DeclaredSizeLimit, upload_limit=settings.max_upload_bytes + MULTIPART_SLACK)
    if settings.rate_limit_per_minute > 0:
        app.add_middleware(RateLimit, per_minute=settings.rate_limit_per_minute)
    app.add_middleware(SecurityHeaders)
    return app
