"""Question understanding: intent from the trained model (chat/intent_model.py), slots from lexicons.

Uses the same gazetteer (units) and subject lexicon as the indexer, so a unit or subject
recognised in a clause is recognised in a question the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import jieba.posseg as posseg

from chat.answer_types import asked_types
from chat.intent_model import default_model
from chat.scope import DOC_NUMBER, FUNCTION_CHARS, REGISTERED, SLOT_WORDS, name_ending, registered_elsewhere
from kb.gazetteer import Gazetteer
from kb.labels import find_label_refs
from kb.lexicon import find_subjects, subject_mentions
from kb.overlap import specific_tokens
from kb.textnorm import fold, nfkc
from kb.tokenize import _tokenizer

INTENTS = ("eligibility", "obligation", "amount", "deadline", "target", "validity", "lookup", "general")

# Attributes an asker may state about itself, each with the phrases that signal it. The same
# keys are matched against exclusion sentences ("已获得…认定的企业…不参与本项目遴选").
ATTRIBUTES: dict[str, tuple[tuple[str, ...], ...]] = {
    "已获国家知识产权优势示范单位认定": (("国家知识产权优势",), ("国家知识产权示范",), ("优势示范",), ("示范企业", "国家知识产权")),
    "已获上海市专利工作试点示范单位认定": (("专利工作试点",), ("专利试点示范",), ("试点示范单位",)),
    "处于市级专利导航工程实施期间": (("专利导航工程",),),
    "处于高价值专利培育工程实施期间": (("高价值专利培育工程",), ("高价值专利培育中心",)),
    "专精特新": (("专精特新",),),
    "注册在本市": (("注册在上海",), ("注册在本市",), ("上海注册",), ("本市注册",)),
    "注册在杨浦区": (("杨浦",),),
    "信用记录良好": (("信用良好",), ("信用记录良好",)),
    "注册在外地": (("外地",), ("外省",), ("非本市",), ("不在上海",), ("不在本市",), ("上海以外",), ("本市以外",)),
}
# conditions an attribute fails: a firm registered elsewhere is not 注册在本市 (nor in a district of it)
_FAILS = {"注册在外地": ("注册在",)}

_NEGATED = re.compile(r"(没有|没|未|不是|尚未|从未|并非)")

CUES: dict[str, tuple[str, ...]] = {
    "validity": ("有效期", "还有效", "仍有效", "是否有效", "有效吗", "失效", "过期", "废止", "还能用", "施行", "生效", "现行", "还适用", "到期", "有效", "约束力", "效力"),
    "deadline": ("什么时候", "何时", "截止", "期限", "时间节点", "哪年", "哪一年", "完成时间", "什么时间", "多久", "时限", "几月", "哪个时间", "啥时候"),
    "target": ("目标", "指标", "达到多少", "要达到", "比重", "规模", "增幅", "拥有量", "多少件", "多少家"),
    "amount": ("多少钱", "金额", "多少万", "万元", "上限", "最高", "补贴多少", "奖补多少", "资助多少", "支持多少", "奖励多少", "给多少", "拿多少", "多少资金", "标准是多少", "额度", "总额", "贴息"),
    "obligation": ("负责", "职责", "任务", "要做", "做什么", "做哪些", "牵头", "承担", "分工", "责任", "工作安排", "抓什么", "干什么", "落实什么", "配合"),
    "eligibility": ("能否", "可以申请", "能申请", "能不能", "可不可以", "申报", "申请", "享受", "符合", "有资格", "资格", "支持", "补贴", "资助", "奖励", "扶持", "政策", "能拿", "可以拿", "参与"),
    "lookup": ("内容是什么", "说了什么", "讲了什么", "原文", "怎么规定", "规定了什么", "具体内容", "全文"),
}

# "那高校呢？", "市科委呢", "高校也可以吗"; "X怎么样" without 那 is a question of its own ("今天天气怎么样？")
_FOLLOW_UP_END = "呢|也可以吗|也行吗|也能吗|也适用吗"
_FOLLOW_UP = re.compile(rf"^(那|那么|如果是|换成|要是|若是|改成|对于)(.{{1,20}}?)[?？。!！]*$|^(.{{1,20}}?)({_FOLLOW_UP_END})[?？。!！]*$")


@dataclass
class Understanding:
    question: str
    intent: str
    subjects: list[str] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)  # canonical
    unit_mentions: list[str] = field(default_factory=list)  # as written
    unlisted_units: list[str] = field(default_factory=list)  # bureau names the gazetteer lacks ("区教育局")
    labels: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    follow_up: bool = False
    search_text: str = ""  # the question (or the follow-up completed from the session) to retrieve with
    asks_amount: bool = False  # "多少钱", "补贴多少": whatever the intent, the asker wants a figure of money
    # what a follow-up borrowed from the session ("高校…每家能拿多少钱?" for "要满足什么条件？"): the next
    # follow-up borrows the same, not this one's own question too ("申报截止到什么时候？" asks no 条件)
    topic: str = ""

    def borrowed(self) -> str:
        """The words a follow-up to this question takes from it: its topic."""
        return self.topic or self.search_text



def strip_cues(text: str, intent: str) -> str:
    """The question without the words that only signal `intent` ("现在还有效吗"), e.g. to match a title."""
    for cue in sorted(CUES[intent], key=len, reverse=True):
        text = text.replace(cue, " ")
    return re.sub(r"(这个|这份|该|现在|目前|还|吗|呢|是否)", " ", text)


def find_attributes(text: str) -> list[str]:
    """Attributes the asker states about itself; negated mentions ("没有获得…") are not claims."""
    text = nfkc(text)
    found = []
    for name, alternatives in ATTRIBUTES.items():
        for phrases in alternatives:
            if all(p in text for p in phrases):
                start = text.find(phrases[0])
                if not _NEGATED.search(text[max(0, start - 8) : start]):
                    found.append(name)
                break
    return found


def stated_attributes(text: str) -> list[str]:
    """`find_attributes`, and a registration in a place named outside Shanghai ("营业执照在昆山",
    "公司注册在苏州"): the asker is registered elsewhere as surely as one saying "外地"."""
    found = find_attributes(text)
    return found if "注册在外地" in found or not registered_elsewhere(text) else [*found, "注册在外地"]


def attribute_fails(attribute: str, condition: str) -> bool:
    """Does an asker with `attribute` fail `condition` ("注册在外地" fails "注册在本市")?"""
    return any(word in nfkc(condition) for word in _FAILS.get(attribute, ()))


def attribute_matches(attribute: str, sentence: str) -> bool:
    """Does `sentence` (e.g. an exclusion) speak of `attribute`?"""
    sentence = nfkc(sentence)
    return any(all(p in sentence for p in phrases) for phrases in ATTRIBUTES.get(attribute, ()))


def _cue_hits(text: str) -> dict[str, int]:
    return {intent: sum(1 for cue in cues if cue in text) for intent, cues in CUES.items()}


_ASKS_CONDITIONS = re.compile(r"(什么样|哪些|哪类|什么)的?(单位|企业|机构|主体|对象).{0,8}(可以|能|才能|可)?(申报|申请|参与|参加)|申报条件|申请条件|申报主体|适用范围|适用于哪些")
_ASKS_ISSUANCE = re.compile(r"(哪天|哪一天|何时|什么时候|哪年|什么日期|日期).{0,4}(印发|发布|出台|颁布|发文|施行|生效)|(印发|发布|出台|颁布|施行|生效).{0,4}(日期|时间|哪天|何时)")
# when something starts to apply ("什么时候开始实施？", "从哪天起执行？"); not "哪天起，逐步实施…" of a measure
_ASKS_START = re.compile(r"(哪天|哪一天|何时|什么时候)(开始|起)(实施|执行)")
# a sum asked through the verb that pays, refunds or deducts it ("每月能扣多少？", "可以报销多少？", "能拿多少钱？");
# not a count in a measure word ("领取多少发票用量" aside, 多少项/家/天 …)
_ASKS_SUM_BY_VERB = re.compile(
    r"(扣|扣除|抵扣|减免|退还|退|返还|报销|补贴|补助|奖励|资助|发放?|给|拿|领|赔|罚)[^，。？?、]{0,3}"
    r"(多少(?!项|个|家|人|名|次|类|种|条|批|方面|天|日|年|月|分|件|户|所)|几成|多少钱)"
)
# whether a document is still in force ("细则现在还有效吗？", "杨浦方案已经废止了吗？", "通知现在还执行吗？"): of a document's kind,
# not of a contract ("…承包合同是否有效？" asks whether the contract binds, a general question)
_ASKS_IN_FORCE = re.compile(
    r"(细则|方案|办法|通知|意见|规定|文件|政策|措施|条例|公告|通告|指南|决定)[^，。？?]{0,8}?"
    r"(还|仍|仍然|是否|现在|目前|已经|现行)[^，。？?]{0,4}(有效|管用|适用|生效|失效|作废|废止|执行[吗么])"
)
_ASKS_RESPONSIBLE = re.compile(r"(哪些|哪个|什么)(责任)?(单位|部门)|责任单位|由谁|谁(来)?负责|谁牵头|牵头单位")
# how a question asks for a time: when, by when, how long, which period
_ASKS_TIME = re.compile(
    r"什么时候|啥时候|何时|哪天|哪年|哪一年|哪个月|几月|几号|多久|多长|期限|时限|截止|期间|时间|日期|年度|到期|之前|以前|"
    r"年底|月底|时候|哪段|周期|有效期|时效|[天日月年]内|(几|多少|哪|哪一|哪几|哪两)个?(天|日|年|月|周|星期|小时|工作日)"
)
# how a question asks for a quantity: how much or many, a rate, a standard or a fee, how it is worked out,
# whether there is money at all ("有补贴吗"); "…呢" continues a question that asked one
_ASKS_QUANTITY = re.compile(
    r"多少|多钱|几|数额|金额|额度|上限|最高|最多|标准|比例|幅度|费|怎么算|怎么计算|如何计算|如何调整|呢"
    r"|有(没有)?(补贴|奖励|资助|奖补|补助|贴息|经费|资金)"
)

# a span of time asked by how many ("多少天内", "几年", "付款期限又是多少")
_TIME_QUANTITY = re.compile(
    r"(?:多少|几)个?(?:天|日|年|月|周|星期|小时|工作日)|(?:期限|时限|时间|期间|周期|时长|有效期|年限)[^，,。？?多几]{0,4}(?:多少|几)"
)
_HOW_MANY = re.compile(r"多少|几")


def _only_times_asked(text: str) -> bool:
    """Is every how-many of the question one of time?"""
    times = len(_TIME_QUANTITY.findall(text))
    return times > 0 and times == len(_HOW_MANY.findall(text))


# Phrase patterns the intent model takes as features (not as rules): asks about conditions,
# an issuance date, a responsible body.
STRUCTURAL_PATTERNS = {"conditions": _ASKS_CONDITIONS, "issuance": _ASKS_ISSUANCE, "responsible": _ASKS_RESPONSIBLE}


def slot_flags(text: str) -> list[str]:
    """Which kinds of slot the question fills (subject, unit, label, year, attribute): model features."""
    text = nfkc(text)
    flags = {
        "subject": bool(find_subjects(text)),
        "unit": bool(Gazetteer.default().find_units(text)),
        "label": bool(find_label_refs(text)),
        "year": bool(re.search(r"20\d\d年", text)),
        "attribute": bool(find_attributes(text)),
    }
    return [name for name, present in flags.items() if present]


# applying for something: a subject named after it names the thing applied for ("申请高校知识产权运营中心")
_APPLYING = re.compile(r"申请|申报|参加|参与|拿到|获得|享受|争取|入选|评上")


# "我们公司营业执照在昆山": the asker's own (its licence), not a noun the subject only qualifies
_FIRST_PERSON = re.compile(r"(?:我们|我|咱们|本)(?:这家|这个|的)?$")
# where the subject is registered: "公司注册地在江苏昆山，…能不能申报…" describes who asks
_ITS_REGISTRATION = re.compile(rf"的?(?:{REGISTERED.pattern})")
# whom the asker deals with, not who asks: "把专利转让给上海本地的小企业", "向银行申请", "与高校合作"
_PARTNER_BEFORE = re.compile(r"(?:(?:转让|许可|卖|出售|租|借|授权|转交)给|向|与|跟|同(?![事学行时意样类等级期]))[^，,。；;？?！!]{0,8}$")  # not 同事


def askers(text: str) -> list[str]:
    """The subjects a question names as who asks: all it names, but those named only after an applying
    verb that another subject precedes ("科研院所能申请高校知识产权运营中心吗？": 科研机构, not 高校), none
    a transfer or a preposition makes a partner (`_PARTNER_BEFORE`), and none that a noun follows at
    once, which it only qualifies ("国有企业经营性房产", "企业技术中心"), unless the asker says it is theirs
    ("我们公司营业执照在昆山")."""
    folded = fold(text)
    mentions = [
        m
        for m in subject_mentions(folded)
        if (_FIRST_PERSON.search(folded[: m[0]]) or _ITS_REGISTRATION.match(folded, m[1]) or not _qualifies_a_noun(folded[m[1] :]))
        and not _PARTNER_BEFORE.search(folded[: m[0]])
    ]
    verb = _APPLYING.search(folded)
    if verb is None or not any(end <= verb.start() for _, end, _ in mentions):
        return list(dict.fromkeys(c for _, _, owners in mentions for c in owners))
    before = [c for start, end, owners in mentions if end <= verb.start() for c in owners]
    return list(dict.fromkeys(before))


# a local bureau's name: 区/县/市, a few characters, 局 or 委员会 ("区教育局", "县农业农村局"); 区委 is no bureau
_LOCAL_BUREAU = re.compile(r"[区县市][\u4e00-\u9fff]{1,6}?(?:局|委员会)")


def unlisted_bureaus(text: str, known: list[tuple[int, int, str, str]]) -> list[str]:
    """Bureau names in `text` that no known unit's span (`Gazetteer.scan`) covers."""
    return [m.group() for m in _LOCAL_BUREAU.finditer(text) if not any(start < m.end() and m.start() < end for start, end, _, _ in known)]


# an issuing verb right after a unit, or after the rest of an issuing body's name the gazetteer does
# not hold ("国务院" + "联防联控机制发出通知")
_ASKS_BY_YEAR = re.compile(
    r"(?<![截止])(?:到|至)\s*(?:19|20)\d\d\s*年(?!\s*\d{1,2}\s*月)[^？?。]*?(?:多少|几)|(?:19|20)\d\d\s*年[^？?。]{0,12}(?:指标|目标)"
)
_SET_ASIDE = re.compile(r"除了[^，,。？?；;!！]{2,40}|(?<![扣解免删排清废消剔])除[^，,。？?；;!！]{2,40}?(?:以外|之外)")
_ISSUES = re.compile(r"([\u4e00-\u9fff]{0,10}(机制|办公室|办公厅|小组|指挥部|委员会|工作组))?(联合)?(发出|发布|印发|出台|下发|公布|颁布|发文)")


def _qualifies_a_noun(after: str) -> bool:
    """Does a noun follow at once (jieba's part of speech n, nr, nz …; not a verbal noun: "中小企业经营
    困难" names who is in difficulty)?"""
    first = next(iter(posseg.cut(after[:8])), None)
    return first is not None and first.flag.startswith("n") and first.flag != "nr"


def understand(question: str) -> Understanding:
    text = nfkc(question).strip()
    gazetteer = Gazetteer.default()
    scanned = gazetteer.scan(text)
    # a unit that issued what is asked about ("国务院联防联控机制发出通知中……") is not asked what it must do
    # nor one the question sets aside ("除了市知识产权局和市发改委，还点了哪两个区政府？" asks the others)
    aside = [m.span() for m in _SET_ASIDE.finditer(text)]
    found_units = [
        (surface, canonical)
        for start, end, surface, canonical in scanned
        if not _ISSUES.match(text[end:]) and not any(a <= start < b for a, b in aside)
    ]
    subjects = askers(text)
    labels = [ref.label for ref in find_label_refs(text)]
    units = list(dict.fromkeys(canonical for _, canonical in found_units))
    scores = default_model().scores(text)
    intent = max(scores, key=scores.__getitem__)
    if intent == "amount" and not _ASKS_QUANTITY.search(text):
        # a sum is asked by how much it is: all 90 labelled amount questions say so, and of the 1,884 dev,
        # real and out-of-scope questions the 2 the model reads as amount without it ask how to claim a
        # subsidy and which subsidies exist (eval/QUALITY.md): the next reading
        intent = max((i for i in scores if i != "amount"), key=scores.__getitem__)
    if intent == "amount" and _only_times_asked(text):
        # how many days to pay ("应该多少天内付款？…付款期限又是多少？"): of the 11 labelled questions whose every
        # 多少/几 asks a span of time, 10 are deadline questions and 1 a validity one, none an amount (eval/QUALITY.md)
        intent = max((i for i in scores if i != "amount"), key=scores.__getitem__)
    if intent == "deadline" and not _ASKS_TIME.search(text):
        # a time is asked by a word of time: the 90 labelled deadline questions all have one (of the 1,884
        # dev, real and out-of-scope questions, an earlier model read a scope as deadline without one:
        # "…停征污水处理费的受理范围？"; eval/QUALITY.md): the next reading
        intent = max((i for i in scores if i != "deadline"), key=scores.__getitem__)
    if intent in ("general", "eligibility") and _ASKS_SUM_BY_VERB.search(text) and not re.search(r"[？?]", text.rstrip("？? ")):
        # one question asking how much a paying verb pays: 25 of the 26 labelled single questions of this
        # form are amount questions (the other counts 发票用量), and the model had seen no "扣多少"
        # ("子女教育每个孩子每月能扣多少？" read general; eval/QUALITY.md)
        intent = "amount"
    if intent in ("general", "obligation") and _ASKS_BY_YEAR.search(text):
        # a figure asked by a year ahead ("到2022年要建多少所高水平高职学校？") or a year's goals ("给2022年定了
        # 哪些硬指标？"): all 23 labelled questions of these forms (dev, intents, blind and out-of-scope sets)
        # ask a target; the model read some as obligation questions (eval/QUALITY.md)
        intent = "target"
    if labels and intent in ("general", "eligibility", "obligation"):
        # A question that names a clause and asks for no figure or validity wants the clause: no
        # labelled question with a clause label has another intent (eval/QUALITY.md).
        intent = "lookup"
    elif _ASKS_ISSUANCE.search(text) or _ASKS_START.search(text) or _ASKS_IN_FORCE.search(text):
        # when a document was issued or took effect ("细则是哪天印发的？", "…什么时候开始实施？") or whether
        # it is still in force ("细则现在还有效吗？"): every labelled question of these forms is a validity
        # one (9 of 9, 2 of 2 and 12 of 12 in eval/intents.jsonl; the model, fitted on many more "合同是否
        # 有效" than "细则还有效吗", read 2 of 6 fresh ones as general; eval/QUALITY.md)
        intent = "validity"
    years = [int(y) for y in re.findall(r"(20\d\d)年", text)]
    return Understanding(
        question=question,
        intent=intent,
        asks_amount=_cue_hits(text)["amount"] > 0,
        subjects=subjects,
        attributes=stated_attributes(text),
        units=units,
        unit_mentions=[surface for surface, _ in found_units],
        unlisted_units=unlisted_bureaus(text, scanned),
        labels=labels,
        years=years,
        search_text=text,
    )


def is_continuation(text: str) -> bool:
    """"那专利许可转让呢？": a short question that explicitly continues the last one."""
    text = nfkc(text).strip()
    return len(text) <= 24 and bool(_FOLLOW_UP.match(text))


def is_follow_up(text: str, current: Understanding) -> bool:
    """A short question that only swaps a slot ("那高校呢？", "市教委呢") continues the last one."""
    text = nfkc(text).strip()
    if len(text) > 24 or current.labels:
        return False
    scores = _cue_hits(text)
    has_new_slot = bool(current.subjects or current.units or current.attributes)
    return bool(_FOLLOW_UP.match(text)) and has_new_slot and not any(scores[i] for i in ("validity", "deadline", "target", "lookup"))


_REFERS_BACK = re.compile(r"(这个|这份|这项|这一|该|此|上述|上面的?|刚才的?)(文件|方案|细则|办法|政策|通知|规定|项目|计划|工程|条款)")


def refers_back(text: str) -> bool:
    """"这个方案现在还有效吗？": the question points at what the last answer was about — unless the
    pointer stands in apposition to a name the question gives ("公共专利墙这个项目谁能申请？")."""
    return bool(_pointer(nfkc(text)))


def pointed_noun(text: str) -> str:
    """The noun a pointer points with ("细则" in "这个细则"), or ""."""
    found = _pointer(nfkc(text))
    return found.group(2) if found else ""


def _pointer(text: str) -> re.Match[str] | None:
    """The first pointer of `text` that does not follow the name of what it points at ("专利超市这个项目"
    points at 专利超市; "申报这个项目" at something named before the question), nor points at a name
    an earlier part of the question ends in its noun ("…还能申报中小企业知识产权运营能力提升项目吗？
    这个项目给多少钱？")."""
    for found in _REFERS_BACK.finditer(text):
        before = text[: found.start()]
        named_earlier = re.search(rf"[\u4e00-\u9fff]{{2,}}{found.group(2)}", before)
        numbered = re.search(rf"{DOC_NUMBER.pattern}\s*$", before)  # "杨府发〔2024〕4号这个方案": in apposition to a 文号
        # "听说国有资本收益可以免缴，这个政策…": the question has told what it points at (its own words,
        # not who asks: "我们是科技型中小企业，这个政策…" still points back)
        told = [w for w in specific_tokens(before) if not find_subjects(w)]
        if not specific_tokens(name_ending(re.split(r"[，,。；;？?！!、\s]", before)[-1])) and not named_earlier and not numbered and len(told) < 2:
            return found
    return None


def is_elliptical(text: str, current: Understanding) -> bool:
    """A short question with no subject, unit, label or document of its own ("放款时间有什么要求？")
    leans on the previous question for its topic; what it says of the asker ("外地户籍能申请吗？")
    names no topic."""
    text = nfkc(text).strip()
    has_slot = current.subjects or current.units or current.labels
    return len(text) <= 16 and not has_slot and not re.search(r"(方案|细则|办法|条例|文章|规定|通知)", text)


def _continue(last: Understanding, now: Understanding) -> Understanding:
    """Fill a follow-up ("那高校呢？") from the last question: same intent, swapped slot."""
    search = last.search_text
    written = [search[start:end] for start, end, _ in subject_mentions(search)]  # "保险公司", read as 保险机构
    for old in sorted({*last.subjects, *written, *last.unit_mentions}, key=len, reverse=True):
        search = search.replace(old, "")
    return Understanding(
        question=now.question,
        intent=last.intent,
        subjects=now.subjects or ([] if now.units else last.subjects),
        attributes=now.attributes or ([] if now.subjects else last.attributes),
        units=now.units or ([] if now.subjects else last.units),
        unit_mentions=now.unit_mentions,
        labels=last.labels,
        years=now.years or last.years,
        follow_up=True,
        search_text=" ".join([*now.subjects, *now.unit_mentions, search]),
        asks_amount=now.asks_amount or last.asks_amount,
    )


def continue_session(text: str, now: Understanding, last: Understanding) -> Understanding | None:
    """The question read in the session when it explicitly continues the last one, else None:
    a slot swap ("那高校呢？") takes the last intent and topic; a continuation ("那专利许可转让呢？")
    the last intent when it has none of its own, and the last question with its topic swapped for
    the new one (`swapped_topic`), else the last topic beside its own words."""
    if is_follow_up(text, now):
        return _continue(last, now)
    if asks_among_them(text) and not (now.units or now.subjects or now.labels):
        # "其中哪些有时间要求？": a question on the last answer's items, of the same units and askers;
        # "其中哪些还有效？" asks the validity of the documents they come from
        now.intent = "validity" if now.intent == "validity" else last.intent
        now.units, now.unit_mentions = last.units, last.unit_mentions
        now.subjects, now.attributes = last.subjects, last.attributes
        now.topic = last.borrowed()
        now.search_text = f"{text} {now.topic}"
        return now
    if _asks_conditions_of_the_last(text, now, last):
        # "需要满足什么条件？" after "一家医院最多能拿多少钱？": the conditions of the programmes just named, for the same askers
        now.intent, now.subjects, now.attributes = "eligibility", last.subjects, last.attributes
        now.topic = last.borrowed()
        now.search_text = f"{text} {now.topic}"
        return now
    if is_continuation(text) and not now.labels:
        # "商标呢？" asks nothing of its own: what the model reads into two words is noise
        # "杨浦区的质押融资目标呢？" names the slot it asks: the model's reading of it stands
        asks_own = _ASKS_OWN.search(nfkc(text)) or any(w in nfkc(text) for w in SLOT_WORDS)
        now.intent = last.intent if now.intent == "general" or not asks_own else now.intent
        swapped = swapped_topic(last.search_text, text)
        now.search_text = swapped or f"{text} {last.search_text}"
        # what the next follow-up asks of: X (the last topic swapped, the same text when it borrowed none)
        now.topic = (swapped_topic(last.topic, text) if last.topic else swapped) or ""
        return now
    return None


def _sibling_run(last: str, topic: str) -> tuple[int, int] | None:
    """Where the last question names a sibling of the new topic: the run of its consecutive content
    words that begins with the topic's first word ("专利超市" in "专利超市由谁负责建设？" for
    "专利开放许可", both kinds of 专利 work). None when the topic is more than one name ("杨浦区的
    专利开放许可") or its first word opens no run there."""
    first = next(iter(specific_tokens(topic)), "")
    if not first or not topic.startswith(first) or _TOPIC_EDGE.search(topic):
        return None
    content = set(specific_tokens(last))
    start, offset = None, 0
    for token in _tokenizer().cut(last):
        if start is None and token == first:
            start = offset
        elif start is not None and token not in content:
            return start, offset
        offset += len(token)
    return (start, offset) if start is not None else None


def asks_among_them(text: str) -> bool:
    """"其中哪些有时间要求？", "这些项目里哪些还有效？": a question on the last answer's items."""
    return bool(_AMONG_THEM.match(nfkc(text).strip()))


def _asks_conditions_of_the_last(text: str, now: Understanding, last: Understanding) -> bool:
    """A short question asking conditions and naming nothing of its own ("需要满足什么条件？",
    "申报条件是什么？") after a question on what a programme gives (an amount or eligibility question)."""
    return (
        last.intent in ("eligibility", "amount")
        and is_elliptical(text, now)
        and not specific_tokens(text)
        and any(t.name == "条件" for t in asked_types(text))
    )


_AMONG_THEM = re.compile(r"^(其中|这些|这里面|里面|当中|以上|上述)")  # a question on the last answer's items
_ASKS_OWN = re.compile(r"多少|什么|哪|几|怎|如何|吗|是否|谁|何")  # a follow-up asking a question of its own
_TOPIC_EDGE = re.compile(rf"{FUNCTION_CHARS.pattern}|[，,。？?！!、；;：:\s]")


def swapped_topic(last: str, follow_up: str) -> str | None:
    """The last question (its search text) asked of the follow-up's topic: "那就业见习补贴呢？" after
    "广州一次性创业补贴能拿多少钱？" asks "就业见习补贴能拿多少钱？" — the run ending in the same head word
    (补贴: the new topic's last two characters) is the old topic, replaced, not searched beside it.
    A follow-up naming only what is asked of it ("那申请条件呢？" after "公共租赁住房的租金怎么定？")
    asks it of the last question's topic, the words before its last 的: "公共租赁住房的申请条件".
    None when there is no such run (the new words then join the last topic)."""
    found = _FOLLOW_UP.match(nfkc(follow_up).strip())
    topic = re.sub(rf"({_FOLLOW_UP_END})$", "", (found.group(2) or found.group(3) or "") if found else "")
    last = nfkc(last)
    if len(topic) < 3 or topic in last:
        return None
    end = last.rfind(topic[-2:])
    if end < 0:
        sibling = _sibling_run(last, topic)
        if sibling:
            return last[: sibling[0]] + topic + last[sibling[1] :]
        of = last.rfind("的")
        return last[: of + 1] + topic if of > 0 and any(w in topic for w in SLOT_WORDS) else None
    end += 2
    start = end - 2
    while start > 0 and not _TOPIC_EDGE.match(last[start - 1]):
        start -= 1
    return last[:start] + topic + last[end:]
