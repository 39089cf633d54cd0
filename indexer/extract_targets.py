"""Quantified targets: 每万人高价值发明专利拥有量达到60件以上 -> indicator, 60, 件, 以上, by.

The indicator is the phrase before the verb (达到/超过/达 …) up to the previous comma;
the deadline (`by`) is the last 到2025年底 / 2025年底前 before the target in the clause,
else the end of the document's plan period (杨浦方案 2024-2026 -> 2026-12-31).
"""

from __future__ import annotations

import re
from datetime import date

from indexer.extract_common import NUM, Norm, parse_number, safe_date, strip_label
from kb.models import Target

_TARGET = re.compile(
    rf"(?P<ind>[^,;。:!?()]{{2,60}}?)"
    r"(?P<verb>(?<!不)(?:达到|超过|突破|不低于|不少于|提高到|提高至|提升至|增加到|增长到|保持在|达))"
    rf"(?P<num>{NUM})"
    r"(?P<unit>万件|万家|万人|万户|万个|万亿元|亿元|万元|亿|件|家|个|项|人次|人|所|户|次|倍|%|元|吨)"
    r"(?P<tail>左右|以上|以下)?"
)
_BY = re.compile(r"(?:到|至|于)?(\d{4})年(?:底|末)?前?")
_SCOPE = re.compile(r"^(?:本市|全市|全区|区内|我区|我市|本区|全国|全省)")
_TRAILING_ADVERB = re.compile(r"(?:累计|合计|总计)$")
_MONEYISH = re.compile(r"额|融资|资金|金额|产值|规模|投入|支出|收入")


def _deadline_before(text: str, pos: int) -> date | None:
    found = None
    for match in _BY.finditer(text, 0, pos):
        found = safe_date(int(match.group(1)), 12, 31)
    return found


def extract_targets(norm: Norm, *, plan_end: int | None = None) -> list[Target]:
    """Targets of a normalised clause; `plan_end` is the last year of the document's plan."""
    text = strip_label(norm.text)
    offset = len(norm.text) - len(text)
    targets: list[Target] = []
    for match in _TARGET.finditer(text):
        indicator = _SCOPE.sub("", match.group("ind"))
        indicator = _TRAILING_ADVERB.sub("", re.sub(r"^(?:到|至)?\d{4}年(?:底|末)?", "", indicator))
        value = parse_number(match.group("num"))
        if len(indicator) < 2 or value is None:
            continue
        unit = match.group("unit")
        if unit in ("亿", "万") and _MONEYISH.search(indicator):
            unit += "元"
        verb = "达到" if match.group("verb") == "达" else match.group("verb")
        by = _deadline_before(text, match.start()) or (safe_date(plan_end, 12, 31) if plan_end else None)
        targets.append(
            Target(
                indicator=indicator,
                value=value,
                unit=unit,
                raw=norm.raw(offset + match.start("ind"), offset + match.end()),
                by=by,
                comparator=match.group("tail") or verb,
            )
        )
    return targets


def parse_targets(text: str, *, plan_end: int | None = None) -> list[Target]:
    """`extract_targets` on raw clause text."""
    return extract_targets(Norm(text), plan_end=plan_end)
