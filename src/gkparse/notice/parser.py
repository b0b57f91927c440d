"""``parse_notice``: a notice (.docx, .doc, .xlsx, .html, .pdf, …) into a ``Notice``.

>>> notice = parse_notice("samples/notice.docx")          # doctest: +SKIP
>>> notice.notice.doc_number, len(notice.tasks)            # doctest: +SKIP
('济高新管办字〔2025〕8号', 56)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from gkparse.errors import DocumentError
from gkparse.gcpause import without_cyclic_gc
from gkparse.grammar.text import trim
from gkparse.inputs import read_input
from gkparse.limits import DEFAULT_LIMITS, Limits
from gkparse.messages import Message, sentences
from gkparse.models import Notice, SourceFile, Task
from gkparse.notice.columns import ColumnMap, find_header
from gkparse.notice.metadata import Line, read_notice_info
from gkparse.notice.paragraph_tasks import read_paragraph_tasks
from gkparse.notice.task_ids import number_runs
from gkparse.notice.tasks import TaskReader, cell_lines
from gkparse.ooxml.body_xml import append_paragraph, w
from gkparse.ooxml.package import open_package
from gkparse.ooxml.table import GridRow, StreamedTables, resolve_merges
from gkparse.readers import read_blocks
from gkparse.readers.document import Block, Paragraph
from gkparse.readers.docx import docx_blocks
from gkparse.readers.sniff import (
    CONVERTED_FORMATS,
    SPREADSHEET_FORMATS,
    WORD_FORMATS,
    detect_format,
)


@dataclass
class _Table:
    """A table of the notice, its header's column roles, and where it stands."""

    index: int
    rows: list[GridRow]
    columns: ColumnMap | None
    continued: bool = False
    lines_before: int = 0  # how many notice lines precede the table


def _read_body(blocks: Iterable[Block]) -> tuple[list[Line], list[_Table], list[Message]]:
    """One pass over the blocks: paragraph lines (text boxes, layout tables) and tables."""
    lines: list[Line] = []
    tables: list[_Table] = []
    warnings: list[Message] = []
    in_tasks = joins = False
    paragraph = 0
    for block in blocks:
        if isinstance(block, Paragraph):
            number = None
            if not block.in_text_box:
                paragraph += 1
                number = paragraph
            append_paragraph(lines, Line(block.text, before_tasks=not in_tasks, paragraph=number),
                             joins, _run_on)
            joins = block.runs_on
            continue
        joins = False
        rows = block.rows
        table = _Table(index=len(tables) + 1, rows=rows, columns=find_header(rows))
        previous = tables[-1] if tables else None
        if previous is not None and table.columns is None and rows and _right_after(
                previous, max(r.width for r in rows), lines):
            # A headerless part right after a task table, as wide as it: the same table,
            # split by a page break without repeating its header.
            table.columns, table.continued = previous.columns, True
        if (previous is not None and table.columns is not None and previous.rows
                and _right_after(previous, table.columns.width, lines)):
            _carry_merges(previous, table)
        tables.append(table)
        if table.columns is None:
            first = next((t for r in rows for c in r.cells.values() if (t := trim(c.text))), "")
            warnings.append(Message("table-without-header",
                                    f"table {table.index} skipped: no task header row"
                                    + (f" (starts with {first[:20]!r})" if first else " (empty)"),
                                    table=table.index))
            lines.extend(Line(text, before_tasks=not in_tasks)
                         for r in rows for c in r.cells.values() for text in cell_lines(c))
        else:
            in_tasks = True
            table.lines_before = len(lines)
    return lines, tables, warnings


def _run_on(last: Line, line: Line) -> Line:
    """A line run on into the one before it keeps that one's place."""
    return replace(last, text=last.text + line.text)


def _right_after(previous: _Table, width: int, lines: list[Line]) -> bool:
    """A table of ``width`` columns right after the task table ``previous``, as wide as it and
    with only blank paragraphs between: the two are one table cut in two (by a page break,
    or by hand), with or without the header repeated."""
    return (previous.columns is not None and previous.columns.width == width
            and all(not trim(line.text) for line in lines[previous.lines_before:]))


def _carry_merges(previous: _Table, table: _Table) -> None:
    """Merges continued at the top of the second part take their text from the first part.

    Word keeps a vertical merge inside one table, so a merged lead or task cell cut by a
    split starts the second part as a continuation with nothing above it.
    """
    start = 0
    if not table.continued and table.columns is not None:  # skip the second part's header rows
        header_ids = {id(row) for row in table.columns.header_rows}
        start = max((i + 1 for i, row in enumerate(table.rows) if id(row) in header_ids),
                    default=0)
    # After resolve_merges, the cells "above" the next table are exactly the last row's.
    resolve_merges(table.rows[start:], above=dict(previous.rows[-1].cells))


def _attachment_title(lines: list[Line], tables: list[_Table]) -> str | None:
    """The last non-empty paragraph before the first task table; None without one (the last
    paragraph of a document with no task table is no title)."""
    if not any(table.columns is not None for table in tables):
        return None
    before = [trim(line.text) for line in lines if line.before_tasks and trim(line.text)]
    return before[-1] if before else None


def _paragraph_tasks(lines: list[Line], plan_year: int | None, *, has_table: bool
                     ) -> tuple[list[Task], list[Message], dict[int, str | None]]:
    """Tasks written as numbered paragraphs (contract 4.3), warnings and unit clauses; where
    the notice also has a task table, the table wins and one warning says the paragraph tasks
    were left out."""
    reader = read_paragraph_tasks(lines, plan_year)
    if has_table:
        return [], ([Message("paragraph-tasks-ignored", f"{len(reader.tasks)} tasks written as "
                             "paragraphs were ignored: the notice has a task table, which wins")]
                    if reader.tasks else []), {}
    return reader.tasks, reader.warnings, reader.clauses


@dataclass
class Layout:
    """Where each part of a notice was found, for ``gkparse explain``."""

    head: dict[str, Line]
    """Notice field -> the line it was read from"""
    tables: list[_Table]
    paragraph_clauses: dict[int, str | None]
    """A paragraph task's paragraph -> its unit clause as written"""
    warnings: list[Message] = field(default_factory=list)
    """Notice.warnings as values: each with its code and place"""


def parse_notice(path: str | Path, *, year: int | None = None,
                 limits: Limits = DEFAULT_LIMITS, converted: Path | None = None) -> Notice:
    """Read a notice, in any format ``readers.sniff`` recognises, into a ``Notice`` (its records
    pass ``gkparse.schema`` validation).

    ``year`` overrides the plan year found in the notice. ``converted``: the .docx that
    LibreOffice made of this .doc/.wps/.rtf/.odt already (``readers.libreoffice``
    converts a batch in one run). Raises ``gkparse.errors.DocumentError`` for a file that
    cannot be read; anything read but not cleanly is reported in ``Notice.warnings``.
    """
    # The layout, which holds every table row, is let go inside the collector's pause: once
    # the collector runs again, it would walk all of it one more time only to find nothing
    # to collect (0.06 s of 0.9 at 20,000 rows, issue 17).
    with without_cyclic_gc():
        return parse_notice_with_layout(path, year=year, limits=limits, converted=converted)[0]


def parse_notice_with_layout(path: str | Path, *, year: int | None = None,
                             limits: Limits = DEFAULT_LIMITS, converted: Path | None = None
                             ) -> tuple[Notice, Layout]:
    """``parse_notice``, and where each part was found (``Layout``)."""
    source = Path(path)
    data = read_input(source, DocumentError, "a notice file", limits.max_file_bytes)
    kind = detect_format(source, data)
    with without_cyclic_gc():
        if kind in WORD_FORMATS or kind in CONVERTED_FORMATS:
            docx = data if kind in WORD_FORMATS else _converted(source, data, kind, limits,
                                                                 converted)
            streamed = StreamedTables()
            package = open_package(source, limits, watch=streamed, tags=StreamedTables.TAGS,
                                   data=docx)
            body = package.document.find(w("body"))
            blocks: Iterable[Block] = docx_blocks(package.document if body is None else body,
                                                  streamed)
            warnings = package.warnings
        else:
            blocks, warnings = read_blocks(source, data, kind, limits)
        return _parse_blocks(str(path), data, kind, blocks, warnings, year)


def _converted(source: Path, data: bytes, kind: str, limits: Limits,
               converted: Path | None) -> bytes:
    from gkparse.readers.libreoffice import docx_of  # subprocess and tempfile: only when needed

    return docx_of(source, data, kind, limits, converted)


def _parse_blocks(path: str, data: bytes, kind: str, blocks: Iterable[Block],
                  reader_warnings: list[Message], year: int | None) -> tuple[Notice, Layout]:
    lines, tables, warnings = _read_body(blocks)
    head: dict[str, Line] = {}
    info, info_warnings = read_notice_info(lines, year=year, found=head,
                                           attachment_title=_attachment_title(lines, tables))
    if kind in SPREADSHEET_FORMATS and info.title is None:
        from gkparse.readers.spreadsheet import workbook_title

        info.title = workbook_title([line.text for line in lines if line.before_tasks])
    reader = TaskReader(plan_year=info.plan_year)
    for table in tables:
        if table.columns is not None:
            reader.read_table(table.index, table.rows, table.columns, continued=table.continued)
    tasks, paragraph_warnings, clauses = _paragraph_tasks(lines, info.plan_year,
                                                          has_table=bool(reader.tasks))
    tasks = reader.tasks or tasks
    if not tasks and not any(table.columns is not None for table in tables):
        warnings.append(Message("no-task-table", "no task table found: no table has a header "
                                "naming tasks, units, requirements or deadlines, and no "
                                "numbered paragraph names its units"))
    run_warnings = number_runs(tasks)
    messages = [*reader_warnings, *info_warnings, *warnings, *reader.warnings,
                *paragraph_warnings, *run_warnings]
    notice = Notice(
        source=SourceFile(path=path, sha256=hashlib.sha256(data).hexdigest(), format=kind),
        notice=info,
        tasks=tasks,
        warnings=sentences(messages),
    )
    return notice, Layout(head=head, tables=tables, paragraph_clauses=clauses, warnings=messages)
