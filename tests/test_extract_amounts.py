"""Every amount of the 实施细则, article by article, with its kind (hand-checked)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.extract import extract_meta
from indexer.extract_amounts import parse_amounts
from indexer.normalize import clean_layout
from indexer.segment import segment

RULES = Path(__file__).resolve().parents[1] / "corpus" / "上海市知识产权运营服务体系建设第二批专项资金实施细则_2022.txt"
ARTICLES = [
    "第一条", "第二条", "第三条", "第四条", "第五条", "第六条", "第七条", "第八条", "第九条", "第十条",
    "第十一条", "第十二条", "第十三条", "第十四条", "第十五条", "第十六条", "第十七条", "第十八条",
    "第十九条", "第二十条", "第二十一条", "第二十二条", "第二十三条", "第二十四条", "第二十五条",
    "第二十六条", "第二十七条", "第二十八条",
]  # fmt: skip
CAP, ITEM, PCT, TOTAL, FUND, FIXED = "per_recipient_cap", "per_item", "percentage", "program_total", "fund_size", "fixed"

# (kind, yuan or percent, verbatim phrase) per article; articles not listed have none.
EXPECTED: dict[str, list[tuple[str, float, str]]] = {
    "第三条": [
        (FUND, 4_472_000, "首批专项资金结余款项447.20万元"),
        (FUND, 50_000_000, "第二批专项资金5000万元"),
        (FUND, 54_472_000, "共5447.20万元"),
    ],
    "第六条": [(CAP, 800_000, "每家不超过80万元")],
    "第七条": [(CAP, 500_000, "每家不超过50万元")],
    "第八条": [(CAP, 500_000, "每家不超过50万元")],
    "第九条": [(CAP, 100_000, "每家不超过10万元"), (CAP, 300_000, "不超过30万元"), (CAP, 200_000, "不超过20万元")],
    "第十条": [(FIXED, 300_000, "一次性给予30万元"), (FIXED, 100_000, "一次性给予10万元"), (FIXED, 100_000, "一次性给予10万元")],
    "第十一条": [(CAP, 250_000, "每家不超过25万元")],
    "第十二条": [(CAP, 200_000, "每家不超过20万元"), (CAP, 200_000, "不超过20万元")],
    "第十三条": [(CAP, 800_000, "每家不超过80万元")],
    "第十四条": [(CAP, 500_000, "每家不超过50万元")],
    "第十五条": [(CAP, 200_000, "每家不超过20万元")],
    "第十六条": [(CAP, 500_000, "不超过50万元")],
    "第十七条": [(CAP, 200_000, "不超过20万元")],
    "第十八条": [(CAP, 300_000, "不超过30万元")],
    "第十九条": [(ITEM, 1_500, "每件专利不超过1500元"), (TOTAL, 3_000_000, "本项目奖补总额不超过300万元")],
    "第二十条": [(PCT, 0.1, "不超过实际放款金额的0.1%"), (TOTAL, 5_000_000, "本项目奖补总额不超过500万元")],
    "第二十一条": [(TOTAL, 500_000, "本项目奖补总额不超过50万元")],
    "第二十二条": [(ITEM, 3_000, "每件成交合同不超过3000元"), (TOTAL, 300_000, "本项目奖补总额不超过30万元")],
}


@pytest.fixture(scope="module")
def articles() -> dict[str, str]:
    found: dict[str, str] = {}
    for seg in segment(clean_layout(RULES.read_text(encoding="utf-8"))):
        found.setdefault(seg.label, seg.text)
    return found


@pytest.mark.parametrize("label", ARTICLES)
def test_rules_amounts(articles: dict[str, str], label: str) -> None:
    amounts = extract_meta(articles[label]).amounts
    got = [(a.kind, a.percent if a.kind == PCT else a.value_yuan, a.raw) for a in amounts]
    assert got == EXPECTED.get(label, []), label


def test_purpose_is_the_project_or_the_kind_of_support(articles: dict[str, str]) -> None:
    assert extract_meta(articles["第六条"]).amounts[0].purpose == "高校知识产权运营中心建设"
    assert extract_meta(articles["第七条"]).amounts[0].purpose == "医疗卫生系统知识产权运营中心建设"
    # 第九条（一）: the item has no title of its own; its heading path names only 第九条.
    item = "（一）在本市商业银行中，择优遴选8家左右认定上海市知识产权金融（信贷）创新中心。一次性予以每家不超过10万元资金奖补。"
    assert extract_meta(item, heading_path=["第二章 项目支持", "第九条"]).amounts[0].purpose == "资金奖补"
    item = "（一）公共专利墙。支持本市重点产业行业协会搭建“公共专利墙”。一次性予以每家不超过20万元经费支持。"
    assert extract_meta(item).amounts[0].purpose == "公共专利墙"


@pytest.mark.parametrize(
    ("text", "kind", "value", "percent"),
    [
        ("对符合条件的企业给予贷款利率 50% 的贴息。", PCT, None, 50.0),
        ("到２０２５年底,本市专利商标质押融资登记规模超过３００亿元,", "target_figure", 3e10, None),
        ("全市涉及专利的技术合同成交额超过１５００亿元.", "target_figure", 1.5e11, None),
        ("备案认定的专利密集型产品年产值达７００亿元\n\n左右", "target_figure", 7e10, None),
        ("知识产权质押融资总额达 8 亿，", "target_figure", 8e8, None),
        ("一次性予以不超过30万元资金奖补。", CAP, 3e5, None),
        ("每笔贷款补贴不超过5千元。", ITEM, 5e3, None),
        # a cap however it is negated, never a goal: "超过" after 不得/不能 is no target's verb
        ("同一家庭在1个自然年度内临时救助金额累计最高不得超过5万元。", CAP, 5e4, None),
        ("单个项目补助金额不能超过3000元。", CAP, 3e3, None),
    ],
)
def test_amount_kinds(text: str, kind: str, value: float | None, percent: float | None) -> None:
    (amount,) = parse_amounts(text)
    assert (amount.kind, amount.value_yuan, amount.percent) == (kind, value, percent)


def test_percent_targets_are_not_amounts() -> None:
    assert parse_amounts("本市专利密集型产业增加值占 GDP比重达到２０％左右") == []
    assert parse_amounts("年均增幅超过２０％") == []


def test_thousands_separated_by_commas_are_one_amount() -> None:
    """Web pages and tables write "1,000元": the whole sum, not "000元"; a list of years is no sum."""
    amounts = parse_amounts("基金最高支付限额为职工参保人员每人每月1,000元、居民每人每月500元，另一次性补助3,500.5万元。")
    assert [(a.raw, a.value_yuan) for a in amounts] == [("每人每月1,000元", 1000.0), ("每人每月500元", 500.0), ("一次性补助3,500.5万元", 35_005_000.0)]
    assert [a.value_yuan for a in parse_amounts("2019,2020年分别给予500元补助。")] == [500.0]


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("全市城乡最低生活保障标准为每人每月1309元。", "每人每月1309元"),
        ("对一线医务人员给予每人每天300元补助。", "每人每天300元"),
        ("同一服务机构每家每年最高不超过10万元。", "每家每年最高不超过10万元"),
        ("每个人每年可领取3000元交通补贴。", "每个人每年可领取3000元"),
    ],
)
def test_a_chain_of_per_units_is_kept_whole(text: str, raw: str) -> None:
    """"每人每月1309元" is per person and month: "每月1309元" alone would read as a household's."""
    assert parse_amounts(text)[0].raw == raw


@pytest.mark.parametrize(
    ("text", "ranges"),
    [
        ("处十万元以上五十万元以下的罚款；情节严重的，处五十万元以上三百万元以下的罚款。", [("十万元以上五十万元以下", 500_000), ("五十万元以上三百万元以下", 3_000_000)]),
        ("由监督检查部门处10万元以上50万元以下的罚款。", [("10万元以上50万元以下", 500_000)]),
        ("对每个项目给予1万元至5万元补助。", [("每个项目给予1万元至5万元", 50_000)]),
    ],
)
def test_a_range_of_sums_is_one_figure_worth_its_upper_bound(text: str, ranges: list[tuple[str, float]]) -> None:
    """A fine "十万元以上五十万元以下" is no 十万元 beside a 五十万元: an answer quoting either alone misleads."""
    assert [(a.raw, a.value_yuan) for a in parse_amounts(text)] == ranges


def test_scales_are_not_amounts() -> None:
    assert parse_amounts("着力打造在线新经济、智能制造、创意设计等“三大千亿级”产业集群") == []
    assert [a.value_yuan for a in parse_amounts("一次性给予三十万元资金奖补")] == [300_000]


def test_non_binding_figures_are_other() -> None:
    amounts = parse_amounts("2019年上海专利权质押金额达到13.58亿元", binding=False)
    assert [a.kind for a in amounts] == ["other"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789.%万亿千元每家件不超过达到总额共资金，。、（）()一二十百", max_size=60))
def test_parse_amounts_never_raises(text: str) -> None:
    parse_amounts(text)
