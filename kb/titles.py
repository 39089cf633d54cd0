"""Matching the names people use for documents ("杨浦方案", "专利法", "第二批专项资金实施细则")
against document titles — fast enough for thousands of documents.

Character and bigram → documents indexes narrow each lookup to the titles that share enough
with the name; the string measures then run on those few only.
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
    """The longest substring of `a` that occurs in `b` (the first such in `a`).

    Binary search on the length (a common run of n characters holds one of n-1), each step a
    few C-level `in` tests: far cheaper than the character-by-character table for the short
    names and titles compared here."""

    def first_run(length: int) -> str | None:
        return next((a[i : i + length] for i in range(len(a) - length + 1) if a[i : i + length] in b), None)

    low, high, best = 1, min(len(a), len(b)), ""
    while low <= high:
        middle = (low + high) // 2
        run = first_run(middle)
        if run is None:
            high = middle - 1
        else:
            best, low = run, middle + 1
    return best


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


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
        self._cores = [core_title(doc.title) for doc in self.documents]
        self._numbers = [fold(doc.doc_number) for doc in self.documents]
        self._by_char: dict[str, list[int]] = defaultdict(list)
        self._by_bigram: dict[str, list[int]] = defaultdict(list)
        self._by_core: dict[str, list[int]] = defaultdict(list)
        for i, doc in enumerate(self.documents):
            for ch in set(fold(doc.title) + self._numbers[i]):
                self._by_char[ch].append(i)
            for gram in bigrams(self._cores[i]) | bigrams(self._numbers[i]):
                self._by_bigram[gram].append(i)
            self._by_core[self._cores[i]].append(i)

    @cached_property
    def titles_and_issuers(self) -> str:
        """Every title and issuer in one string: which places the corpus has documents about."""
        return " ".join(f"{d.title} {d.issuer}" for d in self.documents)

    def _contained_rows(self, text: str) -> list[int]:
        """Rows whose whole title (without 中华人民共和国) occurs in the folded `text`."""
        found: set[int] = set()
        for start in range(len(text)):
            for end in range(start + 3, min(len(text), start + 60) + 1):
                found.update(self._by_core.get(text[start:end], ()))
        return sorted(found)

    def _candidate_rows(self, text: str, min_shared: int) -> list[int]:
        """Rows whose title (or 文号) shares at least `min_shared` distinct characters with `text`."""
        counts: Counter[int] = Counter()
        for ch in set(fold(text)):
            for i in self._by_char.get(ch, ()):
                counts[i] += 1
        return [i for i, n in counts.items() if n >= min_shared]

    def best_match(self, name: str) -> tuple[float, list[Document]]:
        """(score, documents with that score) for a name used in a question."""
        name = fold(name)
        rows = dict.fromkeys([*self._contained_rows(name), *self._candidate_rows(name, max(2, len(set(name)) // 2))])
        scored = [(title_match(name, self.documents[i].title), self.documents[i]) for i in rows]
        best = max((s for s, _ in scored), default=0.0)
        return best, [d for s, d in scored if s == best and best > 0]

    def longest_run(self, text: str, min_length: int) -> tuple[str, list[Document]]:
        """The longest run of title characters in `text` (at least `min_length`), and whose titles hold it."""
        text = fold(text)
        runs = []
        for i in self._candidate_rows(text, min_length):
            run = common_substring(text, self._cores[i]).removeprefix("上海市").removeprefix("上海")
            if len(run) >= min_length:
                runs.append((run, self.documents[i]))
        longest = max((len(r) for r, _ in runs), default=0)
        best = [(r, d) for r, d in runs if len(r) == longest]
        return (best[0][0], [d for _, d in best]) if best else ("", [])

    def best_by_hint(self, hint: str) -> list[Document]:
        """The documents that best fit a hint such as "专利法" before a clause label: a title the hint
        holds whole, the longest first; else the longest run shared with a title or 文号 (at least 2).

        Titles are visited by how many of the hint's bigrams they share, which bounds their run,
        so at thousands of documents only the few that can still win are compared in full."""
        hint = fold(hint)
        whole = self._contained_rows(hint)
        if whole:
            scored = [((len(self._cores[i]), max(len(self._cores[i]), common_run(hint, self._numbers[i]))), i) for i in whole]
            top = max(score for score, _ in scored)
            return [self.documents[i] for score, i in scored if score == top]
        shared: Counter[int] = Counter()
        for gram in bigrams(hint):
            for i in self._by_bigram.get(gram, ()):
                shared[i] += 1
        best, found = 2, []
        for i, n in shared.most_common():
            if n + 1 < best:  # a run of r characters holds r-1 bigrams
                break
            run = max(common_run(hint, self._cores[i]), common_run(hint, self._numbers[i]))
            if run > best:
                best, found = run, []
            if run == best:
                found.append(i)
        return [self.documents[i] for i in sorted(found)]
