"""Questions naming a place, over a real index of small written notices: a province's question is
answered from that province's documents, never another's; a notice that names no place at all
("自治区", "我区") can still be the place's own."""

from __future__ import annotations

import pytest

from tests.conftest import engine_fixture

pytestmark = pytest.mark.slow

NOTICES = {
    "浙江省支持中小企业若干措施": (
        "浙江省人民政府办公厅关于支持中小企业共渡难关的若干措施\n"
        "一、对受疫情影响的中小企业，按实际缴纳房租的50%给予房租补贴，每家最高10万元。\n"
        "二、支持银行机构对中小企业新增贷款，由省财政按贷款利息的50%给予企业贴息。\n"
    ),
    "广东省支持中小企业若干措施": (
        "广东省人民政府办公厅关于支持中小企业复工复产的若干措施\n"
        "一、对中小企业新招用员工的，按每人3000元给予一次性吸纳就业补贴。\n"
        "二、对中小企业参加展会的，按展位费的80%给予补助，每家最高20万元。\n"
    ),
    "广西壮族自治区关于做好春季农业生产的通知": (
        "广西壮族自治区人民政府办公厅关于做好春季农业生产的通知\n"
        "一、对种粮大户按每亩50元给予春耕补贴。\n"
    ),
    "关于做好复工企业消毒工作的通知": (
        "关于做好复工企业消毒工作的通知\n京卫发〔2020〕3号\n"
        "一、复工企业每日对办公区域和食堂消毒不少于2次，并做好消毒记录。\n"
    ),
    "关于做好储备冻猪肉投放工作的通知": (
        "关于做好储备冻猪肉投放工作的通知\n"
        "自治区第二批储备冻猪肉投放地点增加了南宁、柳州、桂林三市，每市投放不少于200吨。\n"
    ),
}


two_provinces = engine_fixture({f"{name}.txt": text for name, text in NOTICES.items()})


@pytest.mark.parametrize(("province", "other"), [("浙江省", "广东省"), ("广东省", "浙江省")])
def test_a_province_named_in_an_eligibility_question_gets_its_own_programs_only(two_provinces, province, other):
    answer = two_provinces.ask(f"我们是{province}的一家小微企业，可以申请哪些补贴？")
    assert answer.answerable and answer.citations
    assert all(province[:2] in c.doc_title for c in answer.citations), [c.doc_title for c in answer.citations]
    assert other not in answer.answer


def test_without_a_place_the_programs_of_both_provinces_are_listed(two_provinces):
    answer = two_provinces.ask("我们是一家小微企业，可以申请哪些补贴？")
    titles = {c.doc_title[:2] for c in answer.citations}
    assert titles == {"浙江", "广东"}, titles


def test_a_notice_naming_no_place_answers_for_the_place_it_is_about(two_provinces):
    answer = two_provinces.ask("广西第二批储备冻猪肉投放地点增加了哪几个？")
    assert answer.answerable and answer.citations[0].doc_title == "关于做好储备冻猪肉投放工作的通知"


def test_another_provinces_measure_is_no_answer_for_a_province(two_provinces):
    answer = two_provinces.ask("浙江省对中小企业参加展会给多少补助？")
    assert not any("广东" in c.doc_title for c in answer.citations), [c.doc_title for c in answer.citations]


def test_a_notice_is_placed_by_the_province_its_doc_number_abbreviates(two_provinces):
    """京卫发〔2020〕3号 names no place in its title, yet 京 is 北京: its rule answers for 北京 and is
    another province's for 浙江."""
    beijing = two_provinces.ask("北京市复工企业每天要消毒几次？")
    assert beijing.answerable and beijing.citations[0].doc_title == "关于做好复工企业消毒工作的通知"
    zhejiang = two_provinces.ask("浙江省复工企业每天要消毒几次？")
    assert not any(c.doc_title == "关于做好复工企业消毒工作的通知" for c in zhejiang.citations)


@pytest.mark.parametrize(
    ("question", "province"),
    [
        ("杭州市的中小企业房租补贴每家最高多少？", "浙江"),
        ("宁波的中小企业贷款贴息怎么算？", "浙江"),
        ("深圳中小企业新招用员工有什么补贴？", "广东"),
        ("佛山市中小企业参加展会给多少补助？", "广东"),
    ],
)
def test_a_city_is_answered_from_the_notice_of_the_province_holding_it(two_provinces, question, province):
    """A province's notice is policy for its cities: no document names 杭州, 浙江's answers for it."""
    answer = two_provinces.ask(question)
    assert answer.answerable, answer.answer
    assert answer.citations[0].doc_title.startswith(province), [c.doc_title for c in answer.citations]


def test_a_city_of_a_province_the_corpus_lacks_is_refused(two_provinces):
    answer = two_provinces.ask("成都市中小企业参加展会给多少补助？")
    assert not answer.answerable and "成都" in answer.answer


SHANGHAI_AND_BEIJING = {
    "上海市支持中小企业若干措施.txt": (
        "上海市人民政府办公厅关于支持中小企业共渡难关的若干措施\n"
        "一、对承租本市国有企业经营性房产的中小企业，免收2月和3月两个月房租。\n"
        "二、上海市对参加线上展会的中小企业，按展位费的50%给予补助，每家最高5万元。\n"
    ),
    "北京市促进中小微企业发展的若干措施.txt": (
        "关于应对疫情影响促进中小微企业持续健康发展的若干措施\n北京市人民政府办公厅\n京政办发〔2020〕7号\n"
        "一、对承租市及区属国有企业房产的中小微企业，减免2月份租金。\n"
        "二、对参加线上展会的中小企业，按展位费的80%给予补助，每家最高8万元。\n"
    ),
    "长三角中小企业服务合作的通知.txt": (
        "关于推进长三角中小企业服务合作的通知\n"
        "一、对在长三角地区跨省参展的中小企业，给予展位费30%的补助。\n"
    ),
}


shanghai_and_beijing = engine_fixture(SHANGHAI_AND_BEIJING)


def test_a_shanghai_asker_is_offered_no_other_provinces_programs(shanghai_and_beijing):
    """Shanghai is a province-level city: a programme headed by 北京 is never a Shanghai firm's,
    while one of the 长三角 region Shanghai belongs to may be."""
    answer = shanghai_and_beijing.ask("上海对中小企业有哪些补贴政策？")
    titles = {c.doc_title for c in answer.citations}
    assert answer.answerable and titles
    assert not any(t.startswith("关于应对疫情影响") for t in titles), titles
    assert "8万元" not in answer.answer
    assert any("长三角" in t for t in titles), titles


def test_a_shanghai_question_is_answered_from_no_other_provinces_notice(shanghai_and_beijing):
    answer = shanghai_and_beijing.ask("上海对承租国有企业房产的中小企业有哪些租金优惠？")
    assert answer.answerable and answer.citations[0].doc_title.startswith("上海市")
    assert not any(c.doc_title.startswith("关于应对疫情影响") for c in answer.citations)


NATIONAL = {
    "国务院关于印发个人所得税专项附加扣除暂行办法的通知.txt": (
        "国务院关于印发个人所得税专项附加扣除暂行办法的通知\n国发〔2018〕41号\n"
        "第一条 纳税人在主要工作城市没有自有住房而发生的住房租金支出，可以按照以下标准定额扣除：\n"
        "（一）直辖市、省会（首府）城市、计划单列市以及国务院确定的其他城市，扣除标准为每月1500元；\n"
        "（二）除第一项所列城市以外，市辖区户籍人口超过100万的城市，扣除标准为每月1100元。\n"
    ),
    "浙江省支持中小企业若干措施.txt": NOTICES["浙江省支持中小企业若干措施"],
}

national = engine_fixture(NATIONAL)


@pytest.mark.parametrize("question", [
        "在杭州上班，房子是租的，个税住房租金每个月能扣多少？",
        "我在成都工作，租房的个税扣除标准是多少？",
        "我是香港居民，在内地租房，个税能扣多少？",  # where the asker is from
    ],)
def test_where_the_asker_lives_or_is_from_is_no_topic_national_rules_apply_there(national, question):
    answer = national.ask(question)
    assert answer.answerable, answer.answer
    assert answer.citations[0].doc_title.startswith("国务院关于印发个人所得税"), answer.citations[0].doc_title


@pytest.mark.parametrize("question", ["成都的人才公寓补贴是多少？", "成都对租房的人有什么补贴？"])
def test_a_place_asked_about_with_no_policy_of_its_own_is_still_refused(national, question):
    assert not national.ask(question).answerable


@pytest.mark.parametrize(
    ("question", "places"),
    [
        # words jieba tags as places that name none: no "政策库中没有上门的政策文件"
        ("有个部门上门要我们交赞助费，不交就罚款，我们可以不交吗？", []),
        ("知识产权蓝海贷的贴息比例是多少？", []),
        ("海关咨询热线电话是多少？", []),
        # a foreign firm asking of the rules where it does business, not of its country's
        ("我们是一家德国家电企业，想在中国办商标的海关保护备案，有效期多长？", []),
        ("德国的专利保护期是多长？", ["德国"]),
        # something that happened abroad, China's rules on it asked
        ("我们在美国被起诉专利侵权，对方要我们把研发数据寄过去，要注意哪些国内规定？", []),
        ("在美国申请专利要交多少钱？", ["美国"]),
        # an asker in a province of China: that province's own rules apply, the place stays
        ("我是北京一所市属高校的老师，学校一直不转化我的成果，我能自己转化吗？", ["北京"]),
        ("长江有多长？", ["长江"]),
        # the people of a place name the place ("北京市民", not a place called 北京市民)
        ("北京市民乘坐电梯要注意什么？", ["北京"]),
    ],
)
def test_a_place_is_a_place_named_as_the_topic_of_the_question(question, places):
    from chat.scope import places_named

    assert places_named(question) == places



@pytest.mark.parametrize(
    ("question", "places"),
    [
        ("深圳对专利开放许可的许可人奖励多少钱？跟上海比怎么样？", ["深圳"]),
        # the asker's registration, a region holding Shanghai, a Shanghai district: no place asked about
        ("公司注册地在江苏昆山，研发团队在上海，能申报上海的专项资金吗？", []),
        ("长三角知识产权运营一体化，上海怎么推进？", []),
        ("上海浦东新区对专利有什么补贴？", []),
    ],
)
def test_places_beside_shanghai_are_those_another_policy_would_be_asked_of(question, places):
    from chat.scope import places_named

    assert places_named(question, beside_shanghai=True) == places
