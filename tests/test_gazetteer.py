"""The bureau gazetteer: aliases, scanning, suggestions and the jieba words."""

from __future__ import annotations

import pytest

from kb.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("市知识产权局", "上海市知识产权局"),
        ("市教委", "上海市教育委员会"),
        ("市科委", "上海市科学技术委员会"),
        ("市卫生健康委", "上海市卫生健康委员会"),
        ("市人力资源社会保障局", "上海市人力资源和社会保障局"),
        ("市人社局", "上海市人力资源和社会保障局"),
        ("市财政局", "上海市财政局"),
        ("市发改委", "上海市发展和改革委员会"),
        ("市发展改革委", "上海市发展和改革委员会"),
        ("市经信委", "上海市经济和信息化委员会"),
        ("市国资委", "上海市国有资产监督管理委员会"),
        ("市统计局", "上海市统计局"),
        ("市商务委", "上海市商务委员会"),
        ("市委金融办", "中共上海市委金融委员会办公室"),
        ("金融监管总局上海监管局", "国家金融监督管理总局上海监管局"),
        ("中国人民银行上海市分行", "中国人民银行上海市分行"),
        ("青浦区政府", "青浦区人民政府"),
        ("松江区政府", "松江区人民政府"),
        ("浦东新区政府", "浦东新区人民政府"),
        ("各区政府", "各区人民政府"),
        ("各区知识产权管理部门", "各区知识产权管理部门"),
        ("国务院专利行政部门", "国家知识产权局"),
        ("市场监管总局", "国家市场监督管理总局"),
        ("发展改革委", "国家发展和改革委员会"),
        ("住房城乡建设部", "住房和城乡建设部"),
        ("扶贫办", "国务院扶贫开发领导小组办公室"),
        ("上海市知识产权局", "上海市知识产权局"),
        (" 市 教 委 ", "上海市教育委员会"),
    ],
)
def test_canonical(gazetteer: Gazetteer, alias: str, canonical: str) -> None:
    assert gazetteer.canonical(alias) == canonical


def test_unknown_is_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.canonical("市某某局") is None
    assert gazetteer.canonical("") is None


def test_district_generic_names(gazetteer: Gazetteer) -> None:
    assert gazetteer.canonical("财政部门") == "财政部门"
    assert gazetteer.canonical("财政部门", district="杨浦区") == "杨浦区财政局"
    assert gazetteer.canonical("区知识产权联席会议", district="杨浦区") == "杨浦区知识产权联席会议"
    assert gazetteer.district_of("上海市杨浦区人民政府") == "杨浦区"


def test_find_units_leftmost_longest(gazetteer: Gazetteer) -> None:
    text = "（责任单位：市知识产权局、金融监管总局上海监管局、中国人民银行上海市分行）"
    assert gazetteer.find_units(text) == [
        ("市知识产权局", "上海市知识产权局"),
        ("金融监管总局上海监管局", "国家金融监督管理总局上海监管局"),
        ("中国人民银行上海市分行", "中国人民银行上海市分行"),
    ]


def test_find_units_does_not_split_words(gazetteer: Gazetteer) -> None:
    assert gazetteer.find_units("财政部门要统筹安排资金") == [("财政部门", "财政部门")]
    assert gazetteer.find_units("区统计局") == []  # a district bureau, not 国家统计局
    assert gazetteer.find_units("市统计局") == [("市统计局", "上海市统计局")]


def test_all_units_have_aliases(gazetteer: Gazetteer) -> None:
    units = {u.name: u for u in gazetteer.all_units()}
    assert "市教委" in units["上海市教育委员会"].aliases
    assert units["国家知识产权局"].level == "国家级"
    assert units["杨浦区人民政府"].level == "区级"


def test_suggest(gazetteer: Gazetteer) -> None:
    assert gazetteer.suggest("市知产局")[0] == "上海市知识产权局"
    assert "上海市教育委员会" in gazetteer.suggest("上海市教育局")
    assert len(gazetteer.suggest("市知产局", k=2)) == 2
    assert gazetteer.suggest("") == []


def test_equally_close_suggestions_put_the_preferred_first(gazetteer: Gazetteer) -> None:
    """"区财政局" is as close to every district's 财政局: those the corpus knows lead."""
    assert gazetteer.suggest("区财政局", k=1)[0] != "杨浦区财政局"
    assert gazetteer.suggest("区财政局", k=1, prefer={"杨浦区财政局"}.__contains__) == ["杨浦区财政局"]


def test_jieba_words_and_tokenizer(gazetteer: Gazetteer) -> None:
    words = gazetteer.jieba_words()
    assert {"市知识产权局", "金融监管总局上海监管局", "上海市知识产权局"} <= set(words)
    tokens = list(gazetteer.tokenizer().cut("金融监管总局上海监管局和市知识产权局负责"))
    assert "金融监管总局上海监管局" in tokens
    assert "市知识产权局" in tokens
    assert gazetteer.tokenizer() is gazetteer.tokenizer()
