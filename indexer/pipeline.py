"""load → normalize → segment → extract → embed → store, one document at a time.

Incremental and idempotent: a document whose bytes (and the embedder) are unchanged is
skipped; a changed document's clauses are swapped in one catalog transaction and only
clauses with new ids are embedded; documents that disappeared from an indexed folder are
removed. Vectors are written before the catalog commit and orphans are swept afterwards,
so a crash at any point leaves the previous index usable and the next run repairs it.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from tqdm import tqdm

from indexer.docfacts import extract_doc_facts
from indexer.extract import extract_meta
from indexer.load import SUPPORTED_SUFFIXES, LoadError, load_file
from indexer.normalize import clean_layout
from indexer.segment import Segment, match_marker, own_text, segment
from indexer.versions import mark_superseded
from kb.models import Clause, Document
from kb.store import KnowledgeBase
from kb.tokenize import tokens

log = logging.getLogger(__name__)

# Bump when segmentation/extraction changes so that unchanged files are re-parsed.
PIPELINE_VERSION = "15"  # 15: a yearly deadline "每年2月底前"; 14: a law in force from its own 施行 article when later than its file's date; 13: a range of sums ("十万元以上五十万元以下") is one amount; 12: a sum "不得超过"/"不能超过" is a cap, not a goal; 11: an exception in parentheses as the exclusion, per-unit chains (每人每月) kept whole, a term in years to the day before its anniversary; 10: a title run on into its 文号 ("…的通知人社部发〔2020〕11号"); 9: sums with thousands separators (1,000元), a saved page's <title> before its file name; 8: the headline of a page saved on one line (a short news item; after the page's issuer and section; a 《…》 name with a space in it; a heading in brackets); 7: a paragraph after an article's items is its own 款 segment, not part of the last item; 6: a notice's signature date, 公告 number (公告2020年第8号) and preamble period read from flattened text; 5: titles from a notice's head lines (关于…的通知 before its addressees); 4: prose cut into sentence windows, inline 一、二、 split, facts of flattened notices
CATALOG_FILE = "catalog.toml"
_DOC_FIELDS = set(Document.model_fields)


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    clauses_total: int = 0
    clauses_embedded: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        parts = [
            f"新增 {len(self.added)} 篇",
            f"更新 {len(self.updated)} 篇",
            f"未变 {len(self.skipped)} 篇",
            f"删除 {len(self.removed)} 篇",
            f"失败 {len(self.failed)} 篇",
            f"条款 {self.clauses_total} 条（本次嵌入 {self.clauses_embedded} 条）",
            f"用时 {self.seconds:.1f} 秒",
        ]
        lines = ["，".join(parts)]
        lines += [f"  ✗ {path}: {reason}" for path, reason in self.failed]
        return "\n".join(lines)


@dataclass
class ParsedDocument:
    document: Document
    clauses: list[Clause]
    tokens: list[list[str]]


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Supported files under `paths` (files as given, folders recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES and not child.name.startswith("."):
                    yield child
        else:
            yield path


def read_catalog(folder: Path) -> dict[str, dict]:
    """The `catalog.toml` entries of a folder, keyed by file name."""
    path = folder / CATALOG_FILE
    if not path.exists():
        return {}
    with open(path, "rb") as fh:
        entries = tomllib.load(fh)
    for name, entry in entries.items():
        unknown = set(entry) - _DOC_FIELDS
        if unknown:
            raise ValueError(f"{path}: [{name}] has unknown fields {sorted(unknown)}")
    return entries


def content_hash(data: bytes, catalog_entry: dict, embedder: str) -> str:
    digest = hashlib.sha256(data)
    digest.update(repr(sorted(catalog_entry.items())).encode())
    digest.update(f"{PIPELINE_VERSION}|{embedder}".encode())
    return digest.hexdigest()


def doc_id_for(path: Path) -> str:
    return unicodedata.normalize("NFKC", path.stem).replace(" ", "_")


def clause_id_for(doc_id: str, heading_path: list[str], label: str, text: str, context: str = "") -> str:
    # an item's article lead is part of what it says (and of its vector): a new lead, a new id
    key = "\x1f".join([doc_id, *heading_path, label, text, *([context] if context else [])])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def build_document(doc_id: str, path: Path, text: str, entry: dict, digest: str, title_hint: str = "") -> Document:
    """The document's facts: the catalog entry's, else those its text states (`title_hint`: a saved
    page's <title>, when its text gives no title)."""
    facts = {k: v for k, v in extract_doc_facts(text, path.name, title_hint).items() if k in _DOC_FIELDS and v not in (None, "")}
    facts.update(entry)
    facts.setdefault("title", path.stem)
    if isinstance(facts.get("plan_period"), list):
        facts["plan_period"] = tuple(facts["plan_period"])
    return Document(doc_id=doc_id, source_path=str(path.resolve()), content_hash=digest, **facts)


def build_clauses(doc: Document, segments: list[Segment]) -> list[Clause]:
    """Clauses from segments: stable ids, parents resolved, citable labels (metadata comes in `annotate`)."""
    clauses: list[Clause] = []
    id_of_segment: dict[int, str] = {}
    seen: set[str] = set()
    for index, seg in enumerate(segments):
        if seg.is_heading_only or not seg.text.strip():
            continue
        lead = article_lead(segments, index)
        clause_id = clause_id_for(doc.doc_id, seg.heading_path, seg.label, seg.text, lead)
        if clause_id in seen:  # identical text under the same heading and label: disambiguate by position
            clause_id = clause_id_for(doc.doc_id, seg.heading_path, f"{seg.label}#{index}", seg.text, lead)
        seen.add(clause_id)
        id_of_segment[index] = clause_id
        parent = seg.parent
        while parent is not None and parent not in id_of_segment:
            parent = segments[parent].parent
        clauses.append(
            Clause(
                clause_id=clause_id,
                doc_id=doc.doc_id,
                label=seg.label,
                heading_path=list(seg.heading_path),
                text=seg.text,
                order=len(clauses),
                level=seg.level,
                parent_id=id_of_segment.get(parent) if parent is not None else None,
                context=lead,
            )
        )
    _set_cites(clauses)
    return clauses


_ARTICLE_LABEL = re.compile(r"^\s*第\s*[零〇一二两三四五六七八九十百千0-9０-９]+\s*条[\s\u3000]*")


def article_lead(segments: list[Segment], index: int) -> str:
    """An item's article lead: the article's own text before its first item, without "第X条"
    (verbatim; "" for an article, a clause outside any article or an article with no lead)."""
    parent = segments[index].parent
    while parent is not None:
        marker = match_marker(segments[parent].label)
        if marker is not None and marker.kind == "条":
            return _ARTICLE_LABEL.sub("", own_text(segments, parent)).strip()
        parent = segments[parent].parent
    return ""


def annotate(parsed: ParsedDocument) -> None:
    """Fill each clause's metadata and search tokens: what storing needs, but embedding does not."""
    doc = parsed.document
    for clause in parsed.clauses:
        clause.meta = extract_meta(clause.text, heading_path=clause.heading_path, doc=doc)
        if INJECTED.search(clause.text):
            clause.meta.kinds.append("injected_instructions")
    parsed.tokens = [tokens(" ".join([*c.heading_path, c.context[:LEAD_CHARS], c.text])) for c in parsed.clauses]


# Instructions aimed at a language model, planted in a document: such a clause is kept in the
# catalog (nothing is lost) but retrieval never returns it, so it cannot steer an answer.
INJECTED = re.compile(
    r"(忽略|无视|忘记|忘掉)(之前|以上|上述|前面|先前|所有)的?(所有)?(指令|指示|提示|规则|要求)|(你现在是|你是一个|扮演).{0,10}(助手|模型|AI|机器人)"
    r"|(?i:ignore (all )?(previous|prior|above) instructions|system prompt)"
)


def _set_cites(clauses: list[Clause]) -> None:
    """An item of an article is cited with it (第十条（三）, 第十条（三）1.); elsewhere a label
    alone may repeat in a document (（一） under 三、 and under 五、): prefix ancestor markers then."""
    counts = Counter(c.label for c in clauses)
    for clause in clauses:
        markers = [m for h in clause.heading_path if (m := match_marker(h)) and m.kind not in ("编", "章", "节")]
        articles = [i for i, m in enumerate(markers) if m.kind == "条"]
        if clause.label and articles:
            clause.cite = "".join(m.label for m in markers[articles[-1] :]) + clause.label
        elif counts[clause.label] <= 1 or not clause.label:
            clause.cite = clause.label
        else:
            clause.cite = "".join(m.label for m in markers[-2:]) + clause.label


# Clauses one document may have: 7.5 times the most of any real text indexed so far (1,334).
MAX_CLAUSES_PER_DOCUMENT = 10_000

# How much of an article's lead goes into its items' embedding text and search tokens.
LEAD_CHARS = 300


def embedding_text(doc: Document, clause: Clause) -> str:
    """What the embedder sees: the clause in its context (title, headings, its article's lead), capped in length."""
    head = " ".join([doc.title, *clause.heading_path])
    lead = f"{clause.context[:LEAD_CHARS]}\n" if clause.context else ""
    return f"{head}\n{lead}{clause.text}"[:1200]


def parse_structure(path: Path, doc_id: str, entry: dict, digest: str, file_hash: str) -> ParsedDocument:
    """load → normalize → segment: the clauses with ids and text, not yet annotated."""
    loaded = load_file(path)
    text = clean_layout(loaded.text)
    doc = build_document(doc_id, path, text, entry, digest, loaded.title).model_copy(update={"file_hash": file_hash})
    clauses = build_clauses(doc, segment(text))
    if not clauses:
        raise LoadError(path, "没有可索引的条款文本")
    if len(clauses) > MAX_CLAUSES_PER_DOCUMENT:
        raise LoadError(path, f"条款过多（{len(clauses):,}条，单个文档上限{MAX_CLAUSES_PER_DOCUMENT:,}条）")
    return ParsedDocument(doc, clauses, [])


def parse_file(path: Path, doc_id: str, entry: dict, digest: str, file_hash: str) -> ParsedDocument:
    """A file as it is stored: clauses with metadata and search tokens."""
    parsed = parse_structure(path, doc_id, entry, digest, file_hash)
    annotate(parsed)
    return parsed


class Indexer:
    def __init__(self, kb: KnowledgeBase, progress: bool = True) -> None:
        self.kb = kb
        self.progress = progress
        self._owner_of_bytes: dict[str, str] = {}
        self._writer: ThreadPoolExecutor | None = None
        self._pending: Future | None = None
        self._state: dict[str, tuple[str, str]] = {}

    def index(self, paths: Iterable[Path]) -> IndexReport:
        started = time.perf_counter()
        report = IndexReport()
        paths = [Path(p) for p in paths]
        files = list(discover(paths))
        state = self._state = self.kb.catalog.indexed_state()
        self._owner_of_bytes = {d.file_hash: d.doc_id for d in self.kb.catalog.documents() if d.file_hash}
        catalogs: dict[Path, dict[str, dict]] = {}
        seen_ids: set[str] = set()
        bar = tqdm(files, desc="索引", unit="篇", disable=not self.progress, dynamic_ncols=True)
        # One writer thread stores document N while the main thread parses and embeds N+1.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-writer") as self._writer:
            for path in bar:
                bar.set_postfix_str(path.name[:30])
                try:
                    entries = catalogs.setdefault(path.parent, read_catalog(path.parent))
                    entry = dict(entries.get(path.name, {}))
                    self._index_file(path, entry, state, seen_ids, report)
                except LoadError as exc:
                    report.failed.append((str(path), str(exc)))
                    log.warning("skipped %s: %s", path, exc)
            self._wait_for_writer()
        self._remove_vanished(paths, seen_ids, report)
        if report.changed or report.failed:
            self._sweep_orphan_vectors()
        if report.changed:
            mark_superseded(self.kb)
            self.kb.invalidate()
            self.kb.rebuild_bm25()
            self.kb.compact_if_needed()
        report.clauses_total = self.kb.catalog.count()
        report.seconds = time.perf_counter() - started
        return report

    def _index_file(self, path: Path, entry: dict, state: dict, seen_ids: set[str], report: IndexReport) -> None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise LoadError(path, f"无法读取文件: {exc.strerror}") from exc
        doc_id = doc_id_for(path)
        if doc_id in seen_ids:  # two files with the same stem in different folders
            doc_id = f"{doc_id}-{hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:6]}"
        seen_ids.add(doc_id)
        digest = content_hash(data, entry, self.kb.embedder.name)
        if state.get(doc_id, ("", ""))[0] == digest:
            report.skipped.append(doc_id)
            self._follow_move(doc_id, path)
            return
        file_hash = hashlib.sha256(data).hexdigest()
        owner = self._owner_of_bytes.get(file_hash)
        if owner is not None and owner != doc_id:
            raise LoadError(path, f"与已索引的文档“{owner}”内容完全相同，未重复索引")
        parsed = parse_structure(path, doc_id, entry, digest, file_hash)
        embedded = self._embed_missing(parsed, report)
        self._owner_of_bytes[file_hash] = doc_id
        outcome = report.updated if doc_id in state else report.added
        self._wait_for_writer()  # one document in flight: commits stay in order, a failed one stops the run
        self._pending = self._writer.submit(self._commit, parsed, embedded, outcome)

    def _wait_for_writer(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def _follow_move(self, doc_id: str, path: Path) -> None:
        """An unchanged file found at a new place (a moved corpus folder) keeps its clauses."""
        doc = self.kb.catalog.document(doc_id)
        source = str(path.resolve())
        if doc is not None and doc.source_path != source:
            self.kb.catalog.update_document(doc.model_copy(update={"source_path": source}))

    def _maybe_stored(self, parsed: ParsedDocument) -> bool:
        """Only a document indexed before can have vectors to reuse (after a crash, a new document's
        orphan vectors are simply overwritten): skip the vector-store look-up for the others."""
        return parsed.document.doc_id in self._state

    def _embed_missing(self, parsed: ParsedDocument, report: IndexReport) -> tuple[list[Clause], np.ndarray | None]:
        """Embed only the clauses whose ids the vector store lacks (unchanged clauses keep their vectors)."""
        new_ids = [c.clause_id for c in parsed.clauses]
        missing = set(new_ids) - (self.kb.vectors.existing_ids(new_ids) if self._maybe_stored(parsed) else set())
        to_embed = [c for c in parsed.clauses if c.clause_id in missing]
        if not to_embed:
            return [], None
        started = time.perf_counter()
        vectors = self.kb.embedder.embed([embedding_text(parsed.document, c) for c in to_embed])
        report.embed_seconds += time.perf_counter() - started
        report.clauses_embedded += len(to_embed)
        return to_embed, vectors

    def _commit(self, parsed: ParsedDocument, embedded: tuple[list[Clause], np.ndarray | None], outcome: list[str]) -> None:
        """Annotate, then vectors, then the catalog swap in one transaction, then stale vectors go."""
        annotate(parsed)
        old_ids = {c.clause_id for c in self.kb.catalog.clauses(doc_id=parsed.document.doc_id)}
        clauses, vectors = embedded
        if clauses:
            self.kb.vectors.upsert(clauses, vectors)
        self.kb.catalog.replace_document(parsed.document, parsed.clauses, parsed.tokens, self.kb.embedder.name)
        stale = sorted(old_ids - {c.clause_id for c in parsed.clauses})
        if stale:
            self.kb.vectors.delete(stale)
        outcome.append(parsed.document.doc_id)

    def _remove_vanished(self, paths: list[Path], seen_ids: set[str], report: IndexReport) -> None:
        """Delete documents that were indexed from one of the given folders and are gone."""
        folders = [p.resolve() for p in paths if p.is_dir()]
        if not folders:
            return
        for doc in self.kb.catalog.documents():
            source = Path(doc.source_path)
            if doc.doc_id in seen_ids or source.exists():
                continue
            if any(source.is_relative_to(folder) for folder in folders):
                removed = self.kb.catalog.delete_document(doc.doc_id)
                self.kb.vectors.delete(removed)
                report.removed.append(doc.doc_id)

    def _sweep_orphan_vectors(self) -> None:
        orphans = self.kb.vectors.all_ids() - self.kb.catalog.clause_ids()
        if orphans:
            log.info("removing %d orphan vectors", len(orphans))
            self.kb.vectors.delete(sorted(orphans))


def index_paths(kb: KnowledgeBase, paths: Iterable[Path], progress: bool = True) -> IndexReport:
    return Indexer(kb, progress=progress).index(paths)
