"""Real development sets: STARD (layperson legal questions → statute articles) and NCPQA
(questions about 2020 epidemic policy notices → an answer span of the notice).

`policykb eval --set stard|ncpqa` indexes the set's corpus (see `../shared/realdata/SOURCES.md`)
into a data directory and scores, over the same index, the engine's citations (in order, as
the product answers) and each retrieval mode of `Retriever.search`:

- hit@1 / hit@3 / hit@5: share of questions with a hit among the first 1 / 3 / 5 clauses;
- MRR: mean reciprocal rank of the first hit (0 without one);
- refused (engine only): share of questions answered with `answerable is False` (every
  question of these sets has an answer in the corpus).

What counts as a hit is `is_hit` (one function, documented there). `half_of` splits the
questions deterministically into "fit" and "test" halves, so fusion weights can be fitted on
one and reported on the other; `candidate_features` gives the per-candidate dense and BM25
scores such a fit needs.

With `limit`, only the first `limit` questions are asked and only their gold documents plus a
few distractors are indexed, so a smoke run indexes a handful of files.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from indexer.pipeline import doc_id_for
from kb.config import PROJECT_ROOT
from kb.labels import ARTICLE_LABEL

SETS = ("stard", "ncpqa")
HALVES = ("fit", "test", "all")
DEFAULT_SHARED = PROJECT_ROOT.parent / "shared"
DEFAULT_MODES = ("hybrid", "fused", "hybrid_rrf", "bm25", "dense")
RETRIEVAL_K = 10
DISTRACTORS = 5  # extra documents indexed beside the gold ones when the questions are limited
OPENING = 30  # characters of the (normalised) gold a citation must hold to count as holding its opening
MIN_PART = 8  # a citation shorter than this (normalised) never counts as "a part of the gold"


# ---- the hit rule --------------------------------------------------------------------------------


def norm(text: str) -> str:
    """NFKC, lower case, letters and digits only: whitespace, punctuation and symbols dropped, so
    full/half-width forms ("，" / ",", "（" / "(") and line breaks never decide a match."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if unicodedata.category(ch)[0] in "LN")


@dataclass(frozen=True)
class Gold:
    doc_id: str  # the indexer's doc id of the gold document (`doc_id_for` of its file)
    text: str  # the gold article (STARD) or answer span (NCPQA), verbatim
    label: str = ""  # for reading failures only ("刑法:第二百六十四条")
    # doc ids of byte-identical copies in the corpus: the indexer keeps only the first copy it
    # meets, so a citation of any of them is a citation of the gold document
    same_as: tuple[str, ...] = ()


def is_hit(text: str, doc_id: str, gold: Gold, opening: int = OPENING, min_part: int = MIN_PART) -> bool:
    """Whether a cited clause (its `text`, from document `doc_id`) hits `gold`.

    Both texts are compared after `norm` (NFKC, lower case, letters and digits only). A hit needs
    the clause to come from the gold document (or a byte-identical copy, `gold.same_as`), and then either
    - the clause holds the gold's opening: norm(gold)[:opening] occurs in norm(clause) (a short
      gold must occur whole), e.g. the gold article itself or a clause holding the answer span; or
    - the clause is itself a part of the gold: norm(clause), without its own leading article label
      (第X条), occurs in norm(gold) and has at least `min_part` characters, e.g. an item （二） of
      the gold article, or one paragraph of a longer answer span.
    """
    if doc_id != gold.doc_id and doc_id not in gold.same_as:
        return False
    g, c = norm(gold.text), norm(text)
    if not g or not c:
        return False
    if g[:opening] in c:
        return True
    body = c[m.end() :] if (m := ARTICLE_LABEL.match(c)) else c
    return len(body) >= min_part and body in g


def hits_any(text: str, doc_id: str, golds: Iterable[Gold]) -> bool:
    """A clause hits a question when it hits any of its gold articles/spans."""
    return any(is_hit(text, doc_id, g) for g in golds)


# ---- the sets ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RealItem:
    id: str
    question: str
    gold: tuple[Gold, ...]
    files: tuple[Path, ...]  # the gold documents' files, to index


@dataclass(frozen=True)
class RealSet:
    name: str
    items: tuple[RealItem, ...]
    corpus: tuple[Path, ...]  # every file of the set's corpus (gold documents and distractors)


def identical_copies(files: Iterable[Path]) -> dict[str, tuple[str, ...]]:
    """doc id → doc ids of the other files with the same bytes (only for files that have copies)."""
    groups: dict[str, list[str]] = {}
    for path in files:
        groups.setdefault(hashlib.sha256(path.read_bytes()).hexdigest(), []).append(doc_id_for(path))
    return {d: tuple(o for o in ids if o != d) for ids in groups.values() if len(ids) > 1 for d in ids}


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_stard(shared: Path | str = DEFAULT_SHARED) -> RealSet:
    """STARD: `realdata/stard/questions.jsonl`; corpus = the law files of `stard/laws.txt`
    (relative to `shared`) plus the files of `realdata/laws/` as distractors."""
    shared = Path(shared)
    base = shared / "realdata" / "stard"
    laws = [shared / line.strip() for line in (base / "laws.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    distractors = sorted(p for p in (shared / "realdata" / "laws").iterdir() if p.is_file() and not p.name.startswith("."))
    corpus = tuple(dict.fromkeys([*laws, *distractors]))
    copies = identical_copies(corpus)
    items = []
    for row in _read_jsonl(base / "questions.jsonl"):
        files = tuple(dict.fromkeys(shared / g["file"] for g in row["gold"]))
        gold = []
        for g in row["gold"]:
            doc_id = doc_id_for(Path(g["file"]))
            gold.append(Gold(doc_id, g["text"], f"{g['law']}:{g['article']}", copies.get(doc_id, ())))
        items.append(RealItem(str(row["id"]), row["question"], tuple(gold), files))
    return RealSet("stard", tuple(items), corpus)


def load_ncpqa(shared: Path | str = DEFAULT_SHARED) -> RealSet:
    """NCPQA: `realdata/ncpqa/questions.jsonl`; corpus = the notices of `ncpqa/docs/`."""
    base = Path(shared) / "realdata" / "ncpqa"
    docs = base / "docs"
    corpus = sorted(p for p in docs.iterdir() if p.is_file() and not p.name.startswith("."))
    copies = identical_copies(corpus)
    items = []
    for row in _read_jsonl(base / "questions.jsonl"):
        doc_id = doc_id_for(Path(row["doc"]))
        gold = Gold(doc_id, row["answer"], row["doc"], copies.get(doc_id, ()))
        items.append(RealItem(str(row["id"]), row["question"], (gold,), (docs / row["doc"],)))
    return RealSet("ncpqa", tuple(items), tuple(corpus))


def load_set(name: str, shared: Path | str = DEFAULT_SHARED) -> RealSet:
    if name == "stard":
        return load_stard(shared)
    if name == "ncpqa":
        return load_ncpqa(shared)
    raise ValueError(f"unknown set {name!r} (known: {', '.join(SETS)})")


# ---- split and selection ---------------------------------------------------------------------------


def half_of(qid: str) -> str:
    """"fit" or "test", from the first byte of sha1(question id): stable across runs, machines
    and set orderings."""
    return "fit" if hashlib.sha1(qid.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def select(items: Sequence[RealItem], half: str = "all", limit: int | None = None) -> list[RealItem]:
    """The questions of one half ("fit", "test" or "all"), in file order, the first `limit` of them."""
    if half not in HALVES:
        raise ValueError(f"half must be one of {HALVES}, not {half!r}")
    chosen = [item for item in items if half == "all" or half_of(item.id) == half]
    return chosen if limit is None else chosen[: max(limit, 0)]


def corpus_for(realset: RealSet, items: Sequence[RealItem], limited: bool, distractors: int = DISTRACTORS) -> list[Path]:
    """The files to index: the whole corpus, or (when the questions were limited) the gold files of
    `items` plus the `distractors` smallest other corpus files (deterministic, and it keeps a
    smoke run fast: the corpus has laws of 300 kB)."""
    if not limited:
        return list(realset.corpus)
    gold = list(dict.fromkeys(f for item in items for f in item.files))
    taken = set(gold)
    others = sorted((p for p in realset.corpus if p not in taken), key=lambda p: (p.stat().st_size, str(p)))
    return [*gold, *others[: max(distractors, 0)]]


# ---- scoring ---------------------------------------------------------------------------------------


def first_hit(flags: Sequence[bool]) -> int | None:
    """1-based rank of the first hit, None without one."""
    return next((rank for rank, hit in enumerate(flags, 1) if hit), None)


@dataclass(frozen=True)
class RankingScores:
    n: int = 0
    hit_at_1: float = 0.0
    hit_at_3: float = 0.0
    hit_at_5: float = 0.0
    mrr: float = 0.0
    refused: float | None = None  # engine only


def ranking_scores(ranks: Sequence[int | None], refused: Sequence[bool] | None = None) -> RankingScores:
    """hit@1/3/5 and MRR from first-hit ranks (None: no hit); `refused` flags for the engine."""
    n = len(ranks)
    if not n:
        return RankingScores()

    def at(k: int) -> float:
        return sum(1 for r in ranks if r is not None and r <= k) / n

    return RankingScores(
        n=n,
        hit_at_1=at(1),
        hit_at_3=at(3),
        hit_at_5=at(5),
        mrr=sum(1.0 / r for r in ranks if r is not None) / n,
        refused=None if refused is None else sum(refused) / n,
    )


@dataclass
class RealResult:
    id: str
    half: str
    ranks: dict[str, int | None] = field(default_factory=dict)  # ranking -> first-hit rank
    refused: bool = False
    error: str = ""


@dataclass
class RealReport:
    set: str
    embedder: str
    half: str
    n_questions: int
    n_documents: int
    index_seconds: float
    ask_seconds: float
    rows: dict[str, RankingScores]
    errors: int = 0
    reachable: float | None = None  # share of questions some indexed clause hits (the ceiling of hit@k)
    retrieval_errors: dict[str, str] = field(default_factory=dict)
    results: list[RealResult] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        """What `--json` writes: the table, the run's facts and each question's first-hit ranks."""
        return {
            "set": self.set,
            "embedder": self.embedder,
            "half": self.half,
            "n_questions": self.n_questions,
            "n_documents": self.n_documents,
            "index_seconds": round(self.index_seconds, 2),
            "ask_seconds": round(self.ask_seconds, 2),
            "errors": self.errors,
            "reachable": self.reachable,
            "retrieval_errors": self.retrieval_errors,
            "rows": {name: asdict(scores) for name, scores in self.rows.items()},
            "questions": [asdict(r) for r in self.results],
        }


def _dedupe_by_id(pairs: Iterable[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """(clause id, text, doc id) → [(text, doc id)] with repeated clause ids dropped, order kept."""
    seen: dict[str, tuple[str, str]] = {}
    for clause_id, text, doc_id in pairs:
        seen.setdefault(clause_id, (text, doc_id))
    return list(seen.values())


def run_realset(
    engine: Any,
    name: str,
    items: Sequence[RealItem],
    modes: Sequence[str] = DEFAULT_MODES,
    k: int = RETRIEVAL_K,
    embedder: str = "",
    half: str = "all",
    index_seconds: float = 0.0,
) -> RealReport:
    """Ask every question (each in its own session) and search it in every mode; score all rankings."""
    results: list[RealResult] = []
    refused: list[bool] = []
    retrieval_errors: dict[str, str] = {}
    errors = 0
    started = time.perf_counter()
    for item in items:
        result = RealResult(item.id, half_of(item.id))
        try:
            answer = engine.ask(item.question, session_id=f"{name}-{item.id}")
            cited = _dedupe_by_id((c.clause_id, c.text, c.doc_id) for c in answer.citations)
            result.refused = answer.answerable is False
        except Exception as exc:  # noqa: BLE001 - one broken question must not stop the run
            cited, result.error = [], f"{type(exc).__name__}: {exc}"
            errors += 1
        result.ranks["engine"] = first_hit([hits_any(text, doc, item.gold) for text, doc in cited])
        refused.append(result.refused)
        for mode in modes:
            if mode in retrieval_errors:
                continue
            try:
                found = engine.retriever.search(item.question, k=k, mode=mode)
            except Exception as exc:  # noqa: BLE001 - e.g. no embedder for "dense"
                retrieval_errors[mode] = f"{type(exc).__name__}: {exc}"
                continue
            ranked = _dedupe_by_id((h.clause.clause_id, h.clause.text, h.clause.doc_id) for h in found)
            result.ranks[mode] = first_hit([hits_any(text, doc, item.gold) for text, doc in ranked])
        results.append(result)
    rows = {"engine": ranking_scores([r.ranks["engine"] for r in results], refused)}
    for mode in modes:
        if mode not in retrieval_errors:
            rows[mode] = ranking_scores([r.ranks[mode] for r in results])
    return RealReport(
        reachable=reachable(engine.kb, items),
        set=name,
        embedder=embedder,
        half=half,
        n_questions=len(results),
        n_documents=len(engine.kb.documents()),
        index_seconds=index_seconds,
        ask_seconds=time.perf_counter() - started,
        rows=rows,
        errors=errors,
        retrieval_errors=retrieval_errors,
        results=results,
    )


def reachable(kb: Any, items: Sequence[RealItem]) -> float | None:
    """Share of questions for which some clause of a gold document hits: what the segmentation
    leaves findable at all (a gold span cut across two clauses' boundaries may be unreachable)."""
    if not items:
        return None
    cache: dict[str, list[Any]] = {}

    def clauses(doc_id: str) -> list[Any]:
        if doc_id not in cache:
            cache[doc_id] = list(kb.clauses(doc_id=doc_id))
        return cache[doc_id]

    found = sum(
        1 for item in items if any(is_hit(c.text, c.doc_id, g) for g in item.gold for d in (g.doc_id, *g.same_as) for c in clauses(d))
    )
    return found / len(items)


def _fmt(value: float | None) -> str:
    return "  –  " if value is None else f"{value:.3f}"


def format_real_report(report: RealReport) -> str:
    """The table: rankings × hit@1, hit@3, hit@5, MRR, refused."""
    lines = [
        f"set: {report.set} ({report.half}), {report.n_questions} questions, {report.n_documents} documents indexed, "
        f"embedder {report.embedder}",
        f"index {report.index_seconds:.1f} s, questions {report.ask_seconds:.1f} s, errors {report.errors}, "
        f"gold reachable in the index {_fmt(report.reachable)}",
        "",
        f"{'ranking':<18}{'hit@1':>7}{'hit@3':>7}{'hit@5':>7}{'MRR':>7}{'refused':>9}{'n':>6}",
    ]
    for name, s in report.rows.items():
        label = name if name == "engine" else f"search:{name}"
        lines.append(f"{label:<18}{_fmt(s.hit_at_1):>7}{_fmt(s.hit_at_3):>7}{_fmt(s.hit_at_5):>7}{_fmt(s.mrr):>7}{_fmt(s.refused):>9}{s.n:>6}")
    for mode, error in report.retrieval_errors.items():
        lines.append(f"{'search:' + mode:<18}  not scored: {error}")
    return "\n".join(lines)


# ---- fitting features ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    qid: str
    clause_id: str
    dense: float | None  # cosine similarity; None when the clause is not among the dense candidates
    bm25: float | None  # raw BM25 score; None when not among the BM25 candidates
    is_hit: bool
    dense_rank: int | None = None  # 1-based rank in the dense list
    bm25_rank: int | None = None


def candidate_features(engine: Any, items: Sequence[RealItem], depth: int | None = None) -> list[Candidate]:
    """For each question, every clause of its dense and BM25 candidate lists (unfiltered, `depth`
    deep: by default the retriever's own candidate depth) with both scores and whether it hits.

    This is what `Retriever.search` fuses (weighted sum: dense_weight·max(cos, 0) +
    (1 − dense_weight)·bm25 / best bm25 of the question; RRF: 1/(60 + rank)), so a fit over these
    rows reproduces the hybrid ranking before sub-item reordering and the citable-clause filter.
    """
    from kb.retrieve import CANDIDATES
    from kb.tokenize import query_tokens

    kb = engine.kb
    depth = depth or CANDIDATES
    rows: list[Candidate] = []
    for item in items:
        dense = kb.nearest(kb.embed_query(item.question), depth)
        sparse = kb.bm25.search(query_tokens(item.question, kb.bm25.vocabulary), depth, None)
        d_score = {i: s for i, s in dense}
        b_score = {i: s for i, s in sparse}
        d_rank = {i: r for r, (i, _) in enumerate(dense, 1)}
        b_rank = {i: r for r, (i, _) in enumerate(sparse, 1)}
        ids = list(dict.fromkeys([*d_score, *b_score]))
        clauses = {c.clause_id: c for c in kb.get_clauses(ids)}
        for clause_id in ids:
            clause = clauses.get(clause_id)
            if clause is None:  # a vector the catalog no longer has
                continue
            rows.append(
                Candidate(
                    qid=item.id,
                    clause_id=clause_id,
                    dense=d_score.get(clause_id),
                    bm25=b_score.get(clause_id),
                    is_hit=hits_any(clause.text, clause.doc_id, item.gold),
                    dense_rank=d_rank.get(clause_id),
                    bm25_rank=b_rank.get(clause_id),
                )
            )
    return rows


# ---- a whole run: index, ask, report ----------------------------------------------------------------


def open_indexed(settings: Any, files: Sequence[Path], progress: bool = False) -> tuple[Any, float]:
    """An Engine over `settings.data_dir` with `files` indexed (incrementally); seconds spent indexing.

    Tells stderr how long indexing took, and whether the index holds documents beyond `files`
    (a reused --work-dir: they stay, as extra distractors)."""
    from chat.engine import Engine
    from indexer.pipeline import discover, index_paths

    engine = Engine.open(settings)
    started = time.perf_counter()
    report = index_paths(engine.kb, files, progress=progress)
    seconds = time.perf_counter() - started
    engine.kb.invalidate()
    found = list(discover(files))  # a folder given (the bundled corpus) counts as its files
    print(f"indexing {len(found)} files into {settings.data_dir}: {seconds:.1f} s — {report.summary()}", file=sys.stderr)
    wanted = {doc_id_for(p) for p in found}
    extra = [d.doc_id for d in engine.kb.documents() if d.doc_id not in wanted]
    if extra:
        print(f"note: the index also holds {len(extra)} other documents (kept as extra distractors)", file=sys.stderr)
    return engine, seconds


def evaluate(
    name: str,
    settings: Any,
    work_dir: Path | str | None = None,
    limit: int | None = None,
    half: str = "all",
    modes: Sequence[str] = DEFAULT_MODES,
    distractors: int = DISTRACTORS,
    shared: Path | str = DEFAULT_SHARED,
    progress: bool = False,
) -> RealReport:
    """Index set `name`'s corpus (into `work_dir`, else a temporary directory removed afterwards)
    with `settings`' embedder, ask the selected questions and score them."""
    from dataclasses import replace

    realset = load_set(name, shared)
    items = select(realset.items, half, limit)
    files = corpus_for(realset, items, limited=limit is not None, distractors=distractors)
    with tempfile.TemporaryDirectory(prefix=f"policykb-eval-{name}-", ignore_cleanup_errors=True) as tmp:
        data_dir = Path(work_dir) if work_dir is not None else Path(tmp) / "data"
        # embedded Chroma in the eval directory, never a configured server
        run_settings = replace(settings, data_dir=data_dir, chroma_url="")
        engine, seconds = open_indexed(run_settings, files, progress=progress)
        try:
            return run_realset(engine, name, items, modes, embedder=settings.embedder, half=half, index_seconds=seconds)
        finally:
            engine.kb.close()
