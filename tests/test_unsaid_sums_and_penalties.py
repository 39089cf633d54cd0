"""What the texts leave unsaid is refused, not presented with clauses that only speak of the topic: a
sum asked in money where the passage answering states none, a number left to other rules, a year's
sum of a document dated by another, how a court decided a case. A penalty asked of some conduct brings
the article that sets it, even one naming the rule only by its number, and an item is quoted under
its article's lead."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

PLAN = (
    "示例省人民政府关于印发职业教育提质培优行动方案的通知\n"
    "示政发〔2025〕8号\n"
    "一、加强师资队伍建设\n"
    "（一）多措并举打造双师型教师队伍。从2025年起，职业院校相关专业教师原则上从具有3年以上企业工作经历的人员中公开招聘。\n"
    "（二）健全经费投入机制。各地要按规定制定并落实职业院校生均经费标准。\n"
    "二、支持企业参与\n"
    "（三）对参与校企合作的企业，按实际投入的30%给予补助，每家企业每年不超过50万元。\n"
    "（四）对企业职工参加技能培训的，培训费用由就业补助资金承担。\n"
    "三、实习实训\n"
    "（六）本方案所称实习基地，是指接收职业院校学生开展岗位实习的企业。\n"
    "（七）到2027年，全省职业院校实习基地年产值达到300亿元。\n"
    "（八）实习基地每接收1名学生实习，按每人每月500元给予实习基地补贴。\n"
)
LAW = (
    "示例市商标使用管理条例\n"
    "第一条 为规范商标使用，制定本条例。\n"
    "第二条 经营者不得将“驰名商标”字样用于商品、商品包装或者容器上，或者用于广告宣传中。\n"
    "第三条 商标代理人不得同时在两个以上商标代理机构执业。\n"
    "第四条 商标代理人有下列行为之一的，由市市场监管部门责令限期改正，予以警告，可以处3万元以下的罚款：\n"
    "（一）同时在两个以上商标代理机构执业；\n"
    "（二）以个人名义自行接受委托。\n"
    "第五条 违反本条例第二条规定的，由市市场监管部门责令改正，处五万元罚款。\n"
    "第六条 具有大专以上学历的公民可以参加商标代理人资格考试；商标代理人资格考试办法由市市场监管部门制定。\n"
    "第七条 本条例自2025年1月1日起施行。\n"
)
DISTRICT = (
    "示例区关于支持产教融合的若干措施\n"
    "一、支持措施\n"
    "（一）对校企合作项目给予贷款贴息，贴息比例为贷款利率的50%。\n"
    "（二）到2027年，全区产教融合型企业达到50家，产教融合项目总投资达到20亿元。\n"
)
STANDARDS = (
    "示例市民政局关于印发我市2025年最低生活保障标准的通知\n"
    "示民规字〔2025〕1号\n"
    "一、保障标准\n"
    "（一）全市城乡最低生活保障标准为每人每月1300元。\n"
    "（二）特困人员基本生活标准按最低生活保障标准的1.6倍确定。\n"
    "（三）春节期间为特困人员每人发放大米15公斤。\n"
)
AS_OF = date(2025, 6, 1)

engine = engine_fixture(
    {"示政发2025-8号_职业教育提质培优行动方案.txt": PLAN, "示例市商标使用管理条例.txt": LAW, "示民规字2025-1号_最低生活保障标准.txt": STANDARDS, "示例区产教融合若干措施.txt": DISTRICT}
)


@pytest.mark.parametrize(
    "question",
    [
        "双师型教师每人每月能发多少津贴？",  # the passage on 双师型 teachers says how they are hired
        "职业院校老师的岗位补贴一个月多少钱？",
    ],
)
def test_a_sum_no_passage_states_in_money_is_refused(engine, question):
    answer = engine.ask(question, as_of=AS_OF)
    assert not answer.answerable
    assert "金额" in answer.answer or "数额" in answer.answer  # the refusal says what is missing


def test_a_sum_asked_in_money_is_not_answered_with_a_rate(engine):
    answer = engine.ask("校企合作项目的贷款贴息，每家一年最多能贴多少万？", as_of=AS_OF)
    assert not answer.answerable
    assert "只写明比例" in answer.answer


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("企业参加校企合作，每年最多能拿多少钱补助？", "50万元"),
        ("校企合作的贷款贴息能补多少？", "50%"),  # a rate answers a sum asked by its money word
        ("职工参加技能培训，培训费用个人要出多少钱？", "由就业补助资金承担"),  # who bears it is the sum
    ],
)
def test_a_sum_stated_in_money_a_rate_or_by_who_bears_it_is_answered(engine, question, stated):
    answer = engine.ask(question, as_of=AS_OF)
    assert answer.answerable
    assert stated in answer.answer


def test_a_penalty_asked_brings_the_article_naming_the_rule_by_number(engine):
    answer = engine.ask("我们想在礼盒包装上印上驰名商标四个字，被查到会怎么罚？", as_of=AS_OF)
    assert answer.answerable
    assert "第五条" in [c.cite for c in answer.citations[:3]]
    assert "五万元罚款" in answer.answer


def test_a_penalty_set_by_an_items_lead_is_quoted_with_it(engine):
    answer = engine.ask("商标代理人同时在两家代理机构执业，会受到什么处罚？", as_of=AS_OF)
    assert answer.answerable
    assert "3万元以下的罚款" in answer.answer


def test_a_number_left_to_other_rules_is_refused_naming_the_rule(engine):
    answer = engine.ask("想考商标代理人资格，一共考几门？每门多少分算及格？", as_of=AS_OF)
    assert not answer.answerable
    assert "考试办法由市市场监管部门制定" in answer.answer


def test_a_sum_of_a_year_no_passage_or_title_is_dated_by_is_refused(engine):
    answer = engine.ask("示例市2026年的低保标准出来了吗？每人每月多少钱？", as_of=AS_OF)
    assert not answer.answerable
    assert "2026年" in answer.answer
    answer = engine.ask("示例市2025年的低保标准每人每月多少钱？", as_of=AS_OF)
    assert answer.answerable and "1300元" in answer.answer


@pytest.mark.parametrize(
    "question",
    ["甲公司和乙公司那场商标官司最后法院判赔了多少钱？", "“驰名商标”字样那个案子，法院最终是怎么判的？"],
)
def test_how_a_court_decided_a_case_is_refused_where_no_judgment_is_held(engine, question):
    answer = engine.ask(question, as_of=AS_OF)
    assert not answer.answerable
    assert "裁判文书" in answer.answer


def test_a_sum_another_article_of_the_document_states_is_answered_and_a_goal_is_no_sum(engine):
    answer = engine.ask("我们厂是实习基地，接收学生实习政府补多少钱？", as_of=AS_OF)
    assert answer.answerable and "500元" in answer.answer
    assert "300亿元" not in answer.answer.splitlines()[0]


def test_a_quantity_asked_in_a_unit_is_answered_only_by_a_number_in_it(engine):
    answer = engine.ask("春节期间特困人员每人能领多少公斤大米？", as_of=AS_OF)
    assert answer.answerable and "15公斤" in answer.answer
    answer = engine.ask("春节期间特困人员每人能领多少斤食用油？", as_of=AS_OF)
    assert not answer.answerable and "斤" in answer.answer
