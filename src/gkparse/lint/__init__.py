"""``gkparse lint``: check a notice (.docx) against GB/T 9704-2012 before it is issued.

>>> report = lint_files(["samples/notice.docx"])   # doctest: +SKIP
>>> [f.code for f in report.findings]             # doctest: +SKIP
['GB171', 'GB203', 'GB102', 'GB213', 'GB213', 'GB213']
"""

from __future__ import annotations

from gkparse.lint.findings import RULES, LintFinding, LintRule
from gkparse.lint.report import LintReport, lint_file, lint_files

__all__ = ["RULES", "LintFinding", "LintReport", "LintRule", "lint_file", "lint_files"]
