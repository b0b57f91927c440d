"""Opening an .xlsx workbook people filled in: safely, fast, and with merged cells as people see them.

The package is read with ``zipfile`` and ``lxml`` directly, under the same
caps as a .docx (entries; bytes inflated, counted while inflating, so a zip
header that lies does not help a zip bomb), and any XML part carrying a DTD
is refused (ECMA-376 Part 2 forbids them; they are how entity bombs arrive).
Only what a ledger needs is read: the sheet list, shared strings, which
cell styles are dates, each sheet's cells and merged ranges; Transitional
and Strict namespaces alike. (openpyxl, which wrote nothing here, spent most
of a 20,000-row import building style and rich-text objects nobody reads.)
Rows come back with each merged range's value in every cell it covers,
since that is what a person reading the sheet sees (``I3:I5`` merged means
all three rows); a cell becomes a value only when it is asked for
(``SheetRows.rows``: an import reads five columns of twelve).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, overload

from lxml import etree

from gkparse.errors import GkparseError
from gkparse.inputs import read_input
from gkparse.limits import DEFAULT_LIMITS, MB, Limits
from gkparse.ooxml.package import OLE2_MAGIC, SAFE_XML, ZIP_MAGIC, is_encrypted_package

_CHUNK = 1024 * 1024
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DIGITS = "0123456789"
_CELL_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]{1,3}\d+)(?::([A-Za-z]{1,3}\d+))?\"")
# Built-in number formats that show dates or times (ECMA-376 18.8.30, with the CJK ones).
_DATE_FORMAT_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


class WorkbookError(GkparseError):
    """The workbook cannot be read at all."""


@dataclass(frozen=True)
class CellError:
    """A cell showing a formula's error (``#N/A``, ``#REF!``): no value anyone typed."""

    code: str

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A cell holding a formula with no saved result: what it shows is unknown until a
    spreadsheet program calculates it."""

    formula: str

    def __str__(self) -> str:
        return f"={self.formula}"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _Parts:
    """The package's parts, each inflated at most once, all under one byte budget."""

    def __init__(self, path: Path, data: bytes, limits: Limits) -> None:
        self.path, self.limits = path, limits
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
            raise WorkbookError(path, "the workbook is truncated or corrupt (bad zip)") from None
        infos = self.archive.infolist()
        if len(infos) > limits.max_entries:
            raise WorkbookError(path, f"the workbook has {len(infos)} entries (limit "
                                      f"{limits.max_entries}); refused")
        self.names = {info.filename: info for info in infos}
        self.left = limits.max_total_bytes
        if sum(info.file_size for info in infos) > self.left:
            raise WorkbookError(path, f"the workbook inflates past the "
                                      f"{limits.max_total_bytes // MB} MB limit; refused")

    def read(self, name: str) -> bytes | None:
        info = self.names.get(name)
        if info is None:
            return None
        chunks = []
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    self.left -= len(chunk)
                    if self.left < 0:
                        raise WorkbookError(self.path, f"part {name} inflates past the "
                                                       f"{self.limits.max_total_bytes // MB} MB "
                                                       "limit; refused")
                    chunks.append(chunk)
        except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, ValueError,
                OSError) as exc:
            raise WorkbookError(self.path, f"the workbook is truncated or corrupt ({exc})"
                                ) from None
        except RuntimeError as exc:  # zipfile's word for a part that needs a zip password
            raise WorkbookError(self.path, "the workbook's parts are encrypted; save it again "
                                           "without a password") from exc
        data = b"".join(chunks)
        if b"<!doctype" in data[:4096].lower():
            raise WorkbookError(self.path, f"part {name} carries a DTD (<!DOCTYPE), which Excel "
                                           "never writes; refused")
        return data

    def xml(self, name: str) -> etree._Element | None:
        data = self.read(name)
        return None if data is None else self.parse(name, data)

    def parse(self, name: str, data: bytes) -> etree._Element:
        try:
            root: etree._Element = etree.fromstring(data, etree.XMLParser(**SAFE_XML))
            return root
        except etree.XMLSyntaxError as exc:
            raise WorkbookError(self.path, f"malformed XML in {name} at line {exc.lineno}: "
                                           f"{exc.msg}") from None

    def related(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id -> (type's last word, target part name)."""
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        found = {}
        for rel in rels if rels is not None else ():
            target = rel.get("Target") or ""
            name = (target.lstrip("/") if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target)))
            found[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], name)
        return found


def _shared_strings(parts: _Parts, name: str | None) -> list[str]:
    data = parts.read(name) if name else None
    if data is None:
        return []
    strings = []
    try:
        for _, item in etree.iterparse(io.BytesIO(data), events=("end",), tag="{*}si",
                                       **SAFE_XML):
            strings.append(_unescape("".join(
                t.text or "" for t in item.iter("{*}t")
                if _local(t.getparent().tag) in ("si", "r"))))  # not the phonetic guide (rPh)
            item.clear()
    except etree.XMLSyntaxError as exc:
        raise WorkbookError(parts.path, f"malformed XML in {name} at line {exc.lineno}: "
                                        f"{exc.msg}") from None
    return strings


def _unescape(text: str) -> str:
    """Excel writes some characters as ``_x000D_``."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


def _number_styles(parts: _Parts, name: str | None) -> tuple[set[int], set[int]]:
    """The cell style indexes whose number format shows a date, and those that show a percent
    (a cell shows 85%, stores 0.85)."""
    root = parts.xml(name) if name else None
    if root is None:
        return set(), set()
    custom: dict[str | None, str] = {}
    for fmt in root.iter("{*}numFmt"):
        code = _FORMAT_NOISE.sub("", fmt.get("formatCode") or "").lower()
        custom[fmt.get("numFmtId")] = ("date" if any(letter in code for letter in "ymdhs")
                                       else "percent" if "%" in code else "")
    dates, percents = set(), set()
    xfs = next(root.iter("{*}cellXfs"), None)
    for index, xf in enumerate(xfs if xfs is not None else ()):
        number = xf.get("numFmtId") or "0"
        kind = custom.get(number)
        if kind is None and number.isdigit():
            kind = ("date" if int(number) in _DATE_FORMAT_IDS
                    else "percent" if int(number) in (9, 10) else "")
        if kind == "date":
            dates.add(index)
        elif kind == "percent":
            percents.add(index)
    return dates, percents


def column_letter(index: int) -> str:
    """The letters of a 1-based column number.

    >>> column_letter(1), column_letter(9), column_letter(28)
    ('A', 'I', 'AB')
    """
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index


Range = tuple[int, int, int, int]  # first row, first column, last row, last column (1-based)


def _merged_ranges(xml: bytes) -> list[Range]:
    """A sheet's merged ranges; <mergeCells> follows <sheetData>, so only the tail is searched."""
    tail = max(xml.rfind(b"sheetData>"), 0)
    ranges = []
    for match in _MERGE.finditer(xml, tail):
        first = _CELL_REF.fullmatch(match.group(1).decode())
        last = _CELL_REF.fullmatch((match.group(2) or match.group(1)).decode())
        if first and last:
            ranges.append((int(first.group(2)), _column_index(first.group(1)),
                           int(last.group(2)), _column_index(last.group(1))))
    return ranges


_MAIN = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",  # Transitional
         "http://purl.oclc.org/ooxml/spreadsheetml/main")  # Strict


def _tags(local: str) -> frozenset[str]:
    """The usual spellings of a SpreadsheetML tag, to compare before ``_is``."""
    return frozenset([*(f"{{{space}}}{local}" for space in _MAIN), local])


_CELL_TAGS, _VALUE_TAGS = _tags("c"), _tags("v")


def _is(tag: object, local: str) -> bool:
    """Whether a tag has this local name, in any namespace or none (lxml's ``{*}local``)."""
    return isinstance(tag, str) and (tag == local or tag.endswith("}" + local))


def _child(cell: etree._Element, local: str, usual: frozenset[str] = frozenset()
           ) -> etree._Element | None:
    """A cell's first child named ``local``: ``cell.find("{*}v")`` without lxml's ElementPath,
    which is written in Python and took 1.7 µs a cell."""
    for child in cell:
        tag = child.tag
        if tag in usual or _is(tag, local):
            return child
    return None


class SheetRow(Sequence[Any]):
    """One row's cells, each turned into a value only when it is asked for.

    A ledger row has twelve columns and the import reads four or five of them
    (issue 17: 733,449 cells converted at 20,000 tasks, most never looked at).
    ``row[i]`` (column i + 1) is what the row's list of values holds there: the
    cell's value, a merged range's value in every cell it covers, None for an
    empty or absent cell; ``len(row)`` is the last column with a cell or a merge.
    A cell that cannot be read (``WorkbookError``) is found when it is read.

    The row's XML element is kept, not split into cells: a cell is looked for
    where a row written in order has it (the i-th cell, when its reference names
    column i + 1), and only a row that is not so (empty cells left out, cells
    without a reference) is mapped cell by cell, once.
    """

    __slots__ = ("_cells", "_filled", "_row", "_sheet")

    def __init__(self, sheet: SheetRows, row: etree._Element | None) -> None:
        self._sheet = sheet
        self._row = row
        self._cells: list[etree._Element | None] | None = None if row is not None else []
        self._filled: dict[int, Any] | None = None  # column index -> a merged range's value

    def get(self, index: int) -> Any:
        """The value in column ``index`` + 1; None past the row's end."""
        if self._filled is not None and index in self._filled:
            return self._filled[index]
        cells = self._cells
        if cells is None:
            row = self._row
            if row is not None and index < len(row):
                guess = row[index]
                ref = guess.get("r")
                sheet = self._sheet
                if ref is not None and sheet._columns.get(ref.rstrip(_DIGITS)) == index + 1 \
                        and (guess.tag in _CELL_TAGS or _is(guess.tag, "c")):
                    return sheet._value(guess)
            cells = self._cells = self._sheet._map(row)
        cell = cells[index] if 0 <= index < len(cells) else None
        return None if cell is None else self._sheet._value(cell)

    def __len__(self) -> int:
        cells = self._cells
        if cells is None:
            cells = self._cells = self._sheet._map(self._row)
        if self._filled:
            return max(len(cells), max(self._filled) + 1)
        return len(cells)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return self.values()[index]
        width = len(self)
        if index < 0:
            index += width
        if not 0 <= index < width:
            raise IndexError("row index out of range")
        return self.get(index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.values())

    def values(self) -> list[Any]:
        """Every column's value, in order."""
        return [self.get(index) for index in range(len(self))]

    def fill(self, first_col: int, last_col: int, value: Any) -> None:
        """A merged range's value in columns ``first_col`` to ``last_col`` (1-based)."""
        if self._filled is None:
            self._filled = {}
        for index in range(first_col - 1, last_col):
            self._filled[index] = value


@dataclass
class SheetRows:
    """One sheet: its title, and its rows as (row number, values) with merges filled in."""

    title: str
    hidden: bool
    _xml: bytes
    _strings: list[str]
    _dates: set[int]
    _epoch: datetime
    _path: Path
    _percents: set[int] = field(default_factory=set)
    _merges: list[Range] = field(default_factory=list)
    _columns: dict[str, int] = field(default_factory=dict)  # "AB" -> 28, once per sheet

    def __post_init__(self) -> None:
        self._merges = _merged_ranges(self._xml)

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        for number, row in self.rows():
            yield number, row.values()

    def rows(self) -> Iterator[tuple[int, SheetRow]]:
        """Every row as (row number, ``SheetRow``), rows the file leaves out included, each
        cell's value worked out only when it is asked for."""
        starts: dict[int, list[tuple[int, int, int]]] = {}
        for first_row, first_col, last_row, last_col in self._merges:
            starts.setdefault(first_row, []).append((first_col, last_row, last_col))
        active: list[tuple[int, int, int, Any]] = []  # last row, first col, last col, value
        number = 0
        for found, row in self._rows():
            # Rows the file leaves out are empty, but a merge may still cover them.
            while number + 1 < found:
                number += 1
                yield number, self._merge_into(SheetRow(self, None), number, starts, active)
            number = found
            yield number, self._merge_into(row, number, starts, active) \
                if active or number in starts else row

    def _merge_into(self, row: SheetRow, number: int, starts: dict[int, Any],
                    active: list[Any]) -> SheetRow:
        active[:] = [span for span in active if span[0] >= number]
        for _, first_col, last_col, value in active:
            row.fill(first_col, last_col, value)
        for first_col, last_row, last_col in starts.get(number, ()):
            value = row.get(first_col - 1)
            row.fill(first_col, last_col, value)
            if last_row > number:
                active.append((last_row, first_col, last_col, value))
        return row

    def _rows(self) -> Iterator[tuple[int, SheetRow]]:
        number = 0
        try:
            for _, element in etree.iterparse(io.BytesIO(self._xml), events=("end",),
                                              tag="{*}row", **SAFE_XML):
                given = element.get("r")
                number = (int(given) if given and len(given) <= 7 and given.isascii()
                          and given.isdigit() else number + 1)  # [0-9]{1,7}
                # The rows read before are dropped (a row still held stays readable: lxml
                # keeps an element alive while Python has it).
                while element.getprevious() is not None:
                    del element.getparent()[0]
                yield number, SheetRow(self, element)
        except etree.XMLSyntaxError as exc:
            raise WorkbookError(self._path, f"sheet {self.title!r}: malformed XML at line "
                                            f"{exc.lineno}: {exc.msg}") from None

    def _map(self, row: etree._Element | None) -> list[etree._Element | None]:
        """A row's cells by column (index 0 is column A).

        A cell is in the column its reference names (``r="C5"``), or without one in the
        column after the cell before it. A damaged row may name a column twice: then the
        cell at that column's own place (the i-th child naming column i + 1, which is
        where ``SheetRow.get`` looks first), else the last.
        """
        cells: list[etree._Element | None] = []
        if row is None:
            return cells
        columns = self._columns
        placed: set[int] = set()  # columns whose cell is at its own place
        position = 0  # the column of the cell before
        for at, cell in enumerate(row):
            if not (cell.tag in _CELL_TAGS or _is(cell.tag, "c")):
                continue
            ref = cell.get("r")
            column = columns.get(ref.rstrip(_DIGITS)) if ref else None
            named = column is not None  # by its reference, not by the cell before
            if column is None:
                match = _CELL_REF.fullmatch(ref) if ref else None
                column = _column_index(match.group(1)) if match else position + 1
                if match:
                    columns[match.group(1)] = column
                    named = True
            position = column
            if column > len(cells):
                cells.extend([None] * (column - len(cells)))
            if named and column == at + 1:
                placed.add(column)
            elif column in placed:
                continue
            cells[column - 1] = cell
        return cells

    def _value(self, cell: etree._Element) -> Any:
        kind = cell.get("t") or "n"
        if kind == "inlineStr":
            return _unescape(_inline_text(cell))
        found = None
        for child in cell:  # the first <v> (``_child``, inline: this runs for every cell read)
            tag = child.tag
            if tag in _VALUE_TAGS or _is(tag, "v"):
                found = child
                break
        if found is None:
            formula = _child(cell, "f")
            # A formula a script wrote and no spreadsheet program ever calculated.
            return FormulaWithoutValue(formula.text or "") if formula is not None else None
        value = found.text
        if not value:  # a formula whose result is empty, as Excel and LibreOffice save it
            return None
        try:
            if kind == "s":
                return self._strings[int(value)]
            if kind == "str":
                return _unescape(value)
            if kind == "e":
                return CellError(value)
            if kind == "b":
                return value.strip() == "1"
            if kind == "d":
                return datetime.fromisoformat(value.strip())
            number = float(value)
            style = cell.get("s")
            if style and style.isdigit() and int(style) in self._dates:
                return self._epoch + timedelta(days=number)
            if style and style.isdigit() and int(style) in self._percents:
                return f"{number * 100:g}%"  # as the cell shows it
            return int(number) if number.is_integer() and abs(number) < 2**53 else number
        except (ValueError, IndexError, OverflowError):
            raise WorkbookError(self._path, f"sheet {self.title!r} cell {cell.get('r') or '?'}: "
                                            f"{value[:40]!r} is not a valid {kind} value"
                                ) from None


def _inline_text(cell: etree._Element) -> str:
    """An inline string's text: its ``t`` elements under ``is`` or a run (``r``), not the
    phonetic guide (``rPh``). Most are ``<is><t>text</t></is>``, read without a search."""
    if len(cell) == 1:
        holder = cell[0]
        if len(holder) == 1 and _is(holder.tag, "is"):
            text = holder[0]
            if len(text) == 0 and _is(text.tag, "t"):
                return text.text or ""
    return "".join(t.text or "" for t in cell.iter("{*}t")
                   if _local(t.getparent().tag) in ("is", "r"))  # type: ignore[union-attr]


def read_sheets(path: str | Path, *, max_bytes: int = 100 * MB,
                limits: Limits = DEFAULT_LIMITS) -> Iterator[SheetRows]:
    """Every worksheet of an .xlsx file, in order; WorkbookError if it cannot be read."""
    path = Path(path)
    data = read_input(path, WorkbookError, "an .xlsx workbook", max_bytes)
    if data.startswith(OLE2_MAGIC):
        if is_encrypted_package(data):
            raise WorkbookError(path, "the workbook is password-protected (encrypted); remove "
                                      "the password in Excel or WPS and save it again")
        raise WorkbookError(path, "this is an .xls (Excel 97-2003) or WPS .et workbook; save it "
                                  "as .xlsx")
    if not data.startswith(ZIP_MAGIC):
        raise WorkbookError(path, "not an .xlsx workbook (save it from Excel or WPS as .xlsx)")
    parts = _Parts(path, data, limits)
    book_part = next((name for kind, name in parts.related("").values()
                      if kind == "officeDocument"), "xl/workbook.xml")
    book = parts.xml(book_part)
    if book is None or _local(book.tag) != "workbook":
        raise WorkbookError(path, "not an .xlsx workbook (no workbook part; save it from Excel "
                                  "or WPS as .xlsx)")
    related = parts.related(book_part)
    by_kind = {kind: name for kind, name in related.values()}
    strings = _shared_strings(parts, by_kind.get("sharedStrings"))
    dates, percents = _number_styles(parts, by_kind.get("styles"))
    settings = next(book.iter("{*}workbookPr"), None)
    uses_1904 = settings is not None and settings.get("date1904") in ("1", "true")
    epoch = datetime(1904, 1, 1) if uses_1904 else datetime(1899, 12, 30)
    for sheet in book.iter("{*}sheet"):
        rel = next((value for key, value in sheet.attrib.items() if _local(key) == "id"), "")
        kind, name = related.get(rel, ("", ""))
        if kind != "worksheet":  # chart sheets and dialog sheets hold no cells
            continue
        xml = parts.read(name)
        if xml is None:
            raise WorkbookError(path, f"sheet {sheet.get('name')!r} is missing from the package")
        yield SheetRows(sheet.get("name") or name, (sheet.get("state") or "visible") != "visible",
                        xml, strings, dates, epoch, path, percents)
