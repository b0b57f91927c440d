"""``explain --format tree``: what was found where, as a tree for a terminal.

User text goes to rich as ``Text``, never parsed as markup, so ``某办字[2025]3号`` prints as
written.
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from gkparse.formatter import RenderOptions
from gkparse.tracking.vocabulary import JOINER


def _value(value: Any) -> str:
    if isinstance(value, list):
        return JOINER.join(str(v) for v in value) if value else "(none)"
    return "(none)" if value is None else str(value)


def _head(root: Tree, data: dict[str, Any]) -> None:
    branch = root.add(Text("head and tail (GB/T 9704-2012)", style="bold"))
    for entry in data["head"]:
        line = Text(f"{entry['field']}: ", style="bold" if entry["found"] else "dim")
        line.append(_value(entry["value"]))
        if entry["found"]:
            where = (f"paragraph {entry['paragraph']}" if entry["paragraph"] is not None
                     else "a text box or layout table")
            line.append(f"  ({where})", style="dim")
        else:
            line.append("  (not found)", style="yellow")
        branch.add(line)
    branch.add(Text(f"plan_year: {_value(data['plan_year'])}"))


def _tables(root: Tree, data: dict[str, Any]) -> None:
    if not data["tables"]:
        root.add(Text("tables: none", style="dim"))
        return
    for table in data["tables"]:
        style = "yellow" if table["read_as"].startswith("skipped") else "bold"
        label = Text(f"table {table['table']}: {table['read_as']}", style=style)
        label.append(f"  ({table['rows']} rows, {table['tasks']} tasks)", style="dim")
        branch = root.add(label)
        if "columns" not in table:
            if table.get("starts_with"):
                branch.add(Text(f"starts with: {table['starts_with']}"))
            continue
        branch.add(Text(f"header rows: {', '.join(map(str, table['header_rows']))}"))
        for column in table["columns"]:
            line = Text(f"{column['column']}  {column['header']} -> ")
            line.append(column["role"] or "not read",
                        style="green" if column["role"] else "yellow")
            branch.add(line)
        for skipped in table["skipped_rows"]:
            branch.add(Text(f"skipped: {skipped}", style="yellow"))


def _paragraph_tasks(root: Tree, data: dict[str, Any]) -> None:
    if not data["paragraph_tasks"]:
        return
    branch = root.add(Text(f"tasks written as paragraphs ({len(data['paragraph_tasks'])})",
                           style="bold"))
    for task in data["paragraph_tasks"]:
        line = Text(f"{task['id']}  paragraph {task['paragraph']}: ")
        line.append(task["unit_clause"] or "no unit clause",
                    style="" if task["unit_clause"] else "yellow")
        leaf = branch.add(line)
        leaf.add(Text(f"lead: {_value(task['lead_units'])}; responsible: "
                      f"{_value(task['responsible_units'])}; deadline: "
                      f"{task['deadline'] or '(none)'}", style="dim"))


WIDTH = 110  # columns, fixed, as check's table


def render(data: dict[str, Any], options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=options.color, no_color=not options.color,
                      width=WIDTH, highlight=False, emoji=False, markup=False)
    root = Tree(Text(f"{data['source']}: {data['tasks']} tasks", style="bold"))
    _head(root, data)
    _tables(root, data)
    _paragraph_tasks(root, data)
    if data["warnings"]:
        branch = root.add(Text(f"warnings ({len(data['warnings'])})", style="yellow"))
        for warning in data["warnings"]:
            branch.add(Text(warning))
    console.print(root)
    return buffer.getvalue()
