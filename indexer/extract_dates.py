"""Dates in a clause: deadlines, application windows, validity, plan periods, issue dates.

Every date becomes an ISO `date`: 2024年底 -> 2024-12-31, 6月底前 -> that month's last day
(the year from earlier in the clause or from the document), 2022年7月1日至2023年6月30日 ->
a window. Periods inside 《…》 belong to another document and are skipped.
"""

from __future__ import annotations

import re
from datetime import date

from indexer.extract_common import Norm, in_book_title, last_day_of_term, safe_date
from kb.labels import cn_to_int
from kb.models import DateRef

_Y = r"(\d{4}|[〇零一二三四五六七八九]{4})"
_MD = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
FULL = f"{_Y}年{_MD}月{_MD}日"
_FULL_RE = re.compile(FULL)
_NOGROUP = re.sub(r"\((?!\?)", "(?:", FULL)

_WINDOW = re.compile(f"({_NOGROUP})(?:至|到|-|—|~)({_NOGROUP})")
_PLAN = re.compile(r"\((\d{4})(?:-|—|–|~|至)(\d{4})年?\)")
_EFFECTIVE = re.compile(f"(?:自|从|于)?({_NOGROUP})(?:起)?(?:施行|实施|执行|生效)")
_EFFECTIVE_ON_ISSUE = re.compile(r"自(?:印发|发布|公布)之日起(?:施行|实施|执行|生效)")
_EXPIRY = re.compile(f"有效期(?:至|到|截至)({_NOGROUP})|({_NOGROUP})(?:起)?(?:废止|失效)")
_VALID_YEARS = re.compile(r"有效期(?:为)?(\d+|[一二三四五六七八九十]+)年")
_FULL_BEFORE = re.compile(f"({_NOGROUP})(?:前|之前|以前)")
_YEAR_END = re.compile(f"{_Y}年(?:底|末)前?")
_MONTH_END = re.compile(f"{_Y}年{_MD}月(?:底|末)前?")
_BARE_MONTH_END = re.compile(f"(?:(?<![年\\d])|(?<=每年)){_MD}月(?:底|末)前?")  # "每年2月底前": a yearly deadline
_BY_YEAR = re.compile(f"(?:到|至){_Y}年(?=[,，])")
_ISSUED_AFTER = re.compile(r"印发|发布|公布")
_YEAR_MENTION = re.compile(r"(\d{4})年")
_PERIOD_WORDS = ("有效期", "执行期限", "实施期限", "施行期限", "执行期")


def _int(token: str) -> int | None:
    return int(token) if token.isdigit() else cn_to_int(token)


def parse_date(text: str) -> date | None:
    """The first full date (2022年11月9日, 一九九六年六月二十九日) in normalised `text`."""
    match = _FULL_RE.search(text or "")
    if not match:
        return None
    year, month, day = (_int(g) for g in match.groups())
    if year is None or month is None or day is None:
        return None
    return safe_date(year, month, day)


def _year_end(year_token: str) -> date | None:
    year = _int(year_token)
    return safe_date(year, 12, 31) if year else None


class _Collector:
    """Keeps found dates and the spans already explained, so later patterns skip them."""

    def __init__(self, norm: Norm) -> None:
        self.norm = norm
        self.refs: list[tuple[int, DateRef]] = []
        self.taken: list[tuple[int, int]] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.taken)

    def add(self, iso: date | None, kind: str, start: int, end: int) -> None:
        if iso is None:
            return
        self.taken.append((start, end))
        ref = DateRef(iso=iso, kind=kind, raw=self.norm.raw(start, end))  # type: ignore[arg-type]
        if all((r.iso, r.kind) != (ref.iso, ref.kind) for _, r in self.refs):
            self.refs.append((start, ref))

    def in_order(self) -> list[DateRef]:
        return [ref for _, ref in sorted(self.refs, key=lambda item: item[0])]


def extract_dates(norm: Norm, *, default_year: int | None = None, issued: date | None = None) -> list[DateRef]:
    """Dates of a normalised clause. `default_year` resolves 6月底前; `issued` 自印发之日起."""
    text = norm.text
    found = _Collector(norm)

    for m in _WINDOW.finditer(text):
        before = text[max(0, m.start() - 8) : m.start()]
        kinds = ("effective", "expiry") if any(w in before for w in _PERIOD_WORDS) else ("window_start", "window_end")
        found.add(parse_date(m.group(1)), kinds[0], m.start(1), m.end(1))
        found.add(parse_date(m.group(2)), kinds[1], m.start(2), m.end(2))
    for m in _PLAN.finditer(text):
        if not in_book_title(text, m.start()):
            found.add(safe_date(int(m.group(1)), 1, 1), "plan_start", m.start(), m.end())
            found.add(safe_date(int(m.group(2)), 12, 31), "plan_end", m.start(), m.end())
    for m in _EXPIRY.finditer(text):
        group = 1 if m.group(1) else 2
        if found.free(m.start(group), m.end(group)):
            found.add(parse_date(m.group(group)), "expiry", m.start(), m.end())
    for m in _EFFECTIVE.finditer(text):
        if found.free(m.start(1), m.end(1)):
            found.add(parse_date(m.group(1)), "effective", m.start(), m.end())
    for m in _EFFECTIVE_ON_ISSUE.finditer(text):
        found.add(issued, "effective", m.start(), m.end())
    effective = next((r.iso for _, r in found.refs if r.kind == "effective"), None)
    for m in _VALID_YEARS.finditer(text):
        years = _int(m.group(1))
        end = last_day_of_term(effective, years) if effective and years else None
        if end:
            found.add(end, "expiry", m.start(), m.end())
    for m in _FULL_BEFORE.finditer(text):
        if found.free(m.start(1), m.end(1)):
            found.add(parse_date(m.group(1)), "deadline", m.start(), m.end())
    for m in _MONTH_END.finditer(text):
        if found.free(m.start(), m.end()):
            year, month = _int(m.group(1)), _int(m.group(2))
            found.add(safe_date(year, month) if year and month else None, "deadline", m.start(), m.end())
    for m in _BARE_MONTH_END.finditer(text):
        if found.free(m.start(), m.end()):
            years = _YEAR_MENTION.findall(text, 0, m.start())
            year = int(years[-1]) if years else default_year
            month = _int(m.group(1))
            found.add(safe_date(year, month) if year and month else None, "deadline", m.start(), m.end())
    for pattern in (_YEAR_END, _BY_YEAR):
        for m in pattern.finditer(text):
            if found.free(m.start(), m.end()) and not in_book_title(text, m.start()):
                found.add(_year_end(m.group(1)), "deadline", m.start(), m.end())
    for m in _FULL_RE.finditer(text):
        if not found.free(m.start(), m.end()):
            continue
        own_line = norm.on_own_line(m.start(), m.end())
        issued_here = own_line or bool(_ISSUED_AFTER.match(text, m.end())) or m.end() == len(text)
        found.add(parse_date(m.group()), "issued" if issued_here else "other", m.start(), m.end())
    return found.in_order()


def parse_dates(text: str, *, default_year: int | None = None, issued: date | None = None) -> list[DateRef]:
    """`extract_dates` on raw clause text."""
    return extract_dates(Norm(text), default_year=default_year, issued=issued)
