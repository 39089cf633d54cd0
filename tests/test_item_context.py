"""Articles keep their items, items keep their article: an item of an article is cited with it
(第三条（二）) and carries the article's lead sentence — in its citation, its embedding text and
its search tokens."""

from __future__ import annotations

import json
from datetime import date

import pytest

from chat.compose import citation
from indexer.normalize import clean_layout
from indexer.pipeline import ParsedDocument, annotate, build_clauses, embedding_text
from indexer.segment import segment
from kb.config import BUNDLED_CORPUS, Settings
from kb.models import Clause, Document, Hit
from kb.retrieve import lead_only_behind_article

LAW_TITLE = "示例作品保护办法"
LEAD = "本办法所称的作品，是指文学、艺术和科学领域内具有独创性并能以一定形式表现的智力成果，包括："
LAW = f"""{LAW_TITLE}

第一条 为了保护文学、艺术和科学作品作者的权益，鼓励优秀作品的创作和传播，制定本办法。
第二条 本市公民、法人或者非法人组织的作品，不论是否发表，依照本办法享有保护。
第三条 {LEAD}
（一）文字作品；
（二）美术、建筑作品；
（三）计算机软件。
"""
PLAN = "沪府办发2024-7号_上海市专利转化运用专项行动实施方案"
AS_OF = date(2025, 6, 1)


def _clauses(text: str, doc_id: str = LAW_TITLE) -> tuple[Document, list[Clause]]:
    doc = Document(doc_id=doc_id, title=doc_id)
    return doc, build_clauses(doc, segment(clean_layout(text)))


def _by_cite(clauses: list[Clause]) -> dict[str, Clause]:
    return {c.cite: c for c in clauses}


# ---- parsing: cite, lead, embedding text, tokens (no index) ------------------------------------------
def test_an_item_is_cited_with_its_article_and_carries_the_articles_lead():
    doc, clauses = _clauses(LAW)
    cites = _by_cite(clauses)
    assert {"第一条", "第二条", "第三条", "第三条（一）", "第三条（二）", "第三条（三）"} <= set(cites)
    item, article = cites["第三条（二）"], cites["第三条"]
    assert item.label == "（二）" and item.text == "（二）美术、建筑作品；" and item.parent_id == article.clause_id
    assert item.context == LEAD  # verbatim, without "第三条"
    assert article.context == "" and cites["第一条"].context == ""
    assert LEAD in embedding_text(doc, item) and item.text in embedding_text(doc, item)
    assert LEAD not in embedding_text(doc, cites["第一条"])


def test_an_items_search_tokens_hold_the_lead():
    doc, clauses = _clauses(LAW)
    parsed = ParsedDocument(doc, clauses, [])
    annotate(parsed)
    item_tokens = parsed.tokens[[c.cite for c in clauses].index("第三条（三）")]
    assert {"独创性", "智力", "成果", "计算机", "软件"} <= set(item_tokens)


def test_deeper_items_and_articles_without_a_lead():
    text = "第五条 项目包括：\n（一）平台建设，分为：\n1. 线上平台；\n2. 线下平台。\n（二）人才培养。\n第六条\n（一）甲项。\n（二）乙项。\n"
    _, clauses = _clauses(text, "示例")
    cites = _by_cite(clauses)
    assert cites["第五条（一）1."].context == "项目包括："  # the article's lead, not the item's
    assert cites["第五条（二）"].context == "项目包括："
    assert cites["第六条（一）"].context == ""  # an article that opens with its items
    assert cites["第六条（二）"].label == "（二）"


def test_a_citation_carries_the_cite_and_the_lead_but_quotes_the_item_alone():
    doc, clauses = _clauses(LAW)
    item = _by_cite(clauses)["第三条（二）"]
    cited = citation(item, doc, 0.5, AS_OF)
    assert (cited.label, cited.cite, cited.context, cited.text) == ("（二）", "第三条（二）", LEAD, "（二）美术、建筑作品；")
    assert cited.model_dump(mode="json")["context"] == LEAD  # what the API sends


def test_items_of_a_notice_without_articles_keep_their_labels():
    path = BUNDLED_CORPUS / f"{PLAN}.txt"
    _, clauses = _clauses(path.read_text(encoding="utf-8"), PLAN)
    six = [c for c in clauses if c.label == "（六）"]
    assert len(six) == 1 and six[0].cite == "（六）" and six[0].context == ""
    assert all(not c.context for c in clauses)


def test_an_item_matching_only_through_the_lead_goes_behind_its_article():
    article = Clause(clause_id="a", doc_id="d", label="第五条", text="第五条 专项资金主要用于：\n（一）机制建设。主要包括：中心建设。", order=0)
    item = Clause(clause_id="i", doc_id="d", label="（一）", text="（一）机制建设。主要包括：中心建设。", order=1, parent_id="a", context="专项资金主要用于：")
    hits = [Hit(clause=item, score=0.7), Hit(clause=article, score=0.55)]
    assert [h.clause.clause_id for h in lead_only_behind_article(hits, "专项资金主要用在哪几个方面？")] == ["a", "i"]
    assert [h.clause.clause_id for h in lead_only_behind_article(hits, "专项资金用于哪些中心建设？")] == ["i", "a"]


# ---- a real index of the small law --------------------------------------------------------------------
@pytest.fixture(scope="module")
def law_engine(tmp_path_factory):
    from chat.engine import Engine
    from indexer.pipeline import index_paths

    root = tmp_path_factory.mktemp("law")
    (root / "corpus").mkdir()
    (root / "corpus" / f"{LAW_TITLE}.txt").write_text(LAW, encoding="utf-8")
    engine = Engine.open(Settings(data_dir=root / "data"))
    report = index_paths(engine.kb, [root / "corpus"], progress=False)
    assert report.added == [LAW_TITLE] and not report.failed
    engine.root = root
    yield engine
    engine.kb.close()


@pytest.mark.slow
@pytest.mark.parametrize("question", ["本办法所称的作品是指什么？", "什么是具有独创性的智力成果？"])
def test_a_question_on_the_leads_words_finds_the_article_or_its_item(law_engine, question):
    top = law_engine.retriever.search(question, k=3)[0].clause
    assert top.cite.startswith("第三条")
    answer = law_engine.ask(question)
    assert answer.answerable and answer.citations[0].cite.startswith("第三条")


@pytest.mark.slow
def test_a_question_on_an_item_cites_it_with_its_article_and_lead(law_engine):
    answer = law_engine.ask("计算机软件算不算作品？")
    first = answer.citations[0]
    assert (first.cite, first.label, first.context) == ("第三条（三）", "（三）", LEAD)
    assert "第三条（三）" in answer.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["第三条第（二）项", "示例作品保护办法第三条（二）是什么内容？", "第三条(二)"])
def test_label_lookup_finds_the_item_inside_its_article(law_engine, question):
    hits = law_engine.retriever.lookup_labels(question)
    assert hits[0].clause.cite == "第三条（二）"
    answer = law_engine.ask(question)
    assert answer.intent == "lookup" and answer.citations[0].cite == "第三条（二）"
    assert answer.citations[0].context == LEAD
    assert "第三条（二）：（二）美术、建筑作品" in answer.answer  # the answer labels the item with its cite


@pytest.mark.slow
def test_the_article_alone_is_still_found_by_its_label(law_engine):
    hits = law_engine.retriever.lookup_labels("第三条的内容是什么")
    assert hits[0].clause.cite == "第三条"


@pytest.mark.slow
def test_cli_ask_prints_the_lead_before_the_item(law_engine, capsys):
    from chat.cli import main

    assert main(["ask", "--data-dir", str(law_engine.root / "data"), "第三条第（二）项"]) == 0
    out = capsys.readouterr().out
    cited = out[out.index("依据：") :]
    assert "第三条（二）" in cited
    assert cited.index(LEAD) < cited.index("（二）美术、建筑作品；", cited.index(LEAD))
    code = main(["ask", "--json", "--data-dir", str(law_engine.root / "data"), "第三条第（二）项"])
    first = json.loads(capsys.readouterr().out)["citations"][0]
    assert code == 0 and (first["cite"], first["context"]) == ("第三条（二）", LEAD)


def test_web_chat_citation_block_shows_the_cite_and_the_lead():
    from chat.markdown import citations_md

    doc, clauses = _clauses(LAW)
    item = _by_cite(clauses)["第三条（二）"]
    md = citations_md([citation(item, doc, 0.5, AS_OF)])
    assert "第三条（二）" in md
    assert md.index("智力成果") < md.index("美术、建筑作品")


# ---- the bundled corpus --------------------------------------------------------------------------------
@pytest.mark.slow
def test_bundled_items_keep_their_cites_and_articles_lend_their_leads(engine):
    six = [c for c in engine.kb.clauses(doc_id=PLAN) if c.label == "（六）"]
    assert [c.cite for c in six] == ["（六）"] and six[0].context == ""
    answer = engine.ask("实施细则第九条（二）是什么内容？")
    first = answer.citations[0]
    assert (first.cite, first.label, first.context) == ("第九条（二）", "（二）", "知识产权金融创新中心评定。")
    assert "第九条（二）" in answer.answer


def test_a_paragraph_after_the_items_is_cited_as_the_articles_next_kuan():
    text = LAW + "前款所列作品的著作权，依照本办法第二条享有。\n第四条 本办法自公布之日起施行。\n"
    _, clauses = _clauses(text)
    cites = _by_cite(clauses)
    assert cites["第三条（三）"].text.strip() == "（三）计算机软件。"
    kuan = cites["第三条第二款"]
    assert kuan.text.startswith("前款所列作品") and kuan.parent_id == cites["第三条"].clause_id
    assert kuan.context == LEAD  # it carries the article's lead, as its items do
