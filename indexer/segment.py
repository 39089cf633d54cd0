"""Split a layout-cleaned document into citable clauses by its own structure.

Markers recognised at the start of a paragraph: 第X编/章/节 (headings), 第X条 (articles),
一、, （一）/(一), 1. / 1、 / 1．, (1)/（1）, ①.  Legal units keep their fixed order
(编 > 章 > 节 > 条); the enumerations nest in the order a document first uses them, so
"一、 > （一）", "第五条 > （一）" and "四、 > （一） > 1." all come out right.

Every character of the input belongs to exactly one segment's *own text* (its text up to
its first child, see `own_text`), so nothing is lost or duplicated: the head of the
document is the preamble (label ""), the 抄送/印发/signature block is the tail (label
"文尾"), and a document without any structure falls back to one segment per paragraph
(第1段, 第2段, …).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

TAIL_LABEL = "文尾"

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUM = "[零〇一二两三四五六七八九十百千]"
_DIGIT = "[0-9０-９]"

# Text after "第X条" that marks a cross-reference ("第十条规定", "第十条第二款", "第十条、第十一条",
# "第十条 至第十二条"), not the start of an article.  Right after the marker more words
# give it away than after a space ("第三条 中华人民共和国…" is an article).
_XREF_AFTER_SPACE = "规定|至|到|、|，|,|和|或|的|及|与|第"
_XREF_AFTER = f"{_XREF_AFTER_SPACE}|款|项|之"
_LEGAL_RE = re.compile(rf"第\s*((?:{_CN_NUM}|{_DIGIT})+)\s*([编章节条])(?!{_XREF_AFTER})(?![ \t\u3000]+(?:{_XREF_AFTER_SPACE}))")
_ENUM_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn", re.compile(r"([一二三四五六七八九十]{1,3})、")),
    ("pcn", re.compile(r"[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]")),
    ("pnum", re.compile(rf"[（(]\s*({_DIGIT}{{1,2}})\s*[)）]")),
    ("num", re.compile(rf"({_DIGIT}{{1,2}})\s*(?:[.．](?!{_DIGIT})|、)")),
    ("circ", re.compile("([\u2460-\u2473])")),
)
LEGAL_RANK = {"编": 0, "章": 1, "节": 2, "条": 3}
HEADING_KINDS = frozenset({"编", "章", "节"})
_SENTENCE_END = "。；;：:！!？?."
_HEADING_MAX_CHARS = 40
_TOC_RE = re.compile(r"^目\s*录$")

_TAIL_START_RE = re.compile(r"^(抄送|抄报|主送|分送|印发|注释|注\s*[:：]|参考文献)")
_DATE_LINE_RE = re.compile(r"^.{0,40}?\d{4}年\d{1,2}月\d{1,2}日\s*(印发|发布)?$")
_NOTICE_LINE_RE = re.compile(r"^[（(]此件.{0,12}[)）]$")
_SIGNATURE_PUNCT = re.compile(r"[。，；：,;:、]")


@dataclass
class Marker:
    kind: str  # 编 章 节 条 | cn pcn num pnum circ
    number: int
    label: str  # as a reader cites it


@dataclass
class Segment:
    """A citable unit.  `text` is verbatim from the input (`text[start:end]`) and includes the
    sub-items; a heading-only segment (一、优化专利供给质量, 第二章 项目支持) holds just its
    heading line and appears in its descendants' `heading_path`.  `parent` and `children`
    are indices into the list `segment` returns.
    """

    label: str
    heading_path: list[str]
    text: str
    level: int
    parent: int | None
    start: int
    end: int
    is_heading_only: bool = False
    children: list[int] = field(default_factory=list, repr=False)


def cn_to_int(numeral: str) -> int:
    """Chinese (or Arabic, half- or full-width) numeral to int: 二十八 -> 28, 一百零三 -> 103."""
    numeral = unicodedata.normalize("NFKC", numeral).strip()
    if numeral.isdigit():
        return int(numeral)
    total, current = 0, 0
    for char in numeral:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[char]
            current = 0
    return total + current


def match_marker(paragraph: str) -> Marker | None:
    """The structural marker a paragraph starts with, if any (cross-references are not markers)."""
    text = paragraph.lstrip()
    legal = _LEGAL_RE.match(text)
    if legal:
        kind = legal.group(2)
        number = cn_to_int(legal.group(1))
        return Marker(kind, number, f"第{legal.group(1)}{kind}") if number > 0 else None
    for kind, pattern in _ENUM_RES:
        found = pattern.match(text)
        if found:
            return _enum_marker(kind, found.group(1))
    return None


def starts_structure(line: str) -> bool:
    return match_marker(line) is not None


def _enum_marker(kind: str, raw: str) -> Marker | None:
    if kind == "circ":
        return Marker(kind, ord(raw) - 0x2460 + 1, raw)
    number = cn_to_int(raw)
    if number <= 0:
        return None
    label = {"cn": f"{raw}、", "pcn": f"（{raw}）", "num": f"{number}.", "pnum": f"({number})"}[kind]
    return Marker(kind, number, label)


def is_heading_like(paragraph: str, marker: Marker | None) -> bool:
    """A title line rather than a sentence: short and not ending like a sentence."""
    if marker is not None and marker.kind in HEADING_KINDS:
        return True
    text = paragraph.strip()
    return bool(text) and len(text) <= _HEADING_MAX_CHARS and text[-1] not in _SENTENCE_END


def own_text(segments: list[Segment], index: int) -> str:
    """The part of a segment's text that is not inside one of its children."""
    seg = segments[index]
    if not seg.children:
        return seg.text
    return seg.text[: segments[seg.children[0]].start - seg.start]


def tile_texts(segments: list[Segment]) -> list[str]:
    """Own texts in document order: together they are the whole document, once."""
    return [own_text(segments, i) for i in range(len(segments))]


# --- paragraphs -------------------------------------------------------------------------


@dataclass
class _Para:
    start: int
    end: int
    text: str
    marker: Marker | None = None


def _paragraphs(text: str) -> list[_Para]:
    paras: list[_Para] = []
    for found in re.finditer(r"[^\n]+", text):
        line = found.group()
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        start = found.start() + lead
        paras.append(_Para(start, start + len(stripped), stripped))
    return paras


def _mark_paragraphs(paras: list[_Para]) -> None:
    """Attach markers, skipping a table of contents (目录 followed by chapter titles)."""
    in_toc = False
    toc_labels: set[str] = set()
    for para in paras:
        marker = match_marker(para.text)
        if _TOC_RE.match(para.text):
            in_toc, toc_labels = True, set()
            continue
        if in_toc:
            if marker is not None and marker.kind in HEADING_KINDS and marker.label not in toc_labels:
                toc_labels.add(marker.label)
                continue
            in_toc = False
        para.marker = marker


# --- tree building ----------------------------------------------------------------------


@dataclass
class _Node:
    para_index: int
    marker: Marker
    parent: int | None  # node index
    depth: int


class _TreeBuilder:
    """Places markers in a hierarchy; rejects markers that break their numbering."""

    def __init__(self) -> None:
        self.nodes: list[_Node] = []
        self.stack: list[int] = []  # node indices, outermost first
        self.last_number: dict[str, int] = {}  # last accepted number of each kind

    def add(self, para_index: int, marker: Marker) -> bool:
        kinds = [self.nodes[i].marker.kind for i in self.stack]
        if marker.kind in kinds:
            position = kinds.index(marker.kind)
            if not self._continues(marker, self.nodes[self.stack[position]].marker):
                return False
            del self.stack[position:]
        else:
            if not self._starts(marker):
                return False
            self._pop_for_new_level(marker.kind)
        parent = self.stack[-1] if self.stack else None
        self.nodes.append(_Node(para_index, marker, parent, len(self.stack)))
        self.stack.append(len(self.nodes) - 1)
        self.last_number[marker.kind] = marker.number
        return True

    def _continues(self, marker: Marker, previous: Marker) -> bool:
        """A sibling: the next number (articles and chapters may skip), or a list restarting at 1."""
        if marker.number == 1:
            return True
        if marker.kind in LEGAL_RANK:
            return marker.number > previous.number
        return marker.number == previous.number + 1

    def _starts(self, marker: Marker) -> bool:
        """A new level: starts at 1, or continues the numbering of the same kind used under the
        previous parent (沪府办发 numbers （一）…（三十） straight through 一、…六、)."""
        last = self.last_number.get(marker.kind, 0)
        if marker.number == 1:
            return True
        if marker.kind in LEGAL_RANK:
            return marker.number > last
        return marker.number == last + 1

    def _pop_for_new_level(self, kind: str) -> None:
        """A new legal unit closes deeper legal units; 编/章/节 also close open enumerations."""
        if kind not in LEGAL_RANK:
            return
        while self.stack:
            top = self.nodes[self.stack[-1]].marker.kind
            if top in LEGAL_RANK and LEGAL_RANK[top] < LEGAL_RANK[kind]:
                break
            if top not in LEGAL_RANK and kind == "条":
                break
            self.stack.pop()


# --- head and tail ----------------------------------------------------------------------


def _tail_start(paras: list[_Para], last_marked: int) -> int:
    """Index of the first paragraph of the closing block (抄送, 印发, signature, 注释)."""
    start = len(paras)
    for i in range(last_marked + 1, len(paras)):
        if _TAIL_START_RE.match(paras[i].text):
            start = i
            break
    i = start - 1
    while i > last_marked and _is_closing_line(paras, i, start):
        start = i
        i -= 1
    return start


def _is_closing_line(paras: list[_Para], i: int, tail_start: int) -> bool:
    text = unicodedata.normalize("NFKC", paras[i].text)
    if _DATE_LINE_RE.match(text) or _NOTICE_LINE_RE.match(text) or _TAIL_START_RE.match(text):
        return True
    # an issuer's name right above the date line: short, no punctuation
    followed_by_date = (
        i + 1 == tail_start and i + 1 < len(paras) and _DATE_LINE_RE.match(unicodedata.normalize("NFKC", paras[i + 1].text))
    )
    return bool(followed_by_date) and len(text) <= 30 and not _SIGNATURE_PUNCT.search(text)


# --- assembly ---------------------------------------------------------------------------


def segment(text: str) -> list[Segment]:
    """Segments of `text` (the output of `clean_layout`) in document order."""
    paras = _paragraphs(text)
    if not paras:
        return []
    _mark_paragraphs(paras)
    builder = _TreeBuilder()
    accepted = [i for i, para in enumerate(paras) if para.marker is not None and builder.add(i, para.marker)]
    if not accepted:
        return _by_paragraph(text, paras)
    tail = _tail_start(paras, accepted[-1])
    segments: list[Segment] = []
    if accepted[0] > 0:
        segments.append(_plain(text, "", paras[0].start, paras[accepted[0] - 1].end))
    segments.extend(_structured(text, paras, builder.nodes, tail))
    if tail < len(paras):
        segments.append(_plain(text, TAIL_LABEL, paras[tail].start, paras[-1].end))
    return segments


def _plain(text: str, label: str, start: int, end: int) -> Segment:
    return Segment(label=label, heading_path=[], text=text[start:end], level=0, parent=None, start=start, end=end)


def _by_paragraph(text: str, paras: list[_Para]) -> list[Segment]:
    return [_plain(text, f"第{n}段", para.start, para.end) for n, para in enumerate(paras, start=1)]


def _structured(text: str, paras: list[_Para], nodes: list[_Node], tail: int) -> list[Segment]:
    """One segment per accepted marker; node i becomes segment i + `base`."""
    ends = _span_ends(nodes, tail)
    children: dict[int, list[int]] = {i: [] for i in range(len(nodes))}
    for i, node in enumerate(nodes):
        if node.parent is not None:
            children[node.parent].append(i)
    base = 1 if nodes[0].para_index > 0 else 0  # a preamble segment comes first
    segments: list[Segment] = []
    titles: list[str] = []
    for i, node in enumerate(nodes):
        para = paras[node.para_index]
        heading_like = is_heading_like(para.text, node.marker)
        kids = children[i]
        heading_only = heading_like and bool(kids) and nodes[kids[0]].para_index == node.para_index + 1
        end = para.end if heading_only else paras[ends[i]].end
        titles.append(para.text if heading_like else node.marker.label)
        path = _ancestor_titles(nodes, titles, i)
        segments.append(
            Segment(
                label=node.marker.label,
                heading_path=path,
                text=text[para.start : end],
                level=node.depth,
                parent=None if node.parent is None else node.parent + base,
                start=para.start,
                end=end,
                is_heading_only=heading_only,
                children=[k + base for k in kids],
            )
        )
    return segments


def _span_ends(nodes: list[_Node], tail: int) -> list[int]:
    """Last paragraph index of each node: up to the next node that is not its descendant."""
    ends = [tail - 1] * len(nodes)
    open_nodes: list[int] = []
    for i, node in enumerate(nodes):
        while open_nodes and nodes[open_nodes[-1]].depth >= node.depth:
            ends[open_nodes.pop()] = node.para_index - 1
        open_nodes.append(i)
    return ends


def _ancestor_titles(nodes: list[_Node], titles: list[str], index: int) -> list[str]:
    path: list[str] = []
    parent = nodes[index].parent
    while parent is not None:
        path.append(titles[parent])
        parent = nodes[parent].parent
    return path[::-1]
