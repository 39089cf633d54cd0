"""How much of a question a passage holds: its specific words (not the generic ones every policy
question shares), found by word or by each character pair, weighted by rarity, and its topical
character bigrams. Retrieval re-ranks by these (kb/rerank.py); refusal weighs them too
(chat/answerability.py, chat/scope.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Sequence
from functools import lru_cache

from kb.textnorm import fold
from kb.tokenize import _tokenizer, words

# Words nearly every question here shares: they say nothing about whether the corpus covers it.
GENERIC = frozenset(
    "政策 支持 补贴 资助 奖励 奖补 资金 经费 申请 申报 企业 公司 单位 机构 上海 上海市 本市 项目 工作 多少 哪些 什么 怎么 如何 "
    "可以 能否 能不能 是否 需要 要求 规定 条件 标准 文件 方案 细则 办法 通知 我们 一家 小公司 现在 目前 今年 明年 有没有 没有 "
    "问题 情况 相关 方面 内容 具体 哪个 哪里 时候 到底 还有 以及 或者 一下 知道 了解 咨询 请问 想问 给予 享受 获得 能拿 拿到 "
    "钱 万元 元 最高 最多 最低 最少 至少 上限 额度 部门 负责 任务 职责 多少钱 哪几个 哪几 几个 哪天 哪一天 哪一年 一般 以后 之后 用来 里面 这个 那个 "
    "这些 哪种 什么样 可不可以 能否 有没有 是不是 多久 多长时间 怎么办 怎样 为什么 说 讲 提 吗 呢 大概 主要 方面 区里 市里 "
    "要求 办理 提出 明确 单位 做 干 要 能 会 有 给 拿 用 对 在 满足 具备 申报主体 申请主体 达到 "
    "提到 提及 谈到 说到 讲到 写到 所述 比例 "  # "方案里提到的贴息比例": how it points into a text, the slot it asks
    "哪年 几年 几月 哪月 一共 总共 合计 总计 共计 分别 各自 大约 大致 究竟".split()  # asking when, how many in all
)

# how a question asks, fused by jieba with a generic word ("哪些项目", "什么政策") or a count ("一所", "一家")
_ASKING_PREFIX = re.compile(r"(?:哪些|哪个|哪种|哪类|什么|多少|哪)(.*)")
_ONE_OF = re.compile(r"[一两几][所家个位名项种类条笔]")


def is_generic(token: str) -> bool:
    asking = _ASKING_PREFIX.fullmatch(token)
    return (
        _of_generic_words(token)
        or bool(_ONE_OF.fullmatch(token))
        or bool(asking and asking.group(1) in GENERIC)
        or bool(re.fullmatch(r"\d+", token))
    )


@lru_cache(maxsize=4096)
def _of_generic_words(token: str) -> bool:
    """Is the token generic words run together ("最多能" by jieba: 最多 + 能)?"""
    return token in GENERIC or any(token[:i] in GENERIC and _of_generic_words(token[i:]) for i in range(1, len(token)))


# degree, total and modal words jieba fuses with a one-character verb after them ("最多选", "至少交"):
# how it asks, and the verb alone is too short to say what about
_ASKING_LEAD = re.compile(r"(?:最多|最高|最少|最低|至少|一共|总共|可以|能够|需要|应当|必须).")


# a one-character modal jieba's HMM fuses with the verb after it ("要选", "能拿", "该交"): such a pair is
# no dictionary word, unlike the topics that start alike (能源, 会计, 应急, 需求, 要素)
_MODAL = frozenset("要能可会该得想需应")


def _fused_modal(token: str) -> bool:
    return len(token) == 2 and token[0] in _MODAL and not _tokenizer().FREQ.get(token)


def specific_tokens(question: str) -> list[str]:
    """The words that say what the question is about (not how it asks)."""
    return [t for t in dict.fromkeys(words(question)) if not is_generic(t) and not _ASKING_LEAD.fullmatch(t) and not _fused_modal(t)]


def weighted_coverage(wanted: Sequence[str], haystack: str, rarity: Callable[[str], float], short_forms: Container[str] = ()) -> float:
    """Share of the question's words found in `haystack`, each weighted by its rarity; the
    `short_forms` (words the corpus never uses) also where the text spells them out (`abbreviates`)."""
    if not wanted:
        return 1.0
    haystack = fold(haystack)
    weights = {w: rarity(w) for w in wanted}
    total = sum(weights.values())
    return sum(weight for w, weight in weights.items() if found_in(w, haystack, w in short_forms)) / total if total else 1.0


def found_in(word: str, folded: str, short_form: bool = False) -> bool:
    """Is the (folded) word in the folded text, or, for a word of three or more characters, each of
    its character pairs? jieba cuts a question and a passage differently ("企业上云全覆盖" →
    上云全 / 覆盖; "企业上云用云全覆盖" → 上云用 / 云全 / 覆盖): the pairs survive the cut, a name the
    text lacks ("海王星") does not. A `short_form` (a word no clause uses: "公租房") is found where the
    text spells out the term it contracts; a word the corpus uses ("延长") is not looked for scattered."""
    return (
        word in folded
        or (len(word) >= 3 and all(word[i : i + 2] in folded for i in range(len(word) - 1)))
        or (short_form and abbreviates(word, folded))
    )


def short_forms(words: Iterable[str], rarity: Callable[[str], float]) -> frozenset[str]:
    """The words no clause uses as such ("公租房" where the texts say 公共租赁住房): those a text may hold
    as the term they contract (`found_in(…, short_form=True)`)."""
    return frozenset(w for w in words if rarity(w) >= 1.0)


def abbreviates(word: str, folded: str) -> bool:
    """Is the word a contraction of a term in the (folded) text, its characters in order within a run
    of at most twice its length and one ("公租房" of 公共租赁住房, "社保" of 社会保险, "个税" of 个人所得税)?
    A user's short form of what a policy spells out, never a word of one character."""
    if not 2 <= len(word) <= 4 or not _CJK.fullmatch(word):
        return False
    return any(len(m.group(0)) <= 2 * len(word) + 1 for m in _contraction(word).finditer(folded))


@lru_cache(maxsize=4096)
def _contraction(word: str) -> re.Pattern[str]:
    gap = rf"[\u4e00-\u9fff]{{0,{len(word) + 1}}}?"
    return re.compile(gap.join(map(re.escape, word)))


_CJK = re.compile(r"[\u4e00-\u9fff]{2,}")
# characters that carry no topic in a bigram ("的专", "是否"): function words and question words
_FUNCTION = set("的了吗呢吧啊么是否在对为和与及或等有没我们你他她它这那哪什怎如何多少几个些要可以能会该请问想")


def topical_bigrams(text: str) -> set[str]:
    """Character bigrams of the question's Chinese runs, without function and question characters."""
    out: set[str] = set()
    for run in _CJK.findall(fold(text)):
        out.update(run[i : i + 2] for i in range(len(run) - 1) if not (set(run[i : i + 2]) & _FUNCTION))
    return out


def bigram_share(question: str, haystack: str) -> float:
    wanted = topical_bigrams(question)
    if not wanted:
        return 1.0
    haystack = fold(haystack)
    return sum(1 for b in wanted if b in haystack) / len(wanted)
