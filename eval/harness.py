"""The evaluation harness: dev set loading, gold resolution and the metrics.

The dev set (`eval/devset.jsonl`) names its gold clauses the way a reader cites them
(document + label + an optional substring of the heading path); `resolve_gold` turns them
into clause ids of the current index, so the set survives re-indexing and a segmenter
change that breaks a citation shows up as a resolution error instead of a silent miss.

Metrics, over answerable questions with gold clauses:
- recall@k: share of the gold clauses found in the top k, divided by min(k, |gold|) so
  that a question with three gold clauses can still reach 1.0 at k=1;
- MRR: reciprocal rank of the first gold clause (0 when none is ranked);
for the engine (its citations, in order) and for each retrieval mode (`search` top-k).
Follow-up questions ("那高校呢？") only make sense with their session, so the retriever,
which has none, is not scored on them; the engine is.

Fact accuracy is the share of expected fact strings found in the answer text (NFKC and
whitespace-insensitive) over answerable questions. Refusal precision/recall treat
"refused" (`Answer.answerable is False`) as the positive class against out_of_scope.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from kb.models import Answer, Clause

INTENTS = frozenset(
    {"eligibility", "obligation", "amount", "deadline", "target", "validity", "lookup", "general", "out_of_scope"}
)
REQUIRED_FIELDS = ("id", "question", "voice", "intent", "answerable", "gold", "facts")
DEFAULT_DEVSET = Path(__file__).with_name("devset.jsonl")
DEFAULT_MODES = ("hybrid", "bm25", "dense")
RETRIEVAL_K = 10
PATH_SEP = " › "


# ---- interfaces (duck-typed; the real ones live in kb.store, kb.retrieve, chat.engine) ---


class ClauseSource(Protocol):
    def clauses(self, doc_id: str | None = None) -> list[Clause]: ...


class SearchesClauses(Protocol):
    def search(self, query: str, k: int = 10, mode: str = "hybrid", filters: Any = None) -> list[Any]: ...


class AnswersQuestions(Protocol):
    def ask(self, question: str, session_id: str | None = None, as_of: date | None = None) -> Answer: ...


# ---- the dev set -----------------------------------------------------------------------


class DevsetError(ValueError):
    """A dev set line that does not have the documented shape."""


class GoldResolutionError(LookupError):
    """A gold reference that matches no clause or several: the dev set or the segmenter is wrong."""


@dataclass(frozen=True)
class GoldRef:
    doc: str
    label: str
    under: str = ""

    def describe(self) -> str:
        where = f"@{self.under}" if self.under else ""
        return f"{short_doc(self.doc)}:{self.label}{where}"


@dataclass(frozen=True)
class DevItem:
    id: str
    question: str
    voice: str
    intent: str
    answerable: bool
    gold: tuple[GoldRef, ...] = ()
    facts: tuple[str, ...] = ()
    session: str = ""
    as_of: date | None = None


def parse_item(row: Mapping[str, Any], where: str = "") -> DevItem:
    """Validate one dev set row and build a `DevItem`; raises `DevsetError` with `where`."""
    prefix = f"{where}: " if where else ""
    missing = [name for name in REQUIRED_FIELDS if name not in row]
    if missing:
        raise DevsetError(f"{prefix}missing field(s) {', '.join(missing)}")
    if row["intent"] not in INTENTS:
        raise DevsetError(f"{prefix}unknown intent {row['intent']!r}")
    if not isinstance(row["answerable"], bool):
        raise DevsetError(f"{prefix}answerable must be true or false")
    if (row["intent"] == "out_of_scope") == row["answerable"]:
        raise DevsetError(f"{prefix}out_of_scope questions, and only they, must have answerable false")
    if not isinstance(row["gold"], list) or not isinstance(row["facts"], list):
        raise DevsetError(f"{prefix}gold and facts must be lists")
    if not row["answerable"] and (row["gold"] or row["facts"]):
        raise DevsetError(f"{prefix}out_of_scope questions take no gold and no facts")
    gold: list[GoldRef] = []
    for entry in row["gold"]:
        if not isinstance(entry, Mapping) or not entry.get("doc") or not entry.get("label"):
            raise DevsetError(f"{prefix}gold entries need doc and label: {entry!r}")
        gold.append(GoldRef(str(entry["doc"]), str(entry["label"]), str(entry.get("under") or "")))
    if any(not isinstance(fact, str) or not fact.strip() for fact in row["facts"]):
        raise DevsetError(f"{prefix}facts must be non-empty strings")
    as_of = row.get("as_of") or None
    try:
        as_of_date = date.fromisoformat(as_of) if as_of else None
    except ValueError as exc:
        raise DevsetError(f"{prefix}as_of is not an ISO date: {as_of!r}") from exc
    return DevItem(
        id=str(row["id"]),
        question=str(row["question"]),
        voice=str(row["voice"]),
        intent=str(row["intent"]),
        answerable=row["answerable"],
        gold=tuple(gold),
        facts=tuple(row["facts"]),
        session=str(row.get("session") or ""),
        as_of=as_of_date,
    )


def load_devset(path: Path | str = DEFAULT_DEVSET) -> list[DevItem]:
    """All questions of a JSONL dev set, in file order; ids must be unique."""
    items: list[DevItem] = []
    seen: set[str] = set()
    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{line_no}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DevsetError(f"{where}: not JSON ({exc})") from exc
            item = parse_item(row, where)
            if item.id in seen:
                raise DevsetError(f"{where}: duplicate id {item.id}")
            seen.add(item.id)
            items.append(item)
    return items


# ---- normalisation -----------------------------------------------------------------------


def normalize_text(text: str) -> str:
    """NFKC (full-width digits, parentheses, ％ -> ASCII) and no whitespace at all: PDF and
    Word exports break lines mid-phrase and put spaces around numbers ("达到 65 件")."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def normalize_label(label: str) -> str:
    return normalize_text(label)


def short_doc(doc_id: str, width: int = 12) -> str:
    return doc_id if len(doc_id) <= width else doc_id[:width] + "…"


# ---- gold resolution -----------------------------------------------------------------------


def _as_ref(entry: GoldRef | Mapping[str, Any]) -> GoldRef:
    if isinstance(entry, GoldRef):
        return entry
    return GoldRef(str(entry["doc"]), str(entry["label"]), str(entry.get("under") or ""))


def _doc_key(doc_id: str) -> str:
    """The indexer's doc id for a file stem (NFKC, spaces as underscores)."""
    return unicodedata.normalize("NFKC", doc_id).replace(" ", "_")


def match_gold(clauses: Iterable[Clause], ref: GoldRef) -> list[Clause]:
    """Clauses of one document carrying `ref.label` under a heading path containing `ref.under`."""
    label = normalize_label(ref.label)
    under = normalize_text(ref.under)
    return [c for c in clauses if normalize_label(c.label) == label and under in normalize_text(PATH_SEP.join(c.heading_path))]


def resolve_gold(kb: ClauseSource, gold: Iterable[GoldRef | Mapping[str, Any]]) -> set[str]:
    """Clause ids of the gold references; `GoldResolutionError` if one matches nothing or several."""
    ids: set[str] = set()
    problems: list[str] = []
    cache: dict[str, list[Clause]] = {}
    for entry in gold:
        ref = _as_ref(entry)
        doc_id = _doc_key(ref.doc)
        if doc_id not in cache:
            cache[doc_id] = list(kb.clauses(doc_id=doc_id))
        clauses = cache[doc_id]
        if not clauses:
            problems.append(f"{ref.describe()}: document {ref.doc!r} has no clauses in the index")
            continue
        found = match_gold(clauses, ref)
        if not found:
            near = sorted({c.citation_path for c in clauses if normalize_label(c.label) == normalize_label(ref.label)})
            hint = f"; clauses with that label: {near}" if near else "; no clause has that label"
            problems.append(f"{ref.describe()}: no clause matches{hint}")
        elif len(found) > 1:
            paths = [c.citation_path for c in found]
            problems.append(f"{ref.describe()}: ambiguous, {len(found)} clauses match {paths}; add or narrow 'under'")
        else:
            ids.add(found[0].clause_id)
    if problems:
        raise GoldResolutionError("gold resolution failed:\n  " + "\n  ".join(problems))
    return ids


# ---- metric arithmetic -------------------------------------------------------------------------


def dedupe(ids: Iterable[str]) -> list[str]:
    """Order-preserving de-duplication (an engine may cite the same clause twice)."""
    return list(dict.fromkeys(ids))


def recall_at_k(ranked: Sequence[str], gold: set[str] | frozenset[str], k: int) -> float:
    """|gold ∩ top k| / min(k, |gold|); 0.0 without gold."""
    if not gold or k <= 0:
        return 0.0
    hits = len(gold.intersection(dedupe(ranked)[:k]))
    return hits / min(k, len(gold))


def reciprocal_rank(ranked: Sequence[str], gold: set[str] | frozenset[str]) -> float:
    for rank, clause_id in enumerate(dedupe(ranked), 1):
        if clause_id in gold:
            return 1.0 / rank
    return 0.0


@dataclass(frozen=True)
class RankScores:
    n: int = 0
    recall_at_1: float = 0.0
    recall_at_3: float = 0.0
    mrr: float = 0.0


def rank_scores(pairs: Iterable[tuple[Sequence[str], set[str] | frozenset[str]]]) -> RankScores:
    """Mean recall@1, recall@3 and MRR over (ranked ids, gold ids) pairs with non-empty gold."""
    rows = [(ranked, gold) for ranked, gold in pairs if gold]
    if not rows:
        return RankScores()
    n = len(rows)
    return RankScores(
        n=n,
        recall_at_1=sum(recall_at_k(r, g, 1) for r, g in rows) / n,
        recall_at_3=sum(recall_at_k(r, g, 3) for r, g in rows) / n,
        mrr=sum(reciprocal_rank(r, g) for r, g in rows) / n,
    )


def fact_hits(text: str, facts: Iterable[str]) -> list[bool]:
    """For each fact, whether it occurs in `text` (both NFKC-normalised, whitespace ignored)."""
    haystack = normalize_text(text)
    return [normalize_text(fact) in haystack for fact in facts]


@dataclass(frozen=True)
class BinaryScores:
    """A confusion of yes/no decisions against labels, with precision and recall of the yeses."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


class RefusalScores(BinaryScores):
    """tp: out of scope and refused; fp: answerable but refused; fn: out of scope but answered;
    tn: answerable and answered."""


def refusal_scores(pairs: Iterable[tuple[bool, bool]]) -> RefusalScores:
    """(should refuse, did refuse) pairs -> confusion counts with refusal as the positive class."""
    tp = fp = fn = tn = 0
    for should, did in pairs:
        if should and did:
            tp += 1
        elif did:
            fp += 1
        elif should:
            fn += 1
        else:
            tn += 1
    return RefusalScores(tp, fp, fn, tn)


# ---- sessions ----------------------------------------------------------------------------------------


def plan_sessions(items: Sequence[DevItem]) -> list[tuple[str, list[DevItem]]]:
    """Group questions into conversations: (session id, questions in file order).

    Questions sharing a `session` value form one conversation, placed where its first question
    is; every other question gets a conversation of its own.
    """
    groups: dict[str, list[DevItem]] = {}
    for item in items:
        key = f"eval-{item.session}" if item.session else f"eval-{item.id}"
        groups.setdefault(key, []).append(item)
    return list(groups.items())


def follow_up_ids(items: Sequence[DevItem]) -> set[str]:
    """Questions that depend on an earlier one of their session."""
    return {q.id for _, group in plan_sessions(items) for q in group[1:]}


# ---- running ---------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    item: DevItem
    gold_ids: frozenset[str] = frozenset()
    cited: list[str] = field(default_factory=list)  # engine citation clause ids, in order
    cited_labels: list[str] = field(default_factory=list)  # "doc:label" for reading failures
    answer: str = ""
    refused: bool = False
    fact_found: list[bool] = field(default_factory=list)
    retrieved: dict[str, list[str]] = field(default_factory=dict)  # mode -> clause ids
    follow_up: bool = False
    error: str = ""


@dataclass(frozen=True)
class Failure:
    qid: str
    kind: str  # error / false_refusal / false_answer / citation_miss / missing_facts / retrieval_miss:<mode>
    expected: str
    got: str


@dataclass(frozen=True)
class IntentScores:
    n: int
    engine: RankScores
    facts_found: int
    facts_total: int
    refusal_correct: int

    @property
    def fact_accuracy(self) -> float | None:
        return self.facts_found / self.facts_total if self.facts_total else None

    @property
    def refusal_accuracy(self) -> float:
        return self.refusal_correct / self.n if self.n else 0.0


@dataclass
class EvalReport:
    n_questions: int
    n_answerable: int
    n_out_of_scope: int
    engine: RankScores
    retrieval: dict[str, RankScores]
    facts_found: int
    facts_total: int
    refusal: RefusalScores
    per_intent: dict[str, IntentScores]
    failures: list[Failure]
    results: list[QuestionResult] = field(default_factory=list)
    retrieval_errors: dict[str, str] = field(default_factory=dict)

    @property
    def fact_accuracy(self) -> float | None:
        return self.facts_found / self.facts_total if self.facts_total else None


def _citation_label(citation: Any) -> str:
    return f"{short_doc(citation.doc_id)}:{citation.label}"


def ask_item(engine: AnswersQuestions, item: DevItem, session_id: str) -> QuestionResult:
    """Ask one question; an engine exception is recorded, not raised (counted as a wrong answer)."""
    result = QuestionResult(item=item)
    try:
        answer = engine.ask(item.question, session_id=session_id, as_of=item.as_of)
    except Exception as exc:  # noqa: BLE001 - one broken question must not stop the run
        result.error = f"{type(exc).__name__}: {exc}"
        result.fact_found = [False] * len(item.facts)
        return result
    result.answer = answer.answer
    result.refused = not answer.answerable
    result.cited = dedupe(c.clause_id for c in answer.citations)
    result.cited_labels = list(dict.fromkeys(_citation_label(c) for c in answer.citations))
    result.fact_found = fact_hits(answer.answer, item.facts)
    return result


def run_eval(
    engine: AnswersQuestions,
    retriever: SearchesClauses | None,
    devset_path: Path | str = DEFAULT_DEVSET,
    modes: Sequence[str] = DEFAULT_MODES,
    kb: ClauseSource | None = None,
    k: int = RETRIEVAL_K,
) -> EvalReport:
    """Ask every dev set question (follow-ups within their session) and score the answers.

    `kb` (for gold resolution) defaults to the retriever's or engine's `.kb`. All gold is
    resolved before any question is asked, so a broken dev set fails fast.
    """
    items = load_devset(devset_path)
    kb = kb or getattr(retriever, "kb", None) or getattr(engine, "kb", None)
    if kb is None:
        raise ValueError("run_eval needs a knowledge base to resolve gold clauses (pass kb=)")
    gold = _resolve_all(kb, items)
    follow_ups = follow_up_ids(items)
    results: dict[str, QuestionResult] = {}
    retrieval_errors: dict[str, str] = {}
    for session_id, group in plan_sessions(items):
        for item in group:
            result = ask_item(engine, item, session_id)
            result.gold_ids = frozenset(gold[item.id])
            result.follow_up = item.id in follow_ups
            if retriever is not None and item.answerable and not result.follow_up:
                for mode in modes:
                    if mode in retrieval_errors:
                        continue
                    try:
                        hits = retriever.search(item.question, k=k, mode=mode)
                    except Exception as exc:  # noqa: BLE001 - e.g. no embedder for "dense"
                        retrieval_errors[mode] = f"{type(exc).__name__}: {exc}"
                        continue
                    result.retrieved[mode] = dedupe(h.clause.clause_id for h in hits)
            results[item.id] = result
    ordered = [results[item.id] for item in items]
    return score_results(ordered, [m for m in modes if m not in retrieval_errors], retrieval_errors)


def _resolve_all(kb: ClauseSource, items: Sequence[DevItem]) -> dict[str, set[str]]:
    gold: dict[str, set[str]] = {}
    problems: list[str] = []
    for item in items:
        try:
            gold[item.id] = resolve_gold(kb, item.gold)
        except GoldResolutionError as exc:
            problems.append(f"{item.id}: {exc}")
    if problems:
        raise GoldResolutionError("\n".join(problems))
    return gold


# ---- scoring -------------------------------------------------------------------------------------


def _failures(result: QuestionResult, modes: Sequence[str]) -> list[Failure]:
    item = result.item
    expected_gold = ", ".join(ref.describe() for ref in item.gold) or "-"
    got_cited = ", ".join(result.cited_labels[:3]) or "(no citations)"
    if result.error:
        return [Failure(item.id, "error", "an answer", result.error)]
    if not item.answerable:
        return [] if result.refused else [Failure(item.id, "false_answer", "refusal", _snippet(result.answer))]
    if result.refused:
        return [Failure(item.id, "false_refusal", expected_gold, _snippet(result.answer))]
    out: list[Failure] = []
    if result.gold_ids and not result.gold_ids.intersection(result.cited[:3]):
        out.append(Failure(item.id, "citation_miss", expected_gold, got_cited))
    missing = [fact for fact, hit in zip(item.facts, result.fact_found, strict=True) if not hit]
    if missing:
        out.append(Failure(item.id, "missing_facts", ", ".join(missing), _snippet(result.answer)))
    for mode in modes:
        ranked = result.retrieved.get(mode)
        if ranked is not None and result.gold_ids and not result.gold_ids.intersection(ranked[:3]):
            out.append(Failure(item.id, f"retrieval_miss:{mode}", expected_gold, f"{len(ranked)} hits, none in top 3"))
    return out


def _snippet(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width] + "…"


def _intent_scores(results: Sequence[QuestionResult]) -> IntentScores:
    answerable = [r for r in results if r.item.answerable]
    return IntentScores(
        n=len(results),
        engine=rank_scores((r.cited, r.gold_ids) for r in answerable),
        facts_found=sum(sum(r.fact_found) for r in answerable),
        facts_total=sum(len(r.item.facts) for r in answerable),
        refusal_correct=sum(1 for r in results if not r.error and r.refused != r.item.answerable),
    )


def score_results(
    results: Sequence[QuestionResult],
    modes: Sequence[str] = (),
    retrieval_errors: Mapping[str, str] | None = None,
) -> EvalReport:
    """All metrics from per-question results (pure: no engine, no index)."""
    answerable = [r for r in results if r.item.answerable]
    retrieval = {mode: rank_scores((r.retrieved[mode], r.gold_ids) for r in answerable if mode in r.retrieved) for mode in modes}
    intents: dict[str, list[QuestionResult]] = {}
    for r in results:
        intents.setdefault(r.item.intent, []).append(r)
    return EvalReport(
        n_questions=len(results),
        n_answerable=len(answerable),
        n_out_of_scope=len(results) - len(answerable),
        engine=rank_scores((r.cited, r.gold_ids) for r in answerable),
        retrieval=retrieval,
        facts_found=sum(sum(r.fact_found) for r in answerable),
        facts_total=sum(len(r.item.facts) for r in answerable),
        refusal=refusal_scores((not r.item.answerable, r.refused and not r.error) for r in results),
        per_intent={intent: _intent_scores(rows) for intent, rows in sorted(intents.items())},
        failures=[f for r in results for f in _failures(r, modes)],
        results=list(results),
        retrieval_errors=dict(retrieval_errors or {}),
    )


# ---- report --------------------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "  –  " if value is None else f"{value:.3f}"


def format_report(report: EvalReport, max_failures: int = 40) -> str:
    """A compact plain-text table for the terminal."""
    lines = [
        f"dev set: {report.n_questions} questions ({report.n_answerable} answerable, {report.n_out_of_scope} out of scope)",
        "",
        f"{'ranking':<16}{'R@1':>7}{'R@3':>7}{'MRR':>7}{'n':>6}",
    ]
    rows = [("engine", report.engine), *((f"search:{m}", s) for m, s in report.retrieval.items())]
    for name, scores in rows:
        lines.append(f"{name:<16}{_fmt(scores.recall_at_1):>7}{_fmt(scores.recall_at_3):>7}{_fmt(scores.mrr):>7}{scores.n:>6}")
    for mode, error in report.retrieval_errors.items():
        lines.append(f"{'search:' + mode:<16}  not scored: {error}")
    ref = report.refusal
    lines += [
        "",
        f"facts    {_fmt(report.fact_accuracy)}  ({report.facts_found}/{report.facts_total} found in answers)",
        f"refusal  precision {_fmt(ref.precision)}  recall {_fmt(ref.recall)}  "
        f"(tp {ref.tp}, fp {ref.fp}, fn {ref.fn}, tn {ref.tn})",
        "",
        f"{'intent':<14}{'n':>4}{'R@1':>7}{'R@3':>7}{'MRR':>7}{'facts':>7}{'refusal':>9}",
    ]
    for intent, s in report.per_intent.items():
        lines.append(
            f"{intent:<14}{s.n:>4}{_fmt(s.engine.recall_at_1 if s.engine.n else None):>7}"
            f"{_fmt(s.engine.recall_at_3 if s.engine.n else None):>7}{_fmt(s.engine.mrr if s.engine.n else None):>7}"
            f"{_fmt(s.fact_accuracy):>7}{_fmt(s.refusal_accuracy):>9}"
        )
    lines += ["", f"failures: {len(report.failures)}"]
    for f in report.failures[:max_failures]:
        lines.append(f"  {f.qid} {f.kind:<22} expected: {f.expected}  | got: {f.got}")
    if len(report.failures) > max_failures:
        lines.append(f"  … {len(report.failures) - max_failures} more")
    return "\n".join(lines)
