"""Column roles from a task table's header text (contract section 1, "Column roles").

>>> role_of("牵头单位"), role_of("责任单位"), role_of("分管领导"), role_of("序 号")
('lead', 'responsible', 'officials', 'seq')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from gkparse.grammar.text import squeeze_whitespace
from gkparse.ooxml.table import GridRow

Role = Literal["task", "lead", "responsible", "requirement", "deadline", "officials", "seq",
               "remarks"]

ROLE_TEXTS: dict[Role, tuple[str, ...]] = {
    "task": ("工作任务", "重点任务", "主要任务", "任务", "工作事项", "项目", "类别"),
    "lead": ("牵头部门", "牵头单位", "主责单位", "牵头"),
    "responsible": ("责任单位", "责任部门", "责任科室", "配合单位", "配合部门", "参与单位",
                    "协同单位", "协办单位"),
    "requirement": ("具体要求", "工作要求", "具体措施", "工作措施", "任务内容", "工作内容",
                    "具体任务", "主要内容"),
    "deadline": ("完成时限", "完成时间", "时间节点", "时限要求", "时限"),
    "seq": ("序号",),
    "remarks": ("备注",),
}
KEY_ROLES: frozenset[Role] = frozenset({"task", "lead", "responsible", "requirement", "deadline"})
_EXACT = 1000
_PEOPLE = 2000  # a header naming people (领导) is never a unit column


@lru_cache(maxsize=4096)  # every row's first cell is looked at; merged cells repeat their text
def _normalise(text: str) -> str:
    return squeeze_whitespace(text).strip("：:*＊")


# Contract 4.2: a header not named above is matched by meaning, in this order, the first that
# applies. Each entry: the role and the words (contained; "^" marks a prefix).
MEANING_RULES: tuple[tuple[Role, tuple[str, ...]], ...] = (
    ("officials", ("领导",)),
    ("lead", ("牵头", "主责", "^主要责任")),
    ("responsible", ("配合", "协同", "协办", "参与", "责任", "负责")),
    ("deadline", ("时限", "时间", "期限", "节点")),
    ("requirement", ("要求", "措施", "内容", "举措", "目标")),
    ("task", ("任务", "事项")),
    ("seq", ("序号", "编号")),
    ("remarks", ("备注",)),
)
# A header is a short name, never a sentence or a clause with its own verb: 区发改局牵头 in a
# data row is no header.
_HEADER_MAX = 12
_CLAUSE_ENDINGS = ("牵头", "配合", "负责", "参与", "落实", "协助")
_EXACT_TEXTS: dict[str, Role] = {}
for _role, _texts in ROLE_TEXTS.items():
    for _text in _texts:
        _EXACT_TEXTS.setdefault(_text, _role)


def _meaning_roles(norm: str) -> list[Role]:
    if len(norm) > _HEADER_MAX or (norm.endswith(_CLAUSE_ENDINGS) and norm not in _EXACT_TEXTS):
        return []
    roles: list[Role] = []
    for role, words in MEANING_RULES:
        if role not in roles and any(norm.startswith(word[1:]) if word.startswith("^")
                                     else word in norm for word in words):
            roles.append(role)
    return roles


def score_roles(text: str) -> list[tuple[int, Role]]:
    """Every role the header text could mean, best first.

    A header named in contract section 1's table has that role, first; any other is matched
    by meaning (``MEANING_RULES``), the first rule that applies first and the others after it,
    so that a column that loses its role to a more specific header can take its next one.
    """
    norm = _normalise(text)
    if not norm:
        return []
    if "领导" in norm:
        return [(_PEOPLE, "officials")]
    scored: list[tuple[int, Role]] = []
    exact = _EXACT_TEXTS.get(norm)
    if exact is not None:
        scored.append((_EXACT + len(norm), exact))
    for rank, role in enumerate(_meaning_roles(norm)):
        if role != exact:
            scored.append((len(MEANING_RULES) - rank, role))
    return scored


def role_of(text: str) -> Role | None:
    scored = score_roles(text)
    return scored[0][1] if scored else None


@dataclass
class ColumnMap:
    """Which grid column holds which role, and the header rows that define it."""

    roles: dict[int, Role]
    header_rows: list[GridRow]
    signatures: set[tuple[str, ...]] = field(default_factory=set)
    ignored: dict[int, str] = field(default_factory=dict)
    """Columns whose header names no role: column -> header text."""
    headers: dict[int, str] = field(default_factory=dict)
    """Each column's lowest header text (the one that gave its role)."""
    # Looked up for every cell of every row: worked out once.
    _by_role: dict[Role, list[int]] = field(init=False, repr=False, compare=False)
    _cell_counts: set[int] = field(init=False, repr=False, compare=False)
    _first_texts: set[str] = field(init=False, repr=False, compare=False)
    width: int = field(init=False, compare=False)
    task: int | None = field(init=False, compare=False)
    lead: int | None = field(init=False, compare=False)
    responsible: int | None = field(init=False, compare=False)
    requirement: int | None = field(init=False, compare=False)
    deadline: int | None = field(init=False, compare=False)
    remarks: int | None = field(init=False, compare=False)
    officials: list[int] = field(init=False, compare=False)
    text_column: int | None = field(init=False, compare=False)
    section_column: int | None = field(init=False, compare=False)

    def __post_init__(self) -> None:
        self._by_role = {}
        for column, role in sorted(self.roles.items()):
            self._by_role.setdefault(role, []).append(column)
        # The columns every task row reads, looked up once per table rather than per row.
        self.task, self.lead, self.responsible = (
            self.column("task"), self.column("lead"), self.column("responsible"))
        self.requirement, self.deadline, self.remarks = (
            self.column("requirement"), self.column("deadline"), self.column("remarks"))
        self.officials = self.columns("officials")
        # Without a requirement column, the task column's cells are the tasks (contract 4.2).
        self.text_column = self.requirement if self.requirement is not None else self.task
        self.section_column = self._find_section_column()
        self._cell_counts = {len(row.cells) for row in self.header_rows}
        self._first_texts = {signature[0] for signature in self.signatures if signature}
        self.width = max(row.width for row in self.header_rows)

    def _find_section_column(self) -> int | None:
        """The first column, where it names no role of its own (or only 序号) and stands left
        of the task text: its cells, merged down, hold the sections (contract 4.2)."""
        columns = [c for row in self.header_rows for c in row.cells]
        if not columns or self.text_column is None:
            return None
        first = min(columns)
        if first >= self.text_column or self.roles.get(first) not in (None, "seq"):
            return None
        return first

    def column(self, role: Role) -> int | None:
        found = self._by_role.get(role)
        return found[0] if found else None

    def columns(self, role: Role) -> list[int]:
        return self._by_role.get(role, [])

    def is_repeated_header(self, row: GridRow) -> bool:
        if len(row.cells) not in self._cell_counts:
            return False
        first = min(row.cells)  # a cheap look at one cell before reading them all
        if _normalise(row.cells[first].text) not in self._first_texts:
            return False
        return row_signature(row) in self.signatures


def row_signature(row: GridRow) -> tuple[str, ...]:
    return tuple(_normalise(text) for text in row.texts())


def looks_like_header(row: GridRow) -> bool:
    """At least two key roles among the cells, and most non-empty cells name a role."""
    filled = [cell for cell in row.cells.values() if not cell.is_blank]
    roles = [role_of(cell.text) for cell in filled]
    named = [r for r in roles if r is not None]
    return len(set(named) & KEY_ROLES) >= 2 and len(named) * 2 >= len(filled)


def _continues_header(row: GridRow) -> bool:
    """A second header row: its own cells all name roles, the rest continue merges from above."""
    own = [cell for cell in row.cells.values() if not cell.continues_merge and not cell.is_blank]
    return bool(own) and all(role_of(cell.text) for cell in own)


def find_header(rows: list[GridRow], scan: int = 5) -> ColumnMap | None:
    """Find the header row (or two) among the first rows and map grid columns to roles."""
    for position, row in enumerate(rows[:scan]):
        if not looks_like_header(row):
            continue
        header_rows = [row]
        for following in rows[position + 1 : position + 3]:
            if _continues_header(following):
                header_rows.append(following)
            else:
                break
        roles = assign_roles(header_rows)
        lowest = _lowest_texts(header_rows)
        ignored = {column: text for column, text in lowest.items()
                   if column not in roles and _normalise(text)}
        return ColumnMap(roles=roles, header_rows=header_rows,
                         signatures={row_signature(r) for r in header_rows}, ignored=ignored,
                         headers=lowest)
    return None


def _lowest_texts(header_rows: list[GridRow]) -> dict[int, str]:
    lowest: dict[int, str] = {}
    for row in header_rows:  # later rows overwrite: the lowest cell decides
        for column, cell in row.cells.items():
            lowest[column] = cell.text
    return lowest


def assign_roles(header_rows: list[GridRow]) -> dict[int, Role]:
    """Each column's role from its lowest header cell; one column per role, best match wins."""
    lowest = _lowest_texts(header_rows)
    candidates = {column: score_roles(text) for column, text in lowest.items()}
    roles: dict[int, Role] = {}
    taken: dict[Role, tuple[int, int]] = {}  # role -> (score, column)
    pending = sorted(candidates)
    while pending:
        column = pending.pop(0)
        for score, role in candidates[column]:
            if role == "officials":
                roles[column] = role
                break
            holder = taken.get(role)
            if holder is None:
                taken[role] = (score, column)
                roles[column] = role
                break
            if score > holder[0]:
                # The more specific header takes the role; the other column tries its next one.
                taken[role] = (score, column)
                roles[column] = role
                del roles[holder[1]]
                candidates[holder[1]] = [c for c in candidates[holder[1]] if c[1] != role]
                pending.append(holder[1])
                break
    return roles
