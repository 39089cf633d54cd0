"""Read a policy file (txt / md / pdf / html / docx) into plain text.

The text is returned as extracted: layout repair (broken lines, page numbers,
markdown decoration) is `indexer.normalize.clean_layout`'s job.  PDF pages are
separated by form feeds so that page-level noise can be recognised there.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from pypdf import PasswordType, PdfReader

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".pdf", ".html", ".htm", ".docx"})
# A policy document is at most a few MB of text; anything larger is a dump, not a document,
# and would stall indexing (tokenising and embedding tens of thousands of paragraphs).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# What a file may expand to: a 15 KB .docx can hold 125,000 empty paragraphs. The longest real
# text indexed so far (人民检察院刑事诉讼规则) has about 300,000 characters and 1,334 clauses.
MAX_TEXT_CHARS = 5_000_000
MAX_LINES = 100_000

# Accept a lossy decode only when almost nothing was lost (a stray bad byte, not a wrong codec).
_MAX_REPLACEMENT_RATIO = 0.001

_HTML_NOISE = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "template",
    "head",
)
_HTML_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "center",
    }
)


class LoadError(Exception):
    """A file that cannot yield usable text; the message names the file."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{reason}: {self.path.name}")


@dataclass
class LoadedText:
    text: str
    path: Path
    fmt: str  # the suffix without the dot: txt, md, pdf, html, docx
    title: str = ""  # a saved page's <title>, without the site's name: the title when the text gives none


def load_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedText:
    """Extract the text of `path`; raise `LoadError` when there is none to be had."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(path, f"不支持的文件类型“{suffix or '无扩展名'}”")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError(path, f"无法读取文件（{exc.strerror}）") from exc
    if size > max_bytes:
        raise LoadError(path, f"文件过大（{size / 1048576:.1f} MB，单个文档上限 {max_bytes / 1048576:.0f} MB）")
    if size == 0:
        raise LoadError(path, "文件为空")
    reader = {".pdf": _read_pdf, ".docx": _read_docx}.get(suffix, _read_text)
    page = suffix in (".html", ".htm")
    try:
        text, title = _read_page(path) if page else (reader(path), "")
    except LoadError:
        raise
    except Exception as exc:  # a parser's own error (lxml's XMLSyntaxError in a broken .docx …): this file only
        raise LoadError(path, f"文件内容无法解析（{type(exc).__name__}），可能已损坏") from exc
    if not text.strip():
        raise LoadError(path, "文件为空" if reader is _read_text and not page else "文件中没有可提取的文本")
    check_expansion(path, text)
    return LoadedText(text=text, path=path, fmt="html" if suffix == ".htm" else suffix[1:], title=title)


def check_expansion(path: Path, text: str) -> None:
    """Refuse text beyond `MAX_TEXT_CHARS` characters or `MAX_LINES` lines (paragraphs)."""
    if len(text) > MAX_TEXT_CHARS:
        raise LoadError(path, f"文件展开后文本过大（{len(text):,}字，单个文档上限{MAX_TEXT_CHARS:,}字）")
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise LoadError(path, f"文件段落过多（{lines:,}段，单个文档上限{MAX_LINES:,}段）")


def decode_text(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), else GB18030; a lossy decode only if nearly lossless."""
    # Strict then lossy for each encoding, UTF-8 first: a UTF-8 file with a stray bad byte would
    # decode "cleanly" as GB18030 mojibake, so the lossy UTF-8 reading must come before GB18030.
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
        lossy = data.decode(encoding, errors="replace")
        if _replacement_ratio(lossy) <= _MAX_REPLACEMENT_RATIO:
            return lossy
    raise LoadError(path, "无法识别文本编码（既不是UTF-8也不是GB18030）")


def _replacement_ratio(text: str) -> float:
    return text.count("\ufffd") / max(len(text), 1)


def _read_text(path: Path) -> str:
    return decode_text(path.read_bytes(), path)


def _read_pdf(path: Path) -> str:
    # pypdf signals malformed input with many exception types (PdfReadError, ValueError,
    # KeyError, struct/zlib errors ...); any of them means the same thing to us.
    try:
        reader = PdfReader(path)
        encrypted = reader.is_encrypted
    except Exception as exc:
        raise LoadError(path, "PDF文件已损坏或不是有效的PDF") from exc
    if encrypted:
        _decrypt_with_empty_password(reader, path)
    try:
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:
        raise LoadError(path, "PDF文件已损坏，无法提取文本") from exc
    if not pages:
        raise LoadError(path, "PDF文件已损坏（没有页面）")
    if not "".join(pages).strip():
        raise LoadError(path, "扫描件PDF没有文本层")
    return "\f".join(pages)


def _decrypt_with_empty_password(reader: PdfReader, path: Path) -> None:
    try:
        result = reader.decrypt("")
    except Exception as exc:  # e.g. an unsupported cipher
        raise LoadError(path, "PDF已加密，无法读取") from exc
    if result == PasswordType.NOT_DECRYPTED:
        raise LoadError(path, "PDF已加密，无法读取")


def _read_docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(path, "DOCX文件已损坏或不是有效的DOCX") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend("\t".join(cell.text.strip() for cell in row.cells) for row in block.rows)
        else:
            lines.append(block.text)
        if len(lines) > MAX_LINES:  # stop reading a paragraph bomb at the limit, not at its end
            raise LoadError(path, f"文件段落过多（超过{MAX_LINES:,}段，单个文档上限{MAX_LINES:,}段）")
    return "\n".join(lines)


def _read_page(path: Path) -> tuple[str, str]:
    """A saved page's article text and its <title> (without the site's name), from one parse."""
    soup = BeautifulSoup(path.read_bytes(), "html.parser")
    title = _page_title(soup)
    for tag in soup.find_all(_HTML_NOISE):
        tag.decompose()
    for tag in soup.find_all(_is_hidden):
        tag.decompose()
    root = _main_content(soup) or soup.body or soup
    return _block_text(root), title


# what sites append to a page's <title>: "…_广州市人民政府门户网站", "… - 越秀区政府", "…|人社局"
_SITE_SUFFIX = re.compile(r"\s*[_|｜]\s*|\s+[-–—]\s+")


def _page_title(soup: BeautifulSoup) -> str:
    """The page's <title> before any site name appended to it."""
    found = soup.title
    text = found.get_text(" ", strip=True) if found is not None else ""
    return _SITE_SUFFIX.split(text, maxsplit=1)[0].strip()[:200]


def _is_hidden(tag: Tag) -> bool:
    """Elements a browser would not show (sites hide print/mobile duplicates of the article).

    <body> is exempt: some sites hide it until their scripts have run.
    """
    if tag.name in ("html", "body"):
        return False
    style = (tag.get("style") or "").replace(" ", "").lower()
    return tag.has_attr("hidden") or "display:none" in style or "visibility:hidden" in style


def _main_content(soup: BeautifulSoup) -> Tag | None:
    """The element holding the article: where most paragraph text sits (readability-style).

    Each text-bearing block credits its text length to its parent, half to its grandparent;
    navigation menus score low because their text is short and mostly links.
    """
    scores: dict[int, float] = {}
    elements: dict[int, Tag] = {}
    for block in soup.find_all(["p", "div", "td", "li", "span", "font"]):
        own = "".join(s for s in block.find_all(string=True, recursive=False) if type(s) is NavigableString).strip()
        if len(own) < 2 or block.find_parent("a") is not None:
            continue
        for ancestor, weight in ((block.parent, 1.0), (block.parent.parent if block.parent else None, 0.5)):
            if isinstance(ancestor, Tag):
                elements[id(ancestor)] = ancestor
                scores[id(ancestor)] = scores.get(id(ancestor), 0.0) + weight * len(own)
    if not scores:
        return None
    return elements[max(scores, key=scores.__getitem__)]


def _block_text(root: Tag) -> str:
    """Text of `root` with block elements and <br> turned into line breaks."""
    for br in root.find_all("br"):
        br.replace_with("\n")
    for cell in root.find_all(["td", "th"]):
        cell.insert_after("\t")
    for block in root.find_all(_HTML_BLOCKS):
        block.insert_before("\n")
        block.insert_after("\n")
    lines = (line.strip() for line in root.get_text().replace("\xa0", " ").splitlines())
    return "\n".join(line for line in lines if line)
