"""``--format table``: findings grouped by severity, red/yellow/green, and a summary line.

User text is passed to rich as ``Text`` objects, never parsed as markup, so
``某办字[2025]3号`` prints as written.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gkparse.checker import CheckReport

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Notes"}


def render(report: CheckReport, *, color: bool = False, width: int = 110, **_: object) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width,
                      highlight=False, emoji=False, markup=False)
    tasks = report.notice.task_by_id()
    title = report.notice.notice.title or report.notice.source.path
    console.print(Text(title, style="bold"))
    console.print(Text(f"status: {report.status_path}   as of {report.as_of} "
                       f"(due soon = within {report.warn_days} days)", style="dim"))
    for severity in ("error", "warning", "info"):
        findings = [f for f in report.findings if f.severity == severity]
        if not findings:
            continue
        table = Table(title=Text(f"{HEADINGS[severity]} ({len(findings)})",
                                 style=STYLES[severity]),
                      title_justify="left", show_lines=False, expand=True)
        table.add_column("code", no_wrap=True)
        table.add_column("task", no_wrap=True)
        table.add_column("line", justify="right", no_wrap=True)
        table.add_column("finding", ratio=3)
        table.add_column("lead", ratio=1)
        for f in findings:
            task = tasks.get(f.task or "")
            lead = "、".join(task.lead_units) if task else ""
            table.add_row(Text(f"{f.code} {f.name}", style=STYLES[severity]),
                          Text(f.task or "-"), Text(str(f.line)), Text(f.message), Text(lead))
        console.print(table)
    s = report.summary
    line = Text()
    line.append(f"{s.tasks} tasks: ")
    line.append(f"{s.by_status['done']} done", style="green")
    line.append(f", {s.by_status['in_progress']} in progress, ")
    line.append(f"{s.overdue} overdue", style="bold red" if s.overdue else "green")
    line.append(", ")
    line.append(f"{s.due_soon} due soon", style="yellow" if s.due_soon else "green")
    if s.by_status["untracked"]:
        line.append(f", {s.by_status['untracked']} untracked", style="yellow")
    line.append(f"; {s.percent_done}% done")
    console.print(line)
    return buffer.getvalue()
