"""Questions on a programme — its conditions, asked by whom it is for or after a question on what it
gives; its figures, asked in several parts or by the thing counted — and what a document is about.

- A programme's audience names the asker ("面向……的博物馆"): a question naming the asker and the
  programme asks the programme's conditions, and its clause states them.
- A programme's own clause says whom it supports and what they must do, in whatever words ("支持本市
  重点街区运营单位依托专业机构建设……"): it states the programme's conditions.
- "需要满足什么条件？" after a question on a programme's amount asks that programme's conditions.
- "每件多少？统计的是哪段时间的？" is answered in both parts from the same clause.
- "要培育多少家X？" is answered with a count of X, never with a count of something else.
- "这个办法是关于什么的？" is answered by the document's statement of purpose and its parts.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

AS_OF = date(2025, 6, 1)

DOCUMENTS = {
    "fund.txt": (
        "某市文化创意产业专项资金管理办法\n"
        "第一章 总则\n"
        "第一条 为规范文化创意产业专项资金的使用，提高资金使用效益，推动文化创意产业高质量发展，制定本办法。\n"
        "第二条 本办法适用于注册在本市、信用记录良好的企业和社会组织。\n"
        "第二章 支持项目\n"
        "第三条 博物馆数字化改造项目。面向具有藏品数字化工作基础的博物馆，择优支持不超过5家，每家不超过40万元。\n"
        "第四条 文创街区建设。支持本市重点街区运营单位依托专业机构建设文创街区，一次性给予不超过60万元补助。\n"
        "第五条 文创保险创新。在本市保险机构中择优遴选1家，开发文创产品保险，给予不超过30万元奖补。\n"
        "第六条 文创担保创新。在本市担保机构中择优遴选1家，开展文创企业融资担保，给予不超过20万元奖补。\n"
        "第七条 非遗传承中心建设。面向拥有非遗项目代表性传承人的剧院，择优支持不超过3家，每家不超过50万元。\n"
        "第八条 版权授权奖补。对在2024年7月1日至2025年6月30日期间完成版权授权登记的企业，按照每件不超过2000元的标准予以奖补。\n"
        "第三章 附则\n"
        "第九条 本办法自2024年1月1日起施行，有效期至2026年12月31日。\n"
    ),
    "plan.txt": (
        "某市旅游服务质量提升行动方案\n"
        "为提升本市旅游服务质量，推动旅游业高质量发展，制定本方案。\n"
        "一、提升景区服务\n"
        "（一）推动A级景区完善游客中心和无障碍设施，2025年底前实现全覆盖。\n"
        "（二）推广景区分时预约，高峰时段实行限流。\n"
        "二、规范旅行社经营\n"
        "（三）开展旅行社服务质量等级评定，每年公布评定结果。\n"
        "三、加强人才培养\n"
        "（四）每年培训导游和景区服务人员不少于5000人次。\n"
        "（五）培育文旅融合示范企业30家左右，2026年底前完成认定。\n"
    ),
}

documents = engine_fixture(DOCUMENTS)


def _cited(answer) -> list[str]:
    return [c.label for c in answer.citations]


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("博物馆申请数字化改造项目要满足什么条件？", "第三条"),
        ("博物馆做数字化改造有哪些申报条件？", "第三条"),
        ("街区运营单位申请文创街区建设需要什么条件？", "第四条"),
        ("剧院申请非遗传承中心建设需要满足什么条件？", "第七条"),
    ],
)
def test_the_conditions_of_a_programme_asked_by_whom_it_is_for_are_answered(documents, question, clause):
    answer = documents.ask(question, as_of=AS_OF)
    assert answer.answerable, answer.answer
    assert clause in _cited(answer)[:3]


@pytest.mark.parametrize("follow_up", ["需要满足什么条件？", "申报条件是什么？"])
def test_conditions_asked_after_an_amount_are_the_same_programmes(documents, follow_up):
    session = f"conditions-{follow_up}"
    first = documents.ask("博物馆最多能拿多少钱？", session_id=session, as_of=AS_OF)
    assert first.answerable and "40万元" in first.answer
    second = documents.ask(follow_up, session_id=session, as_of=AS_OF)
    assert second.answerable, second.answer
    assert second.citations[0].label == "第三条"
    assert "藏品数字化工作基础" in second.answer


def test_another_asker_asks_the_last_question_of_it(documents):
    session = "guarantor"
    first = documents.ask("保险公司可以申请哪项奖补？", session_id=session, as_of=AS_OF)
    assert first.answerable and first.citations[0].label == "第五条"
    second = documents.ask("担保公司呢？", session_id=session, as_of=AS_OF)
    assert second.answerable and second.intent == "eligibility"
    assert second.citations[0].label == "第六条" and "20万元" in second.answer
    assert "30万元" not in second.answer


@pytest.mark.parametrize(
    ("question", "purpose", "parts"),
    [
        ("这个办法是关于什么的？", "为规范文化创意产业专项资金的使用", ["第一章 总则", "第二章 支持项目", "第三章 附则"]),
        ("文化创意产业专项资金管理办法的主要内容是什么？", "为规范文化创意产业专项资金的使用", ["第二章 支持项目"]),
        ("旅游服务质量提升行动方案主要讲了什么？", "为提升本市旅游服务质量", ["一、提升景区服务", "二、规范旅行社经营", "三、加强人才培养"]),
        ("那份行动方案讲的是什么？", "为提升本市旅游服务质量", ["三、加强人才培养"]),
        # its parts asked: the parts are what it is about
        ("旅游服务质量提升行动方案分了哪几个方面？大概说说。", "为提升本市旅游服务质量", ["一、提升景区服务", "三、加强人才培养"]),
        ("行动方案包括哪几个部分？", "为提升本市旅游服务质量", ["二、规范旅行社经营"]),
    ],
)
def test_what_a_document_is_about_is_its_purpose_and_its_parts(documents, question, purpose, parts):
    answer = documents.ask(question, as_of=AS_OF)
    assert answer.answerable, answer.answer
    assert purpose in answer.answer
    assert all(part in answer.answer for part in parts)
    assert any(purpose in c.text for c in answer.citations)


def test_a_topic_within_a_document_is_no_question_on_the_whole(documents):
    answer = documents.ask("行动方案关于导游培训讲了什么？", as_of=AS_OF)
    assert answer.answerable
    assert "全文分为" not in answer.answer
    assert answer.citations[0].label == "（四）"


def test_a_document_named_by_its_number_too_is_told_by_its_parts(engine):
    """The 文号 beside the name is the document's, no topic within it (not read as a validity question)."""
    answer = engine.ask("沪府办发〔2024〕7号的专利转化运用专项行动方案分了哪几个方面？大概说说。")
    assert "全文分为6个部分" in answer.answer and "六、推动知识产权金融工作提质增效" in answer.answer


@pytest.mark.parametrize("question", ["那篇研究文章讲的是什么？", "研究文章的主要观点是什么？"])
def test_a_study_is_named_by_its_kind_and_told_by_its_abstract(engine, question):
    answer = engine.ask(question)
    assert answer.answerable, answer.answer
    assert answer.answer.startswith("《激励创造和有效运用，引导企业发明专利高质量发展》：近年来")
    assert "全文分为3个部分" in answer.answer and "不是政策文件" in answer.answer


@pytest.mark.parametrize(
    "question",
    ["版权授权奖补每件多少？统计的是哪段时间的？", "版权授权每件奖补多少钱？要在什么时间段内完成登记？"],
)
def test_a_question_asking_two_figures_gets_both_from_the_clause(documents, question):
    answer = documents.ask(question, as_of=AS_OF)
    first = answer.answer.splitlines()[0]
    assert "2000元" in first and "2024年7月1日至2025年6月30日" in first
    assert answer.citations[0].label == "第八条"


def test_a_count_is_of_the_thing_asked(documents):
    counted = documents.ask("行动方案要培育多少家文旅融合示范企业？", as_of=AS_OF)
    assert counted.answer.startswith("30家左右［1］")
    other = documents.ask("行动方案要培育多少家智慧景区？", as_of=AS_OF)
    assert "30家左右［1］" not in other.answer


@pytest.mark.parametrize("question", ["质量提升行动一共有多少项任务？", "旅游服务质量提升行动有几项任务？"])
def test_a_document_called_by_a_short_name_of_its_own_is_counted(documents, question):
    answer = documents.ask(question, as_of=AS_OF)
    assert answer.answerable and "共有5项" in answer.answer, answer.answer


@pytest.mark.parametrize("question", ["管理办法和行动方案哪个还有效？", "行动方案和办法现在还有效吗？"])
def test_two_documents_asked_about_together_are_both_answered(documents, question):
    answer = documents.ask(question, as_of=AS_OF)
    assert answer.intent == "validity" and answer.answerable
    assert "《某市文化创意产业专项资金管理办法》" in answer.answer and "《某市旅游服务质量提升行动方案》" in answer.answer


@pytest.mark.parametrize(
    ("question", "heading", "items"),
    [
        ("杨浦的试点城区方案里，知识产权保护方面具体有哪几项重点任务？", "（三）加大知识产权保护力度", ["8.", "9.", "10.构建海外知识产权维权援助服务机制"]),
        ("杨浦方案里知识产权运用方面有几项任务？", "（二）提升知识产权运用效益", ["5.", "6.", "7."]),
        ("专项行动方案里知识产权金融这块有哪些措施？", "六、推动知识产权金融工作提质增效", ["(二十四)", "(三十)"]),
    ],
)
def test_a_part_of_a_document_named_by_its_topic_is_listed_by_its_items(engine, question, heading, items):
    answer = engine.ask(question)
    first = answer.answer.splitlines()[0]
    assert f"“{heading}”分为" in first and all(item in first for item in items), first
    assert len(answer.citations) == first.count("；") + 1


def test_a_topic_no_heading_names_is_searched_as_usual(engine):
    """"专利导航方面" is no heading's: the passages on it answer, not a part of the document."""
    answer = engine.ask("专项行动方案里专利导航方面有哪些措施？")
    assert answer.answerable and "分为" not in answer.answer.splitlines()[0]
