"""indexer.normalize: layout repair that never rewords, and the search form."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from indexer.load import load_file
from indexer.normalize import clean_layout, search_form_with_offsets, to_search_form

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
HU = CORPUS / "沪府办发2024-7号_上海市专利转化运用专项行动实施方案.txt"
RULES = CORPUS / "上海市知识产权运营服务体系建设第二批专项资金实施细则_2022.txt"
YANGPU = CORPUS / "杨府发2024-4号_杨浦区国家知识产权强市建设试点城区工作方案_2024-2026.md"
REALDATA = Path("/work/shared/realdata")
PATENT_MD = REALDATA / "laws" / "民法商法_专利法(2020-10-17).md"
PATENT_PDF = REALDATA / "pdf" / "中华人民共和国专利法.pdf"
needs_realdata = pytest.mark.skipif(not REALDATA.exists(), reason="shared real data not mounted")


def _clean(path: Path) -> str:
    return clean_layout(load_file(path).text)


def _no_space(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.mark.parametrize("path", [HU, RULES], ids=["沪府办发", "实施细则"])
def test_wording_is_untouched(path: Path) -> None:
    """These sources have no page furniture or markup: only whitespace may change."""
    assert _no_space(_clean(path)) == _no_space(path.read_text(encoding="utf-8"))


def test_hu_lines_broken_mid_sentence_are_joined() -> None:
    text = _clean(HU)
    assert "\n\n" not in text
    assert "(责任单位:市知识产权局、市商务委)" in text  # was "市\n\n 商务委"
    assert "市人力资源社会保障局、市财政局" in text  # was "市人力资\n\n源社会保障局"
    assert "依托本市公共资源“一网交易”平台" in text  # a line ending in a closing quote mid-sentence
    assert "抄送:市委各部门,市人大常委会办公厅,市政协办公厅,市纪委监委,市高院,市检察院." in text


def test_hu_paragraphs_are_the_items_and_headings() -> None:
    paragraphs = _clean(HU).split("\n")
    items = [p for p in paragraphs if re.match(r"\([一二三四五六七八九十]+\)", p)]
    assert len(items) == 30
    assert all(p.endswith(")") for p in items if not p.startswith("(三)") and not p.startswith("(十八)"))
    assert "一、优化专利供给质量" in paragraphs
    assert "六、推动知识产权金融工作提质增效" in paragraphs
    # the red head stays line by line: short lines are not glued together
    assert paragraphs[:3] == ["上 海 市 人 民 政 府 办 公 厅 文 件", "沪府办发 〔２０２４〕７号", "上海市人民政府办公厅关于印发"]
    assert "上海市专利转化运用专项行动实施方案" in paragraphs  # title after a page break (leading space)


def test_rules_real_paragraph_breaks_are_kept() -> None:
    paragraphs = _clean(RULES).split("\n")
    assert paragraphs[0] == "上海市知识产权局关于印发《上海市知识产权运营服务体系建设第二批专项资金实施细则》的通知"
    article_15 = next(i for i, p in enumerate(paragraphs) if p.startswith("第十五条"))
    assert paragraphs[article_15 + 1].startswith("已获得国家知识产权优势示范单位")
    assert "第九条 知识产权金融创新中心评定。" in paragraphs
    assert "第二章 项目支持" in paragraphs
    assert paragraphs[-1] == "上海市知识产权局办公室 2022年11月9日印发"


def test_markdown_decoration_removed_and_broken_lines_joined() -> None:
    text = _clean(YANGPU)
    for decoration in ("#", "**", "---"):
        assert decoration not in text
    paragraphs = text.split("\n")
    assert "四、重点任务" in paragraphs
    assert "（一）推进知识产权高质量创造" in paragraphs
    assert "增强“创新四力”，不断提升" in text
    assert "达到 5.5%以上，位居全市前列。" in text
    assert "畅通展会知识产权纠纷快速调解渠道" in text
    assert "以 WIPO 项目和一带一路项目为基础" in text
    assert "抄送：区委各部门、区人大办、区政协办、区法院、区检察院、区各人民团体。" in paragraphs


@needs_realdata
def test_lawrefbook_metadata_lines_stay_separate_and_comment_is_dropped() -> None:
    paragraphs = _clean(PATENT_MD).split("\n")
    assert paragraphs[0] == "中华人民共和国专利法"
    assert paragraphs[1] == "1984年3月12日 第六届全国人民代表大会常务委员会第四次会议通过"
    assert (
        paragraphs[5]
        == "2020年10月17日 第十三届全国人民代表大会常务委员会第二十二次会议《关于修改〈中华人民共和国专利法〉的决定》第四次修正"
    )
    assert paragraphs[6] == "第一章 总则"
    assert not any("INFO END" in p or "<!--" in p for p in paragraphs)


@needs_realdata
def test_pdf_lines_broken_by_page_width_are_joined() -> None:
    paragraphs = _clean(PATENT_PDF).split("\n")
    assert "职务发明创造申请专利的权利属于该单位；申请被批准后，该单位为专利权人。" in "\n".join(paragraphs)
    article_1 = next(p for p in paragraphs if p.startswith("第一条"))
    assert (
        article_1
        == "第一条 为了保护专利权人的合法权益，鼓励发明创造，推动发明创造的应用，提高创新能力，促进科学技术进步和经济社会发展，制定本法。"
    )
    # a paragraph that ends on a page boundary continues on the next page
    assert any(p.startswith("第十条 专利申请权和专利权可以转让。") for p in paragraphs)
    assert "\f" not in "\n".join(paragraphs)


def test_page_numbers_form_feeds_and_running_heads_are_removed() -> None:
    page = "某某市人民政府公报\n第{n}条 本办法所称专项资金，是指市财政安排的用于支持企业\n技术改造和设备更新的资金。\n{folio}\n"
    folios = ["- 1 -", "—2—", " 3 ", "第 4 页", "5/6", "- 6 -"]
    numerals = "一二三四五六"
    text = "\f".join(page.format(n=n, folio=folio) for n, folio in zip(numerals, folios, strict=True)) + "七、其他事项。"
    assert clean_layout(text).split("\n") == [
        *(f"第{n}条 本办法所称专项资金，是指市财政安排的用于支持企业技术改造和设备更新的资金。" for n in numerals),
        "七、其他事项。",
    ]


def test_a_bare_number_in_a_table_column_is_content() -> None:
    assert clean_layout("序号\n1\n知识产权案件审判机制") == "序号\n1\n知识产权案件审判机制"


def test_structural_markers_start_paragraphs_and_cross_references_do_not() -> None:
    text = "一、总体要求\n（一）指导思想\n1.坚持问题导向\n依照本办法\n第十条规定的程序办理。\n第十一条 申请人应当提交材料。"
    assert clean_layout(text).split("\n") == [
        "一、总体要求",
        "（一）指导思想",
        "1.坚持问题导向",
        "依照本办法",
        "第十条规定的程序办理。",
        "第十一条 申请人应当提交材料。",
    ]


def test_continuation_punctuation_and_open_brackets_join() -> None:
    assert clean_layout("责任单位：市知识产权局、\n市商务委") == "责任单位：市知识产权局、市商务委"
    assert clean_layout("关于印发《上海市专项资金\n实施细则》的通知") == "关于印发《上海市专项资金实施细则》的通知"


def test_indentation_starts_a_paragraph() -> None:
    assert clean_layout("\u3000\u3000第一段。\n\u3000\u3000第二段") == "第一段。\n第二段"


def test_header_fields_stay_apart() -> None:
    text = "标题：国务院关于做好当前和今后一个时期促进就业工作的若干意见\n发文机关：国务院\n来源：http://www.gov.cn/a.htm\n国务院关于做好就业工作的若干意见"
    assert clean_layout(text).split("\n") == text.split("\n")


@pytest.mark.parametrize("text", ["", "\n\n", " \f \n", "<!-- -->"])
def test_empty_input(text: str) -> None:
    assert clean_layout(text) == ""


def test_search_form() -> None:
    assert to_search_form("到２０２５年底，专利达到６０件以上") == "到2025年底,专利达到60件以上"
    assert to_search_form("（一）上 海 市\u3000人民政府") == "(一)上海市人民政府"
    assert to_search_form("本市专利密集型产业增加值占 GDP比重") == "本市专利密集型产业增加值占 GDP比重"
    assert to_search_form("  a \n\t b  ") == "a b"


def test_search_form_offsets_point_back_into_the_original() -> None:
    original = _clean(HU)
    folded, offsets = search_form_with_offsets(original)
    assert folded == to_search_form(original)
    assert len(offsets) == len(folded)
    assert offsets == sorted(offsets)
    for char, offset in zip(folded, offsets, strict=True):
        assert char == " " and original[offset].isspace() or char in unicodedata.normalize("NFKC", original[offset])
    start = folded.index("到2025年底")
    assert original[offsets[start] : offsets[start + len("到2025年底") - 1] + 1] == "到２０２５年底"
