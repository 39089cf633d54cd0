"""BM25 over jieba tokens (bm25s), persisted next to the catalog and swapped atomically."""

from __future__ import annotations

import json
import math
import os
import shutil
import threading
from collections.abc import Container, Sequence
from functools import cached_property
from pathlib import Path

import bm25s
import numpy as np

MASK_CACHE_SIZE = 32  # each mask is 4 bytes per clause: 1 MB at 250k clauses


class BM25Index:
    def __init__(self, ids: list[str], model: bm25s.BM25 | None) -> None:
        self.ids = ids
        self._model = model
        self._row = {cid: i for i, cid in enumerate(ids)}
        self._masks: dict[frozenset[str], np.ndarray] = {}
        self._masks_lock = threading.Lock()

    @classmethod
    def build(cls, ids: list[str], corpus_tokens: Sequence[list[str]]) -> BM25Index:
        if not ids:
            return cls([], None)
        model = bm25s.BM25()
        model.index([list(t) or ["∅"] for t in corpus_tokens], show_progress=False)
        return cls(ids, model)

    def save(self, directory: Path, generation: str) -> None:
        """Write to a sibling temp dir, then rename over the old one: readers never see half an index."""
        tmp = directory.with_name(directory.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self._model is not None:
            self._model.save(str(tmp), show_progress=False)
        (tmp / "ids.json").write_text(json.dumps({"generation": generation, "ids": self.ids}), encoding="utf-8")
        old = directory.with_name(directory.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if directory.exists():
            os.replace(directory, old)
        os.replace(tmp, directory)
        shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> tuple[BM25Index, str] | None:
        """The saved index and its generation, or None when there is none."""
        meta = directory / "ids.json"
        if not meta.exists():
            return None
        saved = json.loads(meta.read_text(encoding="utf-8"))
        model = bm25s.BM25.load(str(directory), show_progress=False) if saved["ids"] else None
        return cls(saved["ids"], model), saved["generation"]

    @property
    def vocabulary(self) -> Container[str]:
        return self._model.vocab_dict if self._model is not None else {}

    def rarity(self, word: str) -> float:
        """How rare `word` is among the clauses, 0 (in every clause) to 1 (in none): its inverse
        document frequency scaled by that of a word no clause has."""
        if self._model is None:
            return 1.0
        scores = self._model.scores
        row = self._model.vocab_dict.get(word)
        df = 0 if row is None else int(scores["indptr"][row + 1] - scores["indptr"][row])
        n = int(scores["num_docs"])
        return math.log((n + 1) / (df + 1)) / math.log(n + 1)

    @cached_property
    def bigrams(self) -> frozenset[str]:
        """Every two-character piece of the vocabulary's words: "器械" is not a word of a text that
        says "康复辅助器具", but "康复" is, while nothing of "海王星" is."""
        words = self._model.vocab_dict if self._model is not None else {}
        return frozenset(w[i : i + 2] for w in words for i in range(len(w) - 1))

    def _mask(self, allowed: frozenset[str]) -> np.ndarray:
        """1.0 on the rows of `allowed`; the last few are kept, as the same filters recur."""
        with self._masks_lock:  # request threads share the index
            mask = self._masks.get(allowed)
            if mask is None:
                mask = np.zeros(len(self.ids), dtype=np.float32)
                mask[[self._row[c] for c in allowed if c in self._row]] = 1.0
                if len(self._masks) >= MASK_CACHE_SIZE:
                    self._masks.pop(next(iter(self._masks)))
                self._masks[allowed] = mask
            return mask

    def search(self, query_tokens: list[str], k: int, allowed: frozenset[str] | None = None) -> list[tuple[str, float]]:
        """(clause id, BM25 score) best first; `allowed` restricts the candidates."""
        if self._model is None:
            return []
        vocab = self._model.vocab_dict
        known = [t for t in query_tokens if t in vocab]
        if not known:
            return []
        mask = None if allowed is None else self._mask(allowed)
        if mask is not None and not mask.any():
            return []
        # Scoring is a few sparse column sums; bm25s's `retrieve` wraps it in a thread pool and a
        # progress bar that cost ten times as much at 250k clauses, so select the top k here.
        scores = self._model.get_scores(known, weight_mask=mask)
        rows = np.flatnonzero(scores > 0)
        if len(rows) > k:
            rows = rows[np.argpartition(-scores[rows], k - 1)[:k]]
        rows = rows[np.lexsort((rows, -scores[rows]))]
        return [(self.ids[r], float(scores[r])) for r in rows]
