"""Extractive, deterministic answers: every sentence quotes or restates a cited clause.

Amounts, dates and targets are the verbatim phrases the extractor found in the clause
text (`raw`), never recomputed, so an answer cannot state a figure its clause lacks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Sequence
from datetime import date
from functools import lru_cache

from chat.answer_types import COUNT_APPROXIMATE, COUNT_LIMIT, DURATION, PERIOD_SAID, RATE, counts_in, counts_stated
from chat.understand import attribute_fails, attribute_matches
from indexer.segment import sentence_spans
from kb.models import Citation, Clause, Document, Match
from kb.overlap import abbreviates
from kb.textnorm import fold, nfkc

STATUS_TEXT = {
    "in_force": "有效",
    "expired": "已失效",
    "not_yet_effective": "尚未施行",
    "superseded": "已被新版本取代",
    "non_binding": "研究文章，非政策文件",
    "unknown": "有效期未注明",
}


def doc_name(doc: Document) -> str:
    number = f"（{doc.doc_number}）" if doc.doc_number else ""
    return f"《{doc.title}》{number}"


def cite_label(clause: Clause) -> str:
    """How a reader cites the clause: 第十五条, （十一）, 第十条（三） for an item of an article, or
    三、（一） where the label alone repeats."""
    return clause.cite or clause.label or (clause.heading_path[-1] if clause.heading_path else "正文")


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def validity_status(doc: Document, as_of: date, brief: bool = False) -> str:
    """The document's dates and its status on `as_of` ("有效期至2023年12月31日，截至2025-06-01已失效"),
    without its name; `brief` keeps only the date its status turns on (a note under an answer)."""
    status = doc.status(as_of)
    facts = []
    if doc.issue_date and not brief:
        facts.append(f"于{cn_date(doc.issue_date)}印发")
    if doc.effective_date and doc.effective_date != doc.issue_date and not (brief and status != "not_yet_effective"):
        facts.append(f"自{cn_date(doc.effective_date)}起施行")
    if doc.expiry_date:
        facts.append(f"有效期至{cn_date(doc.expiry_date)}")
    elif doc.plan_period:
        facts.append(f"实施期为{doc.plan_period[0]}-{doc.plan_period[1]}年")
    elif status == "in_force" and not brief:  # "到哪年结束？": no end date is an answer too
        facts.append("未载明有效期")
    verdicts = {
        "expired": f"截至{as_of.isoformat()}已失效",
        "in_force": f"截至{as_of.isoformat()}仍然有效",
        "superseded": "已被新版本取代，不再适用",
        "not_yet_effective": f"截至{as_of.isoformat()}尚未施行",
        "non_binding": "是研究分析文章，不是政策文件，不产生申报资格或义务",
        "unknown": "未注明施行日期或有效期，请以发布机关的最新通知为准",
    }
    return "，".join([*facts, verdicts[status]])


def in_year_sentence(doc: Document, year: int) -> str:
    """Whether the document was in force in `year` ("2024年时，《…》已失效（有效期至2023年12月31日）。"),
    from its dates; "" when they cannot tell (no dates, a study)."""
    start = doc.effective_date or doc.issue_date
    end = doc.expiry_date or (date(doc.plan_period[1], 12, 31) if doc.plan_period else None)
    if not doc.binding or (start is None and end is None):
        return ""
    first, last = date(year, 1, 1), date(year, 12, 31)
    if start and start > last:
        verdict = f"尚未施行（自{cn_date(start)}起施行）"
    elif end and end < first:
        verdict = f"已失效（有效期至{cn_date(end)}）"
    elif end is None and (start is None or start <= first):
        verdict = "有效（未载明有效期）"
    elif (start is None or start <= first) and (end is None or end >= last):
        verdict = "全年有效"
    else:
        verdict = f"自{cn_date(max(start or first, first))}至{cn_date(min(end or last, last))}有效"
    return f"{year}年时，{doc_name(doc)}{verdict}。"


def time_left_sentence(doc: Document, as_of: date) -> str:
    """How long a document in force has left ("《…》距有效期届满（2026年12月31日）还有579天。"); "" for
    one without an end date or not in force."""
    if doc.expiry_date is None or doc.status(as_of) != "in_force":
        return ""
    return f"{doc_name(doc)}距有效期届满（{cn_date(doc.expiry_date)}）还有{(doc.expiry_date - as_of).days}天。"


def validity_sentence(doc: Document, as_of: date, brief: bool = False, subject: str = "") -> str:
    """The document named (or called `subject`, "该文件") with its dates and status, one sentence."""
    return f"{subject or doc_name(doc)}{validity_status(doc, as_of, brief)}。"


TASK_DATES_SHOWN = 6  # clauses whose time limits a period-less document's "when" answer names


def task_deadlines_text(doc: Document, dated: Sequence[tuple[Clause, int]]) -> str:
    """What a document with no period of its own ("城镇小区配套幼儿园治理要在什么时候前完成？") says of
    when its work is due: the time limits its clauses set, each with its citation marker."""
    named = "；".join(f"{cite_label(c)}：{'、'.join(deadlines_of(c))}［{marker}］" for c, marker in dated[:TASK_DATES_SHOWN])
    more = f"等（共{len(dated)}条载有时限）" if len(dated) > TASK_DATES_SHOWN else ""
    return f"{doc_name(doc)}各条载明的时限：{named}{more}。"


LEADING_LABEL = re.compile(r"^\s*(第[一二三四五六七八九十百零]+条|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])\s*")


def first_sentence(text: str, limit: int = 80) -> str:
    body = LEADING_LABEL.sub("", text.strip())
    match = re.match(r"(.+?[。；;])", body)
    sentence = match.group(1) if match else body
    return sentence if len(sentence) <= limit else sentence[:limit] + "…"


def program_name(clause: Clause, parent: Clause | None) -> str:
    """The funded program as the text names it: the article's title sentence (第六条 高校知识产权运营中心建设。)."""
    own = first_sentence(clause.text, 40).rstrip("。；;")
    if parent is None:
        return own
    parent_title = first_sentence(parent.text, 30).rstrip("。；;")
    own_title = own if len(own) <= 12 else clause.label.strip("（）()")
    return f"{parent_title}（{own_title}）"


NAMED_SHARE = 0.75  # of a program name's character pairs a question must hold to name it
NAMED_RUN = 5  # characters of a program name, in a run no other listed name holds, that name it too
NAME_CHARS = 20  # a name, not a sentence: a prose notice's programme is named by its opening sentence


@lru_cache(maxsize=16384)
def _name_core(program: str) -> str:
    """A program's name without its item label and spaces (cached: every question reads every name)."""
    return re.sub(r"\s+", "", re.sub(r"[（(][^）)]*[）)]", "", nfkc(program)))


def program_named_verbatim(flat_question: str, program: str) -> str:
    """The program's name as the question (`without_spaces_or_de`, flattened once per question: every
    name is read) holds it word for word (six characters or more, its item label dropped; 的 between its
    words and a closing 建设 may be left out: "医疗卫生系统的知识产权运营中心" names 医疗卫生系统知识产权运营中心建设),
    or "". Stricter than `names_program`: a sibling sharing most of its words does not."""
    core = _name_core(program).replace("的", "")
    flat = flat_question
    for form in dict.fromkeys([core, _BUILT.sub("", core)]):
        if len(form) >= VERBATIM_NAME and form in flat:
            return form
    return ""


_BUILT = re.compile(r"建设$")


def without_spaces_or_de(text: str) -> str:
    """`text` normalised, without whitespace or 的: how a name is matched when people insert 的."""
    return re.sub(r"\s+|的", "", nfkc(text))


VERBATIM_NAME = 6


def names_program(question: str, program: str, others: Iterable[str] = ()) -> bool:
    """Does the question name this program? A name of four or more characters (its item label
    dropped) whose character pairs the question mostly holds ("还能申报中小企业知识产权运营能力提升项目吗"),
    or, for a name of at most NAME_CHARS characters, a run of NAMED_RUN characters of it that none of
    the `others` holds ("…能申报运营能力提升项目吗？" beside 高价值专利升级培育项目: the run, not the shared
    知识产权, says which)."""
    core = _name_core(program)
    folded = re.sub(r"\s+", "", nfkc(question))
    pairs = {core[i : i + 2] for i in range(len(core) - 1)}
    if len(core) >= 4 and sum(p in folded for p in pairs) >= NAMED_SHARE * len(pairs):
        return True
    if len(core) > NAME_CHARS:
        return False
    runs = [run for run in {core[i : i + NAMED_RUN] for i in range(len(core) - NAMED_RUN + 1)} if run in folded]
    if not runs:  # the rivals are read only for a run the question holds
        return False
    rivals = [r for r in map(_name_core, others) if r != core]
    return any(not any(run in r for r in rivals) for run in runs)


def citation(clause: Clause, doc: Document, score: float, as_of: date) -> Citation:
    status = doc.status(as_of)
    return Citation(
        clause_id=clause.clause_id,
        doc_id=doc.doc_id,
        doc_title=doc.title,
        doc_number=doc.doc_number,
        label=clause.label,
        heading_path=clause.heading_path,
        text=clause.text,
        score=round(float(score), 4),
        valid=status in ("in_force", "unknown"),
        status=status,
        cite=cite_label(clause),
        context=clause.context,
    )


def deadlines_of(clause: Clause) -> list[str]:
    """The clause's deadlines, a window written as a range ("2022年7月1日至2023年6月30日")."""
    dates = clause.meta.dates
    starts = [d for d in dates if d.kind == "window_start"]
    ends = [d for d in dates if d.kind == "window_end"]
    out = [f"{start.raw}至{end.raw}" for start, end in zip(starts, ends, strict=False) if start.iso <= end.iso]
    paired = len(out)
    out += [d.raw for d in [*starts[paired:], *ends[paired:]]]
    out += [d.raw for d in dates if d.kind == "deadline"]
    return list(dict.fromkeys(out))


def dated_times(clause: Clause) -> list[str]:
    """The dates a deadline question may be answered with: all but the date the document was
    signed or issued, which says when it was made, not by when anything is due (asked of a
    document, that is its validity, answered from the catalog)."""
    return [d.raw for d in clause.meta.dates if d.kind != "issued"]


# the day another document was issued, told in passing ("2018年11月，党中央、国务院印发《关于…》"): when
# that was made, not by when anything is due
# ("2025年底前出台《…》" is a deadline: a date followed by 底/前/内 is never blanked)
_CITED_ISSUE = re.compile(
    r"(?:19|20)\d\d年(?:\d{1,2}月)?(?:\d{1,2}日)?(?![\d底前内末初中]|以[前内]|之前)(?=[，,]?[^。；;，,]{0,15}?(?:印发|发布|出台|颁布|公布)了?[《〈«])"
)


def without_issue_dates(clause: Clause) -> str:
    """The clause's text with the dates it, or a document it cites, was signed or issued blanked (no
    deadline is read in them)."""
    text = _CITED_ISSUE.sub(" ", clause.text)
    for issued in {d.raw for d in clause.meta.dates if d.kind == "issued"}:
        text = text.replace(issued, " ")
    return text


def targets_of(clause: Clause) -> list[str]:
    return list(dict.fromkeys(t.raw for t in clause.meta.targets))


def amounts_of(clause: Clause, kinds: Iterable[str] | None = None) -> list[str]:
    allowed = set(kinds) if kinds else None
    return list(dict.fromkeys(a.raw for a in clause.meta.amounts if allowed is None or a.kind in allowed))


FUNDING_AMOUNT_KINDS = ("per_recipient_cap", "per_item", "percentage", "program_total", "fixed")
# what answers "多少钱": any sum or rate but a plan's target ("质押融资总额达8亿" is no subsidy)
ASKED_AMOUNT_KINDS = (*FUNDING_AMOUNT_KINDS, "fund_size", "other")


QUOTA = re.compile(r"(?:择优)?(?:遴选|支持|认定)(?:不超过|不少于)?[0-9０-９一二三四五六七八九十]+(?:家|所|个|名|项)(?:左右|以内)?")


def eligibility_match(
    clause: Clause,
    parent: Clause | None,
    doc: Document,
    general_conditions: list[str],
    attributes: list[str],
    as_of: date,
) -> Match:
    """One funded program judged for an asker: expired, excluded (which exclusion bites, which condition
    the asker fails: 注册在外地 against 注册在本市) or eligible."""
    exclusions = list(dict.fromkeys([*clause.meta.exclusions, *(parent.meta.exclusions if parent else [])]))
    conditions = [c for c in dict.fromkeys([*clause.meta.conditions, *general_conditions]) if len(c) > 4]  # not a bare "符合条件"
    biting = [e for e in exclusions if any(attribute_matches(a, e) for a in attributes)]
    failed = [c for c in conditions if any(attribute_fails(a, c) for a in attributes)]
    status = doc.status(as_of)
    if status in ("expired", "superseded", "non_binding"):
        verdict = "expired" if status != "non_binding" else "not_applicable"
    else:
        verdict = "excluded" if biting or failed else "eligible"
    return Match(
        clause_id=clause.clause_id,
        doc_title=doc.title,
        label=cite_label(clause),
        program=program_name(clause, parent),
        status=verdict,
        amounts=[*amounts_of(clause, FUNDING_AMOUNT_KINDS), *dict.fromkeys(QUOTA.findall(re.sub(r"\s+", "", clause.text)))],
        conditions=conditions,
        exclusions=exclusions,
        deadlines=deadlines_of(clause),
        units=[u.name for u in clause.meta.units],
        note="；".join(
            [*(["您所述情形属于排除情形，不能参与：" + "；".join(biting)] if biting else []), *(["您所述情形不符合条件：" + "；".join(failed)] if failed else [])]
        ),
    )


VERDICT_TEXT = {"eligible": "可申报", "excluded": "不能参与", "expired": "已失效", "not_applicable": "不适用"}
VERDICT_ORDER = {"eligible": 0, "excluded": 1, "expired": 2, "not_applicable": 3}


def eligibility_verdict(matches: list[Match], subject_label: str, as_of: date) -> str:
    """The first thing an applicant needs: how many programs it can apply for today, or that none
    in force was found and what the listed ones are."""
    day = cn_date(as_of)
    open_now = sum(1 for m in matches if m.status == "eligible")
    if open_now:
        return f"截至{day}，找到{open_now}项“{subject_label}”可以申报的现行有效项目："
    if any(m.status == "excluded" for m in matches):
        return f"截至{day}，现行有效的相关项目中，按您所述情形没有可以申报的（见各项目的排除情形或未满足的条件）："
    return f"截至{day}，没有找到“{subject_label}”可以申报的现行有效项目；以下相关项目出自已失效或不适用的文件，仅供参考："


def eligibility_text(matches: list[Match], docs: dict[str, Document], subject_label: str, as_of: date, first_marker: int = 1) -> str:
    """The verdict line, then the programs grouped by document: each document once, with its validity
    (brief) in its heading; each program on one line with its citation marker (［n］, the matches'
    order being the citations' from `first_marker`), amounts and quota, its own conditions (or
    "条件同第十四条" when they are an earlier program's), period and exclusions; the conditions
    every listed program of a document shares, once."""
    lines = [eligibility_verdict(matches, subject_label, as_of)]
    by_title = {d.title: d for d in docs.values()}
    number = {id(m): i for i, m in enumerate(matches, first_marker)}
    said: dict[tuple[str, ...], str] = {}  # conditions already listed -> the program they were listed for
    for title in dict.fromkeys(m.doc_title for m in matches):
        of_doc = [m for m in matches if m.doc_title == title]
        doc = by_title.get(title)
        status = f"（{validity_status(doc, as_of, brief=True)}）" if doc else ""
        lines.append(f"{doc_name(doc) if doc else '《' + title + '》'}{status}：")
        shared = [c for c in of_doc[0].conditions if all(c in m.conditions for m in of_doc[1:])] if len(of_doc) > 1 else []
        for m in of_doc:
            tag = f"【{VERDICT_TEXT[m.status]}】" if m.status in ("eligible", "excluded") else ""
            line = f"- {tag}{m.label}“{m.program}”［{number[id(m)]}］：{'、'.join(m.amounts) if m.amounts else '原文未列明金额'}。"
            own = tuple(c for c in m.conditions if c not in shared)[:4]
            if own in said:
                line += f"条件同{said[own]}。"
            elif own:
                line += "条件：" + "；".join(own) + "。"
                said[own] = m.label
            if m.deadlines:
                line += "期间：" + "；".join(m.deadlines) + "。"
            if m.note:
                line += m.note + ("" if m.note.endswith("。") else "。")
            elif m.exclusions:
                line += "排除情形：" + "；".join(m.exclusions) + ("" if m.exclusions[-1].endswith("。") else "。")
            lines.append(line)
        if shared:
            lines.append("以上项目的共同条件：" + "；".join(shared) + "。")
    return "\n".join(lines)


def _without_unit_notes(text: str) -> str:
    """`text` (no whitespace) without its bracketed notes of who is responsible ("（责任单位：市知识产权局）",
    "（财政部、人民银行负责）"), as `without_unit_lists` reads them; the rest verbatim."""
    from indexer.extract_units import without_unit_lists

    aligned = "".join(n if len(n := unicodedata.normalize("NFKC", ch)) == 1 else ch for ch in text)
    return "".join(ch for ch, kept in zip(text, without_unit_lists(aligned), strict=True) if kept != "□")


def task_summary(clause: Clause, unit: str) -> str:
    """What the unit must do: the sentences that name it, else the item without its 责任单位 note."""
    surfaces = [u.short or u.name for u in clause.meta.units if u.name == unit] + [unit]
    body = _without_unit_notes(re.sub(r"\s+", "", clause.text))
    body = LEADING_LABEL.sub("", body, count=1)  # the label is on the line already
    sentences = [s for s in re.split(r"(?<=[。；;.])", body) if s]
    naming = [s for s in sentences if any(x and x in s for x in surfaces)]
    text = "".join(naming) or body
    return text if len(text) <= 160 else text[:160] + "…"


def task_match(clause: Clause, unit: str) -> Match:
    roles = [u.role for u in clause.meta.units if u.name == unit]
    return Match(
        clause_id=clause.clause_id,
        doc_title="",
        label=cite_label(clause),
        program=task_summary(clause, unit),
        status=roles[0] if roles else "responsible",
        deadlines=deadlines_of(clause),
        targets=targets_of(clause),
        units=[u.name for u in clause.meta.units],
        amounts=amounts_of(clause),
    )


ROLE_TEXT = {"lead": "牵头", "co": "参与", "responsible": "责任单位"}


def obligation_text(
    unit: str,
    grouped: dict[str, list[Match]],
    docs: dict[str, Document],
    as_of: date,
    markers: dict[str, int],
    heading: str = "",
    with_units: bool = False,
) -> str:
    """A unit's tasks by document: each task's label with its citation marker (`markers`: clause id
    -> n of ［n］), its role, what it must do, its deadlines and targets."""
    total = sum(len(v) for v in grouped.values())
    lines = [heading or f"{unit}在现有政策中承担{total}项任务："]
    for doc_id, matches in grouped.items():
        doc = docs[doc_id]
        lines.append(f"{doc_name(doc)}（{STATUS_TEXT[doc.status(as_of)]}）：")
        for m in matches:
            role = f"（责任单位：{'、'.join(m.units)}）" if with_units else f"【{ROLE_TEXT.get(m.status, m.status)}】"
            line = f"- {m.label}［{markers[m.clause_id]}］{role}{m.program}"
            if m.deadlines:
                line += " 时限：" + "；".join(m.deadlines) + "。"
            if m.targets:
                line += " 目标：" + "；".join(m.targets) + "。"
            lines.append(line)
    return "\n".join(lines)


NOTED_STATUSES = ("expired", "superseded", "non_binding")
NOT_IN_FORCE = (*NOTED_STATUSES, "not_yet_effective", "unknown")


def validity_notes(docs: Iterable[Document], as_of: date, statuses: tuple[str, ...] = NOTED_STATUSES, template: str = "注意：{}") -> list[str]:
    """One brief validity note per document whose status is in `statuses`, in order of first
    citation, after the clauses: three clauses of one expired fund say "已失效" once, not three
    times; when the answer rests on one document only, the note calls it "该文件"."""
    docs = list(docs)
    alone = len({doc.doc_id for doc in docs}) == 1
    noted = {doc.doc_id: doc for doc in docs if doc.status(as_of) in statuses}
    return [template.format(validity_sentence(doc, as_of, brief=True, subject="该文件" if alone else "")) for doc in noted.values()]


YEARS = re.compile(r"(?:[0-9０-９]{4}年?[、和及至—-])*[0-9０-９]{4}年度?")
# Time and money figures the extractors do not turn into metadata: a year, a period ("三年",
# "十五日内"), a sum or a rate ("五万元", "百分之二十", "3%", "二倍").
_NUMBER = "[0-9〇零一二三四五六七八九十百千万两.]+"
TIME_FIGURE = re.compile(rf"(19|20)\d\d年|{_NUMBER}个?(年|月|日|天|周|小时|工作日)")
MONEY_FIGURE = re.compile(rf"{_NUMBER}[余多]?(万|亿)?元|百分之|{_NUMBER}%|{_NUMBER}倍")
# A sum as said ("1000元", "五万元"); a rate or a multiple alone ("44.9%", "2.7倍") is as often a
# statistic as a subsidy, so only the extractors' amounts answer with one
_SUM = re.compile(r"(?:\d{1,3}(?:,\d{3})+(?!\d)|[0-9〇零一二三四五六七八九十两][0-9〇零一二三四五六七八九十百千万两.]*)[余多]?(?:万|亿)?元")  # "500多万元"


# A day as said without a year ("2月10日前", "每月5日", "3月底"), not a news item's dateline ("2月4日电")
_DAY = re.compile(r"(?:每月|[0-9]{1,2}月)[0-9]{1,2}日(?!电)(?:前|起|之前|以前|24时)?|[0-9]{1,2}月(?:底|末|上旬|中旬|下旬)(?:前)?")
# A quantity as said ("2000万个", "10万件", "500张床位"), for a target the extractors did not find
_COUNTED = r"个(?!月|工作日|小时)|件|家|所|人|名|项"  # what is counted (3个月 is a period, not a count)
_QUANTITY = re.compile(rf"{COUNT_LIMIT}[0-9][0-9.]*(?:多|余)?(?:万|亿)?(?:{_COUNTED}|吨|台|套|张|辆|支|份|间){COUNT_APPROXIMATE}")
# A rate as said ("0.5个百分点", "50%", "百分之二十")
_RATE_SAID = re.compile(r"[0-9.]+个百分点|[0-9０-９.]+\s*[%％‰]|百分之[〇零一二三四五六七八九十百点]+")


# a rate a sum is paid, charged or set aside by ("加收当年全额年费的5%", "应当占…的百分之三十以上", "比例不低于
# 百分之六十"), not a rate a goal reaches ("数量增幅达到20%") nor a share found ("占比44.9%")
_RATE_PAID = re.compile(
    rf"(?:加收|收取|缴纳|支付|给予|予以|补贴|补助|奖励|贴息|提取|预留|按照?|应当?占|须占|不低于|不超过|不高于)[^，,。；;]{{0,30}}?"
    rf"((?:{_RATE_SAID.pattern})(?:以上|以下|以内|左右)?)"
)


def _rates_paid(text: str) -> list[str]:
    return list(dict.fromkeys(m.group(1) for m in _RATE_PAID.finditer(re.sub(r"\s+", "", text))))



def _said(pattern: re.Pattern[str], text: str) -> list[str]:
    return list(dict.fromkeys(m.group(0) for m in pattern.finditer(re.sub(r"\s+", "", text))))


def _quantities_of(text: str, words: list[str]) -> list[str]:
    """Quantities the text states in a phrase that holds a word of the question ("日产10万件防护服" for
    防护服; not "参保人数30人(含)以下的" for the 社保费 a policy returns): a quantity beside other words is
    no answer, and a wrong figure is worse than none. A question with no words of its own ("目标是多少？")
    gets them all."""
    if not words:
        return _said(_QUANTITY, text)
    return [q for p in _phrases(text)[:MAX_PHRASES] if question_words_in(p, words) for q in _said(_QUANTITY, p)]


def _figures(intent: str, clause: Clause, words: list[str], binding: bool = False) -> list[str]:
    """The figures a question of this intent asks for, verbatim: the extracted ones, else the sums,
    days ("2月10日前"), periods ("提前三十日"), years ("按照2022年度实际工作绩效") or quantities
    ("日产10万件防护服") the text states — a quantity only in a phrase holding a word of the question.
    A `binding` text's sum may be set as a rate ("加收当年全额年费的5%", "百分之三十以上"); a study's
    rates are statistics."""
    if intent == "amount":
        sums = amounts_of(clause, ASKED_AMOUNT_KINDS) or _said(_SUM, clause.text)
        return sums or (_rates_paid(clause.text) if binding else [])
    if intent == "deadline":
        text = without_issue_dates(clause)
        return deadlines_of(clause) or dated_times(clause) or _said(_DAY, text) or _said(DURATION, text) or _said(YEARS, text)
    return target_figures(clause) or list(dict.fromkeys(_quantities_of(clause.text, words)))


def restates_question(intent: str, clause: Clause, words: list[str], question: str) -> bool:
    """Does the clause's every figure for this intent stand in the question already? "上海2025年底前要
    实现ISO56005对哪些企业全覆盖？" gives the deadline and asks for something else: answering
    "２０２５年底前" repeats it."""
    figures = _figures(intent, clause, words)
    asked = nfkc(re.sub(r"\s+", "", question))
    return bool(figures) and all(nfkc(re.sub(r"\s+", "", f)) in asked for f in figures)


def target_figures(clause: Clause) -> list[str]:
    """A clause's targets as extracted ("每万人高价值发明专利拥有量达到65件")."""
    return targets_of(clause) or amounts_of(clause, ["target_figure"])


_PHRASE_END = re.compile(r"(?:[，,；;。！？!?]|\.(?![0-9０-９]))+[”’）)」』]*")
_SENTENCE_END = re.compile(r"[；;。！？!?.]")
MAX_DIRECT_FIGURES = 3
MAX_FIGURE_PHRASES = 4
MAX_PHRASES = 400
QUOTE_CHARS = 110  # a quote in an answer is the sentence that states the figure, not the clause


def _phrases(text: str) -> list[str]:
    """The clause cut at commas and full stops (punctuation kept), never inside 447.20万元."""
    compact = re.sub(r"\s+", "", text)
    cuts = [0, *(m.end() for m in _PHRASE_END.finditer(compact))]
    return [p for p in (compact[a:b] for a, b in zip(cuts, [*cuts[1:], len(compact)], strict=False)) if p]


def words_beside_count(measure: str, text: str, words: list[str]) -> int:
    """How many of the question's words the best phrase of the text stating a count in the measure
    holds ("计算总积分满150分" of 积分制入户: 积分 and 入户; a scoring table's "积分急需工种…（10分）": 积分)."""
    return max((len(question_words_in(p, words)) for p in _phrases(text)[:MAX_PHRASES] if counts_in(measure, p)), default=0)


def _sentence_ids(phrases: list[str]) -> list[int]:
    ids, current = [], 0
    for phrase in phrases:
        ids.append(current)
        current += bool(_SENTENCE_END.search(phrase[-2:]))
    return ids


def _held(figure: str, folded: str) -> bool:
    return nfkc(re.sub(r"\s+", "", figure)) in folded


def answered_figures(
    text: str,
    figures: list[str],
    words: list[str],
    by_phrase: bool = False,
    parts: Sequence[list[str]] = (),
    kinds: int = 1,
    dated: bool = False,
) -> tuple[list[str], str]:
    """The figures that answer the question and the quote that states them.

    A clause stating at most three figures is answered with all of them ("不超过实际放款金额的0.1%；
    本项目奖补总额不超过500万元"), each from the sentence stating it that shares most of the
    question's words. From a longer list (a plan's targets) the answer takes the figures of the
    sentence that shares most of the question's words, and of a second sharing at least half as
    many ("企业技术中心…？研发经费占比…？"), or all when none shares a word. With `by_phrase` (a
    plan's targets, each stated whole in its own phrase) the phrases holding most of the question's
    words answer, whatever the number of figures, when any holds one — those of each part of the
    question (`parts`: each part's words; "…要达到多少家？研发经费占比目标呢？" asks two). `kinds` of
    figure asked together (sums and counts: "给多少钱，评几家？") are each answered in full from up to
    three figures of its own. The quote is those
    sentences cut to the phrases that hold the figures (at most MAX_FIGURE_PHRASES) or add a
    question word, at most QUOTE_CHARS characters, gaps shown as "…". Only the first
    MAX_PHRASES phrases of a clause are read, so a run-on text costs bounded time. `dated` (targets):
    the phrase of a quoted sentence that says by when ("到２０２５年底,本市专利商标质押融资登记规模超过
    ３００亿元") is quoted with it: a goal without its year is half a goal.
    """
    phrases = _phrases(text)[:MAX_PHRASES]
    folded = [nfkc(p) for p in phrases]
    sentence_of = _sentence_ids(phrases)
    holds = [{f for f in figures if _held(f, folded[i])} for i in range(len(phrases))]
    sentences: dict[int, list[int]] = {}
    for i, sid in enumerate(sentence_of):
        sentences.setdefault(sid, []).append(i)
    stating = {s: ids for s, ids in sentences.items() if any(holds[i] for i in ids)}
    score = {s: len("".join(question_words_in("".join(phrases[i] for i in ids), words))) for s, ids in stating.items()}
    ranked = sorted(stating, key=lambda s: -score[s])  # ties in text order
    keep = list(dict.fromkeys(i for part in (parts or [words]) for i in _phrases_asked_about(phrases, holds, part))) if by_phrase else []
    if keep:
        chosen = sorted({sentence_of[i] for i in keep})
    elif len(figures) <= MAX_DIRECT_FIGURES * kinds:
        chosen = list(dict.fromkeys(next(s for s in ranked if any(f in holds[i] for i in stating[s])) for f in figures if any(f in h for h in holds)))
        keep = [i for s in sorted(chosen) for i in stating[s] if holds[i]][: MAX_FIGURE_PHRASES * kinds]
    else:
        best = score[ranked[0]] if ranked else 0
        chosen = [s for s in ranked if best and score[s] * 2 >= best][:2] or ranked[:2]
        keep = [i for s in sorted(chosen) for i in stating[s] if holds[i]][:MAX_FIGURE_PHRASES]
    answered = list(dict.fromkeys(f for i in keep for f in figures if f in holds[i])) or figures[:3]
    covered = question_words_in("".join(phrases[i] for i in keep), words)
    length = sum(len(phrases[i]) for i in keep)
    in_chosen = [i for s in sorted(chosen) for i in stating[s]]
    for i in [*in_chosen, *(i for i in range(len(phrases)) if sentence_of[i] not in chosen)]:
        gain = question_words_in(phrases[i], words) - covered  # context: phrases adding a question word
        if i not in keep and gain and length + len(phrases[i]) <= QUOTE_CHARS:
            keep.append(i)
            covered |= gain
            length += len(phrases[i])
    if dated:
        by_when = [i for i in range(len(phrases)) if sentence_of[i] in {sentence_of[k] for k in keep} and _BY_YEAR.match(folded[i])]
        keep += [i for i in by_when if i not in keep]
    quote, last = "", None
    for i in sorted(keep):
        quote += ("…" if last is not None and i != last + 1 else "") + phrases[i]
        last = i
    return answered, quote.rstrip("，,；;") or "".join(phrases)[:QUOTE_CHARS]


# a condition named, not stated ("对符合条件的长者饭堂给予补贴"): it tells the reader nothing
_CONDITIONS_REFERRED_TO = re.compile(r"^(?:符合|满足|具备)(?:相关|有关|规定|一定|以上|上述|下列)?的?(?:条件|要求|标准)$")
# a phrase that only says by when ("到２０２５年底", "至2026年"), folded
_BY_YEAR = re.compile(r"^(?:到|至|截至|截止到?)?[0-9]{4}年(?:底|末)?前?[，,]?$")


def _phrases_asked_about(phrases: list[str], holds: list[set[str]], words: list[str]) -> list[int]:
    """Of a long list of figures, the phrases stating one that hold most of the question's words
    (total length), and any holding more than half as much: "商标有效注册量的目标？" is answered with
    "全区商标有效注册量达10万件", not with the three other targets of its sentence that share only 有效.
    Empty when no figure's phrase holds a question word. The best first: "有效发明专利…多少件？" leads
    with the phrases naming 有效发明专利, then 高价值发明专利's that shares 发明专利."""
    score = {i: len("".join(question_words_in(p, words))) for i, p in enumerate(phrases) if holds[i]}
    best = max(score.values(), default=0)
    return sorted((i for i, s in score.items() if best and s * 2 > best), key=lambda i: -score[i])[:MAX_FIGURE_PHRASES]


_ITEM_MARK = re.compile(r"\(([一二三四五六七八九十]+)\)")


def first_phrase(text: str) -> str:
    """Up to the first comma, colon or full stop: an item's opening ("在本市保险机构中")."""
    return re.split(r"[，。：；,.:;]", text, maxsplit=1)[0]


def by_item(text: str, figures: list[str]) -> list[str]:
    """Figures of an article stated in different items, each under its item ("（二）在本市保险机构中：
    不超过30万元"; the item's 《…》 name when the openings are alike: "（一）《上海市专利申请前预评估制度》：
    一次性给予30万元"): sums side by side would not say whose each is. Figures of one item, or of a
    text without items, as they are."""
    compact = nfkc(re.sub(r"\s+", "", text))
    marks = list(_ITEM_MARK.finditer(compact))
    if not marks:
        return figures
    spans = [compact[m.end() : nxt.start() if nxt else len(compact)] for m, nxt in zip(marks, [*marks[1:], None], strict=True)]
    held = [[f for f in figures if _held(f, span)] for span in spans]
    held = [[f for f in mine if not any(f != g and f in g for g in mine)] for mine in held]  # 不超过20万元 of 每家不超过20万元
    stating = [(m, span, mine) for m, span, mine in zip(marks, spans, held, strict=True) if mine]
    if len(stating) < 2 or {f for _, _, mine in stating for f in mine} != set(figures):
        return figures
    names = item_names([first_phrase(span)[:20] for _, span, _ in stating], [span for _, span, _ in stating]) or [""] * len(stating)
    return [f"（{m.group(1)}）{name}：{'、'.join(mine)}" for (m, _, mine), name in zip(stating, names, strict=True)]


def item_names(openings: list[str], texts: list[str]) -> list[str]:
    """What tells an article's items apart: their openings ("在本市保险机构中"), else, when those
    repeat ("委托专业机构"), the 《…》 name each holds; [] when neither is unique."""
    if len(set(openings)) == len(openings):
        return openings
    quoted = [re.search(r"《[^》]+》", text) for text in texts]
    return [q.group(0) for q in quoted] if all(quoted) and len({q.group(0) for q in quoted}) == len(quoted) else []


_STATED_AS = re.compile(rf"(?:为|是)[^，,。；;]{{0,8}}?{_NUMBER}(?:万|亿)?元")


def share_said_of(text: str, words: list[str]) -> float:
    """The largest share of the question's `words` that one phrase of `text` names as what a sum is
    ("全市城乡最低生活保障标准为每人每月1309元" holds 最低/生活/保障 before its 为; "特困人员基本生活标准
    为…2094.4元" only 生活): 0 when no phrase states a sum that way. A word is named there also as the
    term it contracts ("低保标准是多少？" of 最低生活保障标准): what a sum is of is said in full."""
    if not words:
        return 0.0
    best = 0.0
    for phrase in _phrases(text):
        stated = _STATED_AS.search(phrase)
        if stated:
            named = fold(phrase[: stated.start()])
            best = max(best, sum(1 for w in words if w in named or abbreviates(w, named)) / len(words))
    return best


def question_words_in(text: str, words: list[str]) -> set[str]:
    folded = fold(re.sub(r"\s+", "", text))  # the words are folded too ("pct" of PCT)
    return {w for w in words if w in folded}


# a count asked beside a sum ("每家给多少？选几家？"): how many are selected is part of the answer
ASKS_COUNT = re.compile(r"(?:几|多少)(?:个|件|家|所|人|名|项)")
# a list of figures asked for ("定了哪些目标？", "设了什么数字目标？", "各是多少？"), not one indicator's
ASKS_LIST = re.compile(r"哪些|什么[^，,。？?]{0,4}(?:目标|指标)|各(?:是|为|自)|分别|都")
_COUNT = re.compile(rf"{COUNT_LIMIT}[0-9][0-9.]*(?:{_COUNTED}){COUNT_APPROXIMATE}")


def facts_text(
    intent: str,
    clauses: list[tuple[Clause, Document]],
    as_of: date,
    words: list[str],
    rate: bool = False,
    duration: bool = False,
    count: bool = False,
    one_figure: bool = False,
    further: Sequence[tuple[Clause, Document]] = (),
    rarity: Callable[[str], float] = lambda word: 1.0,
    worked: str = "",
    parts: Sequence[list[str]] = (),
    also: Sequence[str] = (),
    measure: str | None = None,
    units_asked: bool = False,
    listed: Container[str] = (),
    whom_asked: bool = False,
    basis_asked: bool = False,
) -> str:
    """Amount / deadline / target answers, the direct answer first: the figures that answer, with the
    citation marker (［n］ is the n-th citation), then the phrases of the clause that state them.
    Another cited clause is named under 相关条款 only when it holds as much of the question as the
    best one (total length of the question's words found), words of the best one's weighing half of
    them by `rarity` in the corpus (the same topic) and a word the best one lacks: it adds something
    asked for; the best one's parent
    (which holds its text) never does, nor a non-binding
    text beside a policy (a study's 13.58亿元 is no subsidy). The others stay
    in the citations. One validity note per document named in the answer, last. A question asking
    for a `rate` is answered only with rates ("50%", "百分之二十"), never with a sum beside one; one
    asking how long (`duration`) with the periods a clause states ("20个工作日内") before its dates. An
    amount comes with the exclusions its clause states ("…的企业不参与本项目遴选"), and with the number
    selected ("不超过10家") when a `count` is asked too. A target question asking for `one_figure`
    ("要达到多少？", "要达到2.5万件吗？", not "定了哪些目标？") is answered with the targets whose phrases hold most of its
    words (`answered_figures` by phrase), the clause's other targets beside them named after the quote.
    `further` candidates are named after the figures (另见), as in a general answer: a figure from
    the wrong clause is then not the reader's only lead. `worked` is a cap worked out from the
    asker's own count or sum (`chat.estimate.worked_cap`), shown under the quote. `parts`: the
    words of each part of a question asking several things; `also`: the other figure intents its
    parts ask ("每件多少？统计的是哪段时间的？": amount beside deadline), answered from the same clause;
    `measure`: a count asked in that measure word ("几家"), answered with the counts in it alone;
    `units_asked`: a part asks who is responsible, answered with the units the clause names; `listed`:
    ids of clauses of programmes the question names, each answered with its figures; `whom_asked`: a
    part asks whom a sum is for ("支持谁来搭的？"), answered with the clause's phrases naming them;
    `basis_asked`: a part asks how it is shared or worked out ("按什么分？"), answered with the phrases
    saying by what ("按照2022年度实际工作绩效", "分等次予以资金奖补")."""

    def asked(clause: Clause, binding: bool) -> list[str]:
        if measure:
            return counts_stated(measure, clause.text)
        if count and intent == "amount":
            return [*_figures(intent, clause, words), *_said(_COUNT, clause.text)]
        if duration and intent == "deadline":  # how long: the periods it states before its dates
            return _said(PERIOD_SAID, without_issue_dates(clause)) or _figures(intent, clause, words)
        if not rate:
            return _figures(intent, clause, words, binding)
        return [f for f in _figures(intent, clause, words) if RATE.present.search(f)] or _said(_RATE_SAID, clause.text)

    main_clause, main_doc = clauses[0]
    by_phrase = intent == "target" and one_figure
    if by_phrase:  # "数字经济" of the plan's own title says which plan, not which of its targets
        words = [w for w in words if fold(w) not in fold(main_doc.title)] or words
        parts = [kept for part in parts if (kept := [w for w in part if w in words])]
    asked_of_main = asked(main_clause, main_doc.binding)
    asked_of_main += [f for other in also for f in _figures(other, main_clause, words) if f not in asked_of_main]
    sums_and_counts = count and intent == "amount" and not measure
    figures, quote = answered_figures(
        main_clause.text, asked_of_main, words, by_phrase, parts, kinds=2 if sums_and_counts else 1, dated=intent == "target"
    )
    lines = [f"{'；'.join(by_item(main_clause.text, figures))}［1］。"] if figures else []
    lines.append(f"［1］{doc_name(main_doc)}{cite_label(main_clause)}：“{quote}”")
    siblings = [f for f in answered_figures(main_clause.text, asked_of_main, words)[0] if f not in figures] if by_phrase else []
    if siblings:  # the asked target first; the others the clause sets beside it, after it
        lines.append(f"该条其他目标［1］：{'；'.join(siblings)}")
    if units_asked and (roles := units_by_role(main_clause)):  # "哪几个部门负责？什么时候要弄完？"
        lines.append(f"{roles}［1］。")
    whom = [p for p in supported_phrases(main_clause.text) if p not in quote][:2] if whom_asked and intent == "amount" else []
    if whom:  # not said twice when the quote holds them
        lines.append(f"支持对象［1］：“{'…'.join(whom)}”")
    basis = [p for p in basis_phrases(main_clause.text) if p not in quote][:2] if basis_asked and intent == "amount" else []
    if basis:
        lines.append(f"核定方式［1］：“{'，'.join(basis)}”")
    if worked and figures:  # the asker's own count or sum under the clause's standard (chat/estimate.py)
        lines.append(f"（估算，非条款原文：{worked}；以实际认定为准）")
    covered = question_words_in(main_clause.text, words)
    named = [main_doc]
    others = []
    for i, (clause, doc) in enumerate(clauses[1:], 2):
        theirs = [f for f in asked(clause, doc.binding) if f not in figures]
        theirs_covered = question_words_in(clause.text, words)
        statistic = main_doc.binding and not doc.binding  # a study's figure is no policy's amount beside one
        # the same topic: the words it shares with the best one weigh half of what the best one holds
        # ("专利超市…给多少钱？": not another programme's sum for sharing 专利, a word of every clause)
        on_topic = sum(map(rarity, theirs_covered & covered)) >= ON_TOPIC_SHARE * sum(map(rarity, covered))
        # beside a figure of the best clause, another adds something only if it holds more of the question;
        # where the best states none, a clause on its topic that does is named, as another clause's figure
        adds = not figures or (theirs_covered - covered and sum(map(len, theirs_covered)) >= sum(map(len, covered)))
        named_too = clause.clause_id in listed  # a programme the question names beside the best one's
        if theirs and (named_too or (not statistic and clause.clause_id != main_clause.parent_id and on_topic and adds)):
            others.append(f"［{i}］{doc_name(doc)}{cite_label(clause)}：{'；'.join(answered_figures(clause.text, theirs, words, by_phrase)[0])}")
            named.append(doc)
    if others:
        lines.append("相关条款：" + "；".join(others))
    if intent == "amount" and figures and "funding" in main_clause.meta.kinds:  # an award, never without whom it is for
        stated = [c for c in main_clause.meta.conditions if not _CONDITIONS_REFERRED_TO.match(c)]
        if stated:  # "在我局备案入册的…服务机构": 50万元 is for them alone
            lines.append(f"条件［1］：{'；'.join(stated)}")
        if main_clause.meta.exclusions:  # nor without who is excluded
            lines.append(f"排除情形［1］：{'；'.join(main_clause.meta.exclusions)}")
    asked_kind = RATE.name if rate else FIGURE_INTENTS[intent]
    if not (figures or others):  # said, not left for the reader to search the quote for
        lines.insert(0, f"所引条款未载明具体{asked_kind}，以下为最相关的条款：")
    elif not figures:  # another clause's figure may be another task's or programme's: the reader checks it
        lines.insert(0, f"最相关的条款［1］未载明具体{asked_kind}；相关条款载明的{asked_kind}如下，请核对是否即所问事项：")
    if further:
        lines.append(further_line(further, len(clauses) + 1))
    return "\n".join([*lines, *validity_notes([*named, *(doc for _, doc in further)], as_of)])


# a phrase naming whom a programme pays ("予以专利运营服务团队资金奖补") or supports ("支持本市重点产业行业协会
# 依托…搭建…", "对在我局备案入册的知识产权服务机构")
_BODIES = r"(?:协会|企业|高校|院所|科研机构|机构|医院|银行|团队|单位|主体|专利权人|许可人)"
_PAID = re.compile(rf"(?:予以|给予)[^，,。；;]{{0,12}}?{_BODIES}")
_SUPPORTED = re.compile(rf"(?:支持|面向|对)[^，,。；;]{{0,30}}?{_BODIES}")


# a phrase saying by what a sum is worked out or shared: "按照2022年度实际工作绩效", "分等次予以资金奖补"
_BASIS = re.compile(r"^(?:按照|按|根据|依据|依照)(?!规定)|分等次|分档|分级|分类")


def _phrases_saying(text: str, *patterns: re.Pattern[str]) -> list[str]:
    """The clause's phrases (without their closing mark) each pattern finds, pattern by pattern."""
    phrases = [p.rstrip("，,。；;") for p in _phrases(text)]
    return [p for pattern in patterns for p in phrases if pattern.search(nfkc(p))]


def basis_phrases(text: str) -> list[str]:
    """The phrases of a clause saying by what its sums are worked out or shared, verbatim."""
    return _phrases_saying(text, _BASIS)


def supported_phrases(text: str) -> list[str]:
    """The phrases of a funded clause naming whom it pays, then whom it supports, verbatim."""
    return _phrases_saying(text, _PAID, _SUPPORTED)


# the share of a question's words (weighed by rarity) a passage must hold to be on its topic
ON_TOPIC_SHARE = 0.5

FIGURE_INTENTS = {"amount": "金额", "deadline": "时限", "target": "目标数值"}  # what each asks for


def lookup_text(clauses: list[tuple[Clause, Document]], as_of: date) -> str:
    """The named clauses verbatim; an article cited beside one of its items shows the item as
    "（见［1］）" instead of saying it twice."""
    lines = []
    for i, (clause, doc) in enumerate(clauses, 1):
        text = clause.text.strip()
        for j, (earlier, _) in enumerate(clauses[: i - 1], 1):
            if earlier.text.strip() and earlier.text.strip() in text and earlier.text.strip() != text:
                text = text.replace(earlier.text.strip(), f"（见［{j}］）")
        lines.append(f"［{i}］{doc_name(doc)}{cite_label(clause)}：{text}")
    docs = [doc for _, doc in clauses]
    return "\n".join([*lines, *validity_notes(docs, as_of, statuses=NOT_IN_FORCE, template="（{}）")])


def best_sentences(text: str, words: list[str], limit: int = 2) -> str:
    """The clause's sentences (whitespace removed; never cut inside 447.20万元) that hold most of the
    question's words (total length of the words found), in text order."""
    compact = re.sub(r"\s+", "", text)
    sentences = [compact[a:b] for a, b in sentence_spans(compact)]
    if len(sentences) <= limit or not words:
        return "".join(sentences)
    scores = [len("".join(question_words_in(s, words))) for s in sentences]
    keep = sorted(sorted(range(len(sentences)), key=lambda i: -scores[i])[:limit])
    return "…".join(sentences[i] for i in keep)


FULL_QUOTE_CHARS = 400


def excerpt(text: str, words: list[str]) -> str:
    """A short clause whole; a long one by its sentences that best match the question."""
    compact = re.sub(r"\s+", "", text)
    return compact if len(compact) <= FULL_QUOTE_CHARS else best_sentences(text, words, limit=3)


LEAD_QUOTE_CHARS = 100  # of an article's lead quoted before its item


def item_lead(context: str) -> str:
    """An article's lead as quoted before one of its items: whole when short ("专利代理师有下列行为之一的，
    由…责令限期改正，予以警告，可以处5万元以下的罚款；…："), else its first phrases to LEAD_QUOTE_CHARS
    and "…"."""
    lead = re.sub(r"\s+", "", context)
    if len(lead) <= LEAD_QUOTE_CHARS:
        return lead if lead.endswith(("：", ":")) else f"{lead}…"
    cut = max(lead.rfind(mark, 0, LEAD_QUOTE_CHARS) for mark in "，,；;")
    return f"{lead[: cut if cut > 0 else LEAD_QUOTE_CHARS]}…"


def units_by_role(clause: Clause) -> str:
    """The units a clause names, by role: "牵头：市知识产权局；参与：市教委", "责任单位：…"."""
    by_role: dict[str, list[str]] = {}
    for unit in clause.meta.units:
        by_role.setdefault(ROLE_TEXT.get(unit.role, "责任单位"), []).append(unit.short or unit.name)
    return "；".join(f"{role}：{'、'.join(dict.fromkeys(names))}" for role, names in by_role.items())


def units_line(clause: Clause) -> str:
    names = list(dict.fromkeys(u.short or u.name for u in clause.meta.units))
    return f"（责任单位：{'、'.join(names)}）" if names and "责任单位" not in clause.text else ""


def general_text(
    clauses: list[tuple[Clause, Document]],
    as_of: date,
    words: list[str],
    further: Sequence[tuple[Clause, Document]] = (),
    overview: str = "",
    heading: str = "以下条款与您的问题最相关：",
) -> str:
    """The best clauses quoted under `heading`, then `further` candidates named only ("另见：［4］《…》
    第十条"): a layperson's question often fits several articles, and the reader should see where else
    to look without reading five quotes. An `overview` ("第五条分为3项：…") comes first."""
    lines = [*([overview] if overview else []), heading]
    for i, (clause, doc) in enumerate(clauses):
        body = excerpt(clause.text, words) if i == 0 else best_sentences(clause.text, words)
        if clause.context:  # an item under its article's lead: "(三)同时在两个以上…" says nothing of the fine alone
            body = f"{item_lead(clause.context)}{body}"
        lines.append(f"［{i + 1}］{doc_name(doc)}{cite_label(clause)}：“{body}”{units_line(clause)}")
    if further:
        lines.append(further_line(further, len(clauses) + 1))
    return "\n".join([*lines, *validity_notes([doc for _, doc in [*clauses, *further]], as_of)])


def further_line(further: Sequence[tuple[Clause, Document]], first: int) -> str:
    """"另见：［4］《…》第十条；［5］…": candidates named by label, numbered from `first`."""
    return "另见：" + "；".join(f"［{i}］{doc_name(doc)}{cite_label(clause)}" for i, (clause, doc) in enumerate(further, first))


REFUSAL = "抱歉，现有政策文件库中没有找到能回答这个问题的依据，无法作答。"


def refusal_text(reason: str = "") -> str:
    return REFUSAL + (f"（{reason}）" if reason else "")
