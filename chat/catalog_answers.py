"""Answers read from the catalog, not retrieved: how many numbered items a document has, which
targets it sets, and which documents are in force. Retrieval cannot count or list ("专项行动方案一共有
多少项任务？" would cite whatever clause mentions 任务, "杨浦方案的目标有哪些？" the clause that says 目标);
the catalog holds every clause, its extracted targets and every document's dates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from chat.compose import target_figures
from kb.labels import ARTICLE_LABEL
from kb.models import Clause, Document
from kb.overlap import specific_tokens
from kb.textnorm import fold, nfkc
from kb.tokenize import cut_words

# "一共有多少项任务", "有几条", "共几个方面": a count of the parts of a document
# "几点" counts points ("共有几点措施"), not the hour ("现在几点了", "几点开始"); "哪几项" asks which
_ASKS_COUNT = re.compile(r"(一共|总共|共|总计|合计)?有?(多少|(?<!哪)几)(个?部分|个?方面|项|条|个|点(?!了|钟|开始|结束|前|后|半|到|上班|下班)|章)")
# "哪些文件现在有效", "现行有效的政策有哪些"
_ASKS_IN_FORCE = re.compile(
    r"(哪些|哪几|什么)(个|份|项)?(文件|政策|规定|办法|方案|细则).{0,8}(有效|现行|施行|在用|还能用|适用)"
    r"|(现行|有效|仍然有效|在有效期内|现在还能用)的?(文件|政策|规定)(有)?(哪些|哪几|什么)"
)
_SHAPES = {
    "article": ARTICLE_LABEL,  # 第十条
    "paren": re.compile(r"^[（(][零〇一二两三四五六七八九十百]+[)）]$"),  # （十一）
    "section": re.compile(r"^[零〇一二两三四五六七八九十百]+、$"),  # 三、
    "arabic": re.compile(r"^\d+[.．、]$"),  # 1.
}
IN_FORCE_SHOWN = 20
TARGETS_SHOWN = 12
# what, beside the document's name, a question asking for all its targets says ("的总体目标是什么")
_TARGET_LISTING = re.compile(
    r"^(的|里|中|在)?((总体|主要|具体|工作|发展|全部|所有)?(目标|指标)(任务)?(有|是)?(哪些|什么|哪几个?)?"
    r"|(有)?(哪些|什么|哪几个?)(总体|主要|具体)?(目标|指标))$"
)
_LISTING_NOISE = re.compile(r"[\s？?。，,！!]|(提出|设定|确定|定|明确)了?|请问|一下")


def asks_count(question: str) -> str | None:
    """The counter word of a count question ("条", "项" …), or None."""
    found = _ASKS_COUNT.search(nfkc(question))
    return found.group(3).removeprefix("个") if found else None


# what a unit's count question counts: its tasks ("几项任务", "多少项工作", "牵头几项？"), not things its
# text mentions ("交通运输部在湖北设置几个应急物资中转站？"); "负责哪几项" asks which, and is listed
_COUNTS_TASKS = re.compile(r"((?<!哪)几|多少)项?(任务|工作|职责)|(任务|工作|职责)[有共是]*((?<!哪)几|多少)项|((?<!哪)几|多少)项[？?。]*$")


def counts_tasks(question: str) -> bool:
    return bool(_COUNTS_TASKS.search(nfkc(question)))


def asks_document_targets(rest: str) -> bool:
    """Is `rest` — a question without the document's name — a request for all its targets?
    ("的主要目标是什么", "定了哪些目标"; not "PCT申请量的目标", which asks for one)"""
    return bool(_TARGET_LISTING.match(_LISTING_NOISE.sub("", nfkc(rest))))


def asks_in_force(question: str) -> bool:
    return bool(_ASKS_IN_FORCE.search(nfkc(question)))


# "哪些文件已经失效了？", "哪个政策过期了？", "已失效的文件有哪些？", "这几个文件哪个已经失效了？": the
# documents no longer in force
_ASKS_EXPIRED = re.compile(
    r"(哪些|哪几|哪个|什么)(个|份|项)?(文件|政策|规定|办法|方案|细则).{0,8}(失效|过期|废止|到期了|不再有效)"
    r"|(已经?)?(失效|过期|废止)的?(文件|政策|规定)(有)?(哪些|哪几|什么)"
    r"|(文件|政策|规定)(中|里|当中)?(哪个|哪些|哪几个?|哪份)(已经?|现在)?(失效|过期|废止)"
)


def asks_expired(question: str) -> bool:
    return bool(_ASKS_EXPIRED.search(nfkc(question)))


# "政策库里有哪些文件？", "收录了多少份文件", "都有什么文件", "有哪些广州的文件？": the whole collection,
# or a place's part of it — the whole question, so that "有哪些文件涉及医院？" (a topic) is searched instead
_ASKS_COLLECTION = re.compile(
    r"^(请问)?(你们?的?|这个)?(政策库|知识库|文件库|数据库|库)?(里|中|内)?(一共|总共|都|现在)?"
    r"(有|收录了?|包含|包括)(哪些|什么|多少份?|几份)(?:(?P<of>[\u4e00-\u9fff]{2,10}?)的)?(政策)?(文件|文档|政策)[？?。]*$"
)


def asks_collection(question: str) -> str | None:
    """None when the question does not ask for the collection; "" for the whole of it; the words
    before 的 ("广州", "杨浦区") when it asks for the documents of something (the engine reads a
    place there, and searches anything else as a topic)."""
    found = _ASKS_COLLECTION.match(nfkc(question).strip())
    return (found.group("of") or "") if found else None


# "哪些文件是2019年发布的", "2024年印发了哪些政策", "2019年出台的文件有哪些": the documents issued in
# a year — the whole question, so that "2019年发布的哪些文件涉及医院？" (a topic) is searched instead
_ISSUE_VERB = r"(?:发布|印发|出台|颁布|下发|公布)"
_DOCS = r"(?:个|份|项)?(?:文件|政策|规定|通知)"
_ASKS_ISSUED_IN = re.compile(
    rf"(?:政策库中?)?(?:有)?(?:哪些|哪几|什么){_DOCS}(?:是)?(?:在)?(\d{{4}})年{_ISSUE_VERB}的?"
    rf"|(?:政策库中?)?(\d{{4}})年{_ISSUE_VERB}(?:了|过)?的?(?:(?:哪些|哪几|什么){_DOCS}|{_DOCS}(?:有|是)?(?:哪些|哪几个?|什么))"
)


def asks_issued_in(question: str) -> int | None:
    """The year a question asks which documents were issued in, or None."""
    found = _ASKS_ISSUED_IN.fullmatch(re.sub(r"[\s？?。！!]+", "", nfkc(question)))
    return int(found.group(1) or found.group(2)) if found else None


# "国务院办公厅发了哪些文件？", "市知识产权局印发的政策有哪些？": the documents an issuer (a name ending as
# organs' names do) issued — the whole question, so that "国务院印发了哪些文件涉及就业？" and "重庆近日在延期
# 缴纳税费方面出台了什么政策？" (topics) are searched instead
_ASKS_ISSUED_BY = re.compile(
    rf"(?:政策库中?)?(?P<by>[\u4e00-\u9fff]{{0,28}}?(?:人民政府|政府|办公厅|办公室|委员会|指挥部|领导小组|国务院|[部厅局委署办院]))(?:发|{_ISSUE_VERB})(?:了|过)?的?(?:(?:哪些|哪几|什么){_DOCS}|{_DOCS}(?:有|是)?(?:哪些|哪几个?|什么))"
)


def asks_issued_by(question: str) -> str | None:
    """The issuer a question asks the documents of ("国务院办公厅"), or None."""
    found = _ASKS_ISSUED_BY.fullmatch(re.sub(r"[\s？?。！!]+", "", nfkc(question)))
    return found.group("by") if found else None


# "哪个文件提到了专利超市？", "专利超市出自哪份文件？": the documents that mention a thing, not what it is
_ASKS_WHICH_DOCUMENTS = re.compile(
    r"(哪个|哪些|哪份|哪几份|哪几个|什么)(政策)?(文件|政策|文档)(里|中|上)?(都)?(有|曾)?(提到|提及|涉及|讲到|说到|写到|谈到|包含|出现)(了|过)?(的)?"
    r"|(出自|来自|见于|在|是)(哪个|哪份|哪些|什么)(政策)?(文件|政策|文档)(里|中|上)?(提到|提出|规定)?(的)?"
)


def which_documents_topic(question: str) -> str | None:
    """What a question asking which documents mention something asks about (the question without
    its asking words: "专利超市"), or None when it asks no such thing."""
    text = nfkc(question)
    found = _ASKS_WHICH_DOCUMENTS.search(text)
    return text[: found.start()] + " " + text[found.end() :] if found else None


def topic_as_written(topic: str, wanted: set[str], texts: list[str]) -> str:
    """The topic of a which-documents question as the question writes it ("一次性创业补贴"): its longest
    run of `wanted` words, grown by the characters around it while one of `texts` holds the whole."""
    return _grown(topic, _longest_run(topic, wanted), texts)


_PIECES = re.compile(r"[\s，,。？?！!、；;：:]+")  # a question's pieces between punctuation
_FIGURE_PART = re.compile(r"[\d.]+|[万亿]?元|[%％]|件|家|个|项|人")  # a figure inside a topic ("超过300亿元")


def _longest_run(text: str, wanted: set[str]) -> str:
    """The longest run of `wanted` words standing side by side in `text` ("专利超市" of 专利 + 超市 in
    "专利超市是什么"), a figure inside it kept."""
    runs = [""]
    for piece in _PIECES.split(nfkc(text)):
        for word in cut_words(piece):
            joins = word in wanted or bool(runs[-1] and _FIGURE_PART.fullmatch(word))  # "…超过" + "300" + "亿元"
            runs[-1] = runs[-1] + word if joins else runs[-1]
            if not joins and runs[-1]:
                runs.append("")
        runs.append("")
    return max(runs, key=len)


def _grown(topic: str, run: str, texts: list[str]) -> str:
    """`run` ("一次性创业") grown by the characters around it in the topic ("补贴") while a text still
    holds the whole."""
    piece = next((p for p in _PIECES.split(nfkc(topic)) if run and run in p), "")
    start = piece.find(run)
    if start < 0:
        return run
    end = start + len(run)
    while end < len(piece) and any(piece[start : end + 1] in t for t in texts):
        end += 1
    while start > 0 and any(piece[start - 1 : end] in t for t in texts):
        start -= 1
    return piece[start:end].strip("的了是在有和与及")


def issued_in(docs: list[Document], year: int) -> list[Document]:
    """The documents issued in `year` — by issue date, else effective date, else the year of the
    文号 (国发〔2019〕5号) — by date."""

    def year_of(doc: Document) -> int | None:
        day = doc.issue_date or doc.effective_date
        numbered = _NUMBER_YEAR.search(nfkc(doc.doc_number))
        return day.year if day else int(numbered.group(1)) if numbered else None

    issued = [d for d in docs if year_of(d) == year]
    return sorted(issued, key=lambda d: (d.issue_date or d.effective_date or date.min, d.title))


_NUMBER_YEAR = re.compile(r"[〔\[［(（](\d{4})[〕\]］)）]")


def _shape(label: str) -> str | None:
    for name, pattern in _SHAPES.items():
        if pattern.fullmatch(label) if name == "article" else pattern.match(label):
            return name
    return None


@dataclass(frozen=True)
class ItemCount:
    counter: str  # as asked: 条, 项 …
    items: list[Clause]  # in document order (for chapters: each chapter's first clause)
    names: list[str] = field(default_factory=list)  # the chapter headings, when chapters are counted
    note: str = ""  # "未分章，" when chapters were asked of a document without them


# headings a count of chapters or parts counts: 第一章 总则; 一、总体要求
_HEADINGS_COUNTED = {"章": re.compile(r"^第[零〇一二两三四五六七八九十百]+章"), "部分": re.compile(r"^[零〇一二两三四五六七八九十百]+、")}


def count_headings(clauses: list[Clause], counter: str) -> ItemCount | None:
    """"细则有几章？", "方案分几个部分？": the document's chapter (or part) headings, each with its first clause."""
    pattern = _HEADINGS_COUNTED[counter]
    firsts: dict[str, tuple[str, Clause]] = {}  # by the heading's number: 三、 heads clauses and is one itself
    for clause in sorted(clauses, key=lambda c: c.order):
        if pattern.match(clause.label):  # "一、指导思想 以习近平……": a part that is a clause
            firsts.setdefault(clause.label, (re.split(r"[\s。：:]", clause.text.strip(), maxsplit=1)[0][:20], clause))
        for heading in clause.heading_path:
            if found := pattern.match(heading):
                firsts.setdefault(found.group(0), (heading, clause))
    return ItemCount(counter, [c for _, c in firsts.values()], [n for n, _ in firsts.values()]) if firsts else None


def count_items(clauses: list[Clause], counter: str) -> ItemCount | None:
    """The numbered parts a count question asks about: its chapters when it counts 章, its articles
    when it counts 条 and the document has articles, else the most numerous kind of numbered label
    (（一）…（三十）)."""
    if counter == "章":  # a document without chapters is told by its parts (一、二、…)
        return count_headings(clauses, "章") or _unchaptered(count_items(clauses, "部分"))
    if counter == "部分" and (parts := count_headings(clauses, "部分")):
        return parts
    families: dict[str, list[Clause]] = defaultdict(list)
    for clause in sorted(clauses, key=lambda c: c.order):
        shape = _shape(clause.label)
        if shape:
            families[shape].append(clause)
    if not families:
        return None
    if counter == "条" and families.get("article"):
        chosen = families["article"]
    elif counter == "部分" and families.get("section"):  # a plan's parts: 一、二、…
        chosen = families["section"]
    else:
        chosen = max(families.values(), key=len)
    return ItemCount(counter, chosen)


@dataclass(frozen=True)
class StatedCount:
    phrase: str  # as the document says it: "推广的改革举措（共23项）", "（一）知识产权保护方面5项"
    clause: Clause


_NUMERAL = r"(?:\d+|[一二两三四五六七八九十百]+)"


def item_counts_stated(clauses: list[Clause], question: str, counter: str, title: str) -> list[StatedCount]:
    """The counts a document states itself in the measure asked ("一、推广的改革举措（共23项）",
    "（一）知识产权保护方面5项"): its first total ("共23项") when the question asks 一共/总共, and those
    of a thing it names by a word beyond the document's `title`. The document's own count answers
    before ours, which counts numbered labels and cannot tell a list of measures from the
    paragraphs beside it."""
    if not counter:
        return []
    said = re.compile(rf"([^，,。；;：:\n]{{2,24}}?)[（(]?(共|合计|总计)?\s*({_NUMERAL})\s*{re.escape(counter)}[)）]?")
    text = nfkc(question)
    total_asked = bool(re.search(r"一共|总共|共有|共计|合计|总计|总数", text))
    named_words = [w for w in specific_tokens(text) if w not in nfkc(title)]
    totals: list[StatedCount] = []
    named: dict[tuple[str, str], tuple[int, StatedCount]] = {}  # by what is counted: the phrase and its words' length
    for clause in sorted(clauses, key=lambda c: c.order):
        for line in dict.fromkeys([*clause.heading_path, *nfkc(clause.text).splitlines()[:1]]):
            for m in said.finditer(nfkc(line)):
                what = _HEADING_LABEL.sub("", m.group(1)).strip("（(")
                if total_asked and m.group(2) and not totals:
                    totals.append(StatedCount(m.group(0).strip(), clause))
                held = sum(len(w) for w in named_words if w in what)
                if held:
                    named.setdefault((what, m.group(3)), (held, StatedCount(m.group(0).strip(), clause)))
    most = max((held for held, _ in named.values()), default=0)  # the thing named, not another sharing 科技
    return [*totals, *(c for held, c in named.values() if held == most and c not in totals)]


_HEADING_LABEL = re.compile(r"^(第[零〇一二两三四五六七八九十百]+[章节]|[零〇一二两三四五六七八九十百]+、|[（(][零〇一二两三四五六七八九十百]+[)）])\s*")


@dataclass(frozen=True)
class PartCount:
    heading: str  # "四、重点任务"
    names: list[str]  # its parts' headings or openings: "（一）推进知识产权高质量创造" …
    firsts: list[Clause]  # each part's first clause
    members: list[Clause]  # every clause under the heading, in document order


def count_in_part(clauses: list[Clause], question: str, counter: str = "") -> PartCount | None:
    """"杨浦方案的重点任务分为几个方面？": the parts of the heading the question names (四、重点任务 →
    its four （一）… sub-headings, with the 14 tasks under them), not the whole document's items. None
    when the question names no heading of the document."""
    text = nfkc(question)
    ordered = sorted(clauses, key=lambda c: c.order)
    tops = list(dict.fromkeys(c.heading_path[0] for c in ordered if c.heading_path))
    titles = {h: _HEADING_LABEL.sub("", nfkc(h)).strip() for h in tops}
    named = [h for h in tops if len(titles[h]) >= 2 and titles[h] in text]
    if not named and counter in _PARTS_COUNTERS:
        # "主要目标分为几个方面？" of "三、工作目标": the heading's head noun, when one heading alone ends in it
        # (an item counter, "多少项任务", counts the document's items, not a part's)
        named = [h for h in tops if len(titles[h]) >= 3 and titles[h][-2:] in text]
    if len(named) != 1:
        return None
    heading = named[0]
    members = _outermost([c for c in ordered if c.heading_path and c.heading_path[0] == heading])  # 第九条, not also its （一）
    subs: dict[str, Clause] = {}
    for clause in members:
        if len(clause.heading_path) > 1:
            subs.setdefault(clause.heading_path[1], clause)
    if len(subs) >= 2:
        return PartCount(heading, list(subs), list(subs.values()), members)
    names = [re.split(r"[。：:\n]", c.text.strip(), maxsplit=1)[0][:24] for c in members]
    return PartCount(heading, names, members, members) if len(members) >= 2 else None


# a part of a document named by its topic ("知识产权保护方面", "运用这块"), and its items asked for by which
_SECTION_TOPIC = re.compile(r"([\u4e00-\u9fff]{2,12}?)(?:方面|这块|这一块|这部分|板块)")
LISTS_ITEMS = re.compile(r"(?:哪几|哪些)(?:项|条|个)?(?:重点)?(?:任务|工作|措施|举措|内容|事项)?")


SECTION_ITEM_CHARS = 40  # of an item's opening sentence, when a section's items are listed


def section_named(clauses: list[Clause], question: str) -> PartCount | None:
    """"杨浦的试点城区方案里，知识产权保护方面具体有哪几项重点任务？": the items under the one heading
    (at any level) whose title holds the topic the question names before 方面 ("（三）加大知识产权保护
    力度" → 8. 9. 10.), each by its opening. None when no topic is named that way or it is not one
    heading's."""
    found = _SECTION_TOPIC.search(nfkc(question))
    if not found:
        return None
    topic = re.split(r"[的里中在]", found.group(1))[-1]
    if len(topic) < 2:
        return None
    ordered = sorted(clauses, key=lambda c: c.order)
    headings = list(dict.fromkeys(h for c in ordered for h in c.heading_path))
    named = [h for h in headings if topic in _HEADING_LABEL.sub("", nfkc(h))]
    if len(named) != 1:
        return None
    members = _outermost([c for c in ordered if named[0] in c.heading_path])
    names = [re.split(r"[。：:\n]|\.(?!\d)(?<=\D\.)", c.text.strip(), maxsplit=1)[0][:SECTION_ITEM_CHARS] for c in members]
    return PartCount(named[0], names, members, members) if len(members) >= 2 else None


def _outermost(under: list[Clause]) -> list[Clause]:
    """The clauses of a heading that are no item of another of them (an article, not also its items)."""
    ids = {c.clause_id for c in under}
    return [c for c in under if c.parent_id not in ids]


def part_count_text(doc_name: str, part: PartCount, counter: str) -> str:
    counted = f"个{counter}" if counter in _PARTS or not counter else counter
    text = f"{doc_name}“{part.heading}”分为{len(part.names)}{counted}：{'；'.join(part.names)}"
    if len(part.members) > len(part.firsts):  # the tasks under the sub-headings
        first, last = part.members[0].cite or part.members[0].label, part.members[-1].cite or part.members[-1].label
        unit = "条" if _shape(part.members[0].label) == "article" else "项"
        text += f"；其下共{len(part.members)}{unit}（{first}至{last}）"
    return text + "。"


_PARTS = ("部分", "方面")  # counted as 个部分, 个方面
_PARTS_COUNTERS = ("", *_PARTS)  # "几个", "几个方面": parts, not numbered items (项, 条)


def _unchaptered(parts: ItemCount | None) -> ItemCount | None:
    return ItemCount(parts.counter, parts.items, parts.names, note="未分章，") if parts else None


def count_text(doc_name: str, count: ItemCount) -> str:
    if count.names:
        counted = f"个{count.counter}" if count.counter in _PARTS else count.counter
        return f"{doc_name}{count.note}共有{len(count.names)}{counted}：{'；'.join(count.names)}。"
    first, last = count.items[0].cite or count.items[0].label, count.items[-1].cite or count.items[-1].label
    span = f"（{first}至{last}）" if len(count.items) > 1 else f"（{first}）"
    counted = f"个{count.counter}" if count.counter in _PARTS else f"{count.counter}编号条目"
    return f"{doc_name}{count.note}共有{len(count.items)}{counted}{span}。"


def in_force_split(docs: list[Document], as_of: date) -> tuple[list[Document], list[Document]]:
    """(documents in force or of unknown status, the others), each by title."""
    live = sorted((d for d in docs if d.status(as_of) in ("in_force", "unknown")), key=lambda d: d.title)
    other = sorted((d for d in docs if d.status(as_of) not in ("in_force", "unknown")), key=lambda d: d.title)
    return live, other


def targets_listed(clauses: list[Clause]) -> list[tuple[Clause, list[str]]]:
    """The clauses of a document that set targets, in document order, each with its target figures
    as extracted; a clause whose figures an earlier one (its article) already states is left out."""
    listed: list[tuple[Clause, list[str]]] = []
    seen: set[str] = set()
    for clause in sorted(clauses, key=lambda c: c.order):
        figures = [f for f in target_figures(clause) if f not in seen]
        if figures:
            listed.append((clause, figures))
            seen.update(figures)
    return listed


def targets_text(doc_name: str, listed: list[tuple[Clause, list[str]]]) -> str:
    lines = [f"{doc_name}设定的目标（{len(listed)}处）："]
    for i, (clause, figures) in enumerate(listed[:TARGETS_SHOWN], 1):
        lines.append(f"- {clause.cite or clause.label}［{i}］：{'；'.join(figures)}")
    if len(listed) > TARGETS_SHOWN:
        lines.append(f"……等{len(listed)}处（仅列前{TARGETS_SHOWN}处）")
    return "\n".join(lines)


# "是关于什么的", "讲了什么", "主要内容是什么", "介绍一下": what a document is about as a whole
_ASKS_OVERVIEW = re.compile(
    r"(主要|大致|大概)?(关于|讲|说|写|谈|涉及)(了|的是|的)?(什么|啥|哪些)(内容|事情?|东西|方面|问题|主题)?(的|方面的)?(文件|政策|文章)?"
    r"|(主要|核心|大致|基本|具体)?(内容|观点|思路|精神|要点|主旨|主题)(是|有)(什么|哪些|啥)"
    r"|(简介|概要|概述|摘要)|介绍一下|是(一份|一个|一篇)?(什么|怎样的?)(样的)?(文件|政策|文章)"
    # which parts it has ("分了哪几个方面？大概说说。", "讲了哪几块内容？"; how many, "分几个部分？", is a count)
    r"|(分|分为|分成|包括|包含|讲|说|写)了?(哪几|哪些)个?(大)?(方面|部分|块|板块)(内容)?|(大概|简单|大致)(说说|讲讲|介绍)"
)
# what remains of a question once the document and the asking are gone ("那篇", "这份", "的"): nothing of its own
_OVERVIEW_NOISE = re.compile(r"[\s？?。，,！!]|(这|那|该|本)(篇|份|个|项|部)?|请问|请|一下|是|的|了|吗|呢|全文|整体|总体|大概|简单|主要|说说|讲讲")
_DOCUMENT_WORDS = frozenset("文件 政策 文章 方案 细则 办法 意见 通知 规定 条例 规划 纲要 指南 决定 通告 措施 报告 研究".split())


def asks_overview(rest: str, title: str) -> bool:
    """Does a question, its document's name taken out, ask what the document is about and nothing
    else ("讲的是什么？", "杨浦的方案主要讲了什么": words of the `title` — with its 文号 — aside; not
    "关于专利导航讲了什么", which asks a topic within it)?"""
    text = nfkc(rest)
    found = _ASKS_OVERVIEW.search(text)
    if not found:
        return False
    left = _OVERVIEW_NOISE.sub(" ", text[: found.start()] + " " + text[found.end() :])
    held = fold(title)
    return all(w in _DOCUMENT_WORDS or w in held for w in cut_words(left) if w.strip())


# "为规范……的使用，……，制定本实施细则" / "为……，制定本方案": why a document was made
_PURPOSE = re.compile(r"为[^。；;]{6,}?(?:特|现)?(?:制定|出台|印发)本[^。；;.]{0,8}")
_ABSTRACT = re.compile(r"【?摘\s*要】?\s*[:：]\s*([^【]{10,}?[。])(?:[^【]{0,200}?[。])?")


@dataclass(frozen=True)
class Overview:
    purpose: str  # the document's own statement of why it was made, or its abstract; "" when it has none
    purpose_clause: Clause | None
    parts: ItemCount | None  # its chapters or parts, with each one's first clause


def document_overview(clauses: list[Clause]) -> Overview:
    ordered = sorted(clauses, key=lambda c: c.order)
    purpose, where = "", None
    for clause in ordered[:PURPOSE_SEARCHED]:
        text = nfkc(clause.text)
        found = _PURPOSE.search(text) or _ABSTRACT.search(text)
        if found:
            purpose, where = (found.group(1) if found.re is _ABSTRACT else found.group(0)).strip(), clause
            break
    return Overview(purpose, where, count_items(ordered, "章"))


PURPOSE_SEARCHED = 3  # the head, the preamble and the first article: where a document says why it was made
PARTS_SHOWN = 12


def overview_text(doc_name: str, overview: Overview) -> str:
    lines = [f"{doc_name}：{_shortened(overview.purpose.rstrip('。.'))}。" if overview.purpose else f"{doc_name}："]
    names = overview.parts.names if overview.parts is not None else []
    if len(names) > PARTS_SHOWN:
        lines.append(f"全文共{len(names)}个部分，前{PARTS_SHOWN}个：{'；'.join(names[:PARTS_SHOWN])}。")
    elif names:
        lines.append(f"全文分为{len(names)}个部分：{'；'.join(names)}。")
    return "\n".join(lines)


PURPOSE_CHARS = 120


def _shortened(purpose: str) -> str:
    """A long statement of purpose, its opening phrases and its close ("为规范……的使用,切实加强中央财政资金
    管理,……制定本实施细则"): the cited clause holds it whole."""
    if len(purpose) <= PURPOSE_CHARS:
        return purpose
    phrases = re.split(r"(?<=[,，])", purpose)
    head = ""
    for phrase in phrases:
        if len(head) + len(phrase) > PURPOSE_CHARS // 2 and head:
            break
        head += phrase
    tail = phrases[-1] if len(phrases) > 1 else ""
    return f"{head}……{tail}" if tail and not head.endswith(tail) else head.rstrip(",，")
