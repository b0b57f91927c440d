"""``--format markdown``: a summary table and the findings, for PR comments and step summaries."""

from __future__ import annotations

from gkparse.checker import SEVERITY_RANK
from gkparse.formats.check import FindingsReport

ICONS = {"error": "🔴", "warning": "🟡", "info": "🔵"}


def cell(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ")
            .replace("\n", "<br>"))


def render(report: FindingsReport, **_: object) -> str:
    out = [f"## gkparse {report.command}: {cell(report.title)}", "", *report.markdown_summary(),
           ""]
    if not report.findings:
        out.append("No findings.")
        return "\n".join(out) + "\n"
    counts = dict.fromkeys(SEVERITY_RANK, 0)
    for f in report.findings:
        counts[f.severity] += 1
    out += [f"**{counts['error']} errors, {counts['warning']} warnings, "
            f"{counts['info']} notes**", "",
            f"| | code | {report.subject_label} | message | {report.line_label} |",
            "| --- | --- | --- | --- | ---: |"]
    for f in report.findings:
        out.append(f"| {ICONS[f.severity]} | {f.code} {f.name} | {cell(report.subject(f))} | "
                   f"{cell(f.message)} | {f.line} |")
    return "\n".join(out) + "\n"
