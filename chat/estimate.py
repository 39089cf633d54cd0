"""A cap worked out from what the asker states: "我们备案了10件专利，最多能拿多少？" under "每件专利
不超过1500元" is at most 1.5万元; "去年放了2亿元专利质押贷款" under "不超过实际放款金额的0.1%" at most
20万元.

Only when the arithmetic is unambiguous: the answering clause states exactly one per-item cap (or,
with none, exactly one percentage of a base), and the question states exactly one count of the same
thing (件 of 专利, 份 or 件 of 合同) or exactly one sum. The result is an upper bound under the
clause's standard, said to be one, with the clause's programme total beside it: a sum the text does
not state is never passed off as the text's.
"""

from __future__ import annotations

import re

from indexer.extract_amounts import money_values
from indexer.extract_common import NUM, parse_number
from kb.models import Amount
from kb.textnorm import nfkc

_CN_COUNT = r"[一二三四五六七八九十两][一二三四五六七八九十百千两〇零]*"
_MEASURES = "件份个项笔"
# what the cap is per: 每件专利 / 每件成交合同 / 每份合同
_PER = re.compile(rf"每([{_MEASURES}])([\u4e00-\u9fff]{{0,6}}?)(?=不超过|不高于|最高|最多|给予|予以|奖励|补助|资助|\d|$)")


def _count_of(question: str, noun: str) -> float | None:
    """The one count the question states of `noun` ("10件专利", "二十份合同"); None if none, several,
    one ("一份合同": the cap itself) or a rate asked ("每签一份合同")."""
    pattern = re.compile(rf"(?<!每)(?<!每签)({NUM}|{_CN_COUNT})\s*[{_MEASURES}]([\u4e00-\u9fff]{{0,6}})")
    counts = [parse_number(m.group(1)) for m in pattern.finditer(question) if _same_thing(m.group(2), noun)]
    return counts[0] if len(counts) == 1 and counts[0] and counts[0] > 1 else None


def _same_thing(said: str, noun: str) -> bool:
    """"专利…" for 专利, "合同…" / "成交合同…" for 成交合同, "软件著作权…" for 著作权: what follows the
    count holds the cap's noun, or its head (its last two characters), within its first words."""
    return noun in said[: len(noun) + 3] or noun[-2:] in said[:5]


def amount_text(yuan: float) -> str:
    """1.5万元, 20万元, 3亿元, 800元: the unit the texts use, no trailing zeros."""
    for scale, unit in ((1e8, "亿元"), (1e4, "万元")):
        if yuan >= scale:
            return f"{yuan / scale:.4f}".rstrip("0").rstrip(".") + unit
    return f"{yuan:.2f}".rstrip("0").rstrip(".") + "元"


def worked_cap(question: str, amounts: list[Amount]) -> str:
    """"按每件专利不超过1500元计，10件专利最多1.5万元，另受“本项目奖补总额不超过300万元”限制", or ""
    when the arithmetic is not unambiguous."""
    text = nfkc(question)
    per_item = [a for a in amounts if a.kind == "per_item" and a.value_yuan]
    percents = [a for a in amounts if a.kind == "percentage" and a.percent]
    total = next((a.raw for a in amounts if a.kind == "program_total"), "")
    if len(per_item) == 1:
        cap = per_item[0]
        per = _PER.search(nfkc(cap.raw))
        noun = per.group(2) if per else ""
        count = _count_of(text, noun) if noun else None
        if count is None:
            return ""
        shown = f"{count:g}{per.group(1)}{noun}"
        worked = f"按{cap.raw}计，{shown}最多{amount_text(count * cap.value_yuan)}"
    elif len(percents) == 1 and not per_item:
        sums = money_values(text)
        if len(sums) != 1:
            return ""
        worked = f"按{percents[0].raw}计，{amount_text(sums[0])}最多{amount_text(sums[0] * percents[0].percent / 100)}"
    else:
        return ""
    return f"{worked}，另受“{total}”限制" if total else worked
