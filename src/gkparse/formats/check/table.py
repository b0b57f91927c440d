"""``--format table``: findings grouped by severity, red/yellow/green, and a summary line.

User text is passed to rich as ``Text`` objects, never parsed as markup, so
``某办字[2025]3号`` prints as written.
"""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from gkparse.formats.check import FindingsReport
from gkparse.formatter import RenderOptions
from gkparse.i18n import N_, _
from gkparse.tracking.vocabulary import JOINER

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def fit_units(text: str, width: int, separator: str = JOINER) -> str:
    """A list of names (``区直各部门、驻区各单位``) cut to ``width`` cells and marked with …

    Whole names are kept where they fit (``区直各部门、…``: the list goes on);
    a name longer than the column is cut by cells. rich would cut inside a
    two-cell character and pad with a space before its ellipsis.

    >>> fit_units("区直各部门、驻区各单位、各街道", 20)
    '区直各部门、…'
    >>> fit_units("区党工委组织部（人力资源部）、区财政局", 20)
    '区党工委组织部（人…'
    """
    if cell_len(text) <= width:
        return text
    units = text.split(separator)
    kept = ""
    for unit in units:
        candidate = f"{kept}{unit}{separator}"
        if cell_len(candidate) + 1 > width:
            break
        kept = candidate
    if not kept:  # even the first name is too long: cut it by cells
        for char in units[0]:
            if cell_len(kept + char) + 1 > width:
                break
            kept += char
    return kept + "…"


HEADINGS = {"error": N_("Errors"), "warning": N_("Warnings"), "info": N_("Notes")}


WIDTH = 110  # columns, fixed: the same table at a terminal, in a file and in a CI log


def render(report: FindingsReport, options: RenderOptions) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=options.color, no_color=not options.color,
                      width=WIDTH, highlight=False, emoji=False, markup=False)
    console.print(Text(report.title, style="bold"))
    console.print(Text(report.subtitle(), style="dim"))
    for severity in ("error", "warning", "info"):
        findings = [f for f in report.findings if f.severity == severity]
        if not findings:
            continue
        table = Table(title=Text(f"{_(HEADINGS[severity])} ({len(findings)})",
                                 style=STYLES[severity]),
                      title_justify="left", show_lines=False, expand=True)
        table.add_column(_("code"), no_wrap=True)
        table.add_column(_(report.subject_label), no_wrap=True)
        table.add_column(_(report.line_label), justify="right", no_wrap=True)
        # A report with a detail_width (check's lead units) has its lists cut cleanly to it;
        # others (lint's GB/T 9704 sections) wrap as rich wraps them.
        cut = getattr(report, "detail_width", None)
        details = [report.detail(f) for f in findings]
        if cut:
            details = [fit_units(detail, cut) for detail in details]
            table.add_column(_("finding"), ratio=1, overflow="fold")
            table.add_column(_(report.detail_label), no_wrap=True, width=max(
                cell_len(_(report.detail_label)), *(cell_len(detail) for detail in details)))
        else:
            table.add_column(_("finding"), ratio=3)
            table.add_column(_(report.detail_label), ratio=1)
        for f, detail in zip(findings, details, strict=True):
            table.add_row(Text(f"{f.code} {f.name}", style=STYLES[severity]),
                          Text(report.subject(f) or "-"), Text(str(f.line)), Text(f.message),
                          Text(detail))
        console.print(table)
    line = Text()
    for text, style in report.summary_spans():
        line.append(text, style=style)
    console.print(line)
    return buffer.getvalue()
