"""Tasks written as paragraphs (contract 4.3): numbered items with their units in a bracket.

Many plans (国办发 / 省政办发 style) have no task table. They number sections ``一、``,
subsections ``（一）`` and items ``1．`` or ``（1）``, and end each task with the units that carry
it, in a bracket or on labelled lines::

    一、深化重点领域公开
    （三）推进财政信息公开。…。（市财政局牵头，各区政府按职责分工负责）
    1．…。牵头单位：区发改局；责任单位：各街道；完成时限：6月底前

The reader works on the body's paragraphs (``metadata.Line`` with its ``paragraph`` index):

- a numbered paragraph whose unit clause is found (the last bracket at its end holding 牵头,
  负责, 责任, 配合 or 主责, nested ``〔〕`` allowed; or labels from ``牵头单位：`` on, in the
  paragraph or on the lines right after it) is a task, and so is every item numbered like it
  in the same run of items, so that a task whose clause the writer forgot is still a task
  (with no lead, which ``check`` flags); runs with no clause at all (a notice's own
  ``一、加强组织领导。…`` paragraphs, ``（一）指导思想``) are not tasks;
- a ``（N）`` paragraph with numbered items under it is their subsection; one without items
  is itself a task, with no subsection level (``S.0.N``);
- a run-in heading (``（一）产业提升行动。围绕…``) has its first sentence as title.

``N`` in an id is the task's position in its subsection (or section), as for table rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from gkparse.grammar.ordinals import CHINESE_NUMERAL, parse_chinese_number
from gkparse.grammar.text import clean_title, trim
from gkparse.messages import Message
from gkparse.models import Level, Task, TaskSource, fingerprint
from gkparse.notice.metadata import Line
from gkparse.notice.tasks import read_deadline
from gkparse.notice.unit_clauses import has_unit_words, label_role, read_unit_clause

_SECTION = re.compile(rf"^\s*([{CHINESE_NUMERAL}]+)\s*、\s*")
_SUBSECTION = re.compile(rf"^\s*[（(]\s*([{CHINESE_NUMERAL}]+)\s*[）)]\s*")
_ITEM_DOT = re.compile(r"^\s*([0-9０-９]{1,3})\s*[.．、](?![0-9０-９])\s*")
_ITEM_PAREN = re.compile(r"^\s*[（(]\s*([0-9０-９]{1,3})\s*[）)]\s*")
_OPEN, _CLOSE = "（(", "）)"


@cache
def _label_at() -> re.Pattern[str]:
    """A label (``牵头单位：``) at the start of a text or after a clause. Compiled when first
    needed: a range of CJK characters costs re's compiler about 1 ms, and most notices, with
    their tasks in a table, never ask."""
    return re.compile(r"(?:^|(?<=[。；;，,\s]))(?P<label>[\u4e00-\u9fff]{2,8})\s*[：:]")


_TRAILING = "。；;，, \u3000\t"


@dataclass
class _Node:
    """A numbered paragraph: its level, ordinal, text and place."""

    kind: str  # "section", "sub", "dot", "paren"
    ordinal: int
    text: str  # without the number
    paragraph: int
    clause: str | None = None
    body: str = ""  # text without the number and without the unit clause
    raw: str = ""  # the paragraph as written
    points: list[_Node] = field(default_factory=list)  # numbered points inside a （N） task


def _unit_bracket(text: str) -> tuple[str, str] | None:
    """The bracket that ends the paragraph, if it holds a unit clause: (text before, clause)."""
    stripped = text.rstrip(_TRAILING)
    if not stripped or stripped[-1] not in _CLOSE:
        return None
    depth = 0
    for i in range(len(stripped) - 1, -1, -1):
        ch = stripped[i]
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            depth -= 1
            if depth == 0:
                inner = stripped[i + 1 : -1]
                if has_unit_words(inner) and read_unit_clause(inner).labelled:
                    return trim(stripped[:i]), inner
                return None
    return None


def _labelled_tail(text: str) -> tuple[str, str] | None:
    """``…。牵头单位：X；责任单位：Y`` -> (text before the first label, the labelled part)."""
    for match in _label_at().finditer(text):
        if label_role(match["label"]) is not None:
            return trim(text[: match.start()]), text[match.start():]
    return None


def is_label_line(text: str) -> bool:
    """A line that gives the item above it its units, deadline or officials: a known label
    (``牵头单位：``, ``完成时限：``, ``分管领导：``), or any short label before a clause that
    says who leads (``部门分工：省发展改革委牵头，各地配合。``)."""
    text = trim(text)
    match = _label_at().match(text)
    if not match:
        return False
    if label_role(match["label"]) is not None:
        return True
    return read_unit_clause(text[match.end():]).labelled


def _bracket_line(text: str) -> str | None:
    """A paragraph that is only a unit clause in brackets, under the item it belongs to:
    ``（责任单位：区发改局）``."""
    found = _unit_bracket(text)
    return found[1] if found is not None and not found[0] else None


def _split_clause(text: str) -> tuple[str, str | None]:
    for finder in (_unit_bracket, _labelled_tail):
        found = finder(text)
        if found is not None:
            return found
    return text, None


def _classify(text: str) -> tuple[str, int, str] | None:
    for kind, pattern in (("section", _SECTION), ("sub", _SUBSECTION), ("dot", _ITEM_DOT),
                          ("paren", _ITEM_PAREN)):
        match = pattern.match(text)
        if match:
            number = parse_chinese_number(match.group(1))
            if number:
                return kind, number, trim(text[match.end():])
    return None


def _run_in_title(text: str) -> str:
    """A heading's title: the whole line, or the first sentence of a run-in heading."""
    head, stop, rest = text.partition("。")
    return clean_title(head if stop and trim(rest) else text)


def _nodes(lines: list[Line]) -> list[_Node]:
    """Numbered paragraphs in order, each with its unit clause (label lines joined in)."""
    nodes: list[_Node] = []
    for line in lines:
        if line.paragraph is None:
            continue
        text = trim(line.text.replace("\n", ""))
        if not text:
            continue
        if nodes and nodes[-1].kind != "section":
            clause = text if is_label_line(text) else _bracket_line(text)
            if clause is not None:
                last = nodes[-1]
                last.clause = f"{last.clause}\n{clause}" if last.clause else clause
                continue
        classified = _classify(text)
        if classified is None:
            continue
        kind, ordinal, rest = classified
        node = _Node(kind=kind, ordinal=ordinal, text=rest, paragraph=line.paragraph, raw=text)
        node.body, node.clause = _split_clause(rest) if kind != "section" else (
            _unit_bracket(rest) or (rest, None))
        nodes.append(node)
    return nodes


@dataclass
class ParagraphTaskReader:
    """Reads tasks written as numbered paragraphs (contract 4.3), with warnings and clauses."""

    plan_year: int | None
    tasks: list[Task] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    lead_rule_applied: bool = False
    clauses: dict[int, str | None] = field(default_factory=dict)
    """Each task's paragraph -> its unit clause as written (None: it has none)."""
    _section_clause: str | None = None
    _positions: dict[tuple[object, ...], int] = field(default_factory=dict)

    def read(self, lines: list[Line]) -> list[Task]:
        nodes = _nodes(lines)
        item_kind = self._item_kind(nodes)
        section: Level | None = None
        subs: list[tuple[_Node, list[_Node]]] = []  # (sub, its items) in the current section
        loose: list[_Node] = []  # items directly under the section
        for node in [*nodes, None]:
            if node is None or node.kind == "section":
                self._emit_section(section, subs, loose)
                if node is not None:
                    section = Level(ordinal=node.ordinal, title=_run_in_title(node.body) or None)
                    # 一、强化科技创新（区科技局牵头）: the section's units, for its tasks that
                    # name none of their own.
                    self._section_clause = node.clause
                subs, loose = [], []
            elif node.kind == "sub":
                subs.append((node, []))
            elif node.kind == item_kind:
                (subs[-1][1] if subs else loose).append(node)
        return self.tasks

    @staticmethod
    def _item_kind(nodes: list[_Node]) -> str:
        """The item style that carries the clauses (``1．`` or ``（1）``); the other one, if any,
        numbers points inside an item."""
        counts = {kind: sum(1 for n in nodes if n.kind == kind and _names_units(n)) for kind in
                  ("dot", "paren")}
        if counts["paren"] > counts["dot"]:
            return "paren"
        if counts["dot"]:
            return "dot"
        first = next((n.kind for n in nodes if n.kind in ("dot", "paren")), "dot")
        return first

    def _emit_section(self, section: Level | None, subs: list[tuple[_Node, list[_Node]]],
                      loose: list[_Node]) -> None:
        start = len(self.tasks)
        for run in _runs(loose):
            self._emit_run(section, None, run)
        task_subs = []
        for sub, items in subs:
            if any(_names_units(item) for item in items):
                level = Level(ordinal=sub.ordinal, title=_run_in_title(sub.text) or None)
                for run in _runs(items):
                    self._emit_run(section, level, run)
            else:
                # Numbered points with no unit clause of their own are part of the （N）'s text:
                # （一）推进…。（市发改委牵头） / 1．做好…； / 2．加强…。
                sub.points = items
                task_subs.append(sub)
        if any(_names_units(sub) for sub in task_subs):
            self._emit_run(section, None, task_subs)
        self.tasks[start:] = sorted(self.tasks[start:], key=lambda t: t.source.paragraph or 0)

    def _emit_run(self, section: Level | None, subsection: Level | None,
                  run: list[_Node]) -> None:
        if not self._section_clause and not any(_names_units(node) for node in run):
            return
        key = _level_key(section, subsection)
        position = self._positions.get(key, 0)
        for node in run:
            position += 1
            self._positions[key] = position
            task_id = (f"{section.ordinal if section else 0}."
                       f"{subsection.ordinal if subsection else 0}.{position}")
            self._append(task_id, section, subsection, node)

    def _append(self, task_id: str, section: Level | None, subsection: Level | None,
                node: _Node) -> None:
        where = f"paragraph {node.paragraph}"
        written = node.clause or self._section_clause
        self.clauses[node.paragraph] = written
        clause = read_unit_clause(written) if written else None
        lead = clause.lead if clause else []
        responsible = clause.responsible if clause else []
        if not lead and responsible:
            if not self.lead_rule_applied:
                self.lead_rule_applied = True
                self.warnings.append(Message(
                    "lead-from-first-responsible", f"{where}: a unit clause names no lead: the "
                    "first unit it names is taken as the lead (排在第一位的为牵头单位)",
                    paragraph=node.paragraph))
            lead = responsible[:1]
        if clause is None:
            self.warnings.append(Message("no-unit-clause",
                                         f"task {task_id} ({where}): no unit clause; no lead",
                                         paragraph=node.paragraph))
        deadline_text = (clause.deadline if clause else None) or ""
        deadline = read_deadline(deadline_text, self.plan_year, task_id, self.warnings,
                                 paragraph=node.paragraph)
        requirement = "\n".join([trim(node.body), *(trim(p.raw) for p in node.points)])
        self.tasks.append(Task(
            id=task_id, section=section, subsection=subsection, lead_units=lead,
            responsible_units=responsible, requirement=requirement, deadline=deadline,
            lead_officials=clause.officials if clause else [],
            fingerprint=fingerprint(requirement),
            source=TaskSource(table=None, row=None, paragraph=node.paragraph),
        ))


def _names_units(node: _Node) -> bool:
    """Whether the node's clause names a unit: only that makes a run of paragraphs tasks (a
    ``时间：`` line under a meeting notice's point does not)."""
    if not node.clause:
        return False
    clause = read_unit_clause(node.clause)
    return bool(clause.lead or clause.responsible)


def _level_key(section: Level | None, subsection: Level | None) -> tuple[object, ...]:
    """Where a task is counted: its section and subsection (Level is not hashable)."""
    return tuple((level.ordinal, level.title) if level else None
                 for level in (section, subsection))


def _runs(items: list[_Node]) -> list[list[_Node]]:
    """Items split where the numbering starts again (a list of points inside a task's text,
    or the next list): each run is judged on its own."""
    runs: list[list[_Node]] = []
    for item in items:
        if not runs or item.ordinal <= runs[-1][-1].ordinal:
            runs.append([])
        runs[-1].append(item)
    return runs


def read_paragraph_tasks(lines: list[Line], plan_year: int | None) -> ParagraphTaskReader:
    """The tasks a plan writes as numbered paragraphs (``.tasks``, ``[]`` where it has none),
    warnings and unit clauses."""
    reader = ParagraphTaskReader(plan_year=plan_year)
    reader.read(lines)
    return reader
