"""Shared text handling for the extractors: the normalised view of a clause and numbers.

Extractors match on `Norm.text`: NFKC (full-width digits and punctuation folded) with all
whitespace removed, because PDF layouts break lines inside words and numbers
(市知识产权\\n局, ２０２\\n５年). `Norm.raw` maps a match back to the verbatim wording.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, timedelta

from kb.labels import cn_to_int

CN_NUM = "〇零一二两三四五六七八九十百千"
# a number, with thousands separated by commas as tables and web pages write them ("1,000元")
NUM = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
# A clause's own label at its start: 第十五条 / (十一) / 6. / 一、
LABEL = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]+[条章节款项]|\([一二三四五六七八九十\d]+\)|\d+[.、]|[一二三四五六七八九十]+、)"
)
# Sentence and phrase boundaries in normalised text.
SENTENCE_END = "。;!?"
PHRASE_END = "。;!?,:"


class Norm:
    """A clause in matching form, with the offsets of every kept character in the original."""

    def __init__(self, original: str) -> None:
        self.original = original or ""
        chars: list[str] = []
        index: list[int] = []
        for i, ch in enumerate(self.original):
            for folded in unicodedata.normalize("NFKC", ch):
                if not folded.isspace():
                    chars.append(folded)
                    index.append(i)
        self.text = "".join(chars)
        self._index = index

    def raw(self, start: int, end: int) -> str:
        """The original wording of text[start:end], without the line breaks of the layout."""
        if start >= end or end > len(self._index):
            return self.text[start:end]
        piece = self.original[self._index[start] : self._index[end - 1] + 1]
        return re.sub(r"\s*\n\s*", "", piece).strip()

    def on_own_line(self, start: int, end: int) -> bool:
        """Whether text[start:end] stands alone on its line of the original (a date line)."""
        if start >= end or end > len(self._index):
            return False
        first, last = self._index[start], self._index[end - 1]
        line_start = self.original.rfind("\n", 0, first) + 1
        line_end = self.original.find("\n", last)
        line = self.original[line_start : line_end if line_end != -1 else len(self.original)]
        return "".join(line.split()) == "".join(self.original[first : last + 1].split())


def parse_number(token: str) -> float | None:
    """'1,500' / '5447.20' / '三十' -> float; None if it is not a number."""
    token = token.replace(",", "")
    try:
        return float(token)
    except ValueError:
        value = cn_to_int(token)
        return float(value) if value is not None else None


def last_day_of_term(start: date, years: int) -> date | None:
    """The last day of a term of `years` from `start` ("自2025年5月30日起施行，有效期1年": 2026年5月29日);
    a term from 29 February ends on 28 February of a year without one. None past 2200."""
    later = safe_date(start.year + years, start.month, start.day)
    return later - timedelta(days=1) if later else safe_date(start.year + years, start.month)


def safe_date(year: int, month: int, day: int | None = None) -> date | None:
    """date(year, month, day or the month's last day); None if it does not exist."""
    if not (1900 <= year <= 2200 and 1 <= month <= 12):
        return None
    last = calendar.monthrange(year, month)[1]
    day = last if day is None else day
    if not 1 <= day <= last:
        return None
    return date(year, month, day)


def strip_label(text: str) -> str:
    """`text` (normalised) without its leading clause label."""
    return LABEL.sub("", text, count=1)


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty sentence of normalised text."""
    spans, start = [], 0
    for match in re.finditer(f"[{re.escape(SENTENCE_END)}]", text):
        if match.end() - start > 1:
            spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def in_book_title(text: str, pos: int) -> bool:
    """Whether `pos` lies inside 《…》 or «…» (the name of another document)."""
    opened = max(text.rfind("《", 0, pos), text.rfind("«", 0, pos))
    closed = max(text.rfind("》", 0, pos), text.rfind("»", 0, pos))
    return opened > closed
