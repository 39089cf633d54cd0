"""Extractive, deterministic answers: every sentence quotes or restates a cited clause.

Amounts, dates and targets are the verbatim phrases the extractor found in the clause
text (`raw`), never recomputed, so an answer cannot state a figure its clause lacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from chat.understand import attribute_matches
from indexer.segment import sentence_spans
from kb.models import Citation, Clause, Document, Match
from kb.textnorm import nfkc

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


def _cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def validity_sentence(doc: Document, as_of: date) -> str:
    """The document's dates and its status on `as_of`, in one sentence."""
    status = doc.status(as_of)
    facts = []
    if doc.issue_date:
        facts.append(f"于{_cn_date(doc.issue_date)}印发")
    if doc.effective_date and doc.effective_date != doc.issue_date:
        facts.append(f"自{_cn_date(doc.effective_date)}起施行")
    if doc.expiry_date:
        facts.append(f"有效期至{_cn_date(doc.expiry_date)}")
    elif doc.plan_period:
        facts.append(f"实施期为{doc.plan_period[0]}-{doc.plan_period[1]}年")
    head = doc_name(doc) + ("，".join(facts) + "，" if facts else "")
    verdicts = {
        "expired": f"截至{as_of.isoformat()}已失效。",
        "in_force": f"截至{as_of.isoformat()}仍然有效。",
        "superseded": "已被新版本取代，不再适用。",
        "not_yet_effective": f"截至{as_of.isoformat()}尚未施行。",
        "non_binding": "它是研究分析文章，不是政策文件，不产生申报资格或义务。",
        "unknown": "文件未注明施行日期或有效期，请以发布机关的最新通知为准。",
    }
    return head + verdicts[status]


def first_sentence(text: str, limit: int = 80) -> str:
    body = re.sub(r"^\s*(第[一二三四五六七八九十百零]+条|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])\s*", "", text.strip())
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


def targets_of(clause: Clause) -> list[str]:
    return list(dict.fromkeys(t.raw for t in clause.meta.targets))


def amounts_of(clause: Clause, kinds: Iterable[str] | None = None) -> list[str]:
    allowed = set(kinds) if kinds else None
    return list(dict.fromkeys(a.raw for a in clause.meta.amounts if allowed is None or a.kind in allowed))


FUNDING_AMOUNT_KINDS = ("per_recipient_cap", "per_item", "percentage", "program_total", "fixed")


def eligibility_match(
    clause: Clause,
    parent: Clause | None,
    doc: Document,
    general_conditions: list[str],
    attributes: list[str],
    as_of: date,
) -> Match:
    """One funded program judged for an asker: expired, excluded (which exclusion bites) or eligible."""
    exclusions = list(dict.fromkeys([*clause.meta.exclusions, *(parent.meta.exclusions if parent else [])]))
    biting = [e for e in exclusions if any(attribute_matches(a, e) for a in attributes)]
    status = doc.status(as_of)
    if status in ("expired", "superseded"):
        verdict, note = "expired", validity_sentence(doc, as_of)
        if biting:
            note += "另外，您所述情形属于排除情形，即使在有效期内也不能参与：" + "；".join(biting)
    elif status == "non_binding":
        verdict, note = "not_applicable", validity_sentence(doc, as_of)
    elif biting:
        verdict, note = "excluded", "您所述情形属于排除情形，不能参与：" + "；".join(biting)
    else:
        verdict, note = "eligible", ""
    return Match(
        clause_id=clause.clause_id,
        doc_title=doc.title,
        label=cite_label(clause),
        program=program_name(clause, parent),
        status=verdict,
        amounts=amounts_of(clause, FUNDING_AMOUNT_KINDS),
        conditions=[c for c in dict.fromkeys([*clause.meta.conditions, *general_conditions]) if len(c) > 4],  # not a bare "符合条件"
        exclusions=exclusions,
        deadlines=deadlines_of(clause),
        units=[u.name for u in clause.meta.units],
        note=note,
    )


VERDICT_TEXT = {"eligible": "可申报", "excluded": "不能参与", "expired": "已失效", "not_applicable": "不适用"}


def eligibility_verdict(matches: list[Match], subject_label: str, as_of: date) -> str:
    """The first thing an applicant needs: how many programs it can apply for today, or that none
    in force was found and what the listed ones are."""
    day = _cn_date(as_of)
    open_now = sum(1 for m in matches if m.status == "eligible")
    if open_now:
        return f"截至{day}，找到{open_now}项“{subject_label}”可以申报的现行有效项目："
    if any(m.status == "excluded" for m in matches):
        return f"截至{day}，现行有效的相关项目中，按您所述情形没有可以申报的（见排除情形）："
    return f"截至{day}，没有找到“{subject_label}”可以申报的现行有效项目；以下相关项目出自已失效或不适用的文件，仅供参考："


def eligibility_text(matches: list[Match], docs: dict[str, Document], subject_label: str, as_of: date, limit: int = 8) -> str:
    lines = [eligibility_verdict(matches, subject_label, as_of)]
    by_title = {d.title: d for d in docs.values()}
    noted = {m.doc_title for m in matches[:limit] if m.status in ("expired", "not_applicable")}
    shown = matches[:limit]
    common: dict[str, list[str]] = {}  # a document's conditions every shown program of it has: said once
    for title in dict.fromkeys(m.doc_title for m in shown):
        of_doc = [m.conditions for m in shown if m.doc_title == title]
        if len(of_doc) > 1:
            common[title] = [c for c in of_doc[0] if all(c in other for other in of_doc[1:])]
    for i, m in enumerate(shown, 1):
        amount = "、".join(m.amounts) if m.amounts else "原文未列明金额"
        line = f"{i}. 【{VERDICT_TEXT.get(m.status, m.status)}】《{m.doc_title}》{m.label}“{m.program}”：{amount}。"
        own = [c for c in m.conditions if c not in common.get(m.doc_title, [])]
        if own:
            line += "条件：" + "；".join(own[:4]) + "。"
        if m.deadlines:
            line += "期间：" + "；".join(m.deadlines) + "。"
        if m.exclusions:
            line += "排除情形：" + "；".join(m.exclusions) + ("" if m.exclusions[-1].endswith("。") else "。")
        note = m.note
        if m.doc_title in noted and m.doc_title in by_title:  # the document's validity is said once, below
            note = note.replace(validity_sentence(by_title[m.doc_title], as_of), "")
        line += note
        lines.append(line)
    if len(matches) > limit:
        lines.append(f"另有{len(matches) - limit}项相关条款，见匹配列表。")
    for title, conditions in common.items():
        if conditions:
            lines.append(f"以上《{title}》各项目的共同条件：" + "；".join(conditions) + "。")
    for doc in docs.values():
        if doc.title in noted:
            lines.append("注意：" + validity_sentence(doc, as_of))
    return "\n".join(lines)


def task_summary(clause: Clause, unit: str) -> str:
    """What the unit must do: the sentences that name it, else the item without its 责任单位 note."""
    surfaces = [u.short or u.name for u in clause.meta.units if u.name == unit] + [unit]
    body = re.sub(r"[（(]责任单位[:：][^）)]*[）)]", "", re.sub(r"\s+", "", clause.text))
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
    unit: str, grouped: dict[str, list[Match]], docs: dict[str, Document], as_of: date, heading: str = "", with_units: bool = False
) -> str:
    total = sum(len(v) for v in grouped.values())
    lines = [heading or f"{unit}在现有政策中承担{total}项任务："]
    for doc_id, matches in grouped.items():
        doc = docs[doc_id]
        lines.append(f"{doc_name(doc)}（{STATUS_TEXT[doc.status(as_of)]}）：")
        for m in matches:
            role = f"（责任单位：{'、'.join(m.units)}）" if with_units else f"［{ROLE_TEXT.get(m.status, m.status)}］"
            line = f"- {m.label}{role}{m.program}"
            if m.deadlines:
                line += " 时限：" + "；".join(m.deadlines) + "。"
            if m.targets:
                line += " 目标：" + "；".join(m.targets) + "。"
            lines.append(line)
    return "\n".join(lines)


NOTED_STATUSES = ("expired", "superseded", "non_binding")
NOT_IN_FORCE = (*NOTED_STATUSES, "not_yet_effective", "unknown")


def validity_notes(docs: Iterable[Document], as_of: date, statuses: tuple[str, ...] = NOTED_STATUSES, template: str = "注意：{}") -> list[str]:
    """One validity note per document whose status is in `statuses`, in order of first citation,
    after the clauses: three clauses of one expired fund say "已失效" once, not three times."""
    noted = {doc.doc_id: doc for doc in docs if doc.status(as_of) in statuses}
    return [template.format(validity_sentence(doc, as_of)) for doc in noted.values()]


def _figures(intent: str, clause: Clause) -> list[str]:
    if intent == "amount":
        return amounts_of(clause)
    if intent == "deadline":
        return deadlines_of(clause) or [d.raw for d in clause.meta.dates]
    return targets_of(clause) or amounts_of(clause, ["target_figure"])


def figure_sentences(text: str, figures: list[str], words: list[str], limit: int = 2) -> str:
    """The clause's sentences that state the figures (at most `limit`) and the one that best matches
    the question besides ("择优遴选8家左右" beside "每家不超过10万元"), in text order."""
    sentences, folded, scores = scored_sentences(text, words)
    wanted = [nfkc(re.sub(r"\s+", "", f)) for f in figures]
    keep = [i for i, f in enumerate(folded) if any(w in f for w in wanted)][:limit]
    best = max((i for i in range(len(sentences)) if i not in keep), key=lambda i: scores[i], default=None)
    if best is not None and scores[best] > 0:
        keep.append(best)
    return "…".join(sentences[i] for i in sorted(keep)) if keep else "".join(sentences)


def facts_text(intent: str, clauses: list[tuple[Clause, Document]], as_of: date, words: list[str]) -> str:
    """Amount / deadline / target answers, the direct answer first: the best clause's figures with
    its citation marker (［n］ is the n-th citation) and the sentences that state them (or, when no
    figure was extracted from it, those that best match the question); other cited clauses that
    state such figures follow in one line each, without quotes; one validity note per document last."""
    figures = [_figures(intent, clause) for clause, _ in clauses]
    main = 0  # the best clause, even when its figure is one the extractors do not list ("2022年度")
    clause, doc = clauses[main]
    lines = [f"{'；'.join(figures[main])}［{main + 1}］。"] if figures[main] else []
    lines.append(f"［{main + 1}］{doc_name(doc)}{cite_label(clause)}：“{figure_sentences(clause.text, figures[main], words)}”")
    others = [f"［{i + 1}］{doc_name(d)}{cite_label(c)}：{'；'.join(figures[i])}" for i, (c, d) in enumerate(clauses) if i != main and figures[i]]
    if others:
        lines.append("相关条款：" + "；".join(others))
    return "\n".join([*lines, *validity_notes([d for _, d in clauses], as_of)])


def lookup_text(clauses: list[tuple[Clause, Document]], as_of: date) -> str:
    lines = []
    for i, (clause, doc) in enumerate(clauses, 1):
        lines.append(f"［{i}］{doc_name(doc)}{cite_label(clause)}：{clause.text.strip()}")
    docs = [doc for _, doc in clauses]
    return "\n".join([*lines, *validity_notes(docs, as_of, statuses=NOT_IN_FORCE, template="（{}）")])


def scored_sentences(text: str, words: list[str]) -> tuple[list[str], list[str], list[int]]:
    """The clause's sentences (whitespace removed; never cut inside 447.20万元), their NFKC forms, and
    how much of the question's words each holds (total length of the words found)."""
    compact = re.sub(r"\s+", "", text)
    sentences = [compact[a:b] for a, b in sentence_spans(compact)]
    folded = [nfkc(s) for s in sentences]
    return sentences, folded, [sum(len(w) for w in words if w in f) for f in folded]


def best_sentences(text: str, words: list[str], limit: int = 2) -> str:
    """The clause's sentences that share most words with the question, in text order."""
    sentences, _, scores = scored_sentences(text, words)
    if len(sentences) <= limit or not words:
        return "".join(sentences)
    keep = sorted(sorted(range(len(sentences)), key=lambda i: -scores[i])[:limit])
    return "…".join(sentences[i] for i in keep)


FULL_QUOTE_CHARS = 400


def excerpt(text: str, words: list[str]) -> str:
    """A short clause whole; a long one by its sentences that best match the question."""
    compact = re.sub(r"\s+", "", text)
    return compact if len(compact) <= FULL_QUOTE_CHARS else best_sentences(text, words, limit=3)


def units_line(clause: Clause) -> str:
    names = list(dict.fromkeys(u.short or u.name for u in clause.meta.units))
    return f"（责任单位：{'、'.join(names)}）" if names and "责任单位" not in clause.text else ""


def general_text(clauses: list[tuple[Clause, Document]], as_of: date, words: list[str]) -> str:
    lines = ["以下条款与您的问题最相关："]
    for i, (clause, doc) in enumerate(clauses):
        body = excerpt(clause.text, words) if i == 0 else best_sentences(clause.text, words)
        lines.append(f"［{i + 1}］{doc_name(doc)}{cite_label(clause)}：“{body}”{units_line(clause)}")
    return "\n".join([*lines, *validity_notes([doc for _, doc in clauses], as_of)])


REFUSAL = "抱歉，现有政策文件库中没有找到能回答这个问题的依据，无法作答。"


def refusal_text(reason: str = "") -> str:
    return REFUSAL + (f"（{reason}）" if reason else "")
