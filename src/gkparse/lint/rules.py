"""The checks, one function per element of the notice; each yields findings for its rules.

Every check reads the ``Layout`` (where the elements stand) and, for type and
page setup, the ``StyleSheet`` and section properties. A check that cannot find
its element says nothing unless the element is required (标题, 成文日期).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from lxml import etree

from gkparse.lint.findings import LintFinding, make_finding
from gkparse.lint.layout import (
    ATTACHMENT_ITEM,
    ATTACHMENT_LABEL,
    ATTACHMENT_NOTE,
    CN_DIGIT,
    COPY_TO,
    DATE_LINE,
    GENRES,
    LOOSE_DOC_NUMBER,
    PRINT_LINE,
    Layout,
    Paragraph,
    section_properties,
)
from gkparse.lint.parts import R_NS, DocxParts
from gkparse.lint.styles import RunFormat, StyleSheet, in_family
from gkparse.ooxml.body_xml import ALTERNATE_CONTENT, MC_CHOICE, MC_FALLBACK, SDT, SDT_CONTENT, P, R, T, w

TWIPS_PER_MM = 1440 / 25.4
TOLERANCE_MM = 1.0  # the standard's ±1 mm for 天头 and 订口, applied to the text block too
TRAILING_PUNCTUATION = "。.，,；;：:！!？?、"
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class Context:
    file: str
    layout: Layout
    styles: StyleSheet
    parts: DocxParts
    body: etree._Element

    def at(self, code: str, index: int, message: str) -> LintFinding:
        paragraph = self.layout.at(index)
        return make_finding(code, message, self.file, paragraph=paragraph.number,
                            quote=paragraph.quote())

    def document(self, code: str, message: str) -> LintFinding:
        return make_finding(code, message, self.file)

    def section(self, code: str, number: int, message: str) -> LintFinding:
        return make_finding(code, message, self.file, where=f"section {number}")


Check = Callable[[Context], Iterator[LintFinding]]


# ---- 7.2.5 发文字号 ----------------------------------------------------------------------

def doc_number_problems(text: str) -> list[str]:
    """What is wrong with a 发文字号 as written (empty when it follows 7.2.5).

    >>> doc_number_problems("济高新管办字〔2025〕8号")
    []
    >>> doc_number_problems("济高新管办字[25]第08号")  # doctest: +NORMALIZE_WHITESPACE
    ['the year is bracketed [ ] instead of 〔 〕', 'the year 25 is not written in full',
     'the serial has 第 before it', 'the serial 08 has a leading zero']
    """
    match = LOOSE_DOC_NUMBER.search(text)
    if match is None:
        return ["not a 发文字号 (organ code, 〔year〕, serial 号)"]
    problems = []
    if (match["open"], match["close"]) != ("〔", "〕"):
        problems.append(f"the year is bracketed {match['open']} {match['close']} instead of 〔 〕")
    if len(match["year"]) != 4:
        problems.append(f"the year {match['year']} is not written in full")
    if not (match["year"] + match["serial"]).isascii():
        problems.append("the numbers are full-width digits; use 0-9")
    if match["di"]:
        problems.append("the serial has 第 before it")
    if len(match["serial"]) > 1 and match["serial"][0] in "0０":
        problems.append(f"the serial {match['serial']} has a leading zero")
    if not match["hao"]:
        problems.append("the serial is not followed by 号")
    return problems


def check_doc_number(ctx: Context) -> Iterator[LintFinding]:
    layout = ctx.layout
    if layout.doc_number is None:
        if layout.issuer is not None:
            yield ctx.at("GB102", layout.issuer, "no 发文字号 under the 发文机关标志")
        return
    problems = doc_number_problems(layout.at(layout.doc_number).squeezed)
    if problems:
        yield ctx.at("GB101", layout.doc_number, "发文字号: " + "; ".join(problems))
    if layout.issuer is not None and layout.issuer > layout.doc_number:
        yield ctx.at("GB102", layout.doc_number, "the 发文字号 stands above the 发文机关标志; "
                                                 "it goes under it")
    paragraph = layout.at(layout.doc_number)
    if "签发人" not in paragraph.squeezed and \
            ctx.styles.alignment(paragraph.element) not in ("center", "distribute"):
        yield ctx.at("GB102", layout.doc_number, "the 发文字号 is not centred")


# ---- 7.3.1 标题 -----------------------------------------------------------------------------

def check_title(ctx: Context) -> Iterator[LintFinding]:
    layout = ctx.layout
    if not layout.title:
        after = layout.doc_number if layout.doc_number is not None else layout.issuer
        message = "no title (标题) under the head" if after is not None else "no title (标题)"
        yield ctx.document("GB111", message)
        return
    text = "".join(layout.at(i).squeezed for i in layout.title)
    last = layout.title[-1]
    if text[-1] in TRAILING_PUNCTUATION:
        yield ctx.at("GB113", last, f"the title ends with {text[-1]!r}; a title takes no "
                                    "punctuation at its end")
    if not text.rstrip(TRAILING_PUNCTUATION).endswith(GENRES):
        yield ctx.at("GB112", last, "the title does not end with a genre word (通知, 通报, 意见, "
                                    "决定, 报告, 请示, 批复, 函, 纪要, …)")


# ---- 7.3.2 主送机关 ----------------------------------------------------------------------

def check_addressee(ctx: Context) -> Iterator[LintFinding]:
    index = ctx.layout.addressee
    if index is None:
        return
    text = ctx.layout.at(index).squeezed
    if text.endswith(":"):
        yield ctx.at("GB121", index, "the 主送机关 ends with a half-width colon; use ：")
    elif not text.endswith("："):
        yield ctx.at("GB121", index, "the 主送机关 does not end with a full-width colon ：")


# ---- 7.3.4 附件说明 and 7.3.7 附件 ------------------------------------------------------

def attachment_items(ctx: Context) -> list[tuple[int, str, str | None, str | None]]:
    """(paragraph index, name, number, separator) for each name in the 附件说明."""
    layout = ctx.layout
    if not layout.attachment_note:
        return []
    first = layout.attachment_note[0]
    match = ATTACHMENT_NOTE.match(layout.at(first).squeezed)
    assert match is not None
    texts = ([(first, match["rest"])] if match["rest"] else []) + [
        (i, layout.at(i).squeezed) for i in layout.attachment_note[1:]]
    items = []
    for index, text in texts:
        numbered = ATTACHMENT_ITEM.match(text)
        if numbered:
            items.append((index, numbered["name"], numbered["n"], numbered["sep"]))
        else:
            items.append((index, text, None, None))
    return items


def check_attachment_note(ctx: Context) -> Iterator[LintFinding]:
    layout = ctx.layout
    if not layout.attachment_note:
        return
    first = layout.attachment_note[0]
    match = ATTACHMENT_NOTE.match(layout.at(first).squeezed)
    assert match is not None
    if match["colon"] != "：":
        yield ctx.at("GB131", first, "附件 is not followed by a full-width colon ：")
    items = attachment_items(ctx)
    if not items:
        yield ctx.at("GB131", first, "the 附件说明 names no attachment")
        return
    if len(items) == 1 and items[0][2] is not None:
        yield ctx.at("GB131", items[0][0], "a single attachment is not numbered")
    if len(items) > 1:
        for expected, (index, _name, number, separator) in enumerate(items, start=1):
            if number is None:
                yield ctx.at("GB131", index, f"attachment {expected} is not numbered")
                continue
            if int(number) != expected:
                yield ctx.at("GB131", index, f"attachment number {number} where {expected} "
                                             "was due")
            if separator not in (".", "．"):
                yield ctx.at("GB131", index, f"the number is followed by {separator!r}; "
                                             f"write {expected}.")
    for index, name, _number, _separator in items:
        if name and name[-1] in TRAILING_PUNCTUATION:
            yield ctx.at("GB131", index, f"the attachment name ends with {name[-1]!r}; no "
                                         "punctuation after a name")


def check_attachments(ctx: Context) -> Iterator[LintFinding]:
    layout = ctx.layout
    items = attachment_items(ctx)
    labels: dict[str, tuple[int, int | None]] = {}
    for label, title in layout.attachments:
        number = ATTACHMENT_LABEL.match(layout.at(label).squeezed)
        labels.setdefault(number["n"] if number else "", (label, title))
    for position, (index, name, _number, _separator) in enumerate(items, start=1):
        name = name.rstrip(TRAILING_PUNCTUATION)
        keys = (str(position),) if len(items) > 1 else ("", "1")
        found = next((labels[k] for k in keys if k in labels), None)
        if found is None:
            wanted = f"附件{position}" if len(items) > 1 else "附件"
            yield ctx.at("GB132", index, f"attachment {name!r} is not in the document: no "
                                         f"{wanted} label after the notice, followed by its "
                                         "title")
            continue
        label, title = found
        title_text = re.sub(r"\s+", "", layout.at(title).text) if title is not None else ""
        if title_text != re.sub(r"\s+", "", name):
            at = title if title is not None else label
            yield ctx.at("GB133", at, f"the attachment's title {title_text!r} differs from "
                                      f"its name in the 附件说明, {name!r}")


# ---- 7.3.5 成文日期, 7.3.6 附注 ----------------------------------------------------------

def date_problems(match: re.Match[str]) -> list[str]:
    """What is wrong with a date (成文日期, 印发日期) as written.

    >>> date_problems(DATE_LINE.match("2025年6月16日"))
    []
    >>> date_problems(DATE_LINE.match("二〇二五年六月十六日"))
    ['written in Chinese numerals; use Arabic numerals']
    >>> date_problems(DATE_LINE.match("25年06月01日"))
    ['the year 25 is not written in full', 'the month 06 has a leading zero', 'the day 01 has a leading zero']
    """
    problems = []
    parts = (match["y"], match["m"], match["d"])
    if any(ch in CN_DIGIT for part in parts for ch in part):
        return ["written in Chinese numerals; use Arabic numerals"]
    if not "".join(parts).isascii():
        problems.append("written in full-width digits; use 0-9")
    if len(match["y"]) != 4:
        problems.append(f"the year {match['y']} is not written in full")
    for label, part in (("month", match["m"]), ("day", match["d"])):
        if len(part) > 1 and part[0] in "0０":
            problems.append(f"the {label} {part} has a leading zero")
    return problems


def check_date(ctx: Context) -> Iterator[LintFinding]:
    layout = ctx.layout
    if layout.date is None:
        yield ctx.document("GB142", "no 成文日期 (a line such as 2025年6月16日 under the 署名)")
        return
    match = DATE_LINE.match(layout.at(layout.date).squeezed)
    assert match is not None
    problems = date_problems(match)
    if problems:
        yield ctx.at("GB141", layout.date, "成文日期: " + "; ".join(problems))
    if layout.signature is None:
        yield ctx.at("GB143", layout.date, "the 成文日期 has no 发文机关署名 on the line above it")


def check_annotations(ctx: Context) -> Iterator[LintFinding]:
    layout = ctx.layout
    after_date = None
    if layout.date is not None:
        after_date = next((i for i in range(layout.date + 1, len(layout.paragraphs))
                           if layout.at(i).squeezed), None)
    for index in layout.annotations:
        text = layout.at(index).squeezed
        if not (text.startswith("（") and text.endswith("）")):
            yield ctx.at("GB151", index, "the 附注 is not in full-width parentheses （…）")
        if layout.date is not None and index != after_date:
            yield ctx.at("GB151", index, "the 附注 is not on the line after the 成文日期")


# ---- 7.4 版记 ------------------------------------------------------------------------------

def check_record(ctx: Context) -> Iterator[LintFinding]:
    layout = ctx.layout
    if layout.copy_to is not None:
        match = COPY_TO.match(layout.at(layout.copy_to).squeezed)
        assert match is not None
        if match["colon"] != "：":
            yield ctx.at("GB161", layout.copy_to, "抄送 is not followed by a full-width colon ：")
        if not match["rest"].endswith("。"):
            yield ctx.at("GB161", layout.copy_to, "the last organ copied to is not followed "
                                                  "by 。")
    if layout.print_line is not None:
        match = PRINT_LINE.match(layout.at(layout.print_line).squeezed)
        assert match is not None
        problems = date_problems(match)
        if not match["tail"]:
            problems.append("the date is not followed by 印发")
        if problems:
            yield ctx.at("GB162", layout.print_line, "印发日期: " + "; ".join(problems))


# ---- 7.5 页码 ------------------------------------------------------------------------------

_PAGE_FIELD = re.compile(r"(?<![A-Z])PAGE(?![A-Z])")
PAGE_NUMBER_LINE = re.compile(r"^—\{PAGE\}—$")


def page_number_text(paragraph: etree._Element) -> str | None:
    """The paragraph's text with its PAGE field as ``{PAGE}``; None when it has no PAGE field."""
    out: list[str] = []
    fields: list[dict[str, object]] = []  # open complex fields: instruction, separated
    found = False
    skip: set[etree._Element] = set()
    for element in paragraph.iter(R, w("fldSimple")):
        if element in skip or not _own(element, paragraph):
            continue
        if element.tag == w("fldSimple"):
            if _PAGE_FIELD.search(element.get(w("instr")) or ""):
                out.append("{PAGE}")
                found = True
                skip.update(element.iter(R))
            continue
        for child in element:
            if child.tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    fields.append({"instr": "", "separated": False})
                elif kind in ("separate", "end") and fields:
                    field = fields[-1]
                    if not field["separated"] and _PAGE_FIELD.search(str(field["instr"])):
                        out.append("{PAGE}")
                        found = True
                    field["separated"] = True
                    if kind == "end":
                        fields.pop()
            elif child.tag == w("instrText") and fields and not fields[-1]["separated"]:
                fields[-1]["instr"] = str(fields[-1]["instr"]) + (child.text or "")
            elif child.tag == T and not any(
                    _PAGE_FIELD.search(str(f["instr"])) for f in fields):
                out.append(child.text or "")
    return re.sub(r"\s+", "", "".join(out)) if found else None


def _own(element: etree._Element, paragraph: etree._Element) -> bool:
    """Whether ``element`` is the paragraph's own: not in a text box's paragraph, nor in the
    ``mc:Fallback`` copy Word writes of every text box."""
    for ancestor in element.iterancestors():
        if ancestor is paragraph:
            return True
        if ancestor.tag in (P, MC_FALLBACK):
            return False
    return False


def _outside_fallback(element: etree._Element) -> bool:
    return not any(a.tag == MC_FALLBACK for a in element.iterancestors())


def check_page_number(ctx: Context) -> Iterator[LintFinding]:
    footers = []
    for number, sect in enumerate(section_properties(ctx.body), start=1):
        for ref in sect.findall(w("footerReference")):
            footer = ctx.parts.footers.get(ref.get(f"{{{R_NS}}}id") or "")
            if footer is not None:
                footers.append((number, footer))
    lines = [(number, text) for number, footer in footers for p in footer.iter(P)
             if _outside_fallback(p) and (text := page_number_text(p)) is not None]
    if not lines:
        yield ctx.document("GB171", "no page number: put — N — (a PAGE field between two "
                                    "一字线 —) in the footer")
        return
    for number, text in lines:
        if not PAGE_NUMBER_LINE.match(text):
            shown = text.replace("{PAGE}", "N")
            yield ctx.section("GB171", number, f"the page number reads {shown!r} in the "
                                               "footer; write — N —")
            return


# ---- 5 Paper, margins and grid -------------------------------------------------------------

_UNITS_IN_TWIPS = {"mm": TWIPS_PER_MM, "cm": TWIPS_PER_MM * 10, "in": 1440.0, "pt": 20.0,
                   "pc": 240.0, "pi": 240.0}
_MEASURE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|pc|pi)?\s*$")


def _twips(element: etree._Element | None, attribute: str) -> float | None:
    """A length in twips: a plain number is twips; a universal measure (``37mm``) is converted.
    Negative margins (text may not move them) count by their size. None: not set, or garbage."""
    value = element.get(w(attribute)) if element is not None else None
    match = _MEASURE.match(value) if value is not None else None
    if match is None:
        return None
    return abs(float(match[1]) * _UNITS_IN_TWIPS.get(match[2] or "", 1.0))


@dataclass(frozen=True)
class PageSetup:
    """One section's page, margins and grid, with Word's values where the section sets none."""

    width: float | None  # None: no page size set
    height: float | None
    top: float
    bottom: float
    left: float  # with the gutter, which binding takes from the left
    right: float
    grid: str | None  # w:docGrid w:type: lines, linesAndChars, snapToChars, or None
    line_pitch: float
    char_space: float

    @classmethod
    def read(cls, sect: etree._Element) -> PageSetup:
        size, margins, grid = sect.find(w("pgSz")), sect.find(w("pgMar")), sect.find(w("docGrid"))

        def length(element: etree._Element | None, attribute: str, default: float) -> float:
            value = _twips(element, attribute)
            return default if value is None else value

        try:  # w:charSpace is in 4096ths of a point, a plain integer
            char_space = float(grid.get(w("charSpace")) or 0) if grid is not None else 0.0
        except ValueError:
            char_space = 0.0
        return cls(_twips(size, "w"), _twips(size, "h"), length(margins, "top", 1440),
                   length(margins, "bottom", 1440),
                   length(margins, "left", 1800) + length(margins, "gutter", 0),
                   length(margins, "right", 1800),
                   grid.get(w("type")) if grid is not None else None,
                   length(grid, "linePitch", 360), char_space)


def _mm(twips: float) -> str:
    return f"{twips / TWIPS_PER_MM:.1f} mm"


def _near(twips: float, mm: float) -> bool:
    return abs(twips / TWIPS_PER_MM - mm) <= TOLERANCE_MM + 0.05  # Word rounds to whole twips


def check_page(ctx: Context) -> Iterator[LintFinding]:
    for number, sect in enumerate(section_properties(ctx.body), start=1):
        page = PageSetup.read(sect)
        if page.width is None or page.height is None:
            yield ctx.section("GB201", number, "the section sets no page size (Word then uses "
                                               "its own default); set A4, 210 mm × 297 mm")
            continue
        short, long = sorted((page.width, page.height))
        if not (_near(short, 210) and _near(long, 297)):
            yield ctx.section("GB201", number, f"the page is {_mm(page.width)} × "
                                               f"{_mm(page.height)}, not A4 (210 mm × 297 mm)")
            continue
        if page.width > page.height:
            continue  # a landscape page for a wide table (standard, section 8): margins differ
        yield from _margins(ctx, number, page, page.width, page.height)
        yield from _grid(ctx, number, page, page.width, page.height)


def _margins(ctx: Context, number: int, page: PageSetup, width: float, height: float
             ) -> Iterator[LintFinding]:
    problems = []
    if not _near(page.top, 37):
        problems.append(f"top {_mm(page.top)} (37 mm)")
    if not _near(page.left, 28):
        problems.append(f"left {_mm(page.left)} (28 mm)")
    text_width, text_height = width - page.left - page.right, height - page.top - page.bottom
    if not (_near(text_width, 156) and _near(text_height, 225)):
        problems.append(f"text block {_mm(text_width)} × {_mm(text_height)} (156 mm × 225 mm, "
                        "so right 26 mm and bottom 35 mm)")
    if problems:
        yield ctx.section("GB202", number, "margins: " + "; ".join(problems))


def _grid(ctx: Context, number: int, page: PageSetup, width: float, height: float
          ) -> Iterator[LintFinding]:
    if page.grid not in ("lines", "linesAndChars", "snapToChars"):
        yield ctx.section("GB203", number, "no document grid: set 22 lines a page and 28 "
                                           "characters a line (页面设置, 文档网格)")
        return
    lines = round((height - page.top - page.bottom) / page.line_pitch) if page.line_pitch else 0
    problems = [] if lines == 22 else [f"{lines} lines a page"]
    if page.grid == "lines":
        problems.append("no character grid (28 characters a line)")
    else:
        char_pitch = ctx.styles.default_size() + page.char_space / 4096  # points, as Word does
        text_width = width - page.left - page.right
        chars = round(text_width / 20 / char_pitch) if char_pitch > 0 else 0
        if chars != 28:
            problems.append(f"{chars} characters a line")
    if problems:
        yield ctx.section("GB203", number, "document grid: " + "; ".join(problems) +
                                           " (22 lines of 28 characters)")


# ---- Type: 7.3.1 title, 5.2.2 text, 7.3.3 headings ----------------------------------------

_TRANSPARENT = frozenset(w(t) for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml",
                                        "fldSimple", "dir", "bdo", "sdtContent"))


def visible_runs(parent: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """The runs Word shows, with their text (deleted and moved-away runs left out)."""
    for child in parent:
        if child.tag == R:
            yield child, "".join(t.text or "" for t in child.iter(T))
        elif child.tag in _TRANSPARENT:
            yield from visible_runs(child)
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from visible_runs(content)
        elif child.tag == ALTERNATE_CONTENT:
            choice = child.find(MC_CHOICE)
            if choice is not None:
                yield from visible_runs(choice)


def _runs_in(paragraph: Paragraph, start: int, end: int | None
             ) -> Iterator[tuple[etree._Element, str]]:
    """Runs with Chinese text overlapping [start, end) of the paragraph's run text."""
    offset = 0
    for run, text in visible_runs(paragraph.element):
        begin, offset = offset, offset + len(text)
        if offset <= start or (end is not None and begin >= end):
            continue
        if CJK.search(text):
            yield run, text


def _font_in(run: RunFormat, family: str) -> bool:
    return in_family(run.font_name, family)


def _first_wrong(ctx: Context, paragraph: Paragraph, start: int, end: int | None,
                 ok: Callable[[RunFormat], bool]) -> tuple[str, RunFormat] | None:
    for run, text in _runs_in(paragraph, start, end):
        fmt = ctx.styles.run_format(paragraph.element, run)
        if not ok(fmt):
            return text, fmt
    return None


def _quoted(text: str) -> str:
    text = text.strip()
    return repr(text if len(text) <= 12 else text[:12] + "…")


def check_title_font(ctx: Context) -> Iterator[LintFinding]:
    for index in ctx.layout.title:
        wrong = _first_wrong(ctx, ctx.layout.at(index), 0, None,
                             lambda f: in_family(f.font_name, "小标宋") and f.size_pt == 22)
        if wrong:
            yield ctx.at("GB211", index, f"title text {_quoted(wrong[0])} is "
                                         f"{wrong[1].describe()}; the title is 2号 (22 pt) 小标宋")


HEADING = re.compile(r"^\s*(?:(?P<l1>[一二三四五六七八九十百]+)、|（(?P<l2>[一二三四五六七八九十百]+)）"
                     r"|(?P<l3>\d+)[.．](?!\d)|（(?P<l4>\d+)）)")
WRONG_HEADING = re.compile(
    r"^\s*(?:(?P<l1>[一二三四五六七八九十百]+)[.．，,](?!\d)|[(（](?P<l2>[一二三四五六七八九十百]+)[)）][、.．]?"
    r"|(?P<l3>\d+)[、，,](?!\d)|[(（](?P<l4>\d+)[)）][、.．]?)")
HEADING_FONTS = {1: "黑体", 2: "楷体", 3: "仿宋", 4: "仿宋"}
CHINESE_ORDINAL = "一二三四五六七八九十"


def _ordinal(text: str) -> int:
    """一 -> 1, 十二 -> 12, 二十三 -> 23 (heading numbers); Arabic digits as they are."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return CHINESE_ORDINAL.index(text[-1]) + 1 if text[-1] in CHINESE_ORDINAL else 0
    tens, _, units = text.partition("十")
    return ((CHINESE_ORDINAL.index(tens) + 1) if tens else 1) * 10 + (
        CHINESE_ORDINAL.index(units) + 1 if units else 0)


def heading_of(text: str) -> tuple[int, int, int, bool] | None:
    """(level, number, end of the heading's number, written as the standard writes it).

    >>> heading_of("（二）依法规范依申请公开"), heading_of("1、加强领导"), heading_of("1.5亿元")
    ((2, 2, 3, True), (3, 1, 2, False), None)
    """
    for pattern, standard in ((HEADING, True), (WRONG_HEADING, False)):
        match = pattern.match(text)
        if match:
            level = next(n for n in (1, 2, 3, 4) if match[f"l{n}"])
            if pattern is HEADING and level in (2, 4) and text[match.end():match.end() + 1] in (
                    "、", ".", "．"):
                continue  # （一）、 is the wrong form, read below
            return level, _ordinal(match[f"l{level}"]), match.end(), standard
    return None


def _heading_span(paragraph: Paragraph) -> int:
    """Where a heading ends in the run text: its first sentence for a run-in heading."""
    text = "".join(t for _, t in visible_runs(paragraph.element))
    stop = text.find("。")
    return stop + 1 if stop >= 0 else len(text)


def check_headings(ctx: Context) -> Iterator[LintFinding]:
    counters = [0, 0, 0, 0, 0]
    for index in ctx.layout.body:
        paragraph = ctx.layout.at(index)
        heading = heading_of(paragraph.text.strip())
        if heading is None:
            continue
        level, number, end, standard = heading
        if not standard:
            form = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}[level]
            yield ctx.at("GB302", index, f"level-{level} heading number written "
                                         f"{paragraph.text.strip()[:end]!r}; write it as {form}")
        expected = counters[level] + 1
        if number != expected:
            what = ("repeats" if number == counters[level] else
                    "skips" if number > expected else "goes back")
            yield ctx.at("GB301", index, f"level-{level} heading number {number} {what}: "
                                         f"{expected} was due")
        counters[level] = number
        for deeper in range(level + 1, 5):
            counters[deeper] = 0
        family = HEADING_FONTS[level]
        wrong = _first_wrong(ctx, paragraph, 0, _heading_span(paragraph),
                             partial(_font_in, family=family))
        if wrong:
            yield ctx.at("GB213", index, f"level-{level} heading {_quoted(wrong[0])} is "
                                         f"{wrong[1].describe()}; level {level} takes {family}")


def check_body_font(ctx: Context) -> Iterator[LintFinding]:
    """Text in the wrong type. Where a style gives it (not the runs themselves), one finding
    at the first paragraph lists the others: the fix is one change to the style."""
    layout = ctx.layout
    indexes = sorted({*layout.body, *layout.attachment_note, *layout.annotations,
                      *(i for i in (layout.addressee, layout.signature, layout.date)
                        if i is not None)})
    by_style: dict[str, list[tuple[int, str, RunFormat]]] = {}
    for index in indexes:
        paragraph = layout.at(index)
        heading = heading_of(paragraph.text.strip()) if index in layout.body else None
        start = _heading_span(paragraph) if heading else 0
        # A paragraph Word numbers itself may be a heading whose 一、 is not in the text: its
        # font family cannot be judged, its size can.
        family = None if ctx.styles.is_numbered(paragraph.element) else "仿宋"
        wrong = _first_wrong(ctx, paragraph, 0, None, lambda f: f.size_pt == 16) or (
            _first_wrong(ctx, paragraph, start, None, lambda f: in_family(f.font_name, "仿宋"))
            if family else None)
        if wrong is None:
            continue
        text, fmt = wrong
        if "the run" in (fmt.font.source, fmt.size.source):
            yield ctx.at("GB212", index, f"text {_quoted(text)} is {fmt.describe()}; "
                                         "the text is 3号 (16 pt) 仿宋")
        else:
            by_style.setdefault(fmt.describe(), []).append((index, text, fmt))
    for found in by_style.values():
        index, text, fmt = found[0]
        others = [layout.at(i).number for i, _, _ in found[1:]]
        also = ""
        if others:
            shown = ", ".join(map(str, others[:8])) + (", …" if len(others) > 8 else "")
            also = f"; so is the text of {len(others)} more paragraphs ({shown})"
        yield ctx.at("GB212", index, f"text {_quoted(text)} is {fmt.describe()}{also}; "
                                     "the text is 3号 (16 pt) 仿宋")


# ---- 9 punctuation --------------------------------------------------------------------------

HALF_WIDTH = re.compile(
    r"(?<=[\u3400-\u9fff])\s*[,;:?!]|(?<=[\u3400-\u9fff])\.(?!\d)|\((?=\s*[\u3400-\u9fff])"
    r"|(?<=[\u3400-\u9fff])\s*\)|(?<=[\u3400-\u9fff])\"|\"(?=[\u3400-\u9fff])")


def check_punctuation(ctx: Context) -> Iterator[LintFinding]:
    for index, paragraph in enumerate(ctx.layout.paragraphs):
        hits = list(HALF_WIDTH.finditer(paragraph.text))
        if not hits:
            continue
        first = hits[0]
        context = paragraph.text[max(0, first.start() - 6):first.end() + 6].replace("\n", " ")
        more = f" (and {len(hits) - 1} more)" if len(hits) > 1 else ""
        yield ctx.at("GB311", index, f"half-width {first.group().strip()!r} in Chinese text: "
                                     f"{context!r}{more}; use full-width punctuation")


CHECKS: tuple[Check, ...] = (
    check_doc_number, check_title, check_addressee, check_attachment_note, check_attachments,
    check_date, check_annotations, check_record, check_page_number, check_page,
    check_title_font, check_body_font, check_headings, check_punctuation,
)
