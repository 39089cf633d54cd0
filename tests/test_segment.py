"""indexer.segment on the seed documents and real material: structure, labels, nesting, nothing lost."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from indexer.load import load_file
from indexer.normalize import clean_layout
from indexer.segment import TAIL_LABEL, Segment, cn_to_int, match_marker, segment, tile_texts

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
HU = CORPUS / "沪府办发2024-7号_上海市专利转化运用专项行动实施方案.txt"
RULES = CORPUS / "上海市知识产权运营服务体系建设第二批专项资金实施细则_2022.txt"
YANGPU = CORPUS / "杨府发2024-4号_杨浦区国家知识产权强市建设试点城区工作方案_2024-2026.md"
ARTICLE = CORPUS / "研究文章_激励创造和有效运用引导企业发明专利高质量发展.txt"
REALDATA = Path("/work/shared/realdata")
PATENT_MD = REALDATA / "laws" / "民法商法_专利法(2020-10-17).md"
PATENT_PDF = REALDATA / "pdf" / "中华人民共和国专利法.pdf"
WASTE_NOTICE = REALDATA / "gov_notices" / "07_国办发2018128号_国务院办公厅关于印发“无废城市”建设试点工作方案的通知.txt"
needs_realdata = pytest.mark.skipif(not REALDATA.exists(), reason="shared real data not mounted")

CN = "一二三四五六七八九十"


def cn(n: int) -> str:
    """1..99 in Chinese numerals, as documents write them."""
    tens, ones = divmod(n, 10)
    return (CN[tens - 1] if tens > 1 else "") + ("十" if tens else "") + (CN[ones - 1] if ones else "")


@cache
def _parsed(path: Path) -> tuple[str, list[Segment]]:
    text = clean_layout(load_file(path).text)
    return text, segment(text)


def _segs(path: Path) -> list[Segment]:
    return _parsed(path)[1]


def _by_label(segments: list[Segment], label: str) -> list[Segment]:
    return [s for s in segments if s.label == label]


def _one(segments: list[Segment], label: str, under: str | None = None) -> Segment:
    found = [s for s in _by_label(segments, label) if under is None or under in s.heading_path]
    assert len(found) == 1, (label, under, [s.heading_path for s in found])
    return found[0]


def _assert_tiles(path: Path) -> None:
    text, segments = _parsed(path)
    assert re.sub(r"\s", "", "".join(tile_texts(segments))) == re.sub(r"\s", "", text)


# --- consistency of every result ------------------------------------------------------------


ALL = [HU, RULES, YANGPU, ARTICLE]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name[:8])
def test_seed_documents_are_covered_once(path: Path) -> None:
    _assert_tiles(path)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name[:8])
def test_offsets_parents_and_levels_are_consistent(path: Path) -> None:
    text, segments = _parsed(path)
    for index, seg in enumerate(segments):
        assert text[seg.start : seg.end] == seg.text
        assert seg.text == seg.text.strip()
        if seg.parent is None:
            assert seg.level == 0
        else:
            parent = segments[seg.parent]
            assert seg.parent < index
            assert seg.level == parent.level + 1
            assert parent.start < seg.start
            assert parent.is_heading_only or seg.end <= parent.end
        if seg.label and seg.label != TAIL_LABEL:
            assert seg.text.startswith(seg.label) or seg.text.startswith(seg.label.replace("（", "(").replace("）", ")"))


# --- 沪府办发〔2024〕7号 ---------------------------------------------------------------------------


HU_HEADINGS = {
    "一、优化专利供给质量": range(1, 7),
    "二、加强专利供需对接": range(7, 11),
    "三、促进中小企业专利产业化": range(11, 14),
    "四、专利推动重点产业强链增效": range(14, 18),
    "五、完善知识产权运营体系": range(18, 24),
    "六、推动知识产权金融工作提质增效": range(24, 31),
}


def test_hu_thirty_items_in_order_under_their_headings() -> None:
    segments = _segs(HU)
    items = [s for s in segments if s.label.startswith("（")]
    assert [s.label for s in items] == [f"（{cn(n)}）" for n in range(1, 31)]  # full-width labels for "(一)"
    for heading, numbers in HU_HEADINGS.items():
        owner = _one(segments, heading[:2])
        assert owner.is_heading_only and owner.text == heading and owner.heading_path == []
        for n in numbers:
            item = items[n - 1]
            assert item.heading_path == [heading]
            assert segments[item.parent] is owner
            assert item.level == 1 and not item.is_heading_only


def test_hu_unit_lists_are_whole() -> None:
    segments = _segs(HU)
    item_21 = _one(segments, "（二十一）")
    assert item_21.text.endswith("(责任单位:市知识产权局、市商务委)")
    assert "市人力资源社会保障局" in _one(segments, "（六）").text


def test_hu_head_and_tail_are_kept() -> None:
    segments = _segs(HU)
    head, tail = segments[0], segments[-1]
    assert head.label == "" and head.text.startswith("上 海 市 人 民 政 府 办 公 厅 文 件")
    assert head.text.endswith("制定本方案.")
    assert tail.label == TAIL_LABEL and tail.text.startswith("抄送:") and tail.text.endswith("印发")
    assert "抄送" not in _one(segments, "（三十）").text


# --- 实施细则 ------------------------------------------------------------------------------------


def test_rules_articles_in_order_with_chapters_and_sections() -> None:
    segments = _segs(RULES)
    articles = [s for s in segments if re.fullmatch(r"第.+条", s.label)]
    assert [s.label for s in articles] == [f"第{cn(n)}条" for n in range(1, 29)]
    chapters = [s.text for s in segments if s.label.endswith("章")]
    assert chapters == ["第一章 总则", "第二章 项目支持", "第三章 组织管理", "第四章 附则"]
    sections = [s for s in segments if s.label.endswith("节")]
    assert [s.text for s in sections] == [
        "第一节 知识产权运营机制建设",
        "第二节 企业知识产权运营能力提升",
        "第三节 知识产权运营绩效奖补",
    ]
    assert all(s.heading_path == ["第二章 项目支持"] and s.is_heading_only for s in sections)
    assert _one(segments, "第一条").heading_path == ["第一章 总则"]
    assert _one(segments, "第六条").heading_path == ["第二章 项目支持", "第一节 知识产权运营机制建设"]
    assert _one(segments, "第十五条").heading_path == ["第二章 项目支持", "第二节 企业知识产权运营能力提升"]
    assert _one(segments, "第二十三条").heading_path == ["第三章 组织管理"]
    assert _one(segments, "第二十八条").heading_path == ["第四章 附则"]


def test_rules_article_nine_has_its_items_as_children() -> None:
    segments = _segs(RULES)
    article = _one(segments, "第九条")
    index = segments.index(article)
    children = [s for s in segments if s.parent == index]
    assert [s.label for s in children] == ["（一）", "（二）", "（三）"]
    assert all(s.heading_path == ["第二章 项目支持", "第一节 知识产权运营机制建设", "第九条"] for s in children)
    assert not article.is_heading_only
    assert article.text.startswith("第九条 知识产权金融创新中心评定。")
    assert all(child.text in article.text for child in children)
    assert article.text.endswith(children[-1].text)
    # the items of 第五条 belong to 第五条, not to the article that follows
    five = segments.index(_one(segments, "第五条"))
    assert [s.label for s in segments if s.parent == five] == ["（一）", "（二）", "（三）"]


def test_rules_exclusion_paragraph_belongs_to_article_fifteen() -> None:
    segments = _segs(RULES)
    article = _one(segments, "第十五条")
    assert "已获得国家知识产权优势示范单位和上海市专利工作试点示范单位认定的企业" in article.text
    assert article.text.endswith("不参与本项目遴选。")
    assert "不参与本项目遴选" not in _one(segments, "第十六条").text


def test_rules_cross_references_and_citations_never_make_headings() -> None:
    segments = _segs(RULES)
    assert segments[0].label == ""
    assert "按照《服务业发展资金管理办法》" in segments[0].text
    labels = [s.label for s in segments]
    assert len(labels) == 48
    assert all(re.fullmatch(r"|第.+[章节条]|（[一二三]）|" + TAIL_LABEL, label) for label in labels)
    assert segments[-1].label == TAIL_LABEL and segments[-1].text == "上海市知识产权局办公室 2022年11月9日印发"


# --- 杨浦 ----------------------------------------------------------------------------------------


def test_yangpu_tasks_under_key_tasks_and_subheadings() -> None:
    segments = _segs(YANGPU)
    tasks = [s for s in segments if re.fullmatch(r"\d+\.", s.label)]
    assert [s.label for s in tasks] == [f"{n}." for n in range(1, 15)]
    groups = {
        "（一）推进知识产权高质量创造": range(1, 5),
        "（二）提升知识产权运用效益": range(5, 8),
        "（三）加大知识产权保护力度": range(8, 11),
        "（四）强化知识产权服务供给": range(11, 15),
    }
    key_tasks = _one(segments, "四、")
    assert key_tasks.is_heading_only and key_tasks.text == "四、重点任务"
    for heading, numbers in groups.items():
        group = _one(segments, heading[:3], under="四、重点任务")
        assert group.is_heading_only and group.text == heading
        assert segments[group.parent] is key_tasks
        for n in numbers:
            task = tasks[n - 1]
            assert task.heading_path == ["四、重点任务", heading]
            assert segments[task.parent] is group
            assert task.level == 2


def test_yangpu_targets_are_items_of_the_goal_section() -> None:
    segments = _segs(YANGPU)
    goals = _one(segments, "三、")
    assert not goals.is_heading_only  # it has its own lead-in paragraph
    assert goals.text.startswith("三、工作目标\n通过三年试点")
    index = segments.index(goals)
    children = [s for s in segments if s.parent == index]
    assert [s.label for s in children] == ["（一）", "（二）", "（三）", "（四）"]
    assert all(s.heading_path == ["三、工作目标"] for s in children)
    assert "达到 5.5%以上，位居全市前列。" in children[0].text


def test_yangpu_safeguards_items_carry_their_bodies() -> None:
    segments = _segs(YANGPU)
    item = _one(segments, "（三）", under="五、保障措施")
    assert item.text.startswith("（三）强化监督管理\n建立国家知识产权强市建设试点城区建设监督管理机制")
    assert not item.is_heading_only
    assert segments[-1].label == TAIL_LABEL and segments[-1].text.startswith("抄送：")


# --- research article -----------------------------------------------------------------------------


def test_research_article_follows_its_headings() -> None:
    segments = _segs(ARTICLE)
    top = [s for s in segments if s.parent is None and s.label not in ("", TAIL_LABEL)]
    assert [s.text for s in top] == [
        "一、上海在发明专利领域取得显著进展",
        "二、上海发明专利创造运用中存在的问题",
        "三、进一步推动上海专利创造运用的对策建议",
    ]
    assert all(s.is_heading_only for s in top)
    counts = [sum(1 for s in segments if s.parent == segments.index(h)) for h in top]
    assert counts == [5, 8, 6]
    first = _one(segments, "（一）", under="一、上海在发明专利领域取得显著进展")
    assert first.text.startswith("(一)原始创新动力增强，发明专利量质齐升\n近年来")
    assert segments[-1].label == TAIL_LABEL and segments[-1].text.startswith("注释：")
    # "一是…二是…" and footnote numbers are prose, not items
    assert not any(s.label.endswith(".") for s in segments)


# --- real material ------------------------------------------------------------------------------


@needs_realdata
def test_lawrefbook_patent_law() -> None:
    segments = _segs(PATENT_MD)
    articles = [s for s in segments if re.fullmatch(r"第.+条", s.label)]
    assert [s.label for s in articles] == [f"第{cn(n)}条" for n in range(1, 83)]
    chapters = [s for s in segments if s.label.endswith("章")]
    assert len(chapters) == 8 and all(c.is_heading_only for c in chapters)
    assert _one(segments, "第一条").heading_path == ["第一章 总则"]
    assert _one(segments, "第八十二条").heading_path == ["第八章 附则"]
    article_2 = _one(segments, "第二条")
    assert article_2.text.count("\n") == 3  # four paragraphs, one article
    assert article_2.text.endswith("富有美感并适于工业应用的新设计。")
    assert "INFO END" not in segments[0].text and segments[0].text.startswith("中华人民共和国专利法")
    _assert_tiles(PATENT_MD)


@needs_realdata
def test_gov_notice_items_under_numbered_headings() -> None:
    segments = _segs(WASTE_NOTICE)
    tasks = _one(segments, "二、")
    assert tasks.text == "二、主要任务" and tasks.is_heading_only
    index = segments.index(tasks)
    assert [s.label for s in segments if s.parent == index] == [f"（{cn(n)}）" for n in range(1, 7)]
    lead = _one(segments, "（一）", under="二、主要任务")
    assert "（生态环境部牵头，国家发展改革委、工业和信息化部、住房城乡建设部、农业农村部、国家统计局参与）" in lead.text
    assert [s.text for s in segments if s.is_heading_only] == ["一、总体要求", "二、主要任务", "三、实施步骤", "四、保障措施"]
    assert segments[0].text.startswith("标题：") and "（此件公开发布）" in segments[0].text
    _assert_tiles(WASTE_NOTICE)


@needs_realdata
def test_pdf_law_articles_found_and_table_of_contents_skipped() -> None:
    segments = _segs(PATENT_PDF)
    articles = [s for s in segments if re.fullmatch(r"第.+条", s.label)]
    assert [s.label for s in articles] == [f"第{cn(n)}条" for n in range(1, 77)]
    chapters = [s for s in segments if s.label.endswith("章")]
    assert [c.label for c in chapters] == [f"第{cn(n)}章" for n in range(1, 9)]
    assert "目 录" in segments[0].text and "第八章 附则" in segments[0].text  # the TOC is part of the head
    assert _one(segments, "第一条").text.endswith("促进科学技术进步和经济社会发展，制定本法。")
    _assert_tiles(PATENT_PDF)


# --- markers and fallbacks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "label"),
    [
        ("第十五条 中小企业知识产权运营能力提升项目。", "第十五条"),
        ("第三条　中华人民共和国境内", "第三条"),
        ("第二十三条以下情形不纳入家庭收入", "第二十三条"),
        ("第十三条【固定期限劳动合同】", "第十三条"),
        ("第二章 项目支持", "第二章"),
        ("(十五)顺应开放式创新发展需求", "（十五）"),
        ("（3）初创企业登记注册满6个月", "(3)"),
        ("6、推进知识产权金融服务", "6."),
        ("１２．规范促进知识产权服务业发展", "12."),
        ("②军转干部、退役军人；", "②"),
        ("一、优化专利供给质量", "一、"),
    ],
)
def test_markers(paragraph: str, label: str) -> None:
    marker = match_marker(paragraph)
    assert marker is not None and marker.label == label


@pytest.mark.parametrize(
    "paragraph",
    [
        "依照第十条的规定办理。",
        "第十条规定的情形除外。",
        "第十条 至第十二条的规定",
        "第十条、第十一条",
        "第十条第二款",
        "2.5万件",
        "按照《服务业发展资金管理办法》",
    ],
)
def test_cross_references_are_not_markers(paragraph: str) -> None:
    assert match_marker(paragraph) is None


def test_cn_to_int() -> None:
    assert [cn_to_int(x) for x in ("一", "十", "十五", "二十八", "八十二", "一百零三", "２６")] == [1, 10, 15, 28, 82, 103, 26]


def test_unstructured_text_falls_back_to_paragraphs() -> None:
    segments = segment("近年来，上海构建了知识产权服务体系。\n同时，专利转化效率仍有提升空间。")
    assert [s.label for s in segments] == ["第1段", "第2段"]
    assert segments[1].text == "同时，专利转化效率仍有提升空间。"


def test_out_of_sequence_marker_stays_in_the_body() -> None:
    text = "一、总体要求\n（一）指导思想。坚持问题导向。\n（三）此处编号跳跃，不是新的条目。\n（二）基本原则。"
    segments = segment(text)
    assert [s.label for s in segments] == ["一、", "（一）", "（二）"]
    assert segments[1].text.endswith("（三）此处编号跳跃，不是新的条目。")


def test_empty_text() -> None:
    assert segment("") == []
    assert segment("\n \n") == []


def test_a_paragraph_after_an_articles_items_is_its_next_kuan_not_the_last_items() -> None:
    text = (
        "第六条 积分制入户人员应同时符合以下条件：\n"
        "（一）在本市合法稳定就业或创业；\n"
        "（二）计算总积分满150分；\n"
        "（三）近5年内未受过刑事处罚。\n"
        "对符合本条第一款规定的人员，根据排名情况确定拟入户人员名单并公示。\n"
        "第七条 本办法自印发之日起施行。"
    )
    segments = segment(text)
    by_label = {s.label: s for s in segments}
    assert by_label["（三）"].text.rstrip() == "（三）近5年内未受过刑事处罚。"
    assert "根据排名情况确定拟入户人员名单" in by_label["第六条"].text
    second = by_label["第二款"]  # the article's next paragraph, citable on its own as 第六条第二款
    assert second.text.startswith("对符合本条第一款规定的人员") and segments[second.parent].label == "第六条"
    assert [segments[k].label for k in by_label["第六条"].children] == ["（一）", "（二）", "（三）", "第二款"]
    assert re.sub(r"\s", "", "".join(tile_texts(segments))) == re.sub(r"\s", "", text)
