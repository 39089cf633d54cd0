"""Clause labels in questions: "专利法第二十二条", "第15条", "（十一）", "第(十一)项", "第6项".

Labels are normalised to the form the segmenter gives clauses (第十五条, （十一）, 6.), and
the words before the label are kept as a hint of which document is meant.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DIGITS = "零一二三四五六七八九"
_CN_VALUES = {c: i for i, c in enumerate(_DIGITS)} | {"两": 2, "〇": 0}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_to_int(text: str) -> int | None:
    """二十八 -> 28, 十五 -> 15, 一百零三 -> 103; None if `text` is not a Chinese numeral."""
    if not text or any(ch not in _CN_VALUES and ch not in _UNITS for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            current = current * 10 + _CN_VALUES[ch]
    return total + current


def int_to_cn(number: int) -> str:
    """28 -> 二十八, 15 -> 十五, 103 -> 一百零三, 110 -> 一百一十."""
    if number < 10:
        return _DIGITS[number]
    if number < 20:
        return "十" + (_DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        return _DIGITS[number // 10] + "十" + (_DIGITS[number % 10] if number % 10 else "")
    if number < 1000:
        rest = number % 100
        head = _DIGITS[number // 100] + "百"
        if rest == 0:
            return head
        if rest < 10:
            return head + "零" + _DIGITS[rest]
        return head + _DIGITS[rest // 10] + "十" + (_DIGITS[rest % 10] if rest % 10 else "")
    return str(number)


def _numeral(token: str) -> int | None:
    return int(token) if token.isdigit() else cn_to_int(token)


@dataclass(frozen=True)
class LabelRef:
    label: str  # as clauses carry it: 第十五条 / （十一） / 6.
    doc_hint: str  # the words before the label, e.g. 专利法, 实施细则


_NUM = r"[0-9]+|[零一二三四五六七八九十百千两〇]+"
_ARTICLE = re.compile(rf"第\s*({_NUM})\s*条")
ARTICLE_LABEL = re.compile(r"第[零〇一二两三四五六七八九十百千0-9０-９]+条(之[一二三四五六七八九十]+)?")  # a segment's label: 第十条
_ITEM = re.compile(rf"第?\s*[（(]\s*({_NUM})\s*[)）]\s*(?:项|条|款|点)?")
_NUMBERED = re.compile(rf"第\s*({_NUM})\s*(?:项|点|个任务|项任务)")
_PART = re.compile(rf"第\s*({_NUM})\s*(章|节|编|部分)")
_HINT_STOP = re.compile(r"[，。？！?!,；;：:\s]")


def _hint_before(text: str, start: int) -> str:
    head = text[:start]
    pieces = _HINT_STOP.split(head)
    hint = pieces[-1] if pieces else ""
    return re.sub(r"^(请问|请|问|查询|查一下|看看)", "", hint).rstrip("的中里")


MAX_LABEL_REFS = 8  # a question names a few clauses; "第一条" × 600 must not cost 600 look-ups


def find_part_refs(question: str) -> list[LabelRef]:
    """The chapters and parts the question names, as their headings begin: 第六章 → "第六章",
    第八部分 → "八、" (a plan's parts are numbered 一、二、…)."""
    text = unicodedata.normalize("NFKC", question)
    refs = []
    for match in _PART.finditer(text):
        number = _numeral(match.group(1))
        if number:
            cn = int_to_cn(number)
            refs.append(LabelRef(f"{cn}、" if match.group(2) == "部分" else f"第{cn}{match.group(2)}", _hint_before(text, match.start())))
    return list(dict.fromkeys(refs))[:MAX_LABEL_REFS]


def find_label_refs(question: str) -> list[LabelRef]:
    """The clause labels the question names, with the document hint before each: distinct, in
    order, at most `MAX_LABEL_REFS` (each costs a title match and a catalog look-up)."""
    text = unicodedata.normalize("NFKC", question)
    refs: list[LabelRef] = []
    for match in _ARTICLE.finditer(text):
        number = _numeral(match.group(1))
        if number:
            refs.append(LabelRef(f"第{int_to_cn(number)}条", _hint_before(text, match.start())))
    for match in _ITEM.finditer(text):
        number = _numeral(match.group(1))
        if number:
            refs.append(LabelRef(f"（{int_to_cn(number)}）", _hint_before(text, match.start())))
    for match in _NUMBERED.finditer(text):
        number = _numeral(match.group(1))
        if number and match.group(1).isdigit():
            refs.append(LabelRef(f"{number}.", _hint_before(text, match.start())))
        elif number:
            refs.append(LabelRef(f"（{int_to_cn(number)}）", _hint_before(text, match.start())))
    return list(dict.fromkeys(refs))[:MAX_LABEL_REFS]


def window_label(first: int, last: int, stretch: str = "") -> str:
    """How a sentence window is cited: "第4句", "第3–5句", "第2段第3–5句" within a stretch of paragraphs."""
    return f"{stretch}第{first}句" if first == last else f"{stretch}第{first}–{last}句"


_WINDOW_LABEL = re.compile(r"(?P<stretch>(?:第\d+段)?)第(?P<first>\d+)(?:–(?P<last>\d+))?句")


def window_span(label: str) -> tuple[str, int, int] | None:
    """The stretch and the first and last sentence of a sentence window's label as `window_label`
    writes it ("第2段第3–5句" →
    ("第2段", 3, 5), "第4句" → ("", 4, 4)); None for any other label, a piece of a long sentence
    ("第6句第2部分") included."""
    found = _WINDOW_LABEL.fullmatch(label)
    if not found:
        return None
    first = int(found["first"])
    return found["stretch"], first, int(found["last"] or first)
