"""Task rows of the attachment tables into ``Task`` records (hierarchy, ids, units, deadlines).

One ``TaskReader`` reads every task table of a notice in order, so a table
split in two by a page break is one task list and numbering continues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from gkparse.grammar.deadline import Deadline, parse_deadline
from gkparse.grammar.ordinals import SECTION_ORDINAL, split_section_ordinal, split_subsection_ordinal
from gkparse.grammar.text import trim
from gkparse.grammar.units import split_units
from gkparse.messages import Message
from gkparse.models import Level, Task, TaskSource, fingerprint
from gkparse.notice.columns import ColumnMap
from gkparse.notice.unit_clauses import read_unit_clause
from gkparse.ooxml.table import GridRow, PlacedCell


def cell_lines(cell: PlacedCell | None) -> list[str]:
    """The cell's paragraphs and soft-broken lines, each trimmed, empties dropped."""
    if cell is None:
        return []
    paragraphs = cell.paragraphs
    if len(paragraphs) == 1 and "\n" not in paragraphs[0]:  # most cells: one plain line
        line = trim(paragraphs[0])
        return [line] if line else []
    return [line for p in paragraphs for raw in p.split("\n") if (line := trim(raw))]


def cell_text(cell: PlacedCell | None) -> str:
    """``cell_lines`` joined by line breaks."""
    if cell is None:
        return ""
    paragraphs = cell.paragraphs
    if len(paragraphs) == 1 and "\n" not in paragraphs[0]:  # most cells: one plain line
        return paragraphs[0].strip()  # trim(), without the call: five cells a task
    return "\n".join(cell_lines(cell))


def _place(table: int | None, row: int | None, paragraph: int | None = None) -> str:
    """Where a task stands, in a warning: ``table 1 row 5`` or ``paragraph 12``."""
    return f"table {table} row {row}" if table is not None else f"paragraph {paragraph}"


def read_deadline(text: str, plan_year: int | None, task_id: str, warnings: list[Message], *,
                  table: int | None = None, row: int | None = None,
                  paragraph: int | None = None) -> Deadline:
    """Parse a task's deadline, adding a warning (naming the task and its place, ``table``/``row``
    or ``paragraph``) where it cannot be read or has no year."""
    deadline = parse_deadline(text, plan_year)
    if deadline.kind == "unparsed" or (deadline.kind == "date" and deadline.due is None):
        # The task's name is written only for a warning: most deadlines read cleanly.
        task = f"task {task_id} ({_place(table, row, paragraph)})"
        if deadline.kind == "unparsed":
            warnings.append(Message("unparsed-deadline",
                                    f"{task}: deadline {text!r} not understood; kept as text",
                                    table=table, row=row, paragraph=paragraph))
        else:
            warnings.append(Message("deadline-without-year", f"{task}: deadline {text!r} has "
                                    "no year and the notice has no plan year",
                                    table=table, row=row, paragraph=paragraph))
    return deadline


@dataclass
class TaskReader:
    """Reads task tables in document order, keeping the section/subsection state between them."""

    plan_year: int | None
    tasks: list[Task] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    section: Level | None = None
    subsection: Level | None = None
    sections_seen: int = 0
    subsections_in_section: int = 0
    item: int = 0
    lead_rule_applied: bool = False

    def read_table(self, table_index: int, rows: list[GridRow], columns: ColumnMap,
                   *, continued: bool = False) -> None:
        header_ids = {id(row) for row in columns.header_rows} if not continued else set()
        if not continued:
            for column, text in sorted(columns.ignored.items()):
                if column != columns.section_column:
                    self.warnings.append(Message(
                        "header-without-role", f"table {table_index}: the header "
                        f"{trim(text)!r} gives its column no role (no known name, or another "
                        "header names it more exactly); not read", table=table_index))
        for row in rows:
            if id(row) in header_ids or columns.is_repeated_header(row):
                continue
            self._read_row(table_index, row, columns)

    # -- one row ------------------------------------------------------------------------------

    def _read_row(self, table_index: int, row: GridRow, columns: ColumnMap) -> None:
        if columns.section_column is not None:
            self._follow_section_column(row.cell(columns.section_column),
                                        numbered_only=columns.roles.get(
                                            columns.section_column) == "seq")
        requirement_cell = row.cell(columns.text_column)
        requirement = cell_text(requirement_cell)
        # A row made of one spanning cell is a section row even where that cell sits in the
        # requirement column.
        spans_row = len(row.cells) == 1 and requirement_cell is not None and requirement_cell.span > 1
        if not requirement or spans_row or (columns.requirement is None
                                            and self._is_section_text(requirement)):
            own_text = [c for c in row.cells.values() if not c.is_blank and not c.continues_merge
                        and (c.column != columns.section_column or c.span > 1)]
            if self._maybe_section(row, own_text, columns):
                return
            if own_text:
                # The row still holds its place: a merged task cell it starts goes on below it,
                # and the rows after it keep their positions.
                if columns.requirement is not None:
                    self._follow_task_column(row.cell(columns.task))
                self.item += 1
                self.warnings.append(Message(
                    "row-without-requirement",
                    f"{_place(table_index, row.index)}: no requirement in this row; skipped "
                    f"({trim(own_text[0].text)[:30]})", table=table_index, row=row.index))
            return
        if row.width != columns.width:
            self.warnings.append(Message(
                "row-width",
                f"{_place(table_index, row.index)}: the row covers {row.width} grid columns, "
                f"the header {columns.width}; cells were read by position",
                table=table_index, row=row.index))
        if columns.requirement is not None:
            self._follow_task_column(row.cell(columns.task))
        self.item += 1
        task_id = (f"{self.section.ordinal if self.section else 0}."
                   f"{self.subsection.ordinal if self.subsection else 0}.{self.item}")
        lead, responsible, labelled_deadline = self._units(row, columns)
        deadline_text = cell_text(row.cell(columns.deadline)) or labelled_deadline or ""
        deadline = read_deadline(deadline_text, self.plan_year, task_id, self.warnings,
                                 table=table_index, row=row.index)
        officials: dict[str, None] = {}
        for column in columns.officials:
            for name in split_units(cell_text(row.cell(column))):
                officials.setdefault(name, None)
        remarks = cell_text(row.cell(columns.remarks)) or None
        self.tasks.append(Task(
            id=task_id,
            section=self.section,
            subsection=self.subsection,
            lead_units=lead,
            responsible_units=responsible,
            requirement=requirement,
            deadline=deadline,
            lead_officials=list(officials),
            remarks=remarks,
            fingerprint=fingerprint(requirement),
            source=TaskSource(table=table_index, row=row.index),
        ))

    @staticmethod
    def _is_section_text(text: str) -> bool:
        return bool(SECTION_ORDINAL.match(text)) and not split_subsection_ordinal(text)[0]

    def _follow_section_column(self, cell: PlacedCell | None, *, numbered_only: bool) -> None:
        """A section written in a merged first column: a new text there starts a section.

        In a 序号 column (``numbered_only``) only ``一、…`` texts are sections; its numbers
        (``1``, ``一``, ``1-2``) are not.
        """
        if cell is None or cell.is_blank or cell.span > 1:
            return  # a cell spanning the row is a section row, read as one
        text = cell_text(cell)
        ordinal, title = split_section_ordinal(text)
        if ordinal is None and (numbered_only or text.isdigit() or not title):
            return
        if self.section is not None and title == self.section.title and ordinal in (
                None, self.section.ordinal):
            return
        self._start_section(ordinal, title)

    def _maybe_section(self, row: GridRow, own_text: list[PlacedCell], columns: ColumnMap) -> bool:
        """A section row: one cell of text, numbered 一、 or spanning the table."""
        if len(own_text) != 1:
            return False
        cell = own_text[0]
        ordinal, title = split_section_ordinal(cell_text(cell))
        if ordinal is None and cell.span < max(columns.width - 1, 2):
            return False
        self._start_section(ordinal, title)
        return True

    def _start_section(self, ordinal: int | None, title: str) -> None:
        self.sections_seen = ordinal if ordinal is not None else self.sections_seen + 1
        self.section = Level(ordinal=self.sections_seen, title=title or None)
        self.subsection = None
        self.subsections_in_section = 0
        self.item = 0

    def _follow_task_column(self, cell: PlacedCell | None) -> None:
        """A new text in the task column starts a subsection; merged or empty cells continue it."""
        if cell is None or cell.continues_merge or cell.is_blank:
            return
        text = cell_text(cell)
        if SECTION_ORDINAL.match(text) and not split_subsection_ordinal(text)[0]:
            # A task column of 一、… titles is the section level; this notice has no subsections.
            ordinal, title = split_section_ordinal(text)
            if self.section is None or (ordinal, title) != (self.section.ordinal,
                                                             self.section.title):
                self._start_section(ordinal, title)
            return
        ordinal, title = split_subsection_ordinal(text)
        current = self.subsection
        if current is not None and title == current.title and ordinal in (None, current.ordinal):
            return  # the same title written again (a converter that unmerged the cells)
        self.subsections_in_section = (ordinal if ordinal is not None
                                       else self.subsections_in_section + 1)
        self.subsection = Level(ordinal=self.subsections_in_section, title=title or None)
        self.item = 0

    def _units(self, row: GridRow, columns: ColumnMap
               ) -> tuple[list[str], list[str], str | None]:
        """Lead and responsible names, and a deadline given by a label in a unit cell.

        A cell with labels or verbs (``牵头单位：X``, ``X牵头，Y配合``) says itself who leads;
        a plain cell is read by its column's role.
        """
        names = _unit_lists(cell_text(row.cell(columns.lead)),
                            cell_text(row.cell(columns.responsible)))
        lead, responsible, deadline = list(names[0]), list(names[1]), names[2]
        if columns.lead is None and not lead and responsible:
            if not self.lead_rule_applied:
                self.lead_rule_applied = True
                self.warnings.append(Message(
                    "lead-from-first-responsible", "the task table has no lead column: the "
                    "first unit named in each responsible cell is taken as the lead "
                    "(排在第一位的为牵头单位)"))
            lead = responsible[:1]
        return lead, responsible, deadline


# Only a cell holding one of these can carry a label or verb; the rest skip the clause grammar.
_MAY_BE_LABELLED = re.compile(r"[：:]|牵头|配合|负责|参与|协同|协助|协办|主责")


@lru_cache(maxsize=4096)  # a table pairs the same few unit cells over and over
def _unit_lists(lead_text: str, responsible_text: str
                ) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """Lead and responsible names of a row's unit cells, and a deadline a label there gives."""
    if _MAY_BE_LABELLED.search(lead_text) or _MAY_BE_LABELLED.search(responsible_text):
        lead, responsible, deadline = _read_labelled(lead_text, responsible_text)
        return tuple(lead), tuple(responsible), deadline
    # Plain lists, read by their column (the bulk of a big table).
    return tuple(split_units(lead_text)), tuple(split_units(responsible_text)), None


def _read_labelled(lead_text: str, responsible_text: str
                   ) -> tuple[list[str], list[str], str | None]:
    """Units from cells of which at least one may carry labels or verbs."""
    lead: list[str] = []
    responsible: list[str] = []
    deadline: str | None = None
    for text, role in ((lead_text, "lead"), (responsible_text, "responsible")):
        if not text:
            continue
        clause = read_unit_clause(text) if _MAY_BE_LABELLED.search(text) else None
        if clause is not None and clause.labelled:
            lead.extend(clause.lead)
            responsible.extend(clause.responsible)
            deadline = deadline or clause.deadline
        else:
            (lead if role == "lead" else responsible).extend(split_units(text))
    return list(dict.fromkeys(lead)), list(dict.fromkeys(responsible)), deadline
