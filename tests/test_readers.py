"""Unit tests of the format readers: the format from the bytes, the grid of spans, web pages'
encodings and tables, workbooks' merges, PDF lines into paragraphs."""

from __future__ import annotations

import codecs
import sys
import zipfile
from pathlib import Path

import pytest

from gkparse.errors import DocumentError
from gkparse.limits import Limits
from gkparse.readers.document import GridCell, Paragraph, Table, table_from_grid
from gkparse.readers.html_page import decode_page, read_html
from gkparse.readers.pdf import _join_wrapped, _Line, _paragraphs, _unradical
from gkparse.readers.sniff import detect_format
from gkparse.readers.spreadsheet import sheet_blocks

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "bad_inputs"))
# The corpus's writer of small PDFs, beside the corpus it writes.
import make_bad_inputs

HERE = Path("notice.docx")


def _zip(tmp_path: Path, parts: dict[str, str]) -> bytes:
    path = tmp_path / "z.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path.read_bytes()


@pytest.mark.parametrize(("data", "kind"), [
    (b"%PDF-1.7\n", "pdf"),
    (b"\r\n  %PDF-1.4\n", "pdf"),  # junk before the header, as readers allow
    (b"{\\rtf1\\ansi notice}", "rtf"),
    (codecs.BOM_UTF8 + b"<!DOCTYPE html><html>", "html"),
    (b"  <table><tr><td>x</td></tr></table>", "html"),
    ("<html><body>通知</body></html>".encode("utf-16"), "html"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le"), "doc"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le"), "xls"),
])
def test_format_from_the_bytes(data: bytes, kind: str) -> None:
    assert detect_format(HERE, data) == kind


def test_the_name_only_tells_apart_formats_whose_bytes_are_alike() -> None:
    word = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le")
    book = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le")
    assert detect_format(Path("a.wps"), word) == "wps"
    assert detect_format(Path("a.docx"), word) == "doc"
    assert detect_format(Path("a.et"), book) == "et"


def test_zip_packages_by_their_parts(tmp_path: Path) -> None:
    assert detect_format(HERE, _zip(tmp_path, {"xl/workbook.xml": "<w/>"})) == "xlsx"
    assert detect_format(HERE, _zip(tmp_path, {
        "mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})) == "odt"
    assert detect_format(HERE, _zip(tmp_path, {
        "mimetype": "application/vnd.oasis.opendocument.spreadsheet"})) == "ods"
    assert detect_format(HERE, (ROOT / "samples" / "notice.docx").read_bytes()) == "docx"


@pytest.mark.parametrize(("data", "message"), [
    (b"", "the file is empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(8), "this is an image"),
    (b"<?xml version='1.0'?><root/>", "an XML file that is not a notice"),
    (b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook/>',
     "an Excel 2003 XML workbook"),
    (b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>',
     "a Word 2003 XML document"),
    (b"plain words", "not a notice file gkparse reads"),
])
def test_what_is_not_a_notice_is_named(data: bytes, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        detect_format(HERE, data)


def test_grid_cells_become_merges_as_word_writes_them() -> None:
    # A | B      (A spans two rows; C spans two columns)
    # . | x
    # C  C
    table = table_from_grid([GridCell(0, 0, "A", rows=2), GridCell(0, 1, "B"),
                             GridCell(1, 1, "x"), GridCell(2, 0, "C", columns=2)])
    assert [r.width for r in table.rows] == [2, 2, 2]
    first, second, third = table.rows
    assert first.cells[0].starts_merge and second.cells[0].continues_merge
    assert second.cells[0].paragraphs == ["A"]  # resolved, as for a .docx
    assert third.cells[0].span == 2 and list(third.cells) == [0]


def test_page_encodings_from_bom_meta_or_bytes() -> None:
    text = "关于印发任务分解表的通知"
    assert decode_page(HERE, codecs.BOM_UTF8 + text.encode()) == text
    assert decode_page(HERE, codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == text
    gbk = f'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">{text}'
    assert text in decode_page(HERE, gbk.encode("gbk"))
    assert text in decode_page(HERE, f"<meta charset='gbk'>{text}".encode("gbk"))
    # Undeclared and not UTF-8: read as GB18030 (GB2312 and GBK are subsets of it).
    assert decode_page(HERE, "𠀀".encode("gb18030") + text.encode("gb18030")) == "𠀀" + text


def test_page_paragraphs_tables_and_what_is_not_text() -> None:
    page = """<html><head><title>站点</title><style>p{}</style></head><body>
    <div class="nav">首页 &gt; 通知</div><script>var x = '不是正文';</script>
    <table width="100%"><tr><td>
      <p>关于印发
      任务分解表的通知</p><p>第一行<br>第二行</p>
      <table border="1"><thead><tr><th>工作任务</th><th colspan="2">单位</th></tr></thead>
      <tbody><tr><td rowspan="2">（一）任务</td><td>甲</td><td>乙</td></tr>
      <tr><td>丙</td><td>丁</td></tr></tbody></table>
    </td></tr></table></body></html>"""
    blocks, warnings = read_html(HERE, page.encode(), Limits())
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts == ["首页 > 通知", "关于印发任务分解表的通知", "第一行", "第二行"]
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1  # the layout table is read through, not kept
    header, first, second = tables[0].rows
    assert header.cells[1].span == 2 and first.cells[0].starts_merge
    assert second.cells[0].continues_merge and second.cells[0].paragraphs == ["（一）任务"]
    assert [c.text for _, c in sorted(second.cells.items())] == ["（一）任务", "丙", "丁"]
    assert warnings == []


def test_sheet_title_rows_are_paragraphs_and_merges_are_merges() -> None:
    rows = [["附件1", "", ""], ["2025年任务分解表", "", ""], ["任务", "牵头单位", "时限"],
            ["甲", "区财政局", "6月底前"], ["", "区商务局", "9月底前"]]
    blocks = list(sheet_blocks(rows, [((1, 0), (1, 2)), ((3, 0), (4, 0))]))
    assert [b.text for b in blocks[:2]] == ["附件1", "2025年任务分解表"]
    table = blocks[2]
    assert isinstance(table, Table) and len(table.rows) == 3
    assert table.rows[2].cells[0].paragraphs == ["甲"] and table.rows[2].cells[0].continues_merge


def _line(text: str, x0: float, x1: float, top: float) -> _Line:
    return _Line(text, x0, x1, top, top + 12, 12.0)


def test_wrapped_pdf_lines_join_into_paragraphs() -> None:
    lines = [_line("为贯彻落实工作要点，结合我区", 84, 240, 100),    # indented first line
             _line("实际，现印发给你们。", 60, 180, 115),             # short: the paragraph ends
             _line("一、加强组织领导。各牵头部门", 84, 240, 130),
             _line("要加强统筹协调，逐个研究推进", 60, 240, 145),
             _line("工作。", 60, 96, 160)]
    assert _paragraphs(lines, 60, 240) == ["为贯彻落实工作要点，结合我区实际，现印发给你们。",
                                           "一、加强组织领导。各牵头部门要加强统筹协调，逐个研究推进工作。"]


def test_a_wider_gap_starts_a_paragraph_in_a_cell() -> None:
    lines = [_line("区自然资源", 10, 70, 100), _line("和规划分局", 10, 70, 115),
             _line("区城乡建设", 10, 70, 140), _line("和交通局", 16, 64, 155)]
    assert _paragraphs(lines, 10, 70, indents=False) == ["区自然资源和规划分局", "区城乡建设和交通局"]


def test_latin_words_keep_their_space_when_a_line_wraps() -> None:
    assert _join_wrapped(["see the", "notice"]) == "see the notice"
    assert _join_wrapped(["2025年", "12月底前"]) == "2025年12月底前"


def test_radical_code_points_read_as_the_characters_they_show() -> None:
    assert _unradical("⼀、⻓期坚持，⾼新区⼈⺠政府") == "一、长期坚持，高新区人民政府"


def test_hidden_sheets_are_not_read_and_every_visible_one_is(tmp_path: Path) -> None:
    import xlsxwriter

    from gkparse.readers.spreadsheet import read_workbook

    path = tmp_path / "book.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for name, value, hidden in (("一", "甲", False), ("二", "乙", True), ("三", "丙", False)):
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, ["任务", value])
        if hidden:
            sheet.hide()
    book.close()
    blocks, _ = read_workbook(path, path.read_bytes(), "xlsx", Limits())
    assert [[c.text for c in t.rows[0].cells.values()] for t in blocks if isinstance(t, Table)] \
        == [["任务", "甲"], ["任务", "丙"]]


def test_an_empty_paragraph_is_one_blank_line() -> None:
    page = "<p>甲</p><p><br></p><p></p><p>乙<br>丙</p>".encode()
    blocks, _ = read_html(HERE, page, Limits())
    assert [b.text for b in blocks] == ["甲", "", "", "乙", "丙"]


def test_an_xhtml_page_declares_its_encoding_in_its_xml_declaration() -> None:
    page = ('<?xml version="1.0" encoding="gb2312"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML '
            '1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head></head><body><p>关于印发的通知</p>'
            "<table><tr><td>工作任务</td></tr></table></body></html>").encode("gbk")
    blocks, _ = read_html(HERE, page, Limits())
    assert blocks[0] == Paragraph("关于印发的通知")
    assert isinstance(blocks[1], Table) and blocks[1].rows[0].cells[0].paragraphs == ["工作任务"]


def test_a_workbook_title_is_not_a_label_or_an_attachment_number() -> None:
    from gkparse.readers.spreadsheet import workbook_title

    assert workbook_title(["附件1", "2025年任务分解表", "填报单位：区党政办公室",
                           "填报日期：2025年3月1日"]) == "2025年任务分解表"
    assert workbook_title(["附件 2", ""]) is None


def test_labelled_values_above_the_header_are_lines_of_text() -> None:
    rows = [["填报单位：区党政办公室", "", "填报日期：3月1日"], ["任务", "牵头单位", "时限"],
            ["甲", "区财政局", "6月底前"]]
    blocks = list(sheet_blocks(rows, []))
    assert [b.text for b in blocks[:2]] == ["填报单位：区党政办公室", "填报日期：3月1日"]
    assert isinstance(blocks[2], Table) and len(blocks[2].rows) == 2


def _two_page_pdf(text: str) -> bytes:
    """A PDF whose first page has a line of text and whose second has none (a scanned page)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 6 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return make_bad_inputs._pdf(*objects)


def test_a_reader_warning_is_a_value_and_the_notice_keeps_its_sentence(tmp_path: Path) -> None:
    from gkparse import parse_notice
    from gkparse.messages import Message
    from gkparse.readers.pdf import read_pdf

    path = tmp_path / "half-scanned.pdf"
    path.write_bytes(_two_page_pdf("Task plan 2025"))
    blocks, warnings = read_pdf(path, path.read_bytes(), Limits())
    assert [b.text for b in blocks] == ["Task plan 2025"]
    sentence = "page(s) 2 of the PDF have no text layer (scanned?) and were not read"
    assert warnings == [Message("pdf-pages-without-text", sentence, pages=(2,))]
    assert parse_notice(path).warnings[0] == sentence
