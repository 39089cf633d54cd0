"""The Gradio web chat (mounted at /ui): 政策问答, 资格查询, 部门职责, 文件库.

Everything shown goes through `escape_md`: user questions and clause texts are displayed
as text, never interpreted as HTML or Markdown (a `<script>` in a question shows as typed,
and a clause's "1." or "*" stays verbatim).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import uuid
import weakref
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import gradio as gr
import pandas as pd

from chat.api import text_chunks
from chat.api_models import STATUS_LABELS
from chat.compose import ROLE_TEXT, VERDICT_TEXT, eligibility_verdict
from chat.csv_export import unit_tasks_csv
from chat.engine import Engine
from chat.errors import UserInputError
from chat.markdown import citations_md, escape_md
from kb.vectors import VectorStoreUnavailable

TITLE = "上海知识产权政策问答"
EXAMPLES = [
    "中小企业知识产权运营能力提升项目每家支持多少钱？",
    "我们是一家专精特新中小企业，有哪些项目可以申报？",
    "市教委要推动高校建立哪些专利管理制度？",
    "杨浦区知识产权质押融资总额目标是多少？",
    "第二批专项资金实施细则现在还有效吗？",
]
UNAVAILABLE = "检索服务暂时不可用（无法连接向量数据库），请稍后再试。"
# System fonts only: the default theme would fetch web fonts from the internet.
THEME = gr.themes.Soft(
    font=["system-ui", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "sans-serif"],
    font_mono=["ui-monospace", "monospace"],
)

ELIGIBILITY_COLUMNS = ["项目", "文件", "条款", "结论", "支持金额", "申报条件", "排除情形", "期间", "说明"]
TASK_COLUMNS = ["角色", "文件", "条款", "任务", "时限", "目标"]
DOCUMENT_COLUMNS = ["标题", "文号", "发文机关", "发布日期", "施行日期", "有效期至", "层级", "类型", "效力", "条款数"]


def parse_day(text: str | None) -> date | None:
    """The optional 效力判断日期 field; UserInputError for anything but YYYY-MM-DD."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserInputError(f"日期格式应为 YYYY-MM-DD，例如 2025-01-31（收到：{text}）") from None


def _user_message(text: str) -> dict:
    return {"role": "user", "content": escape_md(text)}


class WebChat:
    """The event handlers, bound to one engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # One folder per process for CSV downloads (Gradio serves files from the temp dir); a
        # unit's file is overwritten by its next export, so the folder does not grow per request.
        self._exports = Path(tempfile.mkdtemp(prefix="policykb-csv-"))
        # ... and removed when the chat goes or the process exits (servers left one behind each run).
        weakref.finalize(self, shutil.rmtree, self._exports, True)

    # ---- 政策问答 ------------------------------------------------------------------------------------
    def respond(self, message: str, history: list[dict], session_id: str, day_text: str) -> Iterator[tuple[list[dict], str, str]]:
        """Stream one answer into the chat, then its citations. Yields (history, textbox, session id)."""
        session_id = session_id or uuid.uuid4().hex
        if not (message or "").strip():
            yield history or [], "", session_id
            return
        history = [*(history or []), _user_message(message), {"role": "assistant", "content": "正在检索政策原文…"}]
        yield history, "", session_id
        try:
            answer = self.engine.ask(message, session_id=session_id, as_of=parse_day(day_text))
        except UserInputError as exc:
            history[-1]["content"] = "⚠️ " + escape_md(str(exc))
            yield history, "", session_id
            return
        except VectorStoreUnavailable:
            history[-1]["content"] = "⚠️ " + UNAVAILABLE
            yield history, "", session_id
            return
        shown = ""
        for piece in text_chunks(answer.answer):
            shown += piece
            history[-1]["content"] = escape_md(shown)
            yield history, "", session_id
        history[-1]["content"] = answer.answer_markdown
        yield history, "", session_id

    # ---- 资格查询 ------------------------------------------------------------------------------------
    def eligibility(self, subject_type: str | None, attributes: list[str], day_text: str) -> tuple[str, pd.DataFrame, str]:
        """(the verdict, shown above the table; the programs; their sources, below it)."""
        empty = pd.DataFrame(columns=ELIGIBILITY_COLUMNS)
        if not subject_type:
            return "请先选择主体类型。", empty, ""
        try:
            result = self.engine.eligibility(subject_type, attributes or [], as_of=parse_day(day_text))
        except UserInputError as exc:
            return "⚠️ " + escape_md(str(exc)), empty, ""
        except VectorStoreUnavailable:
            return "⚠️ " + UNAVAILABLE, empty, ""
        rows = [
            [
                m.program,
                m.doc_title,
                m.label,
                VERDICT_TEXT.get(m.status, m.status),
                "；".join(m.amounts) or "原文未列明",
                "；".join(m.conditions),
                "；".join(m.exclusions),
                "；".join(m.deadlines),
                m.note,
            ]
            for m in result.matches
        ]
        verdict = eligibility_verdict(result.matches, subject_type, result.as_of) if rows else "没有找到该主体可以申报的资金支持项目。"
        return verdict, pd.DataFrame(rows, columns=ELIGIBILITY_COLUMNS), citations_md(result.citations)

    # ---- 部门职责 ------------------------------------------------------------------------------------
    def unit_choices(self) -> list[tuple[str, str]]:
        return [(f"{u.name}（{u.clause_count}条）", u.name) for u in self.engine.units()]

    def unit_tasks(self, unit: str | None, day_text: str) -> tuple[pd.DataFrame, str | None, str]:
        empty = pd.DataFrame(columns=TASK_COLUMNS)
        if not unit:
            return empty, None, "请先选择或输入单位名称。"
        try:
            tasks = self.engine.unit_tasks(unit, as_of=parse_day(day_text))
        except UserInputError as exc:  # UnknownUnit: the message carries the suggestions
            return empty, None, "⚠️ " + escape_md(str(exc))
        texts = {c.clause_id: c.text for c in tasks.citations}
        rows = [
            [
                ROLE_TEXT.get(m.status, m.status),
                m.doc_title,
                m.label,
                texts.get(m.clause_id, m.program),
                "；".join(m.deadlines),
                "；".join(m.targets),
            ]
            for m in tasks.matches
        ]
        csv_path = self._exports / f"{re.sub(r'[^0-9A-Za-z一-鿿]+', '_', tasks.unit)}-任务清单.csv"
        csv_path.write_text(unit_tasks_csv(tasks), encoding="utf-8")
        aliases = f"（又称：{'、'.join(tasks.aliases)}）" if tasks.aliases else ""
        note = f"**{escape_md(tasks.unit)}**{escape_md(aliases)}：共 {len(rows)} 项任务（截至 {tasks.as_of.isoformat()}）。"
        return pd.DataFrame(rows, columns=TASK_COLUMNS), str(csv_path), note

    # ---- 文件库 ---------------------------------------------------------------------------------------
    def documents(self, day_text: str) -> tuple[pd.DataFrame, str]:
        try:
            day = parse_day(day_text) or self.engine.settings.today()
        except UserInputError as exc:
            return pd.DataFrame(columns=DOCUMENT_COLUMNS), "⚠️ " + escape_md(str(exc))
        rows = []
        for d in self.engine.kb.documents():
            rows.append(
                [
                    d.title,
                    d.doc_number,
                    d.issuer,
                    d.issue_date.isoformat() if d.issue_date else "",
                    d.effective_date.isoformat() if d.effective_date else "",
                    d.expiry_date.isoformat() if d.expiry_date else (f"{d.plan_period[1]}-12-31" if d.plan_period else ""),
                    d.region,
                    d.kind,
                    STATUS_LABELS[d.status(day)],
                    len(self.engine.kb.clauses(doc_id=d.doc_id)),
                ]
            )
        return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS), f"共 {len(rows)} 份文件，效力按 {day.isoformat()} 判断。"


# After an answer arrives: its first line at the top of the chat pane (and of the screen), not its
# last source block at the bottom, as the chat's own scrolling to the end would leave it.
SHOW_LATEST_ANSWER = """() => {
  const answers = document.querySelectorAll("#chatbot [data-testid='bot']");
  if (!answers.length) return;
  const latest = answers[answers.length - 1];
  latest.scrollIntoView({block: "start"});
  let pane = latest.parentElement;  // clear of the chat's label floating over the pane's top
  while (pane && pane.scrollHeight <= pane.clientHeight) pane = pane.parentElement;
  if (pane && pane !== document.scrollingElement) pane.scrollTop -= 48;
}"""


def build_ui(engine: Engine) -> gr.Blocks:
    """The web chat; pass `THEME` to `gr.mount_gradio_app` (Gradio 6 takes the theme at mount time)."""
    chat = WebChat(engine)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"# {TITLE}\n答案均摘自政策原文并附条款引用，并标明文件当前是否有效。接口文档见 [/docs](/docs)。")
        with gr.Accordion("选项", open=False):
            day = gr.Textbox(label="效力判断日期（YYYY-MM-DD，留空为今天）", max_lines=1, elem_id="as-of")
        session = gr.State("")
        with gr.Tabs(overflow_behavior="wrap"):  # every tab in sight on a phone, not behind a menu
            with gr.Tab("政策问答", id="chat"):
                chatbot = gr.Chatbot(
                    label="对话",
                    elem_id="chatbot",
                    height=560,
                    autoscroll=False,  # SHOW_LATEST_ANSWER brings the answer's first line into view instead
                    latex_delimiters=[],
                    feedback_options=None,
                    buttons=["copy"],
                    placeholder="请输入关于上海专利与知识产权政策的问题，答案会附上政策原文条款。",
                )
                with gr.Row():
                    question = gr.Textbox(
                        show_label=False,
                        placeholder="例如：中小企业知识产权运营能力提升项目每家支持多少钱？",
                        max_lines=4,
                        scale=8,
                        elem_id="question",
                    )
                    send = gr.Button("发送", variant="primary", scale=1, elem_id="send")
                new_chat = gr.Button("新对话", size="sm")
                gr.Examples(EXAMPLES, inputs=question, label="示例问题")
                for trigger in (question.submit, send.click):
                    trigger(chat.respond, [question, chatbot, session, day], [chatbot, question, session], concurrency_limit=4).then(
                        None, None, None, js=SHOW_LATEST_ANSWER
                    )
                new_chat.click(lambda: ([], "", ""), None, [chatbot, question, session])

            with gr.Tab("资格查询", id="eligibility"):
                subject = gr.Radio(engine.subject_types(), label="主体类型", elem_id="subject-type")
                attributes = gr.CheckboxGroup(engine.attribute_choices(), label="具体情况（可多选）", elem_id="attributes")
                check = gr.Button("查询可申报项目", variant="primary", elem_id="check-eligibility")
                verdict = gr.Markdown(elem_id="eligibility-verdict")
                programs = gr.Dataframe(
                    headers=ELIGIBILITY_COLUMNS, interactive=False, wrap=True, elem_id="programs", label="项目"
                )
                programs_sources = gr.Markdown()
                check.click(chat.eligibility, [subject, attributes, day], [verdict, programs, programs_sources])

            with gr.Tab("部门职责", id="units"):
                unit = gr.Dropdown(
                    chat.unit_choices(), label="单位（可输入简称，如 市教委）", allow_custom_value=True, elem_id="unit"
                )
                show_tasks = gr.Button("查看任务", variant="primary")
                tasks_note = gr.Markdown(elem_id="unit-note")
                tasks_table = gr.Dataframe(
                    headers=TASK_COLUMNS, interactive=False, wrap=True, label="任务清单", elem_id="unit-tasks"
                )
                tasks_csv = gr.File(label="下载 CSV（Excel 可直接打开）", elem_id="unit-csv")
                show_tasks.click(chat.unit_tasks, [unit, day], [tasks_table, tasks_csv, tasks_note])

            with gr.Tab("文件库", id="documents"):
                refresh = gr.Button("刷新", size="sm")
                docs_note = gr.Markdown()
                docs_table = gr.Dataframe(
                    headers=DOCUMENT_COLUMNS, interactive=False, wrap=True, label="政策文件", elem_id="documents"
                )
                refresh.click(chat.documents, [day], [docs_table, docs_note])

        demo.load(chat.documents, [day], [docs_table, docs_note])
        demo.load(lambda: gr.Dropdown(choices=chat.unit_choices()), None, [unit])
    return demo
