"""Clause-label lookup over real laws: "X法第N条的内容是什么？" returns that article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chat.engine import Engine
from eval.recitation import recitation_paths, run_recitation
from indexer.pipeline import index_paths
from kb.config import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow

JSONL = PROJECT_ROOT.parent / "shared" / "realdata" / "lawbench_recitation.jsonl"
LAWS = ("仲裁法", "保险法", "公司法", "引渡法")  # includes look-alike titles: 军人保险法, 海事诉讼特别程序法


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    rows = [json.loads(line) for line in JSONL.read_text(encoding="utf-8").splitlines() if line.strip()]
    chosen = [r for r in rows if r["law"] in LAWS]
    assert len(chosen) >= 20
    path = tmp_path_factory.mktemp("recitation") / "sample.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in chosen), encoding="utf-8")
    return path


def test_recitation_lookups_return_the_named_article(sample, tmp_path):
    engine = Engine.open(Settings(data_dir=tmp_path / "data"))
    lawrefbook = JSONL.parent.parent / "lawrefbook"
    distractors = [lawrefbook / "社会法" / "军人保险法(2012-04-27).md", lawrefbook / "诉讼与非诉讼程序法" / "海事诉讼特别程序法(1999-12-25).md"]
    report = index_paths(engine.kb, [*recitation_paths(sample, root=lawrefbook), *[p for p in distractors if p.exists()]], progress=False)
    assert not report.failed
    result = run_recitation(engine, sample)
    assert result.label_accuracy >= 0.95, result
    assert result.text_accuracy >= 0.95, result
