"""What a figure question asks for, in a plan nobody tuned for: of a sentence listing several
targets, the target the question names answers alone; a figure the question already states is not
the answer ("2026年底前要对哪些企业全覆盖？" asks which firms); a plan with no end date says so when
asked how long it runs; a unit the document asked about never mentions is said to be absent,
not given other units' work."""

from __future__ import annotations

from datetime import date

import pytest

from chat.compose import restates_question
from kb.overlap import specific_tokens
from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

TEXTS = {
    "示例区数字经济发展三年行动计划.txt": (
        "示例区人民政府关于印发《示例区数字经济发展三年行动计划》的通知\n"
        "示例府发〔2025〕3号\n"
        "各街道办事处、区政府各委办局：现将《示例区数字经济发展三年行动计划》印发给你们，请认真执行。\n"
        "示例区人民政府\n2025年2月10日\n"
        "一、发展目标\n"
        "（一）规模目标。到2027年，全区数字经济核心产业增加值达到600亿元，规上软件企业数量达到180家，"
        "数据中心机架总数达到2万个，工业互联网标识解析节点累计接入企业达到900家。\n"
        "（二）创新目标。区级以上企业技术中心达到75家，研发经费投入强度达到4.2%。\n"
        "二、重点任务\n"
        "（一）推进企业上云。2026年底前实现对本区规上工业企业、专精特新企业上云用云全覆盖。（责任单位：区科经委、区财政局）\n"
        "（二）建设算力设施。加快建设绿色数据中心，优化算力资源布局，提升算力调度能力。（责任单位：区发展改革委）\n"
        "（三）培育数据要素市场。支持数据交易机构开展数据产品挂牌交易，完善数据资产登记服务。（责任单位：区科经委）\n"
        "三、保障措施\n"
        "区数字经济工作领导小组统筹推进各项任务，成员单位按照职责分工抓好落实。\n"
        "抄送：区委各部门，区人大常委会办公室，区政协办公室，区法院，区检察院。\n"
        "示例区人民政府办公室 2025年2月11日印发\n"
    ),
}
AS_OF = date(2025, 6, 1)

engine = engine_fixture(TEXTS)


@pytest.mark.parametrize(
    ("question", "asked", "others"),
    [
        ("示例区规上软件企业要达到多少家？", "180家", ("600亿元", "2万个", "900家")),
        ("示例区数据中心机架总数的目标是多少？", "2万个", ("600亿元", "180家", "900家")),
        ("到2027年示例区数字经济核心产业增加值要达到多少？", "600亿元", ("180家", "2万个", "900家")),
        ("示例区研发经费投入强度目标是多少？", "4.2%", ("75家",)),
        ("示例区数据中心机架总数到2027年要达到2万个吗？", "2万个", ("600亿元", "180家", "900家")),
    ],
)
def test_of_a_sentence_of_targets_the_target_asked_for_answers_alone(engine, question, asked, others):
    answer = engine.ask(question, as_of=AS_OF)
    assert answer.answerable
    first_line = answer.answer.splitlines()[0]
    assert asked in first_line
    assert not any(other in first_line for other in others), first_line
    beside = next(line for line in answer.answer.splitlines() if line.startswith("该条其他目标"))
    assert all(other in beside for other in others)  # named after the one asked, not dropped


@pytest.mark.parametrize("question", ["示例区数字经济规模目标要达到多少？", "示例区在软件企业和产业增加值方面定了哪些数字目标？"])
def test_a_question_asking_for_the_targets_generally_gets_them_all(engine, question):
    """No phrase of a figure holds a word of its own (数字经济 is the plan's title), or it asks for a
    list ("哪些目标"), not one quantity."""
    first_line = engine.ask(question, as_of=AS_OF).answer.splitlines()[0]
    assert all(figure in first_line for figure in ("600亿元", "180家")), first_line


def test_a_deadline_the_question_states_is_not_given_back_as_its_answer(engine):
    answer = engine.ask("示例区2026年底前要实现对哪些企业上云全覆盖？", as_of=AS_OF)
    assert answer.answerable
    assert not answer.answer.startswith("2026年底前")
    assert "规上工业企业、专精特新企业" in answer.answer.split("［2］")[0]


@pytest.mark.parametrize(
    ("question", "restates"),
    [("2026年底前要实现对哪些企业上云全覆盖？", True), ("企业上云全覆盖要在什么时候前完成？", False), ("2025年底前要对哪些企业上云？", False)],
)
def test_a_deadline_is_restated_only_when_the_question_gives_every_one_the_clause_states(engine, question, restates):
    """The model may read a question giving a deadline as a deadline question; the answer form
    then falls back to the clauses (`Engine._retrieved`)."""
    clause = next(c for c in engine.kb.clauses() if "上云用云" in c.text)
    assert restates_question("deadline", clause, specific_tokens(question), question) is restates


def test_a_deadline_asked_for_is_still_given(engine):
    answer = engine.ask("企业上云全覆盖要在什么时候前完成？", as_of=AS_OF)
    assert answer.answer.startswith("2026年底前［1］")


def test_a_document_without_an_end_date_says_so_when_asked_how_long_it_runs(engine):
    answer = engine.ask("示例府发〔2025〕3号什么时候失效？", as_of=AS_OF)
    assert "未载明有效期" in answer.answer and "仍然有效" in answer.answer


@pytest.mark.parametrize("unit", ["区市场监管局", "市教委", "区教育局"])  # 区教育局: a bureau the gazetteer lacks
def test_a_unit_the_document_asked_about_never_mentions_is_said_to_be_absent(engine, unit):
    answer = engine.ask(f"{unit}在示例区数字经济发展三年行动计划里负责哪些工作？", as_of=AS_OF)
    assert f"没有提到{unit}" in answer.answer
    assert "【责任单位】" not in answer.answer


def test_a_unit_the_document_assigns_tasks_gets_its_tasks(engine):
    answer = engine.ask("区科经委在示例区数字经济发展三年行动计划里负责哪些工作？", as_of=AS_OF)
    assert answer.answerable and "没有提到" not in answer.answer
    assert "推进企业上云" in answer.answer and "培育数据要素市场" in answer.answer


@pytest.mark.parametrize("question", ["区政府办公室在数字经济发展中负责什么？", "示例区各部门在数字经济工作中要做什么？"])
def test_the_documents_tail_naming_every_unit_is_no_answer_on_their_work(engine, question):
    answer = engine.ask(question, as_of=AS_OF)
    assert answer.answerable
    assert "文尾" not in [c.label for c in answer.citations[:3]]


def test_the_documents_tail_answers_when_asked_for(engine):
    answer = engine.ask("示例区数字经济发展三年行动计划抄送给了哪些单位？", as_of=AS_OF)
    assert answer.answerable and answer.citations[0].label == "文尾"


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("示例区数字经济发展三年行动计划的文号是多少？", "文号为示例府发〔2025〕3号［1］"),
        ("示例区数字经济发展三年行动计划是哪个部门印发的？", "由示例区人民政府印发［1］"),
    ],
)
def test_a_named_documents_number_and_issuer_come_from_the_catalog(engine, question, said):
    answer = engine.ask(question, as_of=AS_OF)
    assert answer.answerable and said in answer.answer.splitlines()[0]


def test_a_document_named_before_a_year_is_that_document():
    from chat.scope import named_documents

    assert named_documents("杨浦方案2027年还适用吗？") == ["杨浦方案"]


def test_the_day_a_document_was_signed_is_no_deadline():
    """A preamble's signature date says when the document was made: a deadline question finds no
    time in it (and the engine answers a document's end from the catalog)."""
    from chat.compose import _figures
    from chat.engine import has_figure
    from kb.models import Clause, ClauseMeta, DateRef, Hit

    text = "请认真按照执行。２０２４年４月２４日（此件公开发布）"
    issued = DateRef(iso=date(2024, 4, 24), kind="issued", raw="２０２４年４月２４日")
    signed = Clause(clause_id="c", doc_id="d", label="正文", text=text, order=0, meta=ClauseMeta(dates=[issued]))
    assert _figures("deadline", signed, []) == []
    assert not has_figure("deadline", Hit(clause=signed, score=1.0))
    due = DateRef(iso=date(2024, 12, 31), kind="deadline", raw="２０２４年底")
    task = signed.model_copy(update={"text": text + "２０２４年底实现全覆盖", "meta": ClauseMeta(dates=[issued, due])})
    assert _figures("deadline", task, []) == ["２０２４年底"]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2018年11月，党中央、国务院印发《关于学前教育深化改革规范发展的若干意见》，提出规范小区配套幼儿园建设使用。", []),
        ("2019年1月发布《示例市专利资助办法》后，各区要于2019年6月底前完成清理。", ["2019年6月底前"]),
        ("2025年底前出台《示例市专利转化促进办法》。", ["2025年底前"]),
    ],
)
def test_the_day_a_cited_document_was_issued_is_no_deadline(text, due):
    """A preamble telling when another document was issued ("2018年11月…印发《…》") states no time
    anything is due; a date due before an issuance ("2025年底前出台《…》") does."""
    from chat.compose import _figures
    from chat.engine import has_figure
    from kb.models import Clause, Hit

    clause = Clause(clause_id="c", doc_id="d", label="正文", text=text, order=0)
    figures = _figures("deadline", clause, [])
    assert all(any(f in d for d in due) for f in figures) and bool(figures) == bool(due), figures
    assert has_figure("deadline", Hit(clause=clause, score=1.0)) == bool(due)


POINTS = {
    "示例市积分制入户管理办法.txt": (
        "示例市积分制入户管理办法\n"
        "第一条 为规范积分制入户管理，制定本办法。\n"
        "第二条 申请人累计积分达到100分的，可以提出申请。\n"
        "第三条 积分制入户的纳税指标：近3个纳税年度累计缴纳个人所得税1万元至3万元的，积分入户加4分；3万元至6万元的，加8分。\n"
    ),
}
points = engine_fixture(POINTS)


@pytest.mark.parametrize("question", ["积分入户需要多少分？", "积分制入户要攒够多少分才能申请？"])
def test_points_asked_are_never_answered_with_sums_of_money(points, question):
    """"多少分" counts points: the tax brackets' 万元 are no answer to it."""
    answer = points.ask(question, as_of=AS_OF)
    first_line = answer.answer.splitlines()[0]
    assert "万元" not in first_line
