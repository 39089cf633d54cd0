"""A linear map of question vectors learnt from real questions (the passages keep their vectors).

multilingual-e5 places a layperson's question ("未成年人犯罪会被公安直接抓起来吗") away from the
statute that answers it ("对于罪行较轻，具备有效监护条件…的未成年犯罪嫌疑人"): the two share the
sense but not the register. A 384×384 matrix W, started at the identity and fitted on the fit
halves of the STARD and NCPQA development sets and of the bundled dev set (without the last it
moved the bundled policy questions away from their clauses; `python -m eval.fit_query_adapter`), moves a
question's vector towards the passages that answer questions like it: the question is searched as
normalise(W q). The fit is a softmax over every passage of the set's corpus (the gold passages'
likelihood against all others) with an L2 pull towards the identity, so the stored passage
vectors and indexes stay valid. Reported on the other halves, and on the test questions whose
gold articles no fit question has, in eval/QUALITY.md. Only the fitted embedder family's
questions are mapped (its cosines are the ones W was fitted on).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).resolve().parent / "data" / "query_adapter.npz"


@dataclass(frozen=True)
class QueryAdapter:
    matrix: np.ndarray  # (dim, dim): the adapted question vector is normalise(matrix @ q)
    embedder: str  # the embedder family it was fitted for ("e5-small" for its variants)
    fitted: dict[str, object]  # how it was fitted (sets, penalty, steps), for reports

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> QueryAdapter:
        with np.load(path) as data:
            matrix = np.asarray(data["matrix"], dtype=np.float32)
            meta = json.loads(str(data["meta"]))
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
            raise ValueError(f"{path}: the matrix must be square, not {matrix.shape}")
        matrix.setflags(write=False)
        return cls(matrix, meta["embedder"], meta)

    def fits(self, embedder_name: str, dim: int) -> bool:
        return embedder_name.startswith(self.embedder) and dim == self.matrix.shape[0]

    def __call__(self, vector: np.ndarray) -> np.ndarray:
        mapped = self.matrix @ np.asarray(vector, dtype=np.float32)
        return (mapped / max(float(np.linalg.norm(mapped)), 1e-12)).astype(np.float32)


def save(path: Path, matrix: np.ndarray, meta: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, matrix=np.asarray(matrix, dtype=np.float32), meta=np.array(json.dumps(meta, ensure_ascii=False)))


def configured_adapter(adapt_queries: bool, embedder_name: str, dim: int) -> QueryAdapter | None:
    """The adapter questions are searched through under these settings: the shipped one for its
    embedder unless `adapt_queries` (POLICYKB_ADAPT_QUERIES) is off."""
    return adapter_for(embedder_name, dim) if adapt_queries else None


@cache
def adapter_for(embedder_name: str, dim: int) -> QueryAdapter | None:
    """The shipped adapter when it was fitted for this embedder, else None (questions unmapped)."""
    if not MODEL_FILE.exists():
        return None
    adapter = QueryAdapter.load()
    return adapter if adapter.fits(embedder_name, dim) else None
