"""``check``: compare a notice's tasks with a status file and report findings (GK101-GK113).

>>> report = check("samples/status.yaml")     # doctest: +SKIP
>>> report.summary.by_severity               # doctest: +SKIP
{'info': 1, 'warning': 7, 'error': 1}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dataclass_replace
from datetime import date
from pathlib import Path
from typing import Literal

from gkparse.errors import DocumentError, StatusFileError
from gkparse.i18n import N_, _
from gkparse.inputs import read_input
from gkparse.limits import DEFAULT_LIMITS, Limits
from gkparse.models import Notice, Task
from gkparse.plural import counted
from gkparse.tracking.roster import Roster, for_unit
from gkparse.tracking.rules import RULES, SEVERITY_RANK, Severity, fails_at
from gkparse.tracking.status import StatusEntry, StatusFile, load_status
from gkparse.tracking.vocabulary import (
    FINISHED,
    JOINER,
    STATE_WORDS,
    STATES,
    UNTRACKED,
    today_in_china,
)


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    task: str | None
    message: str
    file: str
    line: int

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "severity": self.severity,
                "task": self.task, "message": self.message, "file": self.file, "line": self.line}

    @property
    def identity(self) -> str:
        """What stays the same while the finding does: for SARIF's fingerprints."""
        return f"{self.code}:{self.task or ''}"


@dataclass
class Summary:
    tasks: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITY_RANK, 0))
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATES, 0))
    overdue: int = 0
    due_soon: int = 0

    @property
    def percent_done(self) -> float:
        return round(100 * self.by_status["done"] / self.tasks, 1) if self.tasks else 0.0

    def to_dict(self) -> dict[str, object]:
        return {"tasks": self.tasks, "by_severity": self.by_severity, "by_status": self.by_status,
                "overdue": self.overdue, "due_soon": self.due_soon,
                "percent_done": self.percent_done}


@dataclass
class CheckReport:
    """Everything a renderer needs: the notice, the status file, findings and figures."""

    as_of: date
    warn_days: int
    status_path: str
    notice: Notice
    status: StatusFile
    findings: list[Finding]
    summary: Summary

    def fails(self, fail_on: str) -> bool:
        """True when some finding is at or above ``fail_on`` (``never`` never fails)."""
        return fails_at((f.severity for f in self.findings), fail_on)

    # What gkparse.formats.check's renderers ask of a report (lint's report answers too).
    command = "check"
    subject_label = N_("task")  # the labels are translated where shown
    line_label = N_("line")
    detail_label = N_("lead")
    detail_width = 20  # terminal cells for the lead units in the table (a CJK character is two)
    rules = RULES

    @property
    def title(self) -> str:
        return self.notice.notice.title or self.notice.source.path

    def subject(self, finding: Finding) -> str:
        return finding.task or ""

    def detail(self, finding: Finding) -> str:
        task = self.notice.task_by_id().get(finding.task or "")
        return JOINER.join(task.lead_units) if task else ""

    def subtitle(self) -> str:
        return _("status: {file}   as of {date} (due soon = within {days} days)").format(
            file=self.status_path, date=self.as_of, days=self.warn_days)

    def summary_line(self) -> str:
        s = self.summary
        return "gkparse: " + _("{tasks}, {done} done, {overdue} overdue, {due_soon} due soon "
                               "({percent}% done) as of {date}").format(
            tasks=counted(s.tasks, "task"), done=s.by_status["done"], overdue=s.overdue,
            due_soon=s.due_soon, percent=s.percent_done, date=self.as_of)

    def summary_spans(self) -> list[tuple[str, str | None]]:
        """The table's closing line, as (text, rich style) pieces."""
        s = self.summary
        spans: list[tuple[str, str | None]] = [
            (_("{tasks}: ").format(tasks=counted(s.tasks, "task")), None),
            (_("{n} done").format(n=s.by_status["done"]), "green"),
            (_(", {n} in progress, ").format(n=s.by_status["in_progress"]), None),
            (_("{n} overdue").format(n=s.overdue), "bold red" if s.overdue else "green"),
            (_(", "), None),
            (_("{n} due soon").format(n=s.due_soon), "yellow" if s.due_soon else "green")]
        if s.by_status["untracked"]:
            spans.append((_(", {n} untracked").format(n=s.by_status["untracked"]), "yellow"))
        spans.append((_("; {percent}% done").format(percent=s.percent_done), None))
        return spans

    def markdown_summary(self) -> list[str]:
        s = self.summary
        return [_("As of {date}.").format(date=self.as_of), "",
                _("| tasks | done | in progress | overdue | due soon | untracked | % done |"),
                "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                f"| {s.tasks} | {s.by_status['done']} | {s.by_status['in_progress']} "
                f"| {s.overdue} | {s.due_soon} | {s.by_status['untracked']} "
                f"| {s.percent_done}% |"]

    def junit_cases(self) -> list[tuple[str, str, list[Finding]]]:
        """One testcase per task; unknown tasks and file-level findings after them."""
        by_task: dict[str | None, list[Finding]] = {}
        for finding in self.findings:
            by_task.setdefault(finding.task, []).append(finding)
        cases: list[tuple[str, str, list[Finding]]] = []
        for task in self.notice.tasks:
            section = task.section.title if task.section else ""
            name = f"{task.id} {task.requirement.splitlines()[0][:40]}"
            cases.append((section or "gkparse", name, by_task.pop(task.id, [])))
        for task_id, findings in by_task.items():
            cases.append((_("status file"), task_id or _("status file"), findings))
        return cases

    def run_properties(self) -> dict[str, object]:
        return {"as_of": self.as_of.isoformat()}

    @property
    def timestamp(self) -> str | None:
        return self.as_of.isoformat() + "T00:00:00"

    def to_data(self) -> dict[str, object]:
        return report_data(self)


def load_notice(path: Path, *, year: int | None = None, limits: Limits = DEFAULT_LIMITS) -> Notice:
    """A notice given as .docx, or as JSON written by ``gkparse extract``."""
    if path.suffix.lower() == ".json":
        data = read_input(path, DocumentError, "a notice JSON file", limits.max_file_bytes)
        from gkparse.schema import NoticeJsonError, read_notice_json

        try:
            return read_notice_json(data)
        except NoticeJsonError as exc:
            raise DocumentError(path, _("not a notice JSON from gkparse extract: {error}")
                                .format(error=exc)) from None
    from gkparse.notice.parser import parse_notice

    return parse_notice(path, year=year, limits=limits)


def _days(n: int) -> str:
    return counted(n, "day")


def _state_word(state: str) -> str:
    """A status as a finding message names it: the word of the status file in English, the
    Chinese status word in Chinese."""
    return _(STATE_WORDS.get(state, state))



def _finding(code: str, task: str | None, message: str, file: str, line: int) -> Finding:
    rule = RULES[code]
    return Finding(code, rule.name, rule.severity, task, message, file, line)


Flag = Literal["overdue", "due_soon", "done"]


def deadline_flag(due: date | None, state: str, as_of: date, warn_days: int) -> Flag | None:
    """What a ledger or report colours a task: overdue (red), due soon (yellow), done (green).

    >>> deadline_flag(date(2025, 3, 31), "in_progress", date(2025, 4, 1), 30)
    'overdue'
    """
    if state in FINISHED:
        return "done"
    if due is None:
        return None
    days_left = (due - as_of).days
    if days_left < 0:
        return "overdue"
    return "due_soon" if days_left <= warn_days else None


@dataclass(frozen=True)
class TaskState:
    """One task as a ledger row or report line sees it."""

    task: Task
    entry: StatusEntry | None
    status: str  # todo, in_progress, done, blocked, waived, or untracked
    flag: Flag | None


def task_states(notice: Notice, status: StatusFile | None, *, as_of: date,
                warn_days: int = 30) -> list[TaskState]:
    """Every task of the notice with its entry, status and flag (no status file: all todo)."""
    out = []
    for task in notice.tasks:
        entry = status.tasks.get(task.id) if status else None
        state = entry.status if entry else (UNTRACKED if status else "todo")
        out.append(TaskState(task, entry, state,
                             deadline_flag(task.deadline.due, state, as_of, warn_days)))
    return out


@dataclass(frozen=True)
class TaskView:
    """One task as the rules see it: the task, its entry, and where a finding about it points."""

    task: Task
    entry: StatusEntry | None
    file: str
    as_of: date
    state: str  # the entry's status; todo where there is no entry
    flag: Flag | None
    line: int  # the entry's line, else the status file's notice: line
    track_line: int  # the entry's line, else the status file's tasks: line
    tasks_line: int

    def finding(self, code: str, message: str, line: int) -> Finding:
        return _finding(code, self.task.id, message, self.file, line)


TaskRule = Callable[[TaskView], Finding | None]
# The task rules of contract section 2, one function each, in the order their findings
# are listed for a task; the code names the rule (code, name, severity: rules.RULES).
TASK_RULES: dict[str, TaskRule] = {}


def task_rule(code: str) -> Callable[[TaskRule], TaskRule]:
    def register(function: TaskRule) -> TaskRule:
        if code not in RULES or code in TASK_RULES:  # a rule is named once, in rules.RULES
            raise ValueError(f"task rule {code}: not in rules.RULES, or registered twice")
        TASK_RULES[code] = function
        return function
    return register


@task_rule("GK103")
def no_lead(view: TaskView) -> Finding | None:
    if view.task.lead_units:
        return None
    return view.finding("GK103", _("task {task} has no lead unit").format(task=view.task.id),
                        view.line)


@task_rule("GK104")
def no_deadline(view: TaskView) -> Finding | None:
    if view.task.deadline.kind != "none":
        return None
    return view.finding("GK104", _("task {task} has no deadline").format(task=view.task.id),
                        view.line)


@task_rule("GK105")
def unparsed_deadline(view: TaskView) -> Finding | None:
    if view.task.deadline.kind != "unparsed":
        return None
    return view.finding("GK105", _("task {task}: deadline {text} could not be read").format(
        task=view.task.id, text=repr(view.task.deadline.text)), view.line)


@task_rule("GK107")
def untracked(view: TaskView) -> Finding | None:
    if view.entry is not None:
        return None
    return view.finding("GK107", _("task {task} has no entry in the status file").format(
        task=view.task.id), view.tasks_line)


@task_rule("GK101")
def overdue(view: TaskView) -> Finding | None:
    due = view.task.deadline.due
    if view.flag != "overdue" or due is None:
        return None
    return view.finding("GK101", _("task {task} is overdue by {days} (due {due}, {state})").format(
        task=view.task.id, days=_days((view.as_of - due).days), due=due,
        state=_state_word(view.state)), view.track_line)


@task_rule("GK106")
def due_soon(view: TaskView) -> Finding | None:
    due = view.task.deadline.due
    if view.flag != "due_soon" or due is None:
        return None
    days_left = (due - view.as_of).days
    message = (_("task {task} is due today ({due}, {state})") if days_left == 0 else
               _("task {task} is due in {days} ({due}, {state})"))
    return view.finding("GK106", message.format(task=view.task.id, days=_days(days_left), due=due,
                                                state=_state_word(view.state)), view.track_line)


@task_rule("GK113")
def done_in_future(view: TaskView) -> Finding | None:
    entry = view.entry
    if entry is None or entry.status != "done" or entry.completed_on is None:
        return None
    if entry.completed_on <= view.as_of:
        return None
    # A date still to come is a typo or a wrong as_of: the task may not be done at all.
    return view.finding("GK113", _("task {task} is done on {completed}, after the as-of date "
                                   "{date}; correct completed_on (or as_of)").format(
        task=view.task.id, completed=entry.completed_on, date=view.as_of), entry.line)


@task_rule("GK110")
def done_undated(view: TaskView) -> Finding | None:
    entry = view.entry
    if entry is None or entry.status != "done" or entry.completed_on is not None:
        return None
    return view.finding("GK110", _("task {task} is done but has no completed_on date").format(
        task=view.task.id), entry.line)


@task_rule("GK102")
def done_late(view: TaskView) -> Finding | None:
    entry, due = view.entry, view.task.deadline.due
    if entry is None or entry.status != "done" or entry.completed_on is None or due is None:
        return None
    if entry.completed_on <= due:
        return None
    late = _days((entry.completed_on - due).days)
    return view.finding("GK102", _("task {task} was completed {days} late ({completed}, due "
                                   "{due})").format(task=view.task.id, days=late,
                                                    completed=entry.completed_on, due=due),
                        entry.line)


@task_rule("GK111")
def blocked(view: TaskView) -> Finding | None:
    entry = view.entry
    if entry is None or entry.status != "blocked":
        return None
    message = _("task {task} is blocked: {note}") if entry.note else _("task {task} is blocked")
    return view.finding("GK111", message.format(task=view.task.id, note=entry.note), entry.line)


@task_rule("GK112")
def waived_no_reason(view: TaskView) -> Finding | None:
    entry = view.entry
    if entry is None or entry.status != "waived" or (entry.reason and entry.reason.strip()):
        return None
    return view.finding("GK112", _("task {task} is waived without a reason").format(
        task=view.task.id), entry.line)


@task_rule("GK109")
def stale_entry(view: TaskView) -> Finding | None:
    entry, task = view.entry, view.task
    if entry is None or not entry.fingerprint or entry.fingerprint == task.fingerprint:
        return None
    return view.finding("GK109", _("task {task} changed since its entry was written "
                                   "(fingerprint {old}, now {new}); review the entry").format(
        task=task.id, old=entry.fingerprint, new=task.fingerprint), entry.line)


def unknown_tasks(notice: Notice, status: StatusFile) -> list[Finding]:
    """GK108, the rule about the status file rather than a task: entries the notice lacks."""
    known = {task.id for task in notice.tasks}
    untracked = [task.id for task in notice.tasks if task.id not in status.tasks]
    return [_finding("GK108", task_id, _("task {task} is not in the notice").format(task=task_id)
                     + _did_you_mean(task_id, untracked), status.path, entry.line)
            for task_id, entry in status.tasks.items() if task_id not in known]


def summarise(states: Sequence[TaskState], findings: Sequence[Finding]) -> Summary:
    """The one place the figures are counted: tasks by status and flag, findings by severity."""
    summary = Summary(tasks=len(states))
    for state in states:
        summary.by_status[state.status] += 1
        if state.flag == "overdue":
            summary.overdue += 1
        elif state.flag == "due_soon":
            summary.due_soon += 1
    for finding in findings:
        summary.by_severity[finding.severity] += 1
    return summary


def evaluate(notice: Notice, status: StatusFile, *, as_of: date, warn_days: int = 30) -> tuple[
        list[Finding], Summary]:
    """The rules of contract section 2, task by task in document order, then unknown entries."""
    states = task_states(notice, status, as_of=as_of, warn_days=warn_days)
    findings: list[Finding] = []
    for state in states:
        entry = state.entry
        view = TaskView(state.task, entry, status.path, as_of,
                        entry.status if entry else "todo", state.flag,
                        entry.line if entry else status.notice_line,
                        entry.line if entry else status.tasks_line, status.tasks_line)
        for rule in TASK_RULES.values():
            found = rule(view)
            if found is not None:
                findings.append(found)
    findings.extend(unknown_tasks(notice, status))
    return findings, summarise(states, findings)


def _did_you_mean(task_id: str, untracked: list[str]) -> str:
    """A typo'd id most often stands for a task that then has no entry: name the close ones.

    >>> _did_you_mean("1.2.33", ["1.2.3", "4.1.1"])
    '; did you mean 1.2.3 (untracked)?'
    """
    import difflib

    close = difflib.get_close_matches(task_id, untracked, n=3, cutoff=0.75)
    return _("; did you mean {tasks} (untracked)?").format(tasks=_(" or ").join(close)) \
        if close else ""


def check(status_path: str | Path, *, notice: str | Path | None = None,
          as_of: date | None = None, warn_days: int = 30, year: int | None = None,
          limits: Limits = DEFAULT_LIMITS, unit: str | None = None,
          roster: Roster | None = None) -> CheckReport:
    """Check a status file against its notice.

    ``notice`` overrides the file's ``notice:`` (a .docx, or JSON from
    extract); ``as_of`` overrides the file's ``as_of:``, which overrides today
    in China Standard Time. ``unit`` (with a ``roster``) keeps the tasks of one unit.
    """
    status = load_status(status_path, max_bytes=limits.max_status_bytes)
    if notice is not None:
        notice_path = Path(notice)
    elif status.notice is not None:
        notice_path = Path(status_path).parent / status.notice
    else:
        raise StatusFileError(status_path, _("no notice: line; add one or pass --notice"), line=1)
    try:
        loaded = load_notice(notice_path, year=year, limits=limits)
    except DocumentError as exc:
        if notice is None:  # the user did not type this path: say where it came from
            exc.message += _(" (the notice: named on line {line} of {file})").format(
                line=status.notice_line, file=status_path)
        raise
    when = as_of or status.as_of or today_in_china()
    if unit is not None:  # the unit's view: its tasks, and the entries about them
        loaded = for_unit(loaded, unit, roster)
        ids = {task.id for task in loaded.tasks}
        status = dataclass_replace(status, tasks={k: v for k, v in status.tasks.items()
                                                  if k in ids})
    findings, summary = evaluate(loaded, status, as_of=when, warn_days=warn_days)
    return CheckReport(as_of=when, warn_days=warn_days, status_path=str(status_path),
                       notice=loaded, status=status, findings=findings, summary=summary)


def report_data(report: CheckReport) -> dict[str, object]:
    """The JSON shape of contract section 2: as_of, summary, findings."""
    return {"as_of": report.as_of.isoformat(), "notice": report.notice.source.path,
            "status_file": report.status_path, "summary": report.summary.to_dict(),
            "findings": [f.to_dict() for f in report.findings]}



@dataclass
class Progress:
    """A notice's tasks with their states, for a ledger or a report.

    ``report`` and ``states`` are None when the source was a notice, not a status file.
    """

    notice: Notice
    states: list[TaskState] | None
    as_of: date
    report: CheckReport | None = None


def load_progress(source: str | Path, *, as_of: date | None = None, warn_days: int = 30,
                  year: int | None = None, unit: str | None = None,
                  roster: Roster | None = None) -> Progress:
    """A status file checked (``.yaml``), or a notice (``.docx`` or extract's JSON) alone."""
    source = Path(source)
    if source.suffix.lower() in (".yaml", ".yml"):
        report = check(source, as_of=as_of, warn_days=warn_days, year=year, unit=unit,
                       roster=roster)
        states = task_states(report.notice, report.status, as_of=report.as_of,
                             warn_days=warn_days)
        return Progress(report.notice, states, report.as_of, report)
    notice = load_notice(source, year=year)
    if unit is not None:
        notice = for_unit(notice, unit, roster)
    return Progress(notice, None, as_of or today_in_china())
