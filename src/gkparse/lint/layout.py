"""Where each element of a notice stands, read the way a clerk reads a draft.

The linter must find elements that are written wrongly (a 发文字号 in
``[2025]``, a date in Chinese numerals, an 附注 without brackets), so the
patterns here are looser than the extractor's: they find the element, and
the rules then judge how it is written. Paragraphs are numbered 1, 2, … in
reading order over the whole body, table cells included; a finding's
``paragraph`` is that number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from gkparse.ooxml.body_xml import TBL, P, iter_blocks, iter_cells, iter_rows, read_p, w

DIGIT = "0-9０-９"
CN_DIGIT = "〇零○Ｏ一二两三四五六七八九十"
# A 发文字号 however it is bracketed, with or without 第 and 号.
LOOSE_DOC_NUMBER = re.compile(
    rf"(?P<prefix>[\u4e00-\u9fffA-Za-z]{{1,30}}?)\s*(?P<open>[〔\[［【（(﹝<〈《{{])\s*"
    rf"(?P<year>[{DIGIT}]{{2,4}})\s*(?P<close>[〕\]］】）)﹞>〉》}}])\s*(?P<di>第?)\s*"
    rf"(?P<serial>[{DIGIT}]+)\s*(?P<hao>号?)")
LOOSE_DATE = (rf"(?P<y>[{DIGIT}{CN_DIGIT}]{{2,4}})\s*年\s*(?P<m>[{DIGIT}{CN_DIGIT}]{{1,3}})\s*月"
              rf"\s*(?P<d>[{DIGIT}{CN_DIGIT}]{{1,4}})\s*日")
DATE_LINE = re.compile(rf"^{LOOSE_DATE}$")
PRINT_LINE = re.compile(rf"^(?P<organ>.*?)\s*{LOOSE_DATE}\s*(?P<tail>印\s*发)?\s*$")
ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*(?P<colon>[：:])?\s*(?P<rest>.*)$", re.S)
ATTACHMENT_LABEL = re.compile(rf"^附\s*件\s*(?P<n>[{DIGIT}]*)\s*[：:]?$")
ATTACHMENT_ITEM = re.compile(rf"^(?P<n>[{DIGIT}]+)\s*(?P<sep>[.．、,，)）:：])\s*(?P<name>.*)$", re.S)
COPY_TO = re.compile(r"^抄\s*送\s*(?P<colon>[：:])?\s*(?P<rest>.*)$", re.S)
ANNOTATION = re.compile(r"^[（(]?\s*(?:此件|本件|联系人|联系电话)")
_HEAD_NOISE = re.compile(r"^(?:[0-9０-９]{1,8}|.*(?:秘密|机密|绝密|特急|加急|平急).*)$")
GENRES = ("通知", "通报", "意见", "决定", "决议", "命令", "令", "公报", "公告", "通告", "报告",
          "请示", "批复", "议案", "函", "纪要")
ORGAN_ENDINGS = ("文件", "办公室", "办公厅", "委员会", "人民政府", "政府", "管委会", "局", "厅", "部",
                 "院", "处", "室", "中心", "委", "会", "办", "组", "所", "站", "队", "公司")
SENTENCE_END = "。！？；"
_WHITE_SPACE = re.compile(r"\s+")


@dataclass
class Paragraph:
    number: int  # 1-based, reading order, table cells included
    element: etree._Element
    text: str
    in_table: bool
    squeezed: str = field(init=False)  # the text without white space, which the patterns read

    def __post_init__(self) -> None:
        self.squeezed = _WHITE_SPACE.sub("", self.text)

    def quote(self, limit: int = 30) -> str:
        text = self.text.strip().replace("\n", " ")
        return text if len(text) <= limit else text[:limit] + "…"


@dataclass
class Layout:
    """The notice's elements, as paragraph positions (indexes into ``paragraphs``)."""

    paragraphs: list[Paragraph]
    issuer: int | None = None
    doc_number: int | None = None
    title: list[int] = field(default_factory=list)
    addressee: int | None = None
    body: list[int] = field(default_factory=list)
    attachment_note: list[int] = field(default_factory=list)  # the 附件： line and its items
    signature: int | None = None
    date: int | None = None
    annotations: list[int] = field(default_factory=list)
    attachments: list[tuple[int, int | None]] = field(default_factory=list)  # label, title
    copy_to: int | None = None
    print_line: int | None = None

    def at(self, index: int) -> Paragraph:
        return self.paragraphs[index]


def read_paragraphs(body: etree._Element) -> list[Paragraph]:
    out: list[Paragraph] = []

    def visit(container: etree._Element, in_table: bool) -> None:
        for block in iter_blocks(container):
            if block.tag == P:
                out.append(Paragraph(len(out) + 1, block, read_p(block), in_table))
            elif block.tag == TBL:
                for row in iter_rows(block):
                    for cell in iter_cells(row):
                        visit(cell, True)

    visit(body, False)
    return out


def _nonempty(paragraphs: list[Paragraph], start: int = 0, end: int | None = None) -> list[int]:
    stop = len(paragraphs) if end is None else end
    return [i for i in range(start, stop) if paragraphs[i].squeezed]


def is_organ(text: str) -> bool:
    return 0 < len(text) <= 40 and text.endswith(ORGAN_ENDINGS) and not any(
        ch in text for ch in "，。；：:")


def read_layout(body: etree._Element) -> Layout:
    paragraphs = read_paragraphs(body)
    layout = Layout(paragraphs)
    top = [i for i in _nonempty(paragraphs) if not paragraphs[i].in_table]
    if not top:
        return layout
    # The head: the lines before the title. It ends at a line that starts with 关于, is long,
    # or ends with a colon (the 主送机关); the 发文字号 and 发文机关标志 are in it.
    head: list[int] = []
    for i in top[:12]:
        text = paragraphs[i].squeezed
        if text.startswith("关于") or len(text) > 60 or text.endswith(("：", ":")):
            break
        head.append(i)
    layout.doc_number = next((i for i in head if LOOSE_DOC_NUMBER.search(paragraphs[i].squeezed)),
                             None)
    organs = [i for i in head if i != layout.doc_number and is_organ(paragraphs[i].squeezed)
              and not _HEAD_NOISE.match(paragraphs[i].squeezed)]
    above = [i for i in organs if layout.doc_number is None or i < layout.doc_number]
    layout.issuer = above[-1] if above else (organs[0] if organs else None)
    after_head = max((i for i in (layout.doc_number, layout.issuer) if i is not None),
                     default=-1) + 1
    if layout.doc_number is None and layout.issuer is None:
        after_head = 0
    _title(layout, after_head)
    after_title = (layout.title[-1] + 1) if layout.title else after_head
    rest = [i for i in _nonempty(paragraphs, after_title) if not paragraphs[i].in_table]
    if rest and _looks_like_addressee(paragraphs[rest[0]].squeezed):
        layout.addressee = rest[0]
    layout.date = next((i for i in rest if DATE_LINE.match(paragraphs[i].squeezed)), None)
    text_end = layout.date if layout.date is not None else len(paragraphs)
    note = next((i for i in rest if i < text_end and _is_attachment_note(paragraphs[i].squeezed)),
                None)
    if note is not None:
        layout.attachment_note = [note]
        for i in (j for j in rest if note < j < text_end):
            if ATTACHMENT_ITEM.match(paragraphs[i].squeezed):
                layout.attachment_note.append(i)
            else:
                break
    if layout.date is not None:
        before = [i for i in rest if i < layout.date and i not in layout.attachment_note]
        if before:
            candidate = paragraphs[before[-1]].squeezed
            if len(candidate) <= 40 and not candidate.endswith(tuple(SENTENCE_END + "，,")) \
                    and before[-1] != layout.addressee:
                layout.signature = before[-1]
    body_start = layout.addressee + 1 if layout.addressee is not None else after_title
    body_end = min(i for i in (note, layout.signature, layout.date, len(paragraphs))
                   if i is not None)
    layout.body = [i for i in _nonempty(paragraphs, body_start, body_end)
                   if not paragraphs[i].in_table]
    _tail(layout, rest)
    return layout


def _title(layout: Layout, start: int) -> None:
    paragraphs = layout.paragraphs
    for i in range(start, len(paragraphs)):
        text = paragraphs[i].squeezed
        if paragraphs[i].in_table:
            continue
        if not text:
            if layout.title:
                return
            continue
        if not layout.title and (text.endswith(("：", ":")) or len(text) > 80
                                 or any(ch in text for ch in "。；")):
            return  # the first line is the 主送机关 or the text: there is no title
        if layout.title and text.endswith(("：", ":")):
            return
        layout.title.append(i)
        if len(layout.title) == 4 or text.rstrip("。.，,；;！!？?").endswith(GENRES):
            return


def _is_attachment_note(text: str) -> bool:
    """附件： and names; without the colon only a short line with no sentence in it, so that a
    sentence that starts with 附件 (附件中的任务要…) is not taken for one."""
    match = ATTACHMENT_NOTE.match(text)
    if match is None or ATTACHMENT_LABEL.match(text):
        return False
    return bool(match["colon"]) or (len(text) <= 60 and not any(ch in text for ch in "。，；"))


def _looks_like_addressee(text: str) -> bool:
    """A 主送机关 line: ends with a colon, or is a short list of organs without a sentence end."""
    if text.endswith(("：", ":")):
        return len(text) <= 200
    return (len(text) <= 50 and not any(ch in text for ch in SENTENCE_END)
            and not re.match(r"^[（(]?[一二三四五六七八九十\d]+[、.．）)]", text)
            and text.endswith((*ORGAN_ENDINGS, "单位", "部门", "街道", "乡镇", "各县", "各区")))


def _tail(layout: Layout, rest: list[int]) -> None:
    """附注, attachments and the 版记, after the 成文日期."""
    paragraphs = layout.paragraphs
    for i in rest:
        text = paragraphs[i].squeezed
        if ANNOTATION.match(text) and len(text) <= 120 and not text.rstrip("）)").endswith("。"):
            layout.annotations.append(i)
    # The attachments follow the notice: after the 成文日期, or after the 附件说明 without one.
    start = max((i for i in (layout.date, *layout.attachment_note) if i is not None), default=-1)
    after = [i for i in rest if i > start]
    for pos, i in enumerate(after):
        if ATTACHMENT_LABEL.match(paragraphs[i].squeezed):
            title = next((j for j in after[pos + 1:pos + 2]), None)
            layout.attachments.append((i, title))
    everything = _nonempty(paragraphs)
    tail = everything[-8:]
    layout.copy_to = next((i for i in tail if COPY_TO.match(paragraphs[i].squeezed)), None)
    for i in reversed(tail):
        if layout.date is not None and i <= layout.date:
            break
        match = PRINT_LINE.match(paragraphs[i].squeezed)
        if match and (match["tail"] or (layout.copy_to is not None and i > layout.copy_to)
                      or is_organ(re.sub(r"\s+", "", match["organ"]))):
            layout.print_line = i
            break


def section_properties(body: etree._Element) -> list[etree._Element]:
    """Every w:sectPr in order: those ending sections inside the body, then the body's own."""
    out = [s for s in body.iter(w("sectPr"))
           if s.getparent() is body or (s.getparent().tag == w("pPr")  # type: ignore[union-attr]
                                        and s.getparent().getparent().tag == P)]  # type: ignore[union-attr]
    return out
