"""Expected answer types beyond figures: a question that asks for a telephone number, a web
address, a street address, a list of materials, a procedure, conditions, a rate, a period or a fee
is answered only by a passage that holds one.

"杨浦区专利超市平台的网址是什么？" retrieves the clause that sets the platform up, which names no
address: without this check the engine would cite it as if it answered. Each type pairs what the
question asks with what an answering passage must contain; figures (amounts, deadlines,
targets) are checked from the extracted metadata in `chat.engine.has_figure`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.textnorm import nfkc
from kb.tokenize import words


@dataclass(frozen=True)
class AnswerType:
    name: str  # as said in a refusal: 电话, 网址 …
    asked: re.Pattern[str]
    present: re.Pattern[str]
    # where the question names the thing asked ("手续费", "保护期"; groups named "named…"): a passage
    # states it only in a sentence that names it too — the 细则's 许可费 award is no 手续费
    named: re.Pattern[str] | None = None
    # the type's plain words, which such a sentence may say instead of the name ("发明专利权的期限为二十年"
    # states a 保护期)
    plain: re.Pattern[str] | None = None


_NAME = r"[\u4e00-\u9fff]"  # one character of a name ("手续费", "保护期"): no punctuation, no digits

# A period as said ("三十日", "六个月", "十五个工作日"), not a date's day, month or year (2月29日, 于7日, 2024年)
DURATION = re.compile(r"(?<![0-9０-９月年于至])(?![0-9]{4})[0-9〇零一二三四五六七八九十百两半]+(?:个月|个?工作日|年|日|天|周|小时)")

# a rate ("贴息比例是多少", "补贴几成") is not answered by a sum: 不超过30万元 is no share of a premium
RATE = AnswerType(
    "比例",
    re.compile(r"(比例|比率|利率|费率|百分比)(是|为|有|最高|最低|上限){0,2}(多少|几|怎么|如何)|百分之几|几成|多少个百分点|几折"),
    re.compile(r"[0-9０-９.]+\s*[%％‰]|百分之|千分之|[0-9一二三四五六七八九十]成(?![本果立员功为])|倍|百分点|[0-9一二三四五六七八九]折"),
)

# `asked` matches a question that asks for the thing ("热线电话是多少"), not one that mentions it
# ("冒充公安人员拨打电话…是否构成诈骗罪")
ANSWER_TYPES = (
    AnswerType(
        "电话",
        re.compile(r"(电话|热线|联系方式)(号码)?(是|为)?(多少|什么|哪个)|(拨打|打)(什么|哪个)(电话|热线)"),
        # a number dialled: an area code and number, a mobile, a 12xxx service line, a 400/800
        # line or an 8-digit local number, never digits inside a name or a figure (ISO56005, 20000元)
        re.compile(r"(?<![A-Za-z0-9.])(0\d{2,3}[-－]?\d{7,8}|1[3-9]\d{9}|12\d{3}|[48]00[-－]?\d{3}[-－]?\d{4}|[2-9]\d{7})(?![0-9.万元件家个%％])"),
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
    # what the question asks how to do ("怎么申报", "办理流程"); 如何认定 is a legal judgment, not a procedure
    AnswerType(
        "办理程序",
        re.compile(r"(怎么|如何|怎样|去哪里?|在哪里?)(申请|申报|办理|备案|提交|登记|兑换|评选|请求|申诉|领取|缴纳)|(申请|申报|办理)的?(流程|程序|步骤|手续)"),
        re.compile(r"(向|到|登录)[^，。；]{1,30}(申请|申报|提出|提交|办理|备案|登记|报送|领取)|流程|程序|步骤|手续|申请表|申报书|受理|材料"),
    ),
    AnswerType(
        "条件",
        re.compile(r"(什么|哪些|何种)(条件|标准)|(申报|认定|申请|评选|报名|享受)的?(条件|标准)"),
        re.compile(r"条件|具备|符合|满足|须|应当|标准|面向|限于"),
    ),
    RATE,
    # how long something takes or lasts ("要多久", "保护期是多少年"; "哪几年" asks which years): a
    # period, or a span from one date or year to another ("自2020年1月1日至3月31日", "2024—2026年")
    AnswerType(
        "期限",
        re.compile(r"多久|多长时间|多长期限|期限(是|为|有)?多(长|久)|(?<!哪)几年|多少年|几天|多少天|几个月|多少个?工作日|几个工作日"),
        re.compile(DURATION.pattern + r"|(自|从)[^，。；]{0,15}(至|到)[^，。；]{0,15}(日|月底|月|止)|\d{4}\s*[-—–~至到]\s*\d{4}年"),
        re.compile(rf"(?P<named>{_NAME}{{0,3}}(期|时效|期限|年限|周期))(是|为|有)?(多长|多久|多少年|几年|多少天|几天|几个月|多少个?月)"),
        re.compile(r"期限|期间|时效|年限"),
    ),
    AnswerType(
        "费用",
        re.compile(r"(费|费用|佣金)(是|要|需要|为)?(交|缴|付|花|收)?(多少|几)|(花|交|缴|收|付)(多少|几)[^，。？]{0,4}(钱|费|佣金)|收费吗|要钱吗|收费标准|(费|费用)(怎么|如何)(算|定|计算|收取|定价)"),
        re.compile(r"(费|佣金)[^。；]{0,30}(元|%|百分之|减半|免|倍|标准)|免费|免(收|征|交|缴)|不收|收费标准"),
        re.compile(rf"(交|缴|付|花|收)(多少|几)[^，。？]{{0,4}}?(?P<named>{_NAME}{{0,3}}费|佣金)|(?P<named2>{_NAME}{{1,3}}费|佣金)(?!用)"),
        re.compile(r"费用"),
    ),
)


def asked_types(question: str) -> list[AnswerType]:
    text = nfkc(question)
    return [t for t in ANSWER_TYPES if t.asked.search(text)]


def asks_rate(question: str) -> bool:
    return bool(RATE.asked.search(nfkc(question)))


SENTENCE = re.compile(r"[^。；！？\n]+")
_GENERIC_NAMES = frozenset("期限 期间 周期 时间 时限 费用 收费".split())


def _named(t: AnswerType, question: str) -> str:
    """The term of the type the question names — a word of its own ("手续费", "保护期", "诉讼时效"),
    not a topic before a bare 期限 / 费 ("社保缴费期限", "申报费") — or ""."""
    found = t.named.search(question) if t.named else None
    if not found:
        return ""
    run = next(g for g in found.groupdict().values() if g)
    last = (words(run) or [""])[-1]
    return last if run.endswith(last) and last not in _GENERIC_NAMES else ""


def missing_type(question: str, passages: str) -> str | None:
    """The name of an answer type the question asks for and `passages` do not hold, or None. A
    question of several parts ("每家最多给多少钱？需要满足什么条件？") lacks one only when every part
    lacks its own: the parts the passages do answer are answered."""
    missing = types_missing(question, passages)
    return missing[0] if missing and all(missing) else None


def types_missing(question: str, passages: str) -> list[str | None]:
    """Per part of the question, the answer type it asks for that `passages` do not hold, or None."""
    text = nfkc(passages)
    return [_missing_in(part, text) for part in _QUESTION_PARTS.split(nfkc(question)) if part.strip()]


_QUESTION_PARTS = re.compile(r"[？?]")


def _missing_in(question: str, text: str) -> str | None:
    for t in asked_types(question):
        name = _named(t, question)
        stated = (
            any((name in s or t.plain.search(s)) and t.present.search(s) for s in SENTENCE.findall(text))
            if name and t.plain
            else t.present.search(text)
        )
        if not stated:
            return t.name
    return None
