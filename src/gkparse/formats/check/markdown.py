"""``--format markdown``: a summary table and the findings, for PR comments and step summaries."""

from __future__ import annotations

from gkparse.formats.check import FindingsReport, severity_counts

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
    out += [f"**{severity_counts(report)}**", "",
            f"| | code | {report.subject_label} | message | {report.line_label} |",
            "| --- | --- | --- | --- | ---: |"]
    for f in report.findings:
        out.append(f"| {ICONS[f.severity]} | {f.code} {f.name} | {cell(report.subject(f))} | "
                   f"{cell(f.message)} | {f.line} |")
    return "\n".join(out) + "\n"
