"""RowsWorksheet writes the same workbook, byte for byte, as XlsxWriter's own cell calls.

Each test builds one workbook twice: once with XlsxWriter's ``set_row`` and ``write_string``
/ ``write_datetime`` / ``write_blank``, once with ``RowsWorksheet.encode`` and ``add_row``,
and compares every part of the two zip files.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from typing import Any

import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from gkparse.office.rows_worksheet import RowsWorksheet, assert_rows_written

# A row: (row number, height or None, [(column, value, format name or None), ...]).
Row = tuple[int, float | None, list[tuple[int, object, str | None]]]
FORMATS = {"plain": {"border": 1}, "wrap": {"text_wrap": True, "bg_color": "#FFC7CE"},
           "date": {"num_format": "yyyy-mm-dd", "bold": True}}


def _book(default_date: bool) -> tuple[io.BytesIO, Any, dict[str | None, Any]]:
    buffer = io.BytesIO()
    options: dict[str, object] = {"in_memory": True, "strings_to_numbers": False,
                                  "strings_to_formulas": False, "strings_to_urls": False}
    if default_date:
        options["default_date_format"] = "yyyy-mm-dd"
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties({"created": datetime(2025, 1, 1)})  # the same bytes both times
    formats: dict[str | None, Any] = {name: book.add_format(spec)
                                      for name, spec in FORMATS.items()}
    formats[None] = None
    return buffer, book, formats


def _parts(buffer: io.BytesIO) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _by_xlsxwriter(sheets: list[list[Row]], default_date: bool,
                   column_format: bool = False) -> dict[str, bytes]:
    buffer, book, formats = _book(default_date)
    for number, rows in enumerate(sheets):
        sheet = book.add_worksheet(f"S{number}")
        sheet.set_column(0, 3, 12, formats["plain"] if column_format else None)
        for row, height, cells in rows:
            if height is not None:
                sheet.set_row(row, height)
            for column, value, name in cells:
                if isinstance(value, str):
                    sheet.write_string(row, column, value, formats[name])
                elif isinstance(value, date):
                    sheet.write_datetime(row, column, value, formats[name])
                else:
                    sheet.write_blank(row, column, None, formats[name])
        sheet.autofilter(0, 0, max((row for row, _, _ in rows), default=0), 3)
    book.close()
    return _parts(buffer)


def _by_rows_worksheet(sheets: list[list[Row]], default_date: bool,
                       column_format: bool = False) -> dict[str, bytes]:
    buffer, book, formats = _book(default_date)
    encoded: dict[str, Any] = {}  # the same cells on several sheets are encoded once
    for number, rows in enumerate(sheets):
        sheet = book.add_worksheet(f"S{number}", worksheet_class=RowsWorksheet)
        sheet.set_column(0, 3, 12, formats["plain"] if column_format else None)
        for row, height, cells in rows:
            first = cells[0][0] if cells else 0
            # encode() takes consecutive columns; a gap is a None without a format (no cell).
            values: list[object] = [None] * ((cells[-1][0] - first + 1) if cells else 0)
            names: list[str | None] = [None] * len(values)
            for column, value, name in cells:
                values[column - first], names[column - first] = value, name
            key = repr((first, values, names))
            if key not in encoded:
                encoded[key] = sheet.encode(values, [formats[name] for name in names], first)
            sheet.add_row(row, encoded[key], height)
        sheet.autofilter(0, 0, max((row for row, _, _ in rows), default=0), 3)
    book.close()
    assert_rows_written(book)
    return _parts(buffer)


def _same(sheets: list[list[Row]], default_date: bool = True,
          column_format: bool = False) -> None:
    expected = _by_xlsxwriter(sheets, default_date, column_format)
    got = _by_rows_worksheet(sheets, default_date, column_format)
    assert list(got) == list(expected)
    for name in expected:
        assert got[name] == expected[name], name


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
CELL_VALUE = st.one_of(TEXT, st.sampled_from(["", "a&b<c>\"d'", "一\n二", " lead", "_x0041_"]),
                       st.dates(date(1900, 1, 1), date(2100, 12, 31)),
                       st.datetimes(datetime(1901, 1, 1), datetime(2100, 1, 1)), st.none())
FORMAT_NAME = st.sampled_from([None, "plain", "wrap", "date"])
HEIGHT = st.one_of(st.none(), st.sampled_from([15, 15.75, 16.5, 43.5, 0.75, 409]),
                   st.floats(1, 409, allow_nan=False))


@st.composite
def _rows(draw: st.DrawFn) -> list[Row]:
    rows: list[Row] = []
    row = draw(st.integers(0, 3))
    for _ in range(draw(st.integers(0, 40))):
        start = draw(st.integers(0, 5))
        width = draw(st.integers(0, 4))
        cells = [(start + offset, draw(CELL_VALUE), draw(FORMAT_NAME)) for offset in range(width)]
        # A None without a format is no cell at all: keep only the cells that are written,
        # and let a row's first and last be real cells, as encode() sees them.
        cells = [cell for cell in cells if cell[1] is not None or cell[2] is not None]
        rows.append((row, draw(HEIGHT), cells))
        row += draw(st.integers(1, 20))
    return rows


@given(st.lists(_rows(), min_size=1, max_size=3), st.booleans(), st.booleans())
def test_random_rows_make_the_same_workbook(sheets: list[list[Row]], default_date: bool,
                                            column_format: bool) -> None:
    _same(sheets, default_date, column_format)


def test_the_same_rows_on_several_sheets_and_a_long_sheet_make_the_same_workbook() -> None:
    task = [(0, "1.1.1", "plain"), (1, "一级任务", "wrap"), (2, date(2025, 6, 30), "date"),
            (3, None, "date"), (4, "", "plain")]
    header = [(column, f"列{column}", "plain") for column in range(5)]
    main = [(0, None, header)] + [(row, 16.5 + row % 3 * 13.5, task) for row in range(1, 600)]
    unit = [(0, None, header)] + [(row, 30.0, task) for row in range(1, 40)]
    _same([main, unit, unit])


def test_long_strings_are_cut_as_xlsxwriter_cuts_them() -> None:
    long = "长" * 40000
    emoji = "😀" * 20000  # two UTF-16 units each: cut before the 16,384th
    _same([[(0, None, [(0, long, None), (1, emoji, "plain"), (2, "x" * 16384, None)])]])


def test_empty_rows_with_a_height_and_an_empty_sheet() -> None:
    _same([[(0, 20.0, []), (3, None, [(2, "c", None)]), (5, 30.0, [])], []])


def test_rows_out_of_order_or_beyond_the_sheet_are_refused() -> None:
    _, book, _ = _book(True)
    sheet = book.add_worksheet("S", worksheet_class=RowsWorksheet)
    cells = sheet.encode(["a"], [None])
    sheet.add_row(3, cells)
    with pytest.raises(ValueError, match="increasing order"):
        sheet.add_row(3, cells)
    with pytest.raises(ValueError, match="beyond the last row"):
        sheet.add_row(1_048_576, cells)
    with pytest.raises(TypeError, match="not int"):
        sheet.encode([1], [None])
    book.close()


def test_cells_written_through_xlsxwriter_on_a_rows_worksheet_are_refused() -> None:
    _, book, _ = _book(True)
    sheet = book.add_worksheet("S", worksheet_class=RowsWorksheet)
    sheet.write_string(0, 0, "written past add_row")
    with pytest.raises(RuntimeError, match="add_row only"):
        book.close()


def test_a_writer_xlsxwriter_no_longer_calls_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    # As if a later XlsxWriter wrote sheet data through another method than the one
    # RowsWorksheet replaces: the rows would be missing, and the ledger must say so.
    monkeypatch.setattr(RowsWorksheet, "_write_sheet_data",
                        lambda self: self._xml_empty_tag("sheetData"))
    _, book, _ = _book(True)
    sheet = book.add_worksheet("S", worksheet_class=RowsWorksheet)
    sheet.add_row(0, sheet.encode(["a"], [None]))
    book.close()
    with pytest.raises(RuntimeError, match="did not write the rows of sheet 'S'"):
        assert_rows_written(book)
