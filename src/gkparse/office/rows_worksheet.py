"""Worksheets whose rows gkparse writes as XML itself, inside an XlsxWriter workbook.

XlsxWriter keeps every cell as a record (``write_string``) and writes it back out as XML
in ``close()``: about 6 µs a cell, most of a 20,000-task ledger's time (issue 17: 733,449
cells). A ``RowsWorksheet`` takes whole rows instead and writes its ``<sheetData>`` itself,
the same bytes XlsxWriter writes for the same cells (``tests/test_rows_worksheet.py`` compares
the two on random rows), while XlsxWriter still writes everything else: the workbook, the
styles, the shared strings, column widths, panes, filters, validation and print setup.

A row is encoded once (``RowsWorksheet.encode``: its strings entered in the workbook's
shared-string table, its dates turned into serial numbers) and can then be put on any
``RowsWorksheet`` of that workbook, as a ledger puts a task on 总台账 and on its lead
unit's sheet; its XML is worked out once and only the row number changes.

This leans on XlsxWriter's internals (the worksheet's ``_write_sheet_data``, its shared
string table, ``Format._get_xf_index``); ``assert_rows_written`` fails loudly where a
version of XlsxWriter no longer calls this class's writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from xlsxwriter.utility import xl_col_to_name  # type: ignore[import-untyped]
from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

Format = Any  # xlsxwriter.format.Format (untyped)
_MAX_STRING = 32767  # Excel's limit, in UTF-16 code units, as XlsxWriter applies it
_COLUMN_NAMES: dict[int, str] = {}  # 0 -> "A", as the cells' references need them


def _fit_string(text: str) -> str:
    """The string as XlsxWriter stores it: cut at 32,767 UTF-16 units, never inside a
    character beyond U+FFFF.

    >>> len(_fit_string("x" * 40000)), len(_fit_string("😀" * 20000))
    (32767, 16383)
    """
    if len(text) <= _MAX_STRING // 2 or len(text.encode("utf-16-le", "surrogatepass")) // 2 \
            <= _MAX_STRING:
        return text
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > _MAX_STRING:
            return text[:index]
    return text


class EncodedRow:
    """One row's cells, encoded for one workbook: (column, the XML after the cell's reference,
    format) each, and how many shared strings they refer to."""

    __slots__ = ("_parts", "cells", "first", "last", "strings")

    def __init__(self, cells: list[tuple[int, str, Format]], strings: int) -> None:
        self.cells = cells
        self.strings = strings
        self.first = cells[0][0] if cells else None
        self.last = cells[-1][0] if cells else None
        self._parts: list[str] | None = None

    def parts(self) -> list[str]:
        """The row's cells as XML, split where the row number goes (joined with it, they
        are the row). The format indices are looked up here, in the order XlsxWriter's
        ``close()`` would look them up: that order numbers the formats in styles.xml."""
        if self._parts is None:
            parts, before = [], ""
            for column, rest, cell_format in self.cells:
                name = _COLUMN_NAMES.get(column) or _COLUMN_NAMES.setdefault(
                    column, xl_col_to_name(column))
                parts.append(f'{before}<c r="{name}')
                style = f' s="{cell_format._get_xf_index()}"' if cell_format is not None else ""
                before = f'"{style}{rest}'
            parts.append(before)
            self._parts = parts
        return self._parts


class RowsWorksheet(Worksheet):  # type: ignore[misc]  # XlsxWriter is untyped
    """An XlsxWriter worksheet that takes whole encoded rows (``add_row``) and writes its
    ``<sheetData>`` itself. Cells written through XlsxWriter's own ``write_*`` calls, row
    formats and comments are refused on this sheet (``close()`` raises): its rows are
    all ``add_row``'s."""

    # XlsxWriter's own (its __init__ sets them): the sheet's used range, kept by add_row as
    # _check_dimensions keeps it.
    dim_rowmin: int | None
    dim_rowmax: int | None
    dim_colmin: int | None
    dim_colmax: int | None

    def __init__(self) -> None:
        super().__init__()
        self._encoded_rows: list[tuple[int, EncodedRow, int | None]] = []
        self.rows_written = False

    def encode(self, values: Sequence[object], formats: Sequence[Format],
               first_column: int = 0) -> EncodedRow:
        """``values[i]`` for column ``first_column + i`` with ``formats[i]``, as XlsxWriter's
        ``write_string`` (str), ``write_datetime`` (date or datetime; no format: the
        workbook's default date format) and ``write_blank`` (None: no cell unless it has a
        format) would store them. Strings enter the shared-string table here, in order."""
        table = self.str_table
        known, index_of, convert = (table.string_table.get, table._get_shared_string_index,
                                    self._convert_date_time)
        cells: list[tuple[int, str, Format]] = []
        add = cells.append
        strings = 0
        for column, (value, cell_format) in enumerate(zip(values, formats, strict=True),
                                                      start=first_column):
            if isinstance(value, str):
                if len(value) > _MAX_STRING // 2:
                    value = _fit_string(value)
                strings += 1
                index = known(value)
                if index is None:
                    index = index_of(value)
                    table.count -= 1  # counted below with the others
                add((column, f' t="s"><v>{index}</v></c>', cell_format))
            elif isinstance(value, date):
                add((column, f"><v>{convert(value):.16G}</v></c>",
                     self.default_date_format if cell_format is None else cell_format))
            elif value is None:
                if cell_format is not None:
                    add((column, "/>", cell_format))
            else:
                raise TypeError(f"a cell holds str, date or None, not {type(value).__name__}")
        # Counted when placed (add_row), once per sheet it is on, as write_string counts.
        return EncodedRow(cells, strings)

    def add_row(self, row: int, cells: EncodedRow, height: float | None = None) -> None:
        """Put ``cells`` on row ``row`` (0-based), rows in increasing order; with ``height``
        (points), as ``set_row(row, height)`` before the cells were written."""
        if row >= self.xls_rowmax:
            raise ValueError(f"row {row + 1} is beyond the last row of a worksheet "
                             f"({self.xls_rowmax})")
        if self._encoded_rows and row <= self._encoded_rows[-1][0]:
            raise ValueError(f"rows are added in increasing order: {row + 1} after "
                             f"{self._encoded_rows[-1][0] + 1}")
        pixels = None
        if height is not None:
            if height <= 0:
                raise ValueError("a row's height is positive; hidden rows are not supported")
            pixels = int(height * 4.0 / 3.0 + 0.5)  # as set_row stores it
            self._check_dimensions(row, self.dim_colmin if self.dim_colmin is not None else 0)
            self.row_sizes[row] = [pixels, False]  # where images and charts would be placed
        first, last = cells.first, cells.last
        if first is not None and last is not None:
            if last >= self.xls_colmax:
                raise ValueError(f"column {last + 1} is beyond the last column of a worksheet "
                                 f"({self.xls_colmax})")
            # What _check_dimensions does for the row's first and last cell, in line (issue 17).
            if self.dim_rowmin is None or row < self.dim_rowmin:
                self.dim_rowmin = row
            if self.dim_rowmax is None or row > self.dim_rowmax:
                self.dim_rowmax = row
            if self.dim_colmin is None or first < self.dim_colmin:
                self.dim_colmin = first
            if self.dim_colmax is None or last > self.dim_colmax:
                self.dim_colmax = last
        self.str_table.count += cells.strings
        if cells.first is not None or pixels is not None:  # XlsxWriter writes no empty row
            self._encoded_rows.append((row, cells, pixels))

    def _write_sheet_data(self) -> None:
        if any(self.table.values()) or self.row_info or self.comments:
            raise RuntimeError("a RowsWorksheet's cells and row heights are written with add_row "
                               "only")
        self.rows_written = True
        if self.dim_rowmin is None:
            self._xml_empty_tag("sheetData")
            return
        fallback = {column: info.column_format for column, info in self.col_info.items()
                    if info.column_format is not None}
        spans = self._spans()
        default, original = self.default_row_height, self.original_row_height
        dy_descent = ' x14ac:dyDescent="0.25"' if self.excel_version == 2010 else ""
        heights: dict[int | None, str] = {}
        out = ["<sheetData>"]
        for row, cells, pixels in self._encoded_rows:
            height = heights.get(pixels)
            if height is None:
                value = default if pixels is None else pixels
                height = heights[pixels] = (
                    f' ht="{value * 0.75:.16g}" customHeight="1"'
                    if value != original or value != default else "")
            span = spans.get(row // 16, "")
            head = f'<row r="{row + 1}"{span}{height}{dy_descent}'
            if cells.first is None:
                out.append(head + "/>")
                continue
            parts = (cells.parts() if not fallback else
                     EncodedRow([(column, rest, fallback.get(column) if cell_format is None
                                  else cell_format)
                                 for column, rest, cell_format in cells.cells], 0).parts())
            out.append(f"{head}>{str(row + 1).join(parts)}</row>")
        out.append("</sheetData>")
        self.fh.write("".join(out))

    def _spans(self) -> dict[int, str]:
        """The ``spans`` attribute of each block of 16 rows: the first to the last column with
        a cell in it (1-based), as XlsxWriter's ``_calculate_spans``."""
        blocks: dict[int, tuple[int, int]] = {}
        for row, cells, _ in self._encoded_rows:
            first, last = cells.first, cells.last
            if first is None or last is None:
                continue
            block = row // 16
            low, high = blocks.get(block, (first, last))
            blocks[block] = (min(low, first), max(high, last))
        return {block: f' spans="{low + 1}:{high + 1}"' for block, (low, high) in blocks.items()}


def assert_rows_written(book: Any) -> None:
    """After ``book.close()``: every RowsWorksheet's rows were written by its own writer (an
    XlsxWriter that no longer calls ``_write_sheet_data`` would leave them out silently)."""
    for sheet in book.worksheets():
        if isinstance(sheet, RowsWorksheet) and not sheet.rows_written:
            raise RuntimeError(f"XlsxWriter did not write the rows of sheet {sheet.name!r}; "
                               "this XlsxWriter version is not supported by gkparse's ledger")
