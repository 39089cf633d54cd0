"""Expected answer types beyond figures: a question that asks for a telephone number, a web
address, a street address or a list of materials is answered only by a passage that holds one.

"杨浦区专利超市平台的网址是什么？" retrieves the clause that sets the platform up, which names no
address: without this check the engine would cite it as if it answered. Each type pairs what the
question asks with what an answering passage must contain; figures (amounts, deadlines,
targets) are checked from the extracted metadata in `chat.engine.has_figure`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.textnorm import nfkc


@dataclass(frozen=True)
class AnswerType:
    name: str  # as said in a refusal: 电话, 网址 …
    asked: re.Pattern[str]
    present: re.Pattern[str]


# `asked` matches a question that asks for the thing ("热线电话是多少"), not one that mentions it
# ("冒充公安人员拨打电话…是否构成诈骗罪")
ANSWER_TYPES = (
    AnswerType(
        "电话",
        re.compile(r"(电话|热线|联系方式)(号码)?(是|为)?(多少|什么|哪个)|(拨打|打)(什么|哪个)(电话|热线)"),
        re.compile(r"\d{5,}|\d{3,4}-\d{7,8}"),
    ),
    AnswerType(
        "网址",
        re.compile(r"(网址|网站|链接)(是|为)?(什么|哪个|多少)|(在|通过|登录)哪个(网站|网页)"),
        re.compile(r"https?://|www\.|\.(gov\.cn|com|cn|org)\b", re.I),
    ),
    AnswerType(
        "地址",
        re.compile(r"(地址|办公地点)(是|在)?(什么|哪)|在哪里?办公|窗口在哪"),
        re.compile(r"[路街]\d+号|\d+号楼?|大厦|\d+室"),
    ),
    AnswerType(
        "材料",
        re.compile(r"(需要|准备|提交|提供)(哪些|什么)(申请|申报)?材料|材料(有哪些|是什么)"),
        re.compile(r"材料|证明|复印件|申请表|申报书|证书"),
    ),
)


def asked_types(question: str) -> list[AnswerType]:
    text = nfkc(question)
    return [t for t in ANSWER_TYPES if t.asked.search(text)]


def missing_type(question: str, passages: str) -> str | None:
    """The name of an answer type the question asks for and `passages` do not hold, or None."""
    text = nfkc(passages)
    return next((t.name for t in asked_types(question) if not t.present.search(text)), None)
