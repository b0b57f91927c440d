"""督办单: which units are reminded of which tasks, and in which colour (三色督办).

A task is reminded of when it is overdue, blocked, or due soon (within
``--warn-days``) and not done or waived. Its colour is what a 督查 office
would give it:

- red (红色): the deadline has passed;
- yellow (黄色): blocked, or behind: due soon and not started (未开始, or
  no entry in the status file);
- blue (蓝色): due soon and under way.

Each lead unit gets one 督办单 listing its tasks (a task led by three units
is on three); the 督办单's colour is its worst task's. With ``--unit``, the
one unit's 督办单 lists the tasks it leads or is responsible for, directly or
through a collective name (the report is already narrowed to them). A task
with no lead unit has nobody to remind and is returned apart.

>>> from gkparse.tracking.checker import check
>>> plan = plan_reminders(check("samples/status.yaml"))
>>> [(r.unit, r.level, [i.state.task.id for i in r.items]) for r in plan.reminders]
[('区党政办公室', 'red', ['1.4.5', '2.6.1', '1.4.3'])]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from gkparse.office.gongwen import chinese_date
from gkparse.office.report import report_states
from gkparse.office.report_docx import plan_name
from gkparse.tracking.checker import CheckReport, TaskState
from gkparse.tracking.vocabulary import CHINESE_STATUS, FLAG_LABELS, JOINER

Level = Literal["red", "yellow", "blue"]
Reason = Literal["overdue", "blocked", "behind", "due_soon"]
LEVEL_RANK: dict[Level, int] = {"red": 3, "yellow": 2, "blue": 1}
LEVEL_NAMES: dict[Level, str] = {"red": "红色", "yellow": "黄色", "blue": "蓝色"}
# (mark fill, mark text colour, a table row's light fill)
LEVEL_COLOURS: dict[Level, tuple[str, str, str]] = {
    "red": ("C00000", "FFFFFF", "F8CBAD"), "yellow": ("FFC000", "000000", "FFE699"),
    "blue": ("0070C0", "FFFFFF", "BDD7EE")}
REASON_NAMES: dict[Reason, str] = {"overdue": FLAG_LABELS["overdue"],
                                   "blocked": CHINESE_STATUS["blocked"], "behind": "进度滞后",
                                   "due_soon": FLAG_LABELS["due_soon"]}
# What is asked of the unit, by colour (督办要求).
ASKS: dict[Level, str] = {
    "red": "对逾期任务，请立即组织推进，尽快办结，并书面说明逾期原因和整改措施。",
    "yellow": "对受阻或进度滞后的任务，请说明受阻原因和拟采取的措施，需要协调解决的问题一并提出，"
              "加快推进。",
    "blue": "对即将到期的任务，请抓紧推进，确保按期完成。"}
NOT_STARTED = ("todo", "untracked")


@dataclass(frozen=True)
class Item:
    """One task on a 督办单: its state, colour and why."""

    state: TaskState
    level: Level
    reason: Reason
    days: int | None  # days overdue (red) or left (due soon); None when the deadline is unknown


@dataclass(frozen=True)
class Reminder:
    """One unit's 督办单."""

    unit: str
    items: list[Item]

    @property
    def level(self) -> Level:
        return max((item.level for item in self.items), key=LEVEL_RANK.__getitem__)

    def count(self, reason: Reason) -> int:
        return sum(item.reason == reason for item in self.items)


@dataclass
class ReminderPlan:
    """The 督办单 to send, as of a date, and the reminded tasks that have no lead unit."""

    report: CheckReport
    reply_by: date
    unit: str | None = None  # the one unit of a --unit view
    reminders: list[Reminder] = field(default_factory=list)
    unassigned: list[Item] = field(default_factory=list)


def remind_item(state: TaskState, as_of: date) -> Item | None:
    """The task's place on a 督办单, or None when it needs no reminder.

    >>> from gkparse.tracking.checker import check
    >>> report = check("samples/status.yaml")
    >>> [remind_item(s, report.as_of).reason for s in report_states(report)
    ...  if remind_item(s, report.as_of)]
    ['due_soon', 'overdue', 'blocked']
    """
    due = state.task.deadline.due
    days = None if due is None else (due - as_of).days
    if state.flag == "overdue":
        return Item(state, "red", "overdue", None if days is None else -days)
    if state.status == "blocked":
        return Item(state, "yellow", "blocked", days if state.flag == "due_soon" else None)
    if state.flag == "due_soon":
        if state.status in NOT_STARTED:
            return Item(state, "yellow", "behind", days)
        return Item(state, "blue", "due_soon", days)
    return None


def _order(item: Item) -> tuple[int, int]:
    """Red first, then yellow, then blue; within a colour, the most pressing deadline first."""
    pressing = item.days if item.days is not None else 10**6
    return (-LEVEL_RANK[item.level], -pressing if item.reason == "overdue" else pressing)


def plan_reminders(report: CheckReport, *, unit: str | None = None,
                   reply_days: int = 5) -> ReminderPlan:
    """The 督办单 for a checked status file: one per lead unit, or one for ``unit``."""
    items = [item for state in report_states(report)
             if (item := remind_item(state, report.as_of)) is not None]
    plan = ReminderPlan(report, report.as_of + timedelta(days=reply_days), unit)
    if unit is not None:
        if items:
            plan.reminders.append(Reminder(unit, sorted(items, key=_order)))
        return plan
    by_unit: dict[str, list[Item]] = {}
    for item in items:
        if not item.state.task.lead_units:
            plan.unassigned.append(item)
        for lead in item.state.task.lead_units:
            by_unit.setdefault(lead, []).append(item)
    reminders = [Reminder(name, sorted(unit_items, key=_order))
                 for name, unit_items in by_unit.items()]
    # Red 督办单 first, then yellow, then blue; otherwise in the notice's order of units.
    plan.reminders = sorted(reminders, key=lambda r: -LEVEL_RANK[r.level])
    return plan


def status_note(item: Item) -> str:
    """督办情况 as the table and the message show it: 逾期15天 / 原因：… / 还有5天."""
    state = item.state
    if item.reason == "overdue":
        return f"逾期{item.days}天" if item.days is not None else "逾期"
    if item.reason == "blocked":
        note = state.entry.note if state.entry and state.entry.note else ""
        return f"原因：{note}" if note else "原因未说明"
    return "今天到期" if item.days == 0 else f"还有{item.days}天"


_UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def file_names(reminders: list[Reminder], suffix: str) -> list[str]:
    """A file name per 督办单 (``督办单-区党政办公室.docx``): safe on Windows too, and unique."""
    names: list[str] = []
    taken: set[str] = set()
    for reminder in reminders:
        base = f"督办单-{_UNSAFE_IN_FILE_NAMES.sub('_', reminder.unit).strip(' .') or '单位'}"
        name, n = f"{base}{suffix}", 1
        while name.lower() in taken:
            n += 1
            name = f"{base} ({n}){suffix}"
        taken.add(name.lower())
        names.append(name)
    return names


def opening(plan: ReminderPlan, reminder: Reminder) -> str:
    """The 督办单's first paragraph: on what authority, as of when, how many tasks of each kind."""
    info = plan.report.notice.notice
    source = f"《{info.title or plan_name(plan.report.notice)}》"
    if info.title and info.doc_number:
        source += f"（{info.doc_number}）"
    role = "牵头" if plan.unit is None else "牵头或参与"
    counts = JOINER.join(f"{REASON_NAMES[reason]}{reminder.count(reason)}项"
                      for reason in REASON_NAMES if reminder.count(reason))
    return (f"根据{source}要求，截至{chinese_date(plan.report.as_of)}，你单位{role}的以下"
            f"{len(reminder.items)}项任务需加快办理（{counts}），现予"
            f"{LEVEL_NAMES[reminder.level]}督办。")


def asks(reminder: Reminder) -> list[str]:
    """What is asked of the unit, for each colour its tasks have, red first."""
    levels = {item.level for item in reminder.items}
    return [ASKS[level] for level in ASKS if level in levels]


def reply_line(plan: ReminderPlan, sender: str | None) -> str:
    to = f"反馈{sender}" if sender else "反馈"
    return f"请于{chinese_date(plan.reply_by)}前将办理情况书面{to}。"
