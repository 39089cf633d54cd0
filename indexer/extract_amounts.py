"""Money amounts and percentages in a clause, with what kind of figure each is.

The kind comes from the words just before the figure, within its phrase:
每家不超过80万元 -> per_recipient_cap, 每件专利不超过1500元 -> per_item, 总额不超过300万元 ->
program_total, 专项资金5000万元 -> fund_size, 规模超过300亿元 -> target_figure, 给予30万元
-> fixed, 不超过30万元 -> per_recipient_cap. Percentages count only in a funding context
(贴息, 奖补 …); 占GDP比重达到20% is a target and is left to the target extractor.
"""

from __future__ import annotations

import re

from indexer.extract_common import NUM, PHRASE_END, Norm, parse_number
from kb.models import Amount

# A Chinese numeral must start with a digit word or 十: 千亿级 is a scale, not an amount.
_CN_AMOUNT = r"[一二三四五六七八九两][一二三四五六七八九十百千两〇零]*|十[一二三四五六七八九]?"
_MONEY = re.compile(rf"({NUM}|{_CN_AMOUNT})(万亿元|亿元|万元|千元|元|亿(?![件人次个家户项吨辆台套张册本]))(?!级)")
_PERCENT = re.compile(rf"({NUM})%|百分之([一二三四五六七八九十点]+)")
_SCALE = {"元": 1.0, "千元": 1e3, "万元": 1e4, "亿元": 1e8, "亿": 1e8, "万亿元": 1e12}

# a goal's verb; "不得超过", "不能超过" set a cap ("同一家庭…累计最高不得超过5万元"), never a goal
_TARGET_VERB = re.compile(r"(?<!不)(?<!不得)(?<!不能)(?<!不应)(?<!不宜)(超过|达到|达|突破|不低于|不少于|提高到|提高至|提升至|增加到|增长到)$")
_RECIPIENT = re.compile(r"每(?:家|所|户|个单位|个机构|个企业|个项目承担单位|单位)")
_EACH = re.compile(r"每")
_EACH_GAP = 3  # characters from one 每 to the next in a chain ("每人每月", "每个人每年")
_FUND = re.compile(r"(资金|款项|基金|预算)(总额|总规模|规模)?(为|共|计)?$")
_SUM_WORD = re.compile(r"(?:^|[和及、])(?:共计|共|合计|总计)$")
_TOTAL = re.compile(r"总额|总计|合计|共计|总规模|总金额")
_CAP = re.compile(r"不(?:得|能|应|宜)?超过|不高于|最高|最多|以内|上限")
_GRANT = re.compile(r"(?:一次性)?(?:给予|予以|奖励|补助|资助)")
_FUNDING_CONTEXT = re.compile(r"贴息|贴费|贴补|奖补|补贴|资助|补助|奖励|放款|贷款|费率|支持|给予|予以|标准")
_SUPPORT = re.compile(r"经费支持|资金支持|资金奖补|绩效奖补|奖补|贴息|贴费|补贴|资助|奖励|补助")
_LEAD_JOINERS = re.compile(r"^(?:以及|和|及|与|、)")


def _phrase_start(text: str, start: int, floor: int) -> int:
    """Start of the phrase that ends at `start` (after the last , ; 。 or the previous figure)."""
    cut = max((text.rfind(mark, 0, start) for mark in PHRASE_END), default=-1) + 1
    return max(cut, floor)


def _support_word(text: str, start: int, end: int) -> str:
    """The kind of support (经费支持, 资金奖补 …) named in the figure's sentence, after it first."""
    stop = min([i for i in (text.find(m, end) for m in "。;") if i != -1], default=len(text))
    begin = max(text.rfind(m, 0, start) for m in "。;") + 1
    match = _SUPPORT.search(text, end, stop) or _SUPPORT.search(text, begin, start)
    return match.group() if match else ""


def _classify(prefix: str, previous_kind: str) -> tuple[str, int]:
    """(kind, offset in `prefix` where the verbatim phrase starts)."""
    if _TARGET_VERB.search(prefix):
        return "target_figure", 0
    for pattern, kind in ((_RECIPIENT, "per_recipient_cap"), (_EACH, "per_item")):
        starts = [m.start() for m in pattern.finditer(prefix)]
        if starts:
            first = starts[-1]
            for start in reversed(starts[:-1]):  # "每人每月1309元": per person and month, from the first 每
                if first - start > _EACH_GAP:
                    break
                first = start
            return kind, first
    if _FUND.search(prefix):
        return "fund_size", prefix.rfind("的") + 1
    if _SUM_WORD.search(prefix):
        return ("fund_size" if previous_kind == "fund_size" else "program_total"), 0
    if _TOTAL.search(prefix):
        return "program_total", 0
    cap = list(_CAP.finditer(prefix))
    if cap:
        return "per_recipient_cap", cap[-1].start()
    grant = list(_GRANT.finditer(prefix))
    if grant:
        return "fixed", grant[-1].start()
    return "other", len(prefix)


def extract_amounts(norm: Norm, *, purpose: str = "", binding: bool = True) -> list[Amount]:
    """Amounts of a normalised clause; `purpose` is the project the clause funds, if known."""
    text = norm.text
    figures = sorted(
        [(m.start(), m.end(), "money", m) for m in _MONEY.finditer(text)]
        + [(m.start(), m.end(), "percent", m) for m in _PERCENT.finditer(text)],
        key=lambda item: item[0],
    )
    amounts: list[Amount] = []
    floor, previous_kind = 0, ""
    for index, (start, end, what, match) in enumerate(figures):
        if start < floor:
            continue
        phrase_start = _phrase_start(text, start, floor)
        prefix = text[phrase_start:start]
        floor = end
        if what == "percent":
            amount = _percentage(norm, match, prefix, phrase_start, binding)
        else:
            upper = _range_end(text, end, figures[index + 1 :])
            amount = _money(norm, match, prefix, phrase_start, previous_kind, binding, upper)
            floor = upper.end() if upper else end
        if amount is None:
            continue
        if amount.kind not in ("fund_size", "target_figure"):
            amount.purpose = purpose or _support_word(text, start, end)
        previous_kind = amount.kind
        amounts.append(amount)
    return amounts


def _percentage(norm: Norm, match: re.Match[str], prefix: str, phrase_start: int, binding: bool) -> Amount | None:
    text = norm.text
    sentence = text[phrase_start : text.find("。", match.end()) if "。" in text[match.end() :] else len(text)]
    if not binding or _TARGET_VERB.search(prefix) or not _FUNDING_CONTEXT.search(prefix + sentence):
        return None
    value = parse_number(match.group(1)) if match.group(1) else parse_number(match.group(2).replace("点", "."))
    if value is None:
        return None
    cap = list(_CAP.finditer(prefix))
    grant = list(_GRANT.finditer(prefix))
    offset = cap[-1].start() if cap else (grant[-1].end() if grant else len(prefix))
    raw = _LEAD_JOINERS.sub("", norm.raw(phrase_start + offset, match.end()))
    return Amount(percent=value, kind="percentage", raw=raw)


# a range of sums: "十万元以上五十万元以下", "1万元至5万元"
_RANGE_JOIN = re.compile(r"以上|至|到|[-－~～—]")
_RANGE_CLOSE = re.compile(r"以下|以内|之间")


def _range_end(text: str, end: int, later: list[tuple[int, int, str, re.Match[str]]]) -> re.Match[str] | None:
    """The upper sum of a range the sum ending at `end` opens (the next figure, a sum, joined to it by
    以上/至/到), or None."""
    if not later or later[0][2] != "money":
        return None
    join = _RANGE_JOIN.match(text, end)
    return later[0][3] if join and join.end() == later[0][0] else None


def _money(
    norm: Norm,
    match: re.Match[str],
    prefix: str,
    phrase_start: int,
    previous_kind: str,
    binding: bool,
    upper: re.Match[str] | None = None,
) -> Amount | None:
    """A sum, or a range of sums from `match` to `upper` (one figure, worth its upper bound: "处十万元以上
    五十万元以下的罚款" is no fine of 十万元 beside one of 五十万元)."""
    number = parse_number((upper or match).group(1))
    if number is None:
        return None
    kind, offset = _classify(prefix, previous_kind)
    if not binding:
        kind = "other"
    end = match.end()
    if upper is not None:
        close = _RANGE_CLOSE.match(norm.text, upper.end())
        end = close.end() if close else upper.end()
        match = upper
    elif kind == "target_figure":
        tail = re.match(r"左右|以上", norm.text[end:])
        end += tail.end() if tail else 0
    raw = _LEAD_JOINERS.sub("", norm.raw(phrase_start + offset, end))
    purpose = _LEAD_JOINERS.sub("", prefix[offset:]) if kind in ("fund_size", "target_figure") else ""
    purpose = re.sub(r"(?<!不)(超过|达到|达|突破|不低于|不少于)$|^(共计|共|合计|总计)", "", purpose)
    if kind == "fund_size" and not purpose:
        purpose = "合计"
    return Amount(value_yuan=round(number * _SCALE[match.group(2)], 2), kind=kind, raw=raw, purpose=purpose)  # type: ignore[arg-type]


def money_values(text: str) -> list[float]:
    """Every sum of money the text states, in yuan ("2亿元" → 2e8), whatever it is for."""
    return [number * _SCALE[m.group(2)] for m in _MONEY.finditer(text) if (number := parse_number(m.group(1))) is not None]


def parse_amounts(text: str, *, purpose: str = "", binding: bool = True) -> list[Amount]:
    """`extract_amounts` on raw clause text."""
    return extract_amounts(Norm(text), purpose=purpose, binding=binding)
