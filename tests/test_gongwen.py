"""The 公文 page (GB/T 9704-2012): as written, read back with python-docx, laid out by LibreOffice."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gkparse.office.gongwen import Column, Gongwen, chinese_date

from docx_render import MM, needs_libreoffice, page_text, to_pdf, words_by_page


def _page(*, parts: int = 1) -> bytes:
    page = Gongwen(title="关于测试的报告", created=date(2025, 10, 15))
    for _ in range(parts):
        page.new_part()
        page.title("关于测试的报告")
        page.addressee("各街道")
        page.heading(1, "一、总体情况")
        page.paragraph("正文。")
        page.heading(2, "（一）分项情况")
        page.table([Column("编号", 20, centred=True), Column("具体要求", 136)], [["1", "甲"]],
                   fills=["F8CBAD"])
        page.signature("某某区人民政府办公室", date(2025, 6, 5))
    return page.to_bytes()


def _mm(length: int) -> float:
    """Millimetres to 0.1 mm (Word stores page sizes in twips)."""
    return round(length / 36000, 1)


def _fonts(style) -> set[str]:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")}


def test_page_setup_is_gbt_9704() -> None:
    document = docx.Document(io.BytesIO(_page()))
    section = document.sections[0]
    assert (_mm(section.page_width), _mm(section.page_height)) == (210, 297)
    # 天头 37 mm, 订口 28 mm, 版心 156 x 225 mm
    assert (_mm(section.top_margin), _mm(section.left_margin)) == (37, 28)
    assert _mm(section.page_width - section.left_margin - section.right_margin) == 156
    assert _mm(section.page_height - section.top_margin - section.bottom_margin) == 225
    normal = document.styles["Normal"]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"  # no character grid: see gongwen.LETTER_SPACING
    assert int(grid.get(qn("w:linePitch"))) * 22 <= Mm(225).twips  # 22 lines fit
    spacing = int(normal.element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20  # points
    assert 28 * (16 + spacing) <= 156 / 25.4 * 72 < 29 * (16 + spacing)  # 28 characters a line
    assert normal.paragraph_format.line_spacing.twips == int(grid.get(qn("w:linePitch")))
    assert normal.font.size == Pt(16) and _fonts(normal) == {"仿宋_GB2312"}
    title = document.styles["公文标题"]
    assert title.font.size == Pt(22) and _fonts(title) == {"方正小标宋简体"}
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _fonts(document.styles["公文一级标题"]) == {"黑体"}
    assert _fonts(document.styles["公文二级标题"]) == {"楷体_GB2312"}
    for name in ("公文一级标题", "公文二级标题", "公文正文"):
        assert document.styles[name].font.size == Pt(16)
    used = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert used[:5] == [("公文标题", "关于测试的报告"), ("公文主送", "各街道："),
                        ("公文一级标题", "一、总体情况"), ("公文正文", "正文。"),
                        ("公文二级标题", "（一）分项情况")]
    # The template's theme fonts and defaults are gone: nothing overrides the styles' fonts.
    styles_xml = document.styles.element.xml
    assert "Theme=" not in styles_xml.split("<w:style ")[0] and "w:docDefaults" not in styles_xml


def test_page_numbers_are_dashed_outside_edge() -> None:
    """GB/T 9704 7.5: — 1 — in 4号 宋体, odd pages right and even pages left, one character in."""
    document = docx.Document(io.BytesIO(_page()))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, side, indent in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "w:rightChars"),
                                 (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT,
                                  "w:leftChars")):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == side
        assert paragraph._p.pPr.find(qn("w:ind")).get(qn(indent)) == "100"
        xml = paragraph._p.xml
        assert "PAGE" in xml and paragraph.text == "— 1 —"
        assert paragraph.style.font.size == Pt(14) and _fonts(paragraph.style) == {"宋体"}


def test_signature_centres_the_shorter_line_four_characters_from_the_right() -> None:
    document = docx.Document(io.BytesIO(_page()))
    name, dated = document.paragraphs[-2:]
    assert (name.text, dated.text) == ("某某区人民政府办公室", "2025年6月5日")
    right = {p.text: int(p._p.pPr.find(qn("w:ind")).get(qn("w:rightChars"))) for p in (name, dated)}
    # the name (10 characters) is the longer line: 4 characters in; the date (4 digits and 4
    # characters, 6 wide) is centred under it: 4 + (10 - 6) / 2 = 6 characters in.
    assert right == {"某某区人民政府办公室": 400, "2025年6月5日": 600}
    assert chinese_date(date(2025, 1, 9)) == "2025年1月9日"


def test_tables_repeat_their_header_and_never_split_a_row() -> None:
    document = docx.Document(io.BytesIO(_page()))
    table = document.tables[0]
    rows = table._tbl.findall(qn("w:tr"))
    assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
    assert [c.text for c in table.rows[1].cells] == ["1", "甲"]
    assert table.rows[1].cells[0]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "F8CBAD"
    widths = [round(c.width.mm) for c in table.rows[0].cells]
    assert widths == [20, 136]


def test_parts_restart_page_numbers() -> None:
    document = docx.Document(io.BytesIO(_page(parts=3)))
    assert len(document.sections) == 3
    for section in document.sections:
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


def test_same_content_same_bytes() -> None:
    first = _page()
    assert _page() == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in package.namelist()
        assert b"thumbnail" not in package.read("_rels/.rels")
        core = package.read("docProps/core.xml").decode()
    assert "2025-10-15T00:00:00Z" in core and "关于测试的报告" in core


@needs_libreoffice
def test_libreoffice_lays_out_22_lines_of_28_characters(tmp_path: Path) -> None:
    """The 版心 holds 22 lines of 28 3号 characters, and the text starts at 37 mm and 28 mm."""
    page = Gongwen(title="版心", created=date(2025, 1, 1))
    for _ in range(30):
        page._add("国" * 28, "Normal")
    path = tmp_path / "grid.docx"
    path.write_bytes(page.to_bytes())
    pdf = to_pdf(path, tmp_path)
    lines = [line.strip() for line in page_text(pdf)[0].splitlines() if line.strip()]
    body = [line for line in lines if set(line) == {"国"}]
    assert len(body) == 22 and {len(line) for line in body} == {28}
    first_page = words_by_page(pdf)[0]
    text = [w for w in first_page if set(w.text) == {"国"}]
    assert abs(min(w.x_min for w in text) - 28 * MM) < 1.5 * MM
    assert abs(min(w.y_min for w in text) - 37 * MM) < 3 * MM
    assert max(w.y_max for w in text) <= (297 - 35) * MM
    assert max(w.x_max for w in text) <= (210 - 26) * MM + 1
