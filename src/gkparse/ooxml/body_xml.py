"""Readers for WordprocessingML body content, each named after the element it reads.

Text must come out as Word shows it: runs inside tracked insertions are
read, tracked deletions are not; content controls, hyperlinks, smart tags
and custom XML are transparent wrappers; a field contributes its result,
never its instruction; ``mc:AlternateContent`` is read once, through its
first ``mc:Choice``. Text boxes are not part of their anchor paragraph's
text: ``iter_textbox_paragraphs`` yields them for the metadata reader.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import TypeVar

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


P, R, T, TBL, TR, TC, BODY = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc"), w("body")
SDT, SDT_CONTENT, CUSTOM_XML = w("sdt"), w("sdtContent"), w("customXml")
TXBX_CONTENT = w("txbxContent")
ALTERNATE_CONTENT, MC_CHOICE = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice"
MC_FALLBACK = f"{{{MC_NS}}}Fallback"

# Wrappers whose children are read as if the wrapper were not there.
_TRANSPARENT_INLINE = frozenset(
    w(t) for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir",
                   "bdo", "sdtContent")
)
BLOCK_WRAPPERS = frozenset((SDT, SDT_CONTENT, CUSTOM_XML, w("ins"), w("moveTo")))
_BREAK_TYPES_AS_NEWLINE = frozenset((None, "textWrapping"))
_W_TYPE = w("type")
_FLD_CHAR_TYPE = w("fldCharType")
_TAB, _PTAB, _BR, _CR, _NO_BREAK_HYPHEN, _FLD_CHAR = (
    w("tab"), w("ptab"), w("br"), w("cr"), w("noBreakHyphen"), w("fldChar"))
# A paragraph holding none of these reads as the plain join of its w:t texts, found by
# lxml in C; anything here needs the element-by-element walk of read_inline.
NEEDS_WALK = (_TAB, _PTAB, _BR, _CR, _NO_BREAK_HYPHEN, _FLD_CHAR, w("del"), w("moveFrom"), SDT,
               ALTERNATE_CONTENT, TXBX_CONTENT, w("drawing"), w("pict"), w("object"),
               w("ruby"))


class _FieldState:
    """Tracks complex fields (w:fldChar begin/separate/end) so only results are read."""

    __slots__ = ("stack",)

    def __init__(self) -> None:
        self.stack: list[bool] = []  # one entry per open field: True once past `separate`

    @property
    def showing(self) -> bool:
        return all(self.stack)

    def char(self, kind: str | None) -> None:
        if kind == "begin":
            self.stack.append(False)
        elif kind == "separate" and self.stack:
            self.stack[-1] = True
        elif kind == "end" and self.stack:
            self.stack.pop()


def read_r(run: etree._Element, out: list[str], fields: _FieldState) -> None:
    """A run: w:t text, tabs, soft breaks; field characters switch text on and off."""
    for child in run:
        tag = child.tag
        if tag == T:
            if fields.showing and child.text:
                out.append(child.text)
        elif tag in (_TAB, _PTAB):
            if fields.showing:
                out.append("\t")
        elif tag == _BR:
            if fields.showing and child.get(_W_TYPE) in _BREAK_TYPES_AS_NEWLINE:
                out.append("\n")
        elif tag == _CR:
            if fields.showing:
                out.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            if fields.showing:
                out.append("-")
        elif tag == _FLD_CHAR:
            fields.char(child.get(_FLD_CHAR_TYPE))
        # w:instrText, w:delText, w:drawing, w:pict, w:sym and properties carry no visible text.


def read_inline(parent: etree._Element, out: list[str], fields: _FieldState) -> None:
    """Paragraph content: runs, and the wrappers Word puts around them."""
    for child in parent:
        tag = child.tag
        if tag == R:
            read_r(child, out, fields)
        elif tag in _TRANSPARENT_INLINE:
            read_inline(child, out, fields)
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                read_inline(content, out, fields)
        elif tag == ALTERNATE_CONTENT:
            choice = child.find(MC_CHOICE)
            if choice is not None:
                read_inline(choice, out, fields)
        # Anything else (w:del, w:moveFrom, bookmarks, comments, properties) is skipped.


def read_p(paragraph: etree._Element, walk: set[etree._Element] | None = None) -> str:
    """The visible text of one w:p; soft breaks become ``\\n``, tabs ``\\t``.

    ``walk``, the paragraphs ``table.StreamedTables`` saw holding something in
    ``NEEDS_WALK``, saves looking into each paragraph of a big table for them.
    """
    plain = (paragraph not in walk if walk is not None
             else next(paragraph.iter(NEEDS_WALK), None) is None)
    if plain:  # the hot path of big tables (measured: faster than itertext or an XPath)
        return "".join([t.text or "" for t in paragraph.iter(T)])
    return walk_p(paragraph)


_MARK_DELETED = f"{w('pPr')}/{w('rPr')}/{w('del')}"


def mark_deleted(paragraph: etree._Element, walk: set[etree._Element] | None = None) -> bool:
    """Whether the paragraph's own mark is a tracked deletion: Word then shows the paragraph
    run on into the next one. (``walk``: such a paragraph is always in it.)"""
    if walk is not None and paragraph not in walk:
        return False
    return paragraph.find(_MARK_DELETED) is not None


_Line = TypeVar("_Line")


def append_paragraph(lines: list[_Line], paragraph: _Line, joins_previous: bool,
                     run_on: Callable[[_Line, _Line], _Line]) -> None:
    """Add a paragraph to ``lines``, or run it on into the last one.

    ``joins_previous``: the paragraph before lost its mark (``mark_deleted``), so Word shows
    the two as one; ``run_on(last, paragraph)`` then takes the last one's place. The one
    rule for cell paragraphs (``read_tc``, texts) and the notice's own lines (the notice
    parser, lines that know where they stand).
    """
    if joins_previous and lines:
        lines[-1] = run_on(lines[-1], paragraph)
    else:
        lines.append(paragraph)


def walk_p(paragraph: etree._Element) -> str:
    """``read_p`` element by element, for paragraphs with breaks, fields or tracked changes."""
    out: list[str] = []
    read_inline(paragraph, out, _FieldState())
    return "".join(out)


def iter_blocks(container: etree._Element) -> Iterator[etree._Element]:
    """The w:p and w:tbl elements of a body, cell or text box, through sdt/customXml wrappers."""
    for child in container:
        tag = child.tag
        if tag in (P, TBL):
            yield child
        elif tag in BLOCK_WRAPPERS:
            yield from iter_blocks(child)
        elif tag == ALTERNATE_CONTENT:
            choice = child.find(MC_CHOICE)
            if choice is not None:
                yield from iter_blocks(choice)


def read_tc(cell: etree._Element, walk: set[etree._Element] | None = None,
            blocks: list[etree._Element] | None = None) -> list[str]:
    """A cell's paragraphs, in order; a nested table contributes its cells' paragraphs.

    ``blocks``: the cell's paragraphs when the caller has already listed them (a plain cell,
    the bulk of a big table), which saves walking the cell a second time.
    """
    lines: list[str] = []
    joins = False
    for block in iter_blocks(cell) if blocks is None else blocks:
        if block.tag == P:
            append_paragraph(lines, read_p(block, walk), joins, operator.add)
            joins = mark_deleted(block, walk)
        else:
            joins = False
            for row in iter_rows(block):
                for inner in iter_cells(row):
                    lines.extend(read_tc(inner, walk))
    return lines


def _children_named(parent: etree._Element, name: str) -> Iterator[etree._Element]:
    """The children of ``parent`` named ``name``, including those wrapped in content
    controls or custom XML."""
    for child in parent:
        tag = child.tag
        if tag == name:
            yield child
        elif tag in BLOCK_WRAPPERS:
            yield from _children_named(child, name)


def iter_rows(table: etree._Element) -> Iterator[etree._Element]:
    """The w:tr of a table, including rows wrapped in content controls or custom XML."""
    return _children_named(table, TR)


def iter_cells(row: etree._Element) -> Iterator[etree._Element]:
    """The w:tc of a row, including cells wrapped in content controls or custom XML."""
    return _children_named(row, TC)


def iter_textbox_paragraphs(paragraph: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs inside text boxes anchored in ``paragraph``, each box read once.

    Word writes a text box twice, as DrawingML in ``mc:Choice`` and as VML in
    ``mc:Fallback``; only the first is read.
    """
    for box in paragraph.iter(TXBX_CONTENT):
        if not _directly_in(box, paragraph):
            continue
        for block in iter_blocks(box):
            if block.tag == P:
                yield block
                yield from iter_textbox_paragraphs(block)


def _directly_in(box: etree._Element, paragraph: etree._Element) -> bool:
    """True unless the box sits in an ``mc:Fallback`` or inside another box of ``paragraph``."""
    for ancestor in box.iterancestors():
        if ancestor is paragraph:
            return True
        if ancestor.tag in (MC_FALLBACK, TXBX_CONTENT):
            return False
    return True
