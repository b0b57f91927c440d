"""The document model between readers and the notice logic: a stream of blocks.

A ``Paragraph`` is one line of the notice as a reader shows it; a ``Table`` is
its rows placed on a grid (``table.GridRow``: each cell where it starts, with its
span), vertical merges already resolved, so a continuation holds the text of the
cell that starts it. Every reader (.docx, spreadsheet, HTML, PDF) yields these,
so the notice logic never sees a file format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gkparse.ooxml.table import GridRow, PlacedCell, resolve_merges


@dataclass(slots=True)
class Paragraph:
    """A paragraph block: its text and how it stands (run on, in a text box)."""

    text: str
    runs_on: bool = False
    """Its paragraph mark was deleted: Word shows the next paragraph run on into this one."""
    in_text_box: bool = False
    """Read from a text box anchored in the paragraph before (not numbered as a body
    paragraph in ``source.paragraph``)."""


@dataclass(slots=True)
class Table:
    """A table block: its rows, cells placed on the grid and merges resolved."""

    rows: list[GridRow] = field(default_factory=list)


Block = Paragraph | Table


@dataclass(slots=True)
class GridCell:
    """A cell as a grid reader (spreadsheet, HTML, PDF) finds it: where it starts and how many
    rows and columns it covers."""

    row: int
    column: int
    text: str
    rows: int = 1
    columns: int = 1


def table_from_grid(cells: list[GridCell]) -> Table:
    """Grid cells (0-based rows and columns, with row and column spans) as a ``Table``.

    A cell spanning several rows becomes a merge start in its first row and a
    continuation in each row below, as Word writes a vertical merge; a column
    span is the cell's ``span``. Rows are numbered from 1 in the order of the grid.
    """
    by_row: dict[int, list[GridCell]] = {}
    for cell in cells:
        for offset in range(max(cell.rows, 1)):
            by_row.setdefault(cell.row + offset, [])
        by_row[cell.row].append(cell)
    continuing: dict[int, list[tuple[GridCell, int]]] = {}
    for cell in cells:
        for offset in range(1, max(cell.rows, 1)):
            continuing.setdefault(cell.row + offset, []).append((cell, offset))
    rows: list[GridRow] = []
    for position, row_number in enumerate(sorted(by_row), start=1):
        row = GridRow(index=position)
        for cell in by_row[row_number]:
            row.cells[cell.column] = PlacedCell(
                column=cell.column, span=max(cell.columns, 1),
                paragraphs=cell.text.split("\n") if cell.text else [],
                starts_merge=cell.rows > 1)
        for cell, _ in continuing.get(row_number, []):
            row.cells.setdefault(cell.column, PlacedCell(column=cell.column, span=max(cell.columns, 1),
                                                    paragraphs=[], continues_merge=True))
        row.cells = dict(sorted(row.cells.items()))
        rows.append(row)
    width = max((c.column + max(c.columns, 1) for c in cells), default=0)
    for row in rows:  # one grid for the whole table, as Word's w:tblGrid gives a .docx table
        row.width = width
    resolve_merges(rows)
    return Table(rows)
