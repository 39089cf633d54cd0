"""Two versions of one law: the newer is in force, the older is superseded and cited second."""

from __future__ import annotations

from datetime import date

import pytest

from chat.engine import Engine
from indexer.pipeline import index_paths
from kb.config import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow

LAWS = PROJECT_ROOT.parent / "shared" / "realdata" / "laws"
OLD, NEW = "行政法规_专利法实施细则(2010-01-09)", "行政法规_专利法实施细则(2023-12-11)"


def test_the_newer_version_supersedes_the_older(tmp_path):
    engine = Engine.open(Settings(data_dir=tmp_path / "data"))
    report = index_paths(engine.kb, [LAWS / f"{OLD}.md", LAWS / f"{NEW}.md"], progress=False)
    assert sorted(report.added) == sorted([OLD, NEW])
    today = date(2025, 6, 1)
    assert engine.kb.document(OLD).status(today) == "superseded"
    assert engine.kb.document(OLD).superseded_by == NEW
    assert engine.kb.document(NEW).status(today) == "in_force"
    answer = engine.ask("专利法实施细则第一条的内容是什么？", as_of=today)
    assert answer.citations[0].doc_id == NEW and answer.citations[0].valid
    assert all(c.doc_id != OLD or not c.valid for c in answer.citations)
