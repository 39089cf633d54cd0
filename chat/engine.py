"""The answering engine: question → understanding → retrieval → grounded answer.

One facade for the CLI, the HTTP API and the web chat. Answers are extractive by default;
an optional LLM may only rephrase them, behind the guard in chat/llm.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache, partial
from pathlib import Path
from typing import TypeVar

from chat import compose
from chat.answer_types import (
    ASKS_QUANTITY,
    MONEY_WORDS,
    amount_purpose,
    asked_measure,
    asked_thing,
    asked_types,
    asking_sentences,
    asks_duration,
    asks_rate,
    counted_thing,
    counts_in,
    fee_stated,
    fees_named,
    is_function_word,
    question_parts,
    things_qualified,
    types_missing,
    wholly_missing,
)
from chat.answerability import EVIDENCE_DEPTH, FIFTH, Evidence, gather
from chat.answerability import default_model as default_answerability
from chat.catalog_answers import (
    IN_FORCE_SHOWN,
    LISTS_ITEMS,
    PARTS_SHOWN,
    TARGETS_SHOWN,
    asks_collection,
    asks_count,
    asks_document_targets,
    asks_expired,
    asks_in_force,
    asks_issued_by,
    asks_issued_in,
    asks_overview,
    count_in_part,
    count_items,
    count_text,
    counts_tasks,
    document_overview,
    in_force_split,
    issued_in,
    item_counts_stated,
    overview_text,
    part_count_text,
    section_named,
    targets_listed,
    targets_text,
    topic_as_written,
    which_documents_topic,
)
from chat.errors import UnknownDocument, UnknownUnit, UserInputError
from chat.estimate import worked_cap
from chat.intent_model import default_model as default_intents
from chat.llm import Rephraser
from chat.markdown import answer_markdown
from chat.scope import (
    COVERAGE_THRESHOLD,
    DUE_SPAN,
    EXACT_TITLE_MATCH,
    SLOT_WORDS,
    asks_for_support,
    bigram_overlap,
    coverage,
    district_asked_about,
    districts_named,
    document_by_short_name,
    documents_by_name,
    documents_by_title_run,
    documents_named,
    documents_of_kinds,
    names_shanghai,
    only_document_of_kind,
    opens_with,
    outside_shanghai,
    place_not_in,
    place_of_number,
    place_stem,
    places_named,
    quoted_only_document,
    unknown_document,
    unknown_program_name,
    unknown_quoted_name,
    where_the_asker_is,
)
from chat.session import Sessions, Turn
from chat.small_talk import small_talk_reply
from chat.understand import (
    ATTRIBUTES,
    Understanding,
    asks_among_them,
    continue_session,
    is_continuation,
    is_elliptical,
    pointed_noun,
    refers_back,
    stated_attributes,
    strip_cues,
    understand,
)
from indexer.extract_applicants import applicants
from indexer.extract_dates import parse_dates
from indexer.extract_units import without_unit_lists
from indexer.pipeline import IndexReport, index_paths
from indexer.segment import TAIL_LABEL
from kb.config import BUNDLED_CORPUS, Settings
from kb.gazetteer import Gazetteer
from kb.labels import LabelRef, find_part_refs
from kb.lexicon import SUBJECTS, find_subjects, subject_mentions, synonyms
from kb.models import Answer, Citation, Clause, Document, EligibilityResult, Hit, Match, UnitSummary, UnitTasks
from kb.overlap import found_in, short_forms, specific_tokens, weighted_coverage
from kb.regions import regions_holding, within
from kb.retrieve import RetrievalFilters, Retriever, rank_documents_by_hint
from kb.store import KnowledgeBase
from kb.textnorm import fold, nfkc
from kb.titles import bigrams, common_run, core_title
from kb.tokenize import query_tokens, tokens, words

ELIGIBILITY_SHOWN = 6
PROGRAMS_JUDGED = 30  # programs judged in full per question, the most relevant first
POLICY_TYPES = ("条件", "办理程序", "材料", "费用")  # what a policy sets and a study only reports
_POLICY_INTENTS = ("amount", "eligibility", "obligation", "deadline")  # what a policy grants or sets, not a statistic
_A_POLICY = re.compile(r"制度|政策|规定|办法|条例|措施|细则")  # a place's measures asked ("英国的专利盒子制度…")
TITLE_RUN = 4  # characters of a title a question must share to point at the document …
TITLE_RUN_DOCS = 2  # … and at most this many titles may hold them
OBLIGATIONS_SHOWN = 5
NAME_CANDIDATES = 20  # clauses a program name is compared with (the BM25 best for it)
FIGURE_POOL = 6  # the best hits a figure answer's passages are picked from
FURTHER_NAMED = 2  # clauses a general answer names after its three quotes (另见); a figure answer fills to five
PART_SHOWN = 5  # clauses of an asked chapter quoted in full
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


T = TypeVar("T")


STATING_DEPTH = 20  # how deep a condition question's search looks for a clause stating the conditions
_ON_THE_DOCUMENT = re.compile(r"本(实施)?(细则|办法|方案|条例|规定|通知|意见|措施)")  # "本实施细则涉及的各类项目"
ONLY_STUDIED = "只有研究文章谈及，没有政策文件作出相关规定"


class Engine:
    def __init__(self, kb: KnowledgeBase, settings: Settings, rephraser: Rephraser | None = None) -> None:
        self.kb = kb
        self.settings = settings
        self.retriever = Retriever(kb)
        self.sessions = Sessions()
        self.gazetteer = Gazetteer.default()
        self.rephraser = rephraser if rephraser is not None else Rephraser.from_settings(settings)
        self._derived: tuple[object, dict[tuple[str, str], object]] = (None, {})

    @classmethod
    def open(cls, settings: Settings) -> Engine:
        return cls(KnowledgeBase.open(settings), settings)

    # ---- corpus management --------------------------------------------------------------------
    def ensure_indexed(self, progress: bool = False) -> IndexReport | None:
        """Index the bundled corpus when the knowledge base is empty, and re-embed, from their files,
        the documents another embedder indexed (a data directory from before the default changed
        would otherwise have no vectors to search); otherwise do nothing."""
        if self.kb.is_empty():
            return index_paths(self.kb, [BUNDLED_CORPUS], progress=progress)
        stale = {d for d, (_, embedder) in self.kb.catalog.indexed_state().items() if embedder != self.kb.embedder.name}
        sources = [Path(d.source_path) for d in self.kb.documents() if d.doc_id in stale and Path(d.source_path).is_file()]
        return index_paths(self.kb, sources, progress=progress) if sources else None

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for: the vector index, BM25, the embedder,
        title and program caches."""
        # the last loads jieba, the gazetteer, the intent model and jieba's place tagger
        self.kb.warm_up(lambda: (understand("市知识产权局负责哪些任务？"), places_named("深圳有哪些政策？")))
        self.retriever.search("知识产权", k=1)

    def add_document(self, path: Path) -> IndexReport:
        return index_paths(self.kb, [path], progress=False)

    def delete_document(self, doc_id: str) -> int:
        if self.kb.document(doc_id) is None:
            raise UnknownDocument(doc_id)
        return self.kb.delete_document(doc_id)

    # ---- helpers -----------------------------------------------------------------------------------
    def _as_of(self, as_of: date | None) -> date:
        return as_of or self.settings.today()

    def _docs(self) -> dict[str, Document]:
        return self.kb.documents_by_id()

    def _derive(self, kind: str, key: str, compute: Callable[[], T]) -> T:
        """A fact derived from the corpus (a document's heading, the documents headed by or
        mentioning a place, the funded programs), kept until the knowledge base's next write: the
        cache lives as long as its documents dict, which a write replaces."""
        docs = self._docs()
        owner, cache = self._derived
        if owner is not docs:
            cache = {}
            self._derived = (docs, cache)
        if (kind, key) not in cache:
            cache[(kind, key)] = compute()
        return cache[(kind, key)]  # type: ignore[return-value]

    def _binding(self, doc_id: str) -> bool:
        """Is the document a policy (not a study, which reports support and conditions but sets none)?"""
        doc = self._docs().get(doc_id)
        return doc is not None and doc.binding

    def _funded(self) -> frozenset[str]:
        """Ids of the funding clauses that state an amount: the programs, whoever applies."""
        return self._derive("funded", "", lambda: frozenset(
            c.clause_id for c in self.kb.funding_clauses() if compose.amounts_of(c, compose.FUNDING_AMOUNT_KINDS)
        ))

    def _citations(self, hits: list[tuple[Clause, float]], as_of: date) -> list[Citation]:
        docs = self._docs()
        seen: set[str] = set()
        out = []
        for clause, score in hits:
            if clause.clause_id in seen or clause.doc_id not in docs:
                continue
            seen.add(clause.clause_id)
            out.append(compose.citation(clause, docs[clause.doc_id], score, as_of))
        return out

    def clean_question(self, question: str) -> str:
        text = unicodedata.normalize("NFC", question or "")
        # also zero-width characters (Cf) and lone surrogates (Cs: "\ud800", which no encoder takes)
        text = "".join(ch for ch in _CONTROL.sub("", text) if unicodedata.category(ch) not in ("Cf", "Cs")).strip()
        if not text:
            raise UserInputError("问题不能为空")
        if len(text) > self.settings.max_question_chars:
            error = UserInputError(f"问题过长（{len(text)}字），请控制在{self.settings.max_question_chars}字以内")
            error.status_code = 413
            raise error
        return text

    def _aliases(self, canonical: str) -> list[str]:
        return next((list(u.aliases) for u in self.gazetteer.all_units() if u.name == canonical), [])

    def resolve_unit(self, name: str) -> str:
        canonical = self.gazetteer.canonical(name.strip())
        if canonical:
            return canonical
        known = set(self.kb.catalog.unit_counts())
        if name.strip() in known:
            return name.strip()
        # of equally close names, those the corpus assigns tasks to first ("区财政局" → 杨浦区财政局, whose plan it is)
        raise UnknownUnit(name, self.gazetteer.suggest(name, k=3, prefer=known.__contains__))

    def _known_unit(self, name: str) -> bool:
        try:
            self.resolve_unit(name)
        except UnknownUnit:
            return False
        return True

    # ---- asking -----------------------------------------------------------------------------------
    def ask(
        self,
        question: str,
        session_id: str | None = None,
        as_of: date | None = None,
        filters: RetrievalFilters | None = None,
    ) -> Answer:
        text = self.clean_question(question)
        as_of = self._as_of(as_of)
        session_id = session_id or self.sessions.new_id()
        reply = small_talk_reply(text, self.kb.documents)
        if reply is not None:  # "你好", "你能做什么？": what to ask; nothing cited, the session's topic kept
            return _with_markdown(Answer(answer=reply, answerable=False, intent="general", session_id=session_id, as_of=as_of, citations=[]))
        u = understand(text)
        previous = self.sessions.last(session_id)
        if previous is not None and _MORE.match(nfkc(text)):  # "还有呢？": the last question's next clauses
            answer = self._more(previous, session_id, as_of, filters or RetrievalFilters())
            if answer.answerable:
                cited = [*previous.clause_ids, *(c.clause_id for c in answer.citations)]
                self.sessions.remember(session_id, Turn(previous.understanding, previous.doc_ids, cited))
            return _with_markdown(answer)
        continued = continue_session(text, u, previous.understanding) if previous is not None else None
        if continued is not None:
            u = continued
        elif previous is not None and is_elliptical(text, u) and self._leans_on_context(u, filters):
            u.topic = previous.understanding.borrowed()
            u.search_text = f"{text} {u.topic}"  # "责任单位有哪些？" after a question on （十一）
        answer = self._answer(u, session_id, as_of, filters or RetrievalFilters(), previous)
        if answer.answerable or previous is None:  # a refused question (chit-chat) leaves the session's topic as it was
            cited = [c.clause_id for c in answer.citations]
            self.sessions.remember(session_id, Turn(u, list(dict.fromkeys(c.doc_id for c in answer.citations)), cited))
        if answer.answerable and self.rephraser.enabled:
            answer = answer.model_copy(update={"answer": self.rephraser.rephrase(text, answer)})
        return _with_markdown(answer)

    def _more(self, previous: Turn, session_id: str, as_of: date, filters: RetrievalFilters) -> Answer:
        """The clauses answering the last question that its answers have not cited yet, as a general
        answer ("其他相关条款：…"), or that there are none."""
        u = previous.understanding
        seen = set(previous.clause_ids)
        hits = [h for h in self._search(u, filters, k=self.settings.top_k + len(seen)) if h.clause.clause_id not in seen]
        further = [h for h in hits if self._covers(u, [h])][: 3 + FURTHER_NAMED]
        make = partial(Answer, intent=u.intent, session_id=session_id, as_of=as_of)
        if not further:
            return make(answer=compose.refusal_text("没有更多与上一问题相关的条款"), answerable=False, citations=[])
        shown, extra = further[:3], further[3:]
        text = compose.general_text(
            self._with_docs([h.clause for h in shown]), as_of, specific_tokens(u.search_text), self._with_docs([h.clause for h in extra]), heading="其他相关条款："
        )
        return make(answer=text, answerable=True, citations=self._citations([(h.clause, h.score) for h in further], as_of))

    def _single_document(self, u: Understanding) -> bool:
        """Does the question name a document, or point with a noun only one title has ("这个细则"
        where the corpus holds one 细则)?"""
        if documents_named(u.search_text, self.kb.titles())[0]:
            return True
        return len([d for d in self.kb.documents() if pointed_noun(u.question) in d.title]) == 1

    def _leans_on_context(self, u: Understanding, filters: RetrievalFilters | None) -> bool:
        """A slotless short question needs the last one if it names at most one thing or is not
        answerable alone ("放款时间有什么要求？" after a question on the banks' pledge-loan award)."""
        if len(specific_tokens(u.search_text)) <= 1:
            return True
        hits = self._search(u, filters or RetrievalFilters(), k=self.settings.top_k)
        return not (self._covers(u, hits[:3]) and default_answerability().answerable(self.evidence(u, hits)))

    def _answer(self, u: Understanding, session_id: str, as_of: date, filters: RetrievalFilters, previous: Turn | None) -> Answer:
        def make(text: str, answerable: bool, citations: list[Citation], matches: list[Match] | None = None) -> Answer:
            return Answer(
                answer=text,
                answerable=answerable,
                intent=u.intent,
                session_id=session_id,
                as_of=as_of,
                citations=citations,
                matches=matches or [],
            )

        if not words(u.search_text):  # "？", "😀": nothing to look for
            return make(compose.refusal_text("问题中没有可检索的词语，请描述您想了解的政策内容"), False, [])
        place = self._place_without_policy(u)
        if place:
            return make(compose.refusal_text(f"政策库中没有{place}的政策文件"), False, [])
        district = district_asked_about(u.question)  # what 闵行区 provides; what it must do is in city documents too
        # a document named counts unless it is another district's ("闵行区有没有…试点城区的方案？" names 杨浦's)
        named_docs = [d for d in documents_named(u.search_text, self.kb.titles())[0] if d not in self._other_districts(u)] if district else []
        if district and u.intent != "obligation" and not u.units and not self._district_provides(u, district) and not named_docs:
            return make(compose.refusal_text(f"政策库中没有{district}的区级政策文件（市级政策同样适用，可直接询问市级政策）"), False, [])
        named = unknown_document(u.search_text, self.kb.titles(), self.kb.mentions)
        if named:
            return make(compose.refusal_text(f"政策库中没有《{named}》"), False, [])
        # an article, the validity or the content of a document the corpus only quotes: what a quote cannot tell
        cited_only = quoted_only_document(u.search_text, self.kb.titles(), self.kb.mentions)
        asks_the_document = cited_only and (u.labels or u.intent == "validity" or opens_with(u.search_text, cited_only))
        # unless the question also names a document the corpus holds (outside the quoted one's name:
        # "工作方案(2021-2023)" is no run of the 杨浦 plan's title)
        if asks_the_document and not documents_named(nfkc(u.search_text).replace(cited_only, ""), self.kb.titles())[0]:
            return make(compose.refusal_text(f"政策库只有其他文件对《{cited_only}》的引用，没有收录该文件"), False, [])
        unnamed = unknown_program_name(u.search_text, self._name_overlap)
        if unnamed:
            return make(compose.refusal_text(f"政策库中没有“{unnamed}”"), False, [])
        quoted = unknown_quoted_name(u.search_text, lambda name: bool(self.kb.docs_mentioning(name)), self.kb.titles())
        if quoted:
            return make(compose.refusal_text(f"政策库中没有“{quoted}”"), False, [])
        if _CASE_OUTCOME.search(u.search_text) and not any(_JUDGMENT.search(d.title) for d in self.kb.documents()):
            # "华为和三星那场专利官司最后法院判赔了多少钱？": how a court decided one case is in its judgment,
            # which no statute or policy states (every labelled question of the form asks it; eval/QUALITY.md)
            return make(compose.refusal_text("政策库收录的是法律法规和政策文件，没有法院对具体案件的裁判文书"), False, [])
        if previous is None and refers_back(u.question) and not self._single_document(u):
            # "这个政策还能申请吗？" opening a session: nothing for "这个" to point at
            return make(compose.refusal_text("问题中的“这个/该…”没有所指，请说明文件或项目的名称"), False, [])
        catalog_answer = self._from_catalog(u, as_of, previous, make)
        if catalog_answer is not None:
            return catalog_answer
        if u.intent == "lookup":
            hits = self.retriever.lookup_labels(u.search_text, as_of, filters.doc_ids)
            if hits:
                pairs = self._with_docs([h.clause for h in hits])
                return make(compose.lookup_text(pairs, as_of), True, self._citations([(h.clause, h.score) for h in hits], as_of))
            if u.labels:
                return make(compose.refusal_text("政策库中没有找到所问的条款"), False, [])
        parts = find_part_refs(u.search_text) if u.intent in ("lookup", "general", "validity") and not u.labels else []
        if parts:  # "第三章讲了什么", "第七章是关于什么的" (a chapter has no validity of its own)
            return self._part_lookup(u, parts, as_of, filters, make)
        if u.intent == "obligation" and (u.units or u.unlisted_units):
            # A unit the question names but no document assigns tasks to ("区人民政府" of a notice
            # elsewhere), or one the gazetteer lacks ("区教育局"), is not an error in a question: the
            # other units, or plain retrieval saying the unit is not named there, answer.
            unknown = [unit for unit in u.units if not self._known_unit(unit)] + u.unlisted_units
            u.units = [unit for unit in u.units if unit not in unknown]
            if u.units:
                return self._obligation(u, as_of, make)
            scoped = documents_named(u.search_text, self.kb.titles())[0]
            return self._noting_units_unnamed(u, self._retrieved(u, as_of, filters, make), scoped, unknown)
        due = asked_due_date(u.search_text) if u.intent in ("deadline", "general", "obligation", "target") else None
        if due is not None:
            listing = self._due_listing(u, due, as_of, make)
            if listing is not None:
                return listing
        if u.intent in ("general", "amount") and u.subjects and not self._topic_beside_subjects(u):
            # "高校可以申请什么资助？", "医院最多能拿多少钱？": nothing asked but what is open to the asker
            # (and how much: the programs' sums are listed with them)
            u.intent = "eligibility"
        if u.intent == "eligibility" and (u.subjects or u.attributes):
            return self._eligibility_answer(u, as_of, filters, make)
        if u.intent == "eligibility":
            return self._retrieved(u, as_of, filters.model_copy(update={"kind": "condition"}), make, fallback=filters)
        when_asked = u.intent == "deadline" and self._asks_a_documents_end(u, filters)
        if when_asked:
            u.intent = "validity"  # "专利转化专项行动到哪年结束？": the document's own period, from the catalog
        if u.intent == "validity":
            answer = self._validity(u, as_of, previous, make, when_asked)
            if answer is not None:
                return answer
        return self._retrieved(u, as_of, filters, make)

    def _part_lookup(self, u: Understanding, parts: list[LabelRef], as_of: date, filters: RetrievalFilters, make) -> Answer:
        """"实施细则第二章讲了什么？": the first clauses of the chapter (or a plan's part, 二、), with
        its size; refused when no document the question names has it ("第六章" of a four-chapter 细则)."""
        named = filters.doc_ids or documents_named(u.search_text, self.kb.titles())[0] or list(self._docs())

        def opens_part(heading: str) -> bool:
            return any(heading.startswith(ref.label) for ref in parts)

        found = [c for doc_id in named for c in self.kb.clauses(doc_id=doc_id) if any(map(opens_part, c.heading_path))]
        if not found:
            return make(compose.refusal_text("政策库中没有找到所问的章节"), False, [])
        shown = found[:PART_SHOWN]
        title = next(filter(opens_part, found[0].heading_path))
        unit = "项" if title[1:2] == "、" or title[2:3] == "、" else "条"
        heading = f"{title}共{len(found)}{unit}" + (f"，以下为前{len(shown)}{unit}：" if len(found) > len(shown) else "：")
        text = heading + "\n" + compose.lookup_text(self._with_docs(shown), as_of)
        return make(text, True, self._citations([(c, 1.0) for c in shown], as_of))

    def _with_docs(self, clauses: list[Clause]) -> list[tuple[Clause, Document]]:
        docs = self._docs()
        return [(c, docs[c.doc_id]) for c in clauses if c.doc_id in docs]

    def _search(self, u: Understanding, filters: RetrievalFilters, k: int) -> list[Hit]:
        """Label lookup, then hybrid search — within the documents the question names, if it names any."""
        hits = self.retriever.lookup_labels(u.search_text, filters.as_of, filters.doc_ids) if u.labels else []
        query = u.search_text
        found = None
        if not filters.doc_ids:
            unitless = query
            for mention in u.unit_mentions:
                unitless = unitless.replace(mention, " ")
            doc_ids, _ = documents_by_name(unitless, self.kb.titles(), EXACT_TITLE_MATCH)
            run_ids = [] if doc_ids else documents_by_name(unitless, self.kb.titles())[0] or documents_by_title_run(unitless, self.kb.titles())[0]
            if doc_ids:
                filters = filters.model_copy(update={"doc_ids": doc_ids})
            elif run_ids:
                # a loosely fitting name or a shared run of title words may or may not be the document
                # asked about (《疫情防控工作手册》 a news item reports): the stronger evidence decides
                scoped = filters.model_copy(update={"doc_ids": run_ids})
                within = self.retriever.search(query, k=k + 1, filters=scoped)
                anywhere = self.retriever.search(query, k=k + 1, filters=filters)
                if self._stronger(u, anywhere, within):
                    found = anywhere
                else:  # its best passages (what an answer rests on), then the best of any document
                    filters = scoped
                    taken = {h.clause.clause_id for h in within[:EVIDENCE_DEPTH]}
                    found = [*within[:EVIDENCE_DEPTH], *(h for h in anywhere if h.clause.clause_id not in taken)]
        if found is None:
            found = self.retriever.search(query, k=k + 1, filters=filters)
        # Naming a document makes its head (title, 文号, 印发通知) match every word of the name: it is
        # left out, unless its own text states the figure asked (a news item's lead: "复工时间 自2020年
        # 2月22日起"); kept when it held any word of the question the title lacks, it led answers
        # with a 印发 notice's addressees (eval/QUALITY.md)
        hits += [h for h in found if not (filters.doc_ids and self._bare_head(u, h))][:k]
        seen: set[str] = set()
        hits = [h for h in hits if not (h.clause.clause_id in seen or seen.add(h.clause.clause_id))]
        # a passage that only names another document ("（1）《财政部 税务总局关于……的公告》（2020年第8号）")
        # matches every word of that title and says nothing of it: behind the passages that do
        return sorted(hits, key=lambda h: only_names_documents(h.clause.text))

    def _held_words(self, u: Understanding, hit: Hit) -> float:
        """The share of the question's words a passage (with its headings, lead and document head) holds,
        each weighted by its rarity in the corpus, and of the figures the question states ("…达到60件以上，
        这个目标的期限是什么时候？": the passage stating ６０件以上, not the district's 65件), each weighing
        as much as the rarest word. How a sum is counted (每人, 每月) says nothing of what it is for."""
        wanted = [w for w in specific_tokens(u.search_text) if not _PER_UNIT.fullmatch(w)]
        rarity = self.kb.bm25.rarity
        text = " ".join([self._head(hit.clause.doc_id), *hit.clause.heading_path, hit.clause.context, hit.clause.text])
        words = weighted_coverage(wanted, text, rarity, short_forms(wanted, rarity))
        figures = _STATED_FIGURE.findall(nfkc(u.search_text))
        if not figures:
            return words
        flat = re.sub(r"\s+", "", nfkc(text))
        weight = sum(map(rarity, wanted))
        return (words * weight + sum(f in flat for f in figures)) / (weight + len(figures))

    def _figure_of_the_unnamed(self, u: Understanding, evidence: list[Hit]) -> str | None:
        """What a figure is asked of (`asked_thing`), when no clause of the corpus uses that name and the
        passages do not spell out a term it contracts ("公租房" of 公共租赁住房): any figure they state is
        of something else."""
        if u.intent not in compose.FIGURE_INTENTS and asked_measure(u.search_text) is None:
            return None
        # what it is asked of, or a kind of it the question names ("婴幼儿照护的专项附加扣除，…能扣多少钱？");
        # a name of three characters or more (two-character words are often paraphrases: 利息 for 贴息)
        qualified = things_qualified(u.search_text) if u.intent == "amount" else []  # a sum's kind, not a time's ("二月份的申报纳税期限")
        asked = [t for t in [asked_thing(u.search_text), *qualified] if t is not None and len(t) >= 3]
        texts = [fold(" ".join([self._head(h.clause.doc_id), *h.clause.heading_path, h.clause.context, h.clause.text])) for h in evidence]
        return next(
            (t for t in dict.fromkeys(asked) if self.kb.bm25.rarity(t) >= 1.0 and not any(found_in(fold(t), text, short_form=True) for text in texts)),
            None,
        )

    def _bare_head(self, u: Understanding, hit: Hit) -> bool:
        """Is the hit a document's head (its first, unlabelled passage: title, 文号, preamble) stating
        no figure of the kind asked?"""
        clause = hit.clause
        return clause.order == 0 and not clause.label and not (u.intent in compose.FIGURE_INTENTS and has_figure(u.intent, hit))

    def _retrieved(
        self, u: Understanding, as_of: date, filters: RetrievalFilters, make, fallback: RetrievalFilters | None = None
    ) -> Answer:
        """Answer from the best retrieved clauses, or refuse when they do not cover the question."""
        hits, missing_place = self.evidence_hits(u, filters, fallback)
        named = self._programs_named(u)
        hits = self._scope_clause_first(u, self._stating_hit_first(u, _program_named_first(named, hits), filters))
        hits = self._penalties_beside(u, hits)
        unstated = self._types_unstated(u, [h.clause for h in hits[:EVIDENCE_DEPTH]])
        refusal = self._refusal(u, hits, missing_place, wholly_missing(unstated))
        if refusal is not None:
            return make(refusal, False, [])
        tail_asked = _TAIL_ASKED.search(u.search_text)
        if not tail_asked:
            # a document's tail (抄送、印发) names every unit and says nothing of their work: it is no
            # answer's lead (it stays evidence: the answerability model was fitted with it there)
            hits = sorted(hits, key=lambda h: h.clause.label == TAIL_LABEL)
        else:  # and what only a tail says (抄送给了哪些单位) is answered by the tail that says it
            hits = sorted(hits, key=lambda h: not (h.clause.label == TAIL_LABEL and tail_asked.group() in h.clause.text))
        if _POLICY_ASKED.search(u.search_text) and any(self._binding(h.clause.doc_id) and self._covers(u, [h]) for h in hits):
            hits = sorted(hits, key=lambda h: not self._binding(h.clause.doc_id))  # "…有什么政策？": a policy on it, before a study
        chosen = self._prefer_with_facts(u.intent, hits)
        if u.intent == "amount":
            chosen = _stating_evidence_first(u, self._article_stating_first(chosen), hits[:FIGURE_POOL], self._names_the_places_asked, self._held_words)
            chosen = _sum_of_the_asked_first(u, chosen, hits[:FIGURE_POOL], self._names_the_places_asked)
        elif u.intent == "deadline":
            chosen = _stating_evidence_first(u, chosen, hits[:FIGURE_POOL], self._names_the_places_asked, self._held_words)
        if u.intent in compose.FIGURE_INTENTS:
            chosen = self._item_singled_out(u, chosen)
        purpose = amount_purpose(u.search_text) if u.intent == "amount" else ()
        if purpose and not any(all(fold(w) in fold(" ".join([*h.clause.heading_path, h.clause.context, h.clause.text])) for w in purpose) for h in chosen):
            # "知识产权保险的保费补贴是多少？" and an insurer's 30万元 award: a sum for something else
            return make(compose.refusal_text(f"相关条款没有载明{''.join(purpose)}方面的金额"), False, [])
        fees = fees_named(u.search_text) if u.intent == "amount" else []
        free = bool(chosen) and bool(_NO_CHARGE.search(chosen[0].clause.text))
        if fees and not free and not any(fee_stated(f, h.clause.text) for f in fees for h in chosen):
            # "申请费和实质审查费各是多少钱？" of a guarantee notice's 担保费率: a sum for another fee (the
            # best passage saying it is free, "免费出具", answers any fee)
            return make(compose.refusal_text(f"相关条款没有载明{'、'.join(fees)}的金额"), False, [])
        deferred = _figure_deferred(u, chosen)
        if deferred is not None:  # "最高科学技术奖的奖金是多少？": "奖金数额由…提出", the sum is set elsewhere
            clause, phrase = deferred
            where, asked = self._cited_as(clause), compose.FIGURE_INTENTS.get(u.intent, "数目")
            return make(compose.refusal_text(f"相关条款没有载明具体{asked}，{where}规定“{phrase}”"), False, [])
        if u.intent in ("target", "amount"):
            by_year = _the_year_asked_first(u, chosen, hits[:FIGURE_POOL], self._dated_by)
            if by_year is None:  # "体育竞赛表演产业到2035年的总规模目标？" of a text setting 2025's 2万亿元
                year = "、".join(_years_asked_by(u.search_text))
                return make(compose.refusal_text(f"相关条款没有载明{year}年的{compose.FIGURE_INTENTS[u.intent]}"), False, [])
            chosen = by_year
        if _no_figure_at_all(u.intent, chosen):  # "保险贴费能补贴多少比例？" of "落实…保险贴费…政策" alone
            where = self._cited_as(chosen[0].clause)
            return make(compose.refusal_text(f"相关条款没有载明具体{compose.FIGURE_INTENTS[u.intent]}，最相关的{where}未写明任何数额"), False, [])
        unit = _UNIT_ASKED.search(u.search_text)
        if unit and not any(counts_in(unit.group(1), h.clause.text) for h in chosen):  # "每交售一担皮棉能奖售多少斤粮食？"
            return make(compose.refusal_text(f"相关条款没有载明以“{unit.group(1)}”计的数量"), False, [])
        if u.intent == "amount" and _no_sum_stated(u, chosen, self._held_words):
            where, said = self._cited_as(chosen[0].clause), "只写明比例" if _RATE_STATED.search(nfkc(chosen[0].clause.text)) else "未写明钱数"
            return make(compose.refusal_text(f"相关条款没有载明所问的金额，最相关的{where}{said}"), False, [])
        unnamed = self._figure_of_the_unnamed(u, hits[:EVIDENCE_DEPTH])
        if unnamed:  # "3岁以下婴幼儿照护每个月能扣多少？" of rules that never name 婴幼儿: 子女教育's 1000元 is not it
            return make(compose.refusal_text(f"政策库的条款没有提到{unnamed}，没有所问的数额"), False, [])
        words = specific_tokens(u.search_text)
        form = u.intent  # how the answer is put
        if form in compose.FIGURE_INTENTS and compose.restates_question(form, chosen[0].clause, words, u.search_text):
            form = "general"  # the figure is given, something else is asked: the clauses, not the figure again
        measure = asked_measure(u.search_text) if form in ("amount", "target", "general") else None
        count_asked = None
        if measure:  # "…要建多少家？": a count of 家, not the 件 of another figure the best clause states
            # of the thing asked, when named ("多少家专利密集型企业": not 15家 of 升级培育项目's firms)
            thing = specific_tokens(counted_thing(u.search_text))
            # the lead already chosen first when it counts so (第九条 with its items, not its （一） alone)
            counting = [h for h in [*chosen[:1], *hits[:EVIDENCE_DEPTH]] if counts_in(measure, h.clause.text) and all(found_in(w, fold(h.clause.text)) for w in thing)]
            # the count said beside most of the question's words first ("积分入户需要多少分？": 第六条's
            # "计算总积分满150分", not the scoring table under 第十三条 with its "最低为0分")
            counting.sort(key=lambda h: -compose.words_beside_count(measure, h.clause.text, words))
            chosen = [counting[0], *(h for h in chosen if h is not counting[0])][:3] if counting else chosen
            # "专利超市每个区支持几家？每家多少钱？": the sum is asked by a part of its own, the count beside it
            asked_apart = any(asked_measure(part) is None and intent == form for part, intent in intents_of_parts(u.question))
            said = bool(counting) and counts_in(measure, counting[0].clause.text, in_digits=True)
            if said and not asked_apart and (form == "general" or (form == "amount" and not u.asks_amount)):
                # a count asked with no sum ("要选几家？", "积分入户需要多少分？"), the model reading a sum or
                # nothing: the counts in that measure, put as figure answers are ("不超过10所［1］")
                form, count_asked = "target", measure
            elif not (counting or asked_apart):
                form = "general"
        if form == "amount" and u.subjects:
            # "我们是一家高校，…能拿多少奖励？": a sum beside the best clause's is the asker's only if its
            # programme is theirs; another applicant's (公共专利墙's 20万元 for 行业协会) is named, not summed
            named_ids = {c.clause_id for c in named}
            chosen = chosen[:1] + [h for h in chosen[1:] if h.clause.clause_id in named_ids or not _for_another_applicant(u.subjects, h.clause)]
        each = self._figure_for_each_asker(u, hits[:FIGURE_POOL]) if form == "amount" and len(named) < 2 else []
        if each:  # "保险公司和担保公司分别…各自能拿多少？": each one's programme with its sum
            chosen = [*each, *(h for h in chosen if all(h.clause.clause_id != e.clause.clause_id for e in each))][: max(3, len(each))]
            named = [h.clause for h in each]
        if form in compose.FIGURE_INTENTS:  # nor another place's figure beside the place asked (陕西's for 黑龙江)
            chosen = chosen[:1] + [h for h in chosen[1:] if self._names_the_places_asked(u, h)]
        city = self._city_compared(u, chosen) if form in ("target", "amount") else None
        if city is not None:  # "杨浦区定的目标和全市定的目标比，哪个高？": both figures, each with its clause
            chosen = [chosen[0], city, *(h for h in chosen[1:] if h.clause.clause_id != city.clause.clause_id)][:3]
            named = [chosen[0].clause, city.clause]
        if form in compose.FIGURE_INTENTS:
            text, chosen = self._figure_text(u, form, hits, chosen, as_of, words, count_asked, named)
        elif form == "validity":  # of the document the best passage is from; its passages cited
            chosen = [h for h in chosen if h.clause.doc_id == chosen[0].clause.doc_id]
            text = "\n".join(compose.validity_sentence(doc, as_of) for _, doc in self._with_docs([chosen[0].clause]))
        else:
            overview, chosen = self._kinds_overview(u, chosen)
            extra = _further(hits, chosen, FURTHER_NAMED)
            text = compose.general_text(self._with_docs([h.clause for h in chosen]), as_of, words, self._with_docs([h.clause for h in extra]), overview)
            chosen = [*chosen, *extra]
        if any(unstated):  # one part of the question answered, another not: said, not left out
            text += f"\n注意：相关条款没有载明所问的{'、'.join(dict.fromkeys(t for t in unstated if t))}。"
        return make(text, True, self._citations([(h.clause, h.score) for h in chosen], as_of))

    def _figure_for_each_asker(self, u: Understanding, close: list[Hit]) -> list[Hit]:
        """Two or more kinds of asker asking each one's sum ("保险公司和担保公司分别…，各自能拿多少？"):
        for each, the first close candidate stating a sum for its kind; none unless two kinds have one."""
        if len(u.subjects) < 2 or not _EACH_ASKED.search(u.search_text):
            return []
        # search keeps one passage per article: the items beside one found are candidates too (第九条（二）'s
        # insurers beside （三）'s guarantors)
        parents = {h.clause.parent_id: h for h in reversed(close) if h.clause.parent_id is not None}  # each article read once, at its best hit's score
        seen = {h.clause.clause_id for h in close}
        siblings = [
            Hit(clause=item, score=h.score) for h in parents.values() for item in self._article_items(h.clause)[1] if item.clause_id not in seen
        ]
        each: list[Hit] = []
        for subject in u.subjects:
            own = next(
                (
                    h
                    for h in [*close, *siblings]
                    if "funding" in h.clause.meta.kinds
                    and has_figure("amount", h)
                    and program_applicants(h.clause)
                    and not _for_another_applicant([subject], h.clause)
                ),
                None,
            )
            if own is not None and all(own.clause.clause_id != e.clause.clause_id for e in each):
                each.append(own)
        return each if len(each) >= 2 else []

    def _cited_as(self, clause: Clause) -> str:
        """A clause as an answer names it: 《title》（文号）label."""
        return f"{compose.doc_name(self._docs()[clause.doc_id])}{compose.cite_label(clause)}" if clause.doc_id in self._docs() else ""

    def _dated_by(self, hit: Hit) -> str:
        """The text a clause's figures are dated by: its own, its headings' and its document's title."""
        doc = self._docs().get(hit.clause.doc_id)
        return nfkc(" ".join([hit.clause.text, hit.clause.context, *hit.clause.heading_path, doc.title if doc else ""]))

    def _figure_text(
        self,
        u: Understanding,
        form: str,
        hits: list[Hit],
        chosen: list[Hit],
        as_of: date,
        words: list[str],
        measure: str | None = None,
        named: Sequence[Clause] = (),
    ) -> tuple[str, list[Hit]]:
        """An amount, deadline or target answer over the `chosen` clauses, and the clauses it cites:
        those, then further candidates up to five, named after the figures (另见). A follow-up's own
        words ("商标呢？" after a question on 有效发明专利) say which of the clause's figures it asks
        for when the clause holds them, and whether it asks one figure or a list ("其中商标的目标是多少？"
        after "…的目标有哪些？"); the last question's words only brought the clause. `named`: the
        programmes the question names (`_programs_named`); two or more are each answered with their figures."""
        question = u.search_text
        own = specific_tokens(u.question) if nfkc(u.question).strip() != question else []
        parts = [w for w in (specific_tokens(p) for p in question_parts(question)) if w]
        listing = compose.ASKS_LIST.search(question)
        if own and compose.question_words_in(chosen[0].clause.text, own):
            words, parts = own, [own]
            listing = compose.ASKS_LIST.search(nfkc(u.question))
        extra = _further(hits, chosen, 3 + FURTHER_NAMED - len(chosen))
        # "每件多少？统计的是哪段时间的？": each part's own figure, as the intent model reads the part
        # (a part asking whether there are goals, read general or eligibility, asks targets: "…有没有量化指标？到什么
        # 时候要完成？"; 14 of the 16 labelled questions with such a phrase are target questions, the other two ask
        # an aim "目标是什么" — not matched — and a year)
        parts_read = tuple((part, "target" if intent in ("general", "eligibility") and _ASKS_TARGETS.search(part) else intent) for part, intent in intents_of_parts(u.question))
        also = [i for i in dict.fromkeys(intent for _, intent in parts_read) if i in compose.FIGURE_INTENTS and i != form]
        # "这件事市里是哪几个部门负责？什么时候要弄完？": the deadline, and who is responsible
        # (a short part the model reads general, "是哪几个部门负责的？", asks for units all the same)
        # (a question of one part asks it beside its figure: "…要到多大规模，这事由哪几家单位牵头负责？")
        asked = nfkc(u.question)
        units_asked = any(
            _ASKS_WHO.search(part) and (intent == "obligation" or _ASKS_WHICH_UNITS.search(part)) for part, intent in parts_read or ((asked, form),)
        )
        text = compose.facts_text(
            form,
            self._with_docs([h.clause for h in chosen]),
            as_of,
            words,
            rate=form == "amount" and asks_rate(question),
            duration=form == "deadline" and asks_duration(question),
            count=bool(compose.ASKS_COUNT.search(question)),
            one_figure=not listing,
            further=self._with_docs([h.clause for h in extra]),
            rarity=self.kb.bm25.rarity,
            worked=worked_cap(question, chosen[0].clause.meta.amounts) if form == "amount" else "",
            parts=parts,
            also=also,
            measure=measure,
            units_asked=units_asked,
            listed={c.clause_id for c in named} if len(named) >= 2 else set(),
            # "公共专利墙这个项目是支持谁来搭的？钱给多少？": whom the sum is for, asked by a part of its own
            whom_asked=bool(_ASKS_WHOM.search(asked)),
            basis_asked=bool(_ASKS_BASIS.search(asked)),  # "…一共有多少钱的盘子，按什么分？"
        )
        return text, [*chosen, *extra]

    def _programs_named(self, u: Understanding) -> list[Clause]:
        """The funded programmes a question names word for word: one whose article (and title) holds
        every other word the question asks with ("中小企业知识产权运营能力提升项目要满足什么条件？"; a word it
        lacks asks about something else that mentions the programme: "杨浦区鼓励哪些单位申报…", "北京市采取了
        哪些措施…"), or two or more distinct ones ("申报高校知识产权运营中心，…医疗卫生系统的知识产权运营中心。
        这两个项目分别最多能给多少钱？"), in the order named. Items sharing their article's name are one
        programme, named by neither rule."""
        flat = compose.without_spaces_or_de(u.question)
        matched: dict[str, list[Clause]] = {}
        for clause, name, _ in self._program_names():
            core = compose.program_named_verbatim(flat, name)
            if core:
                matched.setdefault(core, []).append(clause)
        cores = [core for core, clauses in matched.items() if len(clauses) == 1 and not any(core != o and core in o for o in matched)]
        if len(cores) >= 2:
            return [matched[core][0] for core in sorted(cores, key=flat.find)]
        if len(matched) != 1 or not cores:
            return []
        (core,) = cores
        (clause,) = matched[core]
        text = fold(" ".join([self._head(clause.doc_id), *clause.heading_path, clause.text]))
        rest = flat.replace(core, " ")
        # who asks is no other thing asked about ("我们是一家专精特新企业，高价值专利培育中心能给多少钱？")
        askers = [fold(rest)[start:end] for start, end, _ in subject_mentions(fold(rest))]
        wanted = [w for w in specific_tokens(rest) if w not in SLOT_WORDS and not any(w in a for a in askers)]
        return [clause] if all(found_in(w, text) for w in wanted) else []

    def _stating_hit_first(self, u: Understanding, hits: list[Hit], filters: RetrievalFilters) -> list[Hit]:
        """Conditions asked that none of the best three passages state, but a further hit does in so
        many words (the fund's 第二条 "适用于注册在本市……的企事业单位", ranked below articles that merely name
        the fund): that hit leads, instead of a refusal that the corpus states none."""
        if not any(t.name == "条件" for t in asked_types(u.search_text)):
            return hits
        if wholly_missing(self._types_unstated(u, [h.clause for h in hits[:EVIDENCE_DEPTH]])) is None:
            return hits

        def states(h: Hit) -> bool:  # a policy's clause: a study reports conditions, it does not set them
            return self._binding(h.clause.doc_id) and wholly_missing(self._types_unstated(u, [h.clause], strict=True)) is None

        seen = {h.clause.clause_id for h in hits}
        deeper = [h for h in self._search(u, filters, k=STATING_DEPTH) if h.clause.clause_id not in seen]
        stating = next((h for h in [*hits[EVIDENCE_DEPTH:], *deeper] if states(h)), None)
        return [stating, *(h for h in hits if h is not stating)] if stating else hits

    def _scope_clause_first(self, u: Understanding, hits: list[Hit]) -> list[Hit]:
        """Conditions asked with no asker, programme or topic beyond the document ("申报项目要满足什么
        条件？", "专项资金的申报主体需要满足什么条件？"): what the leading document sets for all its
        programmes (its scope clause, "本实施细则涉及的各类项目适用于……") leads, not one programme's terms."""
        if not hits or u.subjects or u.attributes or not any(t.name == "条件" for t in asked_types(u.search_text)):
            return hits
        doc_id = hits[0].clause.doc_id
        scope = {c.clause_id: c for c in self.kb.scope_clauses(doc_id)}
        title = fold(self._docs()[doc_id].title) if doc_id in self._docs() else ""
        if not scope or any(not found_in(t, title) for t in specific_tokens(u.search_text) if t not in _APPLICANT_WORDS):
            return hits
        found = {h.clause.clause_id: h for h in hits}
        lead = [found.get(i) or Hit(clause=c, score=hits[0].score) for i, c in scope.items()]
        return [*lead, *(h for h in hits if h.clause.clause_id not in scope)]

    def _penalties_beside(self, u: Understanding, hits: list[Hit]) -> list[Hit]:
        """A penalty asked ("…印“驰名商标”字样，被查到会怎么罚？"): a rule's penalty is mostly in another
        article, which names the rule by number ("违反本法第十四条第五款规定的，…处十万元罚款") or
        repeats the conduct under a penalty lead (a candidate whose text or article lead sets a fine).
        Those follow the best passage, before the rest."""
        if not hits or not _PENALTY_ASKED.search(" ".join(asking_sentences(u.search_text))):
            return hits
        beside: dict[str, Hit] = {}
        read: dict[str, list[Clause]] = {}  # each law's clauses read once, however many of its articles lead
        for hit in hits[:3]:
            article = _ARTICLE_NUMBER.match(compose.cite_label(hit.clause))
            if article is None or not self._binding(hit.clause.doc_id):
                continue
            cites = re.compile(rf"违反本(?:法|条例|规定|办法|细则|决定)[^。；;]*?{article.group()}(?![一二三四五六七八九十百零〇])")
            doc_id = hit.clause.doc_id
            if doc_id not in read:
                read[doc_id] = self.kb.clauses(doc_id=doc_id)
            for clause in read[doc_id]:
                if clause.clause_id != hit.clause.clause_id and cites.search(nfkc(clause.text)) and _PENALTY.search(clause.text):
                    beside.setdefault(clause.clause_id, Hit(clause=clause, score=hit.score))
        for hit in hits[1:FIGURE_POOL]:
            if _PENALTY.search(hit.clause.text) or _PENALTY.search(hit.clause.context):
                beside.setdefault(hit.clause.clause_id, hit)
        beside.pop(hits[0].clause.clause_id, None)
        return [hits[0], *beside.values(), *(h for h in hits[1:] if h.clause.clause_id not in beside)]

    def _types_unstated(self, u: Understanding, clauses: list[Clause], strict: bool = False) -> list[str | None]:
        """Per part of the question, the answer type it asks for that `clauses` do not state
        (`chat.answer_types.types_missing`), a clause on its document as a whole ("本实施细则涉及的各类项目
        适用于……") read as about what the document's title names."""
        docs = self._docs()
        texts = [f"{docs[c.doc_id].title}：{c.text}" if c.doc_id in docs and _ON_THE_DOCUMENT.search(c.text) else c.text for c in clauses]
        return types_missing(u.search_text, texts, self.kb.bm25.rarity, strict)

    def evidence_hits(
        self, u: Understanding, filters: RetrievalFilters, fallback: RetrievalFilters | None = None
    ) -> tuple[list[Hit], str | None]:
        """The passages a retrieved answer would rest on (and its refusal be judged by): the best
        hits within `filters`, or within `fallback` when those are the stronger evidence (condition
        clauses for an eligibility question, else any clause), within the documents about the
        place the question names when the best ones are not; and that place if none of them names it."""
        found = self._about_places(u, self._search(u, filters, k=self.settings.top_k), filters)
        if fallback is not None:
            # weighed once each is about the asked place: condition clauses that hold the question's
            # words scattered over other provinces' notices are no stronger than one notice of its own
            wider = self._about_places(u, self._search(u, fallback, k=self.settings.top_k), fallback)
            if not found[0] or (wider[0] and self._stronger_about_place(u, wider, found)):
                found = wider
        return found

    def _stronger_about_place(self, u: Understanding, these: tuple[list[Hit], str | None], those: tuple[list[Hit], str | None]) -> bool:
        """`_stronger`, where hits whose documents all miss the asked place lose to hits that name it."""
        if (these[1] is None) != (those[1] is None):
            return these[1] is None
        return self._stronger(u, these[0], those[0])

    def _stronger(self, u: Understanding, these: list[Hit], those: list[Hit]) -> bool:
        """Are `these` hits stronger evidence for the question than `those`: do they hold more of it
        (the answerability model's weights, cosine aside)? How a narrower search (condition clauses,
        documents a title run names) is weighed against a wider one."""
        model = default_answerability()
        return model.held(self.evidence(u, these, cosines=False)) > model.held(self.evidence(u, those, cosines=False))

    def evidence(self, u: Understanding, hits: list[Hit], cosines: bool = True) -> Evidence:
        """What the passages an answer would cite say about answerability (chat/answerability.py);
        `cosines=False` skips reading their vectors (for `held`, which leaves the cosine out).
        The cosines are the raw e5 question vector's, not the adapted one search ranks by: the query
        adapter (kb/query_adapter.py) is fitted to rank passages, and moves every cosine of a
        question by an amount of its own (a seeds question's best from 0.87 to 0.14), which says
        nothing about whether the corpus answers it (eval/QUALITY.md)."""
        docs = self._docs()
        cited = self._with_raw_cosines(u.search_text, hits[:EVIDENCE_DEPTH]) if cosines else hits[:EVIDENCE_DEPTH]
        titles = {d: f"{docs[d].title} {docs[d].doc_number}" for d in {h.clause.doc_id for h in cited} if d in docs}
        figure = u.intent not in compose.FIGURE_INTENTS or any(has_figure(u.intent, h) for h in cited)
        fifth = self.retriever.nth_cosine(u.search_text, FIFTH, adapted=False) if cosines else 0.0
        return gather(u.search_text, cited, titles, figure, self._corpus_uses, self.kb.bm25.rarity, fifth)

    def _with_raw_cosines(self, query: str, hits: list[Hit]) -> list[Hit]:
        """`hits` with the cosine of the raw question vector and each passage's stored vector."""
        if not hits:
            return hits
        ids, matrix = self.kb.vectors.vectors([h.clause.clause_id for h in hits])
        cosines = dict(zip(ids, (matrix @ self.kb.embed_query(query, adapted=False)).tolist(), strict=True)) if ids else {}
        return [h.model_copy(update={"cosine": cosines.get(h.clause.clause_id)}) for h in hits]

    def _corpus_uses(self, word: str) -> bool:
        """Does some clause use `word`, its search-mode pieces, or at least one of its two-character
        pieces? ("康复器械" beside 康复辅助器具 is a paraphrase; "海王星" is a name the corpus lacks.)"""
        bm25 = self.kb.bm25
        vocabulary = bm25.vocabulary
        if word in vocabulary or all(t in vocabulary for t in tokens(word) or [word]):
            return True
        return len(word) > 2 and any(word[i : i + 2] in bm25.bigrams for i in range(len(word) - 1))

    def _about_places(self, u: Understanding, hits: list[Hit], filters: RetrievalFilters) -> tuple[list[Hit], str | None]:
        """"重庆市如何减免税收？": when the best passage comes from another place's document, drop
        that place's passages, or search again within the documents that name the place asked
        about. Returns the hits and the place their documents still do not name (None when they
        all do, or when the best one is a notice naming no place at all — "我区", "全省" — or the
        policy of a place the asked place's own documents speak of: 上海市's for 杨浦区)."""
        hits = self._within_the_district(u, hits, filters)
        if not places_named(u.search_text):
            if names_shanghai(u.search_text):  # no passage of another province's or city's document, unless all are
                hits = [h for h in hits if not self._outside_shanghai(h.clause.doc_id)] or hits
            return hits, None
        texts = {d: self._document_text(d) for d in dict.fromkeys(h.clause.doc_id for h in hits[:EVIDENCE_DEPTH])}
        place = place_not_in(u.search_text, " ".join(texts.values()))
        if filters.doc_ids or not hits:
            return hits, place
        top = hits[0].clause.doc_id
        if place is None:
            elsewhere = place_not_in(u.search_text, texts[top])
            if elsewhere and self._foreign(top, elsewhere):
                return [h for h in hits if not self._foreign(h.clause.doc_id, elsewhere)] or hits, None
            return hits, None
        if not self._foreign(top, place):
            return hits, None
        about = self.kb.docs_mentioning(place_stem(place))
        again = self._search(u, filters.model_copy(update={"doc_ids": about[:100]}), k=self.settings.top_k) if about else []
        return (again, self._place_unnamed_by(u, again)) if again else (hits, place)

    def _within_the_district(self, u: Understanding, hits: list[Hit], filters: RetrievalFilters) -> list[Hit]:
        """"黄浦区对老字号企业有什么支持？": no passage of another district's document (杨浦区's plan)
        among the best; the search is run again without those documents. City documents stay."""
        if not filters.doc_ids and u.intent != "obligation" and _THE_DISTRICT_ITSELF.search(u.search_text):
            # "杨浦的科技小公司…区里利息能帮着补多少？": what the district gives, from its own documents (what a
            # district's government must do is also in the city's: "区政府" is a unit, no such word)
            own = sorted(self._district_documents(districts_named(u.search_text)))
            within = self._search(u, filters.model_copy(update={"doc_ids": own}), k=self.settings.top_k) if own else []
            if within:
                return within
        others = self._other_districts(u)
        if filters.doc_ids or not others or not any(h.clause.doc_id in others for h in hits[:EVIDENCE_DEPTH]):
            return hits
        kept = [d for d in self._docs() if d not in others]
        return self._search(u, filters.model_copy(update={"doc_ids": kept}), k=self.settings.top_k) if kept else []

    def _city_compared(self, u: Understanding, chosen: list[Hit]) -> Hit | None:
        """A district's figure compared with the city's ("每万人高价值发明专利拥有量，杨浦区定的目标和全市定
        的目标比，哪个高？"): the best passage of another binding document (not the district's) stating a
        figure of the kind asked, searched with the question less the district's name; None when no
        comparison with the city is asked or the best passage is not the district's."""
        question = nfkc(u.search_text)
        districts = districts_named(question)
        if not (districts and _COMPARES.search(question) and _THE_CITY.search(question)):
            return None
        own = self._district_documents(districts)
        if chosen[0].clause.doc_id not in own:
            return None
        for district in districts:
            question = re.sub(rf"{re.escape(district)}区?", " ", question)
        others = [d for d in self._docs() if d not in own and self._binding(d)]
        found = self._search(replace(u, search_text=question), RetrievalFilters(doc_ids=others), k=self.settings.top_k) if others else []
        return next((h for h in found if has_figure(u.intent, h)), None)

    def _district_documents(self, districts: list[str]) -> frozenset[str]:
        """The documents headed by any of the Shanghai districts named (杨浦's plan for ["杨浦"])."""
        asked = set(districts)
        return self._derive(
            "district documents", " ".join(sorted(asked)), lambda: frozenset(d for d in self._docs() if asked & set(districts_named(self._head(d))))
        )

    def _other_districts(self, u: Understanding) -> frozenset[str]:
        """The documents headed by a Shanghai district other than the one(s) the question names."""
        asked = districts_named(u.search_text)
        if not asked:
            return frozenset()
        return self._derive(
            "other districts",
            " ".join(asked),
            lambda: frozenset(d for d in self._docs() if (heads := districts_named(self._head(d))) and not set(heads) & set(asked)),
        )

    def _name_overlap(self, name: str) -> float:
        """How close the corpus comes to holding a program name: the best share of its character
        bigrams that a title or one of the clauses BM25 ranks best for it holds."""
        if self.kb.mentions(name):
            return 1.0
        found = self.kb.bm25.search(query_tokens(name, self.kb.bm25.vocabulary), NAME_CANDIDATES)
        texts = [c.text for c in self.kb.get_clauses([cid for cid, _ in found])] + [d.title for d in self._docs().values()]
        return max((bigram_overlap(name, t) for t in texts), default=0.0)

    def _foreign(self, doc_id: str, place: str) -> bool:
        """Is the document another place's policy: headed (title, issuer, 文号) by places none of which
        is the asked one or holds it (福建's notice is 莆田's policy too), nor one that the documents
        headed by the asked place mention?"""
        stem = place_stem(place)
        heads = [place_stem(p) for p in places_named(self._head(doc_id))]
        if not heads or any(stem in h or h in stem or within(place, h) for h in heads):
            return False
        own = self._headed_by(stem)
        return not any(own & self._mentioning(h) for h in heads)

    def _head(self, doc_id: str) -> str:
        """A document's heading: title, issuer, 文号 and the province the 文号 abbreviates (NFKC), "" for
        a document not in force here."""

        def heading() -> str:
            doc = self._docs().get(doc_id)
            return nfkc(f"{doc.title} {doc.issuer} {doc.doc_number} {place_of_number(doc.doc_number)}") if doc else ""

        return self._derive("head", doc_id, heading)

    def _outside_shanghai(self, doc_id: str) -> bool:
        """Is the document headed by another province or city, never a Shanghai asker's policy?"""
        return self._derive("outside shanghai", doc_id, lambda: outside_shanghai(self._head(doc_id)))

    def _headed_by(self, stem: str) -> frozenset[str]:
        """The documents whose heading names a place (by its stem: 浙江 for 浙江省)."""
        return self._derive("headed", stem, lambda: frozenset(d for d in self._docs() if stem in self._head(d)))

    def _mentioning(self, stem: str) -> frozenset[str]:
        """The documents whose text names a place."""
        return self._derive("mentioning", stem, lambda: frozenset(self.kb.docs_mentioning(stem)))

    def _place_unnamed_by(self, u: Understanding, hits: list[Hit]) -> str | None:
        """A place the question names that no document of the cited hits names."""
        cited = dict.fromkeys(h.clause.doc_id for h in hits[:EVIDENCE_DEPTH])
        return place_not_in(u.search_text, " ".join(self._document_text(d) for d in cited))

    def _refusal(self, u: Understanding, hits: list[Hit], missing_place: str | None, missing: str | None) -> str | None:
        """Why the retrieved passages are no basis for an answer, or None when they are: a place the
        question names that none of their documents speaks of (`missing_place`), an asked answer type
        they lack (`missing`), or evidence the calibrated model (chat/answerability.py) judges too weak."""
        if not hits:
            return compose.refusal_text()
        own = nfkc(u.question).strip()
        # read with the session's topic, yet none of its own words is there: a new topic ("今天吃什么好？");
        # words naming the slot asked ("要在什么时候完成？", "有期限要求吗？") are no topic of their own
        own_topic = " ".join(w for w in specific_tokens(own) if w not in SLOT_WORDS)
        if own != u.search_text and own_topic and not self._covers(Understanding(question=own_topic, intent=u.intent, search_text=own_topic), hits[:EVIDENCE_DEPTH]):
            return compose.refusal_text()
        if missing_place:
            return compose.refusal_text(f"检索到的文件不涉及{missing_place}")
        if missing:
            return compose.refusal_text(ONLY_STUDIED if self._policy_unstated(u, hits) == ONLY_STUDIED else f"相关条款没有载明所问的{missing}")
        evidence = self.evidence(u, hits)
        if default_answerability().answerable(evidence):  # on the question's topic, yet perhaps only a study's
            reason = self._policy_unstated(u, hits)
            return compose.refusal_text(reason) if reason else None
        if not evidence.figure:
            return compose.refusal_text(f"相关条款没有规定所问的{compose.FIGURE_INTENTS[u.intent]}")
        return compose.refusal_text()

    def _has_policy_on(self, u: Understanding, place: str) -> bool:
        """Does the corpus hold policy on a place: a document with it or a province or city holding it
        in its title, issuer or 文号 (甘肃's notices are 嘉峪关's policy), or a binding document naming it
        among those search finds for the question, or a binding passage naming it on what is asked
        (`_said_of`)? A research report that compares Shanghai with 深圳 is no policy of 深圳's, nor a
        State Council notice naming 深圳 among pilot cities a policy on 深圳's 积分入户."""
        stem = place_stem(place)

        def headed() -> bool:
            return bool(self._headed_by(stem)) or any(self._headed_by(region) for region in regions_holding(place))

        if self._derive("policy on", stem, headed):
            return True
        # a policy naming it among the passages search finds for the question (海东市's own measures in a
        # notice headed by none), or naming it on the question's words
        mentioning = self._mentioning(stem)
        found = self._search(u, RetrievalFilters(), k=EVIDENCE_DEPTH)
        return any(self._binding(h.clause.doc_id) and h.clause.doc_id in mentioning for h in found) or self._said_of(u, place, binding=True)

    def _district_provides(self, u: Understanding, district: str) -> bool:
        """Can the corpus say what a district provides on what the question asks: a document of the
        district's own (its title, issuer or 文号), or a policy clause that names the district beyond
        a list of responsible units ("(责任单位:…青浦区政府)": what it must do for the city) and holds
        at least half of the question's other words, weighed by rarity — the city plan's
        "上海(浦东)知识产权服务站" for firms going public says nothing of 浦东's 贴息 (`compose.ON_TOPIC_SHARE`,
        the share that puts another clause's figure on the topic)."""
        stem = place_stem(district)
        if self._headed_by(stem):
            return True
        wanted = [w for w in specific_tokens(u.search_text) if stem not in w and w not in district]
        return any(weighted_coverage(wanted, text, self.kb.bm25.rarity) >= compose.ON_TOPIC_SHARE for text in self._naming_beyond_duties(stem))

    def _naming_beyond_duties(self, stem: str) -> tuple[str, ...]:
        """The policy clauses that name a place outside their lists of responsible units, those lists
        blanked (`without_unit_lists`); read once per corpus version."""

        def read() -> tuple[str, ...]:
            texts = (without_unit_lists(nfkc(c.text)) for c in self.kb.clauses_mentioning(stem) if self._binding(c.doc_id))
            return tuple(text for text in texts if stem in text)

        return self._derive("named beyond duties", stem, read)

    def _pointed_at(self, u: Understanding) -> set[str]:
        """The documents the question names, or points at by their kind ("文章建议借鉴英国……" of the one 研究文章)."""
        named, _ = documents_named(u.search_text, self.kb.titles())
        folded = nfkc(u.question)
        return set(named) | {d.doc_id for d in self._docs().values() if len(d.kind) >= 2 and d.kind[-2:] in folded}

    def _place_without_policy(self, u: Understanding) -> str | None:
        """A place the question asks about that the corpus holds no policy on. Beside Shanghai a place
        counts when policy is asked ("深圳对…每份合同奖励多少钱？跟上海比怎么样？": 深圳's award);
        a figure a study reports of it ("2019年深圳每万人发明授权专利是多少？") is no policy asked."""
        text = u.search_text
        policy_asked = (
            u.intent in _POLICY_INTENTS
            or asks_for_support(text)
            or bool(_A_POLICY.search(text))
            or any(t.name in POLICY_TYPES for t in asked_types(text))
        )
        places = places_named(text, beside_shanghai=policy_asked)
        return next(
            (
                p
                for p in places
                if not self._has_policy_on(u, p) and not self._pointed_at_mentions(u, p) and (policy_asked or not self._said_of(u, p, binding=False))
            ),
            None,
        )

    def _said_of(self, u: Understanding, place: str, binding: bool) -> bool:
        """Does a passage of a binding (else a non-binding) text name the place and hold most of the
        question's other words, by rarity? A study then reports what is asked of the place ("2019年深圳
        每万人发明授权专利是多少？"; not "江苏省知识产权强省建设的目标是什么？" of a study naming 江苏 in passing)."""
        stem = place_stem(place)
        wanted = [w for w in specific_tokens(u.search_text) if stem not in w and w not in place and w not in SLOT_WORDS]
        return any(
            self._binding(c.doc_id) == binding and weighted_coverage(wanted, c.text, self.kb.bm25.rarity) >= compose.ON_TOPIC_SHARE
            for c in self.kb.clauses_mentioning(stem)
        )

    def _pointed_at_mentions(self, u: Understanding, place: str) -> bool:
        """Does a document the question names or points at mention the place? Then the place is part
        of what that document says, not a request for the place's own policy."""
        return bool(self._pointed_at(u) & self._mentioning(place_stem(place)))

    def _policy_unstated(self, u: Understanding, hits: list[Hit]) -> str | None:
        """Why a policy asked for — support (资助, 补贴, 奖励 …), or conditions, a procedure, materials or
        a fee — has no basis when a non-binding text's passage is among the cited and no cited policy
        clause grants the support on what the question is about or states the asked thing: a study can report these ("PCT申请量偏低",
        "高新技术企业…"), not set them, and a plan's PCT target is no subsidy. `ONLY_STUDIED` when the
        study's passage leads; else (a policy clause that merely names 高新技术企业 can outrank the
        study's sentence and still state no condition) that the cited clauses do not state the asked
        thing, which claims nothing of what the study says. None when the question asks about the
        study, or when the cited policy states it."""
        docs = self._docs()
        top = [(h, docs.get(h.clause.doc_id)) for h in hits[:EVIDENCE_DEPTH]]
        studied = [h for h, d in top if d is not None and not d.binding]
        support = asks_for_support(u.search_text)
        kinds = [t for t in asked_types(u.search_text) if t.name in POLICY_TYPES]
        if not studied or not (support or kinds):
            return None
        policy = [h for h, _ in top if self._binding(h.clause.doc_id)]
        # stated as the refusal judges it: of the thing asked, not a word of the type anywhere ("申请" in a standard's name)
        unstated = wholly_missing(self._types_unstated(u, [h.clause for h in policy])) if kinds and policy else None
        # support granted on what the question is about: 第十九条's 绩效奖补 for licensing is no 海王星 award
        stated = any(support and "funding" in h.clause.meta.kinds and self._covers(u, [h]) for h in policy) or bool(kinds and policy and unstated is None)
        if stated or {h.clause.doc_id for h, _ in top} & self._pointed_at(u):
            return None
        if studied[0] is top[0][0]:
            return ONLY_STUDIED
        return f"相关条款没有载明所问的{unstated or (kinds[0].name if kinds else '支持')}"

    def _names_the_places_asked(self, u: Understanding, hit: Hit) -> bool:
        """Does the hit's document name every place the question names (any, when it names none)?"""
        return not places_named(u.search_text) or place_not_in(u.search_text, self._document_text(hit.clause.doc_id)) is None

    def _document_text(self, doc_id: str) -> str:
        """A document's title, issuer, 文号 and clauses in one string (read once per corpus version)."""
        return self._derive("text", doc_id, lambda: " ".join([self._head(doc_id), *(c.text for c in self.kb.clauses(doc_id=doc_id))]))

    def _covers(self, u: Understanding, hits: list[Hit]) -> bool:
        docs = self._docs()
        titles = " ".join(f"{docs[h.clause.doc_id].title} {docs[h.clause.doc_id].doc_number}" for h in hits if h.clause.doc_id in docs)
        contracted = short_forms(specific_tokens(u.search_text), self.kb.bm25.rarity)
        return bool(hits) and coverage(u.search_text, [h.clause for h in hits], titles, contracted) >= COVERAGE_THRESHOLD

    def _item_singled_out(self, u: Understanding, hits: list[Hit]) -> list[Hit]:
        """A figure asked of an article whose items state figures of their own (第九条's （一）（二）（三）
        award banks, insurers and guarantors): the item the question singles out answers ("保险公司…给多少钱？"
        → （二）), else the article with every item's figure under its label ("地方标准制定能拿多少奖补？" is
        not answered with （三）'s 10万元 alone). An item is singled out when its opening ("在本市保险机构中"),
        else its text, holds a character pair of the question's words that no other such item holds."""
        if not hits:
            return hits
        article, items = self._article_items(hits[0].clause)
        items = [c for c in items if has_figure(u.intent, Hit(clause=c, score=0.0))]
        if article is None or len(items) < 2:
            return hits
        topic = [w for w in specific_tokens(u.search_text) if not _PER_UNIT.fullmatch(w)]
        # what the article's lead says is the topic of every item ("纳税人赡养…的赡养支出": 赡养 singles
        # out no item though one item's text repeats it)
        asked = set().union(*(bigrams(nfkc(w)) for w in topic)) - bigrams(nfkc(items[0].context))
        answering = article
        for part in (item_opening, lambda c: c.text):
            held = [asked & bigrams(nfkc(part(c))) for c in items]
            singled = [c for c, mine in zip(items, held, strict=True) if mine - set().union(*(h for h in held if h is not mine))]
            if len(singled) == 1:
                answering = singled[0]
                break
        rest = [h for h in hits[1:] if h.clause.clause_id not in (answering.clause_id, article.clause_id)]
        return [hits[0].model_copy(update={"clause": answering}), *rest]

    def _article_stating_first(self, chosen: list[Hit]) -> list[Hit]:
        """A best item that states no sum ("②军转干部、退役军人" among a subsidy's conditions), led by
        the nearest article or item holding it that states one ("补贴标准：10000元"): the sum asked is
        its programme's, the item says who it is for. (A deadline or target of the article is not
        the item's: "通过三年试点" answered when a goal of 三、（一） is due.)"""
        top = chosen[0]
        parent_id = top.clause.parent_id
        if has_figure("amount", top):
            return chosen
        while parent_id is not None and (parent := self.kb.clause(parent_id)) is not None:
            if compose.amounts_of(parent, compose.ASKED_AMOUNT_KINDS):
                stating = top.model_copy(update={"clause": parent, "cosine": None})
                return [stating, *(h for h in chosen if h.clause.clause_id != parent.clause_id)][:3]
            parent_id = parent.parent_id
        return chosen

    def _article_items(self, clause: Clause) -> tuple[Clause | None, list[Clause]]:
        """The article a clause is or belongs to, and that article's items (its items follow it: the
        ITEMS_READ clauses after it are read)."""
        article = clause if clause.parent_id is None else self.kb.clause(clause.parent_id)
        if article is None:
            return None, []
        following = self.kb.clauses(doc_id=article.doc_id, limit=ITEMS_READ, offset=article.order + 1)
        return article, [c for c in following if c.parent_id == article.clause_id]

    def _kinds_overview(self, u: Understanding, chosen: list[Hit]) -> tuple[str, list[Hit]]:
        """"专项资金主要用在哪几个方面？": when the best clause is an article with items (or one of its
        items), the answer first says how many items the article has (a heading, as catalog counts
        are) and opens each, citing the article: "第五条分为3项：\n（一）深化知识产权运营机制建设；…［1］".
        Else nothing, `chosen` as is."""
        if not chosen or not _KINDS_ASKED.search(u.search_text):
            return "", chosen
        article, items = self._article_items(chosen[0].clause)
        if article is None or len(items) < 2:
            return "", chosen
        names = compose.item_names([item_opening(c) for c in items], [c.text for c in items]) or [compose.first_sentence(c.text, 20) for c in items]
        openings = "；".join(f"{c.label}{name if len(name) <= OPENING_CHARS else name[:OPENING_CHARS] + '…'}" for c, name in zip(items, names, strict=True))
        rest = [h for h in chosen[1:] if h.clause.clause_id != article.clause_id]
        return f"{compose.cite_label(article)}分为{len(items)}项：\n{openings}［1］", [chosen[0].model_copy(update={"clause": article}), *rest]

    @staticmethod
    def _prefer_with_facts(intent: str, hits: list[Hit]) -> list[Hit]:
        """For figure questions: the best clause, then the next best that state a figure of that kind;
        for a target, a best clause stating none ("充分发挥10个商标品牌指导站作用") follows the first that
        does (a sum or a deadline a clause only implies is left first: on STARD that order lost hits)."""
        if intent not in compose.FIGURE_INTENTS:
            return hits[:3]
        rest = [h for h in hits[1:FIGURE_POOL] if has_figure(intent, h)]
        if intent == "target" and rest and not has_figure(intent, hits[0]):
            return [rest[0], hits[0], *rest[1:2]]
        return [hits[0], *rest[:2]]

    def _due_listing(self, u: Understanding, due: date, as_of: date, make) -> Answer | None:
        """"哪些工作要在2024年底前完成？": every task whose deadline falls in that year, up to that day — of
        the documents the question names, if it names any ("杨浦方案里…": none of another plan's tasks)."""
        docs = self._docs()
        named = self._documents_asked(u.search_text)
        clauses = [
            c
            for c in self.kb.clauses(due_before=due)
            if c.doc_id in docs
            and (not named or c.doc_id in named)
            and any(d.kind == "deadline" and due.year == d.iso.year and d.iso <= due for d in c.meta.dates)
        ]
        if not clauses and named:
            where = "".join(compose.doc_name(docs[d]) for d in named if d in docs)
            return make(f"{where}中没有写明时限在{due.year}年{due.month}月{due.day}日前（含）的任务。", True, [])
        if not clauses:
            return None
        matches = [
            compose.task_match(c, "").model_copy(update={"doc_title": docs[c.doc_id].title, "status": "deadline"}) for c in clauses
        ]
        grouped: dict[str, list[Match]] = defaultdict(list)
        for clause, match in zip(clauses, matches, strict=True):
            grouped[clause.doc_id].append(match)
        heading = f"时限在{due.year}年{due.month}月{due.day}日前（含）的任务共{len(matches)}项："
        markers = {c.clause_id: i for i, c in enumerate(clauses, 1)}
        text = compose.obligation_text("", grouped, docs, as_of, markers, heading, with_units=True)
        return make(text, True, self._citations([(c, 1.0) for c in clauses], as_of), matches)

    def _documents_asked(self, text: str) -> list[str]:
        """The documents a question names, by title or by a short name ("专项行动")."""
        named = documents_named(text, self.kb.titles())[0]
        short = document_by_short_name(text, self.kb.titles()) if not named else None
        return [short] if short else named

    # ---- counts and listings from the catalog ---------------------------------------------------
    def _from_catalog(self, u: Understanding, as_of: date, previous: Turn | None, make) -> Answer | None:
        """"专项行动方案一共有多少项任务？", "杨浦方案的目标有哪些？" (of a document the question or the
        session names), "哪些文件现在有效？" and "哪些文件是2019年发布的？" are read from the catalog; None
        for any other question."""
        of = asks_collection(u.question)
        place = of if of and (places_named(of) or districts_named(of) or names_shanghai(of)) else None
        collection = of == "" or place is not None  # "有哪些医院的文件？" is a topic, searched
        held = self.kb.documents()
        if place is not None:  # "有哪些广州的文件？": the documents headed by the place
            held = [d for d in held if d.doc_id in self._headed_by(place_stem(place))]
            if not held:
                return make(compose.refusal_text(f"政策库中没有{place}的政策文件"), False, [])
        if collection and not re.search(r"现在|目前|当前|现行", u.question):
            docs = sorted(held, key=lambda d: d.title)
            return self._documents_listed(f"政策库收录的{place}文件" if place else "政策库收录的文件", docs, [], as_of, make)
        expired = asks_expired(u.search_text)  # "哪些文件已经失效了？": those no longer in force first
        if expired or collection or asks_in_force(u.search_text):  # "现在有哪些政策？": those in force first
            live, other = in_force_split(held, as_of)
            groups = [("现行有效（或未载明失效）的文件", live), ("已失效、已被替代或非政策文件", other)]
            (shown_as, shown), (rest_as, rest) = groups[::-1] if expired else groups
            after = [f"{rest_as}{len(rest)}份：" + "；".join(compose.doc_name(d) for d in rest[:IN_FORCE_SHOWN])] if rest else []
            return self._documents_listed(f"截至{as_of.isoformat()}，政策库中{shown_as}", shown, after, as_of, make)
        year = asks_issued_in(u.question)
        if year is not None:
            issued = issued_in(self.kb.documents(), year)
            if not issued:
                return make(compose.refusal_text(f"政策库中没有{year}年印发的文件"), False, [])
            return self._documents_listed(f"政策库中{year}年印发（或施行）的文件", issued, [], as_of, make)
        issuer = asks_issued_by(u.question)
        if issuer is not None:  # "国务院办公厅发了哪些文件？"
            issued = self._issued_by(issuer)
            if not issued:
                return make(compose.refusal_text(f"政策库中没有{issuer}印发的文件"), False, [])
            return self._documents_listed(f"政策库中{issuer}印发的文件", sorted(issued, key=lambda d: d.title), [], as_of, make)
        mentioning = self._documents_mentioning(u, as_of, make)
        if mentioning is not None:
            return mentioning
        own = nfkc(u.question)
        # a count asked by the question itself, or by the one it continues ("那杨浦方案呢？"); not by a
        # session's earlier question that a short new one ("现在几点了？") was read beside
        counter = asks_count(own) or (asks_count(u.search_text) if u.follow_up or is_continuation(own) else None)
        doc_ids, names = documents_named(own, self.kb.titles())
        if not doc_ids and (short := document_by_short_name(own, self.kb.titles())):
            doc_ids = [short]  # "专项行动一共有多少项任务？"
        rest = own
        for name in names:
            rest = rest.replace(name, "")
        # named by the question itself, or by its kind alone ("细则是哪个部门发的？": the only 细则 held)
        named_here = doc_ids or [d for d in [only_document_of_kind(own, self._docs().values())] if d]
        if (_NUMBER_ASKED.search(rest) or _ISSUER_ASKED.search(rest)) and len(named_here) == 1:
            return self._document_facts(self._docs().get(named_here[0]), rest, as_of, make)
        if _INTERPRETER_ASKED.search(rest) and len(named_here) == 1 and named_here[0] in self._docs():
            return self._interpreter(self._docs()[named_here[0]], as_of, make)  # "细则由谁解释？"
        pointed = previous.doc_ids[:1] if previous is not None and refers_back(own) else []  # "这份文件讲了什么？"
        about = named_here or pointed
        asked_doc = self._docs().get(about[0]) if len(about) == 1 else None
        if asked_doc is not None and asks_overview(rest, f"{asked_doc.title} {asked_doc.doc_number}"):  # "专项行动方案是关于什么的？"
            overview = self._overview(asked_doc, as_of, make)
            if overview is not None:
                return overview
        # the units of a document the question names ("责任单位有哪些？" after a question on one task asks
        # that task's units: the session's clauses answer it)
        asks_units = (
            not u.units
            and bool(named_here)
            and bool(_ASKS_UNITS.search(rest))
            and not _TAIL_ASKED.search(rest)
            and not _topic_beside(rest)  # "…科创板…风险排查，方案里说要发挥哪个服务站的作用？牵头的有哪些单位？": that task's
        )
        lists_items = counter is None and bool(LISTS_ITEMS.search(rest))  # "…保护方面具体有哪几项重点任务？"
        if counter is None and not asks_units and not lists_items and not (len(doc_ids) == 1 and asks_document_targets(rest)):
            return None
        # "专项行动方案里有多少项任务由市教委牵头？"; not the issuer of the document counted ("国办推广第二批…举措，一共多少项？")
        if counter is not None and u.units and counts_tasks(own) and not self._issuers_only(u.units, doc_ids):
            return self._unit_count(u, doc_ids, as_of, make)
        docs = self._docs()
        doc_id = self._asked_document(u, previous, as_of, doc_ids)
        if doc_id is None:
            return None
        doc, clauses = docs[doc_id], self.kb.clauses(doc_id=doc_id)
        units_answer = self._units_of_document(doc, clauses, as_of, make) if asks_units else None
        if units_answer is not None:  # "哪些部门参与了专项行动？"
            return units_answer
        section = section_named(clauses, rest)
        if section is not None and u.intent == "target":
            return None  # "运用这块定了哪些量化指标？": a part's goals are figures its passages state, not its tasks
        if section is not None:  # "知识产权保护方面有哪几项任务？", "运用方面有几项任务？": the heading's items
            text = part_count_text(compose.doc_name(doc), section, counter or "项") + "\n" + compose.validity_sentence(doc, as_of)
            return make(text, True, self._citations([(c, 1.0) for c in section.members], as_of))
        if lists_items and not (len(doc_ids) == 1 and asks_document_targets(rest)):
            return None  # "哪些任务" of no heading the question names: the passages answer
        if counter is None:
            listed = targets_listed(clauses)
            if not listed:
                return None
            text = targets_text(compose.doc_name(doc), listed) + "\n" + compose.validity_sentence(doc, as_of)
            return make(text, True, self._citations([(c, 1.0) for c, _ in listed[:TARGETS_SHOWN]], as_of))
        part = count_in_part(clauses, rest, counter)
        if part is not None:  # "重点任务分为几个方面？": the parts of the heading named
            text = part_count_text(compose.doc_name(doc), part, counter) + "\n" + compose.validity_sentence(doc, as_of)
            return make(text, True, self._citations([(c, 1.0) for c in part.firsts], as_of))
        stated = item_counts_stated(clauses, rest, counter, f"{doc.title} {doc.doc_number}")
        if stated:  # "国办推广第二批…举措，一共多少项？": "推广的改革举措（共23项）", as the document counts them
            text = f"{compose.doc_name(doc)}写明：" + "；".join(s.phrase for s in stated) + "。\n" + compose.validity_sentence(doc, as_of)
            return make(text, True, self._citations([(s.clause, 1.0) for s in stated], as_of))
        count = count_items(clauses, counter)
        if count is None:
            return None
        text = count_text(compose.doc_name(doc), count) + "\n" + compose.validity_sentence(doc, as_of)
        cited = [count.items[0], count.items[-1]] if len(count.items) > 1 else count.items
        return make(text, True, self._citations([(c, 1.0) for c in cited], as_of))

    def _overview(self, doc: Document, as_of: date, make) -> Answer | None:
        """What a document is about: its own statement of purpose (or abstract) and its parts, cited by
        the clause stating the purpose and each part's first clause; None when it states neither."""
        overview = document_overview(self.kb.clauses(doc_id=doc.doc_id))
        if not overview.purpose and not (overview.parts and overview.parts.names):
            return None
        cited = [*([overview.purpose_clause] if overview.purpose_clause else []), *(overview.parts.items if overview.parts else [])]
        cited = list({c.clause_id: c for c in cited}.values())[: 1 + PARTS_SHOWN]
        text = overview_text(compose.doc_name(doc), overview) + "\n" + compose.validity_sentence(doc, as_of)
        return make(text, True, self._citations([(c, 1.0) for c in cited], as_of))

    def _document_facts(self, doc: Document | None, asked: str, as_of: date, make) -> Answer | None:
        """"杨浦方案的文号是多少？", "专项行动方案是哪个部门印发的？": the named document's 文号 and issuer
        from the catalog, cited by its head; None when the catalog lacks one asked (a news item whose
        text says "商务部印发《…》" answers from its text)."""
        number, issuer = _NUMBER_ASKED.search(asked), _ISSUER_ASKED.search(asked)
        if doc is None or (number and not doc.doc_number) or (issuer and not doc.issuer):
            return None
        facts = [*([f"文号为{doc.doc_number}"] if number else []), *([f"由{doc.issuer}印发"] if issuer else [])]
        head = self.kb.clauses(doc_id=doc.doc_id, limit=1)
        text = f"《{doc.title}》{'，'.join(facts)}［1］。\n" + compose.validity_sentence(doc, as_of)
        return make(text, True, self._citations([(c, 1.0) for c in head], as_of))

    def _interpreter(self, doc: Document, as_of: date, make) -> Answer:
        """Who interprets a document, from its own article ("本实施细则……由上海市知识产权局负责解释"),
        cited; when none says so, that it does not."""
        for clause in self.kb.clauses(doc_id=doc.doc_id):
            said = _INTERPRETS.search(nfkc(clause.text))
            if said:
                text = f"{compose.doc_name(doc)}由{said.group(1)}负责解释［1］。\n［1］{compose.doc_name(doc)}{compose.cite_label(clause)}：“{said.group(0)}”"
                notes = compose.validity_notes([doc], as_of)  # "注意：该文件…已失效", as under a quoted clause
                return make("\n".join([text, *notes]), True, self._citations([(clause, 1.0)], as_of))
        return make(compose.refusal_text(f"{compose.doc_name(doc)}没有载明由谁负责解释"), False, [])

    def _units_of_document(self, doc: Document, clauses: list[Clause], as_of: date, make) -> Answer | None:
        """"专项行动涉及多少个部门？": the units its clauses name as responsible, by how many tasks each
        has, each cited by its first task; None when its clauses name none."""
        first: dict[str, Clause] = {}
        counts: Counter[str] = Counter()
        for clause in sorted(clauses, key=lambda c: c.order):
            for name in dict.fromkeys(ref.name for ref in clause.meta.units):
                counts[name] += 1
                first.setdefault(name, clause)
        if not counts:
            return None
        ranked = [name for name, _ in counts.most_common()]
        listed = "、".join(f"{name}（{counts[name]}项）［{i}］" for i, name in enumerate(ranked[:UNITS_SHOWN], 1))
        more = f"等{len(ranked)}个" if len(ranked) > UNITS_SHOWN else ""
        text = f"{compose.doc_name(doc)}的条款列明的责任单位{len(ranked)}个：{listed}{more}。\n" + compose.validity_sentence(doc, as_of)
        return make(text, True, self._citations([(first[name], 1.0) for name in ranked[:UNITS_SHOWN]], as_of))

    def _documents_mentioning(self, u: Understanding, as_of: date, make) -> Answer | None:
        """"哪个文件提到了专利超市？" (or "哪个文件提到的？" after a question on it): the documents with a
        clause holding every word of the topic, each with those clauses' labels; None when the
        question asks no such thing or names no topic."""
        if which_documents_topic(u.question) is None:
            return None
        topic = which_documents_topic(u.search_text) or ""  # the session's topic when the question has none
        wanted = specific_tokens(topic)
        if not wanted:
            return None
        candidates = self.kb.clauses_mentioning(max(wanted, key=len), candidates=MENTION_CANDIDATES)
        phrase = topic_as_written(topic, set(wanted), [nfkc(c.text) for c in candidates])
        holding = [c for c in candidates if phrase in nfkc(c.text)]
        others = [w for w in wanted if w not in phrase]
        found = [c for c in holding if all(found_in(w, fold(" ".join([*c.heading_path, c.text]))) for w in others)]
        if not found and len(phrase) >= 4:  # "…300亿元是哪个文件定的目标？": 目标 is how it asks
            found, others = holding, []
        if not found:  # the words apart ("知识产权…质押融资")
            found = [c for c in candidates if all(found_in(w, fold(" ".join([*c.heading_path, c.text]))) for w in wanted)]
            phrase, others = "、".join(wanted), []
        phrase = "、".join([phrase, *others])
        if not found:
            return make(compose.refusal_text(f"政策库中没有提到“{phrase}”的文件"), False, [])
        within = {c.parent_id for c in found}  # an item that holds it, not also its article
        by_doc: dict[str, list[Clause]] = {}
        for clause in sorted((c for c in found if c.clause_id not in within), key=lambda c: c.order):
            by_doc.setdefault(clause.doc_id, []).append(clause)
        docs = self._docs()
        shown = sorted(by_doc, key=lambda d: -len(by_doc[d]))[:IN_FORCE_SHOWN]
        lines = [f"提到“{phrase}”的文件{len(by_doc)}份："]
        for i, doc_id in enumerate(shown, 1):
            labels = "，".join(compose.cite_label(c) for c in by_doc[doc_id][:LABELS_SHOWN])
            more = f"等{len(by_doc[doc_id])}处" if len(by_doc[doc_id]) > LABELS_SHOWN else ""
            lines.append(f"{i}. {compose.doc_name(docs[doc_id])}：{labels}{more}［{i}］")
        cited = [(by_doc[d][0], 1.0) for d in shown]
        return make("\n".join(lines), True, self._citations(cited, as_of))

    def _issued_by(self, issuer: str) -> list[Document]:
        """The documents an issuer issued, alone or jointly: each of a document's issuers compared by
        its canonical name (市知识产权局 is 上海市知识产权局); "国务院" is not "国务院办公厅"."""
        canonical = self.gazetteer.canonical(issuer) or nfkc(issuer)
        return [
            d
            for d in self.kb.documents()
            if any((self.gazetteer.canonical(one) or one) == canonical for one in re.split(r"[、，,；;\s]+", nfkc(d.issuer)) if one)
        ]

    def _issuers_only(self, units: list[str], doc_ids: list[str]) -> bool:
        """Are the units named only the issuers of the documents named (国办 of 国办发〔2018〕126号)?"""
        return bool(doc_ids) and all(set(doc_ids) <= {d.doc_id for d in self._issued_by(unit)} for unit in units)

    def _documents_listed(self, heading: str, docs: list[Document], after: list[str], as_of: date, make) -> Answer:
        """"{heading}N份：" and the first IN_FORCE_SHOWN documents with their validity, each cited by its head."""
        lines = [f"{heading}{len(docs)}份：", *(f"{i}. {compose.validity_sentence(d, as_of)}" for i, d in enumerate(docs[:IN_FORCE_SHOWN], 1))]
        if len(docs) > IN_FORCE_SHOWN:
            lines.append(f"……等{len(docs)}份（仅列前{IN_FORCE_SHOWN}份）")
        heads = [c for d in docs[:IN_FORCE_SHOWN] for c in self.kb.clauses(doc_id=d.doc_id, limit=1)]
        return make("\n".join([*lines, *after]), True, self._citations([(c, 1.0) for c in heads], as_of))

    def _unit_count(self, u: Understanding, doc_ids: list[str], as_of: date, make) -> Answer:
        """How many tasks a unit has (in the documents the question names; those it leads when it
        asks 牵头), with their labels: counted from its tagged tasks, not the document's items."""
        unit = u.units[0]
        try:
            tasks = self.unit_tasks(unit, as_of)
        except UnknownUnit as exc:  # "区市场监管局有多少项任务？" with no district to place it in: said, with the names it may mean
            return make(compose.refusal_text(str(exc)), False, [])
        by_clause = {c.clause_id: c for c in tasks.citations}
        chosen = [m for m in tasks.matches if not doc_ids or by_clause[m.clause_id].doc_id in doc_ids]
        name = self._unit_as_asked(u, unit)
        docs = self._docs()
        where = "".join(compose.doc_name(docs[d]) for d in doc_ids if d in docs) or "现有政策"
        if not chosen:  # no task listed for it: said as what the documents do not list, not as a count of 0
            return make(f"{where}中没有列明由{name}{'牵头' if '牵头' in u.question else '承担'}的任务。", True, [])
        if u.years and "牵头" not in u.question:  # "其中2025年底前要完成的有几项？": those due in the years asked
            due = _due_in(chosen, u.years)
            years = "、".join(map(str, u.years))
            if not due:
                return make(f"{name}在{where}中承担的{len(chosen)}项任务，没有时限在{years}年的。", True, [])
            text = f"{name}在{where}中时限在{years}年的任务{len(due)}项（共承担{len(chosen)}项）：{_labels(due)}。"
            return make(text, True, [by_clause[m.clause_id] for m in due], due)
        if "牵头" not in u.question:
            text = f"{name}在{where}中承担{len(chosen)}项任务：{_labels(chosen)}。"
            return make(text, True, [by_clause[m.clause_id] for m in chosen], chosen)
        led = [m for m in chosen if m.status == "lead"]
        unmarked = [m for m in chosen if m.status == "responsible"]  # "（责任单位：市知识产权局、市教委）": no lead named
        text = f"{name}在{where}中牵头{len(led)}项任务" + (f"：{_labels(led)}" if led else "")
        if unmarked:
            text += f"；另有{len(unmarked)}项任务的文件只列责任单位、未区分牵头与参与：{_labels(unmarked)}"
        shown = [*led, *unmarked]
        return make(text + "。", True, [by_clause[m.clause_id] for m in shown], shown)

    def _asked_document(self, u: Understanding, previous: Turn | None, as_of: date, doc_ids: list[str]) -> str | None:
        """The one document a catalog question is about: the one it names (`doc_ids`), else, for a
        follow-up ("那杨浦的方案呢？"), the one its own words hint at or the last answer's."""
        own = nfkc(u.question)
        if not doc_ids and (only := only_document_of_kind(own, self._docs().values())):
            doc_ids = [only]
        if not doc_ids and own.strip() != u.search_text:
            hint = re.sub(r"^(那么|那)|呢?[？?。]*$", "", own)
            named = specific_tokens(hint)
            hinted = sorted(rank_documents_by_hint(hint, self.kb.titles(), as_of), key=lambda d: -sum(t in fold(d.title) for t in named))
            doc_ids = [d.doc_id for d in hinted[:1]] or (previous.doc_ids[:1] if previous is not None else [])
        if not doc_ids and previous is not None and (refers_back(own) or is_elliptical(own, u)):
            doc_ids = previous.doc_ids[:1]
        return doc_ids[0] if len(doc_ids) == 1 and doc_ids[0] in self._docs() else None

    # ---- validity ---------------------------------------------------------------------------------
    def _asks_a_documents_end(self, u: Understanding, filters: RetrievalFilters) -> bool:
        """Does a when-question name one document and nothing else but the time asked ("专利转化专项行动
        到哪年结束？", "杨浦方案什么时候到期？")? Then it asks when the document's work ends: its period
        (from the catalog), or, for a document stating none that sets several time limits ("城镇小区配套
        幼儿园治理要在什么时候前完成？"), those limits — unless the passage it would be answered from
        states a time and the document sets no other ("北京市停征污水处理费的办理时间？": its 一、 says
        "自2月5日起"). One document is named, or its title holds every word the question has beside
        the time asked."""
        named = self._only_document_named(u)
        if named is None:
            return False
        if not (named.expiry_date or named.plan_period) and len(self._dated_clauses(named)) >= 2:
            return True
        hits = self._search(u, filters, k=self.settings.top_k)
        return not (hits and has_figure("deadline", hits[0]))

    def _only_document_named(self, u: Understanding) -> Document | None:
        own = nfkc(u.question)
        doc_ids, names = documents_named(own, self.kb.titles())
        rest = own
        for name in names:
            rest = rest.replace(name, "")
        words = [t for t in specific_tokens(rest) if t not in SLOT_WORDS]
        docs = self._docs()
        if len(doc_ids) == 1:
            return None if words else docs.get(doc_ids[0])
        titled = [d for d in docs.values() if all(t in fold(d.title) for t in words)]
        return titled[0] if len(words) >= 2 and len(titled) == 1 else None

    def _dated_clauses(self, doc: Document) -> list[Clause]:
        """The clauses of a document that set a time limit, in order."""
        return [c for c in self.kb.clauses(doc_id=doc.doc_id) if compose.deadlines_of(c)]

    def _validity(self, u: Understanding, as_of: date, previous: Turn | None, make, when_asked: bool = False) -> Answer | None:
        """The status and dates of the documents asked about; `when_asked` (a when-question naming only a
        document) adds, for one that states no period, the time limits its clauses set."""
        own = nfkc(u.question)
        among = previous is not None and asks_among_them(own)  # "其中哪些还有效？": every document the last answer cited
        cited = previous.doc_ids[: None if among else 1] if previous is not None else []
        by_id = self._docs()
        earlier = [by_id[d] for d in dict.fromkeys(cited) if d in by_id]
        repealed = None if earlier and (among or refers_back(own)) else self._repeal_of_the_number_asked(own)
        if repealed is not None:  # "2016年…的那个通知（82号文）现在还执行吗？": held only as a later notice repeals it
            clause, sentence, ended = repealed
            text = f"所问文件已{ended.removeprefix('同时')}：{self._cited_as(clause)}规定：“{sentence}”"
            return make(text, True, self._citations([(clause, 1.0)], as_of))
        if earlier and (among or refers_back(own) or is_elliptical(own, u)):
            docs = earlier  # "这个方案现在还有效吗？", "什么时候截止？": the document of the last answer
        else:  # the document the question names ("杨浦方案"), else the titles its words fit best
            named, names = documents_by_name(own, self.kb.titles())
            if named:  # "细则和专项行动方案哪个还有效？": the 细则 by its kind beside the plan by its name
                rest = own  # the kind word ending a name matched ("…临时救助实施细则") is no second document
                for name in names:
                    rest = rest.replace(name, " ")
                named += [d for d in documents_of_kinds(rest, by_id.values()) if d not in named]
            pointed = [by_id[d] for d in sorted(self._pointed_at(u)) if d in by_id]  # "研究文章还有效吗？"
            if len(pointed) > 1:  # "杨浦那个方案还管用吗？": of the two 方案, the one more of its words name
                asked = bigrams(fold(strip_cues(own, "validity")))
                shared = {d.doc_id: len(asked & bigrams(core_title(d.title))) for d in pointed}
                pointed = [d for d in pointed if shared[d.doc_id] == max(shared.values())]
            docs = [by_id[d] for d in named if d in by_id] or pointed
            if not docs:
                hint = strip_cues(own, "validity")
                hinted = self._hinted(hint, as_of)
                docs = hinted or earlier or self._hinted(strip_cues(u.search_text, "validity"), as_of)
                if docs and self._reports_another_document(own, docs[0]):
                    u.intent = "general"  # "重庆市场监管局什么时候印发倡议书？": the news item says when, it is not the 倡议书
                    return None
                if hinted and not any(self._title_names(hint, d) for d in hinted):
                    # "知识产权金融创新中心认定后有效期几年？": a title's run ("知识产权") beside words no title
                    # holds asks the term of what they name, which its clauses state, if any
                    u.intent = "deadline"
                    return None
        if not docs:
            return None
        docs = docs if among else docs[:2]
        text = "\n".join(dict.fromkeys(compose.validity_sentence(d, as_of) for d in docs))  # two copies of one notice: one sentence
        # "这个细则2024年还能用吗？": that year's status first ("2026年以后": the year after)
        years = [int(y) + (1 if after else 0) for y, after in _YEAR_ASKED.findall(own)]
        text = "\n".join([*dict.fromkeys(line for y in years for d in docs if (line := compose.in_year_sentence(d, y))), text])
        if _TIME_LEFT_ASKED.search(own):  # "还剩多久到期？": the days left, after its dates
            text = "\n".join([text, *(line for d in docs if (line := compose.time_left_sentence(d, as_of)))])
        cited = [c for doc in docs if (c := self._dating_clause(doc)) is not None]
        if asks_duration(own):  # "有效期是多久？": the term as the document states it, beside its end date
            terms = [(i, found.group()) for i, c in enumerate(cited, 1) if (found := _TERM_STATED.search(nfkc(c.text)))]
            text = "\n".join([*(f"文件规定：“{term}”［{i}］。" for i, term in terms), text])
        for doc in docs if when_asked else []:  # the time limits first: they answer "要在什么时候前完成？"
            dated = [] if doc.expiry_date or doc.plan_period else self._dated_clauses(doc)
            if dated:
                seen = {c.clause_id for c in cited}
                cited += [c for c in dated[: compose.TASK_DATES_SHOWN] if c.clause_id not in seen]
                marker = {c.clause_id: i for i, c in enumerate(cited, 1)}
                text = compose.task_deadlines_text(doc, [(c, marker.get(c.clause_id, 0)) for c in dated]) + "\n" + text
        return make(text, True, self._citations([(c, 1.0) for c in cited], as_of))

    def _repeal_of_the_number_asked(self, question: str) -> tuple[Clause, str, str] | None:
        """A document asked by its number ("82号文", "国办发〔2016〕82号") that the corpus does not hold
        but a held one repeals ("…（国办发〔2016〕82号）停止执行"): that clause, its sentence and the words
        ending it. None when a held document has the number (its own validity answers) or no sentence
        repeals it."""
        asked = _DOCUMENT_NUMBER.search(question)
        if asked is None:
            return None
        number = f"{asked.group('number')}号"
        year = asked.group("year") or next(iter(re.findall(r"((?:19|20)\d{2})\s*年", question)), None)
        if any(number in nfkc(d.doc_number) and (year is None or year in d.doc_number) for d in self._docs().values()):
            return None
        for clause in self.kb.clauses_mentioning(number):
            for sentence in re.findall(r"[^。；;\n]+[。；;]?", nfkc(clause.text)):
                at = sentence.find(number)
                ended = _REPEALED.search(sentence, at) if at > 0 and not sentence[at - 1].isdigit() else None
                if ended is not None and (year is None or year in sentence):
                    return clause, sentence.strip(), ended.group()
        return None

    def _hinted(self, hint: str, as_of: date) -> list[Document]:
        """The documents a question's words point at by a run of their title or 文号 of at least
        `TITLE_RUN` characters ("沪府办发〔2024〕7号", "专利转化运用的方案"), best first; not by a word
        most titles share ("2023年7月以后的专利许可还能拿奖补吗？": 专利 — the passages on it decide)."""
        folded = fold(hint)
        return [
            d
            for d in rank_documents_by_hint(hint, self.kb.titles(), as_of)
            if common_run(folded, core_title(d.title)) >= TITLE_RUN or (d.doc_number and common_run(folded, fold(d.doc_number)) >= TITLE_RUN)
        ]

    def _title_names(self, hint: str, doc: Document) -> bool:
        """Do the document's title and 文号 hold at least half of the hint's words, weighed by rarity?
        A run of a title beside words that name something else ("知识产权金融创新中心认定后") is about that."""
        head = fold(f"{doc.title} {doc.doc_number}")
        wanted = [w for w in specific_tokens(hint) if w not in SLOT_WORDS and not _DOCUMENT_LIFE.fullmatch(w)]
        return weighted_coverage(wanted, head, self.kb.bm25.rarity) >= compose.ON_TOPIC_SHARE

    def _reports_another_document(self, question: str, doc: Document) -> bool:
        """Does the question ask about a document of a kind (倡议书, 通知, 公告 …) that the document its
        words fit best is not, but mentions in its text? Then its dates are no answer; its text is."""
        kinds = {m.group(1) for m in _DOCUMENT_KIND.finditer(nfkc(question))}
        title = nfkc(doc.title)
        return any(kind not in title and kind in self._document_text(doc.doc_id) for kind in kinds)

    def _dating_clause(self, doc: Document) -> Clause | None:
        """The clause a validity answer rests on: the one stating a date the answer gives (its
        expiry, start or signature: "本公告自2020年1月1日起实施", "……请遵照执行。 2020年2月19日"),
        else the document's validity clause, else its first."""
        clauses = self.kb.clauses(doc_id=doc.doc_id)
        written = [compose.cn_date(day) for day in (doc.expiry_date, doc.effective_date, doc.issue_date) if day is not None]
        dated = next((c for day in written for c in clauses if day in nfkc(c.text)), None)
        validity = next((c for c in clauses if "validity" in c.meta.kinds), None)
        return dated or validity or next(iter(clauses), None)

    # ---- obligations ------------------------------------------------------------------------------
    def unit_tasks(self, unit: str, as_of: date | None = None) -> UnitTasks:
        canonical = self.resolve_unit(unit)
        as_of = self._as_of(as_of)
        docs = self._docs()
        clauses = [c for c in self.kb.clauses(unit=canonical) if c.doc_id in docs]
        parents = {c.parent_id for c in clauses if c.parent_id}
        clauses = [c for c in clauses if c.clause_id not in parents]  # the sub-item that names the unit, not also its article
        matches = []
        for clause in clauses:
            match = compose.task_match(clause, canonical)
            matches.append(match.model_copy(update={"doc_title": docs[clause.doc_id].title}))
        return UnitTasks(
            unit=canonical,
            aliases=self._aliases(canonical),
            as_of=as_of,
            matches=matches,
            citations=self._citations([(c, 1.0) for c in clauses], as_of),
        )

    def _obligation(self, u: Understanding, as_of: date, make) -> Answer:
        """A unit's tasks: all of them in document order, or those about the question's topic first."""
        docs = self._docs()
        question = DUE_SPAN.sub(" ", nfkc(u.search_text))  # "2024年底前…要完成什么": the years filter, not a topic
        for mention in u.unit_mentions:
            question = question.replace(mention, " ")
        scoped, names = documents_named(question, self.kb.titles())
        for name in names:
            question = question.replace(name, " ")
        mentions = [*u.unit_mentions, *u.units]
        role = next((r for word, r in _ROLES_ASKED.items() if word in question), None)  # "牵头哪些任务": a role, no topic
        joint = len(u.units) >= 2 and bool(_JOINT.search(question))  # "市知识产权局和市教委共同负责哪些任务？"
        topic = [
            t
            for t in specific_tokens(_JOINT.sub(" ", question))
            if not any(t in m or m in t for m in mentions) and t not in _ROLES_ASKED and t not in SLOT_WORDS
        ]
        titled = [] if scoped else self._task_documents_titled(u, question)
        scoped = scoped or titled
        # "…这项工作除了市知识产权局以外还有哪个部门一起负责？": the units named are known, the others of a task asked
        others_asked = bool(topic and u.unit_mentions) and all(_named_besides(m, u.search_text) for m in u.unit_mentions)
        if topic and ((not titled and self._answered_outside_tasks(u)) or others_asked):
            answer = self._retrieved(u, as_of, RetrievalFilters(), make)
            return self._noting_units_unnamed(u, answer, scoped, u.units) if scoped else answer
        text_parts, matches, citations = [], [], []
        asks_timed = bool(_DEADLINE_ASKED.search(question)) and not u.years  # "哪些任务有时间要求？"
        tasks_of = {unit: self.unit_tasks(unit, as_of) for unit in u.units[:3]}
        shared = set.intersection(*({m.clause_id for m in tasks.matches} for tasks in tasks_of.values())) if joint else set()
        if joint and not shared:
            text_parts.append(f"所列文件中{'与'.join(self._unit_as_asked(u, unit) for unit in tasks_of)}没有共同承担的任务；以下分别列出：")
        for unit in list(tasks_of)[:1] if shared else tasks_of:
            tasks = tasks_of[unit]
            by_clause = {c.clause_id: c for c in tasks.citations}
            chosen = [m for m in tasks.matches if (not scoped or by_clause[m.clause_id].doc_id in scoped) and (not shared or m.clause_id in shared)]
            due = _due_in(chosen, u.years)
            timed = [m for m in chosen if m.deadlines] if asks_timed else []
            name = self._unit_as_asked(u, unit)
            heading = f"{name}在所问文件中承担{len(chosen)}项任务：" if scoped and len(chosen) < len(tasks.matches) else ""
            if due:
                heading = f"{name}时限在{'、'.join(map(str, u.years))}年的任务{len(due)}项（共承担{len(tasks.matches)}项）："
            elif timed:  # "哪些任务有时间要求？": those with a deadline
                heading = f"{name}有时限要求的任务{len(timed)}项（共承担{len(tasks.matches)}项）："
            elif asks_timed:
                heading = f"{name}承担的{len(chosen)}项任务均未载明时限："
            chosen = due or timed or chosen
            if shared:
                name = "、".join(self._unit_as_asked(u, other) for other in u.units[:3])
                heading = f"{name}共同承担的任务{len(chosen)}项："
            if role is not None:
                in_role = [m for m in chosen if m.status == role]
                if in_role:
                    chosen = in_role
                    heading = f"{name}{_ROLE_NAMES[role]}的任务{len(chosen)}项："
                elif any(ref.role == role for c in self.kb.get_clauses([m.clause_id for m in chosen]) for ref in c.meta.units):
                    heading = f"{name}没有{_ROLE_NAMES[role]}的任务，以下为其承担的{len(chosen)}项任务："
                else:  # "（责任单位：市知识产权局、市科委）" names no lead: said, not guessed
                    heading = f"所列文件未区分牵头与参与单位，以下为{name}作为责任单位的{len(chosen)}项任务："
            if topic and len(chosen) > 1:
                relevance = {h.clause.clause_id: h.score for h in self.retriever.search(question, k=30, filters=RetrievalFilters(unit=unit))}
                chosen = sorted(chosen, key=lambda m: -relevance.get(m.clause_id, 0.0))
                if len(chosen) > OBLIGATIONS_SHOWN:
                    chosen = chosen[:OBLIGATIONS_SHOWN]
                    heading = f"{name}共承担{len(tasks.matches)}项任务，与所问最相关的是："
            grouped: dict[str, list[Match]] = defaultdict(list)
            for m in chosen:
                grouped[by_clause[m.clause_id].doc_id].append(m)
            if chosen:
                markers = {m.clause_id: len(citations) + i for i, m in enumerate(chosen, 1)}
                text_parts.append(compose.obligation_text(name, grouped, docs, as_of, markers, heading))
            matches.extend(chosen)
            citations.extend(by_clause[m.clause_id] for m in chosen)
        if not matches:  # named in prose only ("支持市融资担保中心…"): answer from the text
            return self._noting_units_unnamed(u, self._retrieved(u, as_of, RetrievalFilters(), make), scoped, u.units)
        return make("\n".join(text_parts), True, citations, matches)

    def _noting_units_unnamed(self, u: Understanding, answer: Answer, scoped: list[str], units: list[str]) -> Answer:
        """A unit no task names, answered from the text: when no cited clause or its document's
        heading names the unit either ("区市场监管局在杨浦方案里负责哪些事情？" and a plan that never
        mentions it), the answer says so first, and that the document asked about does not mention
        it, instead of passing clauses about others' work off as the unit's."""
        cited = nfkc(" ".join([*(c.text for c in answer.citations), *(self._head(c.doc_id) for c in answer.citations)]))

        def names(unit: str) -> set[str]:
            return {nfkc(n) for n in [unit, *self._aliases(unit), *(m for m in u.unit_mentions if self.gazetteer.canonical(m) == unit)]}

        unnamed = [unit for unit in units[:3] if not any(n in cited for n in names(unit))]
        if not unnamed:
            return answer
        asked = "、".join(self._unit_as_asked(u, unit) for unit in unnamed)
        docs = self._docs()
        wanted = {n for unit in unnamed for n in names(unit)}

        def mentions(doc_id: str) -> bool:  # the document's text read once, whatever the names
            text = nfkc(self._document_text(doc_id))
            return any(n in text for n in wanted)

        silent = [d for d in scoped if d in docs and not mentions(d)]
        lead = f"{'、'.join(compose.doc_name(docs[d]) for d in silent)}没有提到{asked}" if silent else ""
        if not answer.answerable:
            return answer.model_copy(update={"answer": compose.refusal_text(lead)}) if lead else answer
        note = f"{lead}。" if lead else ""
        return answer.model_copy(update={"answer": f"{note}以下条款没有提到{asked}，不是对其职责的规定，仅供参考：\n{answer.answer}"})

    def _unit_as_asked(self, u: Understanding, unit: str) -> str:
        """The unit as the question says it, with its canonical name: "市教委（上海市教育委员会）"."""
        surface = next((m for m in u.unit_mentions if self.gazetteer.canonical(m) == unit), unit)
        return unit if surface == unit else f"{surface}（{unit}）"

    def _task_documents_titled(self, u: Understanding, question: str) -> list[str]:
        """The documents assigning the named units tasks whose title shares with the question a run of
        TITLE_RUN characters that at most TITLE_RUN_DOCS titles hold and no unit's name does:
        "各区政府在专项行动中要完成哪些任务？" asks about the 专利转化运用专项行动实施方案's tasks, whatever a
        search for "完成" finds elsewhere; "疫情防控" in hundreds of notices' titles points at none, nor
        an issuer's name before 关于 ("国务院…联防联控机制关于…")."""
        subjects = self._derive("title subjects", "", lambda: {d: nfkc(doc.title).split("关于", 1)[-1] for d, doc in self._docs().items()})
        text = nfkc(re.sub(r"\s+", "", question))
        names = [*u.unit_mentions, *u.units]
        tasked = [d for d in dict.fromkeys(d for unit in u.units[:3] for _, d in self.kb.catalog.clause_docs(unit=unit)) if d in subjects]
        runs = {text[i : i + TITLE_RUN] for i in range(len(text) - TITLE_RUN + 1)}
        runs = {r for r in runs if not any(r in n for n in names) and any(r in subjects[d] for d in tasked)}
        runs = {r for r in runs if sum(r in t for t in subjects.values()) <= TITLE_RUN_DOCS}  # few titles: the document's own
        return [d for d in tasked if any(r in subjects[d] for r in runs)]

    def _answered_outside_tasks(self, u: Understanding) -> bool:
        """Does the passage search ranks first for a question with a topic come from a document that
        assigns the named units no task, or name the unit without being one of its tasks? Then a task
        list would miss what answers it ("国家税务总局如何优化网上办税缴费平台？" is answered by a notice's
        sentences; "工信部采用了哪些方法来保障医疗产品供应？" by "工信部将千方百计…" in a notice that
        also assigns it numbered tasks)."""
        best = self._search(u, RetrievalFilters(), k=1)
        if not best:
            return False
        tasks = [pair for unit in u.units[:3] for pair in self.kb.catalog.clause_docs(unit=unit)]
        clause = best[0].clause
        if clause.doc_id not in {doc_id for _, doc_id in tasks}:
            return True
        names_unit = any(m in nfkc(clause.text) for m in u.unit_mentions)
        return names_unit and clause.clause_id not in {cid for cid, _ in tasks}

    # ---- eligibility ------------------------------------------------------------------------------
    def eligibility(self, subject_type: str, attributes: list[str], region: str | None = None, as_of: date | None = None) -> EligibilityResult:
        as_of = self._as_of(as_of)
        subjects = find_subjects(subject_type) or ([subject_type] if subject_type in SUBJECTS else [])
        if not subjects:
            raise UserInputError(f"无法识别主体类型“{subject_type}”，可选：{'、'.join(self.subject_types())}")
        attrs = list(dict.fromkeys(a for raw in attributes for a in (stated_attributes(raw) or ([raw] if raw in ATTRIBUTES else []))))
        if region:
            attrs += stated_attributes(f"注册在{region}")
        matches, clauses = self._programs(subjects, attrs, f"{subject_type} {' '.join(attributes)}", as_of, RetrievalFilters())
        return EligibilityResult(
            subject_type=subject_type,
            attributes=attrs,
            as_of=as_of,
            matches=matches,
            citations=self._citations([(c, 1.0) for c in clauses], as_of),
        )

    @staticmethod
    def _topic_beside_subjects(u: Understanding) -> str:
        """The question's words beyond who asks ("高校" and its synonyms, "浦东" where it is, a word right
        before the asker's noun that describes it: "三甲医院", "民营医院") and how it asks ("分别")."""
        kinds = {w for s in u.subjects for w in synonyms(s)}
        asker = kinds | set(districts_named(u.search_text)) | set(places_named(u.search_text)) | set(where_the_asker_is(u.search_text)) | _ASKER_SITE
        return " ".join(
            t
            for t in specific_tokens(u.search_text)
            if not any(t in w or w in t for w in asker) and not any(t + w in u.search_text for w in kinds) and not is_function_word(t)
        )

    def _eligibility_answer(self, u: Understanding, as_of: date, filters: RetrievalFilters, make) -> Answer:
        matches, clauses = self._programs(u.subjects, u.attributes, u.search_text, as_of, filters)
        topic = self._topic_beside_subjects(u)
        if topic:
            shown = [Hit(clause=c, score=1.0) for c in clauses[:ELIGIBILITY_SHOWN]]
            if not self._covers(Understanding(question=topic, intent=u.intent, search_text=topic), shown):
                return self._retrieved(u, as_of, filters, make)
            best = self._search(u, filters, k=1)
            if best and best[0].clause.doc_id not in {c.doc_id for c in clauses} and self._binding(best[0].clause.doc_id):
                # what answers the question best is in no document of the funded programs
                # ("重庆市对因疫情影响导致生活困难的职工有什么照顾政策？"): answer from it
                return self._retrieved(u, as_of, filters, make)
        if not filters.doc_ids:
            asked = self._documents_asked(u.search_text)  # "杨浦方案里对企业有什么奖励？": that plan's programmes
            kept = [i for i, c in enumerate(clauses) if not self._elsewhere(u, c.doc_id) and (not asked or c.doc_id in asked)]
            matches, clauses = [matches[i] for i in kept], [clauses[i] for i in kept]
        if not matches:
            return self._retrieved(u, as_of, filters, make)
        named = [i for i, m in enumerate(matches) if compose.names_program(u.question, m.program, (o.program for o in matches))]
        if named:  # a question naming a program is answered from that one
            matches, clauses = [matches[i] for i in named], [clauses[i] for i in named]
        label = "、".join(u.subjects or u.attributes)
        closed = [] if named else self._named_programs_closed(u, {c.clause_id for c in clauses})
        shown = clauses[:ELIGIBILITY_SHOWN]
        programs = {c.clause_id for c in clauses} | {c.parent_id for c in clauses if c.parent_id}
        lead = [] if u.asks_amount else self._outranking(u, filters, programs, self._funded() - programs)
        lead = [*(Hit(clause=c, score=1.0) for c in closed), *(h for h in lead if h.clause.clause_id not in {c.clause_id for c in closed})]
        text = compose.eligibility_text(matches[:ELIGIBILITY_SHOWN], self._docs(), label, as_of, first_marker=len(lead) + 1)
        if len(matches) > ELIGIBILITY_SHOWN:
            text += f"\n另有{len(matches) - ELIGIBILITY_SHOWN}项相关项目，见匹配列表。"
        if lead:  # support measures that answer the question better than any program come first
            pairs = self._with_docs([h.clause for h in lead])
            text = compose.general_text(pairs, as_of, specific_tokens(u.search_text), heading="相关政策条款：") + "\n" + text
        if closed:  # "科研院所能申请高校知识产权运营中心吗？": the programme asked about is not theirs, said first
            text = "\n".join(
                f"所问的“{compose.program_name(c, self.kb.clause(c.parent_id) if c.parent_id else None)}”（{compose.cite_label(c)}［{i}］）"
                f"面向{'、'.join(program_applicants(c))}，“{label}”不在其申报主体之列。"
                for i, c in enumerate(closed, 1)
            ) + "\n" + text
        cited = [(h.clause, h.score) for h in lead] + [(c, 1.0) for c in shown]
        if wholly_missing(self._types_unstated(u, [c for c, _ in cited])):
            return self._retrieved(u, as_of, filters, make)  # the programs do not state what is asked: judged on search's passages
        return make(text, True, self._citations(cited, as_of), matches)

    def _named_programs_closed(self, u: Understanding, open_ids: set[str]) -> list[Clause]:
        """Funded programmes the question names that are not open to the asker (their applicants do not
        include its subjects): what it asks about, though not in its listing."""
        named = self._program_names()
        asked = bigrams(nfkc(u.question))
        # closed by its applicants, not by being left out of the listing ("降低融资成本" for 企业 is open to
        # a 中小企业 asker however the listing was cut)
        near = [
            (c, name) for c, name, pairs in named if c.clause_id not in open_ids and len(pairs & asked) >= 2 and _for_another_applicant(u.subjects, c)
        ]
        names = [name for _, name, _ in named]
        return [c for c, name in near if compose.names_program(u.question, name, names)][:1]

    def _program_names(self) -> list[tuple[Clause, str, frozenset[str]]]:
        """Each funded programme with applicants: its clause, name and the name's character pairs (kept
        until the next write: at 3,800 programmes, naming them per question would cost more than the answer)."""

        def compute() -> list[tuple[Clause, str, frozenset[str]]]:
            funded = self._funded()
            leaves = [c for c in self.kb.funding_clauses() if c.clause_id in funded and program_applicants(c)]
            parents = {p.clause_id: p for p in self.kb.get_clauses(list({c.parent_id for c in leaves if c.parent_id}))}
            named = [(c, compose.program_name(c, parents.get(c.parent_id) if c.parent_id else None)) for c in leaves]
            return [(c, name, frozenset(bigrams(nfkc(name)))) for c, name in named]

        return self._derive("program names", "", compute)

    def _elsewhere(self, u: Understanding, doc_id: str) -> bool:
        """Is the document another place's than the one the question names ("浙江省怎么支持……",
        "上海对……有哪些优惠"): another province's or city's (`_foreign`; for Shanghai, any headed by
        another place), or another Shanghai district's? A 杨浦区 asker keeps 上海市's programs."""
        if doc_id in self._other_districts(u):
            return True
        places = places_named(u.search_text)
        if places:
            return self._foreign(doc_id, places[0])
        return names_shanghai(u.search_text) and self._outside_shanghai(doc_id)

    def _outranking(self, u: Understanding, filters: RetrievalFilters, program_ids: set[str], other_programs: set[str]) -> list[Hit]:
        """Clauses of policies (support measures, not funded programs) that answer the question better
        than any of the asker's programs; another applicant's program ("委托专业机构，起草面向……医院的标准")
        and another place's policy ("青浦区对示范企业有什么奖励？" beside 杨浦区's plan, `_elsewhere`) are
        passed over, neither support for the asker nor the end of the search."""
        lead = []
        for hit in self._search(u, filters, k=6)[:3]:
            if hit.clause.clause_id in program_ids:
                break
            if not filters.doc_ids and self._elsewhere(u, hit.clause.doc_id):
                continue
            # a study's recommendation is no support measure
            if self._binding(hit.clause.doc_id) and hit.clause.clause_id not in other_programs and self._covers(u, [hit]):
                lead.append(hit)
        return lead

    def _programs(
        self, subjects: list[str], attributes: list[str], query: str, as_of: date, filters: RetrievalFilters
    ) -> tuple[list[Match], list[Clause]]:
        """Funded programs open to `subjects`, ranked by relevance to `query`, judged for `attributes`."""
        docs = self._docs()
        wanted = set(expand_subjects(subjects))
        funding = [c for c in self.kb.funding_clauses() if c.doc_id in docs and (not filters.doc_ids or c.doc_id in filters.doc_ids)]
        funded = self._funded()
        children_of: dict[str, list[Clause]] = defaultdict(list)
        for c in funding:
            if c.parent_id:
                children_of[c.parent_id].append(c)
        candidates = [
            c
            for c in funding
            if c.clause_id not in children_of and c.clause_id in funded and wanted & set(program_applicants(c))
        ]
        if not candidates:
            return [], []
        relevance = {h.clause.clause_id: h.score for h in self.retriever.search(query, k=40, filters=RetrievalFilters(kind="funding"))}
        subject_words = {w for s in subjects for w in synonyms(s)}
        # "高校能申请什么？" names nobody's program: prefer programs naming the asker's own kind (专精特新企业)
        # over those open to it through a broader one (企业), then those open to fewer kinds.
        asks_generally = not [t for t in specific_tokens(query) if not any(t in w or w in t for w in subject_words)]
        ranked = []
        for clause in candidates:  # cheap keys first: only the best programs are judged in full
            score = max(relevance.get(clause.clause_id, 0.0), 0.5 * relevance.get(clause.parent_id, 0.0) if clause.parent_id else 0.0)
            kinds = program_applicants(clause)
            own_kind = not set(subjects) & set(kinds) if asks_generally else False
            ranked.append((own_kind, len(kinds) if asks_generally else 0, -score, clause.doc_id, clause.order, clause))
        ranked.sort(key=lambda r: r[:5])
        judged = []
        for *_, clause in ranked[:PROGRAMS_JUDGED]:
            parent = self.kb.clause(clause.parent_id) if clause.parent_id else None
            doc = docs[clause.doc_id]
            judged.append((compose.eligibility_match(clause, parent, doc, self._scope_conditions(doc.doc_id), attributes, as_of), clause))
        judged.sort(key=lambda pair: compose.VERDICT_ORDER[pair[0].status])  # open to the asker first, relevance within
        return [m for m, _ in judged], [c for _, c in judged]

    def _scope_conditions(self, doc_id: str) -> list[str]:
        """Conditions a document sets for all its programmes, and for a district's document the district
        itself: 杨浦's 贴息 is for firms in 杨浦, though its clause says only "对符合条件的企业"."""
        district = districts_named(self._head(doc_id))
        own = [f"注册在{district[0]}{'' if district[0] in _ZONES else '区'}（区级政策）"] if len(district) == 1 else []
        return [*self.kb.scope_conditions(doc_id), *own]

    # ---- listings for the UI and API -------------------------------------------------------------
    def units(self) -> list[UnitSummary]:
        counts = self.kb.catalog.unit_counts()
        return sorted(
            (UnitSummary(name=n, aliases=self._aliases(n), clause_count=k) for n, k in counts.items()),
            key=lambda s: -s.clause_count,
        )

    def subject_types(self) -> list[str]:
        return list(SUBJECTS)

    def attribute_choices(self) -> list[str]:
        return list(ATTRIBUTES)


# a year the question asks a document's force in ("2024年还能用吗", "2023年申请还适用吗"), not the year
# that names it ("2022年印发的细则")
_YEAR_ASKED = re.compile(r"(20\d\d)年(?!印发|发布|出台|版|制定|颁布|的)(?:底|初|内|时)?(以后|之后)?[^，,。？?]{0,8}?(?:还能|还可以|能否|能不能|可以|可否|是否|有效|适用|申请|申报|能用)")
_INTERPRETER_ASKED = re.compile(r"(由?谁|哪个部门|哪个单位|哪个机关|什么部门)(来|负责)?解释|解释权")
# a document's article on who interprets it: "本条例具体应用中的问题，由市工商行政管理局负责解释"
_INTERPRETS = re.compile(r"本[^，。；]{0,12}?(?:条例|规定|办法|细则|方案|规则|决定|通知|意见|标准|法)[^。；]{0,30}?由([^，。；]{2,30}?)(?:负责)?解释")
_TIME_LEFT_ASKED = re.compile(r"(还剩|还有|剩下|剩余)(多久|多长时间|几天|多少天|几个月|几年)|(多久|多长时间|几天|多少天)(后|以后)?(到期|失效|截止)")
# "哪些部门参与了…", "涉及多少个部门", "责任单位有哪些": the units of a named document
_ASKS_UNITS = re.compile(r"(哪些|哪几个|多少个?|几个)(部门|单位|责任单位|委办局)|(责任单位|部门|单位)(有|都有|是)(哪些|哪几个|多少个?|几个)")
UNITS_SHOWN = 20
_DEADLINE_ASKED = re.compile(r"时间要求|时限|截止时间|截止日期|完成时间|时间节点|期限要求")  # which tasks have one
MENTION_CANDIDATES = 400  # clauses BM25 ranks best for a topic word, searched for the topic verbatim
LABELS_SHOWN = 8  # clause labels named per document in a "which documents mention it" answer
# who applies, named as such ("申报主体需要满足什么条件？"): no topic of its own
_APPLICANT_WORDS = frozenset("主体 对象 申请人 申报人 申报对象 申请对象 支持对象".split())
_ASKS_LISTING = re.compile(r"(哪些|哪几项|几项|什么|列出|清单|有哪些).{0,16}(完成|实现|到期|截止|落实)|(完成|实现|到期).{0,4}(哪些|什么|几项)")


@lru_cache(maxsize=256)
def intents_of_parts(question: str) -> tuple[tuple[str, str], ...]:
    """(part, the intent model's reading of it) for each part of a question asking several things
    ("每件多少？统计的是哪段时间的？"); () for a question of one part. Read once per question, by
    both the count check and the figure answer."""
    parts = question_parts(question)
    return tuple((part, default_intents().predict(part)) for part in parts) if len(parts) > 1 else ()


def asked_due_date(question: str) -> date | None:
    """The deadline of a listing question ("哪些工作要在2024年底前完成？"), or None."""
    if not _ASKS_LISTING.search(question):
        return None
    dates = [d.iso for d in parse_dates(nfkc(question)) if d.kind == "deadline"]
    return max(dates) if dates else None


ITEMS_READ = 60  # clauses read after an article for its items: a page, not the whole law
OPENING_CHARS = 24  # of an item's opening shown when an article's items are counted
# asking for more of the same ("还有呢？", "还有别的吗", "其他的呢")
_MORE = re.compile(r"^(那|那么)?(还有|其他|其它|别的|另外)(别的|其他的?|其它的?|的)?(呢|吗|么|没有)?[？?。！!]*$")
# a question asking for policy: what a policy sets, not what a study recommends
_POLICY_ASKED = re.compile(r"政策|措施|举措|规定|办法|扶持")
_ZONES = frozenset({"临港", "张江", "漕河泾"})  # named as they are, not as a 区
# where the asker is ("注册在闵行的医院"): who asks, not what is asked
_ASKER_SITE = frozenset({"注册", "位于", "落户", "坐落", "外地", "外省", "本市", "非本市", "以外"})
# tasks asked of several units together ("共同负责", "一起牵头")
_JOINT = re.compile(r"共同|一起|同时|联合|都要|都负责|都参与")
# a unit's role a question asks about ("市科委牵头哪些任务？"), as UnitRef.role names it
_ROLES_ASKED = {"牵头": "lead", "主责": "lead", "参与": "co", "配合": "co"}
_ROLE_NAMES = {"lead": "牵头", "co": "参与"}
# words of a question about a document's units that ask nothing of a topic ("涉及", "都有")
_UNITS_ASKING = frozenset({"涉及", "责任", "负责", "部门", "单位", "委办局"})


def _topic_beside(rest: str) -> list[str]:
    """The words of what is asked about beside a document's units (the question less the document's
    name): a task's topic, whose units are asked, not the whole document's."""
    return [t for t in specific_tokens(rest) if t not in _ROLES_ASKED and t not in SLOT_WORDS and t not in _UNITS_ASKING]


# how a figure is asked ("每家", "每件"), not which item it is asked of
_PER_UNIT = re.compile(r"每[家件个人项所次份年月条]")


def _further(hits: list[Hit], chosen: list[Hit], count: int) -> list[Hit]:
    """The next `count` candidates an answer names after the clauses it quotes (另见)."""
    cited = {h.clause.clause_id for h in chosen}
    return [h for h in hits if h.clause.clause_id not in cited][: max(count, 0)]


_NUMBER_ASKED = re.compile(r"文号|发文字号|发文号")  # a named document's 文号, from the catalog
_ISSUER_ASKED = re.compile(
    r"(哪个|哪些|什么|哪家|哪一个)(部门|单位|机关|机构)(联合|共同)?(印发|发布|制定|出台|发文|下发|颁布|发的|发出)|由?谁(联合|共同)?(印发|发布|制定|出台|颁布|发的)|(发文|印发|发布|制定|颁布)(机关|部门|单位)"
)
_KINDS_ASKED = re.compile(r"几类|几种|哪几类|哪几种|几个方面|哪几个方面|分为哪|分哪|哪些类|哪些种类|哪几项")  # the items of an article
# what a document's life is asked by ("印发日期", "何时施行"): no word of what it is about
_DOCUMENT_LIFE = re.compile(r"印发|发布|出台|颁布|发文|施行|生效|实施|执行|适用|废止|失效|有效|到期|期满|起止")
_DOCUMENT_KIND = re.compile(r"(倡议书|通知|公告|通告|意见|办法|方案|措施|指南|细则|决定|规定|条例|倡议|公开信|一封信)")
_TAIL_ASKED = re.compile(r"抄送|印发|分送|报送|发文|联系|电话|落款")  # what only a document's tail (文尾) says
_NAMING = re.compile(r"《[^》]*》|[（(]?[\u4e00-\u9fff]{0,12}[〔\[［(（]?\d{4}[〕\]］)）]?年?第?\d+号[)）]?|[（(][0-9一二三四五六七八九十]+[)）]|^[0-9一二三四五六七八九十]+[.、．]|[\s，,。；;：:、]")


def only_names_documents(text: str) -> bool:
    """Is the passage a bare reference to other documents: their 《names》 and 文号, a label, no more
    than a connecting word ("依据《…》")?"""
    return "《" in text and len(_NAMING.sub("", text)) <= 4


def _with_markdown(answer: Answer) -> Answer:
    """The answer as the API and UI show it: with its Markdown (sources as collapsed blocks)."""
    return answer.model_copy(update={"answer_markdown": answer_markdown(answer.answer, answer.citations)})


def item_opening(clause: Clause) -> str:
    """An item's first phrase after its label: what it is about ("在本市保险机构中", "公共专利墙")."""
    return compose.first_phrase(re.sub(r"^\s*[（(][一二三四五六七八九十百〇零0-9]+[）)]", "", clause.text))


def _labels(matches: list[Match]) -> str:
    return "、".join(m.label for m in matches)


def _due_in(matches: list[Match], years: list[int]) -> list[Match]:
    """The tasks whose time limit falls in one of the years ("２０２４年底" for 2024)."""
    return [m for m in matches if any(str(y) in nfkc(d) for y in years for d in m.deadlines)]


# a figure a question states with its unit ("60件", "5.5%", "3000件"): the passage stating it is the one asked of
_STATED_FIGURE = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:%|件|家|所|项|个|人|万元|亿元|元|万|亿)")
# a comparison asked ("和全市定的目标比，哪个高？", "比全市的目标高还是低？"), and the city it is with
_COMPARES = re.compile(r"相比|对比|比较|哪个(?:高|低|多|少|大)|高还是低|多还是少|差多少|一样吗|[和与跟同][^，,。？?]{0,12}比|比[^，,。？?]{0,10}(?:高|低|多|少)")
_THE_CITY = re.compile(r"全市|市里|市级|上海市?(?!.{0,3}区)")
# the district's own government or budget, as people name it ("区里能补多少", "区级政策", "本区"): not the city's
_THE_DISTRICT_ITSELF = re.compile(r"区里|区级|本区|区财政|区上")
# who is asked of: units ("哪几个部门负责"), whom a sum is for ("支持谁来搭的"), by what it is shared ("按什么分")
_ASKS_WHO = re.compile(r"部门|单位|谁|牵头|负责")
_ASKS_WHICH_UNITS = re.compile(r"(?:哪|几|什么)[个些几家]*(?:部门|单位)|谁")
_ASKS_WHOM = re.compile(r"谁|给哪|哪些(?:单位|机构|主体)|什么(?:样的)?(?:单位|机构|主体)|奖给[^，,。？?]{1,10}还是")
_ASKS_TARGETS = re.compile(r"(?:有没有|有什么|有哪些|是多少|定了|设了|要达到)[^，,。？?]{0,6}(?:指标|目标)|(?:指标|目标)(?:是|有)(?:多少|哪些)")
_ASKS_BASIS = re.compile(r"按(?:照)?什么|怎么(?:分|算|核定|计算)|如何(?:分配|核定|计算)|(?:依据|根据)(?:什么|哪些)")


def _named_besides(mention: str, question: str) -> bool:
    """Is the unit named only as one besides which others are asked ("除了市知识产权局以外还有哪个部门")?"""
    return bool(re.search(rf"(?:除了?|除去){re.escape(mention)}(?:以外|之外|外)?[^，,。？?]*{_ASKS_WHICH_UNITS.pattern}", nfkc(question)))


def _program_named_first(named: list[Clause], hits: list[Hit]) -> list[Hit]:
    """The programmes a question names (`Engine._programs_named`) first, in the order it names them,
    wherever search ranked them: a sibling sharing most of a name's words (中小企业知识产权首席运营官培养)
    may rank above it."""
    ids = {c.clause_id for c in named}
    found = {h.clause.clause_id: h for h in hits if h.clause.clause_id in ids}
    score = hits[0].score if hits else 1.0
    leads = [found.get(c.clause_id) or Hit(clause=c, score=score) for c in named]
    return [*leads, *(h for h in hits if h.clause.clause_id not in found)]


def _stating_evidence_first(
    u: Understanding,
    chosen: list[Hit],
    close: list[Hit],
    of_the_place: Callable[[Understanding, Hit], bool],
    held: Callable[[Understanding, Hit], float],
) -> list[Hit]:
    """A sum or a time asked of a best passage that states none (for a sum, its article neither),
    while another of the `close` passages (the best `FIGURE_POOL`, not only the three the answerability
    judged: siblings naming the topic more often rank the stating item fourth) states one: that one
    leads ("…第二批专项资金总共有多少？": 第三条's 5447.20万元, not 第二十四条 on who manages the fund; "…移交手续最迟什么时候办完？":
    the item stating "2019年6月底前"); the first is cited beside it. Not another
    applicant's programme (the 公共专利墙's sum for 行业协会 is no answer to a 高校), nor a passage whose
    document never names the place asked (`of_the_place`: 吉林's sum for a 黑龙江 question), nor one
    holding less of the question than the first (`held`, rarity-weighted): "专利质押贷款贴息最多能贴到多少钱？"
    stays with the plan's "落实…贴息…政策" (no sum: said so), not the bank's 0.1% award that lacks 贴息."""
    if len(chosen) < 2 or has_figure(u.intent, chosen[0]):
        return chosen
    ids = {h.clause.clause_id for h in close}
    floor = held(u, chosen[0])
    stating = [
        (share, -i, h)
        for i, h in enumerate(chosen[1:])
        if h.clause.clause_id in ids
        and has_figure(u.intent, h)
        and not (u.subjects and _for_another_applicant(u.subjects, h.clause))
        and of_the_place(u, h)
        and (share := held(u, h)) >= floor
    ]
    if not stating:
        return chosen
    best = max(stating, key=lambda t: t[:2])[2]  # the one holding most of the question; ties in rank order
    return [best, *(h for h in chosen if h is not best)]


# a sum or standard a clause leaves to another body or rule: "奖金数额由国务院科学技术行政部门会同财政部门提出",
# "具体价值限额由市人民政府另行规定", "各种费用的缴纳标准，由…规定"
_DEFERRED = re.compile(r"(?:数额|标准|限额|金额|额度|办法)[，,]?由[^。；;]{2,40}?(?:另行)?(?:规定|制定|确定|提出|公布)")


def _figure_deferred(u: Understanding, chosen: list[Hit]) -> tuple[Clause, str] | None:
    """An amount asked where the best passage states none and says who sets it instead: that passage
    and its sentence (the texts leave the figure to someone else; a sum another passage states is of
    something else: 科技进步奖's 20万元 is no answer on the 科技功臣奖 whose sum "由…提出"). So too a
    number asked in other words ("考试一共考几门科目？每科多少分算合格？") of a passage stating no
    quantity whose rules are left to another ("考试办法由国务院专利行政部门制定")."""
    if not chosen or u.intent in compose.FIGURE_INTENTS and (u.intent != "amount" or has_figure(u.intent, chosen[0])):
        return None
    text = nfkc(chosen[0].clause.text)
    if u.intent != "amount" and (_ANY_QUANTITY.search(text) or not any(ASKS_QUANTITY.search(s) for s in asking_sentences(u.search_text))):
        return None
    found = _DEFERRED.search(text)
    if found is None:
        return None
    start = max((text.rfind(m, 0, found.start()) for m in "。；;\n"), default=-1) + 1
    return chosen[0].clause, re.sub(r"^第[一二三四五六七八九十百零〇]+条\s*", "", text[start : found.end()].strip())


_A_DATE = re.compile(r"(?:19|20)\d{2}\s*年(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?|\d{1,2}\s*月\d{1,2}\s*日")
# a fee said to be none ("免费出具", "不得收取任何费用")
_NO_CHARGE = re.compile(r"免费|免收|不收费|不得?收取|免交|免缴")
# any quantity a passage may state: a digit, a number said in words before a unit, or a sum said
# without one (no charge, "全额", "减半")
_ANY_QUANTITY = re.compile(
    rf"\d|[一二三四五六七八九十两百千]+[余多]?[万亿]?(?:元|%|倍|个|件|家|人|项|年|月|日|天)|百分之|{_NO_CHARGE.pattern}|减费|免征|免予|免除|全额|减半|无偿"
)


def _no_figure_at_all(intent: str, chosen: list[Hit]) -> bool:
    """A figure asked where no chosen passage states one of its kind and the best states no quantity
    whatever: the texts name the thing and leave its figure unsaid, and "未载明" with clauses would
    present them as a basis."""
    if intent not in ("amount", "target") or not chosen or any(has_figure(intent, h) for h in chosen):
        return False
    text = re.sub(r"^第[一二三四五六七八九十百零〇]+条", "", nfkc(chosen[0].clause.text))
    if intent == "amount":  # a date is no sum ("2025年底前实现全覆盖")
        text = _A_DATE.sub("", text)
    return not _ANY_QUANTITY.search(text)

# how a court decided one case ("那场专利官司最后判赔了多少？", "那个案子最高人民法院最后是怎么判的？"), and
# a document that records such decisions
_CASE_OUTCOME = re.compile(
    r"(?:那场|那个|这场|那起|这起|那宗)[^，。？?]{0,8}(?:官司|案子|案件|诉讼|纠纷案)|(?:最后|最终)[^，。？?]{0,6}判"
)
_JUDGMENT = re.compile(r"判决书|裁定书|裁判文书|指导案例|典型案例")
# a penalty asked of some conduct ("会怎么罚？", "罚款大概多少？", "要承担什么法律责任？")
_PENALTY_ASKED = re.compile(
    r"怎么罚|怎样罚|如何处罚|罚多少|罚款[^，。？?]{0,4}(?:多少|几)|会被[^，。？?]{0,4}罚|(?:受到|面临|给予)?(?:什么|哪些|何种|怎样的)处罚"
    r"|处罚(?:是什么|有哪些|多重|重不重)|(?:承担|负)(?:什么|哪些|怎样的)?(?:法律)?责任|追究[^，。？?]{0,6}责任|会怎么处理|被查到"
)
# what a penalty clause sets
_PENALTY = re.compile(r"罚款|罚金|处罚|警告|吊销|没收|拘留|刑事责任|处分")
_ARTICLE_NUMBER = re.compile(r"第[一二三四五六七八九十百零〇]+条")


# a quantity asked in a unit of weight, area, length or volume ("多少斤粮食", "几亩地"): only a number in
# that unit answers it
_UNIT_ASKED = re.compile(r"(?:多少|几)万?(斤|公斤|千克|吨|亩|平方米|平米|公里|千米|立方米|升)")



# a sum asked in money ("多少钱一片", "一年最多能贴多少万"): a rate does not answer it
_MONEY_ASKED = re.compile(r"多少钱|几块钱|多少块|多少万|几万块?|多少元|多少个?亿")
# a sum asked by the money word it is paid as ("每月发多少津贴", "经费有多少")
_PAID_AS = "|".join(sorted(MONEY_WORDS | {"经费", "奖金", "费用", "资金", "工资", "价格"}))
_SUM_WORD_ASKED = re.compile(rf"(?:{_PAID_AS})[^，。？?,]{{0,6}}(?:多少|几)|(?:多少|几)[^，。？?,]{{0,2}}(?:{_PAID_AS})")
# a sum a passage states without a number: none charged, all of it, who bears it ("个人负担部分由财政给予补助")
_SUM_WITHOUT_NUMBER = re.compile(rf"{_NO_CHARGE.pattern}|全额|减半|无偿|由[^，。；;,]{{1,10}}?(?:承担|负担|补助|兜底|支付|报销)")
_RATE_STATED = re.compile(r"%|百分之|[一二三四五六七八九]成|倍")
# a sum of money as written, with or without 元 ("2500万", "十六亿元"), not a count of ten thousands ("3万人")
_MONEY_SAID = re.compile(r"[0-9][0-9.,]*[余多]?(?:[万亿](?![件个人家户次名项所台套张吨亩辆]|平方|千瓦)元?|元)|[一二三四五六七八九十两百千]+[余多]?[万亿]?元")


def _no_sum_stated(u: Understanding, chosen: list[Hit], held: Callable[[Understanding, Hit], float]) -> bool:
    """A sum asked in money, or by the money word it is paid as, where no chosen passage of the best
    one's document states a sum in money (the extractors' sums; a plan's goal, such as 产值700亿元,
    only when a level is asked: "生均财政拨款要求达到多少钱？"), nor one without a number, nor, for a
    money word, a rate: "职业院校的双师型教师每人每月发多少津贴？" of a clause on hiring them,
    "阿托伐他汀…多少钱一片？" of clauses on the share of volume bought, "贴息每家一年最多能贴多少万？" of
    "贷款利率50%的贴息". What the texts leave unsaid is no figure to present; another document's sum
    (an award for guarantors) is no answer either, nor a passage holding none of the question's words
    (`held`: another programme's sum). Sums in the best one's document that the lead leaves to other
    articles are ("长者饭堂…补多少钱？": 第二十八条's 每人每次3元)."""
    text = nfkc(u.search_text)
    in_money, by_word = _MONEY_ASKED.search(text), _SUM_WORD_ASKED.search(text)
    if not chosen or not (in_money or by_word):
        return False
    level_asked = "达" in text
    sums: list[str] = []
    for hit in (h for h in chosen if h is chosen[0] or h.clause.doc_id == chosen[0].clause.doc_id and held(u, h) > 0):
        clause, stated = hit.clause, nfkc(hit.clause.text)
        goals = "" if level_asked else nfkc(" ".join([*compose.targets_of(clause), *compose.amounts_of(clause, ("target_figure",))]))
        if _SUM_WITHOUT_NUMBER.search(stated):
            return False
        # "补贴金额超过2500万": said without 元, which the extractors miss
        sums += [*compose.amounts_of(clause, compose.ASKED_AMOUNT_KINDS), *(m for m in _MONEY_SAID.findall(stated) if m not in goals)]
    rates = [a for a in sums if _RATE_STATED.search(a)]
    return len(rates) == len(sums) and (bool(in_money) or not rates)


# the year a figure is asked by ("到2035年", "2025年底前") or of ("2026年的低保标准"); not a year
# something happened in
_BY_YEAR = re.compile(r"(?:到|至|截至|截止到?)\s*((?:19|20)\d{2})\s*年|((?:19|20)\d{2})\s*年\s*(?:底|末|前|度?的)")
_A_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
_YEAR_SPAN = re.compile(r"((?:19|20)\d{2})\s*年?\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年")


def _years_asked_by(question: str) -> list[str]:
    return list(dict.fromkeys(a or b for a, b in _BY_YEAR.findall(nfkc(question))))


def _the_year_asked_first(u: Understanding, chosen: list[Hit], close: list[Hit], dated_by: Callable[[Hit], str]) -> list[Hit] | None:
    """A figure asked by a year: the chosen clauses with a close candidate stating a figure by that
    year first, unless the lead is dated by it (its text, heading or document's title: a 2024-2026
    plan's goals are 2026's); None when the lead dates its figures by other years (its text, heading or
    title: "我市2025年…标准的通知" for "2026年的低保标准") and no candidate by the one asked — the
    figure is another year's (2025's 2万亿元 for "到2035年…")."""
    years = _years_asked_by(u.search_text)
    if not years or not chosen:
        return chosen

    def by_the_year(h: Hit) -> bool:
        dated = dated_by(h)
        spans = [(int(a), int(b)) for a, b in _YEAR_SPAN.findall(dated)]  # "（2024-2026年）" dates 2025's too
        return any(re.search(rf"{y}\s*年", dated) or any(a <= int(y) <= b for a, b in spans) for y in years)

    if by_the_year(chosen[0]):
        return chosen
    naming = next((h for h in close if has_figure(u.intent, h) and by_the_year(h)), None)
    if naming is not None:
        return [naming, *(h for h in chosen if h.clause.clause_id != naming.clause.clause_id)]
    return None if _A_YEAR.search(dated_by(chosen[0])) else chosen


# each of several askers' own ("分别", "各自", "各是多少")
_EACH_ASKED = re.compile(r"分别|各自|各是|各能|各有|各给|各拿")
# a document asked by its number: "82号文", "国办发〔2016〕82号", "〔2016〕82号"
_DOCUMENT_NUMBER = re.compile(r"(?:[〔\[（(](?P<year>(?:19|20)\d{2})[〕\]）)]\s*)?第?(?P<number>\d{1,4})\s*号")
# a later document's words ending an earlier one
_REPEALED = re.compile(r"停止执行|不再执行|废止|同时失效")


# a document's term as it states it ("本通知有效期1年", "有效期为五年")
_TERM_STATED = re.compile(r"[^。；;，,\n]*有效期(?:为|是)?[0-9一二三四五六七八九十两]+(?:个月|年)")


# how a sum is measured, as people say it: "一个月", "每人", "一年", "每户"
_PER_MEASURE = re.compile(r"(?:每|一)个?(?:人|月|年|天|日|户|家|件|次|季度)")


def _sum_of_the_asked_first(u: Understanding, chosen: list[Hit], close: list[Hit], of_the_place: Callable[[Understanding, Hit], bool]) -> list[Hit]:
    """An amount asked of a thing ("最低生活保障标准是多少？"): a close candidate (of the chosen, or the
    `close` hits the figure answers are picked from) stating the sum *of*
    it ("最低生活保障标准为每人每月1309元") leads one whose sum is of something else that merely
    mentions it ("特困人员基本生活标准按最低生活保障标准的1.6倍…为每人每月2094.4元"). The shares are
    of the question's words named before the 为/是 of a stated sum; at least half must be. A candidate
    whose document never names the place asked leads nothing (`of_the_place`: "黑龙江省…医疗费用可以
    报销多少？" is not answered with 吉林's "医疗费用为44.5万元"). The place and the measure of the
    sum ("广州现在的低保标准是多少？一个人一个月能领多少钱": 广州, 一个月) name no thing: a sum's name
    never holds them, its document and its 每人每月 do."""
    places = set(places_named(u.search_text))
    words = [w for w in specific_tokens(u.search_text) if w not in places and not _PER_MEASURE.fullmatch(w)]
    ids = {h.clause.clause_id for h in chosen}
    pool = [*chosen, *(h for h in close if h.clause.clause_id not in ids)]
    shares = [compose.share_said_of(h.clause.text, words) if of_the_place(u, h) else 0.0 for h in pool]
    best = max(range(len(pool)), key=lambda i: (shares[i], -i), default=0)
    if best == 0 or shares[best] < 0.5:
        return chosen
    return [pool[best], *(h for h in chosen if h is not pool[best])][: len(chosen)]


def has_figure(intent: str, hit: Hit) -> bool:
    """Does the clause state a figure of the kind the question asks for?"""
    meta = hit.clause.meta
    if intent == "amount":
        return bool(compose.amounts_of(hit.clause, compose.ASKED_AMOUNT_KINDS)) or bool(compose.MONEY_FIGURE.search(hit.clause.text))
    if intent == "deadline":
        return bool(compose.dated_times(hit.clause)) or bool(compose.TIME_FIGURE.search(compose.without_issue_dates(hit.clause)))
    if intent == "target":
        return bool(meta.targets or any(a.kind == "target_figure" for a in meta.amounts))
    return True


def program_applicants(clause: Clause) -> tuple[str, ...]:
    """Who applies for a funded clause: named in it, else in its article's lead ("支持…：（一）…")."""
    return applicants(clause.text) or applicants(clause.context)


def _for_another_applicant(askers: list[str], clause: Clause) -> bool:
    """Is the clause a funded programme whose applicants it names, none of them the asker's kind,
    broader or narrower (a 高校 asking, 行业协会 applying; not 企业 asking where 中小企业 apply)?"""
    named = program_applicants(clause) if "funding" in clause.meta.kinds else ()
    return bool(named) and not (set(expand_subjects(askers)) & set(named) or set(expand_subjects(list(named))) & set(askers))


def expand_subjects(subjects: list[str]) -> list[str]:
    """An asker of a narrower kind also qualifies where a broader kind is named (专精特新企业 → 中小企业 → 企业)."""
    broader = {
        "专精特新企业": ["中小企业", "企业", "企事业单位"],
        "中小企业": ["企业", "企事业单位"],
        "高新技术企业": ["企业", "企事业单位"],
        "科技型企业": ["企业", "企事业单位"],
        "国有企业": ["企业", "企事业单位"],
        "企业": ["企事业单位"],
        "高校": ["高校院所", "企事业单位"],
        "科研机构": ["高校院所", "企事业单位"],
        "医院": ["医疗卫生机构", "企事业单位"],
        "医疗卫生机构": ["医院", "企事业单位"],
        "行业协会": ["社会组织"],
        "商业银行": ["银行机构", "金融机构"],
        "保险机构": ["金融机构"],
        "担保机构": ["金融机构"],
        "知识产权服务机构": ["服务机构"],
    }
    out = list(subjects)
    for s in subjects:
        out.extend(broader.get(s, []))
    return list(dict.fromkeys(out))
