"""Search tokens for BM25: jieba with the bureau gazetteer as user dictionary, so that
市知识产权局, 金融监管总局上海监管局 … stay single tokens on both sides.

Clauses are indexed in search mode (知识产权 → 知识, 产权, 知识产权) so that any of a long word's
parts can match; questions are cut in precise mode (`query_tokens`), so that one concept of the
question counts once.
"""

from __future__ import annotations

import re
from collections.abc import Container

from kb.textnorm import fold

_KEEP = re.compile(r"[\u4e00-\u9fff0-9a-z]")
STOPWORDS = frozenset(
    "的 了 和 与 及 或 等 是 在 对 为 将 把 被 由 向 从 以 于 其 之 也 都 而 并 且 就 这 那 有 个 吗 呢 吧 啊 么 什么 怎么 哪些 如何 多少 可以 能否 是否 我们 我 你 他 她 它 请问 一下 相关 有关 进行".split()
)


def _tokenizer():
    """The gazetteer's jieba tokenizer (built once, cached by the gazetteer)."""
    from kb.gazetteer import Gazetteer

    return Gazetteer.default().tokenizer()



def cut_words(text: str) -> list[str]:
    """Every word of the precise cut, in order, nothing dropped (for what stands next to what)."""
    return list(_tokenizer().cut(fold(text)))


def tokens(text: str) -> list[str]:
    """Search tokens of `text`: jieba search-mode words minus punctuation and stopwords."""
    out = []
    for word in _tokenizer().cut_for_search(fold(text)):
        word = word.strip()
        if not word or word in STOPWORDS or not _KEEP.search(word):
            continue
        if len(word) == 1 and not word.isdigit():
            continue
        out.append(word)
    return out


def query_tokens(text: str, known: Container[str]) -> list[str]:
    """A question's BM25 tokens: each word once, as the precise cut gives it ("专利权", not also
    "专利" and "利权", which would count one concept three times against 质押 / 贴息 once each);
    a word the index does not know is replaced by its search-mode pieces."""
    out: list[str] = []
    for word in words(text):
        out += [word] if word in known else [t for t in tokens(word) if t != word]
    return out


def words(text: str) -> list[str]:
    """Non-overlapping words (jieba precise mode) minus punctuation and stopwords: what a question is about."""
    out = []
    for word in cut_words(text):
        word = word.strip()
        if word and word not in STOPWORDS and _KEEP.search(word) and (len(word) > 1 or word.isdigit()):
            out.append(word)
    return out
