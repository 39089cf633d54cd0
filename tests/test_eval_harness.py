"""Metric arithmetic, gold resolution and dev set integrity for eval/."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from eval.harness import (
    DEFAULT_DEVSET,
    INTENTS,
    REQUIRED_FIELDS,
    DevItem,
    DevsetError,
    GoldRef,
    GoldResolutionError,
    QuestionResult,
    fact_hits,
    follow_up_ids,
    format_report,
    load_devset,
    plan_sessions,
    rank_scores,
    recall_at_k,
    reciprocal_rank,
    refusal_scores,
    resolve_gold,
    run_eval,
    score_results,
)
from eval.recitation import RecitationItem, label_correct, law_doc_id, recitation_paths, run_recitation, text_correct
from kb.models import Answer, Citation, Clause, Hit

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
RECITATION = Path(__file__).resolve().parent.parent.parent / "shared" / "realdata" / "lawbench_recitation.jsonl"


# ---- fakes ----------------------------------------------------------------------------------


def clause(cid: str, doc: str, label: str, path: list[str], text: str = "") -> Clause:
    return Clause(clause_id=cid, doc_id=doc, label=label, heading_path=path, text=text or f"{label} …", order=0)


def citation(c: Clause) -> Citation:
    return Citation(
        clause_id=c.clause_id,
        doc_id=c.doc_id,
        doc_title=c.doc_id,
        doc_number="",
        label=c.label,
        heading_path=c.heading_path,
        text=c.text,
        score=1.0,
        valid=True,
        status="in_force",
    )


CLAUSES = [
    clause("a9", "细则", "第九条", ["第二章 项目支持", "第一节 知识产权运营机制建设"]),
    clause("a9-1", "细则", "（一）", ["第二章 项目支持", "第一节 知识产权运营机制建设", "第九条"]),
    clause("a9-2", "细则", "（二）", ["第二章 项目支持", "第一节 知识产权运营机制建设", "第九条"]),
    clause("a10-1", "细则", "（一）", ["第二章 项目支持", "第一节 知识产权运营机制建设", "第十条"]),
    clause("a15", "细则", "第十五条", ["第二章 项目支持", "第二节 企业知识产权运营能力提升"], "每家不超过20万元"),
    clause("p11", "方案", "(十一)", ["三、促进中小企业专利产业化"], "２０２５年底前实现全覆盖"),
    clause("y6", "杨浦", "6.", ["四、重点任务", "（二）提升知识产权运用效益"]),
]


class FakeKB:
    def __init__(self, clauses: list[Clause]) -> None:
        self._clauses = clauses

    def clauses(self, doc_id: str | None = None) -> list[Clause]:
        return [c for c in self._clauses if doc_id is None or c.doc_id == doc_id]


class FakeEngine:
    """Answers from a script keyed by question; records the session id of every call."""

    def __init__(self, script: dict[str, tuple[str, bool, list[str]]]) -> None:
        self.script = script
        self.calls: list[tuple[str, str | None, date | None]] = []
        self.by_id = {c.clause_id: c for c in CLAUSES}

    def ask(self, question: str, session_id: str | None = None, as_of: date | None = None) -> Answer:
        self.calls.append((question, session_id, as_of))
        text, answerable, cited = self.script[question]
        if text == "boom":
            raise RuntimeError("engine exploded")
        return Answer(
            answer=text,
            answerable=answerable,
            intent="general",
            session_id=session_id or "",
            as_of=as_of or date(2025, 1, 1),
            citations=[citation(self.by_id[c]) for c in cited],
        )


class FakeRetriever:
    def __init__(self, ranking: list[str], broken_modes: tuple[str, ...] = ()) -> None:
        self.ranking = ranking
        self.broken = broken_modes
        self.by_id = {c.clause_id: c for c in CLAUSES}

    def search(self, query: str, k: int = 10, mode: str = "hybrid", filters: object = None) -> list[Hit]:
        if mode in self.broken:
            raise RuntimeError("no embedder")
        return [Hit(clause=self.by_id[c], score=1.0) for c in self.ranking[:k]]


def item(qid: str, intent: str = "amount", gold: tuple[GoldRef, ...] = (), facts: tuple[str, ...] = (), **kw) -> DevItem:
    return DevItem(
        id=qid,
        question=kw.pop("question", f"question {qid}"),
        voice="企业",
        intent=intent,
        answerable=intent != "out_of_scope",
        gold=gold,
        facts=facts,
        **kw,
    )


# ---- ranking arithmetic -------------------------------------------------------------------------


def test_recall_at_k_single_gold() -> None:
    assert recall_at_k(["x", "g", "y"], {"g"}, 1) == 0.0
    assert recall_at_k(["x", "g", "y"], {"g"}, 3) == 1.0
    assert recall_at_k([], {"g"}, 3) == 0.0


def test_recall_at_k_is_capped_by_gold_size_and_ignores_duplicates() -> None:
    gold = {"g1", "g2", "g3"}
    assert recall_at_k(["g2", "x"], gold, 1) == 1.0  # min(k, |gold|) = 1
    assert recall_at_k(["g1", "x", "g3"], gold, 3) == pytest.approx(2 / 3)
    assert recall_at_k(["g1", "g1", "g2"], {"g1", "g2"}, 2) == 1.0  # the repeat does not push g2 out


def test_reciprocal_rank() -> None:
    assert reciprocal_rank(["g"], {"g"}) == 1.0
    assert reciprocal_rank(["x", "y", "g"], {"g", "h"}) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x", "x", "g"], {"g"}) == pytest.approx(1 / 2)
    assert reciprocal_rank(["x"], {"g"}) == 0.0


def test_rank_scores_means_and_skips_questions_without_gold() -> None:
    scores = rank_scores([(["g"], {"g"}), (["x", "g"], {"g"}), (["x"], {"g"}), (["x"], set())])
    assert scores.n == 3
    assert scores.recall_at_1 == pytest.approx(1 / 3)
    assert scores.recall_at_3 == pytest.approx(2 / 3)
    assert scores.mrr == pytest.approx((1 + 0.5 + 0) / 3)
    assert rank_scores([]).n == 0


# ---- gold resolution -------------------------------------------------------------------------------


def test_resolve_gold_by_label_and_under() -> None:
    kb = FakeKB(CLAUSES)
    assert resolve_gold(kb, [GoldRef("细则", "第十五条")]) == {"a15"}
    assert resolve_gold(kb, [{"doc": "细则", "label": "（二）", "under": "第九条"}]) == {"a9-2"}
    assert resolve_gold(kb, [GoldRef("细则", "（一）", "第十条"), GoldRef("细则", "第九条")]) == {"a10-1", "a9"}


def test_resolve_gold_normalises_labels() -> None:
    kb = FakeKB(CLAUSES)
    assert resolve_gold(kb, [GoldRef("方案", "（十一）")]) == {"p11"}  # source kept ASCII "(十一)"
    assert resolve_gold(kb, [GoldRef("杨浦", "６．")]) == {"y6"}


def test_resolve_gold_ambiguous_label_is_an_error() -> None:
    with pytest.raises(GoldResolutionError, match="ambiguous"):
        resolve_gold(FakeKB(CLAUSES), [GoldRef("细则", "（一）")])  # under 第九条 and 第十条


def test_resolve_gold_missing_label_or_document_is_an_error() -> None:
    kb = FakeKB(CLAUSES)
    with pytest.raises(GoldResolutionError, match="no clause matches"):
        resolve_gold(kb, [GoldRef("细则", "第九十九条")])
    with pytest.raises(GoldResolutionError, match="no clauses in the index"):
        resolve_gold(kb, [GoldRef("不存在的文件", "第一条")])
    with pytest.raises(GoldResolutionError, match="no clause matches"):
        resolve_gold(kb, [GoldRef("细则", "（二）", "第十条")])


# ---- facts and refusals ------------------------------------------------------------------------------


def test_fact_hits_full_width_and_half_width() -> None:
    answer = "到２０２５年底前实现全覆盖，占比达到２０％左右；每家不超过 80 万元。"
    assert fact_hits(answer, ["2025年底", "20%左右", "80万元", "50万元"]) == [True, True, True, False]
    assert fact_hits("在2025年底", ["２０２５年底"]) == [True]
    assert fact_hits("金融（担保）创新中心", ["金融(担保)创新中心"]) == [True]


def test_refusal_scores() -> None:
    pairs = [(True, True), (True, True), (True, False), (False, True), (False, False), (False, False)]
    scores = refusal_scores(pairs)
    assert (scores.tp, scores.fn, scores.fp, scores.tn) == (2, 1, 1, 2)
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(2 / 3)
    assert refusal_scores([(False, False)]).precision is None


# ---- sessions ---------------------------------------------------------------------------------------------


def test_plan_sessions_groups_in_file_order() -> None:
    items = [
        item("q1", session="s_hosp"),
        item("q2"),
        item("q3", session="s_bank"),
        item("q4", session="s_hosp"),
        item("q5", session="s_bank"),
    ]
    plan = plan_sessions(items)
    assert [(sid, [q.id for q in group]) for sid, group in plan] == [
        ("eval-s_hosp", ["q1", "q4"]),
        ("eval-q2", ["q2"]),
        ("eval-s_bank", ["q3", "q5"]),
    ]
    assert follow_up_ids(items) == {"q4", "q5"}


def _write_devset(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "dev.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def _row(qid: str, question: str, intent: str = "amount", gold: list | None = None, facts: list | None = None, **kw):
    return {
        "id": qid,
        "question": question,
        "voice": "企业",
        "intent": intent,
        "answerable": intent != "out_of_scope",
        "gold": gold or [],
        "facts": facts or [],
        **kw,
    }


def test_run_eval_end_to_end_with_fakes(tmp_path: Path) -> None:
    rows = [
        _row("q1", "医院能拿多少？", gold=[{"doc": "细则", "label": "第十五条"}], facts=["20万元"], session="s1"),
        _row("q2", "深圳补贴多少？", intent="out_of_scope"),
        _row("q3", "那高校呢？", gold=[{"doc": "细则", "label": "（二）", "under": "第九条"}], facts=["30万元"], session="s1"),
        _row("q4", "天气？", intent="out_of_scope"),
        _row(
            "q5",
            "备案什么时候完成？",
            intent="deadline",
            gold=[{"doc": "方案", "label": "（十一）"}],
            facts=["2025年底前"],
            as_of="2025-06-01",
        ),
        _row("q6", "坏问题", intent="general", gold=[{"doc": "细则", "label": "第九条"}], facts=["x"]),
    ]
    engine = FakeEngine(
        {
            "医院能拿多少？": ("每家不超过２０万元", True, ["a15"]),
            "深圳补贴多少？": ("不在范围内", False, []),
            "那高校呢？": ("不超过10万元", True, ["a9", "a9-2"]),
            "天气？": ("晴", True, ["a9"]),
            "备案什么时候完成？": ("２０２５年底前实现全覆盖", False, []),
            "坏问题": ("boom", True, []),
        }
    )
    retriever = FakeRetriever(["a9", "a15", "p11"], broken_modes=("dense",))
    report = run_eval(engine, retriever, _write_devset(tmp_path, rows), kb=FakeKB(CLAUSES))

    # sessions: q1 and q3 share one id, asked in file order; everything else has its own
    sessions = {q: sid for q, sid, _ in engine.calls}
    assert sessions["医院能拿多少？"] == sessions["那高校呢？"] == "eval-s1"
    assert len(set(sessions.values())) == 5
    asked = [q for q, _, _ in engine.calls]
    assert asked.index("医院能拿多少？") < asked.index("那高校呢？")
    assert dict((q, a) for q, _, a in engine.calls)["备案什么时候完成？"] == date(2025, 6, 1)

    assert (report.n_questions, report.n_answerable, report.n_out_of_scope) == (6, 4, 2)
    # engine: q1 rank 1, q3 rank 2, q5 no citations, q6 error
    assert report.engine.n == 4
    assert report.engine.recall_at_1 == pytest.approx(1 / 4)
    assert report.engine.recall_at_3 == pytest.approx(2 / 4)
    assert report.engine.mrr == pytest.approx((1 + 0.5) / 4)
    # retrieval skips the follow-up q3: q1 (a15 at 2), q5 (p11 at 3), q6 (a9 at 1)
    assert set(report.retrieval) == {"hybrid", "bm25"}
    assert "dense" in report.retrieval_errors
    assert report.retrieval["bm25"].n == 3
    assert report.retrieval["bm25"].mrr == pytest.approx((0.5 + 1 / 3 + 1) / 3)
    # facts: 20万元 yes, 30万元 no, 2025年底前 yes (even though refused), x no
    assert (report.facts_found, report.facts_total) == (2, 4)
    # refusal: q2 refused (tp), q4 answered (fn), q5 refused though answerable (fp)
    assert (report.refusal.tp, report.refusal.fn, report.refusal.fp) == (1, 1, 1)
    kinds = Counter(f.kind for f in report.failures)
    assert kinds["false_answer"] == 1 and kinds["false_refusal"] == 1 and kinds["error"] == 1
    assert kinds["missing_facts"] == 1  # q3
    assert report.per_intent["out_of_scope"].refusal_accuracy == 0.5
    text = format_report(report)
    assert "engine" in text and "search:bm25" in text and "q4" in text


def test_run_eval_fails_fast_on_bad_gold(tmp_path: Path) -> None:
    rows = [_row("q1", "?", gold=[{"doc": "细则", "label": "（一）"}], facts=["1"])]
    engine = FakeEngine({})
    with pytest.raises(GoldResolutionError, match="q1"):
        run_eval(engine, None, _write_devset(tmp_path, rows), kb=FakeKB(CLAUSES))
    assert engine.calls == []


def test_score_results_without_retrieval() -> None:
    res = QuestionResult(item=item("q1", facts=("a",)), gold_ids=frozenset({"g"}), cited=["g"], fact_found=[True])
    report = score_results([res])
    assert report.engine.recall_at_1 == 1.0 and report.fact_accuracy == 1.0 and report.failures == []


def test_load_devset_rejects_bad_rows(tmp_path: Path) -> None:
    with pytest.raises(DevsetError, match="intent"):
        load_devset(_write_devset(tmp_path, [_row("q1", "?", intent="chitchat")]))
    with pytest.raises(DevsetError, match="duplicate"):
        load_devset(_write_devset(tmp_path, [_row("q1", "?"), _row("q1", "?")]))
    with pytest.raises(DevsetError, match="no gold"):
        load_devset(_write_devset(tmp_path, [_row("q1", "?", intent="out_of_scope", facts=["x"])]))


# ---- recitation scoring -----------------------------------------------------------------------------


def test_recitation_label_and_text() -> None:
    rec = RecitationItem(
        question="民法商法农民专业合作社法第三条的内容是什么？",
        law="农民专业合作社法",
        article="第三条",
        gold_text="农民专业合作社以其成员为主要服务对象，开展以下一种或者多种业务：,（一）农业生产资料的购买、使用；",
        law_path="民法商法/农民专业合作社法(2017-12-27).md",
    )
    assert law_doc_id(rec.law_path) == "农民专业合作社法(2017-12-27)"
    assert rec.gold_pieces()[0].endswith("业务:")  # split on the joiner before NFKC maps "，" to ","
    good = clause(
        "c3",
        "农民专业合作社法(2017-12-27)",
        "第三条",
        [],
        "农民专业合作社以其成员为主要服务对象，开展以下一种或者多种业务：\n（一）农业生产资料的购买、使用；",
    )
    assert label_correct(citation(good), rec)
    assert not label_correct(citation(clause("c4", good.doc_id, "第四条", [])), rec)
    assert text_correct(good.text, rec)
    assert not text_correct("农民专业合作社以其成员为主要服务对象，开展以下一种或者多种业务：", rec)


def test_run_recitation_with_fake_engine(tmp_path: Path) -> None:
    rows = [
        {
            "question": "甲法第一条的内容是什么？",
            "law": "甲法",
            "article": "第一条",
            "gold_text": "为了甲，制定本法。",
            "law_path": "类/甲法(2020-01-01).md",
        },
        {
            "question": "甲法第二条的内容是什么？",
            "law": "甲法",
            "article": "第二条",
            "gold_text": "乙。,丙。",
            "law_path": "类/甲法(2020-01-01).md",
        },
    ]
    path = tmp_path / "rec.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    first = clause("x1", "甲法(2020-01-01)", "第一条", [], "为了甲，制定本法。")
    CLAUSES.append(first)
    try:
        engine = FakeEngine(
            {
                "甲法第一条的内容是什么？": ("第一条：为了甲，制定本法。", True, ["x1"]),
                "甲法第二条的内容是什么？": ("乙。", True, ["x1"]),
            }
        )
        report = run_recitation(engine, path)
    finally:
        CLAUSES.remove(first)
    assert (report.n, report.label_correct, report.text_correct) == (2, 1, 1)
    assert recitation_paths(path, root=tmp_path) == [tmp_path / "类/甲法(2020-01-01).md"]


@pytest.mark.skipif(not RECITATION.exists(), reason="shared recitation data not present")
def test_recitation_paths_real_file() -> None:
    paths = recitation_paths(RECITATION)
    assert len(paths) == len(set(paths)) > 10
    assert all(p.exists() for p in paths)


# ---- the dev set itself -------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.fixture(scope="module")
def devset_rows() -> list[dict]:
    return [json.loads(line) for line in DEFAULT_DEVSET.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def corpus_text() -> dict[str, str]:
    return {p.stem: _norm(p.read_text(encoding="utf-8")) for p in CORPUS.iterdir() if p.suffix in (".txt", ".md")}


def test_devset_shape(devset_rows: list[dict]) -> None:
    assert len(devset_rows) >= 90
    for row in devset_rows:
        assert all(name in row for name in REQUIRED_FIELDS), row
        assert row["intent"] in INTENTS, row
        if row.get("as_of"):
            date.fromisoformat(row["as_of"])
    ids = [row["id"] for row in devset_rows]
    assert len(ids) == len(set(ids))
    out_of_scope = [r for r in devset_rows if r["intent"] == "out_of_scope"]
    assert len(out_of_scope) >= 15
    assert all(r["answerable"] is False and r["gold"] == [] and r["facts"] == [] for r in out_of_scope)
    for row in devset_rows:
        if row["answerable"] and row["intent"] != "validity":
            assert row["gold"], f"{row['id']}: answerable questions need gold clauses"
    items = load_devset(DEFAULT_DEVSET)  # the loader's own validation agrees
    assert len(items) == len(devset_rows)
    sessions = Counter(r["session"] for r in devset_rows if r.get("session"))
    assert sessions and all(n >= 2 for n in sessions.values())


def _label_pattern(label: str) -> re.Pattern[str]:
    """A label as it starts a clause: "6." must not match inside "2.5万" or "16."."""
    norm = _norm(label)
    if re.fullmatch(r"\d+\.", norm):
        return re.compile(rf"(?<![\d.]){re.escape(norm)}(?!\d)")
    return re.compile(re.escape(norm))


def test_devset_gold_and_facts_occur_in_corpus(devset_rows: list[dict], corpus_text: dict[str, str]) -> None:
    problems: list[str] = []
    for row in devset_rows:
        docs = {g["doc"] for g in row["gold"]}
        for gold in row["gold"]:
            text = corpus_text.get(gold["doc"])
            if text is None:
                problems.append(f"{row['id']}: unknown document {gold['doc']}")
                continue
            start = 0
            if gold.get("under"):
                start = text.find(_norm(gold["under"]))
                if start < 0:
                    problems.append(f"{row['id']}: 'under' {gold['under']} not in {gold['doc']}")
                    continue
            if not _label_pattern(gold["label"]).search(text, start):
                problems.append(f"{row['id']}: label {gold['label']} not in {gold['doc']} after {gold.get('under')}")
        for fact in row["facts"]:
            where = [corpus_text[d] for d in docs if d in corpus_text] or list(corpus_text.values())
            if not any(_norm(fact) in text for text in where):
                problems.append(f"{row['id']}: fact {fact!r} not in {sorted(docs) or 'the corpus'}")
    assert not problems, "\n".join(problems)
