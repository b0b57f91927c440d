"""A notice page saved from a web site (.html / .htm) as document blocks.

The encoding comes from a byte-order mark, else the page's ``<meta charset>`` (or
``http-equiv`` Content-Type), else UTF-8 when the bytes are UTF-8, else GB18030
(which GB2312 and GBK pages are read as: it is their superset). lxml's HTML parser
reads the page with no network access. Paragraphs, headings, list items, divs and
``<br>`` lines are paragraphs; a table of data is a table, ``rowspan`` and
``colspan`` as merges; a table holding other tables is page layout and is read
through, its cells' content in order.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from gkparse.errors import DocumentError
from gkparse.limits import Limits
from gkparse.messages import Message
from gkparse.readers.document import Block, GridCell, Paragraph, Table, table_from_grid

_META_CHARSET = re.compile(rb"""(?:<meta[^>]+charset\s*=\s*["']?\s*|<\?xml[^>]+encoding\s*=\s*["'])"""
                           rb"""([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
            "gb_2312-80": "gb18030", "euc-cn": "gb18030", "hz-gb-2312": "hz"}
_BLOCK = frozenset(("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
                    "dd", "blockquote", "section", "article", "header", "footer", "main", "nav",
                    "aside", "center", "pre", "address", "form", "fieldset", "figure",
                    "figcaption", "hr", "caption", "body", "html"))
_SKIP = frozenset(("head", "title", "script", "style", "noscript", "template", "iframe", "object",
                   "embed", "svg", "math", "select", "textarea", "button", "map"))
_CELL = frozenset(("td", "th"))
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")
_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
# CSS Text 3: a line break in the source between two East Asian wide characters is removed,
# not shown as a space (saved Chinese pages wrap long lines anywhere).
_WIDE_BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f\u00a0]*\n[ \t\r\n\f\u00a0]*(?=[{_WIDE}])")


def decode_page(path: Path, data: bytes) -> str:
    """The page's text, decoded as the page says (see the module's docstring; an XHTML
    page's ``<?xml encoding=…?>`` counts as a declaration too)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = _ALIASES.get(name, name)
        try:
            codecs.lookup(name)
        except LookupError:
            raise DocumentError(path, f"the page declares the encoding {name!r}, which is "
                                      "not known; save it as UTF-8") from None
        return data.decode(name, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _tidy(text: str) -> str:
    return _SPACES.sub(" ", _WIDE_BREAK.sub("", text)).strip()


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


class _Lines:
    """Text gathered into lines: each block element or ``<br>`` ends one."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pieces: list[str] = []
        self.ended = 0  # lines ended so far, kept or given out

    def add(self, text: str | None) -> None:
        if text:
            self.pieces.append(text)

    def end(self, keep_empty: bool = False) -> None:
        text = _tidy("".join(self.pieces))
        self.pieces = []
        if text or keep_empty:
            self.lines.append(text)
            self.ended += 1


def _text_lines(element: etree._Element) -> list[str]:
    """A cell's content as lines (paragraphs, ``<br>`` lines, nested tables' cells)."""
    out = _Lines()

    def walk(node: etree._Element) -> None:
        for child in node:
            name = _local(child)
            if name in _SKIP or not name:
                pass
            elif name == "br":
                out.end()
            elif name in _BLOCK or name in _CELL or name in ("tr", "table"):
                out.end()
                out.add(child.text)
                walk(child)
                out.end()
            else:
                out.add(child.text)
                walk(child)
            out.add(child.tail)

    out.add(element.text)
    walk(element)
    out.end()
    return out.lines


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    """A table's own rows, through thead/tbody/tfoot, not those of tables inside it."""
    for child in table:
        name = _local(child)
        if name == "tr":
            yield child
        elif name in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if _local(row) == "tr")


def _span(cell: etree._Element, name: str) -> int:
    try:
        return min(max(int((cell.get(name) or "1").strip()), 1), 1000)
    except ValueError:
        return 1


def read_table(table: etree._Element) -> Table:
    """A data table on its grid: each cell placed in the first column its row leaves free."""
    cells: list[GridCell] = []
    taken: set[tuple[int, int]] = set()
    for row_number, row in enumerate(_rows(table)):
        column = 0
        for cell in row:
            if _local(cell) not in _CELL:
                continue
            while (row_number, column) in taken:
                column += 1
            rows, columns = _span(cell, "rowspan"), _span(cell, "colspan")
            cells.append(GridCell(row_number, column, "\n".join(_text_lines(cell)), rows,
                                  columns))
            taken.update((row_number + r, column + c) for r in range(rows) for c in range(columns))
            column += columns
    return table_from_grid(cells)


def _is_layout(table: etree._Element) -> bool:
    return any(True for _ in table.iterdescendants("table"))


def _blocks(body: etree._Element) -> Iterator[Block]:
    out = _Lines()

    def flush(keep_empty: bool = False) -> Iterator[Block]:
        out.end(keep_empty)
        for line in out.lines:
            yield Paragraph(line)
        out.lines = []

    def walk(node: etree._Element) -> Iterator[Block]:
        for child in node:
            name = _local(child)
            if name in _SKIP or not name:
                pass
            elif name == "table" and not _is_layout(child):
                yield from flush()
                yield read_table(child)
            elif name == "br":
                yield from flush(keep_empty=True)
            elif name in _BLOCK or name in _CELL or name in ("table", "tr"):
                yield from flush()
                before = out.ended
                out.add(child.text)
                yield from walk(child)
                # An empty <p> is a blank line, as an empty paragraph is in Word (one only:
                # <p><br></p> is how editors write it).
                yield from flush(keep_empty=name == "p" and out.ended == before)
            else:
                out.add(child.text)
                yield from walk(child)
            out.add(child.tail)

    out.add(body.text)
    yield from walk(body)
    yield from flush()


def read_html(path: Path, data: bytes, limits: Limits) -> tuple[list[Block], list[Message]]:
    """The page's blocks, and warnings (none so far: what is read is read whole)."""
    # An XHTML page's XML declaration names the encoding decode_page already applied.
    text = _XML_DECLARATION.sub("", decode_page(path, data), count=1)
    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                              huge_tree=False, default_doctype=False)
    try:
        root = etree.fromstring(text, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise DocumentError(path, f"the page cannot be read as HTML ({exc})") from None
    if root is None:
        raise DocumentError(path, "the page is empty (no HTML elements)")
    body = root.find("body")
    blocks = list(_blocks(body if body is not None else root))
    if not any(isinstance(b, Table) or b.text for b in blocks):
        raise DocumentError(path, "the page has no text (a page of images or scripts only?)")
    return blocks, []
