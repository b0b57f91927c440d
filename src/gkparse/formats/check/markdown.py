"""``--format markdown``: a summary table and the findings, for PR comments and step summaries."""

from __future__ import annotations

from gkparse.formats.check import FindingsReport, severity_counts
from gkparse.formatter import RenderOptions
from gkparse.i18n import _
from gkparse.markdown_table import cell

ICONS = {"error": "🔴", "warning": "🟡", "info": "🔵"}


def render(report: FindingsReport, options: RenderOptions) -> str:
    out = [f"## gkparse {report.command}: {cell(report.title)}", "", *report.markdown_summary(),
           ""]
    if not report.findings:
        out.append(_("No findings."))
        return "\n".join(out) + "\n"
    out += [f"**{severity_counts(report)}**", "",
            _("| | code | {subject} | message | {line} |").format(
                subject=_(report.subject_label), line=_(report.line_label)),
            "| --- | --- | --- | --- | ---: |"]
    for f in report.findings:
        out.append(f"| {ICONS[f.severity]} | {f.code} {f.name} | {cell(report.subject(f))} | "
                   f"{cell(f.message)} | {f.line} |")
    return "\n".join(out) + "\n"
