"""A PDF with a text layer as document blocks: paragraphs, and ruled tables with spans.

pdfplumber (on pdfminer.six) gives each character with its box and finds
tables from their ruling lines, each cell with its box, so a cell spanning
rows or columns is one box: its span is the grid lines it covers. What a PDF
does not say is rebuilt as a reader of the printed page would:

- Lines into paragraphs: a new paragraph starts after a wider gap than the
  lines' own spacing, after a line that stops well short of the text's right
  edge, or at an indented line; otherwise a line wrapped and the next one
  continues it (Chinese text wraps between any two characters).
- Spaces: a gap between two Latin letters or digits is a space; a gap beside
  a Chinese character is the spacing Word and LibreOffice put between Chinese
  and Latin text, not a space, unless it is a character wide.
- A table running over several pages is one table: a part at the top of a
  page continues the table ending the page before when it has the same
  columns; its repeated header rows are skipped, and a blank cell in its first
  row continues the cell above it, as a merged cell cut by the page break does.
- Page numbers (``— 3 —``, ``第3页``) are page furniture, not text.

A PDF without a text layer (a scan) is refused: there is nothing to read.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkparse.errors import DocumentError
from gkparse.limits import Limits
from gkparse.messages import Message
from gkparse.readers.document import Block, GridCell, Paragraph, table_from_grid

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201f\u2014\u2026]")
_PAGE_NUMBER = re.compile(r"^[\s\-—–－―]*(?:第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d{1,4}|"
                          r"\d+\s*/\s*\d+)[\s\-—–－―]*$")


# Some PDF writers (Chromium's among them) map CJK glyphs to the radical code points that
# look the same (⼀ U+2F00 for 一, ⻓ U+2ED3 for 长), so copied text would not match.
# Kangxi radicals have compatibility decompositions; the supplement's whole-character forms
# are listed here.
_RADICAL_SUPPLEMENT = str.maketrans(
    "⺟⺠⻄⻅⻆⻉⻋⻓⻔⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
    "母民西见角贝车长门青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙龟")
_KANGXI = re.compile(r"[\u2f00-\u2fdf]")


def _unradical(text: str) -> str:
    text = text.translate(_RADICAL_SUPPLEMENT)
    return _KANGXI.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _Fragment:
    """The part of a ruled table on one page."""

    columns: list[float]  # x of each column's left edge
    cells: list[GridCell] = field(default_factory=list)
    rows: int = 0
    open_top: set[int] = field(default_factory=set)
    """Columns whose first cell has no ruling line above it: the page cut it from the cell
    above."""


def _chars_to_lines(chars: list[dict[str, Any]]) -> list[_Line]:
    """Characters grouped into lines by their vertical position, in reading order."""
    lines: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"], 1), c["x0"])):
        if lines and abs(lines[-1][0]["top"] - char["top"]) < 0.5 * max(char["size"], 1):
            lines[-1].append(char)
        else:
            lines.append([char])
    out = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        pieces: list[str] = []
        previous = None
        for char in line:
            text = char["text"]
            if previous is not None and text.strip():
                gap = char["x0"] - previous["x1"]
                size = max(char["size"], 1)
                beside_cjk = bool(_CJK.match(text) or _CJK.match(previous["text"]))
                if gap > (0.9 if beside_cjk else 0.2) * size and pieces and pieces[-1] != " ":
                    pieces.append(" ")
            if text.strip() or (pieces and pieces[-1] != " "):
                pieces.append(text if text.strip() else " ")
            previous = char
        text = _unradical("".join(pieces).strip())
        if text:
            sizes = [c["size"] for c in line if c["text"].strip()]
            out.append(_Line(text, line[0]["x0"], line[-1]["x1"], min(c["top"] for c in line),
                             max(c["bottom"] for c in line), statistics.median(sizes or [10])))
    return out


def _paragraphs(lines: list[_Line], left: float, right: float, *, indents: bool = True
                ) -> list[str]:
    """Wrapped lines joined back into paragraphs (see the module's docstring). ``indents``:
    whether an indented line starts a paragraph (body text; table cells are often centred)."""
    if not lines:
        return []
    gaps = [b.top - a.top for a, b in itertools.pairwise(lines) if b.top > a.top]
    pitch = min(gaps) if gaps else 0.0
    widest = max(line.x1 - line.x0 for line in lines)
    paragraphs: list[list[str]] = [[lines[0].text]]
    for before, line in itertools.pairwise(lines):
        size = line.size
        if indents:  # body text: left-aligned, its first lines indented
            short = before.x1 < right - 2.5 * size
        else:  # a cell, often centred: a line narrower than the widest by more than
            # line-breaking rules explain. They move one character down, or two where the
            # next line starts with an opening mark or the character before one (将“).
            deficit = (widest - (before.x1 - before.x0)) / size
            short = deficit > (2.5 if _MOVED_DOWN.match(line.text) else 1.5)
        new = (line.top - before.top > 1.35 * pitch + 0.5 or short
               or (indents and line.x0 > left + 1.5 * size))
        if new:
            paragraphs.append([line.text])
        else:
            paragraphs[-1].append(line.text)
    return [_join_wrapped(parts) for parts in paragraphs]


def _join_wrapped(parts: list[str]) -> str:
    """Lines of one paragraph: no space where Chinese text wrapped, one between Latin words."""
    text = parts[0]
    for part in parts[1:]:
        if _CJK.match(text[-1:]) or _CJK.match(part[:1]) or text.endswith("-"):
            text += part
        else:
            text += " " + part
    return text


def _inside(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x: float = (char["x0"] + char["x1"]) / 2
    y: float = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _ruled(edges: list[dict[str, Any]], y: float, x0: float, x1: float) -> bool:
    """Whether a ruling line runs along y over most of [x0, x1]."""
    covered: float = sum(max(0.0, min(e["x1"], x1) - max(e["x0"], x0)) for e in edges
                  if abs(e["top"] - y) <= 2)
    return covered >= 0.6 * (x1 - x0)


def _find_tables(page: Any) -> list[Any]:  # pdfplumber Page -> list[pdfplumber.table.Table]
    """The page's ruled tables, their parts cut by the page break closed.

    A writer that cuts a table at the page's end may leave the cut cells without the line
    that would close them, and pdfplumber finds only closed cells. So the search runs twice:
    the second time with a line added along the top and the bottom of each table's vertical
    rules, over their width.
    """
    first = page.find_tables()
    if not first:
        return []
    tall = 0.9 * float(page.height)
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] < tall]
    lines = []
    for table in first:
        top, bottom = table.bbox[1], table.bbox[3]
        near = [e for e in verticals if e["bottom"] > top - 1 and e["top"] < bottom + 1]
        if not near:
            continue
        left, right = min(e["x0"] for e in near), max(e["x1"] for e in near)
        for y in (min(e["top"] for e in near), max(e["bottom"] for e in near)):
            lines.append({"x0": left, "x1": right, "top": y, "bottom": y, "width": right - left,
                          "height": 0, "object_type": "line", "orientation": "h"})
    found: list[Any] = page.find_tables({"explicit_horizontal_lines": lines})
    return found


def _fragment(table: Any, chars: list[dict[str, Any]], rules: list[dict[str, Any]]) -> _Fragment:
    """One page's part of a table (pdfplumber ``Table``): its cells on the grid of their
    edges; ``rules`` (the page's horizontal ruling lines) tell which top cells are open."""
    boxes = [cell for row in table.rows for cell in row.cells if cell is not None]
    # A band a few points thin between two ruling lines (borders drawn double, as a browser
    # draws separated cell borders) is no cell.
    boxes = [box for box in boxes if min(box[2] - box[0], box[3] - box[1]) >= _THIN
             or any(_inside(c, box) and c["text"].strip() for c in chars)]
    columns = sorted({round(box[0], 1) for box in boxes})
    tops = sorted({round(box[1], 1) for box in boxes})
    fragment = _Fragment(columns=columns, rows=len(tops))
    for box in boxes:
        row = tops.index(round(box[1], 1))
        column = columns.index(round(box[0], 1))
        rows = sum(1 for y in tops if box[1] - 0.5 <= y < box[3] - 0.5)
        span = sum(1 for x in columns if box[0] - 0.5 <= x < box[2] - 0.5)
        inside = [c for c in chars if _inside(c, box)]
        lines = _chars_to_lines(inside)
        left = min((line.x0 for line in lines), default=box[0])
        right = max((line.x1 for line in lines), default=box[2])
        text = "\n".join(_paragraphs(lines, left, right, indents=False))
        cell = GridCell(row, column, text, max(rows, 1), max(span, 1))
        fragment.cells.append(cell)
        if row == 0 and not _ruled(rules, box[1], box[0], box[2]):
            fragment.open_top.add(column)
    for row in reversed(range(1, fragment.rows)):
        _drop_if_phantom(fragment, row)
    return fragment


def _drop_if_phantom(fragment: _Fragment, row: int) -> None:
    """A grid row whose own cells are all blank, beside cells that run on through it from
    above, is no row of the table: it is where a writer cut a merged cell at a page break
    (the rest of the page beside it, or a piece of it drawn at the top of the next page).
    Its blank cells join the cells above them."""
    own = [c for c in fragment.cells if c.row == row]
    spanning = [c for c in fragment.cells if c.row < row <= c.row + c.rows - 1]
    if not spanning or any(c.text.strip() for c in own):
        return
    for cell in own:
        above = next((c for c in fragment.cells if c.column == cell.column
                      and c.columns == cell.columns and c.row + c.rows == row), None)
        if above is not None:
            above.rows += cell.rows
            spanning.append(above)
    fragment.cells = [c for c in fragment.cells if c.row != row]
    for cell in spanning:
        cell.rows -= 1
    for cell in fragment.cells:
        if cell.row > row:
            cell.row -= 1
    fragment.rows -= 1


def _row_texts(fragment: _Fragment, row: int) -> list[str]:
    return [c.text for c in sorted(fragment.cells, key=lambda c: c.column) if c.row == row]


def _join(parts: list[_Fragment]) -> list[GridCell]:
    """Fragments of one table on consecutive pages as one grid."""
    first = parts[0]
    cells = list(first.cells)
    offset = first.rows
    header_rows = first.rows  # until a later page shows how many rows it repeats
    for part in parts[1:]:
        skip = 0  # the header rows the page repeats
        while (skip < part.rows and skip < first.rows and any(_row_texts(part, skip))
               and _row_texts(part, skip) == _row_texts(first, skip)):
            skip += 1
        if skip:
            header_rows = min(header_rows, skip)
        top_row = [c for c in part.cells if c.row == skip]
        if skip == 0 and top_row and all(c.column in part.open_top for c in top_row):
            # The page cut a row in two: its first row goes on with the last row before.
            _continue_row(cells, top_row)
            offset -= 1
        else:
            _carry_cut_merges(cells, top_row, header_rows,
                              part.open_top if skip == 0 else set())
        for cell in part.cells:
            if cell.row >= skip and cell.rows:
                cell.row += offset - skip
                cells.append(cell)
        offset += part.rows - skip
    return cells


def _above(cells: list[GridCell], cell: GridCell, last_row: int) -> GridCell | None:
    """The cell of the grid so far that ends in ``last_row`` right above ``cell``."""
    return next((c for c in cells if c.column == cell.column and c.row + c.rows - 1 == last_row
                 and c.columns == cell.columns), None)


def _joined(above: str, below: str) -> str:
    return _join_wrapped([above, below]) if above and below else above or below


def _continue_row(cells: list[GridCell], top_row: list[GridCell]) -> None:
    """The cells of a row the page cut in two: each one's text goes on in the cell above."""
    last_row = max(c.row + c.rows - 1 for c in cells)
    for cell in top_row:
        above = _above(cells, cell, last_row)
        if above is None:
            continue
        above.text = _joined(above.text, cell.text)
        above.rows += cell.rows - 1
        cell.rows = 0  # taken into the cell above


def _carry_cut_merges(cells: list[GridCell], top_row: list[GridCell], header_rows: int,
                      open_top: set[int]) -> None:
    """Cells at the top of a page's part that continue the cells above them, left to right,
    as a merged cell cut by the page break does: one drawn without a line above it, or a
    blank one. A blank cell right of one that starts something new is left blank (a task's
    merges nest in those of the columns to its left)."""
    if not cells:
        return
    last_row = max(c.row + c.rows - 1 for c in cells)
    for cell in sorted(top_row, key=lambda c: c.column):
        above = _above(cells, cell, last_row)
        if above is None or above.row < header_rows:
            return
        if cell.column in open_top:
            above.text = _joined(above.text, cell.text)
        elif cell.text.strip():
            return
        above.rows += cell.rows
        cell.rows = 0  # taken into the cell above


def read_pdf(path: Path, data: bytes, limits: Limits) -> tuple[list[Block], list[Message]]:
    """The PDF's blocks in reading order, and warnings (pages without text)."""
    import pdfplumber

    # pdfminer logs what it tolerates in a font or a page (a missing FontBBox) as warnings on
    # the root logger's stderr; a reader's warnings are its own and the file reads fine.
    logger = logging.getLogger("pdfminer")
    level, logger.level = logger.level, logging.ERROR
    try:
        return _read(path, data, limits, pdfplumber)
    finally:
        logger.setLevel(level)


_THIN = 4.0  # points
# A line starting with what line-breaking rules keep off a line's end or start: the line
# before it may be short because they moved characters down.
_MOVED_DOWN = re.compile(r"^(?:.?[“‘（《〔【「『(\[]|[，。、；：？！）》〕】」』”’…—,.;:?!)\]])")
_STREAM = re.compile(rb"stream\r?\n")


def check_inflation(path: Path, data: bytes, limits: Limits) -> None:
    """Refuse a PDF whose compressed streams inflate past ``limits.max_total_bytes`` together,
    counted as they inflate (pdfminer inflates each stream whole, in memory)."""
    import zlib

    left = limits.max_total_bytes
    for match in _STREAM.finditer(data):
        inflater = zlib.decompressobj()
        start = match.end()
        try:
            piece = inflater.decompress(data[start:start + (1 << 20)], min(left + 1, 1 << 22))
            left -= len(piece)
            position = start + (1 << 20)
            while left >= 0 and not inflater.eof and (position < len(data) or
                                                     inflater.unconsumed_tail):
                chunk = inflater.unconsumed_tail or data[position:position + (1 << 20)]
                if not inflater.unconsumed_tail:
                    position += 1 << 20
                left -= len(inflater.decompress(chunk, min(left + 1, 1 << 22)))
        except zlib.error:
            continue  # not a Flate stream, or the end of one: pdfminer decides
        if left < 0:
            raise DocumentError(path, f"the PDF's streams inflate past the "
                                      f"{limits.max_total_bytes // (1024 * 1024)} MB limit "
                                      "(a zip bomb?); refused (raise it with --max-mb)")


def _read(path: Path, data: bytes, limits: Limits, pdfplumber: Any) -> tuple[list[Block], list[Message]]:
    check_inflation(path, data, limits)
    warnings: list[Message] = []
    # Each page as ("lines", [...]) and ("table", fragment) items, top to bottom.
    pages: list[list[tuple[str, Any]]] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > limits.max_pdf_pages:
                raise DocumentError(path, f"the PDF has {len(pdf.pages)} pages (limit "
                                          f"{limits.max_pdf_pages}); refused")
            blank: list[int] = []
            for number, page in enumerate(pdf.pages, start=1):
                chars = [c for c in page.chars if c.get("text")]
                if not any(c["text"].strip() for c in chars):
                    blank.append(number)
                    pages.append([])
                    continue
                tables = [t for t in _find_tables(page) if t.rows]
                rules = [e for e in page.edges if e["orientation"] == "h"]
                in_table = [t.bbox for t in tables]
                loose = [c for c in chars if not any(_inside(c, box) for box in in_table)]
                items: list[tuple[float, str, object]] = []
                for line in _chars_to_lines(loose):
                    if _PAGE_NUMBER.match(line.text) and (
                            line.top < page.height * 0.12 or line.bottom > page.height * 0.88):
                        continue
                    items.append((line.top, "line", line))
                items.extend((t.bbox[1], "table", _fragment(t, chars, rules)) for t in tables)
                items.sort(key=lambda item: item[0])
                pages.append([(kind, value) for _, kind, value in items])
            page_count = len(pdf.pages)
    except DocumentError:
        raise
    except Exception as exc:  # pdfminer raises many types for damaged or encrypted files
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise DocumentError(path, "the PDF is password-protected; ask for a copy without "
                                      "a password") from None
        raise DocumentError(path, f"the PDF cannot be read ({name}: {exc}); it may be "
                                  "damaged") from None
    if len(blank) == page_count:
        raise DocumentError(path, "the PDF has no text layer (a scan?): there is no text to "
                                  "read; ask for the .docx, or run OCR on it first")
    if blank:
        warnings.append(Message("pdf-pages-without-text",
                                f"page(s) {', '.join(map(str, blank))} of the PDF have no text "
                                "layer (scanned?) and were not read", pages=tuple(blank)))
    return _blocks(pages), warnings


def _blocks(pages: list[list[tuple[str, Any]]]) -> list[Block]:
    blocks: list[Block] = []
    all_lines = [v for page in pages for kind, v in page if kind == "line"]
    left = min((line.x0 for line in all_lines), default=0.0)
    right = max((line.x1 for line in all_lines), default=0.0)
    open_table: list[_Fragment] = []
    pending: list[_Line] = []

    def close_table() -> None:
        if open_table:
            blocks.append(table_from_grid(_join(open_table)))
            open_table.clear()

    def flush_lines() -> None:
        if pending:
            blocks.extend(Paragraph(text) for text in _paragraphs(pending, left, right))
            pending.clear()

    for page in pages:
        for position, (kind, value) in enumerate(page):
            if kind == "line":
                close_table()
                pending.append(value)
                continue
            flush_lines()
            if open_table and position == 0 and len(value.columns) == len(open_table[-1].columns):
                open_table.append(value)  # the table goes on from the page before
            else:
                close_table()
                open_table.append(value)
    flush_lines()
    close_table()
    return blocks
