"""Who applies for a funded program, as opposed to who it serves or merely mentions.

"支持商业银行开展专利商标质押贷款工作……面向本市中小企业开展专利商标质押贷款" funds the bank;
the 中小企业 are served. "长者饭堂运营机构为……老年人提供送餐服务可享受送餐补贴" funds the
canteen; "委托专业机构，起草面向企业、高校、医院……的地方标准" funds the commissioned body. A
subject word is an applicant when the sentence gives it a recipient's grammatical role:

- the object of a grant or of 对/委托/支持/鼓励/遴选 ("给予用人单位留用补贴", "对符合条件的企业给予",
  "委托专业机构", "支持商业银行开展", "择优遴选不超过10所高校");
- the pool of 在…中 or 面向…， ("在本市保险机构中……择优遴选", "面向……的医院，择优遴选");
- the one who may claim ("见习基地可向……提出申请", "……老年人……可享受就餐补贴"), who is named as
  补贴对象/申请对象/支持对象, or who heads the sentence that grants ("……的港澳青年企业，给予");
- the one a per-person standard is for ("特困人员基本生活标准为每人每月2094.4元").

Encouragement alone (支持/鼓励 X) is a weaker role: where the clause grants to another party in a
firm role ("支持金融机构加大信贷投放，对小微企业贷款给予贴息"), the encouraged one is no applicant.

It is not when it is served, employed, addressed, a partner or a place ("在县级医院进修"): after 向 ("向见习人员提供", "向…服务
机构提出申请"), after 帮助/惠及/吸纳/招用/留用/接收/带动/指导/围绕, after 为 with a verb of service,
after 依托/通过/与…合作, or after 面向 with the action done for it; in a 委托 sentence only the
commissioned body applies when the government commissions, and not when a party does ("企业委托
科研院所……给予企业补助"). Nor is it when it only names something else: the giver ("银行……给予利率优惠"), or a word followed, inside
its phrase, by another subject or by the noun it qualifies ("港澳青年创新创业孵化载体",
"高校在读港澳青年", "见习基地指导老师", "……荣誉称号", "……交流活动").

Measured on `eval/applicants.jsonl` (see eval/QUALITY.md).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kb.lexicon import fold, subject_mentions

_SENTENCE = re.compile(r"[^。；;!?！？]+")
MAX_SENTENCE = 400
_PHRASE_CUT = re.compile(r"[，,]")
GRANT = (
    r"给予|予以|发放|拨付|核拨|奖励|补贴|补助|资助|支持|享受|贴息|奖补|救助|领取|申领"
    r"|减免|免收|免征|减半|返还|退还|缓缴|降低|减按|免除"
)
_GRANT = re.compile(GRANT)
_ROLE_NOUN = r"(?:补贴|申请|支持|资助|奖励|救助|申报)(?:对象|主体)"
_RECIPIENT_BEFORE = re.compile(rf"(?:{GRANT}|对|委托|鼓励|遴选|认定|{_ROLE_NOUN})[^，,。；]*$")
_CLAIMS_AFTER = re.compile(r"^[^，,。；]*?(?:可|可以|能够|均可|方可)(?:向[^，,。；]*)?(?:申请|申报|申领|领取|享受|获得)")
_SERVED_BEFORE = re.compile(r"(?:为|帮助|惠及|吸纳|招用|留用|接收|带动|指导|服务|围绕)[^，,。；为]{0,30}$")
_PARTNER_BEFORE = re.compile(r"(?:依托|通过|借助|联合|会同|与)[^，,。；]{0,20}$")
_ADDRESSEE_BEFORE = re.compile(r"(?<![面方导意走趋动倾转偏指])向[^，,。；]{0,20}$")  # not 面向, 方向 …
# the giver of a benefit ("银行……给予利率优惠"); who provides a service is paid for it, not a giver
_GIVES_AFTER = re.compile(r"^[^，,。；]{0,6}?(?:给予|发放|减免|免收|降低|让利|出具|提供(?![^，,。；]*服务))")
_SERVICE_AFTER = re.compile(r"^[^，,。；]*?(?:提供|开展|进行|办理|举办|展示|推介|服务|合作)")
_FACING_SERVED = re.compile(r"面向[^，,。；]*$")
_PER_HEAD = re.compile(r"^(?:的)?[^，,。；]{0,8}?(?:标准|待遇|补贴|限额)?[^，,。；]{0,3}?每(?:人|户|家|个)")
_POOL_BEFORE = re.compile(r"在[^，,。；]*$")
_PLACE_AFTER = re.compile(r"^(?:内|里|外|中(?![，,])|[^，,。；]{0,2}?(?:进修|就医|就诊|实习|学习|工作|实施|落户|注册|设立|举办))")
_POOL_AFTER = re.compile(r"^[^，,。；]{0,4}?中(?:[，,]|[^，,。；]{0,4}?(?:遴选|评选|认定|选择|选取))")
# what a subject word may qualify rather than be: 港澳青年创新创业孵化载体, 见习基地指导老师, 荣誉称号
_QUALIFIED_HEAD = re.compile(r"^([^，,。；、和及与或等的()（）]{0,8}?)(?:中心|之家|基地|平台|载体|社区|学院|老师|导师|称号|荣誉|活动|期间|项目|工作|产品|业务|小组|管委会|科技园|名单|名录|职工|员工|人员|学生)")
_ACTION = re.compile(
    r"开展|建设|设立|实施|搭建|举办|组织|推进|申请|提供|进行|开发|培养|编制|起草|实现|获得"
    r"|依托|通过|借助|联合|会同|属于|为|是|对|向|在|按|由|到|从"
)
_SEPARATOR = re.compile(r"[，,、和及与或等的()（）:：]")


def _qualifies(gap: str) -> bool:
    """Does a subject word followed by `gap` and then a noun only qualify that noun?"""
    return not _ACTION.search(gap) and not _SEPARATOR.search(gap)


FIRM, SOFT = 2, 1  # a recipient's role, and encouragement alone ("支持金融机构加大信贷投放")


def _role(sentence: str, start: int, end: int, next_subject: int | None) -> int:
    """FIRM or SOFT when the subject word at sentence[start:end] is in a recipient's role, else 0."""
    phrase_start = max((m.end() for m in _PHRASE_CUT.finditer(sentence, 0, start)), default=0)
    before = sentence[phrase_start:start]
    after = sentence[end:]
    phrase_rest = re.split(r"[，,]", after, maxsplit=1)[0]
    if next_subject is not None and _qualifies(sentence[end:next_subject]):
        return 0  # 高校在读港澳青年: the later word is the party
    head = _QUALIFIED_HEAD.search(phrase_rest)
    if head and _qualifies(head.group(1)) and not _PER_HEAD.search(after):
        return 0
    if "委托" in sentence:
        committed = "委托" in before
        by_a_party = subject_mentions(sentence[: sentence.index("委托")]) != []
        if not by_a_party:  # the government commissions: only the commissioned body is paid
            return FIRM if committed else 0
        if committed:  # "企业委托科研院所开展……给予企业补助": the one commissioned by a party is no applicant
            return 0
    served = _SERVED_BEFORE.search(before)
    if _ADDRESSEE_BEFORE.search(before) or (served and (not served.group().startswith("为") or _SERVICE_AFTER.search(after))):
        return 0
    if _PARTNER_BEFORE.search(before) or (before.endswith("对") and re.match(r"的[^，,。；]", after)):
        return 0  # a partner ("依托知识产权服务机构") or what is done to it ("对见习人员的指导")
    if _FACING_SERVED.search(before):
        return 0 if _SERVICE_AFTER.search(after) else FIRM
    if _POOL_BEFORE.search(before) and _POOL_AFTER.search(after):
        return FIRM
    if re.search(r"在[^，,。；]{0,8}$", before) and _PLACE_AFTER.search(after):
        return 0  # a place: "在县级医院进修", "在化工园区内"
    cue = _RECIPIENT_BEFORE.search(before)
    if cue or re.search(rf"{_ROLE_NOUN}[:：]", before):
        return SOFT if cue and cue.group().startswith(("支持", "鼓励")) else FIRM
    if _CLAIMS_AFTER.search(after) or _PER_HEAD.search(after):
        return FIRM
    if _GIVES_AFTER.search(after):
        return 0  # the giver: "国有企业……减免租金", "银行……给予利率优惠"
    # the topic of a sentence that grants: "……的港澳青年企业，给予", "见习者属于……残疾人的，……给予"
    topic_phrase = phrase_rest == "" or phrase_rest.endswith("的")
    heads_sentence = phrase_start == 0 and not _GRANT.search(before) and topic_phrase
    return FIRM if heads_sentence and _GRANT.search(after) else 0


@lru_cache(maxsize=8192)
def applicants(text: str) -> tuple[str, ...]:
    """Canonical subjects the clause names as applicants or recipients, in order of mention
    (memoised: the eligibility search reads every funded clause per question)."""
    roles: dict[str, int] = {}
    # a "sentence" longer than any real one (a flattened table) is read in pieces: each role test
    # looks back and ahead within its sentence, so this bounds the work per subject word
    pieces = (s[i : i + MAX_SENTENCE] for s in _SENTENCE.findall(fold(text)) for i in range(0, len(s), MAX_SENTENCE))
    for sentence in pieces:
        mentions = subject_mentions(sentence)
        for i, (start, end, canonicals) in enumerate(mentions):
            following = mentions[i + 1][0] if i + 1 < len(mentions) else None
            if following is not None and following - end > 8:
                following = None
            role = _role(sentence, start, end, following)
            for canonical in canonicals:
                roles[canonical] = max(roles.get(canonical, 0), role)
    # a party only encouraged ("支持金融机构加大信贷投放") is no applicant where another is granted to
    bar = FIRM if FIRM in roles.values() else SOFT
    return tuple(c for c, role in roles.items() if role >= bar)
