"""A Word document laid out as a 公文 (GB/T 9704-2012), written with python-docx.

The standard fixes the page and the type: A4; 版心 156 x 225 mm with 天头
(top margin) 37 mm and 订口 (left margin) 28 mm; 22 lines of 28 characters;
title in 2号 小标宋, body in 3号 仿宋, level-1 headings 黑体, level-2 楷体,
levels 3 and 4 仿宋; page numbers in 4号 宋体 with a dash on each side
(``— 1 —``) 7 mm under the 版心, right-aligned on odd pages and left-aligned
on even ones, one character in from the edge. Everything is set in the
styles and the section, so a person editing the document in Word or WPS
keeps the layout, and the fonts are the names offices install
(方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体); where a font is missing,
Word, WPS and LibreOffice substitute a CJK font of the same kind.

``Gongwen`` is the page; ``report_docx`` and ``remind_docx`` write what goes on it.

>>> page = Gongwen(title="关于某项工作进展情况的报告", created=date(2025, 10, 15))
>>> page.title("关于某项工作进展情况的报告")
>>> page.to_bytes()[:2]
b'PK'
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: BODY_FONT}
PAGE_NUMBER_FONT = "宋体"
# Each font's kind for the font table: what a reader without the font substitutes.
FONT_FAMILIES = {TITLE_FONT: "roman", BODY_FONT: "roman", HEADING_FONTS[2]: "roman",
                 HEADING_FONTS[1]: "swiss", PAGE_NUMBER_FONT: "roman"}
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
TABLE_SIZE = Pt(10.5)  # 五号: tables in the body are set smaller, as offices do
CELL_MARGIN = Mm(1)
# 版心 225 mm high holds 22 lines: a line every 225/22 mm in twentieths of a point, rounded
# down so that the 22nd line still fits (579 twips, 28.95 pt, as the standard's templates set).
LINE_PITCH = int(225 / 22 / 25.4 * 72 * 20)
# 28 characters in 156 mm: 3号 (16 pt) characters set 0.25 pt closer (28 x 15.75 pt = 441 pt
# of the 442 pt line), which Word, WPS and LibreOffice all honour. Word's character grid
# (w:docGrid linesAndChars with w:charSpace -849) is not used: LibreOffice lays text out on it
# with gaps (lines of 12 characters spread across the line), so the grid is a line grid only
# and gkparse lint's GB203 warns that there is no character grid.
LETTER_SPACING = Twips(-5)
TITLE_LINE = Pt(35)
EM_DASH = "\u2014"  # 一字线, as GB/T 9704 7.5 puts around the page number
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Column:
    """A table column: header text, width in millimetres, and whether its cells are centred."""

    header: str
    width_mm: float
    centred: bool = False


# Children of w:pPr in the order ECMA-376 requires (Word refuses some files out of order).
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
              "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
              "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")
# What may follow w:tblBorders in a w:tblPr, from w:tblLayout on.
_TBLPR_AFTER_LAYOUT = ("w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                       "w:tblDescription")
# What may follow w:spacing in a w:rPr.
_RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                      "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl",
                      "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
# What may follow w:shd in a w:rPr.
_RPR_AFTER_SHD = ("w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                  "w:eastAsianLayout", "w:specVanish", "w:oMath")


def set_fonts(rpr_owner: Any, name: str) -> None:
    """One font for Latin, East Asian and complex script text (theme fonts would win otherwise)."""
    fonts = rpr_owner.get_or_add_rPr().get_or_add_rFonts()
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _ppr_child(paragraph_or_style: Any, tag: str, **attrs: str) -> Any:
    ppr = paragraph_or_style.get_or_add_pPr()
    element = ppr.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        later = _PPR_ORDER[_PPR_ORDER.index(tag.removeprefix("w:")) + 1:]
        ppr.insert_element_before(element, *(f"w:{name}" for name in later))
    for key, value in attrs.items():
        element.set(qn(key), value)
    return element


def _no_grid(element: Any) -> None:
    """Let a paragraph keep its own line height and letter spacing, off the document grid."""
    _ppr_child(element, "w:snapToGrid", **{"w:val": "0"})


def _indent_chars(element: Any, *, first: int = 0, left: int = 0, right: int = 0) -> None:
    """Indents in characters (GB/T 9704 counts in characters), with the twips Word falls back on."""
    attrs: dict[str, str] = {}
    char = int(BODY_SIZE.pt * 20)
    if first:
        attrs.update({"w:firstLineChars": str(first * 100), "w:firstLine": str(first * char)})
    if left:
        attrs.update({"w:leftChars": str(left), "w:left": str(left * char // 100)})
    if right:
        attrs.update({"w:rightChars": str(right), "w:right": str(right * char // 100)})
    _ppr_child(element, "w:ind", **attrs)


class Gongwen:
    """A 公文 being written: page, styles and footer set up; paragraphs, tables, page breaks."""

    def __init__(self, *, title: str, created: date) -> None:
        self.doc = Document()
        self._style_ids: dict[str, str] = {"Normal": "Normal"}
        self._page()
        self._styles()
        self._footers()
        self._declare_fonts()
        self.doc.settings.odd_and_even_pages_header_footer = True
        core = self.doc.core_properties
        core.title, core.author, core.comments = title, "gkparse", ""
        core.last_modified_by, core.revision = "gkparse", 1
        core.created = core.modified = datetime(created.year, created.month, created.day)
        package_rels = self.doc.part.package.rels
        for key, rel in list(package_rels.items()):  # the template's picture of a blank page
            if rel.reltype.endswith("/thumbnail"):
                del package_rels[key]
        body = self.doc.element.body
        for paragraph in body.findall(qn("w:p")):  # the template's empty first paragraph
            body.remove(paragraph)
        self._started = False

    # -- set-up --------------------------------------------------------------------------------

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.header_distance = Mm(15)
        # The dash line sits 7 mm under the 版心 (35 mm from the page's foot): the footer's
        # 4号 line, whose middle carries the dashes, ends about 3 mm lower.
        section.footer_distance = Mm(25)
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        for attr in list(grid.attrib):
            del grid.attrib[attr]
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE_PITCH))

    def _styles(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        if defaults is not None:  # the template's defaults name theme fonts; the body's win
            styles.element.remove(defaults)
        normal = styles["Normal"]
        normal.font.size = BODY_SIZE
        normal.font.color.rgb = RGBColor(0, 0, 0)
        set_fonts(normal.element, BODY_FONT)
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(LETTER_SPACING.twips))
        normal.element.get_or_add_rPr().insert_element_before(spacing, *_RPR_AFTER_SPACING)
        language = OxmlElement("w:lang")  # Chinese text: simplified-Chinese glyph forms
        language.set(qn("w:val"), "zh-CN")
        language.set(qn("w:eastAsia"), "zh-CN")
        normal.element.get_or_add_rPr().insert_element_before(language, *_RPR_AFTER_SHD[5:])
        layout = normal.paragraph_format
        layout.space_before = layout.space_after = Pt(0)
        layout.line_spacing = Twips(LINE_PITCH)  # exact: 22 lines to the page
        layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        layout.widow_control = False
        self._style("公文标题", "GWTitle", TITLE_FONT, TITLE_SIZE, WD_ALIGN_PARAGRAPH.CENTER,
                    line=TITLE_LINE, grid=False)
        for level, font in HEADING_FONTS.items():
            style = self._style(f"公文{'一二三'[level - 1]}级标题", f"GWHeading{level}", font,
                                BODY_SIZE, None)
            style.paragraph_format.keep_with_next = True
            _ppr_child(style.element, "w:outlineLvl", **{"w:val": str(level - 1)})
            _indent_chars(style.element, first=2)
        body = self._style("公文正文", "GWBody", BODY_FONT, BODY_SIZE, None)
        _indent_chars(body.element, first=2)
        self._style("公文主送", "GWAddressee", BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.LEFT)
        self._style("公文落款", "GWSignature", BODY_FONT, BODY_SIZE, WD_ALIGN_PARAGRAPH.RIGHT)
        self._style("公文表格", "GWTable", BODY_FONT, TABLE_SIZE, WD_ALIGN_PARAGRAPH.LEFT,
                    line=1.0, grid=False)
        self._style("公文表头", "GWTableHead", HEADING_FONTS[1], TABLE_SIZE,
                    WD_ALIGN_PARAGRAPH.CENTER, line=1.0, grid=False)
        self._style("公文页码", "GWPageNumber", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, None,
                    line=1.0, grid=False)

    def _style(self, name: str, style_id: str, font: str, size: Pt,
               alignment: WD_ALIGN_PARAGRAPH | None, *, line: Length | float | None = None,
               grid: bool = True) -> Any:
        """A paragraph style on Normal; ``line``: exact height, or a multiple (1.0: single)."""
        style = self.doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = style_id
        self._style_ids[name] = style_id
        style.base_style = self.doc.styles["Normal"]
        style.quick_style = True
        style.font.size = size
        style.font.bold = False
        set_fonts(style.element, font)
        if alignment is not None:
            style.paragraph_format.alignment = alignment
        if line is not None:
            style.paragraph_format.line_spacing = line
        if not grid:
            _no_grid(style.element)
        return style

    def _footers(self) -> None:
        section = self.doc.sections[0]
        _page_number(section.footer.paragraphs[0], odd=True)
        _page_number(section.even_page_footer.paragraphs[0], odd=False)

    def _declare_fonts(self) -> None:
        """Name each font's kind in the font table (charset GB2312, serif or sans), so a reader
        without it substitutes a CJK font of the same kind: a serif (宋) face for 小标宋, 仿宋
        and 楷体, a sans (黑) face for 黑体."""
        from lxml import etree

        part = next(rel.target_part for rel in self.doc.part.rels.values()
                    if rel.reltype.endswith("/fontTable"))
        table = etree.fromstring(part.blob)
        for name, family in FONT_FAMILIES.items():
            font = etree.SubElement(table, qn("w:font"), {qn("w:name"): name})
            for tag, value in (("w:charset", "86"), ("w:family", family),
                               ("w:pitch", "variable")):
                etree.SubElement(font, qn(tag), {qn("w:val"): value})
        part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8",
                                    standalone=True)

    # -- content -------------------------------------------------------------------------------

    def _add(self, text: str, style: str) -> Paragraph:
        self._started = True
        paragraph = self.doc.add_paragraph(text)
        # by id: python-docx's style setter searches every style each time
        paragraph._p.style = self._style_ids[style]
        return paragraph

    def title(self, text: str) -> None:
        """The title, then one empty line (标题下空一行)."""
        self._add(text, "公文标题")
        self.blank()

    def blank(self) -> None:
        self._add("", "Normal")

    def addressee(self, names: str) -> None:
        """主送机关: flush left, ending in a full-width colon."""
        self._add(f"{names.rstrip('：:')}：", "公文主送")

    def paragraph(self, text: str) -> Paragraph:
        return self._add(text, "公文正文")

    def heading(self, level: int, text: str) -> None:
        self._add(text, f"公文{'一二三'[level - 1]}级标题")

    def mark(self, text: str, *, fill: str, color: str = "FFFFFF") -> None:
        """A coloured mark at the top right of the part's first page (a 督办件's colour), in the
        page header: above the 版心, where it is no line of the document's head or title."""
        section = self.doc.sections[-1]
        section.different_first_page_header_footer = True
        header, footer = section.first_page_header, section.first_page_footer
        header.is_linked_to_previous = footer.is_linked_to_previous = False
        _page_number(footer.paragraphs[0], odd=True)  # a part starts on its page 1
        paragraph = header.paragraphs[0]
        paragraph._p.style = self._style_ids["公文落款"]
        run = paragraph.add_run(text)
        set_fonts(run._r, HEADING_FONTS[1])
        run.font.color.rgb = RGBColor.from_string(color)
        shading = OxmlElement("w:shd")
        for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill)):
            shading.set(qn(key), value)
        run._r.get_or_add_rPr().insert_element_before(shading, *_RPR_AFTER_SHD)

    def signature(self, signatory: str | None, when: date) -> None:
        """署名 and 成文日期: two lines down; the longer line 4 characters from the right, the
        shorter centred under it (GB/T 9704 7.3.5.2)."""
        self.blank()
        self.blank()
        dated = chinese_date(when)
        date_width = _width(dated)
        if signatory:
            name_width = _width(signatory)
            long_width = max(name_width, date_width)
            name = self._add(signatory, "公文落款")
            _indent_chars(name._p, right=round(100 * (4 + (long_width - name_width) / 2)))
            long_width = max(long_width, date_width)
        else:
            long_width = date_width
        line = self._add(dated, "公文落款")
        _indent_chars(line._p, right=round(100 * (4 + (long_width - date_width) / 2)))

    def new_part(self) -> None:
        """Start a part of its own (one unit's 督办单) on a new page, numbered from 1 again, so
        each part printed and sent on its own has pages 1, 2, …"""
        if self._started:
            self.doc.add_section(WD_SECTION_START.NEW_PAGE)
        _restart_page_numbers(self.doc.sections[-1])

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], *,
              fills: Sequence[str | None] | None = None) -> Table:
        """A ruled table the width of the 版心, its header row repeated on every page."""
        self._started = True
        table = self.doc.add_table(rows=1 + len(rows), cols=len(columns))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _borders(table)
        header = table.rows[0]
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for row in table.rows:  # a task's row is never cut by a page break
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for position, column in enumerate(columns):
            table.columns[position].width = Mm(column.width_mm)
        for row_index, row in enumerate([[c.header for c in columns], *rows]):
            fill = fills[row_index - 1] if fills and row_index else None
            for position, (column, text) in enumerate(zip(columns, row, strict=True)):
                cell = table.rows[row_index].cells[position]
                cell.width = Mm(column.width_mm)
                style = "公文表头" if row_index == 0 else "公文表格"
                lines = str(text).split("\n")
                cell.paragraphs[0].text = lines[0]
                cell.paragraphs[0]._p.style = self._style_ids[style]
                for more in lines[1:]:
                    cell.add_paragraph(more)._p.style = self._style_ids[style]
                for paragraph in cell.paragraphs:
                    if row_index and column.centred:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                shade = "F2F2F2" if row_index == 0 else fill
                if shade:
                    _shade(cell, shade)
                _vertical_centre(cell)
        return table

    def to_bytes(self) -> bytes:
        """The .docx, the same bytes for the same content (fixed zip times, no thumbnail)."""
        raw = io.BytesIO()
        self.doc.save(raw)
        out = io.BytesIO()
        with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
                entry.compress_type = zipfile.ZIP_DEFLATED
                dst.writestr(entry, src.read(info.filename))
        return out.getvalue()


def chinese_date(when: date) -> str:
    """成文日期 as GB/T 9704 writes it: Arabic numerals, no zero padding (2025年6月5日)."""
    return f"{when.year}年{when.month}月{when.day}日"


def _width(text: str) -> float:
    """Width in characters: ASCII digits and letters are half as wide as Chinese characters."""
    return sum(0.5 if ord(ch) < 128 else 1 for ch in text)


def _page_field(paragraph: Paragraph) -> None:
    """A PAGE field whose shown result is 1 until the reader updates it (Word does on open)."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text


def _page_number(paragraph: Paragraph, *, odd: bool) -> None:
    """— 1 — in 4号 宋体: 单页码居右空一字，双页码居左空一字 (GB/T 9704 7.5)."""
    paragraph._p.style = "GWPageNumber"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        _indent_chars(paragraph._p, right=100)
    else:
        _indent_chars(paragraph._p, left=100)
    paragraph.add_run(f"{EM_DASH} ")
    _page_field(paragraph)
    paragraph.add_run(f" {EM_DASH}")


def _restart_page_numbers(section: Any) -> None:
    numbering = section._sectPr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        section._sectPr.insert_element_before(
            numbering, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
            "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
            "w:sectPrChange")
    numbering.set(qn("w:start"), "1")


def _borders(table: Table) -> None:
    props = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"),
                           ("w:color", "000000")):
            element.set(qn(key), value)
        borders.append(element)
    props.insert_element_before(borders, "w:shd", *_TBLPR_AFTER_LAYOUT)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    props.insert_element_before(layout, *_TBLPR_AFTER_LAYOUT[1:])
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(CELL_MARGIN.twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    props.insert_element_before(margins, *_TBLPR_AFTER_LAYOUT[2:])


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", fill.lstrip("#"))):
        shading.set(qn(key), value)
    cell._tc.get_or_add_tcPr().append(shading)


def _vertical_centre(cell: Any) -> None:
    align = OxmlElement("w:vAlign")
    align.set(qn("w:val"), "center")
    cell._tc.get_or_add_tcPr().append(align)
