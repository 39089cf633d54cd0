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
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, replace

from chat.scope import ELSEWHERE, places_named
from kb.lexicon import find_subjects, subject_mentions
from kb.overlap import abbreviates, is_generic, short_forms
from kb.textnorm import fold, nfkc
from kb.tokenize import cut_words, words


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
    # what states the type beyond doubt, where `present` also holds words of other uses (须, 应当: duties)
    strong: re.Pattern[str] | None = None


_NAME = r"[\u4e00-\u9fff]"  # one character of a name ("手续费", "保护期"): no punctuation, no digits
# how the name of a body or place selected ends
_BODY_ENDING = r"银行|分行|支行|大学|学院|医院|公司|研究所|研究院|集团|市|区|县|省"
_PLACES = "|".join([*ELSEWHERE, "上海"])  # places enumerated as selected ("北京、天津、上海…11个城市")

# A period as said ("三十日", "六个月", "十五个工作日"), not a date's day, month or year (2月29日, 于7日, 2024年)
# (二年级 is a grade; 上一年度, 同一年 name a year, not a span)
DURATION = re.compile(r"(?<![0-9０-９月年于至上下同当本])(?![0-9]{4})[0-9〇零一二三四五六七八九十百两半]+(?:个月|个?工作日|年(?![级度])|日|天|周|小时)")

# a rate ("贴息比例是多少", "补贴几成") is not answered by a sum: 不超过30万元 is no share of a premium
RATE = AnswerType(
    "比例",
    # asked of the rate itself, also through the verb setting it ("担保费率要降到多少？", "比例达到多少？")
    re.compile(
        r"(比例|比率|利率|费率|百分比)(是|为|有|最高|最低|上限|要|应|需|可|能|降到|降至|降低到|下降到|提高到|提高至|达到|控制在|不超过|不低于|不高于){0,3}"
        r"(多少|几|怎么|如何)|百分之几|几成|多少个百分点|几折"
    ),
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
        re.compile(r"(网址|网站|链接)(是|为)?(什么|哪个|多少)|(在|通过|登录|用)哪个(网站|网页|网上系统|系统)"),
        # an address, or a named system or site to apply through ("登录上海市知识产权局网上申报系统提交")
        re.compile(
            r"https?://|www\.|\.(gov\.cn|com|cn|org)\b"
            r"|(登录|通过|在)[^，,。；;]{0,20}(系统|平台|网站|网)[^，,。；;]{0,10}(申报|填报|提交|申请|办理|报名)",
            re.I,
        ),
    ),
    # the day something is due or opens ("今年几号截止？", "申报截止日期是哪天？"): a date, a month's end,
    # a year's end or a day counted from one ("自印发之日起"), not a period or a programme's name ("截止
    # 时间是什么时候？" is a deadline question, its figure checked from the extracted dates)
    AnswerType(
        "日期",
        re.compile(r"几号|哪天|哪一天|哪日|几月几[号日]|(?:什么|啥)时候(?:截止|开始受理|开始申报|开放申报)"),
        re.compile(r"[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}[日号]|月底|月末|年底|年末|之日|日前|日起"),
    ),
    AnswerType(
        "地址",
        re.compile(r"(地址|办公地点)(是|在)?(什么|哪)|(哪个|什么)(地址|地方办公)|在哪里?办公|窗口在哪"),
        re.compile(r"[路街]\d+号|\d+号楼?|大厦|\d+室"),
    ),
    # the hours a place keeps ("工作日几点开门？", "办公时间是什么？"): clock times, not a date
    AnswerType(
        "办公时间",
        re.compile(r"几点|(?:办公|营业|服务|受理|开放|上班)时间(?:是|为)?(?:什么|几点|怎么|哪|多少)|什么时间(?:开门|营业|办公|上班)"),
        re.compile(r"\d{1,2}\s*[:：]\s*\d{2}|[上下]午\s*[0-9一二三四五六七八九十]|[0-9一二三四五六七八九十]{1,2}\s*[点时]\s*(?:至|到|-|—|半|整)"),
    ),
    AnswerType(
        "材料",
        re.compile(r"(需要|准备|提交|提供|递交|上交|交|带)(哪些|什么)(申请|申报)?材料|材料(有哪些|是什么)"),
        # materials listed or named as what to hand in, not a mention ("对申报材料的真实性负责", "提供虚假材料")
        re.compile(
            r"(提交|提供|报送|递交|附送?|携带|准备|出具|上传)(以下|下列|如下|相关|有关)?(?:(?!虚假|伪造|不实)[^，,。；;]){0,12}(材料|证明|复印件|原件|申请表|登记表|申请书|申报书|起诉状|证书|证件|身份证|居住证|户口簿|营业执照)"
            r"|材料(包括|如下|清单|目录|[：:])|复印件|申请表|申报书"
        ),
    ),
    # what the question asks how to do ("怎么申报", "办理流程"); 如何认定 is a legal judgment, not a procedure
    AnswerType(
        "办理程序",
        re.compile(r"(怎么|如何|怎样|去哪里?|在哪里?)(申请|申报|办理|备案|提交|登记|兑换|评选|请求|申诉|领取|缴纳|报名|报考|注册)|(申请|申报|办理|报名|注册)的?(流程|程序|步骤|手续)"),
        re.compile(r"(向|到|登录|通过)[^，,。；;]{1,30}(申请|申报|提出|提交|办理|备案|登记|报送|领取|领用)|登录|点击|流程|程序|步骤|手续|申请表|申报书|受理|材料"),
    ),
    AnswerType(
        "条件",
        # "按什么标准发/收取": the rate a sum is paid or charged by, no condition ("应当符合什么标准" is one);
        # nor a standard asked how much ("低保边缘家庭的认定标准是多少？": 每人每月1963.5元)
        re.compile(
            r"(?<!按)(?<!按照)(什么样?|哪些|何种)的?(具体|基本|申报|申请|认定|评选|准入)?(条件|标准)"
            r"|(申报|认定|申请|评选|报名|享受)的?(条件|标准)(?![是为]?多少)"
        ),
        # or whom a rule applies to or a grant is for: "适用于注册在本市…具有项目承担运行能力的企事业单位",
        # "对在我局备案入册的知识产权服务机构,…予以资金奖补"
        re.compile(r"条件|具备|符合|满足|须|应当|面向|限于|适用于|具有[^,，。;；]{0,12}(资格|能力|资质)|对[^。;；]{2,40}的[^。;；]{0,40}(给予|予以)"),
        strong=re.compile(
            r"(具备|符合|满足)(以下|下列|如下)?(条件|要求)|条件(为|是|如下|包括)|面向|限于|适用于|具有[^,，。;；]{0,12}(资格|能力|资质)|对[^。;；]{2,40}的[^。;；]{0,40}(给予|予以)"
        ),
    ),
    RATE,
    # who was selected ("…被认定为…创新中心的是哪几家银行？", "有公示名单吗？"): answered only by a passage
    # naming them, two or more names enumerated ("…银行、…银行"); a rule saying how many are chosen
    # ("择优遴选8家左右") names none. A list of the kind asked of ("客户名单") is no selection.
    AnswerType(
        "名单",
        re.compile(
            r"(公示|入选|认定|获奖|评选|中标|立项|获批)名单"
            r"|(入选|认定|评上|评为|获评|选定|确定|中标|获批|列入)[^，。？?,]{0,24}的(是|有)哪(几|些|[0-9一二三四五六七八九十]+)"
            r"|哪(几|些)[^，。？?,]{0,8}(入选了|被认定了|评上了|获评了|中标了|被选上)"
            r"|(选定|确定|定|选|评|列入)了哪(几|些|[0-9一二三四五六七八九十]+)个?(城市|省份|省|地方|地区|单位|企业|高校|银行|机构|医院)"
            r"|包括哪(几|些)个?(城市|省份|省|地方|地区)"
        ),
        re.compile(
            # names enumerated ("甲银行上海分行、乙银行上海分行"), not a common noun ("规模适当的城市,在全市")
            rf"(?:{_NAME}{{2,14}}?(?<![城全本各])(?:{_BODY_ENDING})、){{1,}}{_NAME}{{2,14}}?(?<![城全本各])(?:{_BODY_ENDING})"
            rf"|(?:{_PLACES})(?:、(?:{_PLACES})){{2,}}"  # "确定北京、吉林、安徽…": provinces by their short names
        ),
    ),
    # how long something takes or lasts ("要多久", "保护期是多少年"; "哪几年" asks which years): a
    # period, or a span from one date or year to another ("自2020年1月1日至3月31日", "2024—2026年")
    AnswerType(
        "期限",
        re.compile(r"多久|多长时间|多长期限|期限(是|为|有)?多(长|久)|(?<!哪)几年|多少年|几天|多少天|几个月|多少个?工作日|几个工作日"),
        re.compile(DURATION.pattern + r"|(自|从)[^，,。；;]{0,15}(至|到)[^，,。；;]{0,15}(日|月底|月|止)|\d{4}\s*[-—–~至到]\s*\d{4}年"),
        re.compile(rf"(?P<named>{_NAME}{{0,3}}(期|时效|期限|年限|周期))(是|为|有)?(多长|多久|多少年|几年|多少天|几天|几个月|多少个?月)"),
        re.compile(r"期限|期间|时效|年限"),
    ),
    AnswerType(
        "费用",
        re.compile(r"(费|费用|佣金)(各|分别|一共|总共|大概|大约)?(是|要|需要|为)?(交|缴|付|花|收)?(多少|几)|(花|交|缴|收|付)(多少|几)[^，,。？?]{0,4}(钱|费|佣金)|收费吗|要钱吗|收费标准|(费|费用)(怎么|如何)(算|定|计算|收取|定价)|(怎么|如何|怎样)(收费|计费|收取费用)"),
        re.compile(r"(费|佣金)[^。；;]{0,30}(元|%|百分之|减半|免|倍|标准)|免费|免(收|征|交|缴)|不收|收费标准"),
        re.compile(rf"(交|缴|付|花|收)(多少|几)[^，,。？?]{{0,4}}?(?P<named>{_NAME}{{0,3}}费|佣金)|(?P<named2>{_NAME}{{1,3}}费|佣金)(?!用)"),
        re.compile(r"费用"),
    ),
)


def asked_types(question: str) -> list[AnswerType]:
    text = nfkc(question)
    return [t for t in ANSWER_TYPES if t.asked.search(text)]


def asks_rate(question: str) -> bool:
    return bool(RATE.asked.search(nfkc(question)))


# how long, not by when ("在多长时间内公开执法决定？": 20个工作日内, not the 1月31日前 of another duty)
# ("几月底前" asks a month, not a span: 几月 without 个 before 底/份/初/中/末)
_ASKS_DURATION = re.compile(r"多长时间|多久|多少(?:个)?(?:天|日|工作日|月|年|周|小时)|(?<![哪])几(?:个(?:天|日|工作日|月|年|周|小时)|天|日|工作日|月(?![底份初中末])|年|周|小时)")
# a period as said, with the 内 that makes it a limit ("20个工作日内", "三十日内")
PERIOD_SAID = re.compile(DURATION.pattern + r"(?:以内|之内|内)?")


def asks_duration(question: str) -> bool:
    return bool(_ASKS_DURATION.search(nfkc(question)))


# of NFKC text, where ；！？ are ;!?; "." ends a sentence too, but not after a digit (3.5万元, "11.加强…")
SENTENCE = re.compile(r"(?:[^。；;！!？?.\n]|(?<=\d)\.)+")
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


Rarity = Callable[[str], float]  # how rare a word is among the corpus's clauses, 0 (in all) to 1 (in none)
Passages = str | Sequence[str]  # one passage, or the cited clauses' texts


def missing_type(question: str, passages: Passages, rarity: Rarity | None = None, strict: bool = False) -> str | None:
    """The name of an answer type the question asks for and `passages` do not hold, or None. A
    question of several parts ("每家最多给多少钱？需要满足什么条件？") lacks one only when every part
    lacks its own: the parts the passages do answer are answered. `strict`: only a type's strong
    language counts (conditions said as conditions, not a 须 of duty), of every uncommon word of the thing asked."""
    return wholly_missing(types_missing(question, passages, rarity, strict))


def wholly_missing(parts: list[str | None]) -> str | None:
    """Of `types_missing`'s answer, the type to refuse for: the first, when no part is answered."""
    return parts[0] if parts and all(parts) else None


def types_missing(question: str, passages: Passages, rarity: Rarity | None = None, strict: bool = False) -> list[str | None]:
    """Per part of the question, the answer type it asks for that `passages` do not hold, or None. A
    part asking whether one is among those asked of just before ("…选定的是哪10个城市？有没有广州？")
    is answered by the same names: it lacks what that part lacks."""
    texts = [nfkc(p) for p in ([passages] if isinstance(passages, str) else passages)]
    missing: list[str | None] = []
    for part in question_parts(question):
        among = missing[-1:] == ["名单"] and not asked_types(part) and _AMONG_THEM.search(part)
        missing.append("名单" if among else _missing_in(part, texts, rarity, strict))
    return missing


# whether one is among the names asked ("有没有广州", "广东在不在里面", "包括上海吗")
_AMONG_THEM = re.compile(r"有没有|在不在|是否(?:包括|包含|有)|包括[^，。？?]{1,10}吗|算不算|里面有")


def question_parts(question: str) -> list[str]:
    """The parts of a question asking several things ("每件多少？统计的是哪段时间的？"), NFKC."""
    return [part for part in re.split(r"[？?]", nfkc(question)) if part.strip()]


def _missing_in(question: str, texts: list[str], rarity: Rarity | None, strict: bool) -> str | None:
    for t in asked_types(question):
        if strict and t.strong is not None:
            t = replace(t, present=t.strong)
        name = _named(t, question)
        if name and t.plain:
            stated = any((name in s or t.plain.search(s)) and t.present.search(s) for text in texts for s in SENTENCE.findall(text))
        elif t.name in OF_A_THING:
            topic = _topic_words(question, t, rarity)
            short = short_forms(topic, rarity) if rarity else frozenset()  # "公租房", said 公共租赁住房
            stated = any(_states_of(t, heading, s, topic, short, every=strict) for heading, s in _sentences_in_clause(texts))
        else:
            stated = any(t.present.search(text) for text in texts)
        if not stated:
            return t.name
    return None


# types asked of a thing ("专精特新企业的认定条件", "优先审查需要哪些材料"): a passage states one only in a
# sentence that names the thing too, or whose clause opens by naming it ("第十三条 高价值专利培育中心建设。
# 面向本市……的企业"); "面向本市专精特新中小企业" in another programme's clause says whom that one is for
OF_A_THING = frozenset({"条件", "材料", "办理程序", "期限", "费用", "日期"})
_ASKING_WORDS = frozenset(
    "需要 满足 具备 符合 应当 应该 必须 要求 提交 提供 准备 申请 申报 办理 认定 评选 报名 享受 条件 标准 材料 流程 程序 步骤 手续 "
    "哪些 什么 怎么 怎样 如何 多少 哪里 哪个 才能 能够 可以 一般 具体 主要 规定".split()
)
# conditions referred to, not stated: "对符合条件的企业给予贴息" says only that there are some
_REFERRED_CONDITIONS = re.compile(r"(符合|满足|具备)(相关|有关|规定|一定)?的?(条件|要求|标准)的")
_AUDIENCE = re.compile(r"(面向|限于)[^，,;；。]*")


def _sentences_in_clause(texts: list[str]) -> list[tuple[str, str]]:
    """(the clause's heading, a sentence of it) for every sentence of every clause: its opening
    sentence when short enough to be a heading ("第十三条 高价值专利培育中心建设"), else ""."""
    out = []
    for text in texts:
        sentences = SENTENCE.findall(text)
        heading = sentences[0] if sentences and len(sentences[0].strip()) <= HEADING_CHARS else ""
        out += [(heading, s) for s in sentences]
    return out


HEADING_CHARS = 30


def _topic_words(question: str, t: AnswerType, rarity: Rarity | None) -> list[str]:
    """The words naming what the question asks the type of: its words beside the asking ones, and of
    those the ones the corpus seldom uses where it has some ("专精", "特新" of 专精特新企业, not the
    专利 or 企业 that most of an IP corpus's clauses hold)."""
    asked = "".join(m.group(0) for m in t.asked.finditer(question))
    places = "".join(places_named(question))  # a place scopes the search; it is not the thing asked
    topic = [w for w in words(question) if w not in _ASKING_WORDS and w not in asked and w not in places]
    # who asks is not what is asked about when something else is named: "医院申请运营中心建设需要满足什么
    # 条件" asks the conditions of 运营中心建设, whose clause names the hospital only as its audience
    askers = "".join(question[start:end] for start, end, _ in subject_mentions(question))
    topic = [w for w in topic if w not in askers] or topic
    return [w for w in topic if rarity is None or rarity(w) >= TOPIC_RARITY] or topic


TOPIC_RARITY = 0.3


def _states_of(t: AnswerType, heading: str, sentence: str, topic: list[str], short: Container[str] = (), every: bool = False) -> bool:
    """Does the sentence state the type of the topic? Its marker stands outside a 面向/限于 audience
    and the sentence or its clause's heading names the topic; or the audience is the marker, and then
    the heading names the topic: whom the heading's programme is for. `every`: all its words; the
    `short` ones (no clause uses them) also as contractions of what the text spells out."""
    if t.name == "条件" and _in_programme_clause(heading, sentence, topic, short):
        return True
    sentence = _REFERRED_CONDITIONS.sub("", sentence)
    rest = _AUDIENCE.sub("", sentence)
    if t.present.search(rest):
        return _names_topic(f"{heading} {rest}", topic, short, every)
    return bool(t.present.search(sentence)) and _names_topic(heading, topic, short, every)


def _in_programme_clause(heading: str, sentence: str, topic: list[str], short: Container[str] = ()) -> bool:
    """Is the sentence the body of the asked programme's own clause, headed by its name ("（一）公共专利墙。
    支持本市重点产业行业协会……")? Such a clause says whom the programme is for and what they must do,
    in whatever words — unless it only refers to conditions ("对符合条件的企业给予……")."""
    return (
        bool(heading and topic)
        and sentence.strip() != heading.strip()
        and not _REFERRED_CONDITIONS.search(sentence)
        and _names_topic(heading, topic, short)
        and _names_topic(f"{heading} {sentence}", topic, short, every=True)
    )


def _names_topic(text: str, topic: list[str], short: Container[str] = (), every: bool = False) -> bool:
    """Does the text name a topic word (`every`: each of them), or a three-or-more-character one less
    one end character ("可延长" by "延长"; not "专项资金" by "资金"), or a `short` one by the term it contracts?"""
    plain = fold(text)
    named = [w in plain or (len(w) > 2 and (w[1:] in plain or w[:-1] in plain)) or (w in short and abbreviates(w, plain)) for w in topic]
    return not topic or (all(named) if every else any(named))


# a count asked in a measure word ("要建多少家", "遴选几所", "培养多少人", "需要多少分"; not "几个月", a period)
_ASKED_MEASURE = re.compile(r"(?:多少|(?<!哪)几)万?(家|所|名|人|项|次|户|座|批|分(?!钟|之)|个(?!月|工作日|小时))")  # 哪几个: which
_NUMBER = r"[0-9０-９一二三四五六七八九十两][0-9０-９.一二三四五六七八九十百千万两]*"  # a numeral first: "每万人" counts no one


def asked_measure(question: str) -> str | None:
    """The measure word of a count the question asks for, or None."""
    found = _ASKED_MEASURE.search(nfkc(question))
    return found.group(1) if found else None


def counted_thing(question: str) -> str:
    """What a count asks the number of, as written after its measure word ("专利密集型企业" of "要培育
    多少家专利密集型企业？"), or "" ("要建多少家？")."""
    text = nfkc(question)
    found = _ASKED_MEASURE.search(text)
    return re.split(r"[，,。？?！!；;\s]|吗|呢", text[found.end() :], maxsplit=1)[0] if found else ""


def counts_in(measure: str, text: str, in_digits: bool = False) -> bool:
    """Does the text state a number in that measure ("10家左右", "不超过10所"; `in_digits`: written in
    digits, as figure answers read counts, not "三个时段")? Bodies are counted in any of their measure
    words: "要选几家？" of "择优遴选不超过10所高校"."""
    return bool(re.search(rf"{r'[0-9][0-9.]*' if in_digits else _NUMBER}\s*{_unit(measure)}", nfkc(text)))


# how a count is bounded or approximated around its number ("不超过10家", "10家左右")
COUNT_LIMIT, COUNT_APPROXIMATE = r"(?:不超过|不少于|不多于|最多|至少|约)?", r"(?:左右|以上|以内|以下)?"


def counts_stated(measure: str, text: str) -> list[str]:
    """The counts in that measure the text states in digits, as said ("不超过10所", "200余家", "15家左右")."""
    found = re.finditer(rf"{COUNT_LIMIT}[0-9][0-9.]*(?:多|余)?万?\s*{_unit(measure)}{COUNT_APPROXIMATE}", nfkc(text))
    return [m.group() for m in found]


def _unit(measure: str) -> str:
    return rf"[{_BODY_MEASURES}](?!月|工作日|小时)" if measure in _BODY_MEASURES else re.escape(measure)


_BODY_MEASURES = "家所个户"  # the measure words of firms, schools and hospitals, centres, households


# the money a question asks the amount of, named by what it is for ("保费补贴", "年薪补贴", "贴息")
MONEY_WORDS = frozenset("补贴 贴息 贴费 贴补 奖励 资助 奖补 补助 补偿 津贴".split())


# what a figure is called rather than what it is of ("幅度", "上限"): no thing a clause must name
_FIGURE_NOUNS = frozenset(
    "幅度 数额 金额 额度 数量 比例 比率 费率 利率 标准 上限 下限 总额 规模 力度 范围 期限 时间 水平 程度 倍数 分数 数字 指标 目标 "
    "费用 支出 经费 资金".split()
)
ASKS_QUANTITY = re.compile(r"多少|几|多高|多大|多长|多久")
_NOUN_TAGS = frozenset("n nz nt nl ng nr".split())


def asking_sentences(question: str) -> list[str]:
    """The sentences that ask: each ending in a question mark, and the last; NFKC. A told sentence
    ("科研处这两年也做成了几单专利转让。", "前几天收到通知。") asks no quantity however it says 几."""
    pieces = re.findall(r"[^。！？!?]+[。！？!?]?", nfkc(question))
    return [p.rstrip("。！？!?") for i, p in enumerate(pieces) if p.strip() and (p[-1] in "？?" or i == len(pieces) - 1)]


def asked_thing(question: str) -> str | None:
    """The noun nearest before how much / how many is asked, in the part that asks it: what the figure
    is of ("3岁以下婴幼儿照护每个月能扣多少？": 婴幼儿; "录取分数线是多少分？": 分数线) — not a figure's
    own name (比例, 上限), a generic word, or a subject (企业: who gets it, `find_subjects`). None when the
    part names no such noun before its comma."""
    import jieba.posseg

    for part in asking_sentences(question):
        asks = ASKS_QUANTITY.search(part)
        if asks is None:
            continue
        for pair in reversed(list(jieba.posseg.cut(part[: asks.start()], HMM=False))):
            if pair.word in "，,、；;。！!":
                return None
            if _names_a_thing(pair.word, pair.flag) and len(pair.word) >= 2 and pair.word not in _FIGURE_NOUNS:
                return pair.word
        return None
    return None


def _names_a_thing(word: str, flag: str) -> bool:
    """Is the (jieba-tagged) word a noun naming a thing: not a generic word, nor a subject (企业: who asks),
    nor a pointer at things named elsewhere ("这三项", "该项目", "各区")?"""
    return flag in _NOUN_TAGS and not is_generic(word) and not find_subjects(word) and not _POINTS.match(word)


_POINTS = re.compile(r"[这那该此各每本]")


_TIME_WORD = re.compile(r"[年月日天周季]|[0-9一二三四五六七八九十]")


def things_qualified(question: str) -> list[str]:
    """The nouns naming a kind of the thing a figure is asked of, before its 的 ("3岁以下婴幼儿照护的专项
    附加扣除，每个孩子每月能扣多少钱？": 婴幼儿), a noun after the 的: of three characters or more, not
    a subject or a generic word."""
    import jieba.posseg

    found = []
    # in the sentence asking the figure: "我们是上海一所理工类高校的技术转移办公室。…能拿多少经费？" describes the asker
    asking = " ".join(s for s in asking_sentences(question) if ASKS_QUANTITY.search(s))
    for run in re.findall(r"([\u4e00-\u9fff]{2,12})的(?=[\u4e00-\u9fff])", asking):  # "…做新能源汽车的，" describes the asker
        pairs = list(jieba.posseg.cut(run, HMM=False))[-2:]
        found += [p.word for p in pairs if _names_a_thing(p.word, p.flag) and len(p.word) >= 3 and not _TIME_WORD.search(p.word)]
    return list(dict.fromkeys(found))


# words ending in 费 that name no particular fee: funds, paying, free of charge
_NO_FEE_NAMED = frozenset("经费 缴费 收费 免费 付费 消费 花费 交费 浪费 减费 降费 费".split())


def fees_named(question: str) -> list[str]:
    """The fees a question names ("申请费", "实质审查费" → 审查费, "年费", "电费"): a sum stated for another
    fee (a guarantee's 担保费率) is not theirs. Only the asking sentences name what is asked: "…收了一笔
    转让费。…我能从这笔钱里拿到多少？" asks the inventor's share, not a fee."""
    cut = [t for t in cut_words(" ".join(asking_sentences(question))) if t.strip()]
    named = []
    for i, word in enumerate(cut):
        if not word.endswith("费") or word in _NO_FEE_NAMED and word != "费":
            continue
        name = word if len(word) >= 2 else (cut[i - 1][-2:] + word if i and re.fullmatch(r"[\u4e00-\u9fff]{2,}", cut[i - 1]) else "")
        if name and name not in _NO_FEE_NAMED:
            named.append(name)
    return list(dict.fromkeys(named))


def fee_stated(fee: str, text: str) -> bool:
    """Does the text speak of that fee, by its name or as its stem's cost or standard ("生活费" of
    "基本生活标准…每人每月2094.4元", "检测费" of "检测费用")?"""
    stem = fold(fee)[:-1]
    return fold(fee) in fold(text) or len(stem) >= 2 and bool(re.search(rf"{re.escape(stem)}(?:费用|标准)", fold(text)))


# money words that name the cost they subsidise (a premium, interest): no other kind of sum is one
_COST_SUBSIDIES = frozenset("贴费 贴息".split())


def amount_purpose(question: str) -> tuple[str, ...]:
    """The words a clause stating the asked sum must hold: the word naming what the sum is for, right
    before the money word ("保费" of 保费补贴, "年薪" of 年薪补贴; not 多少, a subject's 企业 or 每家), and
    the money word itself when it names the cost it subsidises ("保险贴费": 保险 and 贴费). A clause
    stating a sum for something else (an insurer's 30万元 award, for 保费补贴 or 保险贴费) does not state
    the one asked. Empty when the question names no purpose."""
    cut = [t for t in cut_words(question) if t.strip()]
    for before, word in zip(cut, cut[1:], strict=False):
        if (
            word in MONEY_WORDS
            and len(before) >= 2
            and not is_generic(before)
            and not find_subjects(before)
            and not before.startswith(("每", "一次"))
            and not is_function_word(before)
        ):
            return (before, word) if word in _COST_SUBSIDIES else (before,)
    return ()


# jieba's tags of words that modify how a sum is asked ("分别奖励", "大概补贴", "各自", "另外")
# rather than name what it is for
_FUNCTION_TAGS = frozenset("d ad r c b p u y e o f t z".split())


def is_function_word(word: str) -> bool:
    """Is every piece of the word an adverb, pronoun, conjunction, particle … by jieba's tags ("分别")?"""
    import jieba.posseg

    return all(pair.flag in _FUNCTION_TAGS for pair in jieba.posseg.cut(word, HMM=False))
