"""Deadlines, windows, validity and plan periods; targets of the 沪府办发 and 杨浦 plans."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.extract import extract_meta
from indexer.extract_dates import parse_dates
from indexer.extract_targets import parse_targets
from indexer.normalize import clean_layout
from indexer.segment import segment
from kb.models import Document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
PLAN = CORPUS / "沪府办发2024-7号_上海市专利转化运用专项行动实施方案.txt"
RULES = CORPUS / "上海市知识产权运营服务体系建设第二批专项资金实施细则_2022.txt"
YANGPU = CORPUS / "杨府发2024-4号_杨浦区国家知识产权强市建设试点城区工作方案_2024-2026.md"
END_2025 = date(2025, 12, 31)


def _segments(path: Path) -> list[tuple[str, list[str], str]]:
    return [(s.label, s.heading_path, s.text) for s in segment(clean_layout(path.read_text(encoding="utf-8")))]


def _first(path: Path, label: str) -> str:
    return next(text for seg_label, _, text in _segments(path) if seg_label == label)


def _dates(text: str, **kwargs: object) -> list[tuple[str, str]]:
    return [(d.iso.isoformat(), d.kind) for d in parse_dates(text, **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("label", "deadline"),
    [("（一）", "2024-12-31"), ("（二）", "2025-12-31"), ("（六）", "2025-12-31"), ("（十一）", "2025-12-31"),
     ("（十三）", "2025-12-31"), ("（二十五）", "2025-12-31")],
)  # fmt: skip
def test_plan_deadlines(label: str, deadline: str) -> None:
    assert _dates(_first(PLAN, label)) == [(deadline, "deadline")]


def test_plan_items_without_dates() -> None:
    assert _dates(_first(PLAN, "（三）")) == []


def test_rules_window_validity_and_issue() -> None:
    assert _dates(_first(RULES, "第十九条")) == [("2022-07-01", "window_start"), ("2023-06-30", "window_end")]
    assert _dates(_first(RULES, "第二十七条")) == [("2022-11-09", "effective"), ("2023-12-31", "expiry")]
    assert _dates(_first(RULES, "文尾")) == [("2022-11-09", "issued")]
    assert _dates("上海市知识产权局\n2022年11月9日\n") == [("2022-11-09", "issued")]


def test_cited_plan_periods_are_not_this_clauses() -> None:
    assert _dates(_first(RULES, "第一条")) == []  # 《…工作方案（2021-2023）》
    assert _dates("工作方案（2024-2026年）") == [("2024-01-01", "plan_start"), ("2026-12-31", "plan_end")]


def test_month_end_takes_the_year_from_the_clause_or_the_document() -> None:
    assert _dates("2019年6月底前，研究建立指标体系") == [("2019-06-30", "deadline")]
    assert _dates("2019年底前完成试点，6月底前完成方案") == [("2019-12-31", "deadline"), ("2019-06-30", "deadline")]
    assert _dates("6月底前完成", default_year=2024) == [("2024-06-30", "deadline")]
    assert _dates("6月底前完成") == []
    # a yearly deadline, from the year it starts: "2020年起，每年2月底前"
    assert _dates("2020年起，每年2月底前各省份完成考核，3月底前完成分析。") == [("2020-02-29", "deadline"), ("2020-03-31", "deadline")]


def test_fullwidth_chinese_numerals_and_validity_phrases() -> None:
    assert _dates("２０２４年４月２４日") == [("2024-04-24", "issued")]
    assert _dates("一九九六年六月二十九日") == [("1996-06-29", "issued")]
    assert _dates("截至 2020 年 12 月 23 日，上海专利授权") == [("2020-12-23", "other")]
    assert _dates("本办法自印发之日起施行，有效期为3年。", issued=date(2020, 1, 1)) == [
        ("2020-01-01", "effective"),
        ("2022-12-31", "expiry"),
    ]
    assert _dates("2月30日前") == []


def _targets(text: str, **kwargs: object) -> list[tuple[str, float, str, str, date | None]]:
    return [(t.indicator, t.value, t.unit, t.comparator, t.by) for t in parse_targets(text, **kwargs)]  # type: ignore[arg-type]


PLAN_TARGETS = {
    "（二）": [
        ("每万人高价值发明专利拥有量", 60, "件", "以上", END_2025),
        ("PCT国际专利申请量", 7000, "件", "左右", END_2025),
    ],
    "（六）": [
        ("高校和科研机构专利转让、许可、作价入股数量年均增幅", 20, "%", "超过", END_2025),
        ("涉及专利的技术合同成交额", 1500, "亿元", "超过", END_2025),
    ],
    "（十一）": [
        ("专利密集型产业增加值占GDP比重", 20, "%", "左右", END_2025),
        ("备案认定的专利密集型产品年产值", 700, "亿元", "左右", END_2025),
    ],
    "（二十五）": [
        ("专利商标质押融资登记规模", 300, "亿元", "超过", END_2025),
        ("惠及中小企业数量", 2000, "家", "超过", END_2025),
    ],
    "（一）": [],
    "（十三）": [],
}


@pytest.mark.parametrize("label", list(PLAN_TARGETS))
def test_plan_targets(label: str) -> None:
    assert _targets(_first(PLAN, label)) == PLAN_TARGETS[label]


def test_yangpu_goals_are_due_at_the_end_of_the_plan_period() -> None:
    doc = Document(
        doc_id="yp",
        title="上海市杨浦区关于国家知识产权强市建设试点城区工作方案（2024-2026年）",
        region="区级",
        plan_period=(2024, 2026),
        kind="工作方案",
    )
    goals = {label: text for label, path, text in _segments(YANGPU) if path == ["三、工作目标"]}
    end = date(2026, 12, 31)
    first = extract_meta(goals["（一）"], heading_path=["三、工作目标"], doc=doc).targets
    assert [(t.indicator, t.value, t.unit, t.comparator, t.by) for t in first] == [
        ("每万人高价值发明专利拥有量", 65, "件", "达到", end),
        ("每万人有效发明专利拥有量", 145, "件", "达到", end),
        ("商标有效注册量", 10, "万件", "达到", end),
        ("有效发明专利量", 2.5, "万件", "达到", end),
        ("企业技术中心", 110, "家", "达到", end),
        ("全社会研发经费支出占地区生产总值比", 5.5, "%", "以上", end),
    ]
    second = extract_meta(goals["（二）"], heading_path=["三、工作目标"], doc=doc).targets
    assert [(t.indicator, t.value, t.unit) for t in second] == [
        ("知识产权质押融资总额", 8, "亿元"),
        ("专利许可转让总数", 3000, "件"),
        ("技术合同累计成交额", 500, "亿元"),
        ("国家知识产权示范、优势企业数量", 10, "家"),
    ]
    assert "target" in extract_meta(goals["（二）"], doc=doc).kinds


def test_caps_and_durations_are_not_targets() -> None:
    assert parse_targets("一次性予以每家不超过80万元经费支持") == []
    assert parse_targets("对授权超过５年没有实施且无正当理由的专利") == []
    assert _targets("总培养人数不少于100人") == [("总培养人数", 100, "人", "不少于", None)]


def test_targets_of_non_binding_documents_are_ignored() -> None:
    doc = Document(doc_id="r", title="研究", binding=False)
    assert extract_meta("2020年上海企业授权发明专利饱和度达到47%", doc=doc).targets == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789０１２年月日底前至起施行有效期为到自（）()-—一二三十〇", max_size=60))
def test_date_and_target_parsers_never_raise(text: str) -> None:
    parse_dates(text, default_year=2024, issued=date(2024, 1, 1))
    parse_targets(text, plan_end=2026)


def test_a_term_from_29_february_ends_on_28_february() -> None:
    """A term in years from a leap day is no crash halfway through indexing: it ends the day before
    the anniversary, 28 February in a year without a 29th."""
    assert ("2025-02-28", "expiry") in _dates("本办法自2024年2月29日起施行，有效期1年。")
    assert ("2026-05-29", "expiry") in _dates("本通知自2025年5月30日起施行，有效期1年。")
