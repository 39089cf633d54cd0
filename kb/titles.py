"""Matching the names people use for documents ("杨浦方案", "专利法", "第二批专项资金实施细则")
against document titles — fast enough for thousands of documents.

A character → documents index narrows each lookup to the titles that share enough
characters with the name; the quadratic string measures then run on those few only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import cached_property

from kb.models import Document
from kb.textnorm import fold


def core_title(title: str) -> str:
    return fold(title).removeprefix("中华人民共和国")


def common_run(a: str, b: str) -> int:
    """Length of the longest common substring."""
    return len(common_substring(a, b))


def common_substring(a: str, b: str) -> str:
    best, best_end = 0, 0
    previous = [0] * (len(b) + 1)
    for i, ch in enumerate(a, 1):
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            if ch == other:
                current[j] = previous[j - 1] + 1
                if current[j] > best:
                    best, best_end = current[j], i
        previous = current
    return a[best_end - best : best_end]


def subsequence_ratio(name: str, title: str) -> float:
    """Share of `name`'s characters found in order in `title` ("杨浦方案" in "…杨浦区…工作方案")."""
    previous = [0] * (len(title) + 1)
    for ch in name:
        current = [0] * (len(title) + 1)
        for j, other in enumerate(title, 1):
            current[j] = previous[j - 1] + 1 if ch == other else max(previous[j], current[j - 1])
        previous = current
    return previous[-1] / len(name) if name else 0.0


def title_match(name: str, title: str) -> float:
    """How well a name fits a title: the law's own name inside it ("民法商法个人独资企业法"),
    else the share of the name's characters found in order in the title."""
    core = core_title(title)
    if len(core) >= 3 and core in name:
        return 1.0
    return subsequence_ratio(name, fold(title))


class TitleIndex:
    def __init__(self, documents: Sequence[Document]) -> None:
        self.documents = list(documents)
        self._by_char: dict[str, list[int]] = defaultdict(list)
        self._by_core: dict[str, list[int]] = defaultdict(list)
        for i, doc in enumerate(self.documents):
            for ch in set(fold(doc.title) + fold(doc.doc_number)):
                self._by_char[ch].append(i)
            self._by_core[core_title(doc.title)].append(i)

    @cached_property
    def titles_and_issuers(self) -> str:
        """Every title and issuer in one string: which places the corpus has documents about."""
        return " ".join(f"{d.title} {d.issuer}" for d in self.documents)

    def contained(self, text: str) -> list[Document]:
        """Documents whose whole title (without 中华人民共和国) occurs in `text`."""
        text = fold(text)
        found: set[int] = set()
        for start in range(len(text)):
            for end in range(start + 3, min(len(text), start + 60) + 1):
                found.update(self._by_core.get(text[start:end], ()))
        return [self.documents[i] for i in sorted(found)]

    def candidates(self, text: str, min_shared: int) -> list[Document]:
        """Documents whose title (or 文号) shares at least `min_shared` distinct characters with `text`."""
        counts: Counter[int] = Counter()
        for ch in set(fold(text)):
            for i in self._by_char.get(ch, ()):
                counts[i] += 1
        return [self.documents[i] for i, n in counts.items() if n >= min_shared]

    def best_match(self, name: str) -> tuple[float, list[Document]]:
        """(score, documents with that score) for a name used in a question."""
        name = fold(name)
        pool = {d.doc_id: d for d in [*self.contained(name), *self.candidates(name, max(2, len(set(name)) // 2))]}
        scored = [(title_match(name, d.title), d) for d in pool.values()]
        best = max((s for s, _ in scored), default=0.0)
        return best, [d for s, d in scored if s == best and best > 0]

    def longest_run(self, text: str, min_length: int) -> tuple[str, list[Document]]:
        """The longest run of title characters in `text` (at least `min_length`), and whose titles hold it."""
        text = fold(text)
        runs = []
        for doc in self.candidates(text, min_length):
            run = common_substring(text, core_title(doc.title)).removeprefix("上海市").removeprefix("上海")
            if len(run) >= min_length:
                runs.append((run, doc))
        longest = max((len(r) for r, _ in runs), default=0)
        best = [(r, d) for r, d in runs if len(r) == longest]
        return (best[0][0], [d for _, d in best]) if best else ("", [])

    def by_hint(self, hint: str) -> list[tuple[tuple[int, int], Document]]:
        """Documents scored for a hint such as "专利法" before a clause label: (whole title in hint, common run)."""
        hint = fold(hint)
        out = []
        for doc in self.candidates(hint, 2):
            core = core_title(doc.title)
            whole = len(core) if len(core) >= 3 and core in hint else 0
            run = max(common_run(hint, core), common_run(hint, fold(doc.doc_number)) if doc.doc_number else 0)
            if run >= 2:
                out.append(((whole, run), doc))
        return out
