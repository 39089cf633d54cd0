"""Per-clause metadata: `extract_meta(text, heading_path=…, doc=…) -> ClauseMeta`.

Each field has its own extractor (extract_units, extract_amounts, extract_dates,
extract_targets, extract_eligibility, extract_kinds); this module gives them the
normalised text and the context the clause alone lacks: the document's district (for
财政部门 in a district plan), its issue year (for 6月底前), its plan period (for targets
without a year) and whether it is binding; and the heading path, for the project name that
amounts are for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from indexer.extract_amounts import extract_amounts
from indexer.extract_common import Norm, strip_label
from indexer.extract_dates import extract_dates
from indexer.extract_eligibility import extract_conditions, extract_exclusions
from indexer.extract_kinds import classify
from indexer.extract_targets import extract_targets
from indexer.extract_units import extract_units
from kb.gazetteer import Gazetteer
from kb.lexicon import find_subjects
from kb.models import ClauseMeta, Document

# Only articles (第六条 高校知识产权运营中心建设。) and their items ((一)公共专利墙。) open
# with a project title; a plan's numbered tasks (6.推进知识产权金融服务。) do not.
_TITLED = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+条|\([一二三四五六七八九十]+\))")
_TITLE_MAX = 30


def _title_of(text: str) -> str:
    """The short first sentence that names a project (高校知识产权运营中心建设。…), or ""."""
    if not _TITLED.match(text):
        return ""
    first = strip_label(text).split("。", 1)
    if len(first) < 2 or not 2 <= len(first[0]) <= _TITLE_MAX or re.search(r"[,;:]", first[0]):
        return ""
    return first[0]


def project_name(text: str, heading_path: Sequence[str] = ()) -> str:
    """What the clause's money is for: its own title, else the nearest titled article above."""
    title = _title_of(text)
    if title:
        return title
    for heading in reversed(heading_path):
        heading = Norm(heading).text
        title = _title_of(heading if "。" in heading else heading + "。")
        if title:
            return title
    return ""


def _district(doc: Document | None, gazetteer: Gazetteer) -> str | None:
    if doc is None or doc.region != "区级":
        return None
    return gazetteer.district_of(f"{doc.issuer} {doc.title}")


def extract_meta(text: str, *, heading_path: Sequence[str] = (), doc: Document | None = None) -> ClauseMeta:
    """Units, amounts, dates, targets, subjects, conditions, exclusions and kinds of a clause."""
    gazetteer = Gazetteer.default()
    norm = Norm(text or "")
    binding = doc.binding if doc is not None else True
    issued = doc.issue_date if doc is not None else None
    plan_end = doc.plan_period[1] if doc is not None and doc.plan_period else None
    masked = norm.text
    for _, _, surface, _ in gazetteer.scan(masked):
        masked = masked.replace(surface, "□")
    meta = ClauseMeta(
        units=extract_units(norm.text, district=_district(doc, gazetteer), gazetteer=gazetteer),
        amounts=extract_amounts(norm, purpose=project_name(norm.text, heading_path), binding=binding),
        dates=extract_dates(norm, default_year=issued.year if issued else None, issued=issued),
        targets=extract_targets(norm, plan_end=plan_end) if binding else [],
        subjects=find_subjects(masked),
        conditions=extract_conditions(norm),
        exclusions=extract_exclusions(norm),
    )
    meta.kinds = classify(norm.text, meta, doc)
    return meta
