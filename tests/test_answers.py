"""The answering engine over the bundled corpus: each kind of question, grounded and cited."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest

from chat.errors import UnknownUnit, UserInputError
from chat.understand import understand

pytestmark = pytest.mark.slow

BEFORE_EXPIRY = date(2023, 3, 1)  # the 实施细则 is in force from 2022-11-09 to 2023-12-31
AFTER_EXPIRY = date(2025, 6, 1)


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def cited_labels(answer) -> list[str]:
    return [c.label for c in answer.citations]


def test_amount_question_states_the_cap_verbatim_and_cites_its_article(engine):
    answer = engine.ask("中小企业知识产权运营能力提升项目每家最多支持多少钱？", as_of=BEFORE_EXPIRY)
    assert answer.answerable and answer.intent == "amount"
    assert "每家不超过20万元" in answer.answer
    top = answer.citations[0]
    assert top.label == "第十五条" and "每家不超过20万元" in top.text
    assert top.doc_title == "上海市知识产权运营服务体系建设第二批专项资金实施细则"
    # the award is never stated without who is excluded from it
    assert "排除情形［1］：已获得国家知识产权优势示范单位和上海市专利工作试点示范单位认定的企业" in answer.answer


def test_amount_of_a_percentage_subsidy(engine):
    answer = engine.ask("商业银行专利商标质押绩效奖补按什么标准给钱？", as_of=BEFORE_EXPIRY)
    assert answer.answerable
    assert "0.1%" in fold(answer.answer)
    assert "第二十条" in cited_labels(answer)


def test_eligibility_lists_the_program_with_cap_conditions_and_exclusions(engine):
    answer = engine.ask("我们是一家专精特新中小企业，可以申请哪些资金支持？", as_of=BEFORE_EXPIRY)
    assert answer.intent == "eligibility" and answer.answerable
    first = answer.matches[0]
    assert first.label == "第十五条" and first.status == "eligible"
    assert "每家不超过20万元" in first.amounts
    assert any("注册在本市" in c for c in first.conditions)
    assert any("不参与本项目遴选" in e for e in first.exclusions)
    assert "每家不超过20万元" in answer.answer and "不参与本项目遴选" in answer.answer


def test_an_exclusion_that_applies_to_the_asker_bites(engine):
    answer = engine.ask(
        "我们是专精特新企业，已获得国家知识产权优势示范单位认定，能申请中小企业知识产权运营能力提升项目吗？",
        as_of=BEFORE_EXPIRY,
    )
    match = next(m for m in answer.matches if m.label == "第十五条")
    assert match.status == "excluded"
    assert "不能参与" in answer.answer
    assert "国家知识产权优势示范单位" in match.note


def test_a_negated_attribute_does_not_exclude(engine):
    answer = engine.ask("我们是专精特新企业，没有获得国家知识产权优势示范单位认定，能申请哪些支持？", as_of=BEFORE_EXPIRY)
    match = next(m for m in answer.matches if m.label == "第十五条")
    assert match.status == "eligible"


def test_expired_policy_is_answered_as_expired(engine):
    answer = engine.ask("医院可以申请什么资金支持？", as_of=AFTER_EXPIRY)
    hospital = next(m for m in answer.matches if m.label == "第七条")
    assert hospital.status == "expired"
    assert "每家不超过50万元" in hospital.amounts
    assert "2023年12月31日" in answer.answer and "已失效" in answer.answer
    assert not next(c for c in answer.citations if c.label == "第七条").valid


def test_validity_question_reports_the_expiry_date_and_status(engine):
    expired = engine.ask("知识产权运营服务体系建设第二批专项资金实施细则现在还有效吗？", as_of=AFTER_EXPIRY)
    assert expired.intent == "validity"
    assert "有效期至2023年12月31日" in expired.answer and "已失效" in expired.answer
    assert "第二十七条" in cited_labels(expired)
    in_force = engine.ask("知识产权运营服务体系建设第二批专项资金实施细则现在还有效吗？", as_of=BEFORE_EXPIRY)
    assert "仍然有效" in in_force.answer


@pytest.mark.parametrize(
    "question", ["杨浦方案什么时候到期？", "杨浦方案的实施期限是？", "杨浦方案对区内企业有强制约束力吗？", "杨浦方案到期了吗？", "杨浦方案现在还有效吗？"]
)
def test_a_validity_question_answers_for_the_document_it_names(engine, question):
    """"杨浦方案" names one of the corpus's two 方案: the answer is its validity alone."""
    answer = engine.ask(question, as_of=BEFORE_EXPIRY)
    assert answer.intent == "validity"
    assert "杨府发〔2024〕4号" in answer.answer and "沪府办发" not in answer.answer and "实施细则" not in answer.answer


@pytest.mark.parametrize("question", ["研究文章还有效吗？", "研究文章有法律效力吗？", "这篇研究文章现在还有效力吗？"])
def test_the_validity_of_a_study_pointed_at_by_its_kind_is_that_it_is_no_policy(engine, question):
    answer = engine.ask(question, as_of=BEFORE_EXPIRY)
    assert answer.answerable and "是研究分析文章，不是政策文件" in answer.answer


@pytest.mark.parametrize(
    "question", ["知识产权金融创新中心认定后有效期几年？", "知识产权运营中心的认定有效期是多久？", "知识产权服务机构的备案有效期多长？"]
)
def test_the_term_of_something_no_title_names_is_no_documents_validity(engine, question):
    """A title run ("知识产权") beside words no title holds (金融创新中心认定) points at no document: the
    term of a certification is not the 细则's or the 方案's validity."""
    answer = engine.ask(question, as_of=BEFORE_EXPIRY)
    assert "印发" not in answer.answer and "有效期至" not in answer.answer


@pytest.mark.parametrize("question", ["我们是一家高校，专利转化能拿多少奖励？", "作为科研院所，搞专利转化有多少奖励？"])
def test_another_applicants_sum_is_not_put_to_the_asker(engine, question):
    """The 公共专利墙's 每家不超过20万元 is for 行业协会: beside a best clause that states no sum, it is no
    answer to what a 高校 or 科研院所 can get; the clause may be named, its figure is not given."""
    answer = engine.ask(question, as_of=BEFORE_EXPIRY)
    assert answer.intent == "amount"
    assert "20万元" not in answer.answer


def test_a_unit_asked_about_a_document_by_a_run_of_its_title_gets_its_tasks_there(engine):
    """"专项行动" is in one title only: the question asks for 各区政府's tasks in that plan, not for a
    search hit on "完成" in another document; scoped, the answer says so."""
    answer = engine.ask("各区政府在专项行动中要完成哪些任务？", as_of=BEFORE_EXPIRY)
    assert answer.intent == "obligation" and {"（十七）"} <= {m.label for m in answer.matches}
    assert all(c.doc_number == "沪府办发〔2024〕7号" for c in answer.citations)
    fund = engine.ask("市知识产权局在专项资金管理中负责哪些工作？", as_of=BEFORE_EXPIRY)
    assert fund.answer.startswith("市知识产权局（上海市知识产权局）在所问文件中承担")
    assert {"第二十四条"} <= {m.label for m in fund.matches}


def test_obligations_of_a_unit_by_alias_with_deadlines(engine):
    answer = engine.ask("市教委在专利转化运用专项行动中负责哪些任务？", as_of=AFTER_EXPIRY)
    assert answer.intent == "obligation" and answer.answerable
    labels = {m.label for m in answer.matches}
    assert {"（一）", "（四）", "（五）", "（六）", "（十五）", "（二十）"} <= labels
    first = next(m for m in answer.matches if m.label == "（一）")
    assert any("2024年底" in fold(d) for d in first.deadlines)
    assert "上海市教育委员会" in answer.answer


def test_unit_tasks_for_an_unknown_unit_suggest_close_names(engine):
    with pytest.raises(UnknownUnit) as error:
        engine.unit_tasks("市教育局")
    assert "上海市教育委员会" in error.value.suggestions


@pytest.mark.parametrize(
    ("question", "unlisted"),
    [
        ("区教育局在杨浦方案里负责哪些工作？", ["区教育局"]),
        ("县农业农村局的职责是什么？", ["县农业农村局"]),
        ("市知识产权局负责哪些工作？", []),  # a known unit
        ("区委要做什么？", []),  # 区委 is no bureau
    ],
)
def test_bureau_names_the_gazetteer_lacks_are_read_apart(question, unlisted):
    assert understand(question).unlisted_units == unlisted


@pytest.mark.parametrize("question", ["区市场监管局在专项行动方案里有多少项任务？", "区财政局一共有几项任务？"])
def test_a_task_count_for_a_unit_no_district_places_is_refused_with_the_names_it_may_mean(engine, question):
    answer = engine.ask(question)
    assert not answer.answerable and "未找到单位" in answer.answer and "您是否要找" in answer.answer


def test_unknown_unit_suggestions_lead_with_units_the_corpus_assigns_tasks(engine):
    assert "杨浦区财政局" in engine.ask("区财政局一共有几项任务？").answer.split("您是否要找：")[1].split("、")[0]


def test_target_question_states_the_figures(engine):
    answer = engine.ask("到2025年底本市PCT国际专利申请量要达到多少？")
    assert answer.intent == "target"
    assert "7000件左右" in fold(answer.answer)
    assert cited_labels(answer)[0] == "（二）"


def test_deadline_question(engine):
    answer = engine.ask("存量专利盘点登记入库什么时候要实现全覆盖？")
    assert answer.intent == "deadline" and answer.answerable
    assert "2024年底" in fold(answer.answer)
    assert cited_labels(answer)[0] == "（一）"


def test_clause_lookup_by_label_returns_the_whole_clause(engine):
    answer = engine.ask("实施细则第十五条的内容是什么？")
    assert answer.intent == "lookup"
    assert cited_labels(answer) == ["第十五条"]
    assert "不参与本项目遴选" in answer.answer


def test_clause_lookup_with_arabic_numerals_and_item_labels(engine):
    assert cited_labels(engine.ask("细则第27条怎么规定的"))[0] == "第二十七条"
    assert cited_labels(engine.ask("专项行动实施方案第（十一）项说了什么"))[0] == "（十一）"


def test_follow_up_is_understood_in_its_session(engine):
    first = engine.ask("医院可以申请什么资金支持？", session_id="follow-up", as_of=BEFORE_EXPIRY)
    assert first.matches[0].label == "第七条"
    second = engine.ask("那高校呢？", session_id="follow-up", as_of=BEFORE_EXPIRY)
    assert second.intent == "eligibility"
    assert second.matches[0].label == "第六条"
    assert "每家不超过80万元" in second.answer
    other_session = engine.ask("那高校呢？", session_id="another", as_of=BEFORE_EXPIRY)
    assert other_session.matches == [] or other_session.matches[0].label != "第七条"


@pytest.mark.parametrize(
    "question",
    [
        "深圳市对专利申请有什么资助？",
        "北京中关村的企业能拿多少补贴？",
        "个人所得税专项附加扣除的标准是多少？",  # one word (专项) shared with a fund's rules: refused since the fifth cosine
        "明天上海会下雨吗？",
        "实施细则第九十九条说了什么？",
        "民法典第一千条的内容是什么？",
    ],
)
def test_out_of_scope_questions_are_refused(engine, question):
    answer = engine.ask(question)
    assert not answer.answerable
    assert answer.citations == []
    assert "没有找到" in answer.answer


def test_bad_questions_raise_clear_errors(engine):
    with pytest.raises(UserInputError):
        engine.ask("   ")
    with pytest.raises(UserInputError) as error:
        engine.ask("专利" * 60_000)
    assert error.value.status_code == 413


def test_control_characters_are_dropped_not_fatal(engine):
    answer = engine.ask("实施细则\x00第十五条\x07的内容是什么？")
    assert cited_labels(answer) == ["第十五条"]


def test_eligibility_endpoint_shape_marks_each_program(engine):
    result = engine.eligibility("中小企业", ["专精特新", "已获国家知识产权优势示范单位认定"], as_of=BEFORE_EXPIRY)
    statuses = {m.label: m.status for m in result.matches}
    assert statuses["第十五条"] == "excluded"
    assert result.citations and all(c.text for c in result.citations)


def test_listing_the_tasks_due_by_a_date(engine):
    answer = engine.ask("哪些工作要在2024年底前完成？")
    assert answer.answerable
    assert [m.label for m in answer.matches] == ["（一）"]
    assert "上海市教育委员会" in answer.answer and "2024年底" in fold(answer.answer)
    later = engine.ask("2025年底前要完成哪些任务？")
    assert {"（二）", "（六）", "（十一）", "（十三）", "（二十五）"} <= {m.label for m in later.matches}
    assert "（一）" not in {m.label for m in later.matches}


def test_tasks_due_by_a_date_in_a_named_document_are_that_documents_only(engine):
    named = engine.ask("专项行动方案里2025年底前要完成哪些任务？")
    assert {m.label for m in named.matches} == {"（二）", "（六）", "（十一）", "（十三）", "（二十五）"}
    other = engine.ask("杨浦方案里哪些任务要在2025年底前完成？")  # the 杨浦 plan dates no task: said, not the other plan's
    assert other.matches == [] and other.citations == []
    assert "杨府发〔2024〕4号" in other.answer and "没有写明时限在2025年12月31日前" in other.answer


def test_programmes_asked_of_a_named_document_are_that_documents_only(engine):
    answer = engine.ask("杨浦方案里对企业有什么奖励？", as_of=BEFORE_EXPIRY)
    assert answer.answerable and answer.matches
    assert {m.doc_title for m in answer.matches} == {next(c.doc_title for c in answer.citations if "杨浦" in c.doc_title)}
    assert "第十四条" not in answer.answer  # the 细则's programmes are not the plan's


def test_a_continuation_keeps_the_topic_of_its_session(engine):
    first = engine.ask("杨浦区知识产权质押融资总额目标是多少？", session_id="continuation")
    assert "8亿" in fold(first.answer).replace(" ", "")
    second = engine.ask("那专利许可转让呢？", session_id="continuation")
    assert "3000件" in fold(second.answer).replace(" ", "")


def test_a_follow_up_borrows_the_sessions_topic_not_every_slot_asked_before(engine):
    """amount → 条件 → 截止 → 那X呢: the fourth asks X's deadline; the 条件 asked two turns back is not
    asked again (nor said to be missing)."""
    session = "chain"
    for question in ["高校知识产权运营中心每家能拿多少钱？", "要满足什么条件？", "申报截止到什么时候？"]:
        assert engine.ask(question, session_id=session, as_of=BEFORE_EXPIRY).answerable
    answer = engine.ask("那先导产业知识产权运营促进中心呢？", session_id=session, as_of=BEFORE_EXPIRY)
    assert answer.intent == "deadline" and answer.citations[0].label == "第八条"
    assert "条件" not in answer.answer.split("［1］《")[0] + answer.answer.splitlines()[-1]


@pytest.mark.parametrize("chat", ["今天天气怎么样？", "最近心情怎么样？"])
def test_a_question_of_its_own_ending_in_how_is_it_is_no_continuation(engine, chat):
    session = f"how-{chat}"
    engine.ask("第二批专项资金实施细则现在还有效吗？", session_id=session)
    answer = engine.ask(chat, session_id=session)
    assert not answer.answerable and answer.citations == []


def test_a_short_question_with_its_own_topic_does_not_borrow_the_last_one(engine):
    engine.ask("专项资金能不能用来买办公设备？", session_id="own-topic")
    answer = engine.ask("套取财政资金会有什么后果？", session_id="own-topic")
    assert answer.citations[0].label == "第二十六条"


@pytest.mark.parametrize("question", ["？", "😀😀", "（）"])
def test_a_question_with_nothing_to_look_for_is_refused(engine, question):
    answer = engine.ask(question)
    assert not answer.answerable and answer.citations == []


def test_zero_width_characters_alone_are_an_empty_question(engine):
    with pytest.raises(UserInputError):
        engine.ask("\u200b\u200b\ufeff")


def test_a_unit_no_document_assigns_tasks_to_is_no_error(engine):
    """"区人民政府" reads as a responsible unit, but none of the corpus's tasks names it: the question
    is answered (or refused) from the clauses, never an UnknownUnit error."""
    answer = engine.ask("北京市东城区人民政府要求通过哪些方法减少门店工作人员？", as_of=AFTER_EXPIRY)
    assert answer.intent == "obligation"
    assert isinstance(answer.answerable, bool)


def test_quoted_sentences_never_cut_a_decimal_amount():
    """"447.20万元" is one figure: a quote shortened to its best sentences keeps it whole."""
    from chat.compose import best_sentences

    text = "第三条 本细则所称专项资金，指首批结余款项447.20万元和第二批专项资金5000万元，共5447.20万元。专项资金由市知识产权局管理。其他事项另行规定。"
    quoted = best_sentences(text, ["专项资金", "万元"], limit=1)
    assert "447.20万元" in quoted and "5447.20万元" in quoted
    assert "…" not in quoted


def test_a_lone_surrogate_is_dropped_not_an_error(engine):
    answer = engine.ask("\ud800专利转化运用专项行动的目标是什么？", as_of=AFTER_EXPIRY)
    assert answer.answerable
    with pytest.raises(UserInputError):
        engine.ask("\ud800\udfff")


def test_one_validity_note_per_document_however_many_of_its_clauses_are_cited(engine):
    answer = engine.ask("专项资金主要用在哪几个方面？", as_of=AFTER_EXPIRY)
    from_fund = [c for c in answer.citations if "专项资金实施细则" in c.doc_title]
    assert len(from_fund) >= 2
    assert answer.answer.count("已失效") == 1
    assert "已失效" in answer.answer.splitlines()[-1]  # after the clauses, once


# ---- counts and listings from the catalog -----------------------------------------------------


@pytest.mark.parametrize("question", ["专项行动方案一共有多少项任务？", "上海市专利转化运用专项行动实施方案共有几项重点任务"])
def test_a_count_of_a_documents_items_comes_from_the_catalog(engine, question):
    answer = engine.ask(question)
    assert answer.answerable and "共有30项" in answer.answer
    assert cited_labels(answer) == ["（一）", "（三十）"]


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("细则有几章？", "共有4章：第一章 总则；第二章 项目支持；第三章 组织管理；第四章 附则。"),
        ("杨浦方案分几个部分？", "共有5个部分：一、指导思想；二、基本原则；三、工作目标；四、重点任务；五、保障措施。"),
        ("杨浦方案有几章？", "未分章，共有5个部分"),  # told by its parts, not by its items
    ],
)
def test_chapters_and_parts_are_counted_by_their_headings(engine, question, said):
    answer = engine.ask(question)
    assert answer.answerable and said in answer.answer


@pytest.mark.parametrize("question", ["专项行动方案有哪几项任务？", "细则支持的项目有哪几项？"])
def test_which_items_is_not_a_count_of_the_documents_items(engine, question):
    """"哪几项" asks which, as "哪些" does: the passages that list them, not "共有30项"."""
    answer = engine.ask(question, session_id=f"which-items-{question}")
    assert answer.answerable and "编号条目" not in answer.answer and not re.search(r"共有\d+项", answer.answer)


def test_a_count_of_a_units_tasks_counts_its_tasks_not_the_documents_items(engine):
    answer = engine.ask("市教委一共有几项任务？", as_of=BEFORE_EXPIRY)
    assert answer.answer.startswith("市教委（上海市教育委员会）在现有政策中承担6项任务：（一）、（四）、（五）、（六）、（十五）、（二十）")
    led = engine.ask("专项行动方案里有多少项任务由市教委牵头？", as_of=BEFORE_EXPIRY)
    assert "共有30项" not in led.answer  # not the plan's items
    # the plan lists 责任单位 without naming a lead: said, not counted as "no task"
    assert "牵头0项任务；另有6项任务的文件只列责任单位、未区分牵头与参与" in led.answer
    assert len(led.citations) == 6


@pytest.mark.parametrize(
    ("first", "count"),
    [(None, "市知识产权局2025年要完成几项任务？"), ("市知识产权局负责哪些任务？", "其中2025年底前要完成的有几项？")],
)
def test_a_count_of_a_units_tasks_in_a_year_counts_those_due_that_year(engine, first, count):
    session = f"count-due-{count}"
    if first:
        engine.ask(first, as_of=BEFORE_EXPIRY, session_id=session)
    answer = engine.ask(count, as_of=BEFORE_EXPIRY, session_id=session)
    assert "时限在2025年的任务5项（共承担32项）：（二）、（六）、（十一）、（十三）、（二十五）" in answer.answer
    assert [c.cite or c.label for c in answer.citations] == ["（二）", "（六）", "（十一）", "（十三）", "（二十五）"]
    none_due = engine.ask("市教委2023年要完成几项任务？", as_of=BEFORE_EXPIRY)
    assert "没有时限在2023年的" in none_due.answer and none_due.citations == []


def test_a_unit_no_document_assigns_a_task_is_said_to_have_none_listed_not_counted_zero(engine):
    answer = engine.ask("杨浦区科委牵头的任务有几项？", as_of=BEFORE_EXPIRY)
    assert answer.answer.startswith("现有政策中没有列明由杨浦区科委") and "牵头的任务" in answer.answer, answer.answer
    assert "0项" not in answer.answer and not answer.citations


def test_a_count_of_articles_counts_articles(engine):
    answer = engine.ask("第二批专项资金实施细则有多少条？")
    assert "共有28条" in answer.answer and cited_labels(answer) == ["第一条", "第二十八条"]


@pytest.mark.parametrize("question", ["专项行动方案定了哪些目标？", "专利转化运用专项行动的总体目标是什么？", "专项行动实施方案的主要指标有哪些？"])
def test_a_documents_targets_are_listed_from_the_catalog(engine, question):
    """Asked for all of a plan's targets, the answer lists every clause that sets one, with its
    figures, not the clause whose words fit "目标" best."""
    answer = engine.ask(question, as_of=BEFORE_EXPIRY)
    assert answer.answerable and answer.answer.startswith("《上海市专利转化运用专项行动实施方案》")
    assert "７０００件左右" in answer.answer and "１５００亿元" in answer.answer
    assert {"（二）", "（六）", "（十一）"} <= set(cited_labels(answer))


def test_one_target_asked_is_answered_alone(engine):
    answer = engine.ask("专项行动方案里PCT国际专利申请量的目标是多少？")
    assert "PCT国际专利申请量达到７０００件左右［1］" in answer.answer and "设定的目标" not in answer.answer


@pytest.mark.parametrize("question", ["哪些文件是2024年发布的？", "2024年印发了哪些政策？", "2024年出台的文件有哪些"])
def test_the_documents_issued_in_a_year_are_listed_from_the_catalog(engine, question):
    answer = engine.ask(question)
    assert answer.answerable and "2024年印发（或施行）的文件2份" in answer.answer
    assert "沪府办发〔2024〕7号" in answer.answer and "杨府发〔2024〕4号" in answer.answer and "实施细则" not in answer.answer


def test_a_year_no_document_was_issued_in_is_said_so(engine):
    answer = engine.ask("2017年印发了哪些文件？")
    assert not answer.answerable and "没有2017年印发的文件" in answer.answer


@pytest.mark.parametrize(
    ("question", "issuer", "held"),
    [
        ("市知识产权局印发了哪些文件？", "市知识产权局", "第二批专项资金实施细则"),
        ("上海市知识产权局发的政策有哪些？", "上海市知识产权局", "第二批专项资金实施细则"),
        ("杨浦区人民政府出台了什么文件？", "杨浦区人民政府", "杨府发〔2024〕4号"),
    ],
)
def test_the_documents_of_an_issuer_are_listed_from_the_catalog(engine, question, issuer, held):
    answer = engine.ask(question)
    assert answer.answerable and answer.answer.startswith(f"政策库中{issuer}印发的文件1份"), answer.answer
    assert held in answer.answer


def test_an_issuer_with_a_topic_is_a_search_not_a_listing():
    from chat.catalog_answers import asks_issued_by

    assert asks_issued_by("市知识产权局印发的哪些文件涉及高校？") is None
    assert asks_issued_by("2024年印发了哪些文件？") is None
    assert asks_issued_by("国务院办公厅发了哪些文件？") == "国务院办公厅"


def test_an_issuer_with_no_document_is_said_so(engine):
    answer = engine.ask("深圳市人民政府印发了哪些文件？")
    assert not answer.answerable and "深圳" in answer.answer


def test_a_year_with_a_topic_is_a_search_not_a_listing(engine):
    answer = engine.ask("2024年发布的哪些文件涉及高校专利转化？")
    assert "印发（或施行）的文件" not in answer.answer


@pytest.mark.parametrize("question", ["哪些文件现在还有效？", "现行有效的政策有哪些？"])
def test_documents_in_force_are_listed_from_the_catalog(engine, question):
    answer = engine.ask(question, as_of=BEFORE_EXPIRY)
    assert answer.answerable
    listed, _, expired = answer.answer.partition("已失效")
    assert "实施细则" in listed  # in force before its expiry
    later = engine.ask(question)
    assert "实施细则" not in later.answer.partition("已失效")[0]


@pytest.mark.parametrize("question", ["哪些文件已经失效了？", "已过期的政策有哪些？", "这几个文件哪个已经失效了？"])
def test_documents_no_longer_in_force_are_listed_first_when_asked(engine, question):
    answer = engine.ask(question)  # after the 细则's expiry
    assert answer.answerable and answer.answer.startswith("截至"), answer.answer
    expired, _, live = answer.answer.partition("现行有效（或未载明失效）的文件")
    assert "实施细则" in expired and "已失效" in expired
    assert "专项行动实施方案" in live and "专项行动实施方案" not in expired


# ---- sessions follow the topic ------------------------------------------------------------------


def test_an_off_topic_question_in_a_session_is_refused_and_leaves_the_topic(engine):
    session = "topic-shift"
    engine.ask("杨浦区国家知识产权强市建设试点城区工作方案的主要目标是什么？", session_id=session)
    chat = engine.ask("今天中午吃什么好？", session_id=session)
    assert not chat.answerable and chat.citations == []
    back = engine.ask("这个方案现在还有效吗？", session_id=session)
    assert back.citations[0].doc_title.startswith("上海市杨浦区")


def test_elliptical_follow_ups_ask_about_the_last_program(engine):
    session = "slots"
    engine.ask("高价值专利升级培育项目每家支持多少？", session_id=session)
    selected = engine.ask("遴选多少家？", session_id=session)
    assert selected.answerable and cited_labels(selected)[0] == "第十四条" and "15家" in fold(selected.answer).replace(" ", "")
    until = engine.ask("什么时候截止？", session_id=session)
    assert until.citations and "实施细则" in until.citations[0].doc_title and "2023年12月31日" in until.answer


def test_a_short_question_not_answerable_alone_reads_the_last_topic(engine):
    """"放款时间有什么要求？" names its own words, yet alone the evidence is too thin to answer;
    after a question on the banks' pledge-loan award it asks about that award's loan period."""
    session = "loans"
    engine.ask("银行做专利质押贷款有没有奖励？", session_id=session, as_of=BEFORE_EXPIRY)
    period = engine.ask("放款时间有什么要求？", session_id=session, as_of=BEFORE_EXPIRY)
    assert period.answerable and cited_labels(period)[0] == "第二十条"
    assert "2022年7月1日" in period.answer and "2023年6月30日" in period.answer


def test_a_document_the_corpus_quotes_is_still_asked_about_through_the_quoting_text(engine):
    """What the 细则 says about a document it quotes is in the corpus; only that document's own
    articles and validity are not."""
    answer = engine.ask("实施细则对落实《上海市实施专利转化专项计划工作方案（2021-2023）》有什么要求？", as_of=BEFORE_EXPIRY)
    assert answer.answerable and "实施细则" in answer.citations[0].doc_title


def test_a_chapter_is_looked_up_by_its_number(engine):
    answer = engine.ask("实施细则第三章讲了什么？", as_of=BEFORE_EXPIRY)
    assert answer.answerable and answer.answer.startswith("第三章 组织管理共4条")
    assert cited_labels(answer) == ["第二十三条", "第二十四条", "第二十五条", "第二十六条"]
    part = engine.ask("专项行动方案第二部分讲了哪些内容？", as_of=BEFORE_EXPIRY)
    assert part.answerable and part.answer.startswith("二、加强专利供需对接共4项")


@pytest.mark.parametrize("question", ["实施细则第七章是关于什么的？", "专项行动方案的第九部分讲了什么？"])
def test_a_chapter_the_document_lacks_is_refused(engine, question):
    answer = engine.ask(question)
    assert not answer.answerable and "章节" in answer.answer


def test_a_count_follow_up_names_its_own_document(engine):
    session = "counts"
    engine.ask("专项行动方案一共有多少项任务？", session_id=session)
    other = engine.ask("那杨浦的方案呢？", session_id=session)
    assert other.citations and other.citations[0].doc_title.startswith("上海市杨浦区")


# ---- no basis in the corpus -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("沪府办发〔2025〕99号讲的是什么？", "沪府办发〔2025〕99号"),  # a 文号 no document has
        ("第三批专项资金实施细则的高价值专利项目每家给多少？", "第三批"),  # the corpus holds the 第二批
        ("2026年版第二批专项资金实施细则的有效期到什么时候？", "2026年版"),  # an edition it does not hold
        ("2025年专项资金申报指南什么时候出？", "申报指南"),  # a guide the 细则 says will be drawn up, not held
        ("上海市商标品牌“繁星计划”有哪些支持？", "繁星计划"),  # a quoted program no text names
        ("杭州市的专利转化奖励政策有哪些？", "杭州"),  # no policy of that place
        ("上海市专利银河计划每家企业能拿多少钱？", "专利银河计划"),  # an unquoted program no text comes close to
        ("服务业发展资金管理办法第五条规定了什么？", "引用"),  # an article of a document the 细则 only quotes
        ("《杨浦区知识产权资助办法》现在还有效吗？", "引用"),  # the validity of one the 杨浦 plan quotes
        ("《杨浦区知识产权资助办法》对PCT申请资助多少？", "引用"),  # what it says: the question is about it
        # its name holds a run of a held title ("工作方案（2024-2026年）"): that run names no other document
        ("《上海市实施专利转化专项计划工作方案（2021-2023）》定了哪些目标？", "引用"),
    ],
)
def test_named_things_the_corpus_lacks_are_refused_with_the_reason(engine, question, reason):
    answer = engine.ask(question)
    assert not answer.answerable and answer.citations == [] and reason in answer.answer


@pytest.mark.parametrize("question", ["PCT国际专利申请有资助吗？", "上海对PCT申请有补贴吗？"])
def test_support_only_a_study_speaks_of_is_no_policy(engine, question):
    """The research article discusses PCT filings; no policy grants them support."""
    answer = engine.ask(question)
    assert not answer.answerable and "研究文章" in answer.answer


@pytest.mark.parametrize(
    "question",
    ["海王星发明专利每件奖励多少钱？", "金星发明专利每件资助多少钱？", "冥王星发明专利每件资助多少？", "水星发明专利每件能拿多少资助？"],
)
def test_support_for_something_no_policy_names_is_refused_though_another_award_is_cited(engine, question):
    """The study speaks of 发明专利 资助; a policy clause among the cited that grants an award for
    something else (第十九条's per-patent 绩效奖补 for licensing) is no policy on what is asked, and
    its figure would be a wrong amount."""
    answer = engine.ask(question)
    assert not answer.answerable and answer.citations == []


@pytest.mark.parametrize("question", ["高新技术企业的认定需要满足什么条件？", "专利年费减缴要怎么申请？", "发明专利被驳回了怎么申请复审？"])
def test_conditions_or_a_procedure_only_a_study_speaks_of_are_no_policy(engine, question):
    """The article remarks on 高新技术企业 policy, 年费 and examination; no policy sets their criteria
    or procedures, so quoting its sentences that hold 条件 or 申请 would answer nothing — nor would a
    policy clause that merely names 高新技术企业 and outranks the study's sentence. The reason given
    is the study when its passage leads, else that the cited clauses do not state the asked thing."""
    answer = engine.ask(question)
    assert not answer.answerable and answer.citations == []
    assert "只有研究文章谈及" in answer.answer or "相关条款没有载明所问的" in answer.answer


def test_a_question_about_the_study_is_answered_from_it(engine):
    answer = engine.ask("研究文章认为上海政府引导基金对专利产业化的支持为什么有限？")
    assert answer.answerable and answer.citations[0].status == "non_binding"


def test_a_studys_figure_is_not_offered_beside_a_policys_amount(engine):
    answer = engine.ask("担保机构给科技企业做知识产权质押担保，有补贴吗？", as_of=BEFORE_EXPIRY)
    assert answer.answer.startswith("不超过20万元")
    assert "亿元" not in answer.answer  # the article's 13.58亿元 of pledge financing is no subsidy


def test_a_quoted_document_inside_the_question_is_not_its_subject(engine):
    """The 细则 funds drafting the 预评估 standard it quotes: asked about the drafting, it is answered."""
    answer = engine.ask("起草《上海市专利申请前预评估制度》地方标准，立项后奖补多少？", as_of=BEFORE_EXPIRY)
    assert answer.answerable and "万元" in answer.answer


def test_a_period_is_written_as_a_range(engine):
    result = engine.eligibility("高校", [], as_of=BEFORE_EXPIRY)
    periods = [d for m in result.matches for d in m.deadlines]
    assert "2022年7月1日至2023年6月30日" in periods
    assert "2023年6月30日" not in periods  # not also on its own


def test_a_pointer_without_anything_to_point_at_asks_for_the_name(engine):
    alone = engine.ask("这个政策还能申请吗？", session_id="pointer-alone")
    assert not alone.answerable and "没有所指" in alone.answer
    two_plans = engine.ask("这个方案什么时候到期？", session_id="pointer-ambiguous")  # the corpus holds two 方案
    assert not two_plans.answerable and "没有所指" in two_plans.answer
    one_rules = engine.ask("这个细则现在还有效吗？", session_id="pointer-unique")  # and one 细则
    assert one_rules.answerable and "实施细则" in one_rules.citations[0].doc_title
    engine.ask("高价值专利升级培育项目每家支持多少？", session_id="pointer-context")
    in_context = engine.ask("这个项目现在还能申请吗？", session_id="pointer-context")
    assert in_context.answerable and in_context.citations


@pytest.mark.parametrize(
    ("question", "label"),
    [("公共专利墙这个项目谁能申请？", "第十二条（一）"), ("专利超市这个项目是做什么的？", "第十二条（二）"), ("首席运营官培养这个项目给多少钱？", "第十六条")],
)
def test_a_pointer_after_the_name_it_points_at_is_answered_on_that_name(engine, question, label):
    """"公共专利墙这个项目": the pointer stands beside the name it points at, not at an earlier answer."""
    answer = engine.ask(question, as_of=BEFORE_EXPIRY, session_id=f"apposition-{label}")
    assert answer.answerable and answer.citations[0].cite == label


@pytest.mark.parametrize("question", ["我们公司能申请这个项目吗？", "高校可以申报这个项目吗？", "参加过这个项目的企业还能再申请吗？"])
def test_a_pointer_after_a_verb_or_an_asker_still_has_nothing_to_point_at(engine, question):
    answer = engine.ask(question, as_of=BEFORE_EXPIRY, session_id=f"no-antecedent-{question}")
    assert not answer.answerable and "没有所指" in answer.answer


@pytest.mark.parametrize("question", ["专利转化专项行动到哪年结束？", "专利转化专项行动什么时候结束？"])
def test_when_a_document_ends_is_its_period_not_the_date_it_was_signed(engine, question):
    """Its preamble's only date is the day it was issued: no deadline, so the catalog says its period."""
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.intent == "validity" and "未载明有效期" in answer.answer
    assert "２０２４年４月２４日［" not in answer.answer and not answer.answer.startswith("２０２４年")


def test_a_task_asked_when_it_ends_is_answered_by_the_task_not_the_documents_period(engine):
    answer = engine.ask("存量专利盘点哪年完成？", as_of=AFTER_EXPIRY)
    assert answer.intent != "validity" and answer.citations[0].cite == "（一）" and "２０２４年底" in answer.answer


def test_a_continuation_naming_the_slot_it_asks_keeps_its_own_intent(engine):
    """"…目标呢？" after an amount question asks a target, not the last question's amount."""
    session = "continuation-slot"
    assert engine.ask("高校知识产权运营中心每家给多少钱？", as_of=AFTER_EXPIRY, session_id=session).intent == "amount"
    answer = engine.ask("杨浦区的质押融资目标呢？", as_of=AFTER_EXPIRY, session_id=session)
    assert answer.intent == "target" and answer.answer.startswith("知识产权质押融资总额达 8 亿")


def test_how_many_are_selected_after_a_programmes_amount_is_asked_of_that_programme(engine):
    session = "selected-count"
    engine.ask("高校知识产权运营中心每家给多少钱？", as_of=BEFORE_EXPIRY, session_id=session)
    answer = engine.ask("最多选几所？", as_of=BEFORE_EXPIRY, session_id=session)
    assert answer.answerable and answer.citations[0].cite == "第六条" and "不超过10所" in answer.answer


@pytest.mark.parametrize("question", ["细则是哪天印发的？", "实施细则是哪一天发布的？", "杨浦方案什么日期施行？"])
def test_the_day_a_document_was_issued_is_read_from_the_catalog(engine, question):
    answer = engine.ask(question, as_of=BEFORE_EXPIRY)
    assert answer.answerable and answer.intent == "validity" and "印发" in answer.answer


def test_an_eligibility_answer_says_first_whether_anything_in_force_was_found(engine):
    expired = engine.ask("我们是一家医院，能申请什么资金支持？", as_of=AFTER_EXPIRY)
    assert expired.answer.startswith("截至") and "没有找到“医院”可以申报的现行有效项目" in expired.answer.splitlines()[0]
    in_force = engine.ask("我们是一家医院，能申请什么资金支持？", as_of=BEFORE_EXPIRY)
    assert "可以申报的现行有效项目" in in_force.answer.splitlines()[0] and "没有找到" not in in_force.answer.splitlines()[0]


def test_an_eligibility_answer_lists_only_programs_the_asker_applies_for(engine):
    """A hospital is named in 第十条（一） only as a user of the standard a commissioned body drafts:
    that clause is not one of its programs. Each listed program carries its citation marker."""
    answer = engine.ask("我们是一家医院，能申请什么资金支持？", as_of=AFTER_EXPIRY)
    listed = [c.cite for c in answer.citations]
    assert "第七条" in listed and "第十条（一）" not in listed
    for i, m in enumerate(answer.matches[: len(answer.citations)], 1):
        assert f"“{m.program}”［{i}］" in answer.answer


def test_an_eligibility_question_naming_a_program_is_answered_from_that_program(engine):
    answer = engine.ask("我们公司已被认定为国家知识产权优势企业，还能申报中小企业知识产权运营能力提升项目吗？", as_of=AFTER_EXPIRY)
    assert [c.cite for c in answer.citations] == ["第十五条"]
    assert "排除情形" in answer.answer and answer.answer.count("不参与本项目遴选") == 1


def test_a_place_a_pointed_at_document_mentions_is_not_a_request_for_that_places_policy(engine):
    about_the_article = engine.ask("文章建议借鉴英国设立什么制度来激活沉睡专利？")
    assert about_the_article.answerable and "专利盒子" in about_the_article.answer
    about_the_place = engine.ask("英国的专利盒子制度减税多少？")
    assert not about_the_place.answerable and "英国" in about_the_place.answer


def test_a_general_answer_names_two_more_candidates_after_its_three_quotes(engine):
    """A layperson's question often fits several clauses: the answer quotes three and names two more
    ("另见：［4］《…》第十条"), each marker pointing at the citation it names."""
    answer = engine.ask("文章认为企业发明专利质量不高的原因是什么？", as_of=AFTER_EXPIRY)
    assert answer.answerable and answer.intent == "general"
    further = next(line for line in answer.answer.splitlines() if line.startswith("另见："))
    assert len(answer.citations) == 5 and "“" not in further  # named, not quoted
    for n, citation in enumerate(answer.citations[3:], 4):
        assert f"［{n}］" in further and (citation.cite or citation.label) in further


@pytest.mark.parametrize("district", ["徐汇区", "奉贤区", "静安区"])
def test_another_districts_plan_is_no_answer_for_a_district(engine, district):
    """杨浦区's plan is 杨浦's own; a question on another district is answered from city documents
    or refused, never from 杨浦's plan (the same rule as another province's notice)."""
    answer = engine.ask(f"{district}对老字号企业的知识产权保护有什么支持？")
    assert not any("杨浦" in c.doc_title for c in answer.citations), [c.doc_title for c in answer.citations]
    assert any("杨浦" in c.doc_title for c in engine.ask("杨浦区对老字号企业的知识产权保护有什么支持？").citations)


@pytest.mark.parametrize(
    "question",
    [
        "闵行区对高价值专利有什么奖励？",
        "上海市嘉定区专利试点企业能拿多少奖励？",
        "静安区对商标注册有补贴吗？",
        "青浦区对知识产权示范企业有什么奖励？",  # 青浦区政府 only among a city task's responsible units
        "松江区给专利导航项目多少补贴？",
        "浦东新区对专利申请有什么资助？",  # 浦东 named by a city task on firms going public, not on this
        "浦东新区的知识产权质押融资有什么贴息政策？",
    ],
)
def test_what_a_district_no_policy_mentions_provides_is_refused(engine, question):
    """A question about a district's own support has no basis where no document is that district's
    and no policy text names it on what is asked but as a unit that must do a city task (闵行
    appears only in the research article's statistics; 青浦区政府 and 松江区政府 only in "(责任单位:…)"
    lists; 浦东 in the city plan's "上海(浦东)知识产权服务站" for firms going public)."""
    answer = engine.ask(question)
    assert not answer.answerable and not answer.citations
    assert "区级政策文件" in answer.answer and "市级政策" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        "青浦区政府在专项行动方案里要做什么？",  # the district as a unit of a city document
        "漕河泾开发区在方案里承担什么功能？",
        "我们是一家注册在浦东的医院，能申报医疗卫生系统知识产权运营中心建设吗？",  # where the asker is
        "浦东新区为拟上市企业提供什么知识产权服务？",  # what the city plan says of 浦东's service station
        "杨浦区对中小学知识产权教育有什么安排？",  # a district with its own plan
    ],
)
def test_a_district_in_city_documents_or_with_its_own_plan_is_answered(engine, question):
    assert engine.ask(question).answerable


@pytest.mark.parametrize(
    ("question", "program"),
    [
        ("高校可以申请什么资助？", "第六条"),
        ("我们是一所大学，能申报哪些项目？", "第六条"),
        ("医院可以申请什么资助？", "第七条"),
        ("行业协会能申请哪些支持？", "第八条"),
        ("上海对专利代理机构有补贴吗？", "第二十一条"),  # an IP service agency: the 细则's award for 托管 services
    ],
)
def test_a_question_naming_only_the_asker_lists_the_programs_open_to_it(engine, question, program):
    answer = engine.ask(question, as_of=BEFORE_EXPIRY)
    assert answer.answerable and answer.intent == "eligibility"
    assert program in [m.label for m in answer.matches]
    assert all(c.doc_title != "激励创造和有效运用，引导企业发明专利高质量发展" for c in answer.citations)  # a study opens no programme


@pytest.mark.parametrize(
    ("question", "program", "sum_said"),
    [
        ("我们是一家三甲医院，能申请细则里的哪个项目？最多给多少钱？", "第七条", "每家不超过50万元"),
        ("三甲医院能申请哪个项目？最多给多少钱？", "第七条", "每家不超过50万元"),  # not 第十条's 30万元 for drafting a standard
        ("民营医院能拿什么补贴？", "第七条", "每家不超过50万元"),
        ("医院最多能拿多少钱？", "第七条", "每家不超过50万元"),
        ("高校能拿多少钱？", "第六条", "每家不超过80万元"),
        ("行业协会最多能拿多少钱？", "第八条", "每家不超过50万元"),
        ("保险公司能拿多少奖补？", "第九条（二）", "不超过30万元"),
        ("高校和医院分别能拿多少？", "第六条", "每家不超过80万元"),  # 分别: how it asks, no topic
    ],
)
def test_how_much_an_asker_described_in_its_own_words_can_get_lists_its_programmes(engine, question, program, sum_said):
    """Who asks, however described ("一家三甲医院", "民营医院"), and how much they may get: the
    programmes open to them with their sums, not one clause that merely names them."""
    answer = engine.ask(question, as_of=BEFORE_EXPIRY)
    assert answer.answerable and answer.intent == "eligibility"
    assert program in [m.label for m in answer.matches]
    assert sum_said in answer.answer


@pytest.mark.parametrize(
    ("question", "program"),
    [("我公司在浦东，是高新技术企业，能享受哪些知识产权资助？", "第十五条"), ("注册在闵行的医院能申报什么？", "第七条")],
)
def test_where_the_asker_is_scopes_the_listing_and_is_no_topic(engine, question, program):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable and answer.intent == "eligibility"
    assert program in [m.label for m in answer.matches]
    assert all(not m.doc_title.startswith("上海市杨浦区") for m in answer.matches)  # another district's programme


def test_a_district_programme_listed_to_an_asker_states_the_district_as_a_condition(engine):
    answer = engine.ask("我们是高新技术企业，能享受哪些资助？", as_of=AFTER_EXPIRY)
    district = [m for m in answer.matches if m.doc_title.startswith("上海市杨浦区")]
    assert district and all("注册在杨浦区（区级政策）" in m.conditions for m in district)
    assert "注册在杨浦区" in answer.answer


def test_a_programme_asked_about_that_is_not_the_askers_is_said_to_be_closed_to_it(engine):
    answer = engine.ask("科研院所能申请高校知识产权运营中心吗？", as_of=BEFORE_EXPIRY)
    assert answer.answerable and answer.intent == "eligibility"
    first = answer.answer.splitlines()[0]
    assert "高校知识产权运营中心建设" in first and "面向高校" in first and "“科研机构”不在其申报主体之列" in first
    assert answer.citations[0].label == "第六条"
    assert "第六条" not in [m.label for m in answer.matches]  # not listed as theirs


@pytest.mark.parametrize(
    ("question", "askers"),
    [
        ("科研院所能申请高校知识产权运营中心吗？", ["科研机构"]),
        ("医院可以申报高校院所专利许可转让绩效奖补吗？", ["医院"]),
        ("能申报高价值专利培育中心的企业需要什么条件？", ["企业"]),  # no subject before the verb: all named
    ],
)
def test_who_asks_is_named_before_what_they_apply_for(question, askers):
    assert understand(question).subjects == askers


@pytest.mark.parametrize(
    ("question", "askers"),
    [
        ("上海对国有企业经营性房产有哪些优惠的租金政策？", []),  # the landlord's property, not who asks
        ("科创板拟上市企业知识产权状况白皮书项目给多少钱？", []),
        ("中小企业经营困难有哪些扶持政策？", ["中小企业"]),  # a verbal noun follows: they are in difficulty
        ("银行做专利质押贷款有没有奖励？", ["商业银行"]),
    ],
)
def test_a_subject_that_only_qualifies_the_noun_after_it_is_not_who_asks(question, askers):
    assert understand(question).subjects == askers


@pytest.mark.parametrize(
    ("question", "askers"),
    [
        ("高校把专利转让给本市中小企业，每件专利能奖多少？", ["高校"]),  # the buyer is no asker
        ("医院把专利许可给外省药企，能申请奖补吗？", ["医院"]),
        ("外卖骑手与平台企业之间是劳动关系吗？", []),  # the other party of the relation
        ("科研院所向银行申请质押贷款有贴息吗？", ["科研机构"]),  # the lender addressed
        ("我们公司营业执照在昆山，能申请专项资金吗？", ["企业"]),  # its own licence: the asker still
    ],
)
def test_whom_the_asker_transfers_to_or_deals_with_is_not_who_asks(question, askers):
    assert understand(question).subjects == askers


@pytest.mark.parametrize(
    "question",
    [
        "我们是外地的中小企业，能申请什么？",
        "非本市注册的企业可以申报专项资金项目吗？",
        "营业执照在昆山的企业能申请专项资金项目吗？",  # the place named, not "外地"
        "我们公司注册在苏州，研发团队在上海，能申报专项资金项目吗？",
    ],
)
def test_an_asker_registered_elsewhere_fails_the_condition_of_registering_here(engine, question):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable and answer.matches
    assert all(m.status in ("excluded", "expired") for m in answer.matches)
    district = [m for m in answer.matches if m.doc_title.startswith("上海市杨浦区")]
    assert all(m.status == "excluded" and "不符合条件：注册在杨浦区" in m.note for m in district)


@pytest.mark.parametrize(("question", "said"), [("政策库里有哪些文件？", "政策库收录的文件4份"), ("一共收录了多少份文件？", "政策库收录的文件4份"), ("现在有哪些政策？", "现行有效")])
def test_the_collection_asked_for_is_listed_from_the_catalog(engine, question, said):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable and said in answer.answer


@pytest.mark.parametrize(("question", "said", "count"), [("政策库里有哪些杨浦区的文件？", "政策库收录的杨浦区文件1份", 1), ("有哪些上海的文件？", "政策库收录的上海文件4份", 4)])
def test_the_documents_of_a_place_are_listed_from_the_catalog(engine, question, said, count):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable and answer.answer.startswith(said) and len(answer.citations) == count


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("深圳对专利开放许可的许可人每份合同奖励多少钱？跟上海比怎么样？", "深圳"),
        ("上海和杭州对高价值专利培育中心的资助哪个多？", "杭州"),
        ("我们是上海企业，在苏州设了分公司，苏州的专利补贴多少？", "苏州"),
    ],
)
def test_another_places_support_asked_beside_shanghai_is_refused_for_that_place(engine, question, place):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert not answer.answerable and f"没有{place}的政策文件" in answer.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [("2019年深圳每万人发明授权专利是多少？", "深圳为19件"), ("北京的每万人发明授权专利比上海多多少？", "北京为25件")],
)
def test_a_figure_a_study_reports_of_another_place_is_answered_from_the_study(engine, question, figure):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable and answer.citations[0].doc_title.startswith("激励创造")
    assert figure in answer.answer.replace(" ", "")


@pytest.mark.parametrize("question", ["到2030年上海PCT国际专利申请量要达到多少？", "本市专利商标质押融资登记规模2028年底要超过多少？"])
def test_a_figure_asked_by_a_year_no_clause_dates_a_figure_by_is_refused(engine, question):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert not answer.answerable and "年的目标数值" in answer.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [("到2025年底本市专利商标质押融资登记规模要超过多少？", "300亿元"), ("杨浦区到2026年每万人有效发明专利要达到多少件？", "145件")],
)
def test_a_figure_asked_by_the_year_its_clause_or_plan_is_dated_by_is_answered(engine, question, figure):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable and figure in unicodedata.normalize("NFKC", answer.answer).replace(" ", "")


@pytest.mark.parametrize(
    "question",
    [
        "保险公司和担保公司如果分别被评上市里的知识产权金融创新中心，各自一次性能拿到多少奖补？",
        "我在一家财产险公司，另有同事在融资担保公司。要是我们分别被认定为知识产权金融创新中心，奖补各是多少？",
    ],
)
def test_each_kind_of_asker_gets_its_own_programmes_sum(engine, question):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable and "不超过30万元" in answer.answer and "不超过20万元" in answer.answer
    assert {c.cite for c in answer.citations[:2]} == {"第九条（二）", "第九条（三）"}


@pytest.mark.parametrize(
    "question",
    [
        "市里专利转化方案里说要落实知识产权保险贴费，保费能补贴多少比例，单家企业一年封顶多少？",
        "企业买了知识产权保险，市里的保险贴费是按保费的多少比例补？",  # not the insurer's 30万元 award
    ],
)
def test_a_sum_the_texts_name_but_never_state_is_refused(engine, question):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert not answer.answerable and "30万元" not in answer.answer


@pytest.mark.parametrize(
    ("question", "figure"),
    [("我们是一家专精特新企业，高价值专利培育中心能给多少钱？", "80万元"), ("我们是一家高校，高校知识产权运营中心每家补贴多少？", "80万元")],
)
def test_a_programme_named_beside_the_askers_own_kind_is_answered_from_it(engine, question, figure):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable and answer.answer.startswith(f"每家不超过{figure}")


def test_the_documents_of_a_place_the_corpus_has_none_of_are_refused_so(engine):
    answer = engine.ask("有哪些深圳的文件？", as_of=AFTER_EXPIRY)
    assert not answer.answerable and "没有深圳的政策文件" in answer.answer


def test_a_question_asking_for_policy_is_answered_by_a_policy_before_a_study(engine):
    answer = engine.ask("知识产权保护方面有什么政策？", as_of=AFTER_EXPIRY)
    assert answer.answerable
    assert answer.citations[0].doc_title != "激励创造和有效运用，引导企业发明专利高质量发展"


@pytest.mark.parametrize("question", ["知识产权保险的保费补贴是多少？", "首席知识产权官的年薪补贴是多少？"])
def test_a_sum_for_something_no_cited_clause_names_is_refused(engine, question):
    """第九条（二） awards an insurer 30万元 for its products: no premium subsidy, no salary subsidy
    (the second the evidence model refuses first since its fifth-cosine feature)."""
    answer = engine.ask(question, as_of=BEFORE_EXPIRY)
    assert not answer.answerable
    assert "没有载明保费方面的金额" in answer.answer or "保费" not in question


def test_asking_for_more_shows_clauses_on_the_topic_not_cited_yet(engine):
    session = "more-pledges"
    first = engine.ask("专利质押融资有哪些政策？", session_id=session, as_of=AFTER_EXPIRY)
    more = engine.ask("还有呢？", session_id=session, as_of=AFTER_EXPIRY)
    assert first.answerable and more.answerable and more.answer.startswith("其他相关条款")
    assert not {c.clause_id for c in first.citations} & {c.clause_id for c in more.citations}
    again = engine.ask("还有别的吗？", session_id=session, as_of=AFTER_EXPIRY)
    assert not {c.clause_id for c in [*first.citations, *more.citations]} & {c.clause_id for c in again.citations}


@pytest.mark.parametrize("question", ["申报项目要满足什么条件？", "专项资金项目的申报主体需要满足什么条件？", "申请专项资金需要具备哪些条件？"])
def test_conditions_asked_of_no_programme_are_answered_by_what_the_document_sets_for_all(engine, question):
    """第二条 "本实施细则涉及的各类项目适用于注册在本市……" leads, not one programme's own terms."""
    answer = engine.ask(question, as_of=BEFORE_EXPIRY)
    assert answer.answerable
    assert answer.citations[0].label == "第二条"


@pytest.mark.parametrize(
    ("question", "issuer"),
    [("细则是哪个部门发的？", "上海市知识产权局"), ("杨浦方案是谁发的？", "上海市杨浦区人民政府"), ("专项行动方案是由谁印发的？", "上海市人民政府办公厅")],
)
def test_who_issued_a_document_named_in_short_is_answered_from_the_catalog(engine, question, issuer):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable
    assert f"由{issuer}印发" in answer.answer.splitlines()[0]


def test_amounts_asked_for_each_of_an_articles_items_are_given_item_by_item(engine):
    answer = engine.ask("制定地方标准分别奖励多少钱？", as_of=BEFORE_EXPIRY)
    assert answer.answerable and answer.citations[0].label == "第十条"
    first = answer.answer.splitlines()[0]
    assert "30万元" in first and "10万元" in first


@pytest.mark.parametrize("question", ["知识产权金融创新中心评定后给多少钱，评几家？", "金融创新中心评几家？每家奖补多少？"])
def test_a_sum_and_a_count_asked_together_are_both_given_for_every_item(engine, question):
    """Three items, each selecting some and awarding a sum: six figures, none dropped for being many."""
    first = engine.ask(question, as_of=BEFORE_EXPIRY).answer.splitlines()[0]
    for item in ("8家左右、每家不超过10万元", "1家、不超过30万元", "1家、不超过20万元"):
        assert item in first, first


def test_how_to_register_for_what_no_text_sets_a_procedure_for_is_refused(engine):
    answer = engine.ask("专利代理师资格考试怎么报名？", as_of=AFTER_EXPIRY)
    assert not answer.answerable


def test_a_target_asked_by_its_indicator_leads_with_the_phrases_naming_it(engine):
    """有效发明专利 is named by 145件 and 2.5万件; 65件 (高价值发明专利) shares only 发明专利 and comes after."""
    first = engine.ask("杨浦区到2026年有效发明专利要达到多少件？", as_of=AFTER_EXPIRY).answer.splitlines()[0]
    assert first.index("145") < first.index("65")


def test_a_follow_up_naming_another_indicator_gets_that_indicators_target(engine):
    """"商标呢？" asks nothing of its own: the last question's intent (a target), of 商标."""
    session = "indicator-swap"
    assert engine.ask("杨浦区到2026年有效发明专利要达到多少件？", session_id=session, as_of=AFTER_EXPIRY).answerable
    answer = engine.ask("商标呢？", session_id=session, as_of=AFTER_EXPIRY)
    assert answer.answerable and answer.intent == "target"
    assert answer.answer.splitlines()[0].startswith("全区商标有效注册量达 10 万件")


def test_a_question_asking_two_targets_gets_each_parts_target(engine):
    first = engine.ask("杨浦区企业技术中心要达到多少家？研发经费占比目标呢？", as_of=AFTER_EXPIRY).answer.splitlines()[0]
    assert "110 家" in first and "5.5%" in first


@pytest.mark.parametrize(
    ("question", "label", "count"),
    [("高价值专利培育中心要建多少家？", "第十三条", "10家左右"), ("首席运营官培养项目至少要培养多少人？", "第十六条", "不少于100人")],
)
def test_a_count_asked_in_a_measure_word_is_answered_by_a_clause_counting_in_it(engine, question, label, count):
    """"要建多少家" is no target in 件: (二)'s 每万人…60件 names 高价值专利培育中心 too, but counts no 家."""
    answer = engine.ask(question, as_of=BEFORE_EXPIRY)
    assert answer.answerable and answer.citations[0].label == label
    assert count in answer.answer.splitlines()[0]


@pytest.mark.parametrize(
    ("question", "units"),
    [
        ("国务院联防联控机制发出通知中在疫情期间应通过哪些手段与管理对象互动信息？", []),  # the issuer of what is asked about
        ("生态环境部印发的《指南》中对医疗废物应急处置有什么要求？", []),
        ("市知识产权局负责发布什么？", ["上海市知识产权局"]),  # what it must issue: its own task
        ("市教委要做哪些工作？", ["上海市教育委员会"]),
        # units set aside are not asked: the others are
        ("除了市知识产权局和市发改委，还有哪些单位负责长三角运营网络互联互通？", []),
        ("除市教委以外，还有谁负责高校专利转化？", []),
        ("市知识产权局解除了哪些限制？", ["上海市知识产权局"]),  # 解除 sets nothing aside
    ],
)
def test_a_unit_that_issued_what_is_asked_about_is_not_asked_its_tasks(question, units):
    assert understand(question).units == units


def test_which_of_a_units_tasks_have_a_deadline_lists_only_those(engine):
    answer = engine.ask("市教委哪些任务有时间要求？", as_of=AFTER_EXPIRY)
    assert answer.answerable and answer.answer.startswith("市教委（上海市教育委员会）有时限要求的任务2项（共承担6项）")
    assert [c.label for c in answer.citations] == ["（一）", "（六）"]


def test_a_question_on_the_last_answers_items_keeps_its_unit(engine):
    session = "among-them"
    assert engine.ask("市科委在专项行动中负责哪些任务？", session_id=session, as_of=AFTER_EXPIRY).answerable
    answer = engine.ask("其中哪些有时间要求？", session_id=session, as_of=AFTER_EXPIRY)
    assert answer.answerable and answer.answer.startswith("市科委（上海市科学技术委员会）有时限要求的任务3项")


@pytest.mark.parametrize("question", ["杨浦方案里提到的贴息比例是多少？", "杨浦区方案中提及的贷款贴息比例是多少？"])
def test_how_a_question_points_into_a_document_is_no_topic_it_must_find(engine, question):
    """"里提到的", "中提及的" and the slot asked (比例) are not words the clause must hold: 6. of the
    杨浦 plan states the rate as "贷款利率50%的贴息"."""
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable and answer.answer.startswith("贷款利率 50%［1］")
    assert answer.citations[0].label == "6."


@pytest.mark.parametrize("follow_up", ["其中哪些还有效？", "这些政策里哪些还在有效期内？"])
def test_which_of_the_last_answers_documents_are_in_force_is_said_of_each_of_them(engine, follow_up):
    session = f"among-them-valid-{follow_up}"
    first = engine.ask("有哪些针对中小企业的专利支持政策？", session_id=session, as_of=AFTER_EXPIRY)
    cited = list(dict.fromkeys(c.doc_id for c in first.citations))
    assert first.answerable and len(cited) >= 2
    answer = engine.ask(follow_up, session_id=session, as_of=AFTER_EXPIRY)
    assert answer.answerable and answer.intent == "validity"
    lines = answer.answer.splitlines()
    titles = {d.doc_id: d.title for d in engine.kb.documents()}
    assert len(lines) == len(cited)
    assert all(titles[doc_id] in line for doc_id, line in zip(cited, lines, strict=True))
    assert all("有效" in line or "失效" in line for line in lines)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("杨浦方案的重点任务分为几个方面？", "“四、重点任务”分为4个方面：（一）推进知识产权高质量创造"),
        ("杨浦方案的保障措施有几条？", "“五、保障措施”分为3条：（一）加强组织领导；（二）加强保障投入；（三）强化监督管理"),
        ("细则的项目支持分为几个部分？", "“第二章 项目支持”分为3个部分：第一节"),
        # a heading named by its head noun ("主要目标" of 三、工作目标), not the document's 14 numbered items
        ("杨浦方案的主要目标分为几个方面？", "“三、工作目标”分为4个方面：（一）知识产权创造能力进一步提高"),
        ("杨浦方案里的目标分为几个部分？", "“三、工作目标”分为4个部分"),
    ],
)
def test_a_count_of_a_named_heading_counts_its_parts_not_the_documents_items(engine, question, said):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable and said in answer.answer


@pytest.mark.parametrize("question", ["哪些部门参与了专项行动方案？", "专项行动方案涉及多少个部门？", "专利转化运用专项行动有哪些责任单位？"])
def test_the_units_a_named_document_sets_tasks_for_are_counted_from_its_clauses(engine, question):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable
    assert "的条款列明的责任单位18个：上海市知识产权局（30项）［1］、上海市科学技术委员会（14项）［2］" in answer.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("这个细则2024年还能用吗？", "2024年时，《上海市知识产权运营服务体系建设第二批专项资金实施细则》已失效（有效期至2023年12月31日）。"),
        ("2023年申请还能适用细则吗？", "2023年时，《上海市知识产权运营服务体系建设第二批专项资金实施细则》全年有效。"),
        ("细则2022年有效吗？", "自2022年11月9日至2022年12月31日有效"),
        ("专项行动方案2025年还适用吗？", "有效（未载明有效期）"),
        ("2026年以后杨浦方案还适用吗？", "2027年时，"),  # after the year: the next one
    ],
)
def test_a_documents_force_in_the_year_asked_is_said_first(engine, question, said):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable and said in answer.answer.splitlines()[0]


def test_the_year_that_names_a_document_is_no_year_asked_about(engine):
    first = engine.ask("2022年印发的细则现在还有效吗？", as_of=AFTER_EXPIRY).answer.splitlines()[0]
    assert not first.startswith("2022年时")


def test_the_units_asked_after_a_question_on_one_task_are_that_tasks(engine):
    """"责任单位有哪些？" names no document: the task of the last answer, not every unit of its plan."""
    session = "task-units"
    assert engine.ask("专利产品备案要在什么时候实现全覆盖？", session_id=session, as_of=AFTER_EXPIRY).answerable
    answer = engine.ask("责任单位有哪些？", session_id=session, as_of=AFTER_EXPIRY)
    assert answer.answerable and "条款列明的责任单位" not in answer.answer
    assert all(unit in answer.answer for unit in ("市知识产权局", "市经济信息化委", "市统计局"))


@pytest.mark.parametrize("question", ["细则由谁解释？", "本细则由哪个部门负责解释？", "细则的解释权归谁？"])
def test_who_interprets_a_named_document_is_read_from_its_own_article(engine, question):
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable and answer.citations[0].label == "第二十八条"
    assert answer.answer.startswith("《上海市知识产权运营服务体系建设第二批专项资金实施细则》由上海市知识产权局负责解释［1］")


def test_a_document_without_an_article_on_who_interprets_it_is_said_to_have_none(engine):
    answer = engine.ask("杨浦方案由谁解释？", as_of=AFTER_EXPIRY)
    assert not answer.answerable and "没有载明由谁负责解释" in answer.answer


@pytest.mark.parametrize(
    ("question", "said"),
    [("杨浦的方案有几个部分？", "共有5个部分：一、指导思想"), ("专项行动的方案有几个部分？", "共有6个部分：一、优化专利供给质量")],
)
def test_a_kind_of_document_with_a_word_of_its_title_names_it(engine, question, said):
    """Two 方案 are held; "杨浦的方案" is the one whose title holds 杨浦."""
    answer = engine.ask(question, as_of=AFTER_EXPIRY)
    assert answer.answerable and said in answer.answer


def test_how_long_a_document_in_force_has_left_is_counted_in_days(engine):
    answer = engine.ask("杨浦方案还剩多久到期？", as_of=AFTER_EXPIRY)
    assert answer.answerable
    assert answer.answer.splitlines()[-1] == (
        "《上海市杨浦区关于国家知识产权强市建设试点城区工作方案（2024-2026年）》（杨府发〔2024〕4号）距有效期届满（2026年12月31日）还有578天。"
    )
    expired = engine.ask("细则还有多久失效？", as_of=AFTER_EXPIRY)
    assert "还有" not in expired.answer and "已失效" in expired.answer


def test_one_figure_asked_after_a_listing_is_that_figure_not_the_list_again(engine):
    """"其中商标的目标是多少？" after "杨浦方案的目标有哪些？": the follow-up asks one target, by its own words."""
    session = "one-after-list"
    engine.ask("杨浦方案的目标有哪些？", as_of=BEFORE_EXPIRY, session_id=session)
    first = engine.ask("其中商标的目标是多少？", as_of=BEFORE_EXPIRY, session_id=session).answer.splitlines()[0]
    assert first.startswith("全区商标有效注册量达") and "2.5" not in first


@pytest.mark.parametrize(
    ("question", "closed"),
    [("中小企业可以参加高价值专利升级培育项目吗？", []), ("科研院所能申请高校知识产权运营中心吗？", ["第六条"])],
)
def test_a_named_programme_is_closed_to_the_asker_by_its_applicants_only(engine, question, closed):
    """However the listing was cut (another place, another document), a programme the question names
    is said to be closed only when its applicants exclude the asker's kind: 高价值专利升级培育 is for 企业,
    which a 中小企业 is ("泰州市是如何降低中小企业融资成本的？" was told 企业's programme was not theirs)."""
    u = understand(question)
    assert [c.label for c in engine._named_programs_closed(u, open_ids=set())] == closed


@pytest.mark.parametrize(
    "question",
    [
        "长三角知识产权运营网络互联互通这件事，除了市知识产权局和市发改委，还点了哪两个区政府负责？",
        "除市知识产权局以外，长三角G60科创走廊运营网络互联互通还有哪些单位负责？",
    ],
)
def test_units_set_aside_leave_the_task_and_its_other_units(engine, question):
    answer = engine.ask(question, as_of=BEFORE_EXPIRY)
    assert answer.answerable
    assert "青浦区政府" in answer.answer and "松江区政府" in answer.answer


def test_a_year_asked_within_a_plans_span_is_that_plans_year():
    """"2025年的目标" beside a 2024-2026 plan: the plan's span dates its goals by 2025 too, so neither is
    refused as another year's."""
    from chat.engine import _YEAR_SPAN

    assert _YEAR_SPAN.findall("杨浦区国家知识产权强市建设试点城区工作方案（2024-2026年）") == [("2024", "2026")]


def test_a_years_goal_asked_of_a_plan_spanning_it_is_answered(engine):
    answer = engine.ask("市里2025年的每万人高价值发明专利拥有量目标和杨浦方案里的目标各是多少？", as_of=AFTER_EXPIRY)
    assert answer.answerable
    assert "65件" in answer.answer.replace(" ", "")
