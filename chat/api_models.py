"""Request and response shapes of the HTTP API (the shared `kb.models` shapes are reused as is).

`STATUS_LABELS` are the short validity badges the API and the web chat show.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kb.models import Citation, Clause, DocStatus, Document
from kb.retrieve import RetrievalFilters

STATUS_LABELS: dict[str, str] = {
    "in_force": "有效",
    "expired": "已失效",
    "not_yet_effective": "尚未生效",
    "superseded": "已被替代",
    "non_binding": "非政策文件",
    "unknown": "效力未知",
}


def is_valid(status: DocStatus) -> bool:
    """Whether a document with this status can be relied on today ("unknown" gets the benefit of the doubt)."""
    return status in ("in_force", "unknown")


# ---- requests ---------------------------------------------------------------------------------
class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt key ("sesion_id") is an error, not ignored

    question: str = Field(description="用户问题（中文）", examples=["中小企业知识产权运营能力提升项目每家支持多少钱？"])
    session_id: str | None = Field(default=None, max_length=128, description="会话 ID：同一会话内可以追问；留空则新建会话")
    as_of: date | None = Field(default=None, description="按该日期判断文件效力，默认今天")
    filters: RetrievalFilters | None = None


class EligibilityRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject_type: str = Field(max_length=100, description="申报主体类型", examples=["中小企业"])
    # each attribute bounded too: one of 20,000 characters cost 6.4 s of matching
    attributes: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list, max_length=50, examples=[["专精特新"]])
    region: str | None = Field(default=None, max_length=100, description="所在地区，如 本市、杨浦区", examples=["杨浦区"])
    as_of: date | None = None


# ---- responses --------------------------------------------------------------------------------
class ErrorBody(BaseModel):
    detail: str
    suggestions: list[str] | None = None


class DocumentInfo(BaseModel):
    """A corpus document with its validity on the requested date (server paths are not exposed)."""

    doc_id: str
    title: str
    doc_number: str = ""
    issuer: str = ""
    issue_date: date | None = None
    effective_date: date | None = None
    expiry_date: date | None = None
    region: str = ""
    kind: str = ""
    binding: bool = True
    superseded_by: str | None = None
    status: DocStatus
    status_label: str
    valid: bool
    clause_count: int = 0

    @classmethod
    def of(cls, doc: Document, as_of: date, clause_count: int = 0) -> DocumentInfo:
        status = doc.status(as_of)
        fields = doc.model_dump(include=set(cls.model_fields) & set(Document.model_fields))
        return cls(**fields, status=status, status_label=STATUS_LABELS[status], valid=is_valid(status), clause_count=clause_count)


class ClauseInfo(Clause):
    """A clause with the facts about its document a reader needs to rely on it."""

    doc_title: str
    doc_number: str
    status: DocStatus
    status_label: str
    valid: bool
    cite_as: str = Field(description="引用路径，如 第二章 › 第十五条")
    score: float | None = None

    @classmethod
    def of(cls, clause: Clause, doc: Document | None, as_of: date, score: float | None = None) -> ClauseInfo:
        status: DocStatus = doc.status(as_of) if doc else "unknown"
        return cls(
            **clause.model_dump(),
            doc_title=doc.title if doc else clause.doc_id,
            doc_number=doc.doc_number if doc else "",
            status=status,
            status_label=STATUS_LABELS[status],
            valid=is_valid(status),
            cite_as=clause.citation_path,
            score=score,
        )


class UploadResult(BaseModel):
    doc_id: str
    file_name: str
    title: str
    outcome: Literal["added", "updated", "unchanged"]
    clause_count: int
    summary: str


class DeleteResult(BaseModel):
    doc_id: str
    clauses_removed: int


class Health(BaseModel):
    status: str
    clauses: int | None = None
    documents: int | None = None


# ---- OpenAI-compatible chat completions ------------------------------------------------------
class ChatMessage(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"]
    # a plain string, or OpenAI's list of content parts ({"type": "text", "text": ...})
    content: Annotated[str, Field(max_length=100_000)] | Annotated[list[dict[str, Any]], Field(max_length=100)] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(str(part.get("text", "")) for part in self.content if part.get("type") == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    model: str | None = Field(default=None, max_length=200)
    messages: list[ChatMessage] = Field(min_length=1, max_length=500)
    stream: bool = False
    user: str | None = Field(default=None, max_length=256, description="终端用户标识，用于区分会话")
    session_id: str | None = Field(default=None, max_length=128, description="扩展字段：显式指定会话 ID")


class ChatCompletionMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class ChatCompletionChoice(BaseModel):
    index: int = 0
    message: ChatCompletionMessage
    finish_reason: Literal["stop"] = "stop"


class ChatCompletionResponse(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[ChatCompletionChoice]
    citations: list[Citation] = Field(default_factory=list)
    session_id: str
