"""Are two ledgers the same workbook? Compared as openpyxl reads them, then part by part.

    python benchmarks/ledger_same.py BEFORE.xlsx AFTER.xlsx [MORE_BEFORE MORE_AFTER ...]

openpyxl: every sheet's name, order and state (hidden), every cell's value and data type,
number format, font, fill, border, alignment and protection; merged ranges, column widths,
row heights, freeze panes, autofilter, data validations, conditional formats, print setup,
defined names and sheet protection; the hidden baseline sheet (``gkparse``, what ``status
import`` reads back) value by value with each value's Python type. Then the zip: the same
part names and each part's bytes. Prints what it compared and every difference (at most 20
per pair); exits 1 when any pair differs. Used for issue 17's ledger writer (run before and
after a change to office/ledger.py or office/rows_worksheet.py).
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook


def _style(cell: Any) -> tuple[object, ...]:
    return (cell.number_format, repr(cell.font), repr(cell.fill), repr(cell.border),
            repr(cell.alignment), repr(cell.protection))


def _sheet_facts(sheet: Any) -> dict[str, object]:
    return {
        "state": sheet.sheet_state,
        "dimensions": sheet.dimensions,
        "merged": sorted(str(merged) for merged in sheet.merged_cells.ranges),
        "column widths": {key: (dim.width, dim.customWidth, dim.min, dim.max)
                          for key, dim in sorted(sheet.column_dimensions.items())},
        "row heights": {key: (dim.height, dim.customHeight)
                        for key, dim in sorted(sheet.row_dimensions.items())},
        "freeze panes": sheet.freeze_panes,
        "autofilter": sheet.auto_filter.ref,
        "data validations": [(str(dv.sqref), dv.type, dv.operator, dv.formula1, dv.formula2,
                              dv.error, dv.errorTitle, dv.allow_blank, dv.showErrorMessage)
                             for dv in sheet.data_validations.dataValidation],
        "conditional formats": [(str(rng.sqref), [repr(rule) for rule in rules])
                                for rng, rules in sheet.conditional_formatting._cf_rules.items()],
        "protection": repr(sheet.protection),
        "print": (sheet.page_setup.orientation, sheet.page_setup.paperSize,
                  sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight,
                  sheet.print_title_rows, repr(sheet.page_margins),
                  sheet.oddHeader.center.text, sheet.oddFooter.center.text),
    }


def compare(before: Path, after: Path) -> Iterator[str]:
    """Every difference between the two workbooks, as lines."""
    old, new = load_workbook(before), load_workbook(after)
    if old.sheetnames != new.sheetnames:
        yield f"sheet names or order: {old.sheetnames} != {new.sheetnames}"
        return
    old_names = {name: str(value.attr_text) for name, value in old.defined_names.items()}
    new_names = {name: str(value.attr_text) for name, value in new.defined_names.items()}
    if old_names != new_names:
        yield f"workbook defined names: {old_names} != {new_names}"
    for name in old.sheetnames:
        a, b = old[name], new[name]
        facts_a, facts_b = _sheet_facts(a), _sheet_facts(b)
        for key in facts_a:
            if facts_a[key] != facts_b[key]:
                yield f"{name}: {key} differ: {facts_a[key]!r} != {facts_b[key]!r}"
        if sorted(a.defined_names) != sorted(b.defined_names):
            yield f"{name}: defined names differ"
        rows_a, rows_b = list(a.iter_rows()), list(b.iter_rows())
        if len(rows_a) != len(rows_b):
            yield f"{name}: {len(rows_a)} rows != {len(rows_b)}"
        for row_a, row_b in zip(rows_a, rows_b, strict=False):
            for cell_a, cell_b in zip(row_a, row_b, strict=True):
                if (cell_a.value, type(cell_a.value), cell_a.data_type) != (
                        cell_b.value, type(cell_b.value), cell_b.data_type):
                    yield (f"{name}!{cell_a.coordinate}: {cell_a.value!r} ({cell_a.data_type}) "
                           f"!= {cell_b.value!r} ({cell_b.data_type})")
                if _style(cell_a) != _style(cell_b):
                    yield f"{name}!{cell_a.coordinate}: style differs"
    with zipfile.ZipFile(before) as zip_a, zipfile.ZipFile(after) as zip_b:
        if zip_a.namelist() != zip_b.namelist():
            yield f"zip parts: {zip_a.namelist()} != {zip_b.namelist()}"
        for part in zip_a.namelist():
            if part in zip_b.namelist() and zip_a.read(part) != zip_b.read(part):
                yield f"zip part {part}: bytes differ"


def _counts(path: Path) -> str:
    book = load_workbook(path)
    cells = sum(sheet.max_row * sheet.max_column for sheet in book.worksheets)
    hidden = [sheet.title for sheet in book.worksheets if sheet.sheet_state != "visible"]
    return f"{len(book.sheetnames)} sheets ({', '.join(hidden)} hidden), {cells:,} cells"


def main(argv: list[str]) -> int:
    if len(argv) < 2 or len(argv) % 2:
        print(__doc__, file=sys.stderr)
        return 2
    failed = False
    for before, after in zip(argv[::2], argv[1::2], strict=True):
        found = list(compare(Path(before), Path(after)))
        if found:
            failed = True
            print(f"DIFFERENT: {before} / {after} ({len(found)} differences)")
            for line in found[:20]:
                print("  " + (line if len(line) <= 300 else line[:297] + "..."))
        else:
            print(f"same workbook: {before} / {after}: {_counts(Path(after))}, every part's "
                  "bytes equal")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
