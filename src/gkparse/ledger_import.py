"""Reading a filled-in 工作台账 back: what units wrote in 状态 / 完成日期 / 佐证材料 / 备注.

A ledger comes back the way people leave it: a title row above the header,
columns renamed (状态 → 完成情况) or moved, status cells merged over several
rows, rows sorted or filtered. So every sheet is searched for its header row
by the words in it, merged ranges count for every row they cover, and a row
is found by its task id wherever it is. A cell gkparse cannot use (an unknown
status word, a date that is not a date) is a ``BadCell`` with its sheet and
reference and the words that were typed, never a guess; an empty cell means
"no news" and changes nothing. Two sheets that ask for different values for
one task are a conflict, and a conflict is never written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gkparse.dates import read_date
from gkparse.errors import read_input
from gkparse.ledger import BASELINE_SHEET, remark, remark_field
from gkparse.limits import DEFAULT_LIMITS, MB, Limits
from gkparse.status import (
    CHINESE_STATUS,
    STATUS_WORDS,
    StatusEntry,
    StatusFile,
    StatusFileError,
    decode_status,
    parse_status,
)
from gkparse.workbook import WorkbookError, column_letter, read_sheets

MAX_LEDGER_BYTES = 100 * MB
HEADER_SEARCH_ROWS = 30
# The words a header may say for each column, most specific first; a header is compared with
# its spaces, line breaks, bracketed hints (“状态（下拉选择）”) and trailing colon removed.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "task": ("编号", "任务编号", "任务序号", "序号"),
    "status": ("状态", "完成状态", "任务状态", "进展状态", "推进状态", "办理状态", "完成情况"),
    "completed_on": ("完成日期", "实际完成日期", "完成时间", "实际完成时间", "办结日期",
                     "办结时间"),
    "evidence": ("佐证材料", "佐证资料", "佐证", "证明材料", "支撑材料", "完成佐证"),
    "note": ("备注", "备注说明", "说明"),
}
FIELDS = ("status", "completed_on", "evidence", "note")
COLUMN_NAMES = {"status": "状态", "completed_on": "完成日期", "evidence": "佐证材料",
                "note": "备注", "reason": "备注"}
_HINT = re.compile(r"[（(【\[].*?[）)】\]]")

# Kept for callers that named the workbook error by its old name.
LedgerError = WorkbookError


@dataclass(frozen=True)
class BadCell:
    sheet: str
    cell: str
    task: str
    problem: str

    def describe(self, path: str | Path) -> str:
        return f"{path}: {self.sheet}!{self.cell} (task {self.task}): {self.problem}"


@dataclass
class LedgerRow:
    """What one sheet row says about a task: the values read, and for each its cell and the
    words typed there (for messages)."""

    task: str
    sheet: str
    row: int
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    typed: dict[str, str] = field(default_factory=dict)

    def where(self, name: str) -> str:
        return f"{self.sheet}!{self.cells.get(name, f'A{self.row}')}"


@dataclass
class Ledger:
    """What a workbook says: its task rows, and (from a gkparse ledger) the status columns as
    they were written, to tell people's edits from what was already there."""

    rows: list[LedgerRow]
    baseline: dict[str, LedgerRow] | None = None


def header_key(text: object) -> str:
    """A header cell as compared with ``HEADER_WORDS``.

    >>> header_key(" 状  态（下拉选择）："), header_key("完成\\n日期")
    ('状态', '完成日期')
    """
    if text is None:
        return ""
    return _HINT.sub("", "".join(str(text).split())).rstrip(":：*")


def find_columns(values: list[Any]) -> dict[str, int] | None:
    """The column of each field in a header row, or None when the row is not a header."""
    keys = [header_key(value) for value in values]
    columns: dict[str, int] = {}
    for name, words in HEADER_WORDS.items():
        for word in words:
            if word in keys:
                columns[name] = keys.index(word)
                break
    if "task" not in columns or not any(name in columns for name in FIELDS):
        return None
    return columns


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def parse_cell_date(value: object) -> date | str | None:
    """A date, None for an empty cell, or the text that is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return read_date(text)  # the one date reader (gkparse.dates), as for --as-of
    except ValueError:
        return text


def _status_word(text: str) -> str | None:
    return STATUS_WORDS.get("".join(text.split()))


def _read_row(sheet: str, columns: dict[str, int], values: list[Any], number: int,
              bad: list[BadCell]) -> LedgerRow | None:
    def cell(name: str) -> object:
        index = columns.get(name)
        return values[index] if index is not None and index < len(values) else None

    said = {name: cell(name) for name in FIELDS if _text(cell(name)) is not None}
    task = _text(cell("task"))
    if not said or task is None:  # a row that says nothing (or names no task) asks nothing
        return None
    row = LedgerRow(task=task, sheet=sheet, row=number)
    for name, value in said.items():
        row.cells[name] = f"{column_letter(columns[name] + 1)}{number}"
        row.typed[name] = _text(value) or ""
    problems = []
    word = _text(said.get("status"))
    if word is not None and word != "未跟踪":  # the summary's word for "no entry": no news
        status = _status_word(word)
        if status is None:
            problems.append(("status", f"unknown status {word!r}; use one of "
                                       f"{'、'.join(CHINESE_STATUS.values())}"))
        else:
            row.values["status"] = status
    if "completed_on" in said:
        when = parse_cell_date(said["completed_on"])
        if isinstance(when, str):
            problems.append(("completed_on", f"{when!r} is not a date (write 2025-06-30)"))
        elif when is not None:
            row.values["completed_on"] = when
    evidence = _text(said.get("evidence"))
    if evidence is not None:
        row.values["evidence"] = [line.strip() for line in evidence.splitlines() if line.strip()]
    note = _text(said.get("note"))
    if note is not None:
        row.values["note"] = note
    for name, problem in problems:
        bad.append(BadCell(sheet, row.cells[name], task, problem))
    # A row with a bad cell says nothing: half a row (a date without its status) would be
    # written as something nobody wrote.
    return None if problems else row


def read_ledger(path: str | Path, *, limits: Limits = DEFAULT_LIMITS
                ) -> tuple[Ledger, list[BadCell]]:
    """Every task row of every task sheet, and the cells that could not be read."""
    rows: list[LedgerRow] = []
    bad: list[BadCell] = []
    baseline: dict[str, LedgerRow] | None = None
    task_sheets = 0
    for sheet in read_sheets(path, max_bytes=MAX_LEDGER_BYTES, limits=limits):
        found = _sheet_rows(sheet, [] if sheet.title == BASELINE_SHEET else bad)
        if found is None:
            continue
        if sheet.title == BASELINE_SHEET:
            baseline = {row.task: row for row in found}
            continue
        task_sheets += 1
        rows.extend(found)
    if not task_sheets:
        raise WorkbookError(path, "no sheet has a task table (a header row with 编号 and 状态, "
                                  "完成日期, 佐证材料 or 备注); nothing to import")
    return Ledger(rows, baseline), bad


def _sheet_rows(sheet: Any, bad: list[BadCell]) -> list[LedgerRow] | None:
    """The task rows of one sheet, or None when it has no header row near its top."""
    columns = None
    rows = []
    for number, values in sheet:
        if columns is None:
            if number > HEADER_SEARCH_ROWS:
                return None
            columns = find_columns(values)
            if columns is not None:
                sheet.only_columns = {index + 1 for index in columns.values()}
            continue
        row = _read_row(sheet.title, columns, values, number, bad)
        if row is not None:
            rows.append(row)
    return rows if columns is not None else None


@dataclass
class Change:
    """What the ledger asks of one task: the fields to set, and the entry before and after."""

    task: str
    before: StatusEntry | None
    after: StatusEntry
    updates: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        parts = [_describe(name, self.before, self.after) for name in self.updates]
        if self.before is None:
            return f"{self.task}: added ({', '.join(parts)})"
        return f"{self.task}: {', '.join(parts)}"


def _shown(name: str, value: Any) -> str:
    if value is None or value == []:
        return "-"
    if name == "status":
        return CHINESE_STATUS[value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return f"{len(value)} 项"
    return repr(value)


def _describe(name: str, before: StatusEntry | None, after: StatusEntry) -> str:
    old = getattr(before, name) if before else None
    return f"{COLUMN_NAMES[name]} {_shown(name, old)} -> {_shown(name, getattr(after, name))}"


def plan_import(status: StatusFile, ledger: Ledger, known_tasks: set[str] | None = None
                ) -> tuple[list[Change], list[BadCell]]:
    """The changes the ledger asks for, against the status file as it is.

    With a baseline (a workbook gkparse wrote), only cells people changed
    count, so the same task in several sheets, or a workbook imported twice,
    asks for nothing it did not mean. A value equal to the file's is no
    change. Two rows asking for different values for one task are a
    conflict: one BadCell naming both cells, and the task is left out.
    A task neither in the status file nor in the notice (``known_tasks``) is
    refused.
    """
    proposals: dict[str, dict[str, tuple[Any, LedgerRow]]] = {}
    bad: list[BadCell] = []
    conflicted: set[str] = set()
    for row in ledger.rows:
        if known_tasks is not None and row.task not in known_tasks \
                and row.task not in status.tasks:
            first = next(iter(row.cells.values()), f"A{row.row}")
            bad.append(BadCell(row.sheet, first, row.task, "no such task in the notice"))
            continue
        written = ledger.baseline.get(row.task) if ledger.baseline is not None else None
        current = status.tasks.get(row.task)
        for name in FIELDS:
            value = row.values.get(name)
            if value is None or (written is not None and value == written.values.get(name)):
                continue
            if current is None:  # no entry yet: "todo" is what it already means
                if name == "status" and value == "todo":
                    continue
            elif value == (remark(current) if name == "note" else getattr(current, name)):
                continue
            seen = proposals.setdefault(row.task, {}).get(name)
            if seen is not None and seen[0] != value:
                other = seen[1]
                bad.append(BadCell(row.sheet, row.cells[name], row.task,
                                   f"{COLUMN_NAMES[name]} {row.typed[name]!r} here, but "
                                   f"{other.typed[name]!r} in {other.where(name)}; "
                                   "this task is left out"))
                conflicted.add(row.task)
                continue
            proposals[row.task][name] = (value, row)
    changes = []
    for task, fields in proposals.items():
        if task in conflicted or not fields:
            continue
        before = status.tasks.get(task)
        after = before if before is not None else StatusEntry(task=task, line=0)
        updates = {name: value for name, (value, _) in fields.items()}
        if "note" in updates:  # the 备注 column: a note, or a waived task's reason
            updates[remark_field(updates.get("status", after.status))] = updates.pop("note")
        changes.append(Change(task, before, replace(after, **updates), updates))
    return changes, bad


@dataclass
class ImportPlan:
    """What importing a workbook into a status file does; ``text`` is the new file's text
    (None when nothing changes) and ``written`` whether it was written."""

    status_path: Path
    changes: list[Change]
    bad: list[BadCell]
    text: str | None
    written: bool = False


@contextmanager
def _status_bytes(path: Path, write: bool, limits: Limits) -> Iterator[Any]:
    """The status file's bytes: locked for an in-place update, or just read for a dry run."""
    from gkparse.inplace import EditedFile, open_for_edit

    if write:
        with open_for_edit(path, max_bytes=limits.max_status_bytes) as edited:
            yield edited
    else:
        data = read_input(path, StatusFileError, "a status file", limits.max_status_bytes)
        yield EditedFile(path, path, data)


def import_ledger(workbook: str | Path, status_path: str | Path, *, write: bool = False,
                  skip_bad: bool = False, limits: Limits = DEFAULT_LIMITS) -> ImportPlan:
    """Import a filled-in ledger into a status file; with ``write``, update the file.

    The file is locked from reading to writing (a second import waits for
    this one), edited in place (``status_edit``: only the values that change),
    and written only if no cell was bad (or ``skip_bad``) and the file did
    not change meanwhile. New entries get the fingerprint of the task they
    track (from the status file's notice).
    """
    from gkparse.checker import load_notice
    from gkparse.status_edit import edit_status_text

    status_path = Path(status_path)
    with _status_bytes(status_path, write, limits) as edited:
        text = decode_status(edited.data, status_path)
        status = parse_status(text, status_path)
        filled, bad = read_ledger(workbook, limits=limits)
        # The notice is read only when the workbook names a task the status file lacks: to
        # know it is a task at all, and to give its new entry the fingerprint of its text.
        known = None
        if status.notice and any(row.task not in status.tasks for row in filled.rows):
            known = {task.id: task for task in load_notice(status_path.parent / status.notice,
                                                           limits=limits).tasks}
        changes, conflicts = plan_import(status, filled, set(known) if known else None)
        bad += conflicts
        if not changes:
            return ImportPlan(status_path, changes, bad, None)
        for change in changes:
            if change.before is None and known:  # a new entry remembers the text it tracks
                change.after = replace(change.after, fingerprint=known[change.task].fingerprint)
        updated = edit_status_text(
            text, str(status_path),
            {c.task: c.updates for c in changes if c.before is not None},
            [c.after for c in changes if c.before is None])
        plan = ImportPlan(status_path, changes, bad, updated)
        if write and (skip_bad or not bad):
            edited.replace(updated.encode("utf-8"))
            plan.written = True
        return plan
