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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gkparse.errors import StatusFileError, read_input
from gkparse.grammar.dates import read_date
from gkparse.i18n import _
from gkparse.limits import DEFAULT_LIMITS, MB, Limits
from gkparse.office.ledger import BASELINE_SHEET
from gkparse.office.workbook import FormulaWithoutValue, WorkbookError, column_letter, read_sheets
from gkparse.tracking.status import (
    StatusEntry,
    StatusFile,
    decode_status,
    parse_status,
)
from gkparse.tracking.vocabulary import (
    CHINESE_STATUS,
    JOINER,
    STATUS_WORDS,
    UNTRACKED_LABEL,
    remark,
    remark_field,
)

MAX_LEDGER_BYTES = 100 * MB
HEADER_SEARCH_ROWS = 30
# The words a header may say for each column, most specific first; a header is compared with
# its spaces, line breaks, bracketed hints (“状态（下拉选择）”) and trailing colon removed.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "task": ("编号", "任务编号", "任务序号", "序号"),
    "status": ("状态", "完成状态", "任务状态", "当前状态", "进展状态", "推进状态", "办理状态",
               "完成情况", "进展情况", "推进情况"),
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
        return _("{path}: {cell} (task {task}): {problem}").format(
            path=path, cell=f"{self.sheet}!{self.cell}", task=self.task, problem=self.problem)


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
    read: set[str] = field(default_factory=set)  # the fields its sheet has a column for

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


Columns = dict[str, list[int]]  # field -> the columns (0-based) whose header names it
_TASK_ID = re.compile(r"(?:\d+:)?\d+(?:\.\d+)*")


def find_columns(values: list[Any]) -> Columns | None:
    """The columns of each field in a header row, or None when the row is not a header.

    Several columns may carry one header (an old 状态 column kept beside a new one); all
    are read.

    >>> find_columns(["序号", "编号", "状态", "备注", "状态"])
    {'task': [1], 'status': [2, 4], 'note': [3]}
    """
    keys = [header_key(value) for value in values]
    columns: Columns = {}
    for name, words in HEADER_WORDS.items():
        for word in words:
            if word in keys:
                columns[name] = [index for index, key in enumerate(keys) if key == word]
                break
    if "task" not in columns or not any(name in columns for name in FIELDS):
        return None
    return columns


def is_task_id(text: str) -> bool:
    """Whether a 编号 cell names a task (``1.2.3``, ``2:1.1.1``), not a footer such as
    ``填表人：张三`` or a section row.

    >>> is_task_id("1.2.3"), is_task_id("2:1.1.1"), is_task_id("填表人：张三")
    (True, True, False)
    """
    return _TASK_ID.fullmatch(text) is not None


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
        return read_date(text)  # the one date reader (gkparse.grammar.dates), as for --as-of
    except ValueError:
        return text


def _status_word(text: str) -> str | None:
    return STATUS_WORDS.get("".join(text.split()))


def _read_row(sheet: str, columns: Columns, values: list[Any], number: int,
              bad: list[BadCell]) -> LedgerRow | None:
    def cells(name: str) -> list[tuple[int, object]]:
        return [(index, values[index]) for index in columns.get(name, ())
                if index < len(values) and _said(values[index])]

    task = _text(next((value for _, value in cells("task")), None))
    said = {name: cells(name) for name in FIELDS if cells(name)}
    if not said or task is None or not is_task_id(task):
        return None  # a row that says nothing, or is no task's (a footer, a section row)
    row = LedgerRow(task=task, sheet=sheet, row=number)
    problems = []
    for name, found in said.items():
        index, value = found[0]
        row.cells[name] = f"{column_letter(index + 1)}{number}"
        row.typed[name] = _text(value) or ""
        if isinstance(value, FormulaWithoutValue):
            problems.append((name, _("a formula with no saved value (open the workbook in "
                                     "Excel or WPS and save it)")))
        elif len({_text(v) for _, v in found}) > 1:
            letters = JOINER.join(column_letter(i + 1) for i, _ in found)
            problems.append((name, _("the {column} columns {letters} say different things "
                                     "({values})").format(
                column=COLUMN_NAMES[name], letters=letters,
                values=" / ".join(repr(_text(v)) for _, v in found))))
    if problems:
        for name, problem in problems:
            bad.append(BadCell(sheet, row.cells[name], task, problem))
        return None
    word = _text(said["status"][0][1]) if "status" in said else None
    if word is not None and word != UNTRACKED_LABEL:  # the summary's word for "no entry": no news
        status = _status_word(word)
        if status is None:
            problems.append(("status", _("unknown status {word!r}; use one of {words}").format(
                word=word, words=JOINER.join(CHINESE_STATUS.values()))))
        else:
            row.values["status"] = status
    if "completed_on" in said:
        when = parse_cell_date(said["completed_on"][0][1])
        if isinstance(when, str):
            problems.append(("completed_on", _("{text!r} is not a date (write 2025-06-30)"
                                               ).format(text=when)))
        elif when is not None:
            row.values["completed_on"] = when
    evidence = _text(said["evidence"][0][1]) if "evidence" in said else None
    if evidence is not None:
        row.values["evidence"] = [line.strip() for line in evidence.splitlines() if line.strip()]
    note = _text(said["note"][0][1]) if "note" in said else None
    if note is not None:
        row.values["note"] = note
    row.read = {name for name in FIELDS if name in columns}
    for name, problem in problems:
        bad.append(BadCell(sheet, row.cells[name], task, problem))
    # A row with a bad cell says nothing: half a row (a date without its status) would be
    # written as something nobody wrote.
    return None if problems else row


def _said(value: object) -> bool:
    return isinstance(value, FormulaWithoutValue) or _text(value) is not None


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
        raise WorkbookError(path, _("no sheet has a task table (a header row with 编号 and "
                                    "状态, 完成日期, 佐证材料 or 备注); nothing to import"))
    return Ledger(rows, baseline), bad


def _sheet_rows(sheet: Any, bad: list[BadCell]) -> list[LedgerRow] | None:
    """The task rows of one sheet, or None when it has no header row near its top.

    A header may take two rows (编号 merged down, 完成情况 over 状态 / 完成日期 / 佐证材料 /
    备注): a row right under the header that reads as a header too refines it.
    """
    columns: Columns | None = None
    header_row = 0
    rows = []
    for number, values in sheet:
        if columns is None:
            if number > HEADER_SEARCH_ROWS:
                return None
            columns = find_columns(values)
            header_row = number
            continue
        if number == header_row + 1:
            below = find_columns(values)
            task = _text(next((values[i] for i in below["task"] if i < len(values)), None)
                         ) if below else None
            if below is not None and task is not None and not is_task_id(task):
                columns = {**columns, **below}
                continue
        if sheet.only_columns is None:
            sheet.only_columns = {index + 1 for indexes in columns.values() for index in indexes}
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
            return _("{task}: added ({fields})").format(task=self.task, fields=", ".join(parts))
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


def _current(entry: StatusEntry | None, name: str) -> Any:
    """A field of a status entry as the ledger shows it (the 备注 column: ``remark``)."""
    if entry is None:
        return None
    value = remark(entry) if name == "note" else getattr(entry, name)
    return None if value == [] else value


def _same(a: Any, b: Any) -> bool:
    """Equal as a cell shows them: text without its outer white space (a ``note: |`` ends in a
    line break no cell keeps), an empty list as nothing."""
    def shown(value: Any) -> Any:
        if isinstance(value, str):
            return value.strip() or None
        if isinstance(value, list):
            return [item.strip() for item in value] or None
        return value
    return bool(shown(a) == shown(b))


_CLEARABLE = ("completed_on", "evidence", "note")


def plan_import(status: StatusFile, ledger: Ledger, known_tasks: set[str] | None = None,
                unreadable: Sequence[BadCell] = ()) -> tuple[list[Change], list[BadCell]]:
    """The changes the ledger asks for, against the status file as it is.

    With a baseline (a workbook gkparse wrote, whose hidden sheet keeps the
    status columns as written), this is a three-way merge: only cells people
    changed count, so the same task in several sheets, or a workbook imported
    twice, asks for nothing it did not mean; a cell emptied that held a value
    clears it; and a value the status file changed since the ledger was made
    is not overwritten but reported. Without a baseline an empty cell is no
    news. Two rows asking for different values for one task are a conflict.
    A completion date on a task that is not 已完成 is refused. A task with any
    of these problems, or any bad cell, is left out whole, and each problem is
    one BadCell naming its cells; so is a task with a cell that could not be
    read on any sheet (``unreadable``, from ``read_ledger``). A task neither
    in the status file nor in the notice (``known_tasks``) is refused.
    """
    proposals: dict[str, dict[str, tuple[Any, LedgerRow]]] = {}
    bad: list[BadCell] = []
    left_out: set[str] = set()
    for row in ledger.rows:
        if row.task not in status.tasks and (known_tasks is None or row.task not in known_tasks):
            first = next(iter(row.cells.values()), f"A{row.row}")
            why = _("no such task in the notice") if known_tasks is not None else \
                _("no such task in the status file (and it names no notice to look it up in)")
            bad.append(BadCell(row.sheet, first, row.task, why))
            continue
        written = ledger.baseline.get(row.task) if ledger.baseline is not None else None
        current = status.tasks.get(row.task)
        for name in FIELDS:
            value = row.values.get(name)
            if value is None:
                if written is None or name not in _CLEARABLE or name not in row.read \
                        or written.values.get(name) is None:
                    continue  # an empty cell is no news, unless it was emptied
                value = [] if name == "evidence" else None
            if written is not None and _same(value, written.values.get(name)):
                continue  # as the ledger was written: nobody changed it
            now = _current(current, name)
            if current is None and name == "status" and value == "todo":
                continue  # no entry yet: "todo" is what it already means
            if _same(value, now):
                continue
            if written is not None and not _same(now, written.values.get(name)):
                was = written.values.get(name)
                bad.append(BadCell(row.sheet, row.cells.get(name, f"A{row.row}"), row.task, _(
                    "{column} is {now} in the status file, changed since this ledger was made "
                    "(it was {was}); the ledger says {value}. Decide which holds, then import "
                    "again").format(column=COLUMN_NAMES[name], now=_shown(name, now),
                                    was=_shown(name, was), value=_shown(name, value))))
                left_out.add(row.task)
                continue
            seen = proposals.setdefault(row.task, {}).get(name)
            if seen is not None and not _same(seen[0], value):
                other = seen[1]
                bad.append(BadCell(row.sheet, row.cells.get(name, f"A{row.row}"), row.task, _(
                    "{column} {here!r} here, but {there!r} in {cell}; this task is left out"
                    ).format(column=COLUMN_NAMES[name], here=row.typed.get(name, ""),
                             there=other.typed.get(name, ""), cell=other.where(name))))
                left_out.add(row.task)
                continue
            proposals[row.task][name] = (value, row)
    left_out |= {cell.task for cell in (*bad, *unreadable)}
    changes = []
    for task, fields in proposals.items():
        if task in left_out or not fields:
            continue
        before = status.tasks.get(task)
        after = before if before is not None else StatusEntry(task=task, line=0)
        updates = {name: value for name, (value, _) in fields.items()}
        if "note" in updates:  # the 备注 column: a note, or a waived task's reason
            updates[remark_field(updates.get("status", after.status))] = updates.pop("note")
        after = replace(after, **updates)
        touched = fields.get("completed_on") or fields.get("status")
        if touched is not None and after.completed_on is not None and after.status != "done":
            row = touched[1]
            cell = row.cells.get("completed_on", row.cells.get("status", f"A{row.row}"))
            bad.append(BadCell(row.sheet, cell, task, _(
                "完成日期 {date} on a task that is {status}: a completion date belongs to a task "
                "that is 已完成 (set 状态 to 已完成, or empty 完成日期); this task is left out"
                ).format(date=after.completed_on.isoformat(),
                         status=CHINESE_STATUS[after.status])))
            continue
        changes.append(Change(task, before, after, updates))
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
    from gkparse.tracking.inplace import EditedFile, open_for_edit

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
    from gkparse.tracking.checker import load_notice
    from gkparse.tracking.status_edit import edit_status_text

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
        changes, conflicts = plan_import(status, filled, set(known) if known else None, bad)
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
