"""``gkparse explain``: what was found where in a notice, for the person whose notice did not
read as expected.

``explain_notice`` returns plain data (JSON-ready): each field of the notice's head and tail
with the paragraph it was read from (or null: not found), each table with its column roles,
header rows and what became of it, the paragraph tasks with their unit clauses as written,
and the warnings. ``gkparse.formats.explain`` renders it as a tree or as JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gkparse.grammar.text import trim
from gkparse.limits import DEFAULT_LIMITS, Limits
from gkparse.models import to_data
from gkparse.notice.parser import Layout, parse_notice_with_layout

# The warnings about one row of a task table (tasks.TaskReader), listed under that table.
ROW_WARNINGS = frozenset({"row-without-requirement", "row-width"})
HEAD_FIELDS = ("issuer", "doc_number", "title", "addressees", "attachments", "signatory",
               "issued_on", "disclosure")
"""The head and tail fields that are read from one place (GB/T 9704-2012 order)."""


def _column_name(column: int) -> str:
    """Grid column 0 -> "A", as a spreadsheet names it."""
    name = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _tables(layout: Layout, task_counts: dict[int, int]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for table in layout.tables:
        entry: dict[str, Any] = {"table": table.index, "rows": len(table.rows),
                                 "tasks": task_counts.get(table.index, 0)}
        # The rows the reader passed over or read by position, and why, as its warnings say.
        entry["skipped_rows"] = [m.text for m in layout.warnings if m.table == table.index
                                 and m.code in ROW_WARNINGS]
        columns = table.columns
        if columns is None:
            first = next((text for row in table.rows for cell in row.cells.values()
                          if (text := trim(cell.text))), "")
            entry["read_as"] = "skipped: no task header row"
            entry["starts_with"] = first[:40] or None
        else:
            entry["read_as"] = ("the same task table, continued after a split" if table.continued
                                else "task table")
            entry["header_rows"] = [row.index for row in columns.header_rows]
            entry["columns"] = [
                {"column": _column_name(column), "header": trim(text).replace("\n", ""),
                 "role": columns.roles.get(column)
                 or ("section" if column == columns.section_column else None)}
                for column, text in sorted(columns.headers.items())]
        out.append(entry)
    return out


def explain_notice(path: str | Path, *, year: int | None = None,
                   limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    """What gkparse found where in one notice."""
    notice, layout = parse_notice_with_layout(path, year=year, limits=limits)
    info = to_data(notice.notice)
    head = []
    for name in HEAD_FIELDS:
        line = layout.head.get(name)
        head.append({"field": name, "value": info[name],
                     "paragraph": line.paragraph if line is not None else None,
                     "found": line is not None})
    task_counts: dict[int, int] = {}
    for task in notice.tasks:
        if task.source.table is not None:
            task_counts[task.source.table] = task_counts.get(task.source.table, 0) + 1
    paragraph_tasks = [
        {"id": task.id, "paragraph": task.source.paragraph,
         "unit_clause": layout.paragraph_clauses.get(task.source.paragraph or 0),
         "lead_units": task.lead_units, "responsible_units": task.responsible_units,
         "deadline": task.deadline.text}
        for task in notice.tasks if task.source.paragraph is not None]
    return {
        "source": str(path),
        "plan_year": notice.notice.plan_year,
        "head": head,
        "tables": _tables(layout, task_counts),
        "paragraph_tasks": paragraph_tasks,
        "tasks": len(notice.tasks),
        "warnings": notice.warnings,
    }
