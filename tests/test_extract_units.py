"""Responsible units: every item of the 沪府办发 plan, a State Council 牵头/参与 list, prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract import extract_meta
from indexer.extract_units import without_unit_lists
from indexer.normalize import clean_layout
from indexer.segment import segment
from kb.models import Document
from tests.seeds import segments_by_label

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
PLAN = CORPUS / "沪府办发2024-7号_上海市专利转化运用专项行动实施方案.txt"
RULES = CORPUS / "上海市知识产权运营服务体系建设第二批专项资金实施细则_2022.txt"
YANGPU = CORPUS / "杨府发2024-4号_杨浦区国家知识产权强市建设试点城区工作方案_2024-2026.md"

IP = "上海市知识产权局"
EDU = "上海市教育委员会"
SCI = "上海市科学技术委员会"
HEALTH = "上海市卫生健康委员会"
HR = "上海市人力资源和社会保障局"
FIN = "上海市财政局"
DRC = "上海市发展和改革委员会"
EIT = "上海市经济和信息化委员会"
SASAC = "上海市国有资产监督管理委员会"
STATS = "上海市统计局"
COMMERCE = "上海市商务委员会"
FINOFFICE = "中共上海市委金融委员会办公室"
NFRA_SH = "国家金融监督管理总局上海监管局"
PBOC_SH = "中国人民银行上海市分行"
DISTRICTS = "各区人民政府"

# Hand-checked against the text, including the lists that break across lines and pages.
PLAN_UNITS = {
    "（一）": {IP, EDU, SCI, HEALTH},
    "（二）": {IP},
    "（三）": {IP},
    "（四）": {IP, EDU, SCI, HEALTH},
    "（五）": {IP, EDU, SCI, HEALTH},
    "（六）": {IP, EDU, SCI, HR, FIN},
    "（七）": {IP, SCI, SASAC},
    "（八）": {IP, DRC, EIT},
    "（九）": {IP, SCI, SASAC},
    "（十）": {IP},
    "（十一）": {IP, EIT, STATS},
    "（十二）": {IP, EIT, SCI},
    "（十三）": {IP, EIT, SCI},
    "（十四）": {IP, EIT, SCI, SASAC},
    "（十五）": {IP, EIT, EDU, SCI, SASAC},
    "（十六）": {IP, EIT, SCI},
    "（十七）": {IP, EIT, SCI, DISTRICTS},
    "（十八）": {IP, SCI, SASAC},
    "（十九）": {IP},
    "（二十）": {IP, EIT, EDU, SCI, HEALTH, DISTRICTS},
    "（二十一）": {IP, COMMERCE},
    "（二十二）": {IP, DRC, "青浦区人民政府", "松江区人民政府"},
    "（二十三）": {IP},
    "（二十四）": {IP, FINOFFICE, "浦东新区人民政府"},
    "（二十五）": {IP, NFRA_SH, PBOC_SH},
    "（二十六）": {IP, DISTRICTS},
    "（二十七）": {IP, FINOFFICE, FIN, NFRA_SH},
    "（二十八）": {IP, FINOFFICE, NFRA_SH},
    "（二十九）": {IP, FINOFFICE, NFRA_SH, PBOC_SH},
    "（三十）": {IP, NFRA_SH},
}


@pytest.fixture(scope="module")
def plan_items() -> dict[str, str]:
    return segments_by_label(PLAN)


def test_every_plan_item_has_exactly_its_responsible_units(plan_items: dict[str, str]) -> None:
    for label, expected in PLAN_UNITS.items():
        units = extract_meta(plan_items[label]).units
        assert {u.name for u in units} == expected, label
        assert {u.role for u in units} == {"responsible"}, label  # 责任单位 lists name no lead


def test_short_forms_are_kept(plan_items: dict[str, str]) -> None:
    shorts = {u.name: u.short for u in extract_meta(plan_items["（六）"]).units}
    assert shorts[HR] == "市人力资源社会保障局"
    assert shorts[EDU] == "市教委"


def test_ascii_and_fullwidth_brackets_and_layout_breaks() -> None:
    ascii_form = "加强监管.(责任单位:市知识产权\n\n局、市教委)"
    full_form = "加强监管。（责任单位：市知识产权局、\n市教委）"
    for text in (ascii_form, full_form):
        assert [u.name for u in extract_meta(text).units] == [IP, EDU]


def test_gov_notice_lead_and_participants() -> None:
    path = REALDATA / "gov_notices" / "07_国办发2018128号_国务院办公厅关于印发“无废城市”建设试点工作方案的通知.txt"
    if not path.exists():
        pytest.skip("shared realdata not present")
    line = next(line for line in path.read_text(encoding="utf-8").splitlines() if "生态环境部牵头" in line)
    roles = {u.name: u.role for u in extract_meta(line).units}
    assert roles == {
        "生态环境部": "lead",
        "国家发展和改革委员会": "co",
        "工业和信息化部": "co",
        "住房和城乡建设部": "co",
        "农业农村部": "co",
        "国家统计局": "co",
    }


def test_first_listed_is_lead_only_when_the_text_says_so() -> None:
    said = "（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）"
    roles = {u.name: u.role for u in extract_meta(said).units}
    assert roles == {"国家税务总局": "lead", "财政部": "co", "海关总署": "co"}
    unsaid = "（海关总署、商务部负责）"
    assert {u.role for u in extract_meta(unsaid).units} == {"responsible"}


def test_unknown_well_formed_unit_in_a_list_is_kept_as_written() -> None:
    units = extract_meta("（责任单位：市知识产权局、市某某促进中心）").units
    assert [(u.name, u.short) for u in units] == [(IP, "市知识产权局"), ("市某某促进中心", "市某某促进中心")]


def test_prose_units_in_rules_article_24() -> None:
    text = segments_by_label(RULES)["第二十四条"]
    assert [(u.name, u.role) for u in extract_meta(text).units] == [
        (IP, "responsible"),
        ("各区知识产权管理部门", "responsible"),
    ]


def test_prose_units_that_do_not_act_are_not_responsible() -> None:
    rules = segments_by_label(RULES)
    assert extract_meta(rules["第六条"]).units == []  # 按照市知识产权局、市教委联合印发的…
    assert extract_meta(rules["第三条"]).units == []  # 财政部拨付至本市…
    assert [u.name for u in extract_meta(rules["第二十八条"]).units] == [IP]  # 由…负责解释


def test_district_plan_resolves_generic_units_to_the_district() -> None:
    doc = Document(doc_id="yp", title="上海市杨浦区关于国家知识产权强市建设试点城区工作方案（2024-2026年）", region="区级")
    segments = segment(clean_layout(YANGPU.read_text(encoding="utf-8")))
    guarantees = next(s.text for s in segments if s.text.startswith("（二）加强保障投入"))
    leadership = next(s.text for s in segments if s.text.startswith("（一）加强组织领导"))
    assert [u.name for u in extract_meta(guarantees, doc=doc).units] == ["杨浦区财政局"]
    assert [u.name for u in extract_meta(leadership, doc=doc).units] == ["杨浦区知识产权联席会议"]
    assert [u.name for u in extract_meta(guarantees).units] == ["财政部门"]  # no district context


def test_without_unit_lists_keeps_what_a_clause_says_besides_who_does_it():
    text = "(二十四)发挥上海(浦东)知识产权服务站作用.(责任单位:市知识产权局、浦东新区政府)"
    kept = without_unit_lists(text)
    assert "上海(浦东)知识产权服务站" in kept and "浦东新区政府" not in kept and len(kept) == len(text)
