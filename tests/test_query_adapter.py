"""The query adapter: a linear map of question vectors fitted on real questions
(kb/query_adapter.py), its fit (eval/fit_query_adapter.py) and where it applies."""

from __future__ import annotations

import shutil
from dataclasses import replace

import numpy as np
import pytest

from eval.fit_query_adapter import DEV_SET, SetVectors, dense_hits, fit, out_of_fold, read_dev_set, shipped_out_of_fold
from eval.harness import load_devset
from eval.realsets import half_of
from kb.config import load_settings
from kb.query_adapter import QueryAdapter, adapter_for, save


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def shifted_set(rng: np.random.Generator, shift: np.ndarray, n: int = 400, dim: int = 16) -> SetVectors:
    """Questions that sit off their passages by the same linear distortion, with noise: the way a
    layperson's register sits off a statute's."""
    passages = unit(rng.normal(size=(n, dim)))
    questions = unit(passages @ shift.T + 0.25 * rng.normal(size=(n, dim)))
    return SetVectors(
        name="synthetic",
        passages=passages,
        keys=[(str(i),) for i in range(n)],
        questions=questions,
        gold=[np.array([i]) for i in range(n)],
        halves=["fit" if i % 2 else "test" for i in range(n)],
        ids=[f"q{i}" for i in range(n)],
    )


def test_the_fit_learns_a_shared_distortion_and_finds_held_out_questions_passages():
    rng = np.random.default_rng(0)
    dim = 16
    shift = np.eye(dim) + 1.0 * rng.normal(size=(dim, dim)) / np.sqrt(dim)
    data = shifted_set(rng, shift, dim=dim)
    matrix = fit([(data, data.rows("fit"))], penalty=0.001, steps=300, learning_rate=0.01)
    raw, adapted = dense_hits(data, data.rows("test"), None), dense_hits(data, data.rows("test"), matrix)
    assert adapted["hit@1"] > raw["hit@1"] + 0.1  # on questions it was not fitted on
    assert adapted["MRR"] > raw["MRR"]


def test_a_fit_half_question_is_read_through_an_adapter_fitted_without_it():
    """The re-ranker and the answerability model are fitted on fit-half questions' cosines; each
    such question gets the adapter of the folds it is not in, and test questions get none."""
    rng = np.random.default_rng(3)
    data = shifted_set(rng, np.eye(8) + 0.3 * rng.normal(size=(8, 8)), n=40, dim=8)
    adapters = out_of_fold([data], penalty=0.1, folds=2)
    fit_rows = data.rows("fit")
    assert set(adapters) == {f"synthetic-q{i}" for i in fit_rows}
    for fold in range(2):
        held = [i for n, i in enumerate(fit_rows) if n % 2 == fold]
        expected = fit([(data, [i for i in fit_rows if i not in held])], penalty=0.1)
        assert all(np.allclose(adapters[f"synthetic-q{i}"].matrix, expected, atol=1e-6) for i in held)
    assert not np.allclose(adapters[f"synthetic-q{fit_rows[0]}"].matrix, adapters[f"synthetic-q{fit_rows[1]}"].matrix)


def test_a_strong_penalty_keeps_the_map_at_the_identity():
    rng = np.random.default_rng(1)
    data = shifted_set(rng, np.eye(16) + 0.5 * rng.normal(size=(16, 16)) / 4)
    matrix = fit([(data, data.rows("fit"))], penalty=1e4, steps=300, learning_rate=0.01)
    assert np.abs(matrix - np.eye(16)).max() < 0.01


def test_an_adapted_vector_is_a_unit_vector_and_the_identity_changes_nothing(tmp_path):
    rng = np.random.default_rng(2)
    vector = unit(rng.normal(size=(1, 8)))[0]
    save(tmp_path / "identity.npz", np.eye(8), {"embedder": "e5-small"})
    identity = QueryAdapter.load(tmp_path / "identity.npz")
    assert np.allclose(identity(vector), vector, atol=1e-6)
    save(tmp_path / "skew.npz", np.eye(8) + rng.normal(size=(8, 8)), {"embedder": "e5-small"})
    mapped = QueryAdapter.load(tmp_path / "skew.npz")(vector)
    assert mapped.dtype == np.float32 and np.linalg.norm(mapped) == pytest.approx(1.0, abs=1e-5)


def test_the_shipped_adapter_is_for_e5_questions_only():
    assert adapter_for("e5-small-fp32", 384) is not None and adapter_for("e5-small-int8", 384) is not None
    assert adapter_for("usem3", 512) is None
    shipped = adapter_for("e5-small-fp32", 384)
    assert shipped.matrix.shape == (384, 384) and not np.allclose(shipped.matrix, np.eye(384))


def test_the_dev_set_is_a_set_of_its_own_over_the_bundled_corpus(engine, indexed_settings, tmp_path):
    """The adapter's third set: the dev set's answerable questions, each with every passage of its
    gold articles (an article's items too), halved as the evidence model halves them."""
    shutil.copytree(indexed_settings.data_dir, tmp_path / "data")
    dev = read_dev_set(tmp_path / "data")
    items = [item for item in load_devset() if item.answerable and item.gold]
    assert dev.name == DEV_SET and dev.ids == [item.id for item in items]
    assert dev.halves == [half_of(f"dev-{item.id}") for item in items] and {"fit", "test"} == set(dev.halves)
    for rows in dev.gold:
        articles = {dev.keys[n] for n in rows}
        assert articles and set(rows.tolist()) == {n for n, key in enumerate(dev.keys) if key in articles}
    assert any(len(rows) > 1 for rows in dev.gold)  # 第九条 with its items
    assert dense_hits(dev, dev.rows("test"), None)["hit@5"] > 0.7  # questions and passages are one space


def test_out_of_fold_adapters_need_every_set_the_shipped_adapter_was_fitted_on(tmp_path):
    shipped = adapter_for("e5-small-fp32", 384)
    assert DEV_SET in shipped.fitted["sets"]
    with pytest.raises(ValueError, match=DEV_SET):
        shipped_out_of_fold({"stard": tmp_path, "ncpqa": tmp_path})


def test_questions_are_searched_by_the_adapted_vector_unless_it_is_turned_off(engine):
    kb = engine.kb
    question = "申请专利资助需要什么材料？"
    raw = kb.embedder.embed_queries([question])[0]
    adapted = kb.embed_query(question)
    assert np.allclose(adapted, adapter_for(kb.embedder.name, kb.embedder.dim)(raw), atol=1e-6)
    assert float(adapted @ raw) < 0.9999
    plain = type(kb)(replace(kb.settings, adapt_queries=False), kb.catalog, kb.vectors, kb.embedder)
    assert np.allclose(plain.embed_query(question), raw, atol=1e-6)


@pytest.mark.parametrize(("raw", "expected"), [("0", False), ("off", False), ("1", True), ("true", True)])
def test_the_adapter_can_be_turned_off_from_the_environment(monkeypatch, raw, expected):
    monkeypatch.setenv("POLICYKB_ADAPT_QUERIES", raw)
    assert load_settings().adapt_queries is expected


def test_a_misspelt_switch_is_an_error_not_a_silent_default(monkeypatch):
    monkeypatch.setenv("POLICYKB_ADAPT_QUERIES", "maybe")
    with pytest.raises(ValueError, match="adapt_queries"):
        load_settings()
