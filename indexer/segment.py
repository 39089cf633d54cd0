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

Prose (a document without markers, or a one-paragraph preamble over `_PREAMBLE_CHARS`): a paragraph
longer than `WINDOW_CHARS` is cut into windows of 1–3 sentences that overlap by one sentence,
so a passage that runs across a sentence end is still inside one window. The paragraph stays
as the windows' parent (`is_heading_only`: it is context, never cited itself) and each window
is cited as "第3–5句" (a one-paragraph stretch) or "第2段第3–5句". A window's leading
`shared` characters are also in the window before it and belong to that one's own text, so
the own texts still tile the document once.

Flattened documents (one long line, paragraphs run together with spaces, as scraped notices
come): a marker after whitespace inside a line ("…提出以下要求。 一、支持疫情防控物资供应 对生产…")
starts a paragraph when the tree accepts it and, among the inline markers of its kind, one
as the next number (二、 after 一、); its short heading before the next space becomes a
paragraph of its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kb.labels import window_label

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

# Prose windows (see `sentence_windows`).
WINDOW_CHARS = 300  # a window's budget; a longer paragraph is cut into windows
WINDOW_SENTENCES = 3
_SPLIT_SENTENCE_CHARS = 600  # a sentence longer than this is cut after semicolons, then commas
_PREAMBLE_CHARS = 2 * WINDOW_CHARS  # a preamble longer than this is cut like prose
# A 句 ends at 。！？ (a reader counts them).  A semicolon does not end one: a list of
# "…；…；…。" clauses is one sentence (measured on the ncpqa notices, counting ； as an end
# cut 16 more of 602 answers apart, at the same budget).
_SENTENCE_STOPS = frozenset("。！？!?")
_SENTENCE_CLOSERS = frozenset("”’」』》〉）)】")
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
    heading line and appears in its descendants' `heading_path`.  A long prose paragraph cut
    into sentence windows is also `is_heading_only` (never cited itself: its windows are), but
    its `text` is the whole paragraph and it is not in its windows' `heading_path`.
    `parent` and `children` are indices into the list `segment` returns.
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
    shared: int = 0  # leading characters also in the previous sentence window (owned by that one)


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
        return seg.text[seg.shared :]
    return seg.text[seg.shared : segments[seg.children[0]].start - seg.start]


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


_GAP_RE = re.compile(r"[ \t\u3000]+(?=\S)")


def _split_at(text: str, paras: list[_Para], cuts: set[int]) -> list[_Para]:
    """`paras` with a new paragraph starting at each offset in `cuts` (the whitespace before
    a cut belongs to no paragraph)."""
    out: list[_Para] = []
    for para in paras:
        start = para.start
        for cut in sorted(c for c in cuts if para.start < c < para.end):
            end = cut
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                out.append(_Para(start, end, text[start:end]))
            start = cut
        out.append(_Para(start, para.end, text[start : para.end]))
    return out


def _split_inline_markers(text: str, paras: list[_Para]) -> list[_Para]:
    """Paragraphs of a flattened document: a marker after whitespace inside a line starts a
    paragraph if the tree accepts it and an inline marker of its kind as a next number (二、);
    a short heading before the next space ("一、支持疫情防控物资供应 对生产…") stands alone."""
    cuts = {
        para.start + gap.end()
        for para in paras
        for gap in _GAP_RE.finditer(para.text)
        if match_marker(para.text[gap.end() :]) is not None
    }
    if not cuts:
        return paras
    trial = _split_at(text, paras, cuts)
    _mark_paragraphs(trial)
    builder = _TreeBuilder()
    inline = [p for i, p in enumerate(trial) if p.marker is not None and builder.add(i, p.marker) and p.start in cuts]
    # a kind counts when the tree took one of its markers as the next number (二、 after 一、)
    in_sequence = {p.marker.kind for p in inline if p.marker is not None and p.marker.number >= 2}
    kept = [p for p in inline if p.marker is not None and p.marker.kind in in_sequence]
    if not kept:
        return paras
    keep = {p.start for p in kept}
    for para in kept:
        gap = _GAP_RE.search(para.text)
        marker_len = len(para.text) - len(_strip_marker(para.text))
        if gap and marker_len < gap.start() <= _HEADING_MAX_CHARS and is_heading_like(para.text[: gap.start()], None):
            keep.add(para.start + gap.end())
    return _split_at(text, paras, keep)


def _strip_marker(paragraph: str) -> str:
    """`paragraph` without the marker it starts with."""
    for pattern in (_LEGAL_RE, *(p for _, p in _ENUM_RES)):
        found = pattern.match(paragraph)
        if found:
            return paragraph[found.end() :]
    return paragraph


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
    paras = _split_inline_markers(text, paras)
    _mark_paragraphs(paras)
    builder = _TreeBuilder()
    accepted = [i for i, para in enumerate(paras) if para.marker is not None and builder.add(i, para.marker)]
    if not accepted:
        return _by_paragraph(text, paras)
    tail = _tail_start(paras, accepted[-1])
    segments: list[Segment] = []
    if accepted[0] > 0:
        head = paras[: accepted[0]]
        if len(head) == 1 and head[0].end - head[0].start > _PREAMBLE_CHARS:  # a flattened notice's opening
            segments.extend(_by_paragraph(text, head))
            segments[0].label = ""
        else:
            segments.append(_plain(text, "", head[0].start, head[-1].end))
    segments.extend(_structured(text, paras, builder.nodes, tail, base=len(segments)))
    if tail < len(paras):
        segments.append(_plain(text, TAIL_LABEL, paras[tail].start, paras[-1].end))
    return segments


def _plain(text: str, label: str, start: int, end: int) -> Segment:
    return Segment(label=label, heading_path=[], text=text[start:end], level=0, parent=None, start=start, end=end)


# --- prose: sentence windows ------------------------------------------------------------


def _by_paragraph(text: str, paras: list[_Para]) -> list[Segment]:
    """A stretch of plain paragraphs: one segment per paragraph, a long one cut into sentence
    windows under it.  Windows are cited "第3–5句" when the stretch is one paragraph, else
    "第2段第3–5句"."""
    segments: list[Segment] = []
    for n, para in enumerate(paras, start=1):
        segments.append(_plain(text, f"第{n}段", para.start, para.end))
        if para.end - para.start <= WINDOW_CHARS:
            continue
        windows = sentence_windows(text, para.start, para.end)
        if len(windows) < 2:
            continue
        parent = len(segments) - 1
        segments[parent].is_heading_only = True
        prefix = f"第{n}段" if len(paras) > 1 else ""
        previous_end = para.start
        for window in windows:
            segments[parent].children.append(len(segments))
            segments.append(
                Segment(
                    label=prefix + window.label,
                    heading_path=[],
                    text=text[window.start : window.end],
                    level=1,
                    parent=parent,
                    start=window.start,
                    end=window.end,
                    shared=max(0, previous_end - window.start),
                )
            )
            previous_end = window.end
    return segments


@dataclass
class Window:
    start: int
    end: int
    label: str  # 第3–5句, 第4句, 第6句第2部分 (sentences counted from the stretch's start)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of `text[start:end]` as (start, end) offsets, surrounding whitespace excluded.

    A sentence ends at 。！？；;!? (a run of them) or a line end, with the closing quotes and
    brackets that follow ("……。”", "（见附件。）"); a full stop in a number (1.5万元) is no end.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cut = start
    i = start
    while i < end:
        if text[i] in _SENTENCE_STOPS or text[i] == "\n":
            i += 1
            while i < end and (text[i] in _SENTENCE_STOPS or text[i] in _SENTENCE_CLOSERS):
                i += 1
            spans.append((cut, i))
            cut = i
        else:
            i += 1
    spans.append((cut, end))
    return _trimmed(text, spans)


def _trimmed(text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans with surrounding whitespace cut off; spans left empty are dropped."""
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


_CLAUSE_END_RE = re.compile(r"[；;]")
_COMMA_RE = re.compile(r"[，,：:]|[ \t\u3000]+")


def _cut_after(text: str, start: int, end: int, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """`text[start:end]` cut after each match of `pattern`, whitespace trimmed."""
    bounds = [start, *(m.end() for m in pattern.finditer(text, start, end) if m.end() < end), end]
    return _trimmed(text, zip(bounds, bounds[1:], strict=False))


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An extremely long sentence cut after semicolons, and where a part is still over budget
    after commas (or at spaces), into pieces of at most `WINDOW_CHARS` where it can be."""
    parts = [
        part
        for s, e in _cut_after(text, start, end, _CLAUSE_END_RE)
        for part in (_cut_after(text, s, e, _COMMA_RE) if e - s > WINDOW_CHARS else [(s, e)])
    ]
    pieces: list[tuple[int, int]] = []
    for s, e in parts:
        if pieces and e - pieces[-1][0] <= WINDOW_CHARS:
            pieces[-1] = (pieces[-1][0], e)
        else:
            pieces.append((s, e))
    return pieces


def sentence_windows(text: str, start: int = 0, end: int | None = None) -> list[Window]:
    """Overlapping windows over the sentences of `text[start:end]`: up to `WINDOW_SENTENCES`
    sentences and `WINDOW_CHARS` characters each; the next window starts with the last
    sentence of the one before, so every sentence end lies inside a window unless a sentence
    beside it is too long to share one.  A sentence over the budget stands alone; one over
    `_SPLIT_SENTENCE_CHARS` is cut after commas into pieces that stand alone."""
    units: list[tuple[int, int, int, int]] = []  # start, end, sentence number, piece number (0: whole)
    for number, (s, e) in enumerate(sentence_spans(text, start, end), start=1):
        pieces = _pieces(text, s, e) if e - s > _SPLIT_SENTENCE_CHARS else [(s, e)]
        if len(pieces) == 1:
            units.append((s, e, number, 0))
        else:
            units.extend((ps, pe, number, k) for k, (ps, pe) in enumerate(pieces, start=1))

    def fits(i: int, j: int) -> bool:  # units i..j (inclusive) in one window
        return j - i < WINDOW_SENTENCES and units[j][1] - units[i][0] <= WINDOW_CHARS and not any(u[3] for u in units[i : j + 1])

    windows: list[Window] = []
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and fits(i, j + 1):
            j += 1
        first, last = units[i], units[j]
        if first[3]:
            label = f"第{first[2]}句第{first[3]}部分"
        else:
            label = window_label(first[2], last[2])
        windows.append(Window(first[0], last[1], label))
        if j + 1 >= len(units):
            break
        i = j if j > i and fits(j, j + 1) else j + 1  # overlap by one sentence where the next one fits with it
    return windows


def _structured(text: str, paras: list[_Para], nodes: list[_Node], tail: int, base: int) -> list[Segment]:
    """One segment per accepted marker; node i becomes segment i + `base` (the preamble's segments come first)."""
    ends = _span_ends(nodes, tail)
    children: dict[int, list[int]] = {i: [] for i in range(len(nodes))}
    for i, node in enumerate(nodes):
        if node.parent is not None:
            children[node.parent].append(i)
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
    return _paragraphs_after_items(text, segments, paras, nodes, ends, base)


def _paragraphs_after_items(
    text: str, segments: list[Segment], paras: list[_Para], nodes: list[_Node], ends: list[int], base: int
) -> list[Segment]:
    """Each paragraph after an article's closed list of items (`_last_items_closed`) becomes the
    article's next 款 ("第二款", cited 第三十八条第二款), placed after the last item: citable on its
    own, as an item is, and part of neither the item nor the list."""
    kids: dict[int, list[int]] = defaultdict(list)
    for k, node in enumerate(nodes):
        if node.parent is not None:
            kids[node.parent].append(k)
    out = list(segments)
    for i in reversed(range(len(nodes))):  # from the end, so that earlier positions stay valid
        last = kids[i][-1] if kids[i] else None
        if nodes[i].marker.kind != "条" or last is None or ends[last] >= ends[i]:
            continue
        item = segments[last]
        out[last + 1 : last + 1] = [
            Segment(
                label=f"第{_cn_numeral(number)}款",
                heading_path=list(item.heading_path),
                text=text[paras[p].start : paras[p].end],
                level=item.level,
                parent=i + base,
                start=paras[p].start,
                end=paras[p].end,
            )
            for number, p in enumerate(range(ends[last] + 1, ends[i] + 1), 2)
        ]
    if len(out) == len(segments):
        return segments
    position = {id(seg): k + base for k, seg in enumerate(out)}
    for seg in out:  # parents and children as positions in the longer list
        if seg.parent is not None and seg.parent >= base:
            seg.parent = position[id(segments[seg.parent - base])]
        seg.children = []
    for seg in out:
        if seg.parent is not None and seg.parent >= base:
            out[seg.parent - base].children.append(position[id(seg)])
    return out


def _cn_numeral(n: int) -> str:
    """2 -> 二, 12 -> 十二, 23 -> 二十三 (a 款's number)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return f"{'' if tens == 1 else digits[tens]}十{digits[ones] if ones else ''}"


def _span_ends(nodes: list[_Node], tail: int) -> list[int]:
    """Last paragraph index of each node: up to the next node that is not its descendant; the last
    item of a list whose other items are one paragraph each is one paragraph too (`_last_items_closed`)."""
    ends = [tail - 1] * len(nodes)
    open_nodes: list[int] = []
    for i, node in enumerate(nodes):
        while open_nodes and nodes[open_nodes[-1]].depth >= node.depth:
            ends[open_nodes.pop()] = node.para_index - 1
        open_nodes.append(i)
    return _last_items_closed(nodes, ends)


def _last_items_closed(nodes: list[_Node], ends: list[int]) -> list[int]:
    """A paragraph after an article's list of one-paragraph items is the article's next 款, not part
    of the last item: "（六）近5年内未受过刑事处罚。" ends there, "对符合本条第一款规定的人员，……" is 第六条's.
    (Under other headings a second paragraph may be the item's own: those lists are left as they are.)"""
    items: dict[int, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        if node.parent is not None and node.marker.kind not in LEGAL_RANK and nodes[node.parent].marker.kind == "条":
            items[node.parent].append(i)
    parents = {node.parent for node in nodes}
    for siblings in items.values():
        last = siblings[-1]
        if len(siblings) >= 2 and last not in parents and all(ends[i] == nodes[i].para_index for i in siblings[:-1]):
            ends[last] = nodes[last].para_index
    return ends


def _ancestor_titles(nodes: list[_Node], titles: list[str], index: int) -> list[str]:
    path: list[str] = []
    parent = nodes[index].parent
    while parent is not None:
        path.append(titles[parent])
        parent = nodes[parent].parent
    return path[::-1]
