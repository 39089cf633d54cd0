"""A figure asked of an article whose items award different parties different sums: the item the
question singles out answers alone; a question on the article as a whole gets every item's figure
under its item's label; a count asked beside the sum ("选几家？") is answered with it; a target comes
from a clause that sets targets."""

from __future__ import annotations

from datetime import date

import pytest

from chat.compose import facts_text
from kb.models import Clause, Document
from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

RULES = {
    "示例市数字经济扶持资金管理办法.txt": (
        "示例市数字经济扶持资金管理办法\n"
        "第一条 为促进本市数字经济发展，规范扶持资金使用，制定本办法。\n"
        "第二条 本办法适用于注册在本市、信用记录良好的企业和机构。\n"
        "第三条 数据服务示范单位评定。\n"
        "（一）在本市云计算服务商中，按照上一年度服务中小企业数量等因素，择优遴选5家左右认定为数据服务示范单位，"
        "一次性予以每家不超过40万元资金奖补。\n"
        "（二）在本市数据交易机构中，按照上一年度挂牌数据产品数量等因素，择优遴选不超过2家认定为数据服务示范单位，"
        "一次性予以不超过60万元资金奖补。\n"
        "（三）在本市网络安全企业中，按照上一年度安全服务规模等因素，择优遴选1家认定为数据服务示范单位，"
        "一次性予以不超过15万元资金奖补。\n"
        "第四条 工业互联网平台建设。面向本市制造业企业，择优遴选不超过8家开展工业互联网平台建设，"
        "一次性予以每家不超过100万元经费支持。\n"
        "第五条 企业引进数据人才发生的安家支出，按照以下标准补贴：\n"
        "（一）引进博士的，按照每人每月3000元的标准补贴。\n"
        "（二）引进硕士的，由企业与区财政分担每人每月2000元的补贴，企业的安家支出超出部分不予补贴。\n"
        "第六条 本办法自2025年1月1日起施行，有效期至2027年12月31日。\n"
    ),
    "示例区数据产业发展三年行动方案.txt": (
        "示例区数据产业发展三年行动方案\n"
        "一、发展目标。到2027年，全区数据企业数量达到300家，数据产业规模超过500亿元。\n"
        "二、培育数据创新生态。充分发挥12个数据服务站作用，推动数据资源开发利用，打造数据产业发展品牌。\n"
    ),
}
AS_OF = date(2025, 6, 1)

engine = engine_fixture(RULES)


def test_the_item_a_question_singles_out_answers_alone(engine):
    answer = engine.ask("数据交易所能被评为数据服务示范单位吗？能拿多少？", as_of=AS_OF)
    assert answer.answerable
    first_line = answer.answer.splitlines()[0]
    assert "不超过60万元" in first_line and "40万元" not in first_line and "15万元" not in first_line
    assert answer.citations[0].cite == "第三条（二）"


def test_a_question_on_the_whole_article_gets_each_items_figure_under_its_label(engine):
    answer = engine.ask("数据服务示范单位一次性奖补多少钱？", as_of=AS_OF)
    assert answer.answerable
    first_line = answer.answer.splitlines()[0]
    for item, figure in (("（一）在本市云计算服务商中", "每家不超过40万元"), ("（二）在本市数据交易机构中", "不超过60万元"), ("（三）在本市网络安全企业中", "不超过15万元")):
        assert f"{item}：{figure}" in first_line


def test_a_word_of_the_articles_lead_singles_out_no_item_that_repeats_it(engine):
    """安家支出 is what the whole article is about: （二） repeating it is no reason to answer （一）'s
    博士 with （二）'s 硕士 figure."""
    answer = engine.ask("企业的安家支出每月补贴多少？", as_of=AS_OF)
    first_line = answer.answer.splitlines()[0]
    assert "（一）引进博士的：每人每月3000元" in first_line and "（二）引进硕士的：每人每月2000元" in first_line


@pytest.mark.parametrize(
    ("question", "count"),
    [("工业互联网平台建设选几家？每家支持多少？", "不超过8家"), ("云计算服务商认定数据服务示范单位的，每家奖补多少，大概评多少家？", "5家左右")],
)
def test_a_count_asked_beside_the_sum_is_answered_with_its_qualifier(engine, question, count):
    answer = engine.ask(question, as_of=AS_OF)
    assert answer.answerable
    assert count in answer.answer.splitlines()[0]


def test_a_sum_asked_alone_brings_no_count(engine):
    first_line = engine.ask("工业互联网平台建设每家支持多少钱？", as_of=AS_OF).answer.splitlines()[0]
    assert "每家不超过100万元" in first_line and "8家" not in first_line


def test_a_target_question_is_answered_from_the_clause_stating_targets(engine):
    """The clause search ranks first may only mention a quantity ("12个数据服务站"); the target a
    question asks for is in the clause that sets targets."""
    first_line = engine.ask("数据创新生态要达到什么目标？", as_of=AS_OF).answer.splitlines()[0]
    assert "300家" in first_line and "12个" not in first_line


@pytest.mark.parametrize(
    ("text", "words", "said"),
    [
        ("某市日产10万件防护服，保障一线需要。", ["防护服"], "10万件［1］"),
        ("某市稳定就业岗位70多万个，预计返还资金16亿元。", ["就业岗位"], "70多万个［1］"),
        # quantities beside other words, and 3个月 a period: no target of what was asked
        ("将返还3个月的社会保险费的50%。失业保险参保人数30人(含)以下的，裁员人数不超过20%。", ["社保费"], "所引条款未载明具体目标数值"),
    ],
)
def test_a_quantity_answers_a_target_only_in_a_phrase_naming_what_was_asked(text, words, said):
    clause = Clause(clause_id="c1", doc_id="d1", label="第1–2句", text=text, order=1)
    answer = facts_text("target", [(clause, Document(doc_id="d1", title="示例新闻"))], AS_OF, words)
    assert said in answer.splitlines()[0]


@pytest.mark.parametrize("question", ["数据服务示范单位评定分哪几类？", "数据服务示范单位有几种？"])
def test_asked_how_many_kinds_the_article_with_items_is_counted_and_each_item_opened(engine, question):
    answer = engine.ask(question, as_of=AS_OF)
    assert answer.answerable
    assert answer.answer.splitlines()[:2] == ["第三条分为3项：", "（一）在本市云计算服务商中；（二）在本市数据交易机构中；（三）在本市网络安全企业中［1］"]
    assert answer.citations[0].label == "第三条"  # the article the items are counted of, not one item
