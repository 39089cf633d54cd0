"""A unit's tasks as CSV for the portal and the web chat's download button.

UTF-8 with a byte-order mark: without it Excel opens the file as GBK/ANSI and the Chinese
turns into mojibake.
"""

from __future__ import annotations

import csv
import io

from chat.compose import ROLE_TEXT
from kb.models import UnitTasks

CSV_HEADER = ["单位", "角色", "文件", "条款", "任务", "截止时间", "目标", "条款ID"]
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection): Excel would evaluate a cell starting with '='."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def unit_task_rows(tasks: UnitTasks) -> list[list[str]]:
    """One row per task; the task is the verbatim clause text when the citation carries it."""
    texts = {c.clause_id: c.text for c in tasks.citations}
    rows = []
    for m in tasks.matches:
        task = texts.get(m.clause_id) or m.program or m.note
        rows.append(
            [
                tasks.unit,
                ROLE_TEXT.get(m.status, m.status),
                m.doc_title,
                m.label,
                task,
                "；".join(m.deadlines),
                "；".join(m.targets),
                m.clause_id,
            ]
        )
    return rows


def unit_tasks_csv(tasks: UnitTasks) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    writer.writerows([_cell(v) for v in row] for row in unit_task_rows(tasks))
    return BOM + buffer.getvalue()
