"""Subjects, conditions, exclusions (and their attributes) and clause kinds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.extract import extract_meta
from indexer.extract_eligibility import exclusion_attributes
from kb.lexicon import SUBJECTS, find_subjects
from kb.models import Document
from tests.seeds import segments_by_label

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
RULES = CORPUS / "上海市知识产权运营服务体系建设第二批专项资金实施细则_2022.txt"
PLAN = CORPUS / "沪府办发2024-7号_上海市专利转化运用专项行动实施方案.txt"
EXCLUSION_15 = (
    "已获得国家知识产权优势示范单位和上海市专利工作试点示范单位认定的企业，"
    "以及处于市级专利导航工程、高价值专利培育工程实施期间的企业不参与本项目遴选。"
)


@pytest.fixture(scope="module")
def rules() -> dict[str, str]:
    return segments_by_label(RULES)


def test_article_2_conditions_and_subjects(rules: dict[str, str]) -> None:
    meta = extract_meta(rules["第二条"])
    assert meta.conditions == ["注册在本市", "经营状态正常", "信用记录良好", "具有项目承担运行能力"]
    assert meta.subjects == ["企事业单位", "高校", "科研机构", "社会组织"]
    assert "condition" in meta.kinds


def test_article_15_subjects_exclusion_and_attributes(rules: dict[str, str]) -> None:
    meta = extract_meta(rules["第十五条"])
    assert meta.subjects[:2] == ["中小企业", "专精特新企业"]  # 中小企业… in the title, then 专精特新中小企业
    assert "老字号企业" in meta.subjects
    assert meta.exclusions == [EXCLUSION_15]
    assert exclusion_attributes(meta.exclusions[0]) == [
        "已获国家知识产权优势示范单位认定",
        "已获上海市专利工作试点示范单位认定",
        "处于市级专利导航工程实施期间",
        "处于高价值专利培育工程实施期间",
    ]
    assert meta.kinds == ["funding", "exclusion"]


def test_window_and_registration_conditions(rules: dict[str, str]) -> None:
    assert extract_meta(rules["第十九条"]).conditions == [
        "在2022年7月1日至2023年6月30日期间，面向本市中小企业进行专利许可转让",
        "在国家知识产权局相关部门完成专利许可实施合同备案或专利权变更登记",
    ]
    assert extract_meta(rules["第二十一条"]).conditions == ["在我局备案入册"]
    assert extract_meta(rules["第七条"]).conditions == ["具有一定知识产权转移转化实践成果"]
    assert extract_meta(rules["第十三条"]).conditions == ["创新能力强、研发投入高、企业经营好、管理制度全"]
    assert "已形成科创板拟上市企业知识产权状况研究成果的高校优先" in extract_meta(rules["第十八条"]).conditions


def test_subject_synonyms() -> None:
    assert find_subjects("高等学校和科研院所") == ["高校", "科研机构"]
    assert find_subjects("专精特新“小巨人”企业") == ["专精特新企业"]
    assert find_subjects("医疗卫生机构、银行机构、融资担保公司") == ["医院", "商业银行", "担保机构"]
    assert find_subjects("") == []
    assert all(canonical in SUBJECTS for canonical in find_subjects("高校院所、服务机构、许可人、国企"))


def test_unit_names_are_not_subjects() -> None:
    assert extract_meta("（责任单位：中国人民银行上海市分行）").subjects == []


@pytest.mark.parametrize(
    ("label", "kinds"),
    [
        ("第二条", ["condition"]),
        ("第三条", ["funding", "definition"]),
        ("第六条", ["funding"]),
        ("第二十三条", ["prohibition"]),
        ("第二十四条", ["task"]),
        ("第二十六条", ["penalty"]),
        ("第二十七条", ["validity"]),
        ("第四条", ["funding"]),
    ],
)
def test_rules_kinds(rules: dict[str, str], label: str, kinds: list[str]) -> None:
    assert extract_meta(rules[label]).kinds == kinds


def test_plan_and_research_kinds() -> None:
    items = segments_by_label(PLAN)
    doc = Document(doc_id="p", title="上海市专利转化运用专项行动实施方案", kind="实施方案")
    assert extract_meta(items["（二）"], doc=doc).kinds == ["task", "target"]
    assert extract_meta(items["（二十六）"], doc=doc).kinds == ["funding", "task"]
    research = Document(doc_id="r", title="激励创造和有效运用，引导企业发明专利高质量发展", binding=False)
    assert extract_meta("建议设立专利盒子制度，给予税收优惠。", doc=research).kinds == ["analysis"]
    assert extract_meta("第二十八条 本细则由上海市知识产权局负责解释。").kinds == ["task"]
    assert extract_meta("这是一段说明。").kinds == ["general"]


def test_an_exception_in_parentheses_is_the_exclusion_not_the_grant_around_it() -> None:
    grant = "第八条 专项支持。入驻孵化基地的第三方服务机构（属政府采购的运营服务机构除外）每成功推荐1个港澳青年企业，给予1万元奖励。"
    meta = extract_meta(grant)
    assert meta.exclusions == ["属政府采购的运营服务机构除外"]
    assert exclusion_attributes(meta.exclusions[0]) == ["属政府采购"]
    both = "（二）对企业给予补贴（金融企业除外），已获市级资助的项目不予支持。"
    assert extract_meta(both).exclusions == ["对企业给予补贴（金融企业除外），已获市级资助的项目不予支持。"]


def test_exclusion_attributes_is_total() -> None:
    assert exclusion_attributes("") == []
    assert exclusion_attributes("获得过市级资助的项目不予支持。") == ["获得过市级资助"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_extract_meta_never_raises(text: str) -> None:
    extract_meta(text)
    extract_meta(
        text, heading_path=[text[:10]], doc=Document(doc_id="d", title=text[:20], region="区级", plan_period=(2024, 2026))
    )
    exclusion_attributes(text)


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet="（）()：:责任单位牵头参与负责市知识产权局教委、，。由会同要第条一二十不参与已获得和处于期间的企业每家不超过80万元",
        max_size=80,
    )
)
def test_extract_meta_never_raises_on_policy_like_text(text: str) -> None:
    extract_meta(text)
