"""The operator's command line over the shared index."""

from __future__ import annotations

import csv
import io
import json

import pytest

from chat.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture()
def run(engine, indexed_settings, capsys):
    def invoke(*argv: str) -> tuple[int, str, str]:
        code = main([argv[0], "--data-dir", str(indexed_settings.data_dir), "--as-of", "2025-06-01", *argv[1:]])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def test_docs_lists_each_document_with_its_validity(run):
    code, out, _ = run("docs")
    assert code == 0
    lines = {line.split("\t")[1]: line for line in out.splitlines()}
    assert "已失效" in lines["上海市知识产权运营服务体系建设第二批专项资金实施细则"]
    assert "有效期至 2023-12-31" in lines["上海市知识产权运营服务体系建设第二批专项资金实施细则"]
    assert "沪府办发〔2024〕7号" in lines["上海市专利转化运用专项行动实施方案"]
    assert "非政策文件" in lines["激励创造和有效运用，引导企业发明专利高质量发展"]


def test_clauses_by_unit_alias_and_deadline_as_csv(run):
    code, out, err = run("clauses", "--unit", "市教委", "--due-before", "2024-12-31", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["label"] for r in rows] == ["（一）"]
    assert "上海市教育委员会" in rows[0]["units"]
    assert "2024-12-31" in rows[0]["deadlines"]
    assert "共 1 条" in err


def test_clauses_without_filters_lists_every_clause(run, engine):
    code, out, err = run("clauses", "--format", "json")
    assert code == 0
    assert len(json.loads(out)) == engine.kb.catalog.count()


def test_clauses_by_kind_and_document(run):
    code, out, _ = run("clauses", "--kind", "funding", "--doc", "实施细则", "--format", "json")
    labels = {r["label"] for r in json.loads(out)}
    assert {"第六条", "第十五条", "第二十条"} <= labels
    assert all(r["document"].endswith("实施细则") for r in json.loads(out))


def test_unknown_unit_is_a_clear_error(run):
    code, _, err = run("clauses", "--unit", "市宇宙局")
    assert code == 2 and "未找到单位" in err


def test_show_prints_a_clause_with_metadata(run, engine):
    clause = engine.kb.clauses(label="第十五条")[0]
    code, out, _ = run("show", clause.clause_id)
    shown = json.loads(out)
    assert shown["clause"]["label"] == "第十五条"
    assert shown["clause"]["meta"]["amounts"][0]["raw"] == "每家不超过20万元"


def test_ask_answers_with_citations_and_json(run):
    code, out, _ = run("ask", "--json", "商业银行专利商标质押绩效奖补的标准是什么？")
    answer = json.loads(out)
    assert answer["answerable"] and answer["citations"][0]["label"] == "第二十条"
    code, out, _ = run("ask", "深圳的专利补贴有多少？")
    assert "没有找到" in out
