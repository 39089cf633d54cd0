"""Properties of clean_layout and segment on generated text: never raise, never lose or duplicate text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.normalize import clean_layout
from indexer.segment import segment, tile_texts

CN = "一二三四五六七八九十"
BODY_CHARS = "知识产权专利运用转化资金支持企业高校市局委推进加强建设项目单位的和与及在对"
PUNCT = "，。；：、《》“”（）"

MARKERS = st.sampled_from(
    [
        "第一条 ",
        "第二条　",
        "第三条",
        "第十条 ",
        "第一章 总则",
        "第二章 ",
        "第一节 ",
        "第一编 ",
        "一、",
        "二、",
        "三、",
        "（一）",
        "（二）",
        "(三)",
        "1.",
        "2、",
        "３．",
        "(1)",
        "（2）",
        "①",
        "②",
    ]
)
CROSS_REFERENCES = st.sampled_from(
    ["依照第十条", "本法第二十二条规定", "第十条 至第十二条", "第十条规定的", "第五条第二款", "按照《服务业发展资金管理办法》"]
)
PROSE = st.text(alphabet=BODY_CHARS + PUNCT + "0123456789０１２ .%A", max_size=25)
BREAKS = st.sampled_from(["\n", "\n\n", " ", "\u3000", "", "\f", "\n 3 \n", "\n- 2 -\n", "\r\n", "\t"])
DOCUMENTS = st.lists(st.one_of(MARKERS, CROSS_REFERENCES, PROSE, BREAKS), max_size=40).map("".join)

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def _is_subsequence(small: str, big: str) -> bool:
    chars = iter(big)
    return all(char in chars for char in small)


@FAST
@given(DOCUMENTS)
def test_segment_tiles_its_input_exactly(text: str) -> None:
    segments = segment(text)
    assert _squeeze("".join(tile_texts(segments))) == _squeeze(text)
    for seg in segments:
        assert text[seg.start : seg.end] == seg.text
        assert not seg.label.startswith("(") or seg.label[1].isdigit()  # (一) is always cited as （一）


@FAST
@given(DOCUMENTS)
def test_clean_layout_only_removes_never_rewrites(text: str) -> None:
    cleaned = clean_layout(text)
    assert "\n\n" not in cleaned and "\f" not in cleaned
    assert _is_subsequence(_squeeze(cleaned), _squeeze(text))
    segments = segment(cleaned)
    assert _squeeze("".join(tile_texts(segments))) == _squeeze(cleaned)


@FAST
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    cleaned = clean_layout(text)
    assert _is_subsequence(_squeeze(cleaned), _squeeze(text))
    assert _squeeze("".join(tile_texts(segment(cleaned)))) == _squeeze(cleaned)
    assert _squeeze("".join(tile_texts(segment(text)))) == _squeeze(text)


# --- generated outlines: the structure is recovered exactly ----------------------------------


@dataclass
class _Item:
    label: str
    text: str
    parent: int | None  # index among the items


ENUM_STYLES = {
    "cn": lambda n: (f"{CN[n - 1]}、", f"{CN[n - 1]}、"),
    "pcn": lambda n: (f"（{CN[n - 1]}）", f"({CN[n - 1]})"),  # cited full-width even when written with ASCII parens
    "num": lambda n: (f"{n}.", f"{n}、"),
    "pnum": lambda n: (f"({n})", f"（{n}）"),
    "circ": lambda n: (chr(0x2460 + n - 1),) * 2,
}


@st.composite
def outlines(draw) -> tuple[str, list[_Item]]:
    """A document whose enumerations nest in a random order of kinds, with prose bodies."""
    kinds = draw(st.permutations(list(ENUM_STYLES)))[: draw(st.integers(1, 3))]
    items: list[_Item] = []

    def body() -> str:
        return draw(st.text(alphabet=BODY_CHARS + "，、", min_size=1, max_size=12)) + "。"

    def grow(depth: int, parent: int | None) -> None:
        for n in range(1, draw(st.integers(1, 3)) + 1):
            label, written = ENUM_STYLES[kinds[depth]](n)
            items.append(_Item(label, written + body(), parent))
            if draw(st.booleans()):
                items[-1].text += "\n" + body()  # a second paragraph of the same item
            if depth + 1 < len(kinds) and draw(st.booleans()):
                grow(depth + 1, len(items) - 1)

    grow(0, None)
    preamble = draw(st.sampled_from(["", "某某市人民政府关于印发实施方案的通知\n为推进工作，制定本方案。\n"]))
    return preamble + "\n".join(item.text for item in items), items


@FAST
@given(outlines())
def test_generated_outline_is_recovered(case: tuple[str, list[_Item]]) -> None:
    text, expected = case
    segments = segment(text)
    offset = 1 if segments[0].label == "" else 0  # the preamble
    found = segments[offset:]
    assert [s.label for s in found] == [item.label for item in expected]
    for seg, item in zip(found, expected, strict=True):
        assert seg.parent == (None if item.parent is None else item.parent + offset)
        assert seg.text.startswith(item.text)
        assert not seg.is_heading_only
