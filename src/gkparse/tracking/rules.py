"""The findings ``check`` can report (contract section 2): code, name, severity, one line each.

Kept apart from the checker so that ``gkparse check --help`` can list them
without loading the check machinery.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from gkparse.i18n import N_

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True)
class Rule:
    """One finding of ``gkparse check``: its code, name, severity and what it means."""

    code: str
    name: str
    severity: Severity
    description: str


RULES: dict[str, Rule] = {rule.code: rule for rule in (
    Rule("GK101", "overdue", "error", N_("The deadline has passed and the task is not done or waived.")),
    Rule("GK102", "done-late", "warning", N_("The task was completed after its deadline.")),
    Rule("GK103", "no-lead", "error", N_("The task has no lead unit.")),
    Rule("GK104", "no-deadline", "warning", N_("The task has no deadline.")),
    Rule("GK105", "unparsed-deadline", "warning", N_("The deadline text could not be read.")),
    Rule("GK106", "due-soon", "warning", N_("The task is not done and its deadline is near.")),
    Rule("GK107", "untracked", "warning", N_("The task has no entry in the status file.")),
    Rule("GK108", "unknown-task", "error", N_("The status file lists a task the notice does not have.")),
    Rule("GK109", "stale-entry", "warning", N_("The task's text changed since the entry was written.")),
    Rule("GK110", "done-undated", "info", N_("The task is done but has no completed_on date.")),
    Rule("GK111", "blocked", "warning", N_("The task is blocked.")),
    Rule("GK112", "waived-no-reason", "error", N_("The task is waived without a reason.")),
    Rule("GK113", "done-in-future", "error",
         N_("The task is done on a date after the as-of date.")),
)}


def fails_at(severities: Iterable[str], fail_on: str) -> bool:
    """The one ``--fail-on`` threshold (check and lint): True when some severity is at or
    above ``fail_on``; ``never`` never fails.

    >>> fails_at(["info", "warning"], "warning"), fails_at(["warning"], "error")
    (True, False)
    """
    return fail_on != "never" and max((SEVERITY_RANK[s] for s in severities),
                                      default=0) >= SEVERITY_RANK[fail_on]
