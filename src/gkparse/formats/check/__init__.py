"""Formatters for ``gkparse check`` and ``gkparse lint``: one module per format, each
``render(report, options) -> str`` (a ``gkparse.formatter.Formatter``).

A report is anything with the members of ``FindingsReport``: ``checker.CheckReport``
(tasks against a status file) and ``lint.LintReport`` (a notice against GB/T 9704)
both are. ``gkparse.output_formats`` names the modules and imports only the one used, so
``check --format json`` never imports rich.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol


class FindingsReport(Protocol):
    """What the renderers ask of a report. Findings have code, name, severity, message,
    file, line and identity; rules have code, name, severity and description."""

    command: str  # "check" or "lint": names the JUnit suites and the Markdown heading
    subject_label: str  # what a finding is about, as a column heading: "task", "where"
    line_label: str
    detail_label: str  # the table's last column: "lead", "GB/T 9704"

    @property
    def rules(self) -> Mapping[str, Any]: ...

    @property
    def findings(self) -> Sequence[Any]: ...
    @property
    def title(self) -> str: ...
    @property
    def timestamp(self) -> str | None: ...
    def subject(self, finding: Any) -> str: ...
    def detail(self, finding: Any) -> str: ...
    def subtitle(self) -> str: ...
    def summary_line(self) -> str: ...
    def summary_spans(self) -> list[tuple[str, str | None]]: ...
    def markdown_summary(self) -> list[str]: ...
    def junit_cases(self) -> list[tuple[str, str, list[Any]]]: ...
    def run_properties(self) -> dict[str, object]: ...
    def to_data(self) -> dict[str, object]: ...
    def fails(self, fail_on: str) -> bool: ...


def severity_counts(report: FindingsReport) -> str:
    """``1 error, 7 warnings, 1 note``: the findings counted, as every format and summary says it."""
    from gkparse.i18n import _
    from gkparse.plural import counted

    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in report.findings:
        counts[finding.severity] += 1
    return _(", ").join((counted(counts["error"], "error"), counted(counts["warning"], "warning"),
                         counted(counts["info"], "note")))
