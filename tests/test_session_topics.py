"""Sessions over programmes of different documents: "那X呢" asks the last question of X — X replaces
the last topic instead of being searched beside it — and a question of its own that happens to end
like a follow-up ("今天天气怎么样？") is no continuation."""

from __future__ import annotations

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

PROGRAMMES = {
    "startup.txt": (
        "广州市一次性创业补贴实施办法\n"
        "第一条 为鼓励创业带动就业，制定本办法。\n"
        "第二条 在本市初创企业登记注册满6个月的创业者，可申请一次性创业补贴，每户补贴1万元。\n"
        "第三条 获得创业大赛优胜奖的项目，一次性创业补贴标准为一等奖20万元，二等奖15万元。\n"
    ),
    "trainee.txt": (
        "广州市就业见习基地管理办法\n"
        "第一条 为帮助青年积累工作经验，制定本办法。\n"
        "第二条 见习基地接收高校毕业生参加就业见习的，按每人每月2000元的标准给予就业见习补贴。\n"
        "第三条 见习期满留用率达到60%以上的，每留用一人再给予200元奖励。\n"
    ),
    "housing.txt": (
        "广州市人才安居工程实施方案\n"
        "一、各区组织开展人才公寓房源摸底工作，2025年6月底前建立房源台账。\n"
        "二、对在本市连续缴纳社会保险满1年的新引进博士，按每人每月3000元的标准发放租房补贴，发放期限最长36个月。\n"
        "三、市住房城乡建设局负责人才公寓的统筹建设和分配管理。\n"
    ),
}

programmes = engine_fixture(PROGRAMMES)


def test_that_programme_instead_asks_the_same_of_it(programmes):
    session = "swap"
    first = programmes.ask("广州一次性创业补贴能拿多少钱？", session_id=session)
    assert first.answerable and first.citations[0].doc_id == "startup"
    second = programmes.ask("那就业见习补贴呢？", session_id=session)
    assert second.answerable and second.citations[0].doc_id == "trainee"
    assert "2000元" in second.answer


@pytest.mark.parametrize(
    ("first", "follow_up", "expected"),
    [
        # the new topic shares the old one's first word, not its head: 人才公寓房源摸底 → 人才公寓分配管理
        ("人才公寓房源摸底工作由谁组织？", "那人才公寓分配管理呢？", "负责人才公寓的统筹建设和分配管理"),
        ("一次性创业补贴每户多少钱？", "那一次性创业大赛奖励呢？", "一等奖20万元"),
    ],
)
def test_that_sibling_topic_instead_replaces_the_last_one(programmes, first, follow_up, expected):
    session = f"sibling-{follow_up}"
    assert programmes.ask(first, session_id=session).answerable
    answer = programmes.ask(follow_up, session_id=session)
    assert answer.answerable and expected in answer.citations[0].text


def test_a_question_of_its_own_is_not_read_as_a_follow_up(programmes):
    session = "weather"
    programmes.ask("就业见习基地管理办法现在还有效吗？", session_id=session)  # a validity answer, from the catalog
    chat = programmes.ask("今天天气怎么样？", session_id=session)
    assert not chat.answerable and chat.citations == []


@pytest.mark.parametrize(
    ("first", "follow_up", "expected"),
    [
        ("人才公寓房源摸底工作由谁组织？", "要在什么时候完成？", "2025年6月底前"),
        ("新引进博士的租房补贴每月多少钱？", "有期限要求吗？", "36个月"),
        ("新引进博士的租房补贴每月多少钱？", "最多领几个月？", "36个月"),  # 最多领: how it asks, no topic
        ("新引进博士的租房补贴每月多少钱？", "能领几个月？", "36个月"),  # 能领: a modal jieba fused with its verb
    ],
)
def test_a_follow_up_asking_only_for_a_slot_is_answered_of_the_last_topic(programmes, first, follow_up, expected):
    session = f"slot-{follow_up}"
    assert programmes.ask(first, session_id=session).answerable
    answer = programmes.ask(follow_up, session_id=session)
    assert answer.answerable and answer.citations[0].doc_id == "housing"
    assert expected in answer.answer


@pytest.mark.parametrize("chat", ["现在几点了？", "今天星期几？", "谁是你的开发者？", "你叫什么名字？"])
def test_chit_chat_in_a_session_is_refused_and_leaves_the_topic(programmes, chat):
    session = f"chat-{chat}"
    programmes.ask("人才安居工程实施方案一共有几条？", session_id=session)  # a count from the catalog
    answer = programmes.ask(chat, session_id=session)
    assert not answer.answerable and answer.citations == []
    again = programmes.ask("新引进博士的租房补贴每月多少钱？", session_id=session)
    assert again.answerable and "3000元" in again.answer


def test_asking_for_more_when_every_clause_on_the_topic_was_cited_says_there_is_none(programmes):
    session = "more"
    assert programmes.ask("新引进博士在人才公寓方面有什么政策？", session_id=session).answerable  # cites all three 方案 clauses
    more = programmes.ask("还有别的吗？", session_id=session)
    assert not more.answerable and "没有更多" in more.answer and more.citations == []


@pytest.mark.parametrize("greeting", ["你好", "您好！", "你能做什么？", "你是谁？"])
def test_a_greeting_is_told_what_can_be_asked_and_cites_nothing(programmes, greeting):
    answer = programmes.ask(greeting)
    assert not answer.answerable and answer.citations == []
    assert "可以这样问" in answer.answer
    assert "《广州市一次性创业补贴实施办法》" in answer.answer  # the documents held, from the catalog


def test_thanks_in_a_session_is_acknowledged_and_leaves_the_topic(programmes):
    session = "thanks"
    assert programmes.ask("新引进博士的租房补贴每月多少钱？", session_id=session).answerable
    thanks = programmes.ask("谢谢！", session_id=session)
    assert not thanks.answerable and thanks.citations == [] and "不客气" in thanks.answer
    again = programmes.ask("发放期限最长多久？", session_id=session)
    assert again.answerable and again.citations[0].doc_id == "housing" and "36个月" in again.answer


def test_which_documents_mention_a_thing_lists_them_with_the_clauses(programmes):
    answer = programmes.ask("哪些文件提到了一次性创业补贴？")
    assert answer.answerable
    assert answer.answer.startswith("提到“一次性创业补贴”的文件1份")
    assert "第二条，第三条" in answer.answer and [c.doc_id for c in answer.citations] == ["startup"]
    assert not programmes.ask("哪个文件提到了人才落户积分？").answerable


def test_which_document_mentions_it_after_a_question_on_it_takes_the_topic_from_the_session(programmes):
    session = "which-doc"
    assert programmes.ask("就业见习补贴是什么？", session_id=session).answerable
    answer = programmes.ask("哪个文件提到的？", session_id=session)
    assert answer.answerable and answer.answer.startswith("提到“就业见习补贴”的文件1份")
    assert [c.doc_id for c in answer.citations] == ["trainee"]
