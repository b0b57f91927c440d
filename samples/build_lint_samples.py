"""Build the lint samples: a notice laid out to GB/T 9704-2012, and one copy per rule that
breaks that rule and nothing else.

    python samples/build_lint_samples.py [OUT_DIR]   (default: samples/lint)

writes OUT_DIR/good/notice.docx and OUT_DIR/bad/<CODE>-<name>.docx. The tests run
`gkparse lint` over both folders: the good notice gives no finding, each bad one
exactly its own rule. python-docx writes every file, as an office's template would:
fonts on the Normal style and on the runs that differ from it, the theme untouched.
Rebuilding gives the same bytes (fixed zip times and core properties).
"""

from __future__ import annotations

import copy
import sys
import zipfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TITLE_FONT, BODY_FONT, HEI, KAI = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"
_FIXED_ZIP_TIME = (2025, 3, 5, 9, 0, 0)


@dataclass(frozen=True)
class Heading:
    """A body paragraph that starts with a heading: ``number`` + ``title`` in ``font``,
    then ``text`` (run in) in the body font."""

    number: str
    title: str
    font: str
    text: str = ""


@dataclass
class Spec:
    """Everything a notice's layout depends on; a bad sample changes one field."""

    issuer: str = "东湖县人民政府办公室文件"
    doc_number: str = "东政办发〔2025〕3号"
    issuer_first: bool = True
    title: list[str] = field(default_factory=lambda: [
        "东湖县人民政府办公室关于做好2025年", "政务公开工作的通知"])
    title_font: str = TITLE_FONT
    addressee: str = "各乡镇人民政府，县政府各部门："
    body: list[str | Heading] = field(default_factory=lambda: [
        "为做好2025年政务公开工作，经县政府同意，现将有关事项通知如下。",
        Heading("一、", "总体要求。", HEI, "坚持以公开为常态、不公开为例外，持续提升政务公开质量。"),
        Heading("（一）", "强化主动公开。", KAI, "各部门要及时更新主动公开事项目录。"),
        Heading("1.", "完善公开目录。", BODY_FONT, "3月底前完成目录的动态更新。"),
        Heading("2.", "规范公开时限。", BODY_FONT, "政府信息自形成之日起20个工作日内公开。"),
        Heading("（二）", "规范依申请公开。", KAI, "严格按照法定时限答复申请人。"),
        Heading("二、", "工作要求。", HEI, "各部门要按照附件分工抓好落实，年底前报送工作总结。"),
    ])
    attachment_note: list[str] = field(default_factory=lambda: [
        "附件：1.东湖县2025年政务公开重点任务分工", "2.东湖县政务公开工作联系人名单"])
    signature: str | None = "东湖县人民政府办公室"
    date: str | None = "2025年3月5日"
    annotation: str = "（此件公开发布）"
    attachments: list[tuple[str, str]] = field(default_factory=lambda: [
        ("附件1", "东湖县2025年政务公开重点任务分工"), ("附件2", "东湖县政务公开工作联系人名单")])
    copy_to: str = "抄送：县委办公室，县人大常委会办公室。"
    print_line: str = "东湖县人民政府办公室　　　　　　2025年3月5日印发"
    page_mm: tuple[float, float] = (210, 297)
    margins_mm: tuple[float, float, float, float] = (37, 35, 28, 26)  # top, bottom, left, right
    grid: bool = True
    page_number: tuple[str, str] = ("— ", " —")
    normal_font: str | None = BODY_FONT  # None: the Normal style leaves the theme font in place


def set_font(run, font: str, size: float, *, color: RGBColor | None = None) -> None:
    run.font.name = font  # w:ascii and w:hAnsi
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if color is not None:
        run.font.color.rgb = color


def _field(paragraph, instruction: str, shown: str) -> None:
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("result", shown), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
            run._element.append(element)
        elif kind == "result":
            run.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._element.append(element)


class NoticeBuilder:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.doc = Document()
        self._page()
        self._styles()

    def _page(self) -> None:
        spec, section = self.spec, self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(spec.page_mm[0]), Mm(spec.page_mm[1])
        top, bottom, left, right = spec.margins_mm
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        section.footer_distance = Mm(28)  # the 一字线 stand 7 mm under the text block
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        if spec.grid:  # 22 lines of 28 characters in a 156 mm x 225 mm text block at 16 pt
            grid.set(qn("w:type"), "linesAndChars")
            grid.set(qn("w:linePitch"), "579")
            grid.set(qn("w:charSpace"), "-842")
        # Page numbers: odd pages on the right, even pages on the left (standard, 7.5).
        self.doc.settings.odd_and_even_pages_header_footer = True
        before, after = spec.page_number
        for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            paragraph = footer.paragraphs[0]
            paragraph.alignment = align
            set_font(paragraph.add_run(before), "宋体", 14)
            _field(paragraph, " PAGE ", "1")
            set_font(paragraph.add_run(after), "宋体", 14)

    def _styles(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.size = Pt(16)
        if self.spec.normal_font:
            normal.font.name = self.spec.normal_font
            normal.element.get_or_add_rPr().get_or_add_rFonts().set(
                qn("w:eastAsia"), self.spec.normal_font)
        core = self.doc.core_properties
        core.title, core.author = "".join(self.spec.title), "东湖县人民政府办公室"
        core.created = core.modified = datetime(2025, 3, 5, 9, 0, 0)
        core.revision = 1

    def paragraph(self, text: str = "", *, font: str | None = None, size: float = 16,
                  align=None, indent: bool = False, color: RGBColor | None = None):
        paragraph = self.doc.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(32)
        if align is not None:
            paragraph.alignment = align
        if text:
            run = paragraph.add_run(text)
            if font is not None or size != 16 or color is not None:
                set_font(run, font or BODY_FONT, size, color=color)
        return paragraph

    def build(self) -> Document:
        spec, center = self.spec, WD_ALIGN_PARAGRAPH.CENTER
        head = [("issuer", spec.issuer), ("number", spec.doc_number)]
        if not spec.issuer_first:
            head.reverse()
        for kind, text in head:
            if kind == "issuer":
                self.paragraph(text, font=TITLE_FONT, size=36, align=center,
                               color=RGBColor(0xE6, 0x00, 0x12))
            else:
                self.paragraph()
                self.paragraph()
                self.paragraph(text, align=center)
        self.paragraph()
        self.paragraph()
        for line in spec.title:
            self.paragraph(line, font=spec.title_font, size=22, align=center)
        self.paragraph()
        self.paragraph(spec.addressee)
        for item in spec.body:
            if isinstance(item, str):
                self.paragraph(item, indent=True)
                continue
            paragraph = self.paragraph(indent=True)
            set_font(paragraph.add_run(item.number + item.title), item.font, 16)
            if item.text:
                paragraph.add_run(item.text)
        self.paragraph()
        for i, line in enumerate(spec.attachment_note):
            paragraph = self.paragraph(line, indent=i == 0)
            if i:
                paragraph.paragraph_format.left_indent = Pt(80)  # under the first name
        self.paragraph()
        right = WD_ALIGN_PARAGRAPH.RIGHT
        if spec.signature:
            self.paragraph(spec.signature, align=right).paragraph_format.right_indent = Pt(64)
        if spec.date:
            self.paragraph(spec.date, align=right).paragraph_format.right_indent = Pt(64)
        if spec.annotation:
            self.paragraph(spec.annotation, indent=True)
        for label, title in spec.attachments:
            paragraph = self.paragraph()
            paragraph.add_run().add_break(WD_BREAK.PAGE)
            set_font(paragraph.add_run(label), HEI, 16)
            self.paragraph()
            self.paragraph(title, font=TITLE_FONT, size=22, align=center)
            self.paragraph()
            self.paragraph(f"（{title}的具体内容。）", indent=True)
        paragraph = self.paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        self.paragraph(spec.copy_to, size=14)
        self.paragraph(spec.print_line, size=14)
        return self.doc


def _normalise_zip_times(path: Path) -> None:
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)


def _with_heading(spec: Spec, index: int, **changes: str) -> Spec:
    body = copy.copy(spec.body)
    item = body[index]
    assert isinstance(item, Heading)
    body[index] = replace(item, **changes)
    return replace(spec, body=body)


GOOD = Spec()
BAD: dict[str, Spec] = {
    "GB101-doc-number-format": replace(GOOD, doc_number="东政办发[2025]第03号"),
    "GB102-doc-number-place": replace(GOOD, issuer_first=False),
    "GB111-title-missing": replace(GOOD, title=[]),
    "GB112-title-genre": replace(GOOD, title=["东湖县人民政府办公室关于做好2025年",
                                              "政务公开工作的安排"]),
    "GB113-title-punctuation": replace(GOOD, title=["东湖县人民政府办公室关于做好2025年",
                                                    "政务公开工作的通知。"]),
    "GB121-addressee-colon": replace(GOOD, addressee="各乡镇人民政府，县政府各部门"),
    "GB131-attachment-note": replace(GOOD, attachment_note=[
        "附件：1、东湖县2025年政务公开重点任务分工", "2、东湖县政务公开工作联系人名单"]),
    "GB132-attachment-missing": replace(GOOD, attachments=GOOD.attachments[:1]),
    "GB133-attachment-title": replace(GOOD, attachments=[
        ("附件1", "东湖县2025年政务公开重点任务分工表"), GOOD.attachments[1]]),
    "GB141-date-format": replace(GOOD, date="二〇二五年三月五日"),
    "GB142-date-missing": replace(GOOD, date=None),
    "GB143-date-place": replace(GOOD, signature=None),
    "GB151-annotation": replace(GOOD, annotation="此件公开发布"),
    "GB161-copy-to": replace(GOOD, copy_to="抄送：县委办公室，县人大常委会办公室"),
    "GB162-print-date": replace(GOOD, print_line="东湖县人民政府办公室　　　　　　2025年03月05日"),
    "GB171-page-number": replace(GOOD, page_number=("- ", " -")),
    "GB201-paper-size": replace(GOOD, page_mm=(215.9, 279.4)),
    # Top 25 mm and bottom 47 mm keep the text block 225 mm high, so the grid still fits.
    "GB202-margins": replace(GOOD, margins_mm=(25, 47, 28, 26)),
    "GB203-line-grid": replace(GOOD, grid=False),
    "GB211-title-font": replace(GOOD, title_font="宋体"),
    # The Normal style without its East Asian font: the body falls back to the theme's 宋体.
    "GB212-body-font": replace(GOOD, normal_font=None),
    "GB213-heading-font": _with_heading(GOOD, 1, font=BODY_FONT),
    "GB301-heading-order": _with_heading(GOOD, 5, number="（三）"),
    "GB302-heading-form": _with_heading(GOOD, 3, number="1、"),
    "GB311-halfwidth-punctuation": replace(GOOD, body=[
        "为做好2025年政务公开工作,经县政府同意,现将有关事项通知如下。", *GOOD.body[1:]]),
}


def write(spec: Spec, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    NoticeBuilder(spec).build().save(str(out))
    _normalise_zip_times(out)


def build_all(folder: Path) -> list[Path]:
    written = [folder / "good" / "notice.docx"]
    write(GOOD, written[0])
    for name, spec in BAD.items():
        written.append(folder / "bad" / f"{name}.docx")
        write(spec, written[-1])
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("lint")
    paths = build_all(target)
    print(f"wrote {len(paths)} files under {target}", file=sys.stderr)
