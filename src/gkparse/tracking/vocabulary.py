"""The words of tracking, said once: statuses, their Chinese labels, colours, the 备注 rule.

Every other module (the status file, its editor, check, the ledger, its import, the
report) derives its lists from these, so a status added or relabelled here is added or
relabelled everywhere. Nothing but the standard library and ``i18n``: ``check --help`` and
the status reader import it without paying for anything else.

>>> [CHINESE_STATUS[s] for s in STATUSES]
['未开始', '推进中', '已完成', '受阻', '免于']
>>> STATUS_WORDS["推进中"], STATUS_LABELS[UNTRACKED]
('in_progress', '未跟踪')
>>> JOINER.join(["区委办", "区政府办"])
'区委办、区政府办'
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Literal, Protocol

from gkparse.i18n import N_

Status = Literal["todo", "in_progress", "done", "blocked", "waived"]
STATUSES: tuple[Status, ...] = ("todo", "in_progress", "done", "blocked", "waived")
# A task of the notice with no entry in the status file: a state, never a status one writes.
UNTRACKED = "untracked"
STATES: tuple[str, ...] = (*STATUSES, UNTRACKED)  # the order of a summary's by_status
# Statuses with nothing left to do: never overdue, never due soon, green in the ledger.
FINISHED: tuple[Status, ...] = ("done", "waived")

# The word people write for each status in Chinese (status files, the ledger's drop-down).
CHINESE_STATUS: dict[Status, str] = {"todo": "未开始", "in_progress": "推进中", "done": "已完成",
                                     "blocked": "受阻", "waived": "免于"}
# Every word a status file or a ledger cell may hold, English or Chinese, to its status.
STATUS_WORDS: dict[str, Status] = {**{s: s for s in CHINESE_STATUS},
                                   **{word: s for s, word in CHINESE_STATUS.items()}}
# A status as a finding message names it: the status file's word in English, the Chinese
# word in a Chinese run (the catalog translates these; literals, so that they are extracted).
STATE_WORDS: dict[str, str] = {"todo": N_("todo"), "in_progress": N_("in_progress"),
                               "done": N_("done"), "blocked": N_("blocked"), "waived": N_("waived")}
# What a ledger cell or a report shows for each state, untracked included.
STATUS_LABELS: dict[str, str] = dict([*CHINESE_STATUS.items(), (UNTRACKED, "未跟踪")])
UNTRACKED_LABEL = STATUS_LABELS[UNTRACKED]

# The ledger's 汇总 columns, most finished first.
SUMMARY_ORDER: tuple[str, ...] = ("done", "in_progress", "todo", "blocked", "waived", UNTRACKED)
# The report's bars and legends, in this order, with these colours.
REPORT_COLOURS: dict[str, str] = {
    "done": "#3a9d5d", "waived": "#9b8ec4", "in_progress": "#3b7dd8",
    "blocked": "#e08a2e", "todo": "#b9bec7", UNTRACKED: "#e3e5e8"}
# The ledger's row fills for a deadline flag (checker.deadline_flag).
LEDGER_FILLS: dict[str, str] = {"overdue": "#F8CBAD", "due_soon": "#FFE699", "done": "#C6EFCE"}
# The flag's words in the report.
FLAG_LABELS: dict[str, str] = {"overdue": "逾期", "due_soon": "即将到期"}

# The 、 between the items of a Chinese list: units in every cell and line, status words.
JOINER = "、"
# The group of tasks with no lead unit, in the ledger's 汇总 and the report.
NO_LEAD_UNIT = "（无牵头单位）"
# The same, inside an init comment (牵头: 无牵头单位).
NO_LEAD_UNIT_WORD = "无牵头单位"

# Deadlines are Chinese dates: "today" is today in Beijing, whatever the machine's zone.
CHINA_STANDARD_TIME = timezone(timedelta(hours=8))


def today_in_china() -> date:
    return datetime.now(CHINA_STANDARD_TIME).date()


class HasRemarks(Protocol):  # a status entry, as the 备注 rule reads it
    @property
    def status(self) -> str: ...
    @property
    def note(self) -> str | None: ...
    @property
    def reason(self) -> str | None: ...


def remark_field(status: str) -> str:
    """Where the 备注 column belongs in a status entry: a waived task's reason, else its note.

    >>> remark_field("waived"), remark_field("blocked")
    ('reason', 'note')
    """
    return "reason" if status == "waived" else "note"


def remark(entry: HasRemarks) -> str | None:
    """What the 备注 column shows for an entry (its ``remark_field``, else the other one)."""
    own: str | None = getattr(entry, remark_field(entry.status))
    return own or entry.note or entry.reason
