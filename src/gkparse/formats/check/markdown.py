"""``--format markdown``: a summary table and the findings, for PR comments and step summaries."""

from __future__ import annotations

from gkparse.checker import CheckReport

ICONS = {"error": "🔴", "warning": "🟡", "info": "🔵"}


def cell(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ")
            .replace("\n", "<br>"))


def render(report: CheckReport, **_: object) -> str:
    s = report.summary
    title = report.notice.notice.title or report.notice.source.path
    out = [f"## gkparse check: {cell(title)}", "", f"As of {report.as_of}.", "",
           "| tasks | done | in progress | overdue | due soon | untracked | % done |",
           "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
           f"| {s.tasks} | {s.by_status['done']} | {s.by_status['in_progress']} | {s.overdue} "
           f"| {s.due_soon} | {s.by_status['untracked']} | {s.percent_done}% |", ""]
    if not report.findings:
        out.append("No findings.")
        return "\n".join(out) + "\n"
    out += [f"**{s.by_severity['error']} errors, {s.by_severity['warning']} warnings, "
            f"{s.by_severity['info']} notes**", "",
            "| | code | task | message | line |", "| --- | --- | --- | --- | ---: |"]
    for f in report.findings:
        out.append(f"| {ICONS[f.severity]} | {f.code} {f.name} | {f.task or ''} | "
                   f"{cell(f.message)} | {f.line} |")
    return "\n".join(out) + "\n"
