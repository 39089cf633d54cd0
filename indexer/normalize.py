"""Layout repair and search normalisation.

`clean_layout` produces the *original* text used for quoting: page furniture and markdown
decoration removed, lines that page layout broke in mid-sentence joined again, one
paragraph per line.  It never changes wording.

`to_search_form` produces the form used for matching and extraction (NFKC, folded
whitespace); `search_form_with_offsets` also maps each of its characters back to the
original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from indexer.segment import starts_structure

SENTENCE_END = frozenset("。；;：:！!？?.")
_CLOSERS = "”’」』》〉）)】"
_CONTINUE_END = frozenset("，,、—－-（(《“‘「【")  # a line ending like this goes on
_BRACKET_PAIRS = (("《", "》"), ("（", "）"), ("(", ")"), ("“", "”"), ("〈", "〉"), ("【", "】"), ("「", "」"))

_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-－—–]\s*\d{1,4}\s*[-－—–]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_BARE_NUMBER_RE = re.compile(r"^\s*\d{1,4}\s*$")
_MD_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_RULE_RE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_MD_BOLD_RE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")  # not "__": form blanks are written ____
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_INFO_END = "INFO END"
_FIELD_RE = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}|[A-Za-z_][A-Za-z0-9_ ]{0,30})[：:]")
_SPACES_RE = re.compile(r"[ \t]{2,}")
_URL_END_RE = re.compile(r"https?://\S+$")
_HARD = "\x00"  # internal flag at the start of a line: a paragraph of its own

# wrap detection
_MIN_WRAPPED_LINES = 5
_FULL_LINE_FRACTION = 0.85
_WRAPPED_SHARE = 0.5
_UNWRAPPED_LONG_LINE = 90  # display columns (45 CJK characters)


@dataclass
class _Line:
    text: str  # stripped
    indent: bool = False  # starts a paragraph by indentation
    hard: bool = False  # a paragraph of its own (heading, metadata)


def clean_layout(text: str) -> str:
    """Quotable text: one paragraph per line, page furniture and markdown decoration removed."""
    lines = _to_lines(text)
    if not lines:
        return ""
    wrap_width = _wrap_width(lines)
    paragraphs: list[str] = []
    current = lines[0].text
    for prev, line in zip(lines, lines[1:], strict=False):
        if _joins(prev, line, wrap_width):
            current = _join(current, line.text)
        else:
            paragraphs.append(current)
            current = line.text
    paragraphs.append(current)
    return "\n".join(p for p in paragraphs if p)


# --- lines ------------------------------------------------------------------------------


def _to_lines(text: str) -> list[_Line]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _mark_metadata_block(text)
    pages = [page.split("\n") for page in text.split("\f")]
    running = _running_heads(pages)
    lines: list[_Line] = []
    for page in pages:
        for raw in page:
            line = _clean_line(raw, running)
            if line is not None:
                lines.append(line)
    return lines


def _mark_metadata_block(text: str) -> str:
    """LawRefBook puts one metadata record per line above `<!-- INFO END -->`: keep them apart.

    Comments are dropped and end the paragraph they interrupt.
    """
    head, sep, _ = text.partition(_INFO_END)
    if sep and "<!--" in head:
        cut = head.rindex("<!--")
        text = "\n".join(_HARD + line for line in text[:cut].split("\n")) + text[cut:]
    return _COMMENT_RE.sub(f"\n{_HARD}\n", text)


def _running_heads(pages: list[list[str]]) -> set[str]:
    """Short lines that open or close most pages (running heads/feet), when there are pages."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        content = [line.strip() for line in page if line.strip() and not _is_page_number(line)]
        edges = {re.sub(r"\d+", "#", line) for line in content[:1] + content[-1:]}
        counts.update(edge for edge in edges if len(edge) <= 40 and edge[-1] not in SENTENCE_END)
    threshold = max(3, len(pages) // 2 + 1)
    return {line for line, n in counts.items() if n >= threshold and not starts_structure(line)}


def _is_page_number(raw: str) -> bool:
    """A page number: "- 3 -", "—3—", "第3页", "3/10", or a bare number set off by spaces (" 2 ").

    An unpadded bare number is kept: in tables it is a 序号 cell.
    """
    return _PAGE_NUMBER_RE.match(raw) is not None or (_BARE_NUMBER_RE.match(raw) is not None and raw != raw.strip())


def _clean_line(raw: str, running: set[str]) -> _Line | None:
    hard = raw.startswith(_HARD)
    raw = raw.lstrip(_HARD)
    stripped = raw.strip()
    if not stripped:
        return _Line("", hard=True) if hard else None
    if _is_page_number(raw) or re.sub(r"\d+", "#", stripped) in running:
        return None
    raw = raw.rstrip()
    if _MD_RULE_RE.match(raw):
        return _Line("", hard=True)
    heading = bool(_MD_HEADING_RE.match(raw))
    if heading:
        raw = _MD_HEADING_RE.sub("", raw)
    body = _MD_BOLD_RE.sub(r"\1", raw)
    indent = body.startswith(("\u3000", "  ", "\t"))
    body = _SPACES_RE.sub(" ", body.strip(" \t\u3000"))
    if not body:
        return None
    return _Line(body, indent=indent, hard=hard or heading)


# --- joining ----------------------------------------------------------------------------


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _ends_mid_sentence(text: str) -> bool:
    """No sentence end at the close of `text` (a closing quote or bracket counts only after one)."""
    body = text.rstrip(_CLOSERS)
    return bool(body) and body[-1] not in SENTENCE_END


def _wrap_width(lines: list[_Line]) -> int | None:
    """Width of a hard-wrapped layout (PDF, OCR, fixed-width text), or None if not wrapped.

    In wrapped text most lines that stop mid-sentence are (nearly) full width.
    """
    widths = sorted(display_width(line.text) for line in lines if _ends_mid_sentence(line.text) and len(line.text) > 8)
    if len(widths) < _MIN_WRAPPED_LINES:
        return None
    width = widths[int(0.9 * (len(widths) - 1))]
    full = sum(1 for w in widths if w >= _FULL_LINE_FRACTION * width)
    return width if full >= _WRAPPED_SHARE * len(widths) else None


def _unclosed(text: str) -> bool:
    return any(text.count(open_) > text.count(close) for open_, close in _BRACKET_PAIRS)


def _joins(prev: _Line, line: _Line, wrap_width: int | None) -> bool:
    """Whether `line` continues the paragraph that `prev` belongs to."""
    if prev.hard or line.hard or line.indent or not prev.text or not line.text:
        return False
    if (_FIELD_RE.match(prev.text) and _FIELD_RE.match(line.text)) or _URL_END_RE.search(prev.text):
        return False
    if prev.text[-1] in _CONTINUE_END:
        return True
    if starts_structure(line.text):
        return False
    if _unclosed(prev.text):
        return True
    if not _ends_mid_sentence(prev.text):
        return False
    limit = _FULL_LINE_FRACTION * wrap_width if wrap_width is not None else _UNWRAPPED_LONG_LINE
    return display_width(prev.text) >= limit


def _join(left: str, right: str) -> str:
    """Glue a broken line back; a space only between two Latin letters or digits."""
    if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


# --- search form ------------------------------------------------------------------------


def _is_cjk(char: str) -> bool:
    return (
        "\u3400" <= char <= "\u9fff"
        or "\uf900" <= char <= "\ufaff"
        or "\u3000" < char <= "\u303f"
        or "\uff00" <= char <= "\uffef"
    )


def search_form_with_offsets(text: str) -> tuple[str, list[int]]:
    """`to_search_form(text)` and, for each of its characters, the index in `text` it came from.

    NFKC is applied per character (the same as whole-string NFKC for this material, which has
    no combining sequences), so every output character maps to one input character.
    Whitespace runs become one space, and disappear between two CJK characters
    ("上 海 市" -> "上海市").
    """
    chars: list[str] = []
    offsets: list[int] = []
    pending_space = -1
    for index, char in enumerate(text):
        for out in unicodedata.normalize("NFKC", char):
            if out.isspace():
                if chars and pending_space < 0:
                    pending_space = index
                continue
            if pending_space >= 0 and not (_is_cjk(chars[-1]) and _is_cjk(out)):
                chars.append(" ")
                offsets.append(pending_space)
            pending_space = -1
            chars.append(out)
            offsets.append(index)
    return "".join(chars), offsets


def to_search_form(text: str) -> str:
    """NFKC + whitespace folding, for search and extraction (２０２５ -> 2025, （一） -> (一))."""
    return search_form_with_offsets(text)[0]
