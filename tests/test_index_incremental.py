"""Re-indexing is incremental and idempotent, and a crash leaves the index usable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import pipeline
from indexer.pipeline import index_paths
from kb.config import BUNDLED_CORPUS, Settings
from kb.store import KnowledgeBase
from kb.tokenize import tokens

pytestmark = pytest.mark.slow

SEED_PLAN = "沪府办发2024-7号_上海市专利转化运用专项行动实施方案.txt"
SEED_RULES = "上海市知识产权运营服务体系建设第二批专项资金实施细则_2022.txt"


@pytest.fixture(scope="module")
def indexed_template(tmp_path_factory) -> Path:
    """One indexed copy of the bundled corpus; each test starts from a copy of it."""
    root = tmp_path_factory.mktemp("template")
    shutil.copytree(BUNDLED_CORPUS, root / "corpus")
    kb = KnowledgeBase.open(Settings(data_dir=root / "data"))
    report = index_paths(kb, [root / "corpus"], progress=False)
    assert len(report.added) == 4 and not report.failed
    kb.close()
    return root


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, folder)
    return folder


@pytest.fixture()
def kb(tmp_path: Path) -> KnowledgeBase:
    kb = KnowledgeBase.open(Settings(data_dir=tmp_path / "data"))
    yield kb
    kb.close()


@pytest.fixture()
def indexed_kb(tmp_path: Path, indexed_template: Path, corpus: Path) -> KnowledgeBase:
    """A knowledge base that already holds the corpus (copied from the template: no re-embedding)."""
    shutil.copytree(indexed_template / "data", tmp_path / "data")
    kb = KnowledgeBase.open(Settings(data_dir=tmp_path / "data"))
    report = index_paths(kb, [corpus], progress=False)  # the corpus moved: nothing to embed
    assert report.clauses_embedded == 0
    yield kb
    kb.close()


def _ids(kb: KnowledgeBase) -> set[str]:
    return {c.clause_id for c in kb.clauses()}


def test_first_run_indexes_every_document_and_embeds_every_clause_with_stable_ids(kb, corpus, indexed_template):
    report = index_paths(kb, [corpus], progress=False)
    assert len(report.added) == 4 and not report.failed
    assert report.clauses_embedded == report.clauses_total == kb.catalog.count() > 100
    assert kb.vectors.count() == kb.catalog.count()
    assert len(kb.bm25.ids) == kb.catalog.count()
    template = KnowledgeBase.open(Settings(data_dir=indexed_template / "data"))
    assert _ids(kb) == _ids(template)  # same text, same ids, whichever run made them
    template.close()


def test_rerun_on_unchanged_corpus_embeds_nothing_and_keeps_ids(indexed_kb, corpus):
    kb = indexed_kb
    before = _ids(kb)
    report = index_paths(kb, [corpus], progress=False)
    assert report.clauses_embedded == 0
    assert len(report.skipped) == 4 and not (report.added or report.updated or report.removed)
    assert _ids(kb) == before


def test_editing_one_document_re_embeds_only_its_changed_clauses(indexed_kb, corpus):
    kb = indexed_kb
    others_before = {c.clause_id for c in kb.clauses() if not c.doc_id.startswith("上海市知识产权运营")}
    path = corpus / SEED_RULES
    text = path.read_text(encoding="utf-8")
    edited = text.replace("一次性予以每家不超过20万元经费支持。\n已获得", "一次性予以每家不超过25万元经费支持。\n已获得")
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    report = index_paths(kb, [corpus], progress=False)
    assert len(report.updated) == 1 and len(report.skipped) == 3
    assert 1 <= report.clauses_embedded <= 3  # 第十五条 (and the chapter/section clause holding it, if any)
    assert {c.clause_id for c in kb.clauses() if not c.doc_id.startswith("上海市知识产权运营")} == others_before
    article = kb.clauses(doc_id=pipeline.doc_id_for(path), label="第十五条")[0]
    assert "25万元" in article.text
    assert kb.vectors.count() == kb.catalog.count()


def test_removed_document_loses_its_clauses_everywhere(indexed_kb, corpus):
    kb = indexed_kb
    (corpus / SEED_PLAN).unlink()
    report = index_paths(kb, [corpus], progress=False)
    assert report.removed == [pipeline.doc_id_for(corpus / SEED_PLAN)]
    assert not kb.clauses(doc_id=report.removed[0])
    assert kb.vectors.count() == kb.catalog.count()
    assert set(kb.bm25.ids) == _ids(kb)


def test_nearest_neighbours_follow_the_index_after_a_document_is_removed(indexed_kb, corpus):
    """The vectors held in memory for exact search are dropped when the index changes."""
    kb = indexed_kb
    query = kb.embed_query("组织高校、科研机构和医疗卫生机构开展存量专利盘点")
    removed = pipeline.doc_id_for(corpus / SEED_PLAN)
    assert any(i in _ids_of(kb, removed) for i, _ in kb.nearest(query, 10))
    gone = _ids_of(kb, removed)
    (corpus / SEED_PLAN).unlink()
    index_paths(kb, [corpus], progress=False)
    assert not any(i in gone for i, _ in kb.nearest(query, 10))


def _ids_of(kb: KnowledgeBase, doc_id: str) -> set[str]:
    return {c.clause_id for c in kb.clauses(doc_id=doc_id)}


def test_bad_files_are_reported_and_the_rest_is_indexed(indexed_kb, corpus):
    kb = indexed_kb
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4 broken")
    (corpus / "new.txt").write_text("第一条 本办法自2025年1月1日起施行。", encoding="gb18030")
    report = index_paths(kb, [corpus], progress=False)
    assert report.added == ["new"] and len(report.skipped) == 4
    failed = {Path(p).name: reason for p, reason in report.failed}
    assert set(failed) == {"empty.txt", "scan.pdf"}
    assert all(reason for reason in failed.values())


def test_crash_before_commit_keeps_previous_version_and_next_run_repairs(indexed_kb, corpus, monkeypatch):
    kb = indexed_kb
    before = _ids(kb)
    path = corpus / SEED_RULES
    path.write_text(path.read_text(encoding="utf-8").replace("80万元", "90万元"), encoding="utf-8")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("killed while writing the catalog")

    monkeypatch.setattr(kb.catalog, "replace_document", crash)
    with pytest.raises(KeyboardInterrupt):
        index_paths(kb, [corpus], progress=False)
    monkeypatch.undo()
    # The vectors of the new version may already be written, but the catalog still has the old one.
    assert _ids(kb) == before
    assert kb.vectors.count() >= kb.catalog.count()
    report = index_paths(kb, [corpus], progress=False)
    assert len(report.updated) == 1
    assert any("90万元" in c.text for c in kb.clauses(doc_id=pipeline.doc_id_for(path)))
    assert kb.vectors.count() == kb.catalog.count()


def test_stale_bm25_is_rebuilt_on_open(indexed_kb):
    settings = indexed_kb.settings
    ids = _ids(indexed_kb)
    indexed_kb.close()
    shutil.rmtree(settings.data_dir / "bm25")
    reopened = KnowledgeBase.open(settings)
    assert set(reopened.bm25.ids) == _ids(reopened) == ids
    assert reopened.bm25.search(tokens("专利超市"), 3)
    reopened.close()
