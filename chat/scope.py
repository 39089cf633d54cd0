"""Is there a basis in the corpus? Refuse rather than answer from unrelated clauses.

A place the corpus has no document for (深圳's subsidies are not Shanghai's), documents the
question names that the corpus does not hold, and topical coverage: the share of the question's
specific words (not the generic ones every policy question shares) found in the retrieved
clauses, one feature of the answerability model (chat/answerability.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Iterator
from functools import lru_cache

from kb.lexicon import subject_mentions
from kb.models import Clause, Document
from kb.overlap import specific_tokens, weighted_coverage
from kb.textnorm import fold, nfkc
from kb.titles import TitleIndex
from kb.tokenize import STOPWORDS

# Places people ask about; Shanghai's districts count as Shanghai (city policies apply there).
_DISTRICTS = "浦东 黄浦 徐汇 长宁 静安 普陀 虹口 杨浦 闵行 宝山 嘉定 金山 松江 青浦 奉贤 崇明 临港 张江 漕河泾".split()
_SHANGHAI = ["上海", "沪", *_DISTRICTS]
ELSEWHERE = (
    "北京 天津 重庆 深圳 广州 杭州 南京 苏州 成都 武汉 西安 厦门 宁波 青岛 合肥 长沙 郑州 济南 福州 东莞 佛山 无锡 "
    "广东 浙江 江苏 山东 福建 河南 河北 湖北 湖南 四川 安徽 江西 辽宁 吉林 黑龙江 陕西 山西 云南 贵州 广西 海南 "
    "甘肃 青海 宁夏 新疆 西藏 内蒙古 香港 澳门 台湾 雄安 大湾区"
).split()

# the asker speaking of itself: "我们是一家德国家电企业", "我们行在做…规划"
_FIRST_PERSON = r"(?:我们|我司|我单位|我行|我校|我院|咱们|本公司|我)"

COVERAGE_THRESHOLD = 0.5
TITLE_MATCH = 0.75
EXACT_TITLE_MATCH = 0.95  # a name this close to a title is that document; a looser fit must win on evidence



# nation-wide words, and words jieba's dictionary mis-tags as places ("东西": things, "惠及": to benefit)
_NOT_A_PLACE = frozenset("中国 全国 国家 我国 国内 境内 境外 国外 海外 各地 地方 本地 当地 各省 全省 全市 东西 南北 中外 内外 异地 外地 惠及".split())
_ADMIN_SUFFIX = re.compile(r"(省|市|县|区|自治区|特别行政区|新区)$")


def names_shanghai(question: str) -> bool:
    """Does the question name Shanghai or one of its districts (上海, 沪, 杨浦 …)?"""
    return any(p in nfkc(question) for p in _SHANGHAI)


# a place by its administrative name ("铜川市", "昌吉州"): jieba's place tag alone also takes words
# such as "延时" (of "零延时") for places
_ADMIN_NAME = re.compile(r"(省|市|县|自治区|州|盟)$")
# regions Shanghai is part of: a heading naming one of them may be Shanghai's policy too
_AROUND_SHANGHAI = ("长三角", "长江三角洲", "华东", "长江经济带")


def outside_shanghai(heading: str) -> bool:
    """Is a document headed (title, issuer, 文号) by another place's name and by none of Shanghai's
    nor a region holding it? Shanghai is a province-level city: no other province or city contains
    it, so such a document is never a Shanghai asker's policy (京政办发, 北京市人民政府办公厅)."""
    named = [p for p in places_named(heading) if p in ELSEWHERE or _ADMIN_NAME.search(p)]
    return bool(named) and not any(r in nfkc(heading) for r in _AROUND_SHANGHAI)


def places_named(question: str, beside_shanghai: bool = False) -> list[str]:
    return list(_places_named(question, beside_shanghai))


@lru_cache(maxsize=4096)  # asked several times per question (refusal, place-scoped search, evidence)
def _places_named(question: str, beside_shanghai: bool = False) -> tuple[str, ...]:
    """Places outside Shanghai the question names: jieba's place tags (ns) and a list of provinces
    and cities, minus nation-wide words; none when the question also names Shanghai or a district
    of it (city and district policies apply there), unless `beside_shanghai` asks for them anyway."""
    import jieba.posseg

    from kb.regions import within

    shanghai = names_shanghai(question)
    if shanghai and not beside_shanghai:
        return ()
    question = nfkc(question)
    tagged = [_PEOPLE_OF.sub("", w) for w, flag in jieba.posseg.cut(question) if flag == "ns" and _a_place_name(w)]
    listed = [p for p in ELSEWHERE if p in question]
    return tuple(
        p
        for p in dict.fromkeys([*tagged, *listed])
        if p not in _NOT_A_PLACE
        and not (shanghai and (names_shanghai(p) or p in _AROUND_SHANGHAI or within(p, "上海")))
        and len(_ADMIN_SUFFIX.sub("", p)) >= 2
        and not _only_where_the_asker_lives(p, question)
        and not _where_it_happened(p, question)
    )


# the people of a place, tagged as a place by jieba ("北京市民乘坐电梯…"): the place is 北京
_PEOPLE_OF = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:市民|居民|村民)$")
# a two-character word jieba tags as a place that names none ("上门", "西路", "霸凌" over the labelled
# questions) unless China's divisions or the lists know it, or it ends as a country, continent or
# foreign capital or a river does (美国, 欧洲, 东京, 两江); longer names are kept (中关村, 漕河泾, 苏州工业园区)
_FOREIGN = frozenset("日本 朝鲜 印度 越南 泰国 缅甸 老挝 欧盟 纽约 伦敦 巴黎 柏林 硅谷 首尔".split())
_PLACE_ENDING = re.compile(r"[国洲京港湾岛江]$")


def _a_place_name(word: str) -> bool:
    from kb.regions import is_division

    if len(word) < 2:
        return False
    return len(word) > 2 or word in ELSEWHERE or word in _FOREIGN or bool(_PLACE_ENDING.search(word)) or is_division(word)


# a country the question names as where something happened, when it asks for China's rules on it
# ("在美国被起诉专利侵权，…要注意哪些国内规定？"): the rules asked are those of the corpus
_CHINAS_RULES = re.compile(r"国内|我国|中国|境内")


def _where_it_happened(place: str, question: str) -> bool:
    return place.endswith("国") and bool(_CHINAS_RULES.search(question.replace(place, "")))


# where a person asking lives or works, is from or is registered ("在杭州上班，个税里住房租金能扣多少？", "我是香港
# 居民，目前住在广州，…可以申请临时救助吗？", "营业执照在昆山的企业…"): the rules of where they ask apply to
# them (or, for a registration, are read against it); the place is no topic
_LIVES_OR_WORKS = "上班|工作|生活|居住|打工|务工|就业|定居|读书|上学|住"
_FROM = "居民|户籍|户口|籍|人士|同胞"


def where_the_asker_is(question: str) -> list[str]:
    """The places a question names only as where the asker lives, works, is from or is registered, with
    the words saying so ("营业执照在昆山的企业…": 昆山, 营业执照): the asker's description, no topic."""
    import jieba.posseg

    text = nfkc(question)
    tagged = [w for w, flag in jieba.posseg.cut(text) if flag == "ns" and len(w) >= 2]
    places = [p for p in dict.fromkeys([*tagged, *(p for p in ELSEWHERE if p in text)]) if _only_where_the_asker_lives(p, text)]
    return [*places, *_REGISTRATION_WORDS.findall(text)] if places else []


_REGISTRATION_WORDS = re.compile(r"营业执照|注册地|注册|户籍|户口|工商登记")


def _only_where_the_asker_lives(place: str, question: str) -> bool:
    said = [m.start() for m in re.finditer(re.escape(place), question)]
    name = re.escape(place)
    lives = re.compile(rf"在{name}[省市区县]?(?:{_LIVES_OR_WORKS})")
    comes_from = re.compile(rf"{name}(?:特别行政区|[省市区县])?(?:{_FROM}|注册|登记)")
    return bool(said) and all(
        lives.match(question, max(0, at - 1))
        or comes_from.match(question, at)
        or _REGISTERED_AT.search(_PROVINCE_BEFORE.sub("", question[max(0, at - 12) : at]))  # "注册地在江苏昆山"
        or (_abroad(place) and _ASKER_IS.search(question[max(0, at - 10) : at]))
        or (_TO_A_PARTNER.search(question[max(0, at - 6) : at]) and _A_BODY_THERE.match(question, at + len(place)))
        for at in said
    )


# "许可给江苏一家企业", "卖给浙江的公司": where the asker's partner is, not what is asked about
_TO_A_PARTNER = re.compile(r"(?:转让|许可|卖|出售|出口|销售|供货|授权)给了?$")
_A_BODY_THERE = re.compile(r"(?:省|市|区|县)?的?(?:一家|一个|某|几家)?[^，,。；;？?！!]{0,6}?(?:企业|公司|单位|工厂|厂|机构|客户|医院|高校)")


def _abroad(place: str) -> bool:
    from kb.regions import is_division

    return place not in ELSEWHERE and not is_division(place)


# "我们是一家德国家电企业": a foreign firm asking of the rules where it does business; a place in
# China says where the asker's own rules come from ("我是北京一所市属高校的老师": 北京's) and stays
_ASKER_IS = re.compile(rf"{_FIRST_PERSON}(?:是|为)(?:一[家个所名位间]|个)?$")


# "营业执照在昆山的企业…", "公司注册在苏州": where the asker is registered, which its eligibility reads
_PROVINCE_BEFORE = re.compile(rf"(?:{'|'.join(ELSEWHERE)})(?:省|市|自治区)?$")  # the province a city is named with
_REGISTERED_AT = re.compile(r"(?:注册地?|营业执照|工商登记|户籍|户口)(?:地址)?(?:在|于|是|为)$")


REGISTERED = re.compile(r"注册地?|营业执照|工商登记|登记注册|户籍|户口")


def registered_elsewhere(question: str) -> bool:
    """Does the question say the asker is registered (or its 户籍 is) in a place outside Shanghai
    ("营业执照在昆山，研发团队在上海", "公司注册在苏州", "户口在安徽")? The place within a few characters of
    the registration word, on either side, in the same phrase."""
    text = nfkc(question)
    import jieba.posseg

    places = {w for w, flag in jieba.posseg.cut(text) if flag == "ns" and len(w) >= 2} | {p for p in ELSEWHERE if p in text}
    places = {p for p in places if p not in _NOT_A_PLACE and not any(s in p for s in _SHANGHAI)}
    for place in places:
        for at in (m.start() for m in re.finditer(re.escape(place), text)):
            window = re.split(r"[，,。；;？?！!]", text[max(0, at - 8) : at])[-1] + re.split(r"[，,。；;？?！!]", text[at : at + len(place) + 6])[0]
            if REGISTERED.search(window):
                return True
    return False


def districts_named(text: str) -> list[str]:
    """Shanghai's districts and zones `text` names (杨浦, 临港 …): places within the city, whose own
    documents are each other's no more than another province's are."""
    text = nfkc(text)
    return [d for d in _DISTRICTS if d in text]


_DISTRICT_OPENING = re.compile(rf"^(?:上海市?)?({'|'.join(_DISTRICTS)})(?!(?:新?区)?(?:人民)?政府)")


def district_asked_about(question: str) -> str | None:
    """The Shanghai district or zone a question opens with, as its topic ("闵行区对高价值专利有什么
    奖励？", "张江科学城的专利资助标准是多少？"): what that district itself provides. Not its
    government as a unit of a city document ("青浦区政府在专项行动方案里要做什么？"), nor a district
    further in ("注册在浦东的医院能申报……", where the asker is, and city policy applies)."""
    text = nfkc(question).strip()
    match = _DISTRICT_OPENING.match(text)
    if match is None:
        return None
    # "闵行区的企业能申报…吗？": where the asker is, as further in; city programmes are open to them
    rest = _ASKER_AFTER_PLACE.sub("", text[match.end() :])
    return None if any(start == 0 for start, _, _ in subject_mentions(fold(rest))) else match.group(1)


_ASKER_AFTER_PLACE = re.compile(r"^(?:新?区)?(?:的|里的|内的|注册的|这边的|这家|一家)?(?:我们|我)?")


def place_not_in(question: str, text: str) -> str | None:
    """A place outside Shanghai the question names (深圳, 广西, 东京 …) that `text` never mentions
    (江西省 counts as mentioned by 江西), or None. Against the corpus's titles and issuers it says
    the corpus has no document about the place; against the passages an answer would cite (with
    their titles), that they are not about it."""
    text = nfkc(text)
    return next((p for p in places_named(question) if place_stem(p) not in text), None)


# The provinces' one-character names that open their 文号 (京政办发, 粤府, 黔发改); the ambiguous
# ones are left out (宁: 南京 or 宁夏, 青: 青岛 or 青海, 云/内: too common a first character).
_NUMBER_PROVINCES = dict(
    zip(
        "京津渝冀晋辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川黔滇藏陕甘新",
        "北京 天津 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 四川 贵州 云南 西藏 陕西 甘肃 新疆".split(),
        strict=True,
    )
)


def place_of_number(doc_number: str) -> str:
    """The province a 文号 abbreviates ("京政办发〔2020〕7号" → 北京), or ""."""
    number = nfkc(doc_number).strip()
    return _NUMBER_PROVINCES.get(number[:1], "") if re.match(r"^.[\u4e00-\u9fff]+[〔\[［(（]\d{4}", number) else ""


def place_stem(place: str) -> str:
    """江西省 → 江西, 泉州市 → 泉州: the name as texts also write it."""
    stem = _ADMIN_SUFFIX.sub("", place)
    return stem if len(stem) >= 2 else place


# the words naming the slot a follow-up asks of the session's topic ("要在什么时候完成？", "有期限要求吗？",
# "名额有多少？", "目标呢？"): when to, by when, how much, how many, who leads, what goal or condition — no
# topic of their own
SLOT_WORDS = frozenset(
    "期限 时限 期间 时间 日期 完成 截止 到期 期满 结束 开始 起止 金额 额度 数额 数量 比例 名额 上限 下限 标准 牵头 责任 谁 哪家 几家 "
    "目标 指标 条件".split()
)
# a due date said in a question ("2024年底前", "6月底之前"): when, not what
DUE_SPAN = re.compile(
    r"[0-9]{4}年(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?(?:底|初|中|末)?(?:前|以前|之前|为止)?"
    r"|[0-9]{1,2}月(?:[0-9]{1,2}日)?(?:底|初|中)?(?:前|以前|之前|为止)?"
)
def coverage(question: str, clauses: Iterable[Clause], extra_text: str = "", short_forms: Container[str] = ()) -> float:
    """Share of the question's specific words found in the clauses (1.0 when it has none); the
    `short_forms` also as contractions of terms they spell out (`kb.overlap.weighted_coverage`)."""
    haystack = " ".join([extra_text, *(" ".join([*c.heading_path, c.text]) for c in clauses)])
    return weighted_coverage(specific_tokens(question), haystack, lambda word: 1.0, short_forms)


_NAMED_DOC = re.compile(r"《([^》]{2,40})》|([\u4e00-\u9fff]{2,20}?(?:办法|条例|细则|方案|意见|通知|规划|纲要|指南|法))(?=第|的|里|中|对|规定|是|每|有|要|怎|提|说|讲|给|能|可|一|共|总|什么|何时|定了|设定|确定|明确|在哪|哪|支持|列|涉及|包括|适用|分|下设|含|由|[和与及]|到|还|过|已|现在|目前|仍|是否|算|属于|\d{4}年|[？?，,。\s]|$)")
FUNCTION_CHARS = re.compile(r"[在里对的和与及为要把从向按照根据关于是让给]")  # where a name in a question ends
_QUESTION_WORDS = re.compile(r"(什么|哪|怎么|怎样|多少|如何|是否|何|谁)")
_GENERIC_NAMES = frozenset({"专项资金实施细则", "专项行动方案"})
# a kind of document after one two-character word names a kind of rules, not a title ("奖励办法", "实施
# 细则", "工作方案"): a school's, a fund's, anyone's; a law is named by its topic and 法 ("专利法")
_GENERIC_NAME = re.compile(r"[\u4e00-\u9fff]{2}(?:办法|细则|方案|意见|通知|规划|纲要|指南|条例|规定)")


def named_documents(question: str) -> list[str]:
    """Document names the question uses: 《…》, or a phrase ending in 办法/条例/细则/方案/法 …"""
    names = []
    text = nfkc(question)
    for match in _NAMED_DOC.finditer(text):
        if match.group(1):
            names.append(match.group(1))
            continue
        *before, name = FUNCTION_CHARS.split(match.group(2))
        quoted_before = _QUOTED_NAME_BEFORE.search(text[: match.start(2)])
        if quoted_before and before == [""]:  # "《…实施细则》的补充通知": that document's, not any 补充通知
            name = quoted_before.group(1) + name
        if before and _A_PLACES_OWN.fullmatch(before[-1]) and places_named(before[-1]):
            name = before[-1] + name  # "深圳经济特区的知识产权保护条例": the place's own, not 广东's or 上海's
        batched = [b for b in before if _BATCH.search(b)]  # "第一批专项资金的实施细则": the batch names the document too
        name = batched[-1][_BATCH.search(batched[-1]).start() :] + name if batched and not _BATCH.search(name) else name
        name = re.sub(r"^年(?!版)", "", name) if re.search(r"\d$", text[: match.start(2)]) else name  # "2024年…指南": the asker's year
        # "…解释这个细则": what the pointer points at; "医院这边接到通知，…": a notice the asker got, no title
        name = re.split(r"这个|这份|那个|那份|这边|那边|接到|收到|看到|听到|听说", name)[-1]
        name = re.sub(r"^(请问|上海市?|该|此|以后|以前|之后|之前|现在|目前|当前|今年|明年|去年)+", "", name)  # "2026年以后杨浦方案""
        name = _COUNTED.sub("", name)  # "这两个方案哪个还有效？": how many documents, not a title
        edition = re.search(r"\d{4}$", text[: match.start(2)]) if re.match(r"年?版", name) else None
        name = edition.group(0) + name if edition else name  # "2026年版…细则": an edition, one of its identifiers
        if len(name) >= 4 and not _QUESTION_WORDS.search(name) and len(name := _after_asker_and_modal(name)) >= 4 and not _askers_own(text, name):
            names.append(name)
    return names


# "我们行在做普惠贷款规划": a paper the asker is writing, no document of a government's
_ASKER_WRITES = re.compile(rf"{_FIRST_PERSON}[^，,。；;？?]{{0,5}}(?:做|写|编|拟|搞|制定|起草)")


def _askers_own(text: str, name: str) -> bool:
    at = text.find(name)
    return at >= 0 and bool(_ASKER_WRITES.search(text[max(0, at - 12) : at] + name[:2]))


_QUOTED_NAME_BEFORE = re.compile(r"《([^》]{2,40})》$")
# a place alone, with its kind of division, before the 的 of a document's name
_A_PLACES_OWN = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:经济特区|特别行政区|自治区|新区|省|市|区|县)?")

# a count before a kind word ("两个方案", "这三份文件", "几部法"): no title opens with one
_COUNTED = re.compile(r"^(?:这|那)?[一二两三四五六七八九十几多各每\d]+[个份项部条本](?![门分])")  # not 多部门, 一部分
_MODALS = frozenset("能 能够 可 可以 会 不会 要 想 需 需要 应 应该 应当 得 愿意 打算 准备 还".split())
# words of a sentence no title holds: a negation, adverbs of a narrative ("别人抄了也没办法", "学校既没定
# 奖励办法": 办法 is a way, or rules the asker's school never made)
_NARRATIVE = frozenset("没 没有 也 既 都 就 又 已 已经 曾 曾经 却 才".split())
_NOT_IN_TITLES = _MODALS | _NARRATIVE
# a character of a modal, a narrative word, an aspect particle (了 着 过), a measure word (个) or a pronoun
_MAY_HOLD_ASKER = re.compile("[" + "".join({c for m in _NOT_IN_TITLES for c in m}) + r"了着过个我你您他她咱们]")
_ASPECT_OR_MEASURE = ("ul", "uz", "ug", "q")


def _after_asker_and_modal(name: str) -> str:
    """The name without the asker and the verbs before it: a title never holds a pronoun or a modal
    verb, so "医院能申请细则" is 细则 and "我们想了解专利法" 专利法; "促进科技成果转化法" keeps its verb. Nor
    does it hold an aspect particle, a measure word or a narrative's negation and adverbs: "别人抄了也没
    办法" names no document, "新出了个意见" only 意见."""
    import jieba.posseg

    if not _MAY_HOLD_ASKER.search(name):  # most names: no tagging needed
        return name
    cut = [(pair.word, pair.flag) for pair in jieba.posseg.cut(name, HMM=False)]
    last = max((i for i, (word, flag) in enumerate(cut) if word in _NOT_IN_TITLES or flag == "r" or flag in _ASPECT_OR_MEASURE), default=-1)
    if last < 0:
        return name
    rest = cut[last + 1 :]
    while len(rest) > 1 and rest[0][1] in ("v", "p", "c", "d"):
        rest.pop(0)
    return "".join(word for word, _ in rest)


# What tells one document of a series from another: a 文号, a batch, issue or edition (第二批, 第三期,
# 第2版), a part (（上）, （下）, （续）), a period or year (2024-2026, 2022年). A name that fits a title but carries an identifier the title lacks
# ("第三批专项资金实施细则" beside the 第二批) names a document the corpus does not hold.
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号")
_BATCH = re.compile(r"第[一二三四五六七八九十\d]+[批期版辑]")
_IDENTIFIER = re.compile(_BATCH.pattern + r"|[（(][上中下续][)）]|\d{4}\s*[-—–~至]\s*\d{4}|\d{4}(?=年)")


def identifiers_fit(name: str, documents: list[Document]) -> bool:
    """Do the identifiers in `name` (batch, part, years, and its kind: a 管理办法 is no 实施细则) all occur
    in one of `documents`' title or 文号?"""
    folded = nfkc(name)
    wanted = [re.sub(r"\s*[-—–~至]\s*", "-", i) for i in _IDENTIFIER.findall(folded)]
    wanted += [place_stem(p) for p in places_named(folded)]  # 深圳's 知识产权保护条例 is not 广东's
    kind = _KIND_END.search(_without_trailing_note(folded))
    wanted += [kind.group(1)] if kind else []
    return any(all(w in re.sub(r"[-—–~至]", "-", nfkc(f"{d.title} {d.doc_number}")) for w in wanted) for d in documents)


def _without_trailing_note(name: str) -> str:
    """The name without a closing （2021-2023） or （试行）: what its kind word ends."""
    return re.sub(r"[（(][^）)]*[）)]$", "", name)


_KIND_END = re.compile(r"(办法|细则|方案|意见|通知|规定|条例|规划|纲要|指南|决定|通告|措施|报告|文章)$")


def only_document_of_kind(question: str, documents: Iterable[Document]) -> str | None:
    """"本细则一共有多少条？" in a corpus holding one 细则: that document's id; of several titles ending in
    the kind, the one whose title holds the question's other words ("杨浦的方案有几个部分？": 杨浦). None
    when the question names no kind of document, several kinds, or no one document of the kind."""
    text = nfkc(question)
    kinds = {m.group(1) for m in _KIND_WORD.finditer(text)}
    if len(kinds) != 1:
        return None
    # of its title's last word, or of its catalog kind ("研究文章": a study's title names no kind)
    ending = [d for d in documents if _kind_of(d) in kinds]
    if len(ending) > 1:
        titles = [fold(d.title) for d in ending]
        hints = [w for w in specific_tokens(_KIND_WORD.sub(" ", text)) if len(w) >= 2 and any(w in t for t in titles)]
        ending = [d for d, t in zip(ending, titles, strict=True) if hints and all(w in t for w in hints)]
    return ending[0].doc_id if len(ending) == 1 else None


def _kind_of(document: Document) -> str:
    found = _KIND_END.search(_without_trailing_note(nfkc(document.title))) or _KIND_END.search(document.kind)
    return found.group(1) if found else ""


def documents_of_kinds(question: str, documents: Iterable[Document]) -> list[str]:
    """For each kind of document the question names ("细则和专项行动方案哪个还有效？": 细则, 方案), the one
    document of that kind when the corpus holds only one."""
    kinds = dict.fromkeys(m.group(1) for m in _KIND_WORD.finditer(nfkc(question)))
    by_kind = [[d.doc_id for d in documents if _kind_of(d) == kind] for kind in kinds]
    return [ids[0] for ids in by_kind if len(ids) == 1]


_KIND_WORD = re.compile(_KIND_END.pattern.removesuffix("$"))


def unknown_document(question: str, titles: TitleIndex, mentioned_in_text: Callable[[str], bool]) -> str | None:
    """A document the question names (by a name or a 文号) that the corpus neither holds nor quotes, or None."""
    text = nfkc(question)
    asked = DOC_NUMBER.findall(text)
    numbers = {nfkc(d.doc_number) for d in titles.documents} if asked else set()
    for number in asked:
        if number not in numbers and not mentioned_in_text(number):
            return number
    return next((name for name in _names_not_held(question, titles) if not mentioned_in_text(name)), None)


def quoted_only_document(question: str, titles: TitleIndex, mentioned_in_text: Callable[[str], bool]) -> str | None:
    """A document the question names that the corpus does not hold but only quotes ("以《杨浦区知识产权
    资助办法》为抓手"), or None: its articles, amounts and dates are not in the corpus."""
    return next((name for name in _names_not_held(question, titles) if mentioned_in_text(name)), None)


def opens_with(question: str, name: str) -> bool:
    """Is the document `name` what the question is about — its first words ("《X》对PCT申请资助多少？",
    "上海市X对每件…") — rather than a thing inside it ("起草《X》地方标准，立项后奖补多少？")?"""
    def opening(text: str) -> str:
        return re.sub(r"^(?:请问|上海市?|[《\"“ ])+", "", nfkc(text))

    return opening(question).startswith(opening(name))


def _names_not_held(question: str, titles: TitleIndex) -> Iterator[str]:
    """The documents the question names that are none of the corpus's own (by title, batch and
    period), leaving out generic names, the asker's own papers and judicial interpretations
    known by a colloquial name."""
    text = nfkc(question)
    for name in named_documents(question):
        if name in _GENERIC_NAMES or _GENERIC_NAME.fullmatch(name):
            continue
        score, docs = titles.best_match(name)
        if score < RESEMBLES and not _POLICY_KIND.search(_without_trailing_note(nfkc(name))):
            continue  # 《补充告知书》: a paper the asker holds, neither of a policy kind nor like any title
        received = _RECEIVED.search(text[: max(text.find(nfkc(name)), 0)])
        if score < RESEMBLES and received and f"《{nfkc(name)}》" not in text and not _TITLED.search(name):
            continue  # "刚收到国知局的授予专利权通知": a letter to the asker, no document a corpus holds
        if not (score >= TITLE_MATCH and identifiers_fit(name, docs)) and not _judicial_interpretation(name, titles):
            yield name


# a paper the asker received, just before its name ("收到国知局的…通知", "接到法院的…"), unless titled as a
# policy is ("关于…的通知", "印发…")
_RECEIVED = re.compile(r"(?:收到|接到|拿到|接获)[^，,。；;？?]{0,12}$")
_TITLED = re.compile(r"关于|印发|转发")
# the kinds of policy and legal documents a corpus holds; other names in 《》 are the asker's papers
_POLICY_KIND = re.compile(
    r"(法|条例|规定|办法|细则|方案|意见|通知|决定|解释|说明|纲要|规划|指南|公告|措施|规则|规程|标准|制度|计划|指引|目录|清单|白皮书|报告|章程|公约|批复|函)$"
)
RESEMBLES = 0.5  # a title match this good means the name is meant as one of the corpus's documents


def _judicial_interpretation(name: str, titles: TitleIndex) -> bool:
    """"民间借贷司法解释": the colloquial name of a 最高人民法院/最高人民检察院 interpretation whose title
    holds the topic ("最高人民法院关于审理民间借贷案件适用法律若干问题的规定")."""
    topic = nfkc(name).removesuffix("司法解释")
    return topic != nfkc(name) and len(topic) >= 2 and any(
        topic in nfkc(d.title) and nfkc(d.title).startswith(("最高人民法院", "最高人民检察院")) for d in titles.documents
    )


_SUPPORT_ASKED = re.compile(r"资助|补贴|补助|奖补|奖励|贴息|扶持|资金支持|经费支持")


def asks_for_support(question: str) -> bool:
    """Does the question ask about support a policy grants (资助, 补贴, 奖励 …)?"""
    return bool(_SUPPORT_ASKED.search(nfkc(question)))


_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,16})[”\"」』]")
# A quoted phrase names a program when it is one ("繁星计划") or is asked about as one ("“专利独角兽”奖励",
# "“百校千企”对接补贴");
# other quotes are the asker's own words for a concept ("三期", "外嫁女") and are left to retrieval.
_PROGRAM_WORD = "(计划|工程|基金|行动|奖|奖励|奖补|补贴|津贴|资助|项目|贷|卡|包|认定|评定|培养|活动|专项)"


def unknown_quoted_name(question: str, mentioned_in_text: Callable[[str], bool], titles: TitleIndex) -> str | None:
    """A name the question puts in quotes (“专利独角兽”奖励) that no clause or title holds, or None:
    a quoted name is meant verbatim, so a program of another name is not an answer to it."""
    text = nfkc(question)
    for match in _QUOTED.finditer(text):
        name = match.group(1).strip(" ?？!！。，,、")
        as_program = re.search(f"{_PROGRAM_WORD}$", name) or re.match(f"[\u4e00-\u9fff]{{0,2}}{_PROGRAM_WORD}", text[match.end() :])
        if len(name) >= 2 and as_program and not mentioned_in_text(name) and name not in titles.titles_and_issuers:
            return name
    return None


# An unquoted program name: a run of content words ending in one of these ("专利金种子计划", "知识产权星火基金")
# whose a programme is, as people say it before its name ("市里专利转化行动"): no part of the name
_HOLDER_WORDS = re.compile(r"^(?:市里|区里|省里|国家的?|本市|全市|咱们|我们|他们)")
_PROGRAM_HEADS = frozenset("计划 工程 基金 行动 行动计划 奖 贷".split())  # 贷: a loan product ("科技履约贷")
_NAME_POS = ("n", "nr", "nz", "nt", "eng", "m", "a", "s", "vn", "v", "j", "l", "i")
_GENERIC_PROGRAMS = frozenset("专项行动 专项计划 行动计划 工作计划 实施计划 三年行动 培育工程 年度计划 发展计划".split())
# question words, and the verbs that come before a name rather than in it ("参加…计划", "作为…工程")
_NOT_IN_NAMES = re.compile(r"哪|什么|几|多少|^(作为|是|有|为|成为|属于|进行|开展|实施|参加|参与|申请|申报|加入|享受|获得)$")
_LIGHT_VERBS = frozenset("有 是 能 可 可以 会 要 需要 应 应当 该 还".split())  # "…工程有什么支持", "…行动能拿多少"
PROGRAM_NAME_CHARS = 5  # shorter runs ("承建工程", "约定工程") are descriptions, not names
NAME_OVERLAP = 0.75  # share of a name's character bigrams some clause or title must hold for it to be known


def program_names(question: str) -> list[str]:
    """Names of programs the question uses without quotes: a run of content words (no place, no
    leading verb) ending in 计划/工程/基金/行动 — "上海市高价值专利倍增工程" → 高价值专利倍增工程."""
    import jieba.posseg

    names, run = [], []
    cut = [(pair.word, pair.flag) for pair in jieba.posseg.cut(nfkc(question))]
    for i, (word, flag) in enumerate(cut):
        after = cut[i + 1] if i + 1 < len(cut) else ("", "")
        verb_follows = after[1].startswith("v") and after[0] not in _LIGHT_VERBS
        if word in _PROGRAM_HEADS and verb_follows and (after[1] == "v" or (run and _names_a_place("".join(w for w, _ in run)))):
            run = []  # "日产能计划提高到…", "杨浦区计划建设…": 计划 is the verb "to plan"
        elif word in _PROGRAM_HEADS and run:
            name = _HOLDER_WORDS.sub("", _without_leading_verbs(run)) + word
            if len(name) >= PROGRAM_NAME_CHARS and name not in _GENERIC_PROGRAMS:
                names.append(name)
            run = []
        elif _in_a_name(word, flag):
            run.append((word, flag))
        else:
            run = []
    return list(dict.fromkeys(names))[:MAX_PROGRAM_NAMES]


def _in_a_name(word: str, flag: str) -> bool:
    # a place starts no name ("上海市…工程"); a word jieba tags as one that names no place may be in it ("蓝海贷")
    if word in STOPWORDS or _NOT_IN_NAMES.search(word):
        return False
    return not _a_place_name(word) if flag == "ns" else flag.startswith(_NAME_POS)


def _without_leading_verbs(run: list[tuple[str, str]]) -> str:
    """A run of name words without the verbs that open it ("申报专利超市" → 专利超市)."""
    start = next((i for i, (_, flag) in enumerate(run) if flag != "v"), len(run))
    return "".join(word for word, _ in run[start:])


def name_ending(text: str) -> str:
    """The name `text` ends with, as a programme's name is read ("公共专利墙" in "…公共专利墙"), or ""
    when it ends with a verb, a question word or a function word ("高校可以申报", "参加过")."""
    import jieba.posseg

    run: list[tuple[str, str]] = []
    for pair in reversed(list(jieba.posseg.cut(nfkc(text)))):
        if not _in_a_name(pair.word, pair.flag):
            break
        run.insert(0, (pair.word, pair.flag))
    return _without_leading_verbs(run)


def _names_a_place(text: str) -> bool:
    """"杨浦区", "浦东新区", "广东省": a place (which plans, "杨浦区计划建设…"), no programme's name."""
    return bool(places_named(text) or districts_named(text) or re.search(r"[省市区县]$", text))


MAX_PROGRAM_NAMES = 8  # each is looked up in the corpus; "海王星计划" × 400 must not cost 400 look-ups


def unknown_program_name(question: str, overlap: Callable[[str], float]) -> str | None:
    """A program name the question uses that no clause or title comes close to holding (`overlap`:
    the best share of its character bigrams one of them holds), or None. "高价值专利倍增工程" is not
    the corpus's 高价值专利培育工程, and another program's amount is no answer to it."""
    return next((name for name in program_names(question) if overlap(name) < NAME_OVERLAP), None)


def bigram_overlap(name: str, text: str) -> float:
    """Share of `name`'s character bigrams that `text` holds."""
    wanted = {name[i : i + 2] for i in range(len(name) - 1)}
    text = nfkc(text)
    return sum(1 for b in wanted if b in text) / len(wanted) if wanted else 1.0


TITLE_WORDS = 8  # "专利转化运用专项行动": this many title characters in a row name the document


def documents_by_name(question: str, titles: TitleIndex, threshold: float = TITLE_MATCH) -> tuple[list[str], list[str]]:
    """(doc ids, the names used) for documents the question names by a name ending in 方案/细则/法 …
    (or in 《》) that fits a title (a match score of at least `threshold`), batch and period included."""
    doc_ids: list[str] = []
    used: list[str] = []
    for name in named_documents(question):
        score, docs = titles.best_match(name)
        if score >= threshold and identifiers_fit(name, docs):
            doc_ids += [d.doc_id for d in docs]
            used.append(name)
    return list(dict.fromkeys(doc_ids)), used


def documents_by_title_run(question: str, titles: TitleIndex) -> tuple[list[str], list[str]]:
    """(doc ids, [the run]) for the documents whose titles share the question's longest run of
    title characters (at least `TITLE_WORDS`): "专利转化运用专项行动" names its plan, but
    "新型冠状病毒感染的肺炎" is in many titles and may name none of them."""
    run, docs = titles.longest_run(question, TITLE_WORDS)
    return ([d.doc_id for d in docs], [run]) if docs else ([], [])


SHORT_NAME_CHARS = 4
_SHORT_NAME_END = re.compile(r"(行动|计划|工程|方案|细则|办法|规划|纲要|意见|条例)$")


def document_by_short_name(question: str, titles: TitleIndex) -> str | None:
    """The one document a short name of its own calls ("专项行动" of 上海市专利转化运用专项行动实施方案):
    a run of at least four title characters ending in a programme or document word that no other
    title holds; None when the run is shorter, generic or shared ("疫情防控" of many notices)."""
    run, docs = titles.longest_run(question, SHORT_NAME_CHARS)
    return docs[0].doc_id if len(docs) == 1 and _SHORT_NAME_END.search(run) else None


def documents_named(question: str, titles: TitleIndex) -> tuple[list[str], list[str]]:
    """(doc ids, the names used) for documents the question refers to: by name, else by a long run
    of a title's own words."""
    named = documents_by_name(question, titles)
    return named if named[0] else documents_by_title_run(question, titles)
