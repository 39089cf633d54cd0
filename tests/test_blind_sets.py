"""The blind question sets load, and their pass rule reads an answer as the writers meant."""

from __future__ import annotations

import pytest

from eval.blind_sets import SETS, BlindQuestion, load, passes


@pytest.mark.parametrize("name", sorted(SETS))
def test_each_blind_set_loads_with_answerable_rows_stating_what_they_need(name):
    rows = load(SETS[name])
    assert len(rows) >= 30 and len({r.id for r in rows}) == len(rows)
    assert all(r.must_contain for r in rows if r.kind != "refuse")


def test_an_answer_passes_holding_every_string_however_it_is_spaced_or_written():
    row = BlindQuestion("x", "q", "amount", "d", "第一条", ("６０件以上", "市知识产权局"))
    assert passes(row, True, "每万人达到60 件以上［1］（责任单位：市知识产权局）") == (True, [])
    assert passes(row, True, "达到60件以上") == (False, ["市知识产权局"])
    assert passes(row, False, "60件以上 市知识产权局")[0] is False  # refused: no answer


def test_a_refuse_row_passes_only_when_refused():
    row = BlindQuestion("x", "q", "refuse", "", "", ())
    assert passes(row, False, "抱歉") == (True, []) and passes(row, True, "…")[0] is False


def test_a_malformed_row_is_named_by_its_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "question": "q", "kind": "refuse", "doc": "", "label": "", "must_contain": ["x"]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.jsonl:1"):
        load(path)
