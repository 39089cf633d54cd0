"""Markdown of an answer for rich clients (the API's `answer_markdown`, the web chat): the answer,
then its sources with document, 文号, clause, validity badge and the verbatim clause text.

Everything goes through `escape_md`: questions and clause texts are displayed as text, never
interpreted as HTML or Markdown (a `<script>` shows as typed, a clause's "1." or "*" stays verbatim).
"""

from __future__ import annotations

import html
import re

from chat.api_models import STATUS_LABELS
from kb.labels import ARTICLE_LABEL
from kb.models import Citation

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$])")


def escape_md(text: str) -> str:
    """Text that Markdown renders exactly as written (HTML escaped, Markdown syntax backslashed)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def citations_md(citations: list[Citation]) -> str:
    """The sources under an answer, each a collapsed block (the answer stays in view above long
    clause texts): its summary names document, 文号, clause and validity; opened, it shows the
    verbatim clause (an item after its article's lead)."""
    if not citations:
        return ""
    parts = ["---", "**引用条款**"]
    for i, c in enumerate(citations, 1):
        # the summary is HTML (Markdown is not rendered inside it), so it is HTML-escaped only
        head = [f"<b>{i}. 《{html.escape(c.doc_title)}》</b>"]
        if c.doc_number:
            head.append(html.escape(c.doc_number))
        head.append(html.escape(where(c)))
        head.append(f"<code>{html.escape(STATUS_LABELS.get(c.status, c.status))}</code>")
        quoted = "\n".join("> " + escape_md(line) for line in c.text.strip().splitlines() if line.strip())
        if c.context:  # an item of an article: the article's lead first, then the item verbatim
            article = ARTICLE_LABEL.match(c.cite)
            lead = f"{article.group()} {c.context}" if article else c.context
            quoted = "> *" + escape_md(lead) + "*\n>\n" + quoted
        parts.append(f"<details><summary>{' · '.join(head)}</summary>\n\n{quoted}\n\n</details>")
    return "\n\n".join(parts)


def where(c: Citation) -> str:
    """Where the clause sits: 第十条（三） for an item of an article, else its heading › its label."""
    if c.cite and c.cite != c.label and ARTICLE_LABEL.match(c.cite):
        heading = c.heading_path[-1] if c.heading_path else ""
        return c.cite if not heading or heading in c.cite else f"{heading} › {c.cite}"
    return " › ".join([*c.heading_path[-1:], c.label]) if c.label else " › ".join(c.heading_path) or "正文"


def answer_markdown(text: str, citations: list[Citation]) -> str:
    """The answer as Markdown: its text (citation markers ［n］ as written), then the sources."""
    return "\n\n".join(part for part in (escape_md(text), citations_md(citations)) if part)
