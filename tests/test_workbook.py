"""The .xlsx reader (workbook.py) against openpyxl, on workbooks written three ways."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from typer.testing import CliRunner

from gkparse.cli import app
from gkparse.office.workbook import FormulaWithoutValue, WorkbookError, read_sheets

from conftest import ROOT

runner = CliRunner()


def _same_as_openpyxl(path: Path) -> None:
    book = load_workbook(path, data_only=True, rich_text=False)
    sheets = list(read_sheets(path))
    assert [sheet.title for sheet in sheets] == book.sheetnames
    for sheet in sheets:
        theirs = [list(row) for row in book[sheet.title].iter_rows(values_only=True)]
        # openpyxl reads a formula nobody calculated as empty; gkparse says what it is.
        mine = [[None if isinstance(v, FormulaWithoutValue) else v for v in values]
                 for _, values in sheet]
        assert len(mine) == len(theirs), sheet.title
        for number, (a, b) in enumerate(zip(theirs, mine, strict=True), start=1):
            b = b + [None] * (len(a) - len(b))
            merged = {(r, c) for rng in book[sheet.title].merged_cells.ranges
                      for r, c in rng.cells if (r, c) != (rng.min_row, rng.min_col)}
            # openpyxl leaves a merged range's covered cells empty; gkparse fills them.
            assert [x for col, x in enumerate(a, 1) if (number, col) not in merged] == \
                   [y for col, y in enumerate(b, 1) if (number, col) not in merged], number


def test_a_gkparse_ledger_reads_as_openpyxl_reads_it(tmp_path: Path) -> None:
    out = tmp_path / "ledger.xlsx"  # XlsxWriter: shared strings, date styles
    result = runner.invoke(app, ["ledger", str(ROOT / "samples" / "status.yaml"), "-o", str(out)])
    assert result.exit_code == 0
    _same_as_openpyxl(out)


def test_an_openpyxl_workbook_with_rich_text_merges_and_escapes(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.append(["编号", "状态", "完成日期", "备注"])
    ws.append(["1.1.1", CellRichText([TextBlock(InlineFont(b=True), "已"), "完成"]),
               datetime(2025, 6, 30), "行一\n行二"])
    ws.append(["1.1.2", None, None, 3.5])
    ws.append(["1.1.3", True, "=1+1", 12])
    ws.merge_cells("B2:B3")
    ws["C3"].number_format = "yyyy年m月d日"
    ws["C3"] = datetime(2025, 7, 1)
    path = tmp_path / "rich.xlsx"
    book.save(path)
    _same_as_openpyxl(path)
    rows = dict(next(iter(read_sheets(path))))
    assert rows[2][1] == "已完成" and rows[3][1] == "已完成"  # the merge covers row 3
    assert rows[2][3] == "行一\n行二" and rows[3][2] == datetime(2025, 7, 1)
    # openpyxl saves a formula with an empty result (<v></v>), as Excel and LibreOffice save
    # one whose result is empty: nothing was typed there.
    assert rows[4][2] is None


def test_a_formula_with_no_result_at_all_says_so(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["编号", "状态"])
    book.active.append(["1.1.1", "=B1"])
    bare = _rewrite_part(tmp_path, book, "xl/worksheets/sheet1.xml", lambda data: data.replace(
        b"<v></v>", b"").replace(b"<v />", b"").replace(b"<v/>", b""))
    rows = dict(next(iter(read_sheets(bare))))
    assert rows[2][1] == FormulaWithoutValue("B1")


def test_1904_dates(tmp_path: Path) -> None:
    book = Workbook()
    book.epoch = __import__("openpyxl").utils.datetime.CALENDAR_MAC_1904
    book.active.append(["编号", "完成日期"])
    book.active.append(["1.1.1", datetime(2025, 6, 30)])
    path = tmp_path / "mac.xlsx"
    book.save(path)
    assert dict(next(iter(read_sheets(path))))[2][1] == datetime(2025, 6, 30)


@pytest.mark.parametrize("damage", ["malformed-sheet", "no-workbook"])
def test_a_damaged_workbook_is_one_error(tmp_path: Path, damage: str) -> None:
    book = Workbook()
    book.active.append(["编号", "状态"])
    if damage == "malformed-sheet":
        bad = _rewrite_part(tmp_path, book, "xl/worksheets/sheet1.xml",
                            lambda data: data[: len(data) // 2])
    else:
        bad = _rewrite_part(tmp_path, book, "xl/workbook.xml", lambda _: None)
    with pytest.raises(WorkbookError) as caught:
        list(list(sheet) for sheet in read_sheets(bad))
    assert "\n" not in str(caught.value)


# --- rows read lazily (issue 17): only the cells asked for are turned into values -------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _sheet_xml(rows: str, merges: str = "") -> bytes:
    merged = f'<mergeCells count="1">{merges}</mergeCells>' if merges else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}" '
            f'xmlns:x="{_MAIN}"><sheetData>{rows}</sheetData>{merged}</worksheet>').encode()


def _rewrite_part(tmp_path: Path, book: Any, part: str,
                  change: Callable[[bytes], bytes | None]) -> Path:
    """``book`` saved, one of its parts put through ``change`` (None: the part left out)."""
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    out = tmp_path / "hand.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            kept = change(data) if info.filename == part else data
            if kept is not None:
                dst.writestr(info, kept)
    return out


def _one_sheet(tmp_path: Path, xml: bytes) -> Path:
    book = Workbook()
    book.active.append(["x"])
    return _rewrite_part(tmp_path, book, "xl/worksheets/sheet1.xml", lambda _: xml)


def _n(ref: str, value: object) -> str:
    return f'<c r="{ref}" t="str"><v>{value}</v></c>' if ref else f'<c t="str"><v>{value}</v></c>'


# Each row as the XML says it, and as a person sees it (the list of its values).
_HAND_ROWS = [
    (f'<row r="1">{_n("A1", "编号")}{_n("B1", "状态")}{_n("C1", "备注")}</row>',
     ["编号", "状态", "备注"]),
    # in order, every cell with its reference: read by position
    (f'<row r="2">{_n("A2", "1.1.1")}{_n("B2", "推进中")}{_n("C2", "n")}</row>',
     ["1.1.1", "推进中", "n"]),
    # empty cells left out (as Excel saves them): C3 is the second cell
    (f'<row r="3">{_n("A3", "1.1.2")}{_n("C3", "only C")}</row>', ["1.1.2", None, "only C"]),
    # no references at all: each cell is the one after the one before
    (f'<row r="4">{_n("", "1.1.3")}{_n("", "已完成")}</row>', ["1.1.3", "已完成"]),
    # out of order
    (f'<row r="5">{_n("C5", "c")}{_n("A5", "1.1.4")}{_n("B5", "b")}</row>',
     ["1.1.4", "b", "c"]),
    # a cell named twice (a damaged file): the one at its own place, else the last
    (f'<row r="6">{_n("A6", "1.1.5")}{_n("B6", "placed")}{_n("C6", "c")}{_n("B6", "x")}</row>',
     ["1.1.5", "placed", "c"]),
    (f'<row r="7">{_n("B7", "x")}{_n("A7", "1.1.9")}{_n("B7", "last")}</row>',
     ["1.1.9", "last"]),
    # a prefixed tag and an element that is no cell before the cells
    (f'<row r="8"><extLst/><x:c r="A8" t="str"><x:v>1.1.6</x:v></x:c>{_n("B8", "受阻")}</row>',
     ["1.1.6", "受阻"]),
    # a merge B9:B10 (row 10 is not in the file) and a cell whose reference is not one
    (f'<row r="9">{_n("A9", "1.1.7")}{_n("B9", "merged")}{_n("1C9", "odd")}</row>',
     ["1.1.7", "merged", "odd"]),
    ("", [None, "merged"]),
    # a row far to the right
    (f'<row r="11">{_n("A11", "1.1.8")}{_n("AB11", "far")}</row>',
     ["1.1.8", *[None] * 26, "far"]),
]


def test_lazy_rows_find_each_cell_wherever_the_xml_puts_it(tmp_path: Path) -> None:
    import random

    path = _one_sheet(tmp_path, _sheet_xml("".join(xml for xml, _ in _HAND_ROWS),
                                           '<mergeCell ref="B9:B10"/>'))
    expected = {number: values for number, (_, values) in enumerate(_HAND_ROWS, start=1)}
    assert dict(next(iter(read_sheets(path)))) == expected  # the lists, as before
    for seed in range(20):  # and each cell asked for alone, in any order, first or not
        chance = random.Random(seed)
        for number, row in next(iter(read_sheets(path))).rows():
            want = expected[number]
            columns = list(range(len(want) + 2))
            chance.shuffle(columns)
            for index in columns[: chance.randint(1, len(columns))]:
                assert row.get(index) == (want[index] if index < len(want) else None), \
                    (seed, number, index)
            assert len(row) == len(want) and list(row) == want and row[-1] == want[-1]
            with pytest.raises(IndexError):
                row[len(want)]


def test_a_row_held_after_the_next_is_read_keeps_its_cells(tmp_path: Path) -> None:
    path = _one_sheet(tmp_path, _sheet_xml("".join(xml for xml, _ in _HAND_ROWS),
                                           '<mergeCell ref="B9:B10"/>'))
    held = list(next(iter(read_sheets(path))).rows())  # every row kept, none read yet
    assert [row.values() for _, row in held] == [values for _, values in _HAND_ROWS]


def test_a_damaged_cell_is_an_error_where_the_import_reads_it_and_not_elsewhere(
        tmp_path: Path) -> None:
    """A shared-string index past the table is a WorkbookError (one line) when the import
    reads that cell (状态); in a column the import has no use for (具体要求) it is never read,
    as before the reader read every column."""
    book = Workbook()
    sheet = book.active
    sheet.title = "总台账"
    sheet.append(["编号", "具体要求", "状态"])
    sheet.append(["1.1.1", "要求", "推进中"])
    good = tmp_path / "good.xlsx"
    book.save(good)
    status = tmp_path / "status.yaml"
    for column, fails in (("B", False), ("C", True)):
        def damage(xml: bytes, column: str = column) -> bytes:
            cell = f'<c r="{column}2" t="s"><v>999</v></c>'.encode()  # no such shared string
            return re.sub(f'<c r="{column}2".*?</c>'.encode(), cell, xml, count=1)
        bad = tmp_path / f"bad-{column}.xlsx"
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as out:
            for info in src.infolist():
                data = src.read(info)
                out.writestr(info, damage(data) if info.filename == "xl/worksheets/sheet1.xml"
                             else data)
        status.write_text("tasks:\n  \"1.1.1\": 未开始\n", encoding="utf-8")
        result = runner.invoke(app, ["status", "import", str(bad), "--into", str(status)])
        if fails:
            assert result.exit_code == 2
            assert "cell C2: '999' is not a valid s value" in result.output
            assert status.read_text(encoding="utf-8") == "tasks:\n  \"1.1.1\": 未开始\n"
        else:
            assert result.exit_code == 0, result.output
            assert "in_progress" in status.read_text(encoding="utf-8") or \
                "推进中" in status.read_text(encoding="utf-8")


_LETTER = "ABCDEFGH"


@st.composite
def _hand_row(draw: st.DrawFn) -> list[tuple[str, str | None, str]]:
    """A row's children as (kind, reference, text): cells with a reference, none, or one
    that is not a reference, in any order, some named twice, and an element that is no cell."""
    children = []
    for index in range(draw(st.integers(0, 7))):
        kind = draw(st.sampled_from(["c", "c", "c", "c", "extLst"]))
        ref = draw(st.one_of(st.none(), st.sampled_from(_LETTER).map(lambda L: f"{L}2"),
                             st.just("1C2")))
        children.append((kind, ref, f"v{index}"))
    return children


def _expected(children: list[tuple[str, str | None, str]]) -> list[object]:
    """The documented rule, written plainly: a cell is in the column its reference names, or
    after the cell before; a column named twice holds the cell at its own place, else the last."""
    where: dict[int, list[tuple[int, str]]] = {}
    column = 0
    for at, (kind, ref, text) in enumerate(children):
        if kind != "c":
            continue
        named = ref is not None and ref[0] in _LETTER
        column = _LETTER.index(ref[0]) + 1 if named and ref else column + 1
        where.setdefault(column, []).append((at, text) if named else (-1, text))
    width = max(where, default=0)
    values: list[object] = []
    for col in range(1, width + 1):
        found = where.get(col, [])
        placed = [text for at, text in found if at == col - 1]
        values.append(placed[0] if placed else found[-1][1] if found else None)
    return values


@given(children=_hand_row(), order=st.randoms(use_true_random=False))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_row_reads_the_same_whichever_cells_are_asked_for_first(
        tmp_path: Path, children: list[tuple[str, str | None, str]], order: Any) -> None:
    xml = "".join(
        (f'<c{f" r={chr(34)}{ref}{chr(34)}" if ref else ""} t="str"><v>{text}</v></c>'
         if kind == "c" else "<extLst/>") for kind, ref, text in children)
    header = "".join(_n(f"{letter}1", letter) for letter in _LETTER)
    path = _one_sheet(tmp_path, _sheet_xml(f'<row r="1">{header}</row><row r="2">{xml}</row>'))
    want = _expected(children)
    rows = dict(next(iter(read_sheets(path))).rows())
    assert rows[1].values() == list(_LETTER)  # read whole, as a header is: the letters known
    columns = list(range(len(want) + 1))
    order.shuffle(columns)
    assert [rows[2].get(i) for i in columns] == \
        [want[i] if i < len(want) else None for i in columns]
    assert dict(next(iter(read_sheets(path))))[2] == want
