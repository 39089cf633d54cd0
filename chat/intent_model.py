"""The intent classifier: a linear model over character n-grams, jieba words, the domain cue
lexicon and the slots found in the question, shipped as `chat/data/intent_model.json`.

Fitted by `python -m eval.fit_intents` on `eval/intents.jsonl` (scikit-learn TF-IDF +
logistic regression, deterministic); this module only applies the stored weights, so serving
needs no scikit-learn and the same file gives the same answer everywhere. The featurisation
here is the single definition both sides use: `intent_features` feeds the fit, `IntentModel`
reproduces sklearn's sublinear TF-IDF with l2 normalisation per block.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kb.textnorm import fold, nfkc

MODEL_FILE = Path(__file__).resolve().parent / "data" / "intent_model.json"
CHAR_NGRAMS = (1, 3)
_WHITE_SPACES = re.compile(r"\s\s+")


def char_ngrams(text: str) -> list[str]:
    """sklearn's `analyzer="char"` n-grams of the lower-cased text (so the fit and serving agree)."""
    text = _WHITE_SPACES.sub(" ", text.lower())
    low, high = CHAR_NGRAMS
    return [text[i : i + n] for n in range(low, high + 1) for i in range(len(text) - n + 1)]


def intent_features(question: str) -> list[str]:
    """Word, cue-lexicon and slot features of a question ("w:有效", "c:validity", "s:unit" …).

    Multi-word domain terms (有效发明专利, bureau names) are jieba tokens, so a cue inside a term
    is a different feature from the cue alone; the model learns which one signals an intent.
    """
    from chat.understand import CUES, STRUCTURAL_PATTERNS, slot_flags
    from kb.tokenize import _KEEP, _tokenizer

    text = nfkc(question)
    features = ["w:" + w for w in _tokenizer().cut(fold(text)) if _KEEP.search(w)]
    for intent, cues in CUES.items():
        present = [c for c in cues if c in text]
        features += [f"c:{intent}:{c}" for c in present]
        if present:
            features.append(f"c:{intent}")
    features += [f"r:{name}" for name, pattern in STRUCTURAL_PATTERNS.items() if pattern.search(text)]
    features += [f"s:{flag}" for flag in slot_flags(text)]
    return features


def _block(terms: list[str], vocabulary: dict[str, tuple[float, list[float]]], n_classes: int) -> list[float]:
    """Class scores of one TF-IDF block: sublinear tf × idf, l2-normalised, dotted with the weights."""
    counts = Counter(t for t in terms if t in vocabulary)
    values = {t: (1.0 + math.log(k)) * vocabulary[t][0] for t, k in counts.items()}
    norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
    scores = [0.0] * n_classes
    for term, value in values.items():
        weights = vocabulary[term][1]
        for i in range(n_classes):
            scores[i] += weights[i] * value / norm
    return scores


@dataclass(frozen=True)
class IntentModel:
    classes: tuple[str, ...]
    intercepts: tuple[float, ...]
    chars: dict[str, tuple[float, list[float]]]  # n-gram -> (idf, weight per class)
    features: dict[str, tuple[float, list[float]]]  # feature -> (idf, weight per class)

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> IntentModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            classes=tuple(data["classes"]),
            intercepts=tuple(data["intercepts"]),
            chars={k: (v[0], v[1]) for k, v in data["chars"].items()},
            features={k: (v[0], v[1]) for k, v in data["features"].items()},
        )

    def scores(self, question: str) -> dict[str, float]:
        n = len(self.classes)
        chars = _block(char_ngrams(nfkc(question)), self.chars, n)
        feats = _block(intent_features(question), self.features, n)
        return {c: self.intercepts[i] + chars[i] + feats[i] for i, c in enumerate(self.classes)}

    def predict(self, question: str) -> str:
        scores = self.scores(question)
        return max(self.classes, key=lambda c: scores[c])


@cache
def default_model() -> IntentModel:
    return IntentModel.load()
