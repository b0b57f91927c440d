"""Lint one or more notices and gather the findings into a report every check format renders."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gkparse.errors import GkparseError
from gkparse.limits import DEFAULT_LIMITS, Limits
from gkparse.lint.findings import RULES, LintFinding, LintRule
from gkparse.lint.layout import read_layout
from gkparse.lint.parts import read_parts
from gkparse.lint.rules import CHECKS, Context
from gkparse.lint.styles import StyleSheet
from gkparse.ooxml.body_xml import BODY
from gkparse.tracking.rules import SEVERITY_RANK, fails_at

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


@dataclass
class FileResult:
    path: str
    title: str | None
    findings: list[LintFinding]


def lint_file(path: str | Path, *, ignore: Iterable[str] = (),
              limits: Limits = DEFAULT_LIMITS) -> FileResult:
    """Every finding for one notice, in document order within each check, ignored codes left out."""
    parts = read_parts(path, limits)
    body = parts.document.find(BODY)
    if body is None:
        body = parts.document
    layout = read_layout(body)
    ctx = Context(str(path), layout, StyleSheet(parts.styles, parts.theme, parts.settings), parts,
                  body)
    skip = set(ignore)
    findings = [f for check in CHECKS for f in check(ctx) if f.code not in skip]
    findings.sort(key=lambda f: (f.paragraph or 0, f.code))
    title = "".join(layout.at(i).squeezed for i in layout.title) or None
    return FileResult(str(path), title, findings)


def lint_files(paths: Sequence[str | Path], *, ignore: Iterable[str] = (),
               limits: Limits = DEFAULT_LIMITS,
               errors: list[GkparseError] | None = None) -> LintReport:
    """Lint each file. With ``errors``, a file that cannot be read goes there and the others
    are still linted (as a pre-commit hook needs); without, its error is raised."""
    ignored = tuple(ignore)
    results = []
    for path in paths:
        try:
            results.append(lint_file(path, ignore=ignored, limits=limits))
        except GkparseError as exc:
            if errors is None:
                raise
            errors.append(exc)
    return LintReport(results, ignored)


@dataclass
class LintReport:
    """The findings for each file, shaped for ``gkparse.formats.check``'s renderers."""

    files: list[FileResult]
    ignored: tuple[str, ...] = ()
    command: str = "lint"
    subject_label: str = "where"
    line_label: str = "¶"
    detail_label: str = "GB/T 9704"
    rules: dict[str, LintRule] = field(default_factory=lambda: dict(RULES))

    @property
    def findings(self) -> list[LintFinding]:
        return [f for result in self.files for f in result.findings]

    @property
    def title(self) -> str:
        if len(self.files) == 1:
            return self.files[0].title or self.files[0].path
        return f"{len(self.files)} notices"

    def by_severity(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITY_RANK, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def fails(self, fail_on: str) -> bool:
        return fails_at((f.severity for f in self.findings), fail_on)

    def subject(self, finding: LintFinding) -> str:
        if len(self.files) > 1:
            return f"{finding.file}: {finding.where}"
        return finding.where

    def detail(self, finding: LintFinding) -> str:
        return f"§{finding.section}"

    def subtitle(self) -> str:
        names = ", ".join(result.path for result in self.files)
        skipped = f"; ignored: {', '.join(self.ignored)}" if self.ignored else ""
        return f"GB/T 9704-2012 lint of {names}{skipped}"

    def summary_line(self) -> str:
        counts = self.by_severity()
        files = f"{len(self.files)} file" + ("s" if len(self.files) != 1 else "")
        return (f"gkparse lint: {files}, {counts['error']} errors, {counts['warning']} warnings, "
                f"{counts['info']} notes")

    def summary_spans(self) -> list[tuple[str, str | None]]:
        counts = self.by_severity()
        spans: list[tuple[str, str | None]] = [
            (f"{len(self.files)} file" + ("s" if len(self.files) != 1 else "") + ": ", None)]
        for i, (severity, label) in enumerate((("error", "errors"), ("warning", "warnings"),
                                               ("info", "notes"))):
            spans.append((", " if i else "", None))
            spans.append((f"{counts[severity]} {label}",
                           STYLES[severity] if counts[severity] else "green"))
        return spans

    def markdown_summary(self) -> list[str]:
        counts = self.by_severity()
        return ["| files | errors | warnings | notes |", "| ---: | ---: | ---: | ---: |",
                f"| {len(self.files)} | {counts['error']} | {counts['warning']} | "
                f"{counts['info']} |"]

    def junit_cases(self) -> list[tuple[str, str, list[LintFinding]]]:
        """One testcase per file and rule checked, so CI shows each rule passing or failing."""
        cases = []
        for result in self.files:
            for rule in self.rules.values():
                if rule.code in self.ignored:
                    continue
                cases.append((result.path, f"{rule.code} {rule.name}",
                              [f for f in result.findings if f.code == rule.code]))
        return cases

    timestamp = None  # a lint depends on no date; the same notice gives the same bytes

    def run_properties(self) -> dict[str, object]:
        return {"standard": "GB/T 9704-2012", "ignored": list(self.ignored)}

    def to_data(self) -> dict[str, object]:
        return {"standard": "GB/T 9704-2012",
                "files": [{"path": r.path, "title": r.title} for r in self.files],
                "ignored": list(self.ignored),
                "summary": {"files": len(self.files), "by_severity": self.by_severity()},
                "findings": [f.to_dict() for f in self.findings]}
