"""Expected answer types: asking for a telephone number, a web address, a street address, the
materials to submit, a procedure, conditions or a fee needs a passage that holds one; mentioning
them does not ask for them."""

from __future__ import annotations

import pytest

from chat.answer_types import (
    amount_purpose,
    asked_measure,
    asked_thing,
    asked_types,
    counts_in,
    fee_stated,
    fees_named,
    missing_type,
    types_missing,
)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("受理疫情防控问题的热线电话是多少？", ["电话"]),
        ("专利超市平台的网址是什么？", ["网址"]),
        ("专项资金项目在哪个网站上申报？", ["网址"]),
        ("登录哪个网站申报？", ["网址"]),
        ("保护中心分中心在哪里办公？", ["地址"]),
        ("申报需要提交哪些材料？", ["材料"]),
        ("冒充公安人员拨打电话诱骗转账是否构成诈骗罪？", []),
        ("点击他人虚假链接被骗钱了，可以报警吗？", []),
        ("快速预审服务怎么备案？", ["办理程序"]),
        ("去哪里领取一次性补贴？", ["办理程序"]),
        ("如何认定劳动者严重失职？", []),  # a legal judgment, not a procedure
        ("市级专利导航工程的申报条件有哪些？", ["条件"]),
        ("工业产品应当符合什么标准？", ["条件"]),
        ("招用困难人员的社保补贴按什么标准发？", []),  # the rate it is paid by, no condition
        ("银行的质押融资奖励按照什么标准算？", []),
        ("专利无效宣告请求需要交多少费用？", ["费用"]),
        ("健康申报证明收费吗？", ["费用"]),
        ("专利权转让要交多少手续费？", ["费用"]),
        ("专利超市每笔交易收多少佣金？", ["费用"]),
        ("专利代理机构收费标准是多少？", ["费用"]),
        ("专利评估服务怎么收费？", ["费用"]),
        ("数据登记如何计费？", ["费用"]),
        ("知识产权质押贷款贴息比例是多少？", ["比例"]),
        ("贷款风险补偿比例最高是多少？", ["比例"]),
        ("保费能补贴几成？", ["比例"]),
        ("发明专利实质审查一般要多久？", ["期限"]),
        ("实用新型专利的保护期是多少年？", ["期限"]),
        ("申报要交哪些材料？", ["材料"]),  # 交 for 提交, as people say it
        ("去窗口要带什么材料？", ["材料"]),
        ("白皮书要编哪几年的？", []),  # which years, not how long
        ("专利资助每件多少钱？", []),  # an amount, checked from the extracted figures
        ("在哪个网上系统填报？", ["网址"]),
        ("今年几号截止？", ["日期"]),
        ("项目申报截止日期是哪天？", ["日期"]),
        ("存量专利盘点什么时候要完成？", []),  # a deadline, checked from the extracted dates
        ("移交手续的截止时间是什么时候？", []),
    ],
)
def test_a_type_is_asked_only_when_the_question_asks_for_it(question, asked):
    assert [t.name for t in asked_types(question)] == asked


def test_a_passage_without_the_asked_thing_does_not_answer():
    assert missing_type("咨询热线电话是多少？", "设立知识产权咨询服务热线，提供政策解读。") == "电话"
    assert missing_type("咨询热线电话是多少？", "咨询电话：021-12345678。") is None
    assert missing_type("咨询热线电话是多少？", "可拨打12345市民服务热线。") is None
    assert missing_type("援助平台的电话是多少？", "推进ISO56005创新管理国际标准实施，服务企业20000家。") == "电话"
    assert missing_type("平台网址是什么？", "详见 https://sipa.sh.gov.cn 。") is None
    assert missing_type("快速预审服务怎么备案？", "引导创新主体充分利用专利快速预审服务。") == "办理程序"
    assert missing_type("年费减缴怎么申请？", "企业在新产品研发过程中往往会成批申请专利。") == "办理程序"  # no one to file with
    assert missing_type("一次性补贴怎么领取？", "一次性补贴由企业向所在区人社部门提交申请，经审核后发放。") is None
    assert missing_type("贴息比例是多少？", "一次性予以不超过30万元资金奖补。") == "比例"
    assert missing_type("贴息比例是多少？", "按贷款利率的50%给予贴息。") is None
    assert missing_type("保护期是多少年？", "到2026年，每万人口高价值发明专利拥有量达到50件。") == "期限"  # a year is no period
    assert missing_type("保护期是多少年？", "发明专利权的期限为二十年。") is None
    # hours are clock times; a day of application is asked colloquially too
    assert missing_type("分中心在哪个地址？工作日几点开门？", "推进知识产权保护中心杨浦分中心建设。") == "地址"
    assert missing_type("服务大厅工作日几点开门？", "受理时间：工作日上午9:00至下午5:00。") is None
    assert missing_type("我每天晚上关门前把水果低价甩卖，这违法吗？", "经营者不得以低于成本的价格销售商品。") is None  # told, not asked
    assert missing_type("今年的项目申报啥时候截止？", "到2025年，全市专利转化运用能力显著提升。") == "日期"
    assert missing_type("今年的项目申报啥时候截止？", "项目申报截止时间为2025年3月31日。") is None
    # materials are listed or named as what to hand in, not mentioned: "对申报材料真实性进行监管", "提供虚假材料"
    assert missing_type("申报需要提交哪些材料？", "各区对本区域落地项目申报材料真实性进行监管。") == "材料"
    assert missing_type("申报需要提交哪些材料？", "申报主体提供虚假材料的，取消申报资格。") == "材料"
    assert missing_type("申报需要提交哪些材料？", "申报单位应当提交下列材料：（一）申请表；（二）营业执照复印件。") is None
    assert missing_type("起诉要带什么材料？", "起诉应当向人民法院递交起诉状，并按照被告人数提出副本。") is None
    assert missing_type("进口物资免征关税的期间是多久？", "自2020年1月1日至3月31日，对进口物资免征进口关税。") is None
    assert missing_type("试点城区建设要在多久内完成？", "试点城区工作方案（2024—2026年）") is None
    assert missing_type("申报证明收费吗？", "推动开展健康申报证明服务。") == "费用"
    assert missing_type("申报证明收费吗？", "健康申报证明一律免费办理。") is None


def test_a_day_or_a_system_to_apply_through_is_stated_as_such():
    """"几号截止？" wants a day (a date, a month's or year's end, a day counted from one), not a period or
    a programme; "在哪个网上系统填报？" an address or a named system to apply through."""
    assert missing_type("申报截止日期是哪天？", "市知识产权局负责项目申报通知发布、项目评审认定等工作。") == "日期"
    assert missing_type("申报截止日期是哪天？", "申报截止时间为2023年3月31日。") is None
    assert missing_type("补贴申请今年几号截止？", "补贴申请自印发之日起30日内提交。") is None
    assert missing_type("在哪个网上系统填报？", "申报主体按照申报指南要求提交材料。") == "网址"
    assert missing_type("在哪个网上系统填报？", "申报单位登录上海市知识产权局网上申报系统填报。") is None


def test_the_engine_refuses_when_the_cited_clauses_lack_the_asked_type(engine):
    answer = engine.ask("杨浦区专利超市平台的网址是什么？")
    assert not answer.answerable and "网址" in answer.answer


@pytest.mark.parametrize("question", ["第二批专项资金的项目申报截止日期是哪天？在哪个网站上提交材料？", "专利超市的申报几号截止？在哪个系统报名？"])
def test_the_engine_refuses_a_day_and_a_site_the_texts_never_give(engine, question):
    assert not engine.ask(question).answerable


def test_a_named_fee_or_period_is_stated_only_by_a_sentence_that_names_it():
    """"手续费" is not answered by another fee's amount, nor "保护期" by any period; the type's plain
    word stands in for the name ("发明专利权的期限为二十年" states the 保护期)."""
    awards = "专利转让许可费不超过10万元。服务机构每年最高资助50万元。"
    assert missing_type("专利权转让要交多少手续费？", awards) == "费用"
    assert missing_type("专利超市每笔交易收多少佣金？", awards) == "费用"
    assert missing_type("专利权转让要交多少手续费？", "转让登记手续费每件200元。") is None
    assert missing_type("专利权转让要交多少手续费？", "办理转让登记，相关费用减半收取。") is None
    assert missing_type("实用新型专利的保护期是多少年？", "项目实施周期为三年。到2026年，专利拥有量达到50件。") == "期限"
    assert missing_type("实用新型专利的保护期是多少年？", "实用新型专利权的期限为十年，自申请日起计算。") is None
    assert missing_type("融资租赁合同欠付租金的诉讼时效是多长时间？", "向人民法院请求保护民事权利的诉讼时效期间为三年。") is None
    # a topic before a bare 期限 or 费 names nothing of its own: any stated period or fee answers
    assert missing_type("江苏省免征小微企业社保缴费期限为多久？", "免征期限不超过5个月。") is None
    assert missing_type("申报费怎么算？", "健康申报证明一律免费办理。") is None


def test_conditions_said_as_whom_a_programme_is_for_are_conditions():
    clause = "第十三条 高价值专利培育中心建设。面向本市创新能力强、研发投入高的企业，择优遴选10家左右，一次性予以每家不超过80万元经费支持。"
    assert missing_type("高价值专利培育中心的申报条件是什么？", clause) is None
    grant = "第二十一条 服务机构专利许可转让托管绩效奖补。对在我局备案入册的知识产权服务机构，按照实际工作绩效，分等次予以资金奖补。"
    assert missing_type("知识产权服务机构要满足什么条件才能拿托管绩效奖补？", grant) is None


def test_conditions_materials_and_procedures_are_stated_of_the_thing_asked():
    """A clause that says whom another programme is for ("面向本市专精特新中小企业") gives no conditions
    for being recognised as 专精特新, and a clause that names "新材料" or a 流程 of something else lists
    no materials or procedure for what is asked: the sentence, or its clause's opening, names the thing."""
    other = (
        "(十四)提升中小企业知识产权运营能力。面向本市专精特新中小企业和老字号等民生领域中小企业，"
        "围绕核心产品开展知识产权运营能力提升项目。"
    )
    common = {"企业": 0.1, "知识产权": 0.05, "项目": 0.1}
    rarity = lambda w: common.get(w, 0.8)  # noqa: E731 - a corpus where most clauses name 企业
    assert missing_type("专精特新企业需要满足什么条件才能被认定？", other, rarity) == "条件"
    assert missing_type("知识产权运营能力提升项目的申报条件是什么？", other, rarity) is None
    finance = "(三十)引导金融机构开展商标质押登记全流程线上办理，用好质押登记办理窗口。"
    assert missing_type("长三角一卡通怎么办理？", [finance]) == "办理程序"
    assert missing_type("商标质押登记怎么办理？", [finance]) is None


def test_the_corpus_rarity_picks_the_words_that_name_the_thing():
    """Words most clauses hold (专利 in an IP corpus) name nothing in particular; a rarity function
    from the corpus leaves the uncommon ones, and with none uncommon every word counts."""
    rarity = {"专利": 0.05, "质押": 0.5, "登记": 0.4, "长三角": 0.6, "一卡通": 1.0}.get
    finance = "引导金融机构开展专利质押登记全流程线上办理。"
    assert missing_type("长三角专利一卡通怎么办理？", [finance], lambda w: rarity(w, 1.0)) == "办理程序"
    assert missing_type("专利质押登记怎么办理？", [finance], lambda w: rarity(w, 1.0)) is None


def test_a_period_or_fee_is_stated_of_the_thing_asked():
    plan = "(九)深化本市专利开放许可试点工作。对达成并备案的专利开放许可，依法依规予以技术合同登记认定。到2025年，完成备案3000件。"
    assert missing_type("技术合同登记认定需要多长时间？", plan) == "期限"
    assert missing_type("全科医生式服务收费吗？", "11.加强知识产权全科医生式服务。为企业提供专利代理，收费标准另行公布。") is None
    common_service = lambda w: 0.1 if w == "服务" else 0.8  # noqa: E731 - most clauses name a 服务
    assert missing_type("全科医生式服务收费吗？", "12.优化专利代理服务。专利代理收费标准另行公布。", common_service) == "费用"  # another's fee
    assert missing_type("海东市对纳税申报困难的企业可延长多久？", "对办理纳税申报困难的，依法办理延期申报，最长不超过3个月。") is None


def test_whom_a_rule_applies_to_states_conditions():
    scope = "第二条 本实施细则涉及的各类项目适用于注册在本市，经营状态正常、信用记录良好、具有项目承担运行能力的企事业单位。"
    assert missing_type("实施细则的项目申报单位要满足什么条件？", scope) is None


def test_conditions_referred_to_are_not_stated():
    grant = "6.推进知识产权质押融资。对符合条件的企业给予贷款利率50%的贴息。"
    assert missing_type("质押贷款贴息需要满足哪些具体条件？", grant) == "条件"
    assert missing_type("质押贷款贴息需要满足哪些具体条件？", "贴息对象应当具备下列条件：(一)注册在本区。") is None


def test_sentences_of_nfkc_text_end_at_ascii_punctuation():
    """Cited text is NFKC-folded, where "，；" are ",;": a procedure is not read across them."""
    assert missing_type("专利申请被认定为非正常申请后怎么申诉？", "明确产业创新方向，有的放矢地开展技术创新和专利申请。") == "办理程序"


def test_a_question_of_several_parts_is_refused_only_when_no_part_is_answered():
    award = "一次性予以每家不超过80万元经费支持。"
    assert missing_type("每家最多给多少钱？热线电话是多少？", award) is None  # the amount part is answered
    assert types_missing("每家最多给多少钱？热线电话是多少？", award) == [None, "电话"]
    assert missing_type("热线电话是多少？网址是什么？", award) == "电话"


def test_the_engine_answers_the_answered_part_and_says_what_is_not_stated(engine):
    answer = engine.ask("高价值专利培育中心每家最多给多少钱？咨询电话是多少？")
    assert answer.answerable and "每家不超过80万元" in answer.answer
    assert "没有载明所问的电话" in answer.answer


def test_strict_reading_wants_conditions_said_as_such_of_every_word_asked():
    """Leading an answer with a clause from deeper down needs more than a 须 of duty beside one of the
    asked words: conditions in so many words, naming all of the thing asked."""
    rarity = {"专项资金": 0.5, "质押": 0.6, "贷款": 0.4, "贴息": 0.7}.get
    duty = "第二十三条 项目承担单位所得专项资金必须专款专用、专账管理。"
    assert missing_type("申报专项资金的单位要满足什么条件？", duty, lambda w: rarity(w, 0.8)) is None
    assert missing_type("申报专项资金的单位要满足什么条件？", duty, lambda w: rarity(w, 0.8), strict=True) == "条件"
    bank = "第二十条 商业银行专利商标质押绩效奖补。对完成质押登记的商业银行给予奖补。"
    assert missing_type("质押贷款贴息需要满足什么条件？", bank, lambda w: rarity(w, 0.8), strict=True) == "条件"
    scope = "专项资金实施细则：第二条 本实施细则涉及的各类项目适用于注册在本市的企事业单位。"
    assert missing_type("申报专项资金的单位要满足什么条件？", scope, lambda w: rarity(w, 0.8), strict=True) is None


def test_the_fund_conditions_come_from_the_article_that_states_them(engine):
    """The 细则's 第二条 ("适用于注册在本市……") ranks below articles that only name the fund; a condition
    question none of whose best three passages states conditions is led by it, not refused."""
    answer = engine.ask("申报专项资金的单位要满足什么条件？")
    assert answer.answerable and answer.citations[0].label == "第二条"
    refused = engine.ask("杨浦区知识产权质押贷款贴息需要满足哪些具体条件？")  # "对符合条件的企业给予贴息" states none
    assert not refused.answerable


@pytest.mark.parametrize(
    ("question", "purpose"),
    [
        ("知识产权保险的保费补贴是多少？", ("保费",)),
        ("首席知识产权官的年薪补贴是多少？", ("年薪",)),
        ("高校知识产权运营中心每家补贴多少？", ()),  # how it is asked
        ("企业补贴多少？", ()),  # who gets it
        ("中小企业能拿多少奖励？", ()),
        ("我是专利权人，开放许可能拿多少奖励？", ()),  # the word before 奖励 is 多少
        ("知识产权质押贷款担保贴补的标准是多少？", ("担保",)),
        ("制定地方标准分别奖励多少钱？", ()),  # how the sums are asked (an adverb), not what for
        ("地方标准大概奖励多少？", ()),
        ("房租补贴有多少？", ("房租",)),
        # a subsidy named by the cost it pays: a sum of another kind (an insurer's award) is not it
        ("企业买了知识产权保险，市里的保险贴费是按保费的多少比例补？", ("保险", "贴费")),
        ("重点企业贷款贴息比例是多少？", ("贷款", "贴息")),
    ],
)
def test_the_purpose_an_asked_sum_is_for(question, purpose):
    assert amount_purpose(question) == purpose


@pytest.mark.parametrize(
    ("question", "measure"),
    [("高价值专利培育中心要建多少家？", "家"), ("遴选几所高校？", "所"), ("培养多少人？", "人"), ("审查要几个月？", None), ("每家给多少钱？", None)],
)
def test_the_measure_word_of_an_asked_count(question, measure):
    assert asked_measure(question) == measure


def test_a_count_in_a_measure_is_a_number_followed_by_it():
    assert counts_in("家", "择优遴选10家左右建设高价值专利培育中心")
    assert counts_in("所", "择优遴选不超过十所高校")
    assert not counts_in("家", "本市每万人高价值发明专利拥有量达到60件以上，面向各家企业")


@pytest.mark.parametrize(
    ("measure", "text", "counts"),
    [
        ("家", "择优遴选不超过10所高校开展运营中心建设", True),  # bodies in any of their measure words
        ("人", "培养知识产权专业人才500人", True),
        ("人", "每万人高价值发明专利拥有量达到65件", False),  # a rate's 每万人 counts no one
        ("个", "受理后3个月内办结", False),  # a period
        ("家", "对年度考核优秀的孵化器，择优遴选二十家左右", True),
    ],
)
def test_a_count_is_a_numeral_before_the_measure_word(measure, text, counts):
    from chat.answer_types import counts_in

    assert counts_in(measure, text) is counts


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("个税专项附加扣除里，3岁以下婴幼儿照护每个月能扣多少？", "婴幼儿"),
        ("广州积分入户去年最后的录取分数线是多少分？", "分数线"),
        ("婴幼儿托育费用每月能扣多少？", "婴幼儿"),  # 费用 names the figure, not what it is of
        ("贴息比例是多少？", None),
        ("中小企业能拿多少钱？", None),  # who gets it
        ("高价值专利培育中心遴选多少家，每家多少钱？", "中心"),
        # a told sentence's 几 ("做成了几单") asks nothing: the asking sentence names no such thing
        ("我们医院科研处这两年也做成了几单专利转让。听说有个运营中心的建设项目，选上的话能给多少经费？", None),
        ("学校想报运营中心建设和首席运营官培养两个项目，这两项各自最多能拿多少经费？", None),  # a pointer names nothing
    ],
)
def test_what_a_figure_is_asked_of_is_the_noun_before_the_ask(question, thing):
    assert asked_thing(question) == thing


def test_a_month_asked_is_no_span_and_a_year_named_is_no_period():
    """"每年几月底前…？" asks which month (a deadline), not how long; "上一年度" names a year, no 一年 span."""
    from chat.answer_types import DURATION, asks_duration

    assert not asks_duration("各省每年几月底前要完成辖区内的考核？") and not asks_duration("几月份申报？")
    assert asks_duration("要几个月完成？") and asks_duration("几天内办完？")
    assert DURATION.findall("完成对上一年度医院绩效情况的分析评估，同一年内不得重复申请，三年内有效") == ["三年"]
    assert DURATION.findall("租金每两年调整一次") == ["两年"]  # how often is a span


@pytest.mark.parametrize(
    ("question", "passage", "missing"),
    [
        # who was selected is answered by names, not by how many are chosen
        ("2023年被认定为知识产权金融（信贷）创新中心的是哪几家银行？", "在本市商业银行中，择优遴选8家左右认定知识产权金融（信贷）创新中心。", "名单"),
        ("2023年被认定为知识产权金融（信贷）创新中心的是哪几家银行？", "认定甲银行上海分行、乙银行上海分行为知识产权金融（信贷）创新中心。", None),
        ("试点最后确定的是哪些省份？", "确定北京、吉林、安徽、山东等地区开展试点。", None),
        ("入选的高校有公示名单吗？", "择优遴选不超过10所高校开展建设。", "名单"),
        # whether one is among them is answered by the same names
        ("试点最后定了哪几个城市？有没有广州？", "在全国范围内选择10个左右有条件的城市开展试点。", "名单"),
        ("试点最后定了哪几个城市？有没有广州？", "选择北京、天津、上海、广州、深圳11个城市开展试点。", None),
        ("重点监视防御区具体包括哪些城市？广州在不在名单里？", "确定全国重点监视防御区，加强防震减灾工作。", "名单"),
        # a list of the asker's own is no selection asked
        ("员工把客户名单带走了，会被罚多少？", "处十万元以上一百万元以下的罚款。", None),
        ("哪些企业可以被认定为专精特新企业？", "择优遴选8家左右。", None),
    ],
)
def test_who_was_selected_is_answered_only_by_a_passage_naming_them(question, passage, missing):
    assert missing_type(question, passage) == missing


@pytest.mark.parametrize(
    ("question", "fees"),
    [
        ("国家知识产权局收的申请费和实质审查费各是多少钱？", ["申请费", "审查费"]),
        ("年费忘了交，要多交多少钱？", ["年费"]),
        ("高校运营中心的经费给多少？", []),  # funds, no fee
        ("办理登记要缴费多少？", []),
        # a fee the asker tells of is no fee asked: "这笔钱" is the share asked
        ("我研发的技术被公司转让了，收了一笔转让费。按法律规定，我能从这笔钱里拿到多少？", []),
        ("我们收了一笔转让费。转让费要交多少税？", ["转让费"]),
    ],
)
def test_the_fees_a_question_names(question, fees):
    assert fees_named(question) == fees


@pytest.mark.parametrize(
    ("fee", "passage", "stated"),
    [
        ("生活费", "特困人员基本生活标准为每人每月2094.4元", True),  # the fee as its stem's standard
        ("检测费", "核酸检测费用由财政承担", True),
        ("申请费", "平均担保费率不超过1%", False),
        ("年费", "专利年费按规定缴纳", True),
    ],
)
def test_a_fee_is_stated_by_its_name_or_its_stems_cost_or_standard(fee, passage, stated):
    assert fee_stated(fee, passage) is stated


@pytest.mark.parametrize(
    ("question", "passage", "missing"),
    [
        # a day is stated of what is asked: a goal's year end is no application deadline
        ("今年申报截止日期是几号？", "到2025年底，本市每万人高价值发明专利拥有量达到60件以上。", "日期"),
        ("今年申报截止日期是几号？", "项目申报截止日期为2025年3月31日。", None),
        ("企业哪天可以复工？", "全市企业自2月10日起有序复工。", None),
    ],
)
def test_a_day_is_stated_only_of_what_the_question_asks_it_of(question, passage, missing):
    assert missing_type(question, passage) == missing


def test_a_common_noun_beside_a_place_word_is_no_list_of_names():
    assert missing_type("试点最后选定的是哪10个城市？", "选择10个左右有条件、有基础、规模适当的城市,在全市域范围内开展试点。") == "名单"
