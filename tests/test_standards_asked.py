"""A standard asked by its short name or asked how much ("低保标准是多少？", "认定标准是多少？"): the sum
stated *of* it, per person and month as written, not another standard defined by it; a score asked
("积分入户需要多少分？"): the count said beside the question's words, not a scoring table's."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

TEXTS = {
    "示例市最低生活保障及相关社会救助标准的通知.txt": (
        "示例市民政局 示例市财政局关于印发我市2025年最低生活保障及相关社会救助标准的通知\n"
        "示民规字〔2025〕2号\n"
        "一、社会救助标准\n"
        "（一）全市城乡最低生活保障标准为每人每月1309元。\n"
        "（二）最低生活保障边缘家庭认定标准按最低生活保障标准的1.5倍确定，为每人每月1963.5元。\n"
        "（三）特困人员基本生活标准按本市最低生活保障标准的1.6倍且不低于所在区现行特困人员基本生活标准确定，"
        "其中：市财政供养的特困人员基本生活标准为每人每月2094.4元。\n"
        "二、标准执行时间\n"
        "本通知规定的标准从2025年1月1日起执行。本通知有效期1年。\n"
    ),
    "示例市临时救助实施细则.txt": (
        "示例市临时救助实施细则\n"
        "第一条 为规范临时救助工作，制定本细则。\n"
        "第二条 低保对象、特困人员遭遇突发事件的，可以申请临时救助。\n"
        "第三条 临时救助金额按照救助对象的困难程度确定。\n"
    ),
}
TEXTS["示例市积分制入户管理办法.txt"] = (
    "示例市积分制入户管理办法\n"
    "第一条 为规范积分制入户工作，制定本办法。\n"
    "第二条 积分制入户人员应同时符合以下条件：\n"
    "（一）在本市合法稳定就业；\n"
    "（二）按照《示例市积分制入户指标体系及分值表》计算总积分满150分。\n"
    "第三条 本办法自印发之日起施行，有效期至2026年12月31日。\n"
    "示例市积分制入户指标体系及分值表\n"
    "积分入户加分指标（积分入户申请人适用）：\n"
    "1. 年龄积分：18—40周岁（30分）；40周岁以上的，每增加1岁少加2分，最低为0分。\n"
    "2. 技能积分：职业资格符合当年示例市积分急需工种目录（10分）。\n"
    "3. 纳税积分：近3年在本市纳税的，每满1年计2分。\n"
)
TEXTS["示例市长期护理保险试行办法.txt"] = (
    "示例市长期护理保险试行办法\n"
    "第一条 为保障长期失能人员基本生活照料，制定本办法。\n"
    "第二条 居家护理发生的生活照料费用，纳入支付范围的费用限额标准为职工参保人员每人每月900元、居民参保人员每人每月450元。\n"
    "第三条 低保对象参加长期护理保险的个人缴费部分由财政补助。\n"
)
AS_OF = date(2025, 6, 1)

engine = engine_fixture(TEXTS)


@pytest.mark.parametrize(
    ("question", "sum_said"),
    [
        ("示例市低保标准是多少？", "每人每月1309元"),
        ("低保边缘家庭的认定标准是多少？", "每人每月1963.5元"),
        # the place and how the sum is measured (一个人一个月) name no thing: the standard is what is asked,
        # not another sum per person and month (长期护理保险's 900元), in a corpus where 低保 is also used as such
        ("示例市现在的低保标准是多少？一个人一个月能领多少钱", "每人每月1309元"),
        ("现在城乡低保每人每月发多少钱？", "每人每月1309元"),
    ],
)
def test_the_sum_stated_of_the_standard_asked_is_the_answer(engine, question, sum_said):
    answer = engine.ask(question, as_of=AS_OF)
    assert answer.answerable and answer.intent == "amount"
    assert answer.answer.splitlines()[0].startswith(sum_said)
    assert "2094.4" not in answer.answer.splitlines()[0]


def test_a_score_asked_is_the_one_said_beside_the_questions_words(engine):
    answer = engine.ask("积分入户需要多少分？", as_of=AS_OF)
    assert answer.answerable
    assert answer.answer.splitlines()[0].startswith("150分")


def test_how_long_a_document_is_valid_is_answered_with_its_term_as_stated(engine):
    answer = engine.ask("示例市2025年最低生活保障标准的通知，有效期是多久？", as_of=AS_OF)
    assert answer.intent == "validity" and answer.answer.startswith("文件规定：“本通知有效期1年”［1］")


def test_whether_a_document_is_valid_needs_no_term_quoted(engine):
    assert "文件规定" not in engine.ask("示例市2025年最低生活保障标准的通知现在还有效吗？", as_of=AS_OF).answer
