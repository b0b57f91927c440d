"""Reading a filled-in 工作台账 back: what units wrote in 状态 / 完成日期 / 佐证材料 / 备注.

Read with openpyxl (not the library that wrote it). Every sheet with 编号 and
状态 headers is read, so the 总台账 and the per-unit sheets can be filled alike;
two sheets that disagree about a task are reported. A cell gkparse cannot use
(an unknown status word, a date that is not a date) is a ``BadCell`` with its
sheet and reference, never a guess. An empty cell means "no news": it changes
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from gkparse.errors import GkparseError, read_input
from gkparse.ledger import BASELINE_SHEET, remark, remark_field
from gkparse.status import (
    CHINESE_STATUS,
    STATUS_WORDS,
    StatusEntry,
    StatusFile,
    StatusFileError,
)

MAX_LEDGER_BYTES = 100 * 1024 * 1024
FIELDS = {"状态": "status", "完成日期": "completed_on", "佐证材料": "evidence", "备注": "note"}


class LedgerError(GkparseError):
    """The workbook cannot be read at all."""


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
    """What one sheet row says about a task; None where the cell is empty."""

    task: str
    sheet: str
    row: int
    status: str | None = None
    completed_on: date | None = None
    evidence: list[str] | None = None
    note: str | None = None


@dataclass
class Change:
    task: str
    before: StatusEntry | None
    after: StatusEntry
    fields: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.before is None:
            return f"{self.task}: added ({', '.join(self.fields)})"
        return f"{self.task}: {', '.join(self.fields)}"


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _date(value: object) -> date | str | None:
    """A date, None for an empty cell, or the text that is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for candidate in (text, text.replace("/", "-").replace(".", "-"),
                      text.replace("年", "-").replace("月", "-").rstrip("日")):
        parts = candidate.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            try:
                return date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:
                break
    return text


@dataclass
class Ledger:
    """What a workbook says: its task rows, and (from a gkparse ledger) the status columns as
    they were written, to tell people's edits from what was already there."""

    rows: list[LedgerRow]
    baseline: dict[str, LedgerRow] | None = None


def read_ledger(path: str | Path) -> tuple[Ledger, list[BadCell]]:
    """Every task row of every task sheet, and the cells that could not be read."""
    from openpyxl import load_workbook

    path = Path(path)
    data = read_input(path, LedgerError, "an .xlsx workbook", MAX_LEDGER_BYTES)
    if not data.startswith(b"PK"):
        raise LedgerError(path, "not an .xlsx workbook (save it from Excel or WPS as .xlsx)")
    import io
    import zipfile

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise LedgerError(path, f"cannot read the workbook ({exc})") from None
    rows: list[LedgerRow] = []
    bad: list[BadCell] = []
    baseline: dict[str, LedgerRow] | None = None
    try:
        for sheet in book.worksheets:
            if sheet.title == BASELINE_SHEET:
                written = _sheet_rows(sheet, [])
                baseline = {row.task: row for row in written} if written is not None else None
                continue
            found = _sheet_rows(sheet, bad)
            if found is not None:
                rows.extend(found)
    finally:
        book.close()
    return Ledger(rows, baseline), bad


def _sheet_rows(sheet, bad: list[BadCell]) -> list[LedgerRow] | None:
    """The task rows of one sheet, or None when it is not a task sheet."""
    table = sheet.iter_rows(values_only=True)
    header = next(table, None) or ()
    columns = {str(name).strip(): i for i, name in enumerate(header) if name is not None}
    if "编号" not in columns or "状态" not in columns:
        return None
    rows = []
    for number, values in enumerate(table, start=2):
        row = _read_row(sheet.title, columns, values, number, bad)
        if row is not None:
            rows.append(row)
    return rows


def _read_row(sheet: str, columns: dict[str, int], values: tuple, number: int,
              bad: list[BadCell]) -> LedgerRow | None:
    from openpyxl.utils import get_column_letter

    def cell(name: str) -> object:
        index = columns.get(name)
        return values[index] if index is not None and index < len(values) else None

    def ref(name: str) -> str:
        return f"{get_column_letter(columns[name] + 1)}{number}"

    task = _text(cell("编号"))
    if task is None:
        return None
    row = LedgerRow(task=task, sheet=sheet, row=number)
    word = _text(cell("状态"))
    if word is not None and word != "未跟踪":  # the summary's word for "no entry": no news
        if word in STATUS_WORDS:
            row.status = STATUS_WORDS[word]
        else:
            bad.append(BadCell(sheet, ref("状态"), task, f"unknown status {word!r}; use one of "
                                                       f"{'、'.join(CHINESE_STATUS.values())}"))
    if "完成日期" in columns:
        when = _date(cell("完成日期"))
        if isinstance(when, str):
            bad.append(BadCell(sheet, ref("完成日期"), task,
                               f"{when!r} is not a date (write 2025-06-30)"))
        else:
            row.completed_on = when
    evidence = _text(cell("佐证材料"))
    if evidence is not None:
        row.evidence = [line.strip() for line in evidence.splitlines() if line.strip()]
    row.note = _text(cell("备注"))
    return row


def plan_import(status: StatusFile, ledger: Ledger, known_tasks: set[str] | None = None
                ) -> tuple[list[Change], list[BadCell]]:
    """The changes the ledger asks for, against the status file as it is.

    With a baseline (a workbook gkparse wrote), only cells people changed
    count, so the same task in several sheets, or a workbook imported twice,
    asks for nothing it did not mean. A value equal to the file's is no
    change; two sheets asking for different values for one task is a conflict
    (a BadCell for each). Tasks not in the notice (``known_tasks``) are refused.
    """
    proposals: dict[str, dict[str, tuple[object, LedgerRow]]] = {}
    bad: list[BadCell] = []
    for row in ledger.rows:
        written = ledger.baseline.get(row.task) if ledger.baseline is not None else None
        if known_tasks is not None and row.task not in known_tasks:
            bad.append(BadCell(row.sheet, f"A{row.row}", row.task, "no such task in the notice"))
            continue
        current = status.tasks.get(row.task)
        for name in FIELDS.values():
            value = getattr(row, name)
            if value is None or (written is not None and value == getattr(written, name)):
                continue
            if current is None:  # no entry yet: "todo" is what it already means
                if name == "status" and value == "todo":
                    continue
            elif value == (remark(current) if name == "note" else getattr(current, name)):
                continue
            seen = proposals.setdefault(row.task, {}).get(name)
            if seen is not None and seen[0] != value:
                for other in (seen[1], row):
                    bad.append(BadCell(other.sheet, f"row {other.row}", row.task,
                                       f"{name} differs between sheets ({seen[0]!r} and {value!r})"))
                continue
            proposals[row.task][name] = (value, row)
    changes = []
    for task, fields in proposals.items():
        before = status.tasks.get(task)
        after = before if before is not None else StatusEntry(task=task, line=0)
        updates = {name: value for name, (value, _) in fields.items()}
        if "note" in updates:  # the 备注 column: a note, or a waived task's reason
            updates[remark_field(updates.get("status", after.status))] = updates.pop("note")
        after = replace(after, **updates)
        changes.append(Change(task, before, after, [_describe(name, before, after)
                                                    for name in updates]))
    return changes, bad


def _describe(name: str, before: StatusEntry | None, after: StatusEntry) -> str:
    old = getattr(before, name) if before else None
    new = getattr(after, name)
    shown = {"status": lambda v: v, "completed_on": lambda v: v.isoformat() if v else "-",
             "evidence": lambda v: f"{len(v or [])} item(s)",
             "note": lambda v: repr(v), "reason": lambda v: repr(v)}[name]
    return f"{name} {shown(old) if old is not None else '-'} -> {shown(new)}"


@dataclass
class ImportPlan:
    """What importing a workbook into a status file would do; ``text`` is the new file."""

    status_path: Path
    changes: list[Change]
    bad: list[BadCell]
    text: str | None  # None when nothing changes


def import_ledger(workbook: str | Path, status_path: str | Path) -> ImportPlan:
    """Plan the import of a filled-in ledger into a status file; nothing is written here.

    New entries get the fingerprint of the task they track (from the status
    file's notice). The new text is parsed back and compared with what was
    meant before it is offered.
    """
    from gkparse.checker import load_notice
    from gkparse.status import load_status_text, parse_status
    from gkparse.status_edit import apply_entries

    status_path = Path(status_path)
    text = load_status_text(status_path)
    status = parse_status(text, status_path)
    known = None
    if status.notice:
        known = {task.id: task for task in load_notice(status_path.parent / status.notice).tasks}
    filled, bad = read_ledger(workbook)
    changes, conflicts = plan_import(status, filled, set(known) if known else None)
    for change in changes:
        if change.before is None and known:  # a new entry remembers the text it tracks
            change.after = replace(change.after, fingerprint=known[change.task].fingerprint)
    if not changes:
        return ImportPlan(status_path, changes, bad + conflicts, None)
    updated = apply_entries(text, [c.after for c in changes], str(status_path))
    reread = parse_status(updated, status_path)
    for change in changes:  # what is written must read back as meant
        meant, got = change.after, reread.tasks.get(change.task)
        if got is None or _fields(got) != _fields(meant):
            raise StatusFileError(status_path, f"internal error: task {change.task} would not "
                                               "read back as imported; nothing was written")
    return ImportPlan(status_path, changes, bad + conflicts, updated)


def _fields(entry: StatusEntry) -> tuple[object, ...]:
    return (entry.status, entry.completed_on, entry.evidence, entry.note, entry.reason)
