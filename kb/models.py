"""The data shapes that flow between the stages.

indexer: files -> `Document` + `Clause` (with `ClauseMeta`) -> kb store.
kb: store + retrieval -> `Hit`.
chat: `Hit` -> `Answer` (with `Citation` and `Match`).

Everything is a pydantic model so the same shapes serialise to SQLite/JSON, Chroma
metadata, the HTTP API and the CLI without hand-written converters.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

DocStatus = Literal["in_force", "expired", "not_yet_effective", "superseded", "non_binding", "unknown"]
Region = Literal["国家级", "市级", "区级", "其他", ""]

ClauseKind = Literal[
    "funding",  # 资金支持 / 奖补 / 补贴
    "task",  # 工作任务 / 职责 / 义务
    "target",  # 量化目标
    "condition",  # 申报条件 / 适用范围
    "exclusion",  # 不参与 / 不予支持
    "prohibition",  # 不得 / 禁止
    "penalty",  # 罚则 / 追回 / 取消资格
    "validity",  # 施行 / 有效期
    "definition",  # 本办法所称…是指
    "analysis",  # 研究、分析：不具约束力
    "injected_instructions",  # text addressed to an AI assistant: never retrieved or cited
    "general",
]


class Document(BaseModel):
    """One policy document: what the catalog or its own text says about it."""

    doc_id: str
    title: str
    doc_number: str = ""  # 文号, e.g. 沪府办发〔2024〕7号
    issuer: str = ""
    issue_date: date | None = None
    effective_date: date | None = None
    expiry_date: date | None = None
    plan_period: tuple[int, int] | None = None  # 2024-2026年 -> (2024, 2026)
    region: str = ""  # 国家级 / 市级 / 区级
    kind: str = ""  # 实施方案 / 实施细则 / 法律 / 研究文章 …
    binding: bool = True
    superseded_by: str | None = None
    source_path: str = ""
    content_hash: str = ""  # of the file, its catalog entry and the embedder: changes trigger re-indexing
    file_hash: str = ""  # of the file's bytes alone: the same file under two names is one document

    def status(self, as_of: date) -> DocStatus:
        """Validity of the document on `as_of`."""
        if not self.binding:
            return "non_binding"
        if self.superseded_by:
            return "superseded"
        if self.effective_date and as_of < self.effective_date:
            return "not_yet_effective"
        if self.expiry_date and as_of > self.expiry_date:
            return "expired"
        if self.plan_period and self.expiry_date is None and as_of.year > self.plan_period[1]:
            return "expired"
        if self.effective_date or self.expiry_date or self.issue_date or self.plan_period:
            return "in_force"
        return "unknown"


class UnitRef(BaseModel):
    """A responsible unit named by a clause, canonicalised through the gazetteer."""

    name: str  # canonical, e.g. 上海市教育委员会
    short: str = ""  # the form the text used, e.g. 市教委
    role: Literal["lead", "co", "responsible"] = "responsible"


class Amount(BaseModel):
    value_yuan: float | None = None  # None for percentages
    percent: float | None = None
    kind: Literal["per_recipient_cap", "per_item", "percentage", "program_total", "fund_size", "target_figure", "fixed", "other"]
    raw: str  # verbatim, e.g. 每家不超过80万元
    purpose: str = ""


class DateRef(BaseModel):
    iso: date
    kind: Literal["deadline", "window_start", "window_end", "effective", "expiry", "plan_start", "plan_end", "issued", "other"]
    raw: str


class Target(BaseModel):
    indicator: str
    value: float
    unit: str = ""
    raw: str
    by: date | None = None
    comparator: str = ""  # 达到 / 超过 / 左右 / 以上


class ClauseMeta(BaseModel):
    units: list[UnitRef] = Field(default_factory=list)
    amounts: list[Amount] = Field(default_factory=list)
    dates: list[DateRef] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    subjects: list[str] = Field(default_factory=list)  # 高校, 医院, 中小企业 …
    conditions: list[str] = Field(default_factory=list)  # verbatim condition phrases
    exclusions: list[str] = Field(default_factory=list)  # verbatim exclusion sentences
    kinds: list[ClauseKind] = Field(default_factory=list)


class Clause(BaseModel):
    """A unit of citation: an article, an item, a numbered point, with its sub-items."""

    clause_id: str
    doc_id: str
    label: str  # as a reader cites it: 第十五条, （十五）, 6.
    cite: str = ""  # the label as cited: an item with its article (第九条（一）), a repeated label with its parents (三、（一）)
    heading_path: list[str] = Field(default_factory=list)  # ancestors, outermost first
    text: str  # verbatim (normalized only for layout, never reworded)
    order: int  # position in the document
    level: int = 0
    parent_id: str | None = None
    # an item's article lead, verbatim without the article label ("著作权包括下列人身权和财产权："), else ""
    context: str = ""
    meta: ClauseMeta = Field(default_factory=ClauseMeta)

    @property
    def citation_path(self) -> str:
        return " › ".join([*self.heading_path, self.label]) if self.label else " › ".join(self.heading_path)


class Hit(BaseModel):
    clause: Clause
    score: float
    sources: list[str] = Field(default_factory=list)  # dense / bm25 / label / neighbour
    cosine: float | None = None  # the embedder's cosine of question and clause, when it was a dense candidate


class Citation(BaseModel):
    # the stored clause; neighbouring sentence windows cited as one passage ("第3–7句") carry the id
    # of the best-matching window, with the joined label and text (kb/retrieve.py `windows_joined`)
    clause_id: str
    doc_id: str
    doc_title: str
    doc_number: str
    label: str
    heading_path: list[str]
    text: str
    score: float
    valid: bool
    status: DocStatus
    cite: str = ""  # how to cite it: 第十条（三） for an item of an article, else the label (made unique)
    context: str = ""  # the article's lead sentence an item belongs under ("" when none); `text` is the item alone


class Match(BaseModel):
    """A structured row behind an eligibility or obligation answer."""

    clause_id: str
    doc_title: str
    label: str
    program: str = ""
    status: str = ""  # eligible / excluded / expired / not_applicable / lead / co
    amounts: list[str] = Field(default_factory=list)
    conditions: list[str] = Field(default_factory=list)
    exclusions: list[str] = Field(default_factory=list)
    deadlines: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    units: list[str] = Field(default_factory=list)
    note: str = ""


class Answer(BaseModel):
    answer: str  # plain text; ［n］ marks the n-th citation
    answerable: bool
    intent: str
    session_id: str
    as_of: date
    citations: list[Citation] = Field(default_factory=list)
    matches: list[Match] = Field(default_factory=list)
    answer_markdown: str = ""  # the answer and its sources as Markdown, for rich clients (chat/markdown.py)


class EligibilityResult(BaseModel):
    subject_type: str
    attributes: list[str] = Field(default_factory=list)
    as_of: date
    matches: list[Match] = Field(default_factory=list)  # status: eligible / excluded / expired / not_applicable
    citations: list[Citation] = Field(default_factory=list)


class UnitTasks(BaseModel):
    unit: str  # canonical name
    aliases: list[str] = Field(default_factory=list)
    as_of: date
    matches: list[Match] = Field(default_factory=list)  # status: lead / co / responsible
    citations: list[Citation] = Field(default_factory=list)


class UnitSummary(BaseModel):
    name: str
    aliases: list[str] = Field(default_factory=list)
    clause_count: int = 0
