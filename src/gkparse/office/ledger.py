"""The 工作台账 workbook: one row per task, a sheet per lead unit, a summary, colours by status.

Written with XlsxWriter, which sets everything Excel, WPS and LibreOffice need
to print and filter it (frozen header, autofilter, A4 landscape, header
repeated on every page, fit to width) and a drop-down of the status words in
the 状态 column, so that what units type can be read back (``ledger_import``).

>>> from gkparse import parse_notice
>>> data = render_ledger(parse_notice("samples/notice.docx"))
>>> data[:2]
b'PK'
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from gkparse.gcpause import without_cyclic_gc
from gkparse.models import Notice
from gkparse.office.ledger_sheets import BASELINE_SHEET, MAIN_SHEET, SUMMARY_SHEET
from gkparse.tracking.checker import TaskState, task_states
from gkparse.tracking.vocabulary import (
    CHINESE_STATUS,
    FLAG_LABELS,
    JOINER,
    LEDGER_FILLS,
    NO_LEAD_UNIT,
    STATUS_LABELS,
    SUMMARY_ORDER,
    remark,
)

if TYPE_CHECKING:  # XlsxWriter is imported only when a workbook is written
    from gkparse.office.rows_worksheet import EncodedRow, RowsWorksheet

ENTRY_WORDS = list(CHINESE_STATUS.values())  # what the drop-down offers
SUMMARY_STATES = [STATUS_LABELS[state] for state in SUMMARY_ORDER]
# (header, width in characters): the columns of every task sheet, in order.
COLUMNS: list[tuple[str, int]] = [
    ("编号", 8), ("一级任务", 20), ("二级任务", 20), ("具体要求", 48), ("牵头单位", 18),
    ("责任单位", 22), ("完成时限", 11), ("截止日期", 12), ("状态", 8), ("完成日期", 12),
    ("佐证材料", 22), ("备注", 18),
]
HEADERS = [name for name, _ in COLUMNS]
BASELINE_COLUMNS = ["状态", "完成日期", "佐证材料", "备注"]
BASELINE_HEADERS = ["编号", *BASELINE_COLUMNS]
FONT = "宋体"
FILLS = LEDGER_FILLS
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, no edge apostrophes, at most 31 characters.

    Excel compares sheet names without case, so ``taken`` holds lower-cased names.

    >>> taken = {"总台账"}
    >>> sheet_name("区党工委组织部[人力资源部]", taken)
    '区党工委组织部_人力资源部_'
    >>> sheet_name("总台账", taken)
    '总台账 (2)'
    """
    base = _BAD_SHEET_CHARS.sub("_", name).strip().strip("'") or "Sheet"
    if base.lower() == "history":  # Excel reserves it
        base += "_"
    candidate, n = base[:MAX_SHEET_NAME], 1
    while candidate.lower() in taken:
        n += 1
        suffix = f" ({n})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def _row(state: TaskState) -> list[object]:
    task, entry = state.task, state.entry
    return [
        task.id,
        task.section.title if task.section and task.section.title else "",
        task.subsection.title if task.subsection and task.subsection.title else "",
        task.requirement,
        JOINER.join(task.lead_units),
        JOINER.join(task.responsible_units),
        task.deadline.text,
        task.deadline.due,
        # 未跟踪 (no entry in the status file) as in 汇总; the drop-down still offers only
        # the words of an entry, and status import reads an untouched 未跟踪 as no news.
        STATUS_LABELS[state.status],
        entry.completed_on if entry else None,
        "\n".join(entry.evidence) if entry else "",
        (remark(entry) or "") if entry else "",
    ]


LINE_HEIGHT = 13.5  # points, for 10-point 宋体


_NARROW = re.compile("[\x00-\u2e7f]+")


def _text_width(text: str) -> int:
    """Width in column units: a CJK character (from U+2E80) is about two of the digit '0'.

    >>> _text_width("1.1 主动公开")
    12
    """
    # The wide characters counted in C (what is left once the narrow ones are removed): a
    # character-by-character loop was a fifth of writing a 20,000-task ledger.
    return len(text) + len(_NARROW.sub("", text))


_PER_LINE = [max(width - 1, 1) for _, width in COLUMNS]  # characters' units on one line


def row_height(values: Sequence[object]) -> float:
    """A row tall enough for its wrapped text. LibreOffice and WPS do not always grow a
    wrapped row on opening (Excel does), so the height is written, worked out here.

    >>> row_height(["1.1.1", "短"]), row_height(["1.1.1", "", "", "长" * 60])
    (16.5, 43.5)
    """
    lines = 1
    for per_line, value in zip(_PER_LINE, values, strict=False):
        if not isinstance(value, str) or (2 * len(value) <= per_line and "\n" not in value):
            # No character is wider than two units: one line, nothing to count. Most
            # cells (ids, units, dates, short titles) end here (issue 17: counting every
            # cell was 40% of a 20,000-task ledger).
            continue
        if "\n" in value:
            count = sum(-(-_text_width(part) // per_line) or 1 for part in value.split("\n"))
        else:
            count = -(-_text_width(value) // per_line)
        if count > lines:
            lines = count
    return lines * LINE_HEIGHT + 3


class _Styles:
    """XlsxWriter formats, made once per workbook."""

    def __init__(self, book: Any) -> None:  # xlsxwriter.Workbook (untyped)
        base = {"font_name": FONT, "font_size": 10, "text_wrap": True, "valign": "top",
                "border": 1}
        self.header = book.add_format({**base, "bold": True, "bg_color": "#D9D9D9",
                                       "align": "center", "valign": "vcenter"})
        self.cell = {flag: book.add_format({**base, **({"bg_color": FILLS[flag]} if flag else {})})
                     for flag in (None, *FILLS)}
        self.date = {flag: book.add_format({**base, "num_format": "yyyy-mm-dd",
                                            **({"bg_color": FILLS[flag]} if flag else {})})
                     for flag in (None, *FILLS)}
        self.title = book.add_format({"font_name": FONT, "bold": True, "font_size": 12})
        self.number = book.add_format({**base, "align": "center"})


class _Rows:
    """Each task's cells and row height, encoded once for the workbook: a task is written to
    总台账, to each of its lead units' sheets and to the hidden baseline sheet (issue 17).
    Encoding enters a row's strings in the shared-string table, so rows are first asked for
    in the order the sheets are written."""

    def __init__(self, styles: _Styles) -> None:
        self._styles = styles
        self._made: dict[int, tuple[list[object], EncodedRow, float]] = {}
        self._baseline: dict[int, EncodedRow] = {}
        self._header: EncodedRow | None = None

    def header(self, sheet: RowsWorksheet) -> EncodedRow:
        if self._header is None:
            self._header = sheet.encode(HEADERS, [self._styles.header] * len(HEADERS))
        return self._header

    def _values(self, state: TaskState, sheet: RowsWorksheet) -> tuple[list[object], EncodedRow,
                                                                       float]:
        made = self._made.get(id(state))
        if made is None:
            values = _row(state)
            cell, date_cell = self._styles.cell[state.flag], self._styles.date[state.flag]
            # As the cells were written one by one: a date or an empty date in the date
            # format, any other value as a string (str() of it) in the cell format.
            cells = [value if isinstance(value, date | str | None) else str(value)
                     for value in values]
            formats = [date_cell if value is None or isinstance(value, date) else cell
                       for value in cells]
            made = self._made[id(state)] = (values, sheet.encode(cells, formats),
                                            row_height(values))
        return made

    def task(self, state: TaskState, sheet: RowsWorksheet) -> tuple[EncodedRow, float]:
        _, cells, height = self._values(state, sheet)
        return cells, height

    def baseline(self, state: TaskState, sheet: RowsWorksheet) -> EncodedRow:
        """编号 and the status columns as written, no format: a date as a date, an empty
        value as no cell."""
        made = self._baseline.get(id(state))
        if made is None:
            values, _, _ = self._values(state, sheet)
            picked = [values[HEADERS.index(name)] for name in BASELINE_HEADERS]
            cells = [value if isinstance(value, date) else
                     (str(value) if value not in (None, "") else None) for value in picked]
            made = self._baseline[id(state)] = sheet.encode(cells, [None] * len(cells))
        return made


def _task_sheet(book: Any, name: str, states: Sequence[TaskState], rows: _Rows) -> None:
    from gkparse.office.rows_worksheet import RowsWorksheet

    sheet = book.add_worksheet(name, worksheet_class=RowsWorksheet)
    for column, (_, width) in enumerate(COLUMNS):
        sheet.set_column(column, column, width)
    sheet.add_row(0, rows.header(sheet))
    for row_index, state in enumerate(states, start=1):
        cells, height = rows.task(state, sheet)
        sheet.add_row(row_index, cells, height)
    last = max(len(states), 1)
    status_column = HEADERS.index("状态")
    sheet.data_validation(1, status_column, max(last, 500), status_column, {
        "validate": "list", "source": ENTRY_WORDS, "error_title": "状态",
        "error_message": "请从下拉列表中选择：" + JOINER.join(ENTRY_WORDS)})
    date_column = HEADERS.index("完成日期")
    sheet.data_validation(1, date_column, max(last, 500), date_column, {
        "validate": "date", "criteria": ">=", "value": date(2000, 1, 1),
        "error_title": "完成日期", "error_message": "请输入日期，例如 2025-06-30"})
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, last, len(COLUMNS) - 1)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.set_header(f"&C&\"{FONT},Bold\"{name}")
    sheet.set_footer("&C第 &P 页，共 &N 页")


def _summary_sheet(book: Any, states: Sequence[TaskState], styles: _Styles, as_of: date) -> None:
    sheet = book.add_worksheet(SUMMARY_SHEET)
    sheet.write_string(0, 0, f"按牵头单位统计（截至 {as_of.isoformat()}）", styles.title)
    headers = ["牵头单位", *SUMMARY_STATES, *FLAG_LABELS.values(), "合计"]
    for column, header in enumerate(headers):
        sheet.write_string(2, column, header, styles.header)
        sheet.set_column(column, column, 22 if column == 0 else 9)
    units: dict[str, list[TaskState]] = {}
    for state in states:
        for unit in state.task.lead_units or [NO_LEAD_UNIT]:
            units.setdefault(unit, []).append(state)
    rows = [*units.items(), ("合计", list(states))]
    for offset, (unit, unit_states) in enumerate(rows, start=3):
        # One pass over the unit's tasks, not one per column (issue 17).
        by_label = Counter(STATUS_LABELS[s.status] for s in unit_states)
        by_flag: Counter[str | None] = Counter(s.flag for s in unit_states)
        counts = [by_label[label] for label in SUMMARY_STATES]
        flags = [by_flag[flag] for flag in FLAG_LABELS]
        sheet.write_string(offset, 0, unit, styles.cell[None])
        for column, value in enumerate([*counts, *flags, len(unit_states)], start=1):
            sheet.write_number(offset, column, value, styles.number)
    by_unit = sum(len(unit_states) for unit_states in units.values())
    if by_unit != len(states):  # a reader adding up the rows must not think tasks went missing
        shared = sum(len(s.task.lead_units) > 1 for s in states)
        sheet.write_string(len(rows) + 4, 0, summary_note(shared, by_unit, len(states)))
    sheet.freeze_panes(3, 1)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)


def summary_note(shared: int, by_unit: int, total: int) -> str:
    """The 汇总 sheet's note when its unit rows add up to more than 合计.

    >>> summary_note(29, 102, 56)
    '注：29 项任务由多个单位牵头，在每个牵头单位下各计一次，故各单位行相加为 102 项，合计为 56 项。'
    """
    return (f"注：{shared} 项任务由多个单位牵头，在每个牵头单位下各计一次，故各单位行相加为 "
            f"{by_unit} 项，合计为 {total} 项。")


def _baseline_sheet(book: Any, states: Sequence[TaskState], rows: _Rows) -> None:
    """A hidden copy of the status columns as written, so that reading the workbook back can
    tell what people changed from what was already there (``ledger_import``)."""
    from gkparse.office.rows_worksheet import RowsWorksheet

    sheet = book.add_worksheet(BASELINE_SHEET, worksheet_class=RowsWorksheet)
    sheet.add_row(0, sheet.encode(BASELINE_HEADERS, [None] * len(BASELINE_HEADERS)))
    for row_index, state in enumerate(states, start=1):
        sheet.add_row(row_index, rows.baseline(state, sheet))
    sheet.hide()


def render_ledger(notice: Notice, states: Sequence[TaskState] | None = None, *,
                  as_of: date | None = None) -> bytes:
    """The workbook as bytes. ``states`` (from ``checker.task_states``) fill in the status
    columns, colour the rows and add the 汇总 sheet; without them every task is 未开始."""
    import xlsxwriter  # type: ignore[import-untyped]

    from gkparse.office.rows_worksheet import assert_rows_written

    with_status = states is not None
    if states is None:  # no status file: nothing to colour, every task 未开始
        states = [replace(state, flag=None)
                  for state in task_states(notice, None, as_of=as_of or date.today())]
    # The cyclic collector paused: a workbook is hundreds of thousands of cell records, none
    # in a cycle, which it would walk again and again (issue 17: 14% of a 20,000-task
    # ledger, growing faster than the ledger).
    with without_cyclic_gc():
        buffer = io.BytesIO()
        # Not constant_memory: it writes every string inline, escaped one by one, and measured
        # slower here (issue 17: 8.0 s against 7.1 s of CPU for 20,000 tasks; less memory, 137
        # against 179 MB, which a ledger does not need).
        book = xlsxwriter.Workbook(buffer, {"in_memory": True, "default_date_format": "yyyy-mm-dd",
                                            "strings_to_numbers": False, "strings_to_formulas": False,
                                            "strings_to_urls": False})
        # A fixed creation time (the as-of date, else the notice's date): same input, same bytes.
        created = as_of or notice.notice.issued_on or date(2000, 1, 1)
        book.set_properties({"title": notice.notice.title or "工作台账", "subject": "工作台账",
                             "comments": f"gkparse, from {notice.source.path}",
                             "created": datetime.combine(created, time())})
        styles = _Styles(book)
        rows = _Rows(styles)
        taken: set[str] = {BASELINE_SHEET}
        _task_sheet(book, sheet_name(MAIN_SHEET, taken), states, rows)
        if with_status and as_of is not None:
            _summary_sheet(book, states, styles, as_of)
            taken.add(SUMMARY_SHEET.lower())
        leads: dict[str, list[TaskState]] = {}
        for state in states:
            for unit in state.task.lead_units:
                leads.setdefault(unit, []).append(state)
        for unit, unit_states in leads.items():
            _task_sheet(book, sheet_name(unit, taken), unit_states, rows)
        _baseline_sheet(book, states, rows)
        book.close()
        assert_rows_written(book)
    return buffer.getvalue()
