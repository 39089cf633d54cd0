"""Document facts of the four seed documents, a State Council notice and LawRefBook files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.docfacts import extract_doc_facts
from indexer.normalize import clean_layout

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"

SEEDS = {
    "沪府办发2024-7号_上海市专利转化运用专项行动实施方案.txt": {
        "title": "上海市专利转化运用专项行动实施方案",
        "doc_number": "沪府办发〔2024〕7号",
        "issuer": "上海市人民政府办公厅",
        "issue_date": date(2024, 4, 24),
        "effective_date": date(2024, 4, 24),
        "expiry_date": None,
        "plan_period": None,
        "region": "市级",
        "kind": "实施方案",
        "binding": True,
    },
    "上海市知识产权运营服务体系建设第二批专项资金实施细则_2022.txt": {
        "title": "上海市知识产权运营服务体系建设第二批专项资金实施细则",
        "doc_number": "",
        "issuer": "上海市知识产权局",
        "issue_date": date(2022, 11, 9),
        "effective_date": date(2022, 11, 9),
        "expiry_date": date(2023, 12, 31),
        "plan_period": None,
        "region": "市级",
        "kind": "实施细则",
        "binding": True,
    },
    "杨府发2024-4号_杨浦区国家知识产权强市建设试点城区工作方案_2024-2026.md": {
        "title": "上海市杨浦区关于国家知识产权强市建设试点城区工作方案（2024-2026年）",
        "doc_number": "杨府发〔2024〕4号",
        "issuer": "上海市杨浦区人民政府",
        "issue_date": date(2024, 3, 15),
        "effective_date": date(2024, 3, 15),
        "expiry_date": None,
        "plan_period": (2024, 2026),
        "region": "区级",
        "kind": "工作方案",
        "binding": True,
    },
    "研究文章_激励创造和有效运用引导企业发明专利高质量发展.txt": {
        "title": "激励创造和有效运用，引导企业发明专利高质量发展",
        "doc_number": "",
        "issuer": "上海市人民政府发展研究中心（钱智、吴也白）",
        "issue_date": None,
        "effective_date": None,
        "expiry_date": None,
        "plan_period": None,
        "region": "市级",
        "kind": "研究文章",
        "binding": False,
    },
}


@pytest.mark.parametrize("name", list(SEEDS))
@pytest.mark.parametrize("cleaned", [False, True], ids=["raw", "clean_layout"])
def test_seed_documents(name: str, cleaned: bool) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    facts = extract_doc_facts(clean_layout(text) if cleaned else text, name)
    assert facts == SEEDS[name]


def test_doc_number_written_with_spaces_and_fullwidth_digits() -> None:
    text = "上 海 市 人 民 政 府 办 公 厅 文 件\n\n沪府办发 〔２０２４〕７号\n"
    facts = extract_doc_facts(text, "x.txt")
    assert facts["doc_number"] == "沪府办发〔2024〕7号"
    assert facts["issuer"] == "上海市人民政府办公厅"


def _realdata(*parts: str) -> Path:
    path = REALDATA.joinpath(*parts)
    if not path.exists():
        pytest.skip("shared realdata not present")
    return path


def test_gov_notice_header() -> None:
    path = _realdata("gov_notices", "01_国发20195号_国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见.txt")
    facts = extract_doc_facts(path.read_text(encoding="utf-8"), path.name)
    assert facts["title"] == "国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见"
    assert facts["doc_number"] == "国发〔2019〕5号"
    assert facts["issuer"] == "国务院"
    assert facts["issue_date"] == date(2019, 1, 27)
    assert (facts["region"], facts["kind"], facts["binding"]) == ("国家级", "意见", True)


def test_gov_regulation_with_order_number() -> None:
    path = _realdata("gov_notices", "58_国令第706号_专利代理条例.txt")
    facts = extract_doc_facts(path.read_text(encoding="utf-8"), path.name)
    assert (facts["doc_number"], facts["kind"]) == ("国令第706号", "条例")
    assert facts["effective_date"] == date(2019, 3, 1)


def test_lawrefbook_markdown() -> None:
    path = _realdata("laws", "民法商法_专利法(2020-10-17).md")
    facts = extract_doc_facts(path.read_text(encoding="utf-8"), path.name)
    assert facts["title"] == "中华人民共和国专利法"
    assert facts["issue_date"] == facts["effective_date"] == date(2020, 10, 17)
    assert (facts["region"], facts["kind"], facts["binding"]) == ("国家级", "法", True)


def test_a_law_published_before_it_takes_effect_is_in_force_from_its_own_article() -> None:
    """Published 2025-03-17 (the file's date), "本条例自2025年6月1日起施行": not in force before June;
    a revised law whose article keeps its first version's date (专利法's 1985) keeps the file's."""
    path = _realdata("laws", "行政法规_保障中小企业款项支付条例(2025-03-17).md")
    facts = extract_doc_facts(path.read_text(encoding="utf-8"), path.name)
    assert (facts["issue_date"], facts["effective_date"]) == (date(2025, 3, 17), date(2025, 6, 1))


@pytest.mark.parametrize("cleaned", [False, True])
def test_lawrefbook_front_matter(cleaned: bool) -> None:
    path = _realdata("laws", "whthomas_上海市_上海市知识产权保护条例(2020-12-30).md")
    text = path.read_text(encoding="utf-8")
    facts = extract_doc_facts(clean_layout(text) if cleaned else text, path.name)
    assert facts["title"] == "上海市知识产权保护条例"
    assert facts["issuer"] == "上海市人民代表大会常务委员会"
    assert (facts["issue_date"], facts["effective_date"]) == (date(2020, 12, 30), date(2021, 3, 1))
    assert facts["region"] == "市级"


def test_other_provinces_are_not_shanghai() -> None:
    path = _realdata("laws", "浙江地方法规_浙江_浙江省专利条例(2015-09-25).md")
    assert extract_doc_facts(path.read_text(encoding="utf-8"), path.name)["region"] == "其他"


def test_empty_document_falls_back_to_the_file_name() -> None:
    facts = extract_doc_facts("", "研究文章_某题目.txt")
    assert facts["title"] == "某题目"
    assert facts["binding"] is False


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.text(max_size=30))
def test_never_raises(text: str, name: str) -> None:
    extract_doc_facts(text, name)


def test_a_notices_title_is_found_among_its_head_lines_not_its_addressees_issuers_or_date() -> None:
    """Saved notice pages open with a 文号, the addressees, the 印发 sentence, the issuers and a
    date before the attachment's own name; or run the title and the addressees into one line."""
    attachment = "穗民规字〔2024〕3号\n各区民政局、财政局：\n为提升服务水平，我们制定了本办法，现印发给你们，请遵照执行。\n广州市民政局 广州市财政局\n2024年3月14日\n广州市老年人助餐配餐服务管理办法\n第一条 为规范助餐配餐服务，制定本办法。\n"
    assert extract_doc_facts(attachment, "30.html")["title"] == "广州市老年人助餐配餐服务管理办法"
    run_on = "穗医保规字〔2024〕1号\n广州市医疗保障局 广州市财政局关于印发广州市长期护理保险试行办法的通知各区财政局、民政局，各有关单位：\n《广州市长期护理保险试行办法》已经市人民政府同意，现印发给你们。\n"
    assert extract_doc_facts(run_on, "32.html")["title"] == "广州市医疗保障局广州市财政局关于印发广州市长期护理保险试行办法的通知"


def test_a_doc_number_after_a_sentence_keeps_only_its_issuers_abbreviation() -> None:
    page = "点击查看政策解读：关于《天河区实施办法》的解读穗天科工信规字〔2023〕1号\n关于印发天河区实施办法的通知\n区属各单位：\n"
    assert extract_doc_facts(page, "17.html")["doc_number"] == "穗天科工信规字〔2023〕1号"
    assert extract_doc_facts("国办发〔2024〕7号\n关于印发某方案的通知\n", "x.txt")["doc_number"] == "国办发〔2024〕7号"


def test_a_title_broken_over_two_lines_is_joined() -> None:
    page = "穗人社规字〔2019〕6号\n广州市人力资源和社会保障局 广州市财政局关于印发广州市就业见习\n基地管理办法的通知\n各区人力资源和社会保障局：\n"
    assert extract_doc_facts(page, "18.html")["title"] == "广州市人力资源和社会保障局广州市财政局关于印发广州市就业见习基地管理办法的通知"


def test_a_title_run_on_into_its_doc_number_keeps_both() -> None:
    """A scraped notice on one line, its 文号 glued to the title's last word."""
    page = (
        "人力资源社会保障部 财政部 税务总局关于阶段性减免企业社会保险费的通知人社部发〔2020〕11号 "
        "各省、自治区、直辖市人民政府，新疆生产建设兵团： 为贯彻落实党中央决策部署，现就阶段性减免企业基本养老保险、"
        "失业保险、工伤保险单位缴费部分有关问题通知如下： 一、自2020年2月起，各省可根据受疫情影响情况免征中小微企业三项社会保险单位缴费部分。"
    )
    facts = extract_doc_facts(page, "e3e7fb938ea43b0d9b580d7988535c80.txt")
    assert facts["title"] == "人力资源社会保障部财政部税务总局关于阶段性减免企业社会保险费的通知"
    assert facts["doc_number"] == "人社部发〔2020〕11号"
    assert facts["issuer"] == "人力资源社会保障部、财政部、税务总局"


def test_a_flattened_notice_is_dated_by_its_signature() -> None:
    """A notice run together on one line is signed with a date standing between spaces, after its
    last sentence or its issuers' names; a date inside a sentence is no signature."""
    flat = (
        "市市场监管委印发关于服务企业第二批措施的通知 内容概述 各区局：" + "现将有关措施印发给你们，请遵照执行。" * 12
        + " 2020年2月19日 关于服务企业的第二批措施 一、延长许可期限。自2020年3月1日起施行。"
    )
    facts = extract_doc_facts(flat, "21c95b.txt")
    assert facts["issue_date"] == date(2020, 2, 19)
    signed_last = "关于支持疫情防控有关税收政策的公告 " + "现就有关税收政策公告如下。" * 20 + " 财政部 税务总局 2020年2月6日"
    assert extract_doc_facts(signed_last, "7235.txt")["issue_date"] == date(2020, 2, 6)
    in_sentences = "关于做好复工复产工作的通知 " + "截至2020年2月6日，全市已有企业复工。" * 20
    assert extract_doc_facts(in_sentences, "x.txt")["issue_date"] is None


def test_a_notices_number_of_the_form_gonggao_year_number() -> None:
    """公告 are numbered "（issuers）公告2020年第8号", not with 〔〕 brackets."""
    flat = "关于支持疫情防控有关税收政策的公告 财政部 海关总署 税务总局公告2020年第6号 " + "根据有关规定，现公告如下。" * 20
    assert extract_doc_facts(flat, "x.txt")["doc_number"] == "财政部海关总署税务总局公告2020年第6号"
    lined = "国家税务总局\n国家税务总局公告2020年第4号\n关于延长申报期限的公告\n现将有关事项公告如下。\n"
    facts = extract_doc_facts(lined, "y.txt")
    assert (facts["doc_number"], facts["title"]) == ("国家税务总局公告2020年第4号", "关于延长申报期限的公告")


@pytest.mark.parametrize(
    ("effective", "expiry"),
    [("2025年5月30日", date(2026, 5, 29)), ("2024年2月29日", date(2025, 2, 28)), ("2024年1月1日", date(2024, 12, 31))],
)
def test_a_term_in_years_ends_the_day_before_its_anniversary(effective: str, expiry: date) -> None:
    """"本通知自2025年5月30日起施行，有效期1年" ends on 29 May 2026 (not on the 27th, as a day
    clamped to 28 gave); from 29 February, on 28 February."""
    text = f"关于调整救助标准的通知\n一、调整标准。\n本通知自{effective}起施行，有效期1年。\n"
    assert extract_doc_facts(text, "x.txt")["expiry_date"] == expiry


def test_a_period_stated_in_the_preamble_dates_the_notice() -> None:
    """"自2020年1月1日至3月31日，实行……" opening a 公告 is when it applies; the same words in a
    later measure are that measure's period, not the document's."""
    opening = "关于疫情防控进口物资免税政策的公告 " + "为支持疫情防控，自2020年1月1日至3月31日，实行更优惠的进口税收政策，现公告如下：" + "一、免征进口关税。" * 30
    facts = extract_doc_facts(opening, "x.txt")
    assert (facts["effective_date"], facts["expiry_date"]) == (date(2020, 1, 1), date(2020, 3, 31))
    later = "关于支持企业的若干措施 " + "现将有关措施公告如下。" * 60 + "自2020年1月1日至12月31日，实行房租减半。"
    assert extract_doc_facts(later, "y.txt")["expiry_date"] is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a short news item saved on one line: its headline, though the line is no longer than a heading may be
        ("某市预拨防疫补助资金3亿元 本报讯 记者从市财政局获悉，市财政局已预拨防疫补助资金3亿元，用于医疗救治。", "某市预拨防疫补助资金3亿元"),
        # a page's issuer and section name before the headline
        (
            "国家税务总局某省税务局 通知公告 防疫税收优惠政策指引 面对疫情防控的严峻形势，税务部门出台了一系列税收优惠政策，"
            "支持疫情防控物资生产企业扩大产能，现将有关政策整理如下，供纳税人参考使用，请各单位认真学习并遵照执行，"
            "如有疑问请及时联系主管税务机关咨询办理相关事项，确保各项税收优惠政策落实到位，切实减轻企业负担，助力复工复产。",
            "防疫税收优惠政策指引",
        ),
        # a quoted name with a space inside it is one title
        ("部门解读｜《关于加快恢复农业生产 确保农产品稳产保供的若干措施》 为贯彻落实有关部署，现就若干措施解读如下。", "部门解读｜《关于加快恢复农业生产确保农产品稳产保供的若干措施》"),
        # a heading in brackets
        ("（关于进口捐赠物资办理通关手续的公告） 海关总署公告 为确保捐赠物资快速通关，现公告如下。", "关于进口捐赠物资办理通关手续的公告"),
    ],
)
def test_the_headline_of_a_page_saved_on_one_line(text: str, title: str) -> None:
    assert extract_doc_facts(text, "0b38888f75c931148e8d8023923438ad.txt")["title"] == title
