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
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gkparse.errors import StatusFileError
from gkparse.gcpause import without_cyclic_gc
from gkparse.grammar.dates import read_date
from gkparse.i18n import _
from gkparse.inputs import read_input
from gkparse.limits import DEFAULT_LIMITS, MB, Limits
from gkparse.office.import_journal import Journal, ledger_key
from gkparse.office.ledger_sheets import BASELINE_SHEET
from gkparse.office.workbook import (
    CellError,
    FormulaWithoutValue,
    WorkbookError,
    column_letter,
    read_sheets,
)
from gkparse.output import OutputError
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
               "完成情况", "进展情况", "推进情况", "落实情况", "办理情况", "进度", "工作进度",
               "完成进度"),
    # Not 完成时间: task tables use it for the deadline as often as for the day work ended.
    "completed_on": ("完成日期", "实际完成日期", "实际完成时间", "办结日期", "办结时间"),
    "evidence": ("佐证材料", "佐证资料", "佐证", "证明材料", "支撑材料", "完成佐证"),
    "note": ("备注", "备注说明", "说明"),
}
FIELDS = ("status", "completed_on", "evidence", "note")
COLUMN_NAMES = {"status": "状态", "completed_on": "完成日期", "evidence": "佐证材料",
                "note": "备注", "reason": "备注"}
_HINT = re.compile(r"[（(【\[].*?[）)】\]]")


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
    # What the rows say per task, gathered once (``_row_said``).
    _said: dict[str, dict[str, Any]] | None = field(default=None, init=False, repr=False,
                                                    compare=False)
    _key: str | None = field(default=None, init=False, repr=False, compare=False)
    _notes: dict[str, Any] | None = field(default=None, init=False, repr=False, compare=False)

    def key(self) -> str | None:
        """The journal's name for the ledger this workbook was made as (``ledger_key``), None
        without a hidden sheet; worked out once, and only when a change asks for it."""
        if self._key is None and self.baseline is not None:
            self._key = ledger_key({t: r.values for t, r in self.baseline.items()})
        return self._key


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
    if type(value) is str:  # most cells: no conversion to try
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        value = value.date()  # 10月20日 typed in 备注: Excel keeps a date, people meant the day
    if isinstance(value, date):
        value = value.isoformat()
    text = str(value).strip()
    return text or None


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def task_id_text(value: object) -> str | None:
    """A 编号 cell as a task id: full-width digits and dots made plain, 。 read as a dot,
    invisible characters and a trailing dot dropped (``1．1．4``, ``1.1.4.`` are ``1.1.4``).

    >>> task_id_text("１．１．４"), task_id_text("1。1。4."), task_id_text("1.1.4\u200b")
    ('1.1.4', '1.1.4', '1.1.4')
    """
    text = _text(value)
    if text is None:
        return None
    if not text.isascii():  # NFKC leaves ASCII as it is, and the rest is not ASCII
        text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).replace("。", ".")
    text = text.strip().rstrip(".")
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


_STATUS_READ: dict[str, str | None] = {}  # a 状态 cell's text -> its status (few words, many rows)


def _status_word(text: str) -> str | None:
    if text in _STATUS_READ:
        return _STATUS_READ[text]
    status = STATUS_WORDS.get("".join(text.split()))
    if len(_STATUS_READ) < 10_000:
        _STATUS_READ[text] = status
    return status


_SAME_AS_ABOVE = frozenset({"同上", "〃", "\""})
_HAS_NUMBER = re.compile(r"\d")


_LETTERS: dict[int, str] = {}  # column index -> its letters, worked out once


def _letters(index: int) -> str:
    """The letters of column ``index`` + 1 (``column_letter``, remembered)."""
    letters = _LETTERS.get(index)
    if letters is None:
        letters = _LETTERS[index] = column_letter(index + 1)
    return letters


def _read_row(sheet: str, columns: Columns, get: Callable[[int], Any], number: int,
              bad: list[BadCell], above: str | None = None, read: set[str] | None = None,
              first: tuple[object, str | None, bool] | None = None) -> LedgerRow | None:
    """One row's statement about a task; ``above`` is the task of the row before, which a row
    whose 编号 is empty or says 同上 continues (one row per street under one task).

    ``get(i)`` is the value in column i + 1 (None past the row's end); each cell this reads
    is read once. ``read``: the fields ``columns`` has; ``first``: the first 编号 column's
    value, its ``task_id_text`` and whether that is a task id (worked out by the caller)."""
    said: dict[str, list[tuple[int, object]]] = {}
    for name in FIELDS:
        indexes = columns.get(name)
        if not indexes:
            continue
        if len(indexes) > 1:
            found = [(index, value) for index in indexes if _said(value := get(index))]
            if found:
                said[name] = found
            continue
        value = get(indexes[0])  # one column: the usual case, without a list to filter
        if value is not None and (value.strip() if type(value) is str else _said(value)):
            said[name] = [(indexes[0], value)]
    if not said:
        return None  # a row that says nothing asks nothing
    if first is not None and _said(first[0]):
        given, task, named = first
    else:
        given = next((value for index in columns["task"] if _said(value := get(index))), None)
        task = task_id_text(given)
        named = task is not None and is_task_id(task)
    if isinstance(given, FormulaWithoutValue | CellError):
        where = f"{_letters(columns['task'][0])}{number}"
        bad.append(BadCell(sheet, where, str(given), _(
            "the 编号 cell shows no task id ({shown}), but the row is filled in").format(
                shown=str(given))))
        return None
    if task is None or task in _SAME_AS_ABOVE:
        task = above
        if task is None:
            return None
    elif not named:
        if _HAS_NUMBER.search(task):  # `1.1.4、1.1.5`, `任务1.1.4`: meant as ids, not one id
            where = f"{_letters(columns['task'][0])}{number}"
            bad.append(BadCell(sheet, where, task, _(
                "{text!r} is not one task id (write one task per row, like 1.1.4), but the row "
                "is filled in").format(text=_text(given))))
        return None  # no task's row: a footer (填表人), a section row
    row = LedgerRow(task=task, sheet=sheet, row=number)
    problems = []
    for name, found in said.items():
        index, value = found[0]
        row.cells[name] = f"{_LETTERS.get(index) or _letters(index)}{number}"
        if type(value) is str and len(found) == 1:  # text in one column: nothing to check
            row.typed[name] = value.strip()
            continue
        row.typed[name] = _text(value) or ""
        if isinstance(value, FormulaWithoutValue):
            problems.append((name, _("a formula with no saved value (open the workbook in "
                                     "Excel or WPS and save it)")))
        elif isinstance(value, CellError):
            problems.append((name, _("the cell shows a formula's error ({code}), not a value"
                                     ).format(code=value.code)))
        elif len(found) > 1 and len({_text(v) for _, v in found}) > 1:
            letters = JOINER.join(column_letter(i + 1) for i, _ in found)
            problems.append((name, _("the {column} columns {letters} say different things "
                                     "({values})").format(
                column=COLUMN_NAMES[name], letters=letters,
                values=" / ".join(repr(_text(v)) for _, v in found))))
    if problems:
        for name, problem in problems:
            bad.append(BadCell(sheet, row.cells[name], task, problem))
        return None
    word = row.typed["status"] or None if "status" in said else None
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
    evidence = row.typed["evidence"] or None if "evidence" in said else None
    if evidence is not None:
        row.values["evidence"] = [line.strip() for line in evidence.splitlines() if line.strip()]
    note = row.typed["note"] or None if "note" in said else None
    if note is not None:
        row.values["note"] = note
    row.read = read if read is not None else {name for name in FIELDS if name in columns}
    for name, problem in problems:
        bad.append(BadCell(sheet, row.cells[name], task, problem))
    # A row with a bad cell says nothing: half a row (a date without its status) would be
    # written as something nobody wrote.
    return None if problems else row


def _said(value: object) -> bool:
    if type(value) is str:
        return bool(value.strip())
    return isinstance(value, FormulaWithoutValue | CellError) or _text(value) is not None


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


def _header_fields(values: list[Any]) -> Columns:
    """The field columns a row names, with or without a 编号 column (a second header row)."""
    keys = [header_key(value) for value in values]
    found: Columns = {}
    for name in FIELDS:
        for word in HEADER_WORDS[name]:
            if word in keys:
                found[name] = [index for index, key in enumerate(keys) if key == word]
                break
    return found


def _sheet_rows(sheet: Any, bad: list[BadCell]) -> list[LedgerRow] | None:
    """The task rows of one sheet, or None when it has no header row near its top.

    A header may take two rows (完成情况 over 状态 / 完成日期 / 佐证材料 / 备注, 编号
    merged down or not): a row right under the header that names fields refines it. A
    sheet may hold several tables, each under its own header: a later row that reads as
    a header (its 编号 cell says 编号, not a task id) starts using its columns.

    Only the cells asked for are read (``SheetRow``): every cell of a row that may be a
    header, and the 编号 and field columns of the others.
    """
    columns: Columns | None = None
    read: set[str] = set()
    task_column = 0  # the first 编号 column
    header_row = 0
    above: str | None = None  # the task of the last row that named one
    rows = []
    for number, values in sheet.rows():
        if columns is None:
            if number > HEADER_SEARCH_ROWS:
                return None
            columns = find_columns(values.values())
            if columns is not None:
                read = {name for name in FIELDS if name in columns}
                task_column = columns["task"][0]
            header_row = number
            continue
        given = values.get(task_column)
        task = task_id_text(given)
        named = task is not None and is_task_id(task)
        if not named:
            everything = values.values()
            if number == header_row + 1 and _header_fields(everything):
                columns = {**columns, **_header_fields(everything)}
                read = {name for name in FIELDS if name in columns}
                continue
            again = find_columns(everything)
            if again is not None:
                columns, header_row, above = again, number, None
                read = {name for name in FIELDS if name in columns}
                task_column = columns["task"][0]
                continue
        row = _read_row(sheet.title, columns, values.get, number, bad, above, read,
                        (given, task, named))
        if row is not None:
            rows.append(row)
        if named:
            above = task
    return rows if columns is not None else None


@dataclass
class Change:
    """What the ledger asks of one task: the fields to set, and the entry before and after."""

    task: str
    before: StatusEntry | None
    after: StatusEntry
    updates: dict[str, Any] = field(default_factory=dict)
    asked: dict[str, Any] = field(default_factory=dict)  # the ledger's columns, as read

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
        if isinstance(value, list):  # the ledger writes evidence a line per item, reads it so
            return [line.strip() for item in value for line in str(item).splitlines()
                    if line.strip()] or None
        return value
    return bool(shown(a) == shown(b))


def _remark_source(entry: StatusEntry) -> str:
    """Which field the 备注 column showed for ``entry`` (see ``ledger.remark``)."""
    own = remark_field(entry.status)
    if getattr(entry, own):
        return own
    return "note" if entry.note else "reason" if entry.reason else own


_CLEARABLE = ("completed_on", "evidence", "note")


def _row_said(ledger: Ledger, task: str) -> dict[str, Any]:
    """Everything the workbook's rows say about a task (what the import journal remembers)."""
    if ledger._said is None:  # one pass over the rows, not one per task (issue 17: quadratic)
        ledger._said = {}
        for row in ledger.rows:
            ledger._said.setdefault(row.task, {}).update(row.values)
    return dict(ledger._said.get(task, {}))


def _first_note(ledger: Ledger, task: str) -> str | None:
    """The 备注 of the first row that gives one for ``task``, looked up in one pass over the
    rows (a walk over every row per task was quadratic in a ledger of many 免于 rows)."""
    if ledger._notes is None:
        ledger._notes = {}
        for row in ledger.rows:
            note = row.values.get("note")
            if note and row.task not in ledger._notes:
                ledger._notes[row.task] = note
    return ledger._notes.get(task)


def plan_import(status: StatusFile, ledger: Ledger, known_tasks: set[str] | None = None,
                unreadable: Sequence[BadCell] = (), journal: Journal | None = None
                ) -> tuple[list[Change], list[BadCell]]:
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
    read on any sheet (``unreadable``, from ``read_ledger``). A value that an
    earlier import of this very ledger brought in (``journal``) and that the
    status file has since set back is a correction, reported and not undone.
    A task neither in the status file nor in the notice (``known_tasks``) is
    refused.
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
        if written is not None and row.values == written.values:
            continue  # every cell as the ledger was written (what the loop below finds, at once)
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
    if journal is not None and ledger.baseline is not None:
        for task, fields in proposals.items():
            if not fields or task in left_out:
                continue
            key = ledger.key()  # not None: there is a baseline
            if key is not None and journal.brought(key, task, _row_said(ledger, task)):
                first_row = next(iter(fields.values()))[1]
                name = next(iter(fields))
                bad.append(BadCell(first_row.sheet, first_row.cells.get(name, f"A{first_row.row}"), task, _(
                    "this row of this ledger was imported before, and the status file has "
                    "changed since (a correction?): it is not imported again; change the "
                    "ledger or the status file, then import again")))
                left_out.add(task)
    left_out |= {cell.task for cell in (*bad, *unreadable)}
    changes = []
    for task, fields in proposals.items():
        if task in left_out or not fields:
            continue
        before = status.tasks.get(task)
        after = before if before is not None else StatusEntry(task=task, line=0)
        updates = {name: value for name, (value, _) in fields.items()}
        if "note" in updates:  # the 备注 column: a note, or a waived task's reason
            text = updates.pop("note")
            # A 备注 cell replaces (or, emptied, clears) what it showed, never the other field;
            # on a task that becomes 免于 it is the reason.
            becomes_waived = updates.get("status") == "waived" and (
                before is None or before.status != "waived")
            target = ("reason" if becomes_waived else _remark_source(before)
                      if before is not None else remark_field(updates.get("status", after.status)))
            updates[target] = text
        status_now = updates.get("status", after.status)
        if status_now == "waived" and not updates.get("reason", after.reason):
            shown = _first_note(ledger, task)
            if shown is not None:  # 免于 with its 备注 already there: that is the reason
                updates["reason"] = shown
        if ("status" in updates and before is not None and before.status == "done"
                and status_now != "done" and before.completed_on is not None
                and "completed_on" not in updates):
            updates["completed_on"] = None  # reopened: the completion date no longer holds
        after = replace(after, **updates)
        touched = fields.get("completed_on") or fields.get("status") or fields.get("note")
        if touched is not None and after.status == "waived" and not after.reason:
            row = touched[1]
            bad.append(BadCell(row.sheet, row.cells.get("note", row.cells.get(
                "status", f"A{row.row}")), task, _(
                "a task that is 免于 needs its reason in 备注; this task is left out")))
            continue
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
        changes.append(Change(task, before, after, updates,
                              {name: value for name, (value, _) in fields.items()}))
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
    # A cell, a row, a list per row, an entry per task: many objects and no cycles. The
    # collector is paused for the whole import, and resumes only once the rows are gone:
    # resumed after reading the workbook, its first pass walked all of them (0.08 s at
    # 20,000 tasks, for nothing; issue 17).
    with without_cyclic_gc():
        return _import_ledger(Path(workbook), Path(status_path), write, skip_bad, limits)


def _import_ledger(workbook: Path, status_path: Path, write: bool, skip_bad: bool,
                   limits: Limits) -> ImportPlan:
    from gkparse.tracking.status_edit import edit_status_text

    with _status_bytes(status_path, write, limits) as edited:
        text = decode_status(edited.data, status_path)
        status = parse_status(text, status_path)
        filled, bad = read_ledger(workbook, limits=limits)
        # The notice is read only when the workbook names a task the status file lacks: to
        # know it is a task at all, and to give its new entry the fingerprint of its text.
        known = None
        if status.notice and any(row.task not in status.tasks for row in filled.rows):
            from gkparse.tracking.checker import load_notice

            known = {task.id: task for task in load_notice(status_path.parent / status.notice,
                                                           limits=limits).tasks}
        # Read when the plan first asks it something: an import that changes nothing does not.
        journal = Journal.beside(edited.target) if filled.baseline is not None else None
        changes, conflicts = plan_import(status, filled, set(known) if known else None, bad,
                                         journal)
        bad += conflicts
        if not changes:
            return ImportPlan(status_path, changes, bad, None)
        for change in changes:
            if change.before is None and known:  # a new entry remembers the text it tracks
                change.after = replace(change.after, fingerprint=known[change.task].fingerprint)
        updated = edit_status_text(
            text, str(status_path),
            {c.task: c.updates for c in changes if c.before is not None},
            [c.after for c in changes if c.before is None], parsed=status)
        plan = ImportPlan(status_path, changes, bad, updated)
        if write and (skip_bad or not bad):
            edited.replace(updated.encode("utf-8"))
            plan.written = True
            key = filled.key()
            if journal is not None and key is not None:
                with suppress(OutputError):  # a journal that cannot be written only forgets
                    journal.add(edited.target, key, [(c.task, _row_said(filled, c.task))
                                                     for c in changes])
        return plan
