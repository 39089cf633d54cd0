"""Question sets written blind: by people who read the documents and never the code.

- `blind_seeds.jsonl`: 45 questions on the bundled texts (enterprises, universities, hospitals,
  banks, officials; amounts with their conditions and exclusions, programmes, duties, goals,
  seven the texts cannot answer);
- `blind_notices.jsonl`: 40 questions on documents nobody tuned for: the State Council notices
  and Guangzhou pages of `../shared/realdata` (six the texts cannot answer);
- `blind_seeds_2.jsonl`: 40 more on the bundled texts by another writer, a session later (eight
  the texts cannot answer);
- `blind_laws.jsonl`: 40 layperson and enterprise questions on the 36 laws and regulations of
  `../shared/realdata/laws`, indexed beside the bundled corpus (six the texts cannot answer);
- `blind_seeds_3.jsonl` (30, six unanswerable) and `blind_notices_2.jsonl` (30 over 21 notices and
  pages, five unanswerable): written by two more helpers and run once, before and after a session's
  changes, without being looked at in between: the held-out measure of that session;
- `blind_seeds_4.jsonl` (30, six unanswerable), `blind_notices_3.jsonl` (30 over 23 notices and pages,
  mostly ones no earlier set asked about, six unanswerable) and `blind_laws_2.jsonl` (30 over 24 laws,
  avoiding the articles `blind_laws` asks, six unanswerable): the next session's held-out sets, run
  once on the code it started from before any was read;
- `blind_seeds_5.jsonl`, `blind_notices_4.jsonl` (22 notices and pages) and `blind_laws_3.jsonl` (24
  laws), 30 each with six unanswerable: written at that session's end and run once on its final code,
  unread — the held-out measure of where it left the product, and the next session's start;
- `blind_seeds_6.jsonl`, `blind_notices_5.jsonl` (22 notices and pages) and `blind_laws_4.jsonl` (23
  laws), 30 each with six unanswerable: written at the next session's start and run once on its last
  code, unread.

Each row: {"id", "question", "kind", "doc", "label", "must_contain"}. `kind` is the intent the
writer meant, or "refuse"; `must_contain` the strings a right answer states (compared NFKC, without
whitespace). A row passes when an answerable question is answered holding all of them, and a
"refuse" row when it is refused. The writers' judgements stand as written (some strings are strict:
"1年" where the answer gives the date the year ends); the figure is a pass rate, not an accuracy.

    python -m eval.blind_sets --set seeds                        # the bundled corpus, indexed in a temp dir
    python -m eval.blind_sets --set notices --work-dir /tmp/bn   # corpus + ../shared notices and pages
    python -m eval.blind_sets --set laws --work-dir /tmp/bl      # corpus + ../shared laws
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from eval.realsets import DEFAULT_SHARED, open_indexed

EVAL_DIR = Path(__file__).resolve().parent
SETS = {
    "seeds": EVAL_DIR / "blind_seeds.jsonl",
    "notices": EVAL_DIR / "blind_notices.jsonl",
    "seeds-2": EVAL_DIR / "blind_seeds_2.jsonl",
    "laws": EVAL_DIR / "blind_laws.jsonl",
    "seeds-3": EVAL_DIR / "blind_seeds_3.jsonl",
    "notices-2": EVAL_DIR / "blind_notices_2.jsonl",
    "seeds-4": EVAL_DIR / "blind_seeds_4.jsonl",
    "notices-3": EVAL_DIR / "blind_notices_3.jsonl",
    "laws-2": EVAL_DIR / "blind_laws_2.jsonl",
    "seeds-5": EVAL_DIR / "blind_seeds_5.jsonl",
    "notices-4": EVAL_DIR / "blind_notices_4.jsonl",
    "laws-3": EVAL_DIR / "blind_laws_3.jsonl",
    "seeds-6": EVAL_DIR / "blind_seeds_6.jsonl",
    "notices-5": EVAL_DIR / "blind_notices_5.jsonl",
    "laws-4": EVAL_DIR / "blind_laws_4.jsonl",
}
NEEDS_SHARED = tuple(name for name in SETS if name.startswith(("notices", "laws")))
KINDS = ("amount", "eligibility", "obligation", "deadline", "target", "validity", "general", "refuse")


@dataclass(frozen=True)
class BlindQuestion:
    id: str
    question: str
    kind: str
    doc: str
    label: str
    must_contain: tuple[str, ...]


def load(path: Path) -> list[BlindQuestion]:
    """The rows of a blind set; a bad row raises ValueError naming its line."""
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        obj = json.loads(raw)
        if obj.get("kind") not in KINDS or not obj.get("question"):
            raise ValueError(f"{path}:{number}: kind must be one of {KINDS} and the question non-empty")
        if (obj["kind"] == "refuse") == bool(obj.get("must_contain")):
            raise ValueError(f"{path}:{number}: a refuse row states nothing, an answerable row at least one string")
        rows.append(BlindQuestion(obj["id"], obj["question"], obj["kind"], obj["doc"], obj["label"], tuple(obj["must_contain"])))
    return rows


def plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def passes(row: BlindQuestion, answerable: bool, answer: str) -> tuple[bool, list[str]]:
    """Whether the answer passes the row, and the strings it lacks."""
    if row.kind == "refuse":
        return not answerable, []
    missing = [s for s in row.must_contain if plain(s) not in plain(answer)]
    return answerable and not missing, missing


def corpus_files(name: str, shared: Path) -> list[Path]:
    from kb.config import BUNDLED_CORPUS

    if name.startswith("laws"):
        return [BUNDLED_CORPUS, shared / "realdata" / "laws"]
    if name.startswith("notices"):
        return [BUNDLED_CORPUS, shared / "realdata" / "gov_notices", *sorted((shared / "realdata" / "html").glob("*.html"))]
    return [BUNDLED_CORPUS]


def main(argv: list[str] | None = None) -> int:
    from kb.config import load_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(SETS), default="seeds")
    parser.add_argument("--work-dir", type=Path, help="index kept here (incremental); default: a temporary one")
    parser.add_argument("--shared-dir", type=Path, default=DEFAULT_SHARED)
    args = parser.parse_args(argv)
    if args.set in NEEDS_SHARED and not (args.shared_dir / "realdata").is_dir():
        print(f"{args.shared_dir}/realdata is missing: the {args.set} set needs ../shared", file=sys.stderr)
        return 2
    rows = load(SETS[args.set])
    with tempfile.TemporaryDirectory() as tmp:
        engine, _ = open_indexed(load_settings(data_dir=args.work_dir or Path(tmp)), corpus_files(args.set, args.shared_dir))
        passed: Counter[str] = Counter()
        asked: Counter[str] = Counter()
        for row in rows:
            answer = engine.ask(row.question, session_id=row.id)
            ok, missing = passes(row, answer.answerable, answer.answer)
            asked[row.kind] += 1
            passed[row.kind] += ok
            if not ok:
                got = "answered" if answer.answerable else "refused"
                print(f"  {row.id} [{row.kind}] {got}, lacks {missing or '-'}: {row.question}")
        print(f"{args.set}: {sum(passed.values())}/{len(rows)} pass")
        print("  " + "  ".join(f"{kind} {passed[kind]}/{asked[kind]}" for kind in KINDS if asked[kind]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
