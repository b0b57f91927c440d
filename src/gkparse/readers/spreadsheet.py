"""Task tables kept as workbooks (.xlsx, .xls, .et, .ods) as document blocks.

Each visible sheet is one table, its merged ranges as merges. Rows above the
header holding at most one value (the sheet's title, ``附件1``) or only labelled
values (``填报单位：…``) are paragraphs before the table, as the title stands
above the table in a notice; so the notice's fields are null except ``title``
(``workbook_title``) and ``plan_year``, read from them.

.xlsx, .xls and WPS's .et are read by python-calamine (the Rust calamine
reader pandas also uses): measured on the seed's table saved by XlsxWriter and
by LibreOffice, it gives every merged range of .xlsx and .xls (21 of 21) and
the same values as openpyxl, without a LibreOffice run. It gives no merged
ranges for .ods, so .ods is read from its ``content.xml`` here, where ODF
writes each span as an attribute.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

from lxml import etree

from gkparse.errors import DocumentError
from gkparse.limits import MB, Limits
from gkparse.messages import Message
from gkparse.ooxml.package import SAFE_XML, refuse_dtd
from gkparse.readers.document import Block, GridCell, Paragraph, table_from_grid

MAX_CELLS = 5_000_000
"""Cells read from one workbook: a sheet that claims a used range up to XFD1048576 is
refused rather than filled in."""

Merge = tuple[tuple[int, int], tuple[int, int]]  # (first row, first column), (last row, last)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if math.isfinite(value) and value == int(value):
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == time() else value
    if isinstance(value, date) and not isinstance(value, datetime):
        return f"{value.year}年{value.month}月{value.day}日"  # as an office writes a 时限
    if isinstance(value, timedelta):
        return str(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _is_text_row(row: list[str]) -> bool:
    """A row above the table that is lines of text: at most one value (a title, 附件1), or
    only labelled values (填报单位：…  填报日期：…)."""
    values = [v for v in row if v.strip()]
    return len(values) <= 1 or all(re.search(r"[：:]", v) for v in values)


_LABEL_OR_ATTACHMENT = re.compile(r"[：:]|^附\s*件\s*\d*$")


def workbook_title(lines_above: list[str]) -> str | None:
    """The title of a workbook's table: the last text row above it that is neither a
    labelled value (填报单位：…) nor an attachment number (附件1)."""
    titles = [text.strip() for text in lines_above
              if text.strip() and not _LABEL_OR_ATTACHMENT.search(text.strip())]
    return titles[-1] if titles else None


def sheet_blocks(rows: list[list[str]], merges: list[Merge]) -> Iterator[Block]:
    """One sheet: the text rows above the table (``_is_text_row``) as paragraphs, each value
    its own, and the rest as one table."""
    covered: dict[tuple[int, int], None] = {}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for (r0, c0), (r1, c1) in merges:
        if r1 < r0 or c1 < c0:
            continue
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = None
    first = 0
    while first < len(rows) and _is_text_row(rows[first]):
        values = [v.strip() for v in rows[first] if v.strip()]
        yield from (Paragraph(v) for v in values or [""])
        first += 1
    cells = [GridCell(r - first, c, text, *spans.get((r, c), (1, 1)))
             for r in range(first, len(rows)) for c, text in enumerate(rows[r])
             if (r, c) not in covered]
    if cells:
        yield table_from_grid(cells)


def _check_zip(path: Path, data: bytes, limits: Limits) -> None:
    """A .xlsx or .ods is a zip: its entries and inflated size are capped before a reader
    inflates anything (zipfile stops at each entry's declared size, so the sum holds)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
        raise DocumentError(path, "the workbook is truncated or corrupt (bad zip); ask the "
                                  "sender for the file again") from None
    if len(infos) > limits.max_entries:
        raise DocumentError(path, f"the package has {len(infos)} entries "
                                  f"(limit {limits.max_entries}); refused")
    if sum(info.file_size for info in infos) > limits.max_total_bytes:
        raise DocumentError(path, f"the workbook inflates past the "
                                  f"{limits.max_total_bytes // MB} MB limit (a zip bomb?); "
                                  "refused (raise it with --max-mb)")


def _calamine_sheets(path: Path, data: bytes) -> Iterator[tuple[list[list[str]], list[Merge]]]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        visible = [m.name for m in book.sheets_metadata
                   if str(m.visible).rsplit(".", 1)[-1] == "Visible"
                   and str(m.typ).rsplit(".", 1)[-1] == "WorkSheet"]
        cells = 0
        for name in visible:
            sheet = book.get_sheet_by_name(name)
            cells += sheet.height * sheet.width
            if cells > MAX_CELLS:
                raise DocumentError(path, f"the workbook's sheets span more than {MAX_CELLS:,} "
                                          "cells; refused")
            start_row, start_column = sheet.start or (0, 0)
            rows = [[""] * start_column + [_cell_text(v) for v in row]
                    for row in sheet.iter_rows()]
            rows = [[""] * (start_column + sheet.width)] * start_row + rows
            yield rows, list(sheet.merged_cell_ranges or [])
    except CalamineError as exc:
        raise DocumentError(path, f"the workbook cannot be read ({exc}); open it in Excel or "
                                  "WPS and save it again") from None
    except (ValueError, OverflowError, OSError) as exc:  # damaged records
        raise DocumentError(path, f"the workbook is damaged ({exc})") from None
    except BaseException as exc:
        # calamine panics on some damaged .xls records; pyo3 raises the panic as
        # PanicException, a BaseException, so that it is not caught by accident.
        if type(exc).__name__ != "PanicException":
            raise
        raise DocumentError(path, f"the workbook is damaged (the reader stopped: {exc}); open "
                                  "it in Excel or WPS and save it again") from None


_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _t(name: str) -> str:
    return f"{{{_TABLE}}}{name}"


def _repeat(element: etree._Element, name: str) -> int:
    try:
        return max(int(element.get(_t(name), "1")), 1)
    except ValueError:
        return 1


def _odf_inline(node: etree._Element, pieces: list[str]) -> None:
    """Text of a paragraph's content: spaces (``text:s``), tabs and line breaks included,
    comments (``office:annotation``) left out."""
    pieces.append(node.text or "")
    for child in node:
        tag = child.tag
        if tag == f"{{{_TEXT}}}s":
            try:
                pieces.append(" " * min(max(int(child.get(f"{{{_TEXT}}}c", "1")), 1), 1000))
            except ValueError:
                pieces.append(" ")
        elif tag == f"{{{_TEXT}}}tab":
            pieces.append("\t")
        elif tag == f"{{{_TEXT}}}line-break":
            pieces.append("\n")
        elif tag != f"{{{_OFFICE}}}annotation":
            _odf_inline(child, pieces)
        pieces.append(child.tail or "")


def _odf_text(cell: etree._Element) -> str:
    """A cell's paragraphs (``text:p``, ``text:h``), one line each."""
    lines = []
    for paragraph in cell.iter(f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"):
        pieces: list[str] = []
        _odf_inline(paragraph, pieces)
        lines.append("".join(pieces))
    return "\n".join(lines)


def _ods_sheets(path: Path, data: bytes, limits: Limits
                ) -> Iterator[tuple[list[list[str]], list[Merge]]]:
    from gkparse.ooxml.package import _Budget

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "content.xml" not in archive.namelist():
            raise DocumentError(path, "not a spreadsheet: the .ods has no content.xml")
        try:
            xml = _Budget(path, limits).read(archive, "content.xml")
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error) as exc:
            raise DocumentError(path, f"the workbook is truncated or corrupt ({exc})") from None
    try:
        root = etree.fromstring(xml, etree.XMLParser(**SAFE_XML))
    except etree.XMLSyntaxError as exc:
        raise DocumentError(path, f"malformed XML in content.xml at line {exc.lineno}: "
                                  f"{exc.msg}") from None
    refuse_dtd(path, "content.xml", root)
    budget = MAX_CELLS
    for sheet in root.iter(_t("table")):
        rows: list[list[str]] = []
        merges: list[Merge] = []
        for row in sheet.iter(_t("table-row")):
            if next(row.iterancestors(_t("table")), None) is not sheet:
                continue  # a row of a table inside a cell's drawing
            cells: list[str] = []
            spans: list[tuple[int, int, int]] = []
            for cell in row:
                if cell.tag not in (_t("table-cell"), _t("covered-table-cell")):
                    continue
                text = _odf_text(cell) if cell.tag == _t("table-cell") else ""
                repeat = _repeat(cell, "number-columns-repeated")
                if not text and cell.tag == _t("table-cell") and len(cell) == 0:
                    repeat = min(repeat, 1024)  # trailing empty columns written as one repeat
                if cell.tag == _t("table-cell"):
                    down, across = (_repeat(cell, "number-rows-spanned"),
                                    _repeat(cell, "number-columns-spanned"))
                    if down > 1 or across > 1:
                        spans.append((len(cells), down, across))
                cells.extend([text] * repeat)
            while cells and not cells[-1]:
                cells.pop()
            repeat = _repeat(row, "number-rows-repeated")
            if not any(cells):
                repeat = min(repeat, 1)  # the sheet's empty tail, written as one huge repeat
            for _ in range(repeat):
                budget -= max(len(cells), 1)
                if budget < 0:
                    raise DocumentError(path, f"the workbook's sheets span more than "
                                              f"{MAX_CELLS:,} cells; refused")
                merges.extend(((len(rows), c), (len(rows) + down - 1, c + across - 1))
                              for c, down, across in spans)
                rows.append(list(cells))
        while rows and not any(rows[-1]):
            rows.pop()
        width = max((len(r) for r in rows), default=0)
        yield [r + [""] * (width - len(r)) for r in rows], merges


def read_workbook(path: Path, data: bytes, kind: str, limits: Limits
                  ) -> tuple[list[Block], list[Message]]:
    """Every visible sheet's blocks, in the workbook's order."""
    if kind in ("xlsx", "ods"):
        _check_zip(path, data, limits)
    sheets = _ods_sheets(path, data, limits) if kind == "ods" else _calamine_sheets(path, data)
    blocks: list[Block] = []
    for rows, merges in sheets:
        blocks.extend(sheet_blocks(rows, merges))
    if not blocks:
        raise DocumentError(path, "the workbook has no visible sheet with cells")
    return blocks, []
