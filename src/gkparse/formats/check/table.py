"""``--format table``: findings grouped by severity, red/yellow/green, and a summary line.

User text is passed to rich as ``Text`` objects, never parsed as markup, so
``某办字[2025]3号`` prints as written.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gkparse.formats.check import FindingsReport

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
HEADINGS = {"error": "Errors", "warning": "Warnings", "info": "Notes"}


def render(report: FindingsReport, *, color: bool = False, width: int = 110,
           **_: object) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width,
                      highlight=False, emoji=False, markup=False)
    console.print(Text(report.title, style="bold"))
    console.print(Text(report.subtitle(), style="dim"))
    for severity in ("error", "warning", "info"):
        findings = [f for f in report.findings if f.severity == severity]
        if not findings:
            continue
        table = Table(title=Text(f"{HEADINGS[severity]} ({len(findings)})",
                                 style=STYLES[severity]),
                      title_justify="left", show_lines=False, expand=True)
        table.add_column("code", no_wrap=True)
        table.add_column(report.subject_label, no_wrap=True)
        table.add_column(report.line_label, justify="right", no_wrap=True)
        table.add_column("finding", ratio=3)
        table.add_column(report.detail_label, ratio=1)
        for f in findings:
            table.add_row(Text(f"{f.code} {f.name}", style=STYLES[severity]),
                          Text(report.subject(f) or "-"), Text(str(f.line)), Text(f.message),
                          Text(report.detail(f)))
        console.print(table)
    line = Text()
    for text, style in report.summary_spans():
        line.append(text, style=style)
    console.print(line)
    return buffer.getvalue()
