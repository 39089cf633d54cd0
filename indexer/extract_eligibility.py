"""Who may apply: condition phrases, exclusion sentences and the attributes that exclude.

Conditions are verbatim phrases (注册在本市, 信用记录良好, 具有项目承担运行能力, 在…期间…,
完成…备案 …). Exclusions are the verbatim sentences with 不参与/不予支持/不得申报/除外 …;
`exclusion_attributes` breaks one into the attributes an asker can have
(已获国家知识产权优势示范单位认定, 处于市级专利导航工程实施期间 …).
"""

from __future__ import annotations

import re
import unicodedata

from indexer.extract_common import Norm, sentences, strip_label
from indexer.extract_dates import FULL
from kb.lexicon import find_subjects

_NOGROUP = re.sub(r"\((?!\?)", "(?:", FULL)
_CONDITIONS = [
    re.compile(r"注册在[^,;。、的]{1,10}"),
    re.compile(r"(?:经营状态|经营状况|信用记录|财务状况|纳税记录)(?:正常|良好)"),
    re.compile(r"(?:在[^,;。]{2,20}?)?完成[^,;。]{2,40}(?:备案|登记手续|登记)"),
    re.compile(rf"在{_NOGROUP}至{_NOGROUP}期间(?:,[^,;。]{{2,40}})?"),
    re.compile(r"在[^,;。]{1,10}备案入册"),
    re.compile(r"符合条件"),
    re.compile(r"按照[^;。]{4,80}?等因素"),
    re.compile(r"[^,;。]{2,60}的[^,;。的]{1,10}优先(?=[,;。]|$)"),
]
_ABILITY = re.compile(r"(?:具有|具备)[^,;。]{2,40}")
_FACING = re.compile(r"面向(?:本市)?([^,;。]{4,60}?)的")
_EXCLUSION = re.compile(
    r"不参与|不予支持|不予资助|不予奖补|不予受理|不得申报|不得重复申报|不予立项|不再支持|不纳入|不享受|不列入|除外|不适用"
)
_PART_SPLIT = re.compile(r",?以及|,|;|或者")
_HELD = re.compile(r"^(?:已获得|已获|已被认定为|已取得|已经获得)(.+?)(认定|称号|资助|支持|奖励)?$")
_DURING = re.compile(r"^(?:正处于|处于|正在)(.+?)(实施期间|建设期间|期间|期内)$")
_ITEMS = re.compile(r"[和、及与或]")


def _trim_head_noun(phrase: str) -> str:
    """具有项目承担运行能力的企事业单位、高校院所 -> 具有项目承担运行能力."""
    cut = phrase.rfind("的")
    if cut > 0 and find_subjects(phrase[cut + 1 :]):
        return phrase[:cut]
    return phrase


def extract_conditions(norm: Norm) -> list[str]:
    """Verbatim condition phrases of a normalised clause, in order, without repeats."""
    text = norm.text
    spans: list[tuple[int, int]] = []
    for pattern in _CONDITIONS:
        spans += [match.span() for match in pattern.finditer(text)]
    for match in _ABILITY.finditer(text):
        spans.append((match.start(), match.start() + len(_trim_head_noun(match.group()))))
    for match in _FACING.finditer(text):
        rest = text[match.end() : match.end() + 12]
        if find_subjects(rest) and not match.group(1).startswith(("具有", "具备")):
            spans.append(match.span(1))
    spans.sort(key=lambda span: (span[0], -span[1]))
    out: list[str] = []
    last_end = -1
    for start, end in spans:
        if end <= last_end:  # inside a condition already taken
            continue
        last_end = end
        phrase = norm.raw(start, end)
        if phrase and phrase not in out:
            out.append(phrase)
    return out


def extract_exclusions(norm: Norm) -> list[str]:
    """The verbatim sentences of a normalised clause that exclude someone or something; where the
    sentence excludes only inside parentheses, an exception to what it grants ("第三方服务机构（属政府
    采购的运营服务机构除外）每成功推荐…给予1万元奖励"), the parenthesis's words: the rest is no exclusion."""
    out = []
    for start, end in sentences(norm.text):
        if not _EXCLUSION.search(norm.text, start, end):
            continue
        sentence = norm.text[start:end]
        asides = [m for m in _ASIDE.finditer(sentence) if _EXCLUSION.search(m.group(1))]
        if asides and not _EXCLUSION.search(_ASIDE.sub("", sentence)):
            out += [norm.raw(start + m.start(1), start + m.end(1)) for m in asides]
            continue
        label = len(sentence) - len(strip_label(sentence))
        out.append(norm.raw(start + label, end))
    return out


_ASIDE = re.compile(r"\(([^()]+)\)")


def exclusion_attributes(sentence: str) -> list[str]:
    """The attributes that exclude, one each, from an exclusion sentence.

    已获得A和B认定的企业，以及处于C、D实施期间的企业不参与… ->
    [已获A认定, 已获B认定, 处于C实施期间, 处于D实施期间]
    """
    text = "".join(unicodedata.normalize("NFKC", sentence or "").split())
    match = _EXCLUSION.search(text)
    head = text[: match.start()] if match else text
    attributes: list[str] = []
    for part in _PART_SPLIT.split(head):
        cut = part.rfind("的")
        if cut > 0 and len(part) - cut <= 9:
            part = part[:cut]
        if len(part) < 2:
            continue
        held, during = _HELD.match(part), _DURING.match(part)
        if held:
            suffix = held.group(2) or ""
            attributes += [f"已获{item}{suffix}" for item in _ITEMS.split(held.group(1)) if item]
        elif during:
            attributes += [f"处于{item}{during.group(2)}" for item in _ITEMS.split(during.group(1)) if item]
        else:
            attributes.append(part)
    return attributes
