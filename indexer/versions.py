"""Versions of one law: when the corpus holds several documents with the same title
(e.g. 专利法实施细则 2010 and 2023), the newest is in force and the others are superseded."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from kb.models import Document
from kb.store import KnowledgeBase

_VERSION_SUFFIX = re.compile(r"[（(]\s*\d{4}[-年.]\d{1,2}[-月.]\d{1,2}日?\s*[)）]$")


def base_title(doc: Document) -> str:
    title = _VERSION_SUFFIX.sub("", doc.title.strip())
    return title.removeprefix("中华人民共和国")


def version_date(doc: Document) -> date:
    return doc.effective_date or doc.issue_date or date.min


def mark_superseded(kb: KnowledgeBase) -> None:
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in kb.catalog.documents():
        if doc.binding:
            groups[base_title(doc)].append(doc)
    for docs in groups.values():
        newest = max(docs, key=version_date)
        for doc in docs:
            superseded_by = None if doc is newest or version_date(doc) == version_date(newest) else newest.doc_id
            if doc.superseded_by != superseded_by:
                kb.catalog.update_document(doc.model_copy(update={"superseded_by": superseded_by}))
