"""indexer.load: every supported format yields text; every unusable file fails with a LoadError naming it."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from indexer.load import SUPPORTED_SUFFIXES, LoadError, load_file

REALDATA = Path("/work/shared/realdata")
PATENT_PDF = REALDATA / "pdf" / "中华人民共和国专利法.pdf"
HTML_29 = REALDATA / "html" / "29_广州市临时救助实施细则_穗府办规2021-19号.html"
needs_realdata = pytest.mark.skipif(not REALDATA.exists(), reason="shared real data not mounted")

SAMPLE = "第一条 为了规范专项资金管理，制定本办法。\n第二条 本办法自２０２４年１月１日起施行。\n"


def _blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _assert_load_error(path: Path, fragment: str = "") -> LoadError:
    with pytest.raises(LoadError) as caught:
        load_file(path)
    assert path.name in str(caught.value)
    assert fragment in str(caught.value)
    return caught.value


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == {".txt", ".md", ".pdf", ".html", ".htm", ".docx"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_text_file_decodes_utf8_bom_and_gb18030(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "办法.txt"
    path.write_bytes(SAMPLE.encode(encoding))
    loaded = load_file(path)
    assert loaded.text == SAMPLE
    assert loaded.fmt == "txt"
    assert loaded.path == path


def test_a_stray_bad_byte_in_utf8_is_replaced_not_misread_as_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "混合.md"
    path.write_bytes(SAMPLE.encode("utf-8") * 200 + b"\xff" + SAMPLE.encode("utf-8"))
    text = load_file(path).text
    assert text.count("\ufffd") == 1
    assert text.startswith(SAMPLE)


def test_undecodable_bytes_raise(tmp_path: Path) -> None:
    path = tmp_path / "乱码.txt"
    path.write_bytes(bytes(random.Random(7).randrange(128, 256) for _ in range(4000)) + b"\x80\xff" * 500)
    _assert_load_error(path, "编码")


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "空.txt"
    path.write_bytes(b"")
    _assert_load_error(path, "文件为空")


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "空白.md"
    path.write_text(" \n\u3000\t\n\n", encoding="utf-8")
    _assert_load_error(path, "文件为空")


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "表格.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    _assert_load_error(path, ".xlsx")


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "大文件.txt"
    path.write_text(SAMPLE * 10, encoding="utf-8")
    with pytest.raises(LoadError, match="文件过大"):
        load_file(path, max_bytes=100)
    assert load_file(path, max_bytes=10_000).text == SAMPLE * 10


def test_image_only_pdf_has_no_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(_blank_pdf())
    _assert_load_error(path, "扫描件PDF没有文本层")


def test_pdf_with_user_password_is_rejected(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "加密.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    _assert_load_error(path, "加密")


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(bytes(random.Random(1).randrange(256) for _ in range(3000)), id="random-bytes"),
        pytest.param(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", id="truncated-header"),
    ],
)
def test_corrupt_pdf(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "损坏.pdf"
    path.write_bytes(payload)
    _assert_load_error(path, "PDF")


@needs_realdata
def test_truncated_real_pdf_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "截断.pdf"
    path.write_bytes(PATENT_PDF.read_bytes()[:4000])
    _assert_load_error(path)


@needs_realdata
def test_real_pdf_text_with_page_breaks() -> None:
    loaded = load_file(PATENT_PDF)
    assert loaded.fmt == "pdf"
    assert "第一条 为了保护专利权人的合法权益" in loaded.text
    assert loaded.text.count("\f") == len(PdfReader(PATENT_PDF).pages) - 1


@needs_realdata
def test_pdf_with_owner_password_only_opens_with_empty_password(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PATENT_PDF)
    writer.encrypt(user_password="", owner_password="owner")
    path = tmp_path / "仅限编辑.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert "第一条" in load_file(path).text


@needs_realdata
def test_html_main_article_without_scripts_styles_or_navigation() -> None:
    text = load_file(HTML_29).text
    lines = text.split("\n")
    assert lines[0] == "穗府办规〔2021〕19号"
    assert "第十七条 区民政部门要会同有关部门对临时救助资金定期组织专项检查" in text
    # every article on a line of its own: block elements became line breaks
    assert sum(1 for line in lines if line.startswith("第") and "条 " in line[:8]) == 18
    for noise in ("function", "var ", "{", "用户登录", "网站地图"):
        assert noise not in text


def test_html_blocks_become_lines_and_hidden_duplicates_are_dropped(tmp_path: Path) -> None:
    html = """<html><head><title>t</title><style>p{color:red}</style></head>
    <body><nav><a href="/">首页</a><a href="/x">政务公开</a></nav>
    <div class="content"><p>第一条 为了规范管理，制定本办法。</p><p>第二条 本办法自印发之日起施行。<br>附件：流程图</p></div>
    <div style="display: none">第一条 为了规范管理，制定本办法。第二条 本办法自印发之日起施行。</div>
    <script>var x = 1;</script></body></html>"""
    path = tmp_path / "页面.htm"
    path.write_text(html, encoding="utf-8")
    loaded = load_file(path)
    assert loaded.fmt == "html"
    assert loaded.text == "第一条 为了规范管理，制定本办法。\n第二条 本办法自印发之日起施行。\n附件：流程图"


def test_a_saved_pages_title_is_its_title_element_without_the_sites_name(tmp_path: Path) -> None:
    """A news page whose text opens with no "关于…的通知" is titled by its <title>, not by its file name."""
    from indexer.pipeline import parse_structure

    html = """<html><head><title>广州市高校毕业生创业补贴，请查收_越秀区人民政府门户网站</title></head>
    <body><div class="content"><p>高校毕业生在本市创办初创企业的，可申请一次性创业补贴。</p>
    <p>补贴标准为每户10000元。</p></div></body></html>"""
    path = tmp_path / "16_页面.html"
    path.write_text(html, encoding="utf-8")
    assert load_file(path).title == "广州市高校毕业生创业补贴，请查收"
    parsed = parse_structure(path, "page", {}, "digest", "hash")
    assert parsed.document.title == "广州市高校毕业生创业补贴，请查收"
    plain = tmp_path / "x.txt"
    plain.write_text("第一条 正文。", encoding="utf-8")
    assert load_file(plain).title == ""  # only a page has a title element


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("第一条 为了规范管理，制定本办法。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "项目"
    table.rows[0].cells[1].text = "每家不超过80万元"
    document.add_paragraph("第二条 本办法自印发之日起施行。")
    path = tmp_path / "办法.docx"
    document.save(str(path))
    assert load_file(path).text.split("\n") == [
        "第一条 为了规范管理，制定本办法。",
        "项目\t每家不超过80万元",
        "第二条 本办法自印发之日起施行。",
    ]


def test_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "坏.docx"
    path.write_bytes(b"this is not a zip archive" * 10)
    _assert_load_error(path, "DOCX")


def test_docx_with_malformed_xml_is_a_load_error(tmp_path: Path) -> None:
    """A valid zip whose document.xml is broken: lxml's XMLSyntaxError becomes a LoadError, so an
    index run records this file as failed and goes on to the next one."""
    import zipfile

    import docx

    good = tmp_path / "好.docx"
    document = docx.Document()
    document.add_paragraph("第一条 为了规范管理，制定本办法。")
    document.save(str(good))
    broken = tmp_path / "坏的XML.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, b"<w:document><w:body><w:p>" if item.filename == "word/document.xml" else data)
    _assert_load_error(broken, "无法解析")


def test_a_docx_that_expands_to_too_many_paragraphs_is_refused_with_the_figure(tmp_path: Path) -> None:
    """A small zip of 120,000 empty paragraphs (a paragraph bomb) stops at the limit, not at its end."""
    import zipfile

    import docx

    from indexer.load import MAX_LINES

    good = tmp_path / "好.docx"
    docx.Document().save(str(good))
    bomb = tmp_path / "段落炸弹.docx"
    body = b"<w:p/>" * (MAX_LINES + 20_000)
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + body, 1)
            target.writestr(item, data)
    assert bomb.stat().st_size < 100_000
    _assert_load_error(bomb, f"上限{MAX_LINES:,}段")


def test_text_beyond_the_character_limit_is_refused_with_the_figure(tmp_path: Path, monkeypatch) -> None:
    import indexer.load as load

    monkeypatch.setattr(load, "MAX_TEXT_CHARS", 1_000)
    path = tmp_path / "长文.txt"
    path.write_text("第一条 本条为测试文本。\n" * 200, encoding="utf-8")
    _assert_load_error(path, "上限1,000字")


def test_a_document_with_too_many_clauses_is_refused_with_the_figure(tmp_path: Path, monkeypatch) -> None:
    import indexer.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MAX_CLAUSES_PER_DOCUMENT", 50)
    path = tmp_path / "条款很多的办法.txt"
    path.write_text("".join(f"第{i}条 本条为测试文本。\n" for i in range(1, 81)), encoding="utf-8")
    with pytest.raises(LoadError, match="上限50条"):
        pipeline.parse_structure(path, "x", {}, "", "")
