"""CT_Tbl: a Word table read into rows of grid-positioned cells, merges resolved.

A row's cells are placed on the table grid: the row starts at
``w:gridBefore``, each cell covers ``w:gridSpan`` grid columns and counts
once, in the column where it starts. ``resolve_merges`` gives a vertical
merge continuation (``<w:vMerge/>`` as Word writes it, ``w:val="continue"``
as LibreOffice does) the paragraphs of the cell that starts the merge. One
pass, no rescans: each row only looks at the cells directly above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from gkparse.ooxml.body_xml import (
    ALTERNATE_CONTENT,
    BLOCK_WRAPPERS,
    BODY,
    MC_CHOICE,
    NEEDS_WALK,
    TBL,
    TC,
    TR,
    P,
    T,
    iter_cells,
    read_tc,
    w,
)

_TR_PR, _TC_PR = w("trPr"), w("tcPr")
_GRID_BEFORE, _GRID_AFTER, _GRID_SPAN = w("gridBefore"), w("gridAfter"), w("gridSpan")
_V_MERGE, _H_MERGE, _DEL = w("vMerge"), w("hMerge"), w("del")
_VAL = w("val")


# Not python-docx's CT_ classes (those are the XML elements themselves): these are records
# derived from them, a cell placed on the grid and a row of such cells.
@dataclass(slots=True)
class PlacedCell:
    """One cell: its grid column, span, paragraphs, and whether it continues a merge."""

    column: int
    span: int
    paragraphs: list[str]
    continues_merge: bool = False
    starts_merge: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @property
    def is_blank(self) -> bool:
        return not "".join(self.paragraphs).strip()  # no paragraph holds more than white space


@dataclass(slots=True)
class GridRow:
    """One table row; ``cells`` maps each starting grid column to its cell."""

    index: int
    cells: dict[int, PlacedCell] = field(default_factory=dict)
    width: int = 0

    def cell(self, column: int | None) -> PlacedCell | None:
        return None if column is None else self.cells.get(column)

    def texts(self) -> list[str]:
        return [cell.text for _, cell in sorted(self.cells.items())]


def _int(element: etree._Element, default: int) -> int:
    try:
        return max(int(element.get(_VAL, default)), 0)
    except ValueError:
        return default


# What a cell holds besides paragraphs and its properties that carries no text.
_CELL_MARKERS = frozenset((w("bookmarkStart"), w("bookmarkEnd"), w("proofErr"), w("permStart"),
                           w("permEnd")))


def _read_cell(tc: etree._Element, walk: set[etree._Element] | None
               ) -> tuple[int, str | None, str | None, list[str]]:
    """A cell's gridSpan, vMerge, hMerge and paragraphs, from one loop over its children.

    A find() per property, or a second walk over the cell for its text, costs more than this
    loop, and tables run to tens of thousands of cells.
    """
    span, v_merge, h_merge = 1, None, None
    paragraphs: list[etree._Element] | None = []
    for child in tc:
        tag = child.tag
        if tag == P:
            if paragraphs is not None:
                paragraphs.append(child)
        elif tag == _TC_PR:
            for prop in child:
                prop_tag = prop.tag
                if prop_tag == _GRID_SPAN:
                    span = max(_int(prop, 1), 1)
                elif prop_tag == _V_MERGE:
                    v_merge = prop.get(_VAL, "continue")
                elif prop_tag == _H_MERGE:
                    h_merge = prop.get(_VAL, "continue")
        elif tag not in _CELL_MARKERS:
            paragraphs = None  # a wrapper or a nested table: read_tc walks the cell itself
    return span, v_merge, h_merge, read_tc(tc, walk, paragraphs)


# What one pass over a plain row looks at (``_read_plain_tr``). Each tag named costs every row
# a little (lxml sets its matcher up at each call): what makes a row not plain is watched for
# by ``StreamedTables`` instead, once for the whole part.
_PLAIN_ROW_TAGS = (TC, P, T, _GRID_SPAN, _V_MERGE)
# Besides ``body_xml.NEEDS_WALK``, what the one pass does not read: a legacy horizontal merge,
# cells placed off the grid's start or end. (A nested table's cells are not the row's: the
# pass declines them itself.)
_NOT_PLAIN = (_H_MERGE, _GRID_BEFORE, _GRID_AFTER)


def _read_plain_tr(tr: etree._Element, index: int) -> GridRow | None:
    """``read_tr`` of a plain row in one pass over its elements, or None where the row is not
    plain: anything but cells made of paragraphs, in place, whose text is the join of their
    w:t texts.

    The caller saw nothing of ``body_xml.NEEDS_WALK`` or ``_NOT_PLAIN`` in the row; what this
    pass checks is that every element it uses stands where the element-by-element reading
    would find it (a cell in the row, a paragraph in the cell, a property in the cell's
    w:tcPr, a w:t in the paragraph), so that both read the same. lxml walks the row and
    filters the tags in C: this costs half of the element-by-element reading, which visits
    every property and run of every cell in Python.
    """
    row = GridRow(index=index)
    cells = row.cells
    column = 0
    cell: PlacedCell | None = None
    tc = paragraph = None
    texts: list[str] = []
    for element in tr.iter(_PLAIN_ROW_TAGS):
        tag = element.tag
        if tag == T:
            parent = element.getparent()  # its run, in the paragraph or in a wrapper there
            while parent is not paragraph:
                if parent is None or parent is tc or parent is tr:
                    return None
                parent = parent.getparent()
            text = element.text  # lxml decodes it at each access
            if text:
                texts.append(text)
        elif tag == P:
            if cell is None or element.getparent() is not tc:
                return None
            if paragraph is not None:
                cell.paragraphs.append("".join(texts))
                texts = []
            paragraph = element
        elif tag == TC:
            if element.getparent() is not tr:
                return None
            if cell is not None:
                if paragraph is not None:
                    cell.paragraphs.append("".join(texts))
                    texts = []
                column += cell.span
            tc, paragraph = element, None
            cell = cells[column] = PlacedCell(column, 1, [])
        else:  # w:gridSpan or w:vMerge
            properties = element.getparent()
            if (cell is None or properties is None or properties.tag != _TC_PR
                    or properties.getparent() is not tc):
                return None
            if tag == _GRID_SPAN:
                cell.span = max(_int(element, 1), 1)
            else:
                v_merge = element.get(_VAL, "continue")
                cell.continues_merge = v_merge != "restart"
                cell.starts_merge = v_merge == "restart"
    if cell is not None:
        if paragraph is not None:
            cell.paragraphs.append("".join(texts))
        column += cell.span
    row.width = column
    return row


def read_tr(tr: etree._Element, index: int, walk: set[etree._Element] | None = None,
            *, plain: bool = False) -> GridRow | None:
    """Place a row's cells on the grid; a row deleted as a tracked change reads as None.

    ``walk``: see ``body_xml.read_p``. ``plain``: the caller saw nothing of
    ``body_xml.NEEDS_WALK`` or ``_NOT_PLAIN`` in the row (``StreamedTables`` watches for
    them), so the row may be read in one pass
    (``_read_plain_tr``) where it is made only of plain cells.
    """
    if plain:
        row = _read_plain_tr(tr, index)
        if row is not None:
            return row
    # Properties are read by one loop over their children: a find() per property costs
    # more than the whole loop, and tables run to tens of thousands of cells. A row has one
    # w:trPr; where a damaged file gives it several, each is read, later values winning, as
    # a cell's every w:tcPr is (the one-pass reading did so too, and the cells then stand
    # where the file puts them).
    grid_before = grid_after = 0
    for tr_pr in tr.iterchildren(_TR_PR):
        for prop in tr_pr:
            tag = prop.tag
            if tag == _DEL:
                return None
            if tag == _GRID_BEFORE:
                grid_before = _int(prop, 0)
            elif tag == _GRID_AFTER:
                grid_after = _int(prop, 0)
    row = GridRow(index=index)
    column = grid_before
    previous: PlacedCell | None = None
    for tc in iter_cells(tr):
        span, v_merge, h_merge, paragraphs = _read_cell(tc, walk)
        if h_merge is not None and h_merge != "restart" and previous is not None:
            # Legacy horizontal merge: this cell widens the one before it.
            previous.span += span
            column += span
            continue
        cell = PlacedCell(column=column, span=span, paragraphs=paragraphs,
                     continues_merge=v_merge is not None and v_merge != "restart",
                     starts_merge=v_merge == "restart")
        row.cells[column] = cell
        previous = cell
        column += span
    row.width = column + grid_after
    return row


def resolve_merges(rows: list[GridRow], above: dict[int, PlacedCell] | None = None) -> dict[int, PlacedCell]:
    """Give each vMerge continuation the paragraphs of the cell that starts its merge.

    ``above`` carries the last cell seen at each grid column, so a merge can
    be followed across tables when a caller chains them; the updated map is
    returned. A continuation with no merged cell above it stays empty.
    """
    above = dict(above or {})
    for row in rows:
        resolve_row_merges(row, above)
    return above


def resolve_row_merges(row: GridRow, above: dict[int, PlacedCell]) -> None:
    """``resolve_merges`` of one row, updating ``above`` in place (a streamed table's rows)."""
    cells = row.cells
    for column, cell in cells.items():
        if cell.continues_merge:
            origin = above.get(column)
            # Only a merged cell can be continued: a continuation under a plain cell
            # (or under the header) starts nothing and stays empty.
            if origin is not None and (origin.starts_merge or origin.continues_merge):
                cell.paragraphs = list(origin.paragraphs)
        above[column] = cell
    if len(above) != len(cells):
        # A column this row does not start a cell in breaks any merge running down it.
        for column in [column for column in above if column not in cells]:
            del above[column]


_TOP_LEVEL_WRAPPERS = BLOCK_WRAPPERS | {ALTERNATE_CONTENT, MC_CHOICE}


def _is_top_level(tbl: etree._Element) -> bool:
    """A table directly in the body, or only inside the wrappers ``iter_blocks`` reads through."""
    for ancestor in tbl.iterancestors():
        if ancestor.tag == BODY:
            return True
        if ancestor.tag not in _TOP_LEVEL_WRAPPERS:
            return False
    return False


def _table_of(tr: etree._Element) -> etree._Element | None:
    parent = tr.getparent()
    while parent is not None and parent.tag in BLOCK_WRAPPERS:  # between a w:tbl and its w:tr
        parent = parent.getparent()
    return parent


@dataclass
class _OpenTable:
    """A top-level table being streamed: its rows so far, the cells above, its row count."""

    rows: list[GridRow] = field(default_factory=list)
    above: dict[int, PlacedCell] = field(default_factory=dict)
    index: int = 0


class StreamedTables:
    """Reads the rows of body-level tables while the XML is parsed, then empties them.

    A watcher for ``package.open_package``: each finished top-level w:tr is read
    (``read_tr``), its merges resolved against the row above, and its XML
    cleared, so a 20,000-row table never sits in memory as a tree. Rows of a
    table nested in a cell are left for their outer cell to read. The elements
    that make a paragraph need the slow walk (``body_xml.NEEDS_WALK``) are
    watched too, so no row has to be searched for them.

    ``rows_of(tbl)`` gives the rows of every table ``body_xml.iter_blocks`` visits in the
    body: live rows only (tracked-deleted rows skipped), merges resolved, each ``index`` its
    1-based position in the XML with deleted rows counted.
    """

    TAGS = (TBL, TR, *NEEDS_WALK, *_NOT_PLAIN)

    def __init__(self) -> None:
        self._open: dict[etree._Element, _OpenTable | None] = {}  # None: not top-level
        self._done: dict[etree._Element, list[GridRow]] = {}
        self._walk: set[etree._Element] = set()
        self._plain = True  # nothing of NEEDS_WALK or _NOT_PLAIN since the last row read

    def __call__(self, element: etree._Element) -> None:
        tag = element.tag
        if tag == TR:
            self._row_end(element)
        elif tag == TBL:
            if element in self._open:
                table = self._open.pop(element)
                if table is not None:
                    self._done[element] = table.rows
            elif _is_top_level(element):  # a table without rows
                self._done[element] = []
        elif tag in _NOT_PLAIN:
            self._plain = False
        else:  # an element only the walk reads: mark its paragraphs
            self._walk.update(element.iterancestors(P))
            self._plain = False

    def _row_end(self, tr: etree._Element) -> None:
        tbl = _table_of(tr)
        if tbl is None:
            return
        if tbl not in self._open:
            self._open[tbl] = _OpenTable() if _is_top_level(tbl) else None
        table = self._open[tbl]
        if table is None:
            return
        table.index += 1
        row = read_tr(tr, table.index, self._walk, plain=self._plain)
        if row is not None:
            resolve_row_merges(row, table.above)
            table.rows.append(row)
        self._walk.clear()
        self._plain = True
        # Read: let the XML go (the usual iterparse idiom, which keeps the current element).
        tr.clear(keep_tail=True)
        while tr.getprevious() is not None:
            del tr.getparent()[0]  # type: ignore[union-attr]  # a w:tr always has a w:tbl

    def rows_of(self, tbl: etree._Element) -> list[GridRow]:
        return self._done[tbl]
