"""Subject lexicon: who a clause is about (高校, 医院, 中小企业 …) and the words for them.

Used by extraction (which subjects a clause names) and by question understanding (which
subject the asker is), so both sides land on the same canonical words. One surface may
stand for two subjects (高校院所 = 高校 + 科研机构); matching is leftmost-longest, so
专精特新中小企业 is 专精特新企业, not also a bare 企业.
"""

from __future__ import annotations

import re
from functools import cache

from kb.textnorm import nfkc

SUBJECTS: dict[str, tuple[str, ...]] = {
    "高校": ("高校", "高等学校", "高等院校", "大学", "高校院所", "高校知识产权学院"),
    "科研机构": ("科研机构", "科研院所", "研究机构", "研究院所", "新型研发机构", "高校院所"),
    "医院": ("医院", "医疗卫生机构", "医疗机构", "公立医院", "医疗卫生系统"),
    "商业银行": ("商业银行", "银行机构", "银行", "银行业金融机构"),
    "金融机构": ("金融机构",),
    "保险机构": ("保险机构", "保险公司", "财产险公司", "财险公司", "寿险公司", "人身险公司"),
    "担保机构": ("担保机构", "融资担保机构", "担保公司", "融资担保公司"),
    "行业协会": ("行业协会", "产业行业协会", "协会", "产业联盟"),
    "中小企业": ("中小企业", "中小微企业", "小微企业", "中小微科技企业", "小企业", "科技型中小企业"),
    "专精特新企业": (
        "专精特新企业",
        "专精特新中小企业",
        "专精特新小巨人企业",
        "小巨人企业",
        "专精特新",
    ),
    "高新技术企业": ("高新技术企业", "高企"),
    "科技型企业": ("科技型企业", "科技企业", "科技型中小企业", "科技创新企业"),
    "国有企业": ("国有企业", "国企", "央企"),
    "拟上市企业": ("拟上市企业", "科创板拟上市企业"),
    "老字号企业": ("老字号", "老字号企业"),
    "企业": ("企业", "公司", "我司", "港澳青年企业", "初创企业"),
    "知识产权服务机构": (
        "知识产权服务机构",
        "服务机构",
        "专利代理机构",
        "知识产权代理机构",
        "商标代理机构",
        "知识产权交易机构",
        "专业机构",
    ),
    "企事业单位": ("企事业单位", "事业单位"),
    "社会组织": ("社会组织", "社会团体", "民办非企业单位"),
    "专利权人": ("专利权人", "许可人", "权利人"),
    "园区": ("园区", "科技园区", "产业园区", "开发区"),
    "个人": ("个人", "自然人"),
    # residents and the bodies serving them (social-policy notices: housing, employment, welfare)
    "高校毕业生": ("高校毕业生", "毕业生", "应届毕业生", "大学生", "在校生"),
    "港澳青年": ("港澳青年", "港澳台青年"),
    "老年人": ("老年人", "老人", "长者", "高龄老人"),
    "就业困难人员": ("就业困难人员", "失业人员", "登记失业人员"),
    "低保对象": ("低保对象", "最低生活保障对象", "低保家庭", "最低生活保障家庭", "低保户", "最低生活保障边缘家庭", "低保边缘家庭"),
    "特困人员": ("特困人员", "特困供养人员"),
    "残疾人": ("残疾人", "残疾人士"),
    "孤儿": ("孤儿", "事实无人抚养儿童"),
    "住房困难家庭": ("住房困难家庭", "中等偏下收入住房困难家庭"),
    "参保人": ("参保人", "参保人员", "参保职工"),
    "见习人员": ("见习人员", "见习者", "见习学员", "就业见习人员"),
    "用人单位": ("用人单位", "用工单位", "见习单位", "见习基地", "就业见习基地", "就业见习示范基地"),
    "初创企业": ("初创企业", "个体户", "个体工商户", "创业者"),
    "孵化载体": ("孵化载体", "孵化器", "众创空间", "创新创业孵化载体"),
    "养老服务机构": ("养老服务机构", "养老机构", "长者饭堂", "长者饭堂运营机构", "助餐配餐服务机构"),
}

# Names that hold a subject's word but are no applicant kind (the central bank, public agencies):
# matched first, as the longest surface, so that 人民银行 is not a 商业银行.
NOT_SUBJECTS: tuple[str, ...] = ("人民银行", "中国人民银行", "公共就业服务机构", "经办机构", "医保经办机构", "管委会")

# Quotes and spaces are dropped before matching: 专精特新“小巨人”企业 = 专精特新小巨人企业.
_DROP = re.compile(r"[\s\"'“”‘’「」『』]")


@cache
def _surface_index() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    owners: dict[str, list[str]] = {surface: [] for surface in NOT_SUBJECTS}
    for canonical, synonyms in SUBJECTS.items():
        for surface in (canonical, *synonyms):
            if canonical not in owners.setdefault(surface, []):
                owners[surface].append(canonical)
    surfaces = sorted(owners, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, surfaces))), {k: tuple(v) for k, v in owners.items()}


def fold(text: str) -> str:
    """The form subject words are matched in: NFKC, without quotes and spaces."""
    return _DROP.sub("", nfkc(text or ""))


def find_subjects(text: str) -> list[str]:
    """Canonical subjects named in `text`, in order of first mention, without repeats."""
    pattern, owners = _surface_index()
    found: list[str] = []
    for match in pattern.finditer(fold(text)):
        for canonical in owners[match.group()]:
            if canonical not in found:
                found.append(canonical)
    return found


def subject_mentions(folded: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Each subject word in already `fold`ed text: (start, end, the canonical subjects it names)."""
    pattern, owners = _surface_index()
    return [(m.start(), m.end(), owners[m.group()]) for m in pattern.finditer(folded)]


def synonyms(canonical: str) -> tuple[str, ...]:
    """The canonical subject and its synonyms (empty if unknown)."""
    if canonical not in SUBJECTS:
        return ()
    return (canonical, *SUBJECTS[canonical])
