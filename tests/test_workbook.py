"""The .xlsx reader (workbook.py) against openpyxl, on workbooks written three ways."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest
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
    good = tmp_path / "good.xlsx"
    book.save(good)
    bare = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bare, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<v></v>", b"").replace(b"<v />", b"").replace(b"<v/>", b"")
            out.writestr(info, data)
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
    good = tmp_path / "good.xlsx"
    book.save(good)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if damage == "malformed-sheet" and info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            if damage == "no-workbook" and info.filename == "xl/workbook.xml":
                continue
            out.writestr(info, data)
    with pytest.raises(WorkbookError) as caught:
        list(list(sheet) for sheet in read_sheets(bad))
    assert "\n" not in str(caught.value)
