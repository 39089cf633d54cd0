"""Sentence windows that share a sentence are cited as one passage (kb/retrieve.py `windows_joined`).

A notice without headings is cut into overlapping windows of 1–3 sentences; two neighbours often
come back together. Cited as one verbatim passage they take one place, not two.
"""

from __future__ import annotations

from indexer.segment import segment
from kb.labels import window_span
from kb.models import Clause, Hit
from kb.retrieve import JOINED_CHARS, windows_joined


def _sentence(n: int, length: int = 40) -> str:
    head = f"第{n}项措施要求"
    return head + "落" * (length - len(head) - 1) + "。"


def _windows(sentences: int = 12, length: int = 40, doc_id: str = "notice") -> dict[str, Clause]:
    """The windows the segmenter cuts a one-paragraph notice into, as clauses by label."""
    text = "".join(_sentence(i, length) for i in range(1, sentences + 1))
    windows = [s for s in segment(text) if s.parent is not None]
    return {
        w.label: Clause(clause_id=f"{doc_id}-{i}", doc_id=doc_id, label=w.label, cite=w.label, text=w.text, order=i)
        for i, w in enumerate(windows, 1)
    }


def _hit(clause: Clause, score: float) -> Hit:
    return Hit(clause=clause, score=score, sources=["dense"])


def test_every_window_label_the_segmenter_writes_is_read_back_with_its_sentences():
    labels = list(_windows())
    spans = [window_span(label) for label in labels]
    assert spans[:3] == [("", 1, 3), ("", 3, 5), ("", 5, 7)]
    assert all(b[1] == a[2] for a, b in zip(spans, spans[1:], strict=False))  # neighbours share one sentence
    assert window_span("第2段第3–5句") == ("第2段", 3, 5)
    assert window_span("第6句第2部分") is None and window_span("第十五条") is None


def test_two_windows_sharing_a_sentence_are_one_verbatim_passage_at_the_better_place():
    windows = _windows()
    other = Clause(clause_id="x", doc_id="other", label="第1–3句", text="另一份通知。", order=1)
    hits = [_hit(windows["第5–7句"], 0.9), _hit(other, 0.8), _hit(windows["第3–5句"], 0.7)]
    joined = windows_joined(hits)
    assert [h.clause.doc_id for h in joined] == ["notice", "other"]
    passage = joined[0].clause
    assert passage.label == passage.cite == "第3–7句"
    assert passage.text == "".join(_sentence(i) for i in range(3, 8))
    assert joined[0].score == 0.9 and passage.clause_id == windows["第5–7句"].clause_id


def test_a_chain_of_windows_joins_while_it_fits_the_budget():
    windows = _windows()
    joined = windows_joined([_hit(windows[label], 1.0) for label in ("第3–5句", "第5–7句", "第7–9句")])
    assert len(joined) == 1 and joined[0].clause.label == "第3–9句"
    long_windows = _windows(length=100)  # 100-character sentences: three windows pass the budget
    labels = list(long_windows)
    chain = windows_joined([_hit(long_windows[label], 1.0) for label in labels[:4]])
    assert len(chain) > 1 and all(len(h.clause.text) <= JOINED_CHARS for h in chain)


def test_windows_that_share_no_sentence_or_come_from_another_notice_stay_apart():
    windows = _windows()
    mine = _windows(doc_id="another")
    apart = [_hit(windows["第1–3句"], 0.9), _hit(windows["第5–7句"], 0.8), _hit(mine["第3–5句"], 0.7)]
    assert windows_joined(apart) == apart
    article = Clause(clause_id="a", doc_id="notice", label="第三条", text="第三条 本办法自发布之日起施行。", order=2)
    assert windows_joined([_hit(article, 1.0), _hit(windows["第1–3句"], 0.5)])[0].clause == article
