"""What the corpus has no basis for: places, documents and programs a question names that no
document speaks of. Pure functions here; the engine's use of them is in test_answers.py."""

from __future__ import annotations

from datetime import date

import pytest

from chat.scope import (
    bigram_overlap,
    district_asked_about,
    document_by_short_name,
    identifiers_fit,
    named_documents,
    only_document_of_kind,
    opens_with,
    outside_shanghai,
    place_not_in,
    place_of_number,
    places_named,
    program_names,
    quoted_only_document,
    unknown_document,
    unknown_program_name,
    unknown_quoted_name,
)
from kb.models import Document
from kb.overlap import specific_tokens
from kb.titles import TitleIndex

DOCS = [
    Document(doc_id="a", title="上海市知识产权运营服务体系建设第二批专项资金实施细则", doc_number="沪知局规〔2022〕2号", issue_date=date(2022, 11, 9)),
    Document(doc_id="b", title="上海市杨浦区关于国家知识产权强市建设试点城区工作方案（2024-2026年）", doc_number="杨府发〔2024〕4号"),
]
TITLES = TitleIndex(DOCS)


def never(_: str) -> bool:
    return False


@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("日本东京对PCT申请有什么资助？", ["日本", "东京"]),
        ("广西省乡村振兴专项资金有多少？", ["广西省", "广西"]),
        ("温州四类重点企业有哪些？", ["温州"]),
        ("杨浦区到2026年要达到多少件？", []),  # a district of Shanghai: city policy applies there
        ("全国的专利资助政策有哪些？", []),
        ("学生抢同学东西是犯罪吗？", []),  # 东西: things, though jieba tags it a place
    ],
)
def test_places_are_found_by_tag_and_by_name(question, places):
    assert places_named(question) == places


def test_a_place_is_mentioned_by_its_name_without_the_admin_suffix():
    assert place_not_in("江西省对企业有什么补贴？", "江西出台稳就业措施") is None
    assert place_not_in("江西省对企业有什么补贴？", "湖南出台稳就业措施") == "江西省"


def test_a_doc_number_the_corpus_lacks_is_unknown():
    assert unknown_document("沪府办发〔2025〕99号讲的是什么？", TITLES, never) == "沪府办发〔2025〕99号"
    assert unknown_document("杨府发〔2024〕4号有哪些任务？", TITLES, never) is None


def test_a_name_that_fits_a_title_but_not_its_batch_or_period_is_unknown():
    assert unknown_document("第三批专项资金实施细则每家给多少？", TITLES, never) == "第三批专项资金实施细则"
    assert unknown_document("第二批专项资金实施细则每家给多少？", TITLES, never) is None
    # a batch before 的 still names the document ("第一批专项资金的实施细则支持了哪些项目？")
    assert unknown_document("第一批专项资金的实施细则支持了哪些项目？", TITLES, never) == "第一批专项资金实施细则"
    assert unknown_document("第二批专项资金的实施细则支持了哪些项目？", TITLES, never) is None
    assert not identifiers_fit("杨浦区国家知识产权强市建设试点城区工作方案（2027-2029年）", DOCS)
    assert identifiers_fit("杨浦区国家知识产权强市建设试点城区工作方案（2024—2026年）", DOCS)


def test_an_issue_edition_or_part_the_titles_lack_names_another_document():
    assert not identifiers_fit("第二批专项资金实施细则（续）", DOCS)
    assert not identifiers_fit("第二批专项资金实施细则第2版", DOCS)
    assert not identifiers_fit("第二期专项资金实施细则", DOCS)
    assert identifiers_fit("第二批专项资金实施细则", DOCS)
    # a year before the name is when the asker thinks it was issued; "X年版" is an edition
    assert named_documents("2026年版第二批专项资金实施细则的有效期到什么时候？") == ["2026年版第二批专项资金实施细则"]
    assert not any("2022" in name for name in named_documents("2022年专项资金实施细则的有效期到什么时候？"))
    # a guide is a document too, named before 什么时候 / 在哪 as before 的
    assert named_documents("2025年专项资金申报指南什么时候出？") == ["专项资金申报指南"]


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("我们是一家三甲医院，能申请细则里的哪个项目？", []),  # 细则 alone: no name to check
        ("一家医院能申请海王星专项资金实施细则里的哪个项目？", ["海王星专项资金实施细则"]),
        ("我们想了解杨浦区知识产权资助办法", ["杨浦区知识产权资助办法"]),
        ("促进科技成果转化法第十条讲什么？", ["促进科技成果转化法"]),  # a title's own verb stays
        ("医院这边接到通知，要把存量专利登记入库，最晚什么时候做完？", []),  # a notice the asker got
    ],
)
def test_a_document_name_starts_after_the_asker_and_its_modal_verb(question, names):
    assert named_documents(question) == names
    assert named_documents("专利转化专项行动申报指南在哪里下载？") == ["专利转化专项行动申报指南"]


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("“专利独角兽”奖励怎么申请？", "专利独角兽"),
        ("上海市商标品牌“繁星计划”有哪些支持？", "繁星计划"),
        ("杨浦区知识产权“百校千企”对接补贴多少？", "百校千企"),  # a word between the name and its 补贴
        ("“外嫁女”的宅基地怎么分？", None),
        ("劳动法上的“三期”指的是什么？", None),  # the asker's word for a concept, not a program's name
    ],
)
def test_a_quoted_program_name_must_occur_in_the_corpus(question, unknown):
    assert unknown_quoted_name(question, never, TITLES) == unknown


def test_a_quoted_name_the_corpus_uses_is_known():
    assert unknown_quoted_name("“专利超市”补贴怎么申请？", lambda name: name == "专利超市", TITLES) is None


def test_a_paper_the_asker_holds_is_no_claim_about_the_corpus():
    """《补充告知书》 is neither a kind of policy document nor like any title: the question is about
    the asker's situation, left to retrieval. A policy-kind name the corpus lacks is still refused."""
    assert unknown_document("对于政府的《补充告知书》我可以起诉吗？", TITLES, never) is None
    assert unknown_document("《上海市专利资助办法》第三条是什么？", TITLES, never) == "上海市专利资助办法"
    assert unknown_document("《第二批专项资金实施细则的补充说明》怎么说？", TITLES, never) is not None
    # a letter the asker received is no document either, unless named or titled as a policy is
    assert unknown_document("刚收到国知局的授予专利权通知，还要办什么手续？", TITLES, never) is None
    assert unknown_document("公司接到市监局的责令整改通知，该怎么办？", TITLES, never) is None
    assert unknown_document("收到了《关于加强海王星专利保护的通知》，说了什么？", TITLES, never) is not None


def test_a_judicial_interpretation_is_known_by_its_colloquial_name():
    spc = TitleIndex([*DOCS, Document(doc_id="c", title="最高人民法院关于审理民间借贷案件适用法律若干问题的规定")])
    assert unknown_document("《民间借贷司法解释》规定的利率上限是多少？", spc, never) is None
    assert unknown_document("《民间借贷司法解释》规定的利率上限是多少？", TITLES, never) == "民间借贷司法解释"


def test_a_document_only_quoted_is_neither_held_nor_unknown():
    """Named in a clause ("按照《服务业发展资金管理办法》有关规定") but not in the corpus: no unknown
    document, yet one whose own articles the corpus cannot give."""
    quoted = lambda name: name == "服务业发展资金管理办法"  # noqa: E731
    assert unknown_document("服务业发展资金管理办法第八条是什么？", TITLES, quoted) is None
    assert quoted_only_document("服务业发展资金管理办法第八条是什么？", TITLES, quoted) == "服务业发展资金管理办法"
    assert quoted_only_document("杨府发〔2024〕4号的杨浦区工作方案有哪些任务？", TITLES, quoted) is None


@pytest.mark.parametrize(
    ("heading", "outside"),
    [
        ("关于应对疫情的若干措施 北京市人民政府办公厅 京政办发〔2020〕7号 北京", True),
        ("铜川市人民政府关于做好政策咨询工作的通知", True),
        ("上海市人民政府办公厅关于支持中小企业的若干措施", False),
        ("关于推进长三角中小企业服务合作的通知 江苏省", False),  # a region Shanghai is part of
        ("确保进口防疫物资通关“零延时”", False),  # jieba tags 延时 as a place; no place is named
        ("关于做好复工复产工作的通知", False),
    ],
)
def test_a_heading_naming_another_place_is_no_shanghai_policy(heading, outside):
    assert outside_shanghai(heading) is outside


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("谁负责解释这个细则？", []),  # a question word inside: no name, never "政策库中没有《谁负责解释这个细则》"
        ("谁制定了专项资金实施细则？", []),
        ("请问这份实施方案什么时候到期？", ["实施方案"]),
        ("去年印发的那份专项资金实施细则还有效吗？", ["专项资金实施细则"]),  # what the pointer points at
    ],
)
def test_a_document_name_holds_no_question_word_and_starts_after_a_pointer(question, names):
    assert named_documents(question) == names


def test_a_document_the_question_opens_with_is_what_it_asks_about():
    assert opens_with("《杨浦区知识产权资助办法》对PCT申请资助多少？", "杨浦区知识产权资助办法")
    assert opens_with("请问上海市专利资助办法对每件发明专利资助多少钱？", "专利资助办法")
    assert opens_with("《上海市实施专利转化专项计划工作方案（2021-2023）》定了哪些目标？", "上海市实施专利转化专项计划工作方案(2021-2023)")
    assert not opens_with("起草《上海市专利申请前预评估制度》地方标准，立项后奖补多少？", "上海市专利申请前预评估制度")


@pytest.mark.parametrize(
    ("number", "place"),
    [("京政办发〔2020〕7号", "北京"), ("黔发改服务〔2020〕111号", "贵州"), ("国办发〔2020〕1号", ""), ("宁政发〔2020〕1号", ""), ("财政部 税务总局公告2020年第8号", "")],
)
def test_a_doc_number_names_the_province_it_abbreviates(number, place):
    """宁 may be 南京 or 宁夏: ambiguous abbreviations name no place."""
    assert place_of_number(number) == place


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("上海市高价值专利倍增工程有什么支持？", ["高价值专利倍增工程"]),  # the place is no part of the name
        ("企业参加专利银河行动能拿多少？", ["专利银河行动"]),  # nor the verb before it
        ("全市口罩日产能计划提高到多少万只？", []),  # 计划 the verb "to plan"
        ("杨浦区计划建设多少个高价值专利培育中心？", []),  # a place plans: the verb, before a verbal noun too
        ("海王星计划建设了什么？", ["海王星计划"]),  # a name's own words before it: a programme
        ("承包人不享有建设工程价款优先受偿权吗？", []),  # 建设工程 a thing, not a program
        ("市商务委负责专项行动的哪一项？", []),  # a generic name
        ("木星专利奖每件资助多少钱？", ["木星专利奖"]),  # an award is a programme too
        ("上海市银河知识产权奖能拿多少奖金？", ["银河知识产权奖"]),
        ("知识产权蓝海贷的贴息比例是多少？", ["知识产权蓝海贷"]),  # a loan product; 蓝海 names no place
    ],
)
def test_unquoted_program_names_are_runs_of_content_words_ending_in_a_program_word(question, names):
    assert program_names(question) == names


def test_a_program_name_is_known_when_some_text_nearly_holds_it():
    """"专利转化专项行动" for the corpus's 专利转化运用专项行动 is a paraphrase; "倍增工程" is another program."""
    text = "深入实施高价值专利培育工程。开展专利转化运用专项行动。"
    assert unknown_program_name("专利转化专项行动有哪些任务？", lambda name: bigram_overlap(name, text)) is None
    assert unknown_program_name("高价值专利倍增工程有什么支持？", lambda name: bigram_overlap(name, text)) == "高价值专利倍增工程"
    award = "上海知识产权创新奖参选专利项目分为三类。"
    assert unknown_program_name("上海知识产权创新奖参选项目有什么支持？", lambda name: bigram_overlap(name, award)) is None
    assert unknown_program_name("木星专利奖每件资助多少钱？", lambda name: bigram_overlap(name, award)) == "木星专利奖"


def test_a_name_of_another_kind_is_another_document():
    """A 管理办法 is no 实施细则 of the same fund, however alike the rest of the name."""
    assert unknown_document("第二批专项资金管理办法第五条是什么？", TITLES, never) == "第二批专项资金管理办法"
    assert unknown_document("第二批专项资金实施细则第五条是什么？", TITLES, never) is None


def test_a_repeated_program_name_is_looked_up_once():
    assert program_names("海王星计划、" * 300 + "有什么支持？") == ["海王星计划"]


@pytest.mark.parametrize(
    ("question", "district"),
    [
        ("闵行区对高价值专利有什么奖励？", "闵行"),
        ("上海市静安区对商标注册有补贴吗？", "静安"),
        ("临港新片区知识产权政策有哪些？", "临港"),
        ("青浦区政府在专项行动方案里要做什么？", None),
        ("浦东新区人民政府负责哪些任务？", None),
        ("我们是一家注册在浦东的医院，能申报吗？", None),
        ("上海有哪些专利资助？", None),
    ],
)
def test_the_district_a_question_is_about_is_the_one_it_opens_with(question, district):
    assert district_asked_about(question) == district


def test_a_kind_of_document_names_the_only_document_of_that_kind():
    docs = [
        Document(doc_id="a", title="示例市专利资助资金实施细则（试行）"),
        Document(doc_id="b", title="示例市专利转化行动实施方案"),
        Document(doc_id="c", title="示例区知识产权强区工作方案"),
    ]
    assert only_document_of_kind("本细则一共有多少条？", docs) == "a"
    assert only_document_of_kind("细则有几条", docs) == "a"
    assert only_document_of_kind("该方案有多少项任务？", docs) is None  # two 方案
    assert only_document_of_kind("细则和方案各有几条？", docs) is None  # two kinds
    assert only_document_of_kind("一共有多少条？", docs) is None
    assert only_document_of_kind("知识产权强区的方案有几个部分？", docs) == "c"  # of two 方案, the one its words fit
    assert only_document_of_kind("专利转化的方案是谁发的？", docs) == "b"
    assert only_document_of_kind("那个方案有几个部分？", docs) is None  # no word of a title


@pytest.mark.parametrize(
    ("question", "specific"),
    [
        ("医院最多能拿多少钱？", ["医院"]),  # jieba's "最多能" is two generic words run together
        ("申报项目要满足什么条件？", []),
        ("细则里的钱一共有多少？", []),  # how much in all: no topic of its own
        ("存量专利盘点哪年完成？", ["存量", "专利", "盘点", "完成"]),
        ("安徽省对符合条件的防疫防护用品生产企业给与多少钱补助？", ["安徽省", "符合条件", "防疫", "防护用品", "生产", "给与", "补助"]),
    ],
)
def test_generic_words_run_together_say_nothing_of_the_topic(question, specific):
    assert specific_tokens(question) == specific


def test_a_short_name_calls_the_one_document_whose_title_holds_it():
    titles = TitleIndex(
        [
            *DOCS,
            Document(doc_id="plan", title="上海市专利转化运用专项行动实施方案"),
            Document(doc_id="n1", title="关于做好疫情防控期间稳就业工作的通知"),
            Document(doc_id="n2", title="关于疫情防控期间减免房租的通知"),
        ]
    )
    assert document_by_short_name("专项行动一共有多少项任务？", titles) == "plan"
    assert document_by_short_name("转化运用专项行动是谁印发的？", titles) == "plan"
    assert document_by_short_name("疫情防控期间有几项措施？", titles) is None  # two titles hold it
    assert document_by_short_name("专项资金一共多少钱？", titles) is None  # no programme's or document's word ends it


LAWS = TitleIndex(
    [
        Document(doc_id="gd", title="广东省知识产权保护条例"),
        Document(doc_id="sh", title="上海市知识产权保护条例"),
        Document(doc_id="pl", title="中华人民共和国专利法"),
    ]
)


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        # a place's own regulation, named with 的: another place's of the same name is not it
        ("深圳经济特区的知识产权保护条例里最高能判几倍？", "深圳经济特区知识产权保护条例"),
        ("广东省的知识产权保护条例对重复侵权怎么处理？", None),
        ("上海市的知识产权保护条例怎么规定的？", None),
        # 办法 as a way, rules the asker's own school did not make: no document named
        ("我的小说一直没登记，别人抄了也没办法？", None),
        ("学校既没定奖励办法，也没跟我们约定，我们能分多少？", None),
        ("听说新出了个意见，是真的吗？", None),
    ],
)
def test_a_document_is_named_with_its_place_and_never_by_a_sentence(question, unknown):
    assert unknown_document(question, LAWS, never) == unknown


def test_a_document_of_a_named_document_is_named_by_both():
    """"《…实施细则》的补充通知": that document's supplementary notice, which the corpus does not hold —
    not any 补充通知, a kind of paper as generic as a school's 奖励办法."""
    question = "《上海市知识产权运营服务体系建设第二批专项资金实施细则》的补充通知说了什么？"
    assert unknown_document(question, TITLES, never) == "知识产权运营服务体系建设第二批专项资金实施细则补充通知"
