"""What a clause is: funding, task, target, condition, exclusion, prohibition, penalty,
validity, definition, analysis (non-binding documents) or general.

Decided from the extracted metadata first and cue words second; a clause can be several.
"""

from __future__ import annotations

import re
from typing import get_args

from kb.models import ClauseKind, ClauseMeta, Document

_FUNDING = re.compile(r"经费支持|资金支持|资金奖补|奖补|(?<!津)补贴|贴息|贴费|贴补|资助|补助")
_FUNDING_AMOUNTS = {"per_recipient_cap", "per_item", "percentage", "program_total", "fund_size", "fixed"}
_DUTY = re.compile(r"责任单位|牵头|负责|会同|职责")
_TASK_VERBS = re.compile(
    r"推进|加强|推动|支持|鼓励|开展|建立|健全|完善|落实|深化|培育|引导|加大|提升|优化|实施|组织|建设|强化|发挥|打造|促进"
)
_PLAN_KINDS = ("方案", "意见", "通知", "规划", "纲要", "计划", "措施")
_CONDITION = re.compile(r"适用于|申报条件|申请条件|应具备|须具备|符合条件")
_PROHIBITION = re.compile(r"不得|禁止|严禁|不准|不允许")
_PENALTY = re.compile(
    r"追回|取消[^。;]{0,12}资格|依法移送|移送司法|罚款|处罚|追究[^。;]{0,6}责任|没收|吊销|列入[^。;]{0,8}黑名单"
)
_VALIDITY = re.compile(r"起施行|起实施|起执行|有效期|废止|失效")
_DEFINITION = re.compile(r"所称[^。;]{0,40}(?:是指|指|包括)|是指")
_ORDER = get_args(ClauseKind)


def classify(text: str, meta: ClauseMeta, doc: Document | None = None) -> list[ClauseKind]:
    """Kinds of a normalised clause, given what was extracted from it."""
    if doc is not None and not doc.binding:
        return ["analysis"]
    kinds: set[str] = set()
    if _FUNDING.search(text) or any(a.kind in _FUNDING_AMOUNTS for a in meta.amounts):
        kinds.add("funding")
    plan = doc is not None and doc.kind.endswith(_PLAN_KINDS)
    if meta.units or _DUTY.search(text) or (plan and _TASK_VERBS.search(text)):
        kinds.add("task")
    if meta.targets:
        kinds.add("target")
    if meta.conditions or _CONDITION.search(text):
        kinds.add("condition")
    if meta.exclusions:
        kinds.add("exclusion")
    if _PROHIBITION.search(text):
        kinds.add("prohibition")
    if _PENALTY.search(text):
        kinds.add("penalty")
    if _VALIDITY.search(text) or any(d.kind in ("effective", "expiry") for d in meta.dates):
        kinds.add("validity")
    if _DEFINITION.search(text):
        kinds.add("definition")
    return [kind for kind in _ORDER if kind in kinds] or ["general"]
