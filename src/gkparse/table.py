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

from gkparse.body_xml import iter_cells, iter_rows, read_tc, w

_TR_PR, _TC_PR = w("trPr"), w("tcPr")
_GRID_BEFORE, _GRID_AFTER, _GRID_SPAN = w("gridBefore"), w("gridAfter"), w("gridSpan")
_V_MERGE, _H_MERGE, _DEL = w("vMerge"), w("hMerge"), w("del")
_VAL = w("val")


@dataclass
class CT_Tc:
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
        return not any(p.strip() for p in self.paragraphs)


@dataclass
class CT_Row:
    """One table row; ``cells`` maps each starting grid column to its cell."""

    index: int
    cells: dict[int, CT_Tc] = field(default_factory=dict)
    width: int = 0

    def cell(self, column: int | None) -> CT_Tc | None:
        return None if column is None else self.cells.get(column)

    def texts(self) -> list[str]:
        return [cell.text for _, cell in sorted(self.cells.items())]


def _int_val(parent: etree._Element | None, tag: str, default: int) -> int:
    if parent is None:
        return default
    child = parent.find(tag)
    if child is None:
        return default
    try:
        return max(int(child.get(_VAL, default)), 0)
    except ValueError:
        return default


def read_tr(tr: etree._Element, index: int) -> CT_Row | None:
    """Place a row's cells on the grid; a row deleted as a tracked change reads as None."""
    tr_pr = tr.find(_TR_PR)
    if tr_pr is not None and tr_pr.find(_DEL) is not None:
        return None
    row = CT_Row(index=index)
    column = _int_val(tr_pr, _GRID_BEFORE, 0)
    previous: CT_Tc | None = None
    for tc in iter_cells(tr):
        tc_pr = tc.find(_TC_PR)
        span = max(_int_val(tc_pr, _GRID_SPAN, 1), 1)
        merge = tc_pr.find(_V_MERGE) if tc_pr is not None else None
        h_merge = tc_pr.find(_H_MERGE) if tc_pr is not None else None
        if h_merge is not None and h_merge.get(_VAL) != "restart" and previous is not None:
            # Legacy horizontal merge: this cell widens the one before it.
            previous.span += span
            column += span
            continue
        cell = CT_Tc(
            column=column,
            span=span,
            paragraphs=read_tc(tc),
            continues_merge=merge is not None and merge.get(_VAL, "continue") != "restart",
            starts_merge=merge is not None and merge.get(_VAL) == "restart",
        )
        row.cells[column] = cell
        previous = cell
        column += span
    row.width = column + _int_val(tr_pr, _GRID_AFTER, 0)
    return row


def resolve_merges(rows: list[CT_Row], above: dict[int, CT_Tc] | None = None) -> dict[int, CT_Tc]:
    """Give each vMerge continuation the paragraphs of the cell that starts its merge.

    ``above`` carries the last cell seen at each grid column, so a merge can
    be followed across tables when a caller chains them; the updated map is
    returned. A continuation with no merged cell above it stays empty.
    """
    above = dict(above or {})
    for row in rows:
        for column, cell in row.cells.items():
            if cell.continues_merge:
                origin = above.get(column)
                # Only a merged cell can be continued: a continuation under a plain cell
                # (or under the header) starts nothing and stays empty.
                if origin is not None and (origin.starts_merge or origin.continues_merge):
                    cell.paragraphs = list(origin.paragraphs)
            above[column] = cell
        # A column this row does not start a cell in breaks any merge running down it.
        for column in list(above):
            if column not in row.cells:
                del above[column]
    return above


def read_tbl(tbl: etree._Element) -> list[CT_Row]:
    """All live rows of a table (tracked-deleted rows skipped), merges resolved.

    ``index`` keeps each row's 1-based position in the XML, deleted rows counted.
    """
    rows = [row for index, tr in enumerate(iter_rows(tbl), start=1)
            if (row := read_tr(tr, index)) is not None]
    resolve_merges(rows)
    return rows


def grid_columns(tbl: etree._Element) -> int:
    grid = tbl.find(w("tblGrid"))
    return 0 if grid is None else len(grid.findall(w("gridCol")))
