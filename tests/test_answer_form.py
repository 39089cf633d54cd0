"""Answer form for figure questions (amount, deadline, target): the direct answer first, every
figure in it marked ［n］ for the citation that states it verbatim, and no sentence said twice."""

from __future__ import annotations

import re

import pytest

from eval.answer_form import repeated_sentence
from eval.harness import load_devset, plan_sessions
from kb.textnorm import nfkc

FIGURE_QUESTIONS = [d for d in load_devset() if d.answerable and d.intent in ("amount", "deadline", "target") and not d.session]
MARKED = re.compile(r"([^；。［］]+)［(\d+)］")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", nfkc(text))


@pytest.mark.parametrize("item", FIGURE_QUESTIONS, ids=[d.id for d in FIGURE_QUESTIONS])
def test_every_figure_of_the_direct_answer_is_marked_and_stated_by_its_citation(engine, item):
    answer = engine.ask(item.question, as_of=item.as_of)
    if not answer.answerable or answer.intent not in ("amount", "deadline", "target"):
        pytest.skip(f"answered as {answer.intent!r}, answerable={answer.answerable}: not a figure answer")
    first = answer.answer.splitlines()[0]
    if first.startswith("［"):  # no figure extracted from the best clause: it is quoted instead
        return
    marked = MARKED.findall(first)
    assert marked, first
    for figure, number in marked:
        cited = answer.citations[int(number) - 1]
        for part in figure.split("；"):
            assert squeeze(part) in squeeze(cited.text), (part, cited.cite)


@pytest.mark.parametrize("item", FIGURE_QUESTIONS, ids=[d.id for d in FIGURE_QUESTIONS])
def test_no_sentence_of_a_figure_answer_is_said_twice(engine, item):
    assert repeated_sentence(engine.ask(item.question, as_of=item.as_of).answer) is None


FIGURE = re.compile(r"[0-9]{4}年(?:[0-9]{1,2}月(?:[0-9]{1,2}日)?)?|[0-9][0-9.,]*(?:万元|亿元|元|%|件|家|所|人|个|项|亿|倍|天|次)")
# what a line names rather than states: documents (with their 文号), clause labels, markers
NAMES = re.compile(r"《[^》]*》|（[^（）]*〔[0-9]{4}〕[^（）]*）|第[0-9]+[–-][0-9]+句|(?<![0-9])[0-9]+[.、](?![0-9])|［[0-9]+］")
MARKER = re.compile(r"［([0-9]+)］")


def not_from_a_clause(line: str) -> bool:
    """Lines stating a document's own dates and status (from its catalog record), the day an
    eligibility verdict is judged on, a heading counting the items listed under it, or the count of
    programmes left out of a listing ("另有3项相关项目，见匹配列表。")."""
    if line.startswith(("注意：", "截至", "另有")) or (line.startswith("（") and line.endswith("）")):
        return True
    return line.endswith("：") and not MARKER.search(line)


DEV_SESSIONS = plan_sessions([d for d in load_devset() if d.answerable])


@pytest.mark.parametrize(("session", "items"), DEV_SESSIONS, ids=[s for s, _ in DEV_SESSIONS])
def test_every_figure_of_every_dev_answer_is_marked_and_held_by_its_citation(engine, session, items):
    """Over the whole dev set (every intent, follow-ups in their sessions): a line of an answer that
    states a figure (amount, count, percentage, date) carries a marker ［n］, and the figure is in the
    text of a citation that line marks. Validity answers state the document's catalog dates."""
    for item in items:
        answer = engine.ask(item.question, session_id=session, as_of=item.as_of)
        if not answer.answerable or answer.intent == "validity":
            continue
        marked: list[str] = []
        for line in answer.answer.splitlines():
            if not_from_a_clause(line):
                continue
            marked = MARKER.findall(line) or marked  # a quote running on over lines keeps its marker
            figures = FIGURE.findall(NAMES.sub(" ", squeeze(line)))
            if not figures:
                continue
            cited = [squeeze(answer.citations[int(n) - 1].text) for n in marked if int(n) <= len(answer.citations)]
            assert cited, (item.id, line)
            for figure in figures:
                assert any(figure in text for text in cited), (item.id, figure, line)


def test_a_run_on_clause_gives_a_short_quote():
    """A flattened table repeating a figure thousands of times is quoted by a few phrases, not whole."""
    from chat.compose import QUOTE_CHARS, answered_figures

    figures, quote = answered_figures("，".join(["每家不超过20万元"] * 20000) + "。", ["每家不超过20万元"], ["每家"])
    assert figures == ["每家不超过20万元"] and len(quote) <= QUOTE_CHARS


def test_a_figure_answer_whose_clauses_state_no_figure_says_so():
    """The asker is told the quoted clause names no amount, rather than left to search it for one."""
    from datetime import date

    from chat.compose import facts_text
    from kb.models import Clause, Document

    clause = Clause(clause_id="c", doc_id="d", label="（八）", text="目前只针对获得中国专利奖国内发明专利进行资助补贴。", order=1)
    doc = Document(doc_id="d", title="研究文章")
    text = facts_text("amount", [(clause, doc)], date(2025, 6, 1), ["中国专利奖", "补贴"])
    assert text.startswith("所引条款未载明具体金额") and "［1］《研究文章》（八）" in text


def test_where_the_best_clause_states_no_figure_a_cited_clause_on_its_topic_that_does_is_named():
    """"利息能补多少？" whose best clause names the pledge-loan work but no sum: the clause on the same
    topic that states the rate is named under 相关条款, the answer saying it is another clause's figure
    (it may be another task's: the reader checks); a clause on another topic (a trademark station's
    award) is not named at all."""
    from datetime import date

    from chat.compose import facts_text
    from kb.models import Clause, Document

    doc = Document(doc_id="d", title="示例区知识产权工作方案")
    best = Clause(clause_id="a", doc_id="d", label="（五）", text="推进知识产权质押融资扩面增量，扩大质押融资规模。", order=1)
    stating = Clause(clause_id="b", doc_id="d", label="6.", text="对开展知识产权质押融资的企业，按贷款利率的50%给予贴息，每家不超过30万元。", order=2)
    elsewhere = Clause(clause_id="c", doc_id="d", label="7.", text="对新认定的商标品牌指导站给予每家10万元奖励。", order=3)
    words = ["质押融资", "利息"]
    answer = facts_text("amount", [(best, doc), (stating, doc)], date(2025, 6, 1), words)
    assert answer.startswith("最相关的条款［1］未载明具体金额；相关条款载明的金额如下")
    assert "相关条款：［2］《示例区知识产权工作方案》6.：" in answer and "30万元" in answer
    assert facts_text("amount", [(best, doc), (elsewhere, doc)], date(2025, 6, 1), words).startswith("所引条款未载明具体金额")


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        ("deadline", "劳动者提前三十日以书面形式通知用人单位，可以解除劳动合同。", "三十日"),
        ("deadline", "纳税人可申请延期缴纳税款，最长不超过3个月。", "3个月"),
        ("deadline", "对符合条件的申请，在15个工作日内办结。", "15个工作日"),
        ("deadline", "新华社南宁2月4日电 扩建工程将于2月7日前完工。", "2月7日前"),  # not the dateline
        ("deadline", "各地于每月10日前报送发放数据。", "每月10日前"),
        ("amount", "对每名新招用人员给予1000元一次性吸纳就业补贴。", "1000元"),
        ("target", "尽快实现全省日产10万件防护服的目标。", "10万件"),
        ("amount", "贴息资金预计为1200余万元。", "1200余万元"),
    ],
)
def test_a_figure_the_extractors_miss_is_still_answered_from_the_text(intent, text, expected):
    """A period ("提前三十日") or a sum stated in the clause is the answer, not "未载明"."""
    from datetime import date

    from chat.compose import facts_text
    from kb.models import Clause, Document

    clause = Clause(clause_id="c", doc_id="d", label="第一条", text=text, order=1)
    answer = facts_text(intent, [(clause, Document(doc_id="d", title="通知"))], date(2025, 6, 1), [])
    assert answer.startswith(f"{expected}［1］") and "未载明" not in answer


def test_a_statistic_is_not_taken_for_an_amount():
    """"44.9%" in a research finding answers no "多少钱" question: only sums in 元 are read from the text."""
    from datetime import date

    from chat.compose import facts_text
    from kb.models import Clause, Document

    clause = Clause(clause_id="c", doc_id="d", label="（一）", text="发明专利授权量占比44.9%，是全国平均的2.7倍。", order=1)
    answer = facts_text("amount", [(clause, Document(doc_id="d", title="研究文章"))], date(2025, 6, 1), [])
    assert answer.startswith("所引条款未载明具体金额")


def test_a_rate_question_is_answered_with_a_rate_only():
    """"几成" / "比例" is not answered by the cap beside the rate, nor by a sum alone."""
    from datetime import date

    from chat.compose import facts_text
    from kb.models import Amount, Clause, ClauseMeta, Document

    doc = Document(doc_id="d", title="方案")
    both = Clause(
        clause_id="c", doc_id="d", label="（三）", text="按贷款利率的50%给予贴息，每家不超过100万元。", order=1,
        meta=ClauseMeta(amounts=[Amount(raw="50%", kind="percentage"), Amount(raw="每家不超过100万元", kind="per_recipient_cap")]),
    )
    assert facts_text("amount", [(both, doc)], date(2025, 6, 1), ["贴息"], rate=True).startswith("50%［1］")
    said = Clause(clause_id="s", doc_id="d", label="第1–3句", text="单位缴费比例降低0.5个百分点，预计减负52.6亿元。", order=3)
    assert facts_text("amount", [(said, doc)], date(2025, 6, 1), ["比例"], rate=True).startswith("0.5个百分点［1］")
    cap = Clause(clause_id="e", doc_id="d", label="（四）", text="一次性予以不超过30万元资金奖补。", order=2)
    assert facts_text("amount", [(cap, doc)], date(2025, 6, 1), ["保费"], rate=True).startswith("所引条款未载明具体比例")


def test_a_plan_target_is_no_answer_to_how_much_money():
    """"质押融资总额达8亿" is a target of the plan, not a sum anyone receives."""
    from datetime import date

    from chat.compose import facts_text
    from kb.models import Amount, Clause, ClauseMeta, Document

    clause = Clause(
        clause_id="c", doc_id="d", label="三、", text="到2026年，知识产权质押融资总额达8亿。", order=1,
        meta=ClauseMeta(amounts=[Amount(raw="知识产权质押融资总额达8亿", kind="target_figure")]),
    )
    answer = facts_text("amount", [(clause, Document(doc_id="d", title="方案"))], date(2025, 6, 1), ["补贴"])
    assert answer.startswith("所引条款未载明具体金额")


def test_a_date_is_not_taken_for_a_period():
    from chat.answer_types import DURATION

    assert DURATION.findall("自2024年3月29日起施行，有效期3年，延长至2月29日。") == ["3年"]
    assert DURATION.findall("三部门于7日联合下发通知，期限延长至疫情解除后两个月内。") == ["两个月"]
    assert DURATION.findall("对小学一、二年级的线上学习不作统一要求，每天不超过2小时。") == ["2小时"]  # a grade, no period
