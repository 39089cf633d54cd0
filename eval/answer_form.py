"""Answer form on the dev set (issue 12): answer length by intent and answers that say a sentence twice.

    python -m eval.answer_form --data-dir /tmp/seeds-e5 [--as-of 2025-06-01]

Each answerable question is asked in a fresh session on the given day (default: each question's
own `as_of`, else today).
"""

from __future__ import annotations

import argparse
import re
import statistics
from collections import defaultdict
from datetime import date

from eval.harness import load_devset

MIN_SENTENCE = 8  # shorter pieces ("条件：" …) are not sentences a reader would notice twice


def repeated_sentence(text: str) -> str | None:
    sentences = [s for s in re.split(r"[。\n]", text) if len(s) > MIN_SENTENCE]
    return next((s for s in sentences if sentences.count(s) > 1), None)


def main(argv: list[str] | None = None) -> int:
    from chat.engine import Engine
    from kb.config import load_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--as-of", type=date.fromisoformat)
    args = parser.parse_args(argv)
    engine = Engine.open(load_settings(data_dir=args.data_dir))
    lengths: dict[str, list[int]] = defaultdict(list)
    repeats = []
    for item in load_devset():
        if not item.answerable:
            continue
        answer = engine.ask(item.question, as_of=args.as_of or item.as_of)
        lengths[item.intent].append(len(answer.answer))
        twice = repeated_sentence(answer.answer)
        if twice:
            repeats.append((item.id, twice))
    print(f"{'intent':12} {'n':>3} {'median chars':>13} {'max':>6}")
    for intent, values in sorted(lengths.items()):
        print(f"{intent:12} {len(values):3d} {statistics.median(values):13.0f} {max(values):6d}")
    print(f"answers that say a sentence twice: {len(repeats)}")
    for item_id, sentence in repeats:
        print(f"  {item_id}: {sentence[:60]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
