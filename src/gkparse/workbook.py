"""Opening an .xlsx workbook people filled in: safely, and with merged cells as people see them.

The package is checked before openpyxl reads it, with the same caps as a
.docx (entries, bytes inflated, counted while inflating so a lying header
does not help a zip bomb), and any XML part carrying a DTD is refused
(ECMA-376 Part 2 forbids them; they are how entity bombs arrive). Rows come
back with each merged range's value in every cell it covers, since that is
what a person reading the sheet sees (``I3:I5`` merged means all three rows).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from gkparse.errors import GkparseError, read_input
from gkparse.limits import DEFAULT_LIMITS, MB, Limits
from gkparse.package import OLE2_MAGIC, SAFE_XML, ZIP_MAGIC

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CHUNK = 1024 * 1024
# What openpyxl and the zip and XML layers below it raise for a damaged workbook.
_UNREADABLE = (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError,
               AttributeError, EOFError, zlib.error, SyntaxError, etree.LxmlError)


class WorkbookError(GkparseError):
    """The workbook cannot be read at all."""


def _check_package(path: Path, data: bytes, limits: Limits) -> None:
    if data.startswith(OLE2_MAGIC):
        raise WorkbookError(path, "this is an .xls (Excel 97-2003) or WPS .et workbook; save it "
                                  "as .xlsx")
    if not data.startswith(ZIP_MAGIC):
        raise WorkbookError(path, "not an .xlsx workbook (save it from Excel or WPS as .xlsx)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
        raise WorkbookError(path, "the workbook is truncated or corrupt (bad zip)") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise WorkbookError(path, f"the workbook has {len(infos)} entries (limit "
                                      f"{limits.max_entries}); refused")
        cap = limits.max_total_bytes
        if sum(info.file_size for info in infos) > cap:
            raise WorkbookError(path, f"the workbook inflates past the {cap // MB} MB limit; "
                                      "refused")
        total = 0
        for info in infos:
            try:
                with archive.open(info) as stream:
                    head = True
                    while chunk := stream.read(_CHUNK):
                        total += len(chunk)
                        if total > cap:
                            raise WorkbookError(path, f"part {info.filename} inflates past the "
                                                      f"{cap // MB} MB limit; refused")
                        if head and info.filename.endswith((".xml", ".rels")) \
                                and b"<!doctype" in chunk[:4096].lower():
                            raise WorkbookError(path, f"part {info.filename} carries a DTD "
                                                      "(<!DOCTYPE), which Excel never writes; "
                                                      "refused")
                        head = False
            except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, ValueError,
                    OSError) as exc:
                raise WorkbookError(path, f"the workbook is truncated or corrupt ({exc})") from None
            except RuntimeError as exc:  # zipfile's word for a part that needs a zip password
                raise WorkbookError(path, "the workbook's parts are encrypted; save it again "
                                          "without a password") from exc


Range = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based)


def _merged_ranges(path: Path, data: bytes, part: str | None) -> list[Range]:
    """The merged ranges of a sheet, read from its XML (openpyxl's read-only mode skips them)."""
    from openpyxl.utils.cell import range_boundaries

    if not part:
        return []
    ranges = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            stream = archive.open(part.lstrip("/"))
        except KeyError:
            return []
        with stream:
            for _, element in etree.iterparse(stream, events=("end",),
                                              tag=f"{{{SHEET_NS}}}mergeCell", **SAFE_XML):
                ref = element.get("ref") or ""
                try:
                    first_col, first_row, last_col, last_row = range_boundaries(ref)
                except (ValueError, TypeError):
                    raise WorkbookError(path, f"{part}: a merged range {ref!r} is not a "
                                              "range") from None
                if first_row is not None and last_row is not None:
                    ranges.append((first_row, first_col, last_row, last_col))
    return ranges


@dataclass
class SheetRows:
    """One sheet: its title, and its rows as (row number, values) with merges filled in."""

    title: str
    hidden: bool
    _sheet: Any
    _merges: list[Range]
    _path: Path

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        starts = {}
        for first_row, first_col, last_row, last_col in self._merges:
            starts.setdefault(first_row, []).append((first_col, last_row, last_col))
        active: list[tuple[int, int, int, Any]] = []  # last row, first col, last col, value
        try:
            # The <dimension> a writer recorded may be wrong: read every row there is.
            self._sheet.reset_dimensions()
            for number, values in enumerate(self._sheet.iter_rows(min_row=1, values_only=True),
                                            start=1):
                row = list(values)
                active = [span for span in active if span[0] >= number]
                for _, first_col, last_col, value in active:
                    _fill(row, first_col, last_col, value)
                for first_col, last_row, last_col in starts.get(number, ()):
                    value = row[first_col - 1] if first_col - 1 < len(row) else None
                    _fill(row, first_col, last_col, value)
                    if last_row > number:
                        active.append((last_row, first_col, last_col, value))
                yield number, row
        except _UNREADABLE as exc:
            raise WorkbookError(self._path, f"sheet {self.title!r} cannot be read "
                                            f"({type(exc).__name__}: {exc})") from None


def _fill(row: list[Any], first_col: int, last_col: int, value: Any) -> None:
    if len(row) < last_col:
        row.extend([None] * (last_col - len(row)))
    for index in range(first_col - 1, last_col):
        row[index] = value


def read_sheets(path: str | Path, *, max_bytes: int = 100 * MB,
                limits: Limits = DEFAULT_LIMITS) -> Iterator[SheetRows]:
    """Every worksheet of an .xlsx file, in order; WorkbookError if it cannot be read."""
    from openpyxl import load_workbook

    path = Path(path)
    data = read_input(path, WorkbookError, "an .xlsx workbook", max_bytes)
    _check_package(path, data, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except _UNREADABLE as exc:
        raise WorkbookError(path, f"cannot read the workbook ({type(exc).__name__}: {exc})"
                            ) from None
    try:
        for sheet in book.worksheets:
            merges = _merged_ranges(path, data, getattr(sheet, "_worksheet_path", None))
            yield SheetRows(sheet.title, sheet.sheet_state != "visible", sheet, merges, path)
    finally:
        book.close()
