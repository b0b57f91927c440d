"""The unit-clause grammar: who leads and who takes part, as a plan writes it in words.

Plans name units in three ways besides a plain list in a lead or responsible column
(contract 4.2 and 4.3):

- labels, as lines or clauses: ``牵头单位：区发改局；责任单位：各街道；完成时限：6月底前``;
- verbs after the names: ``市发展改革委牵头，各区政府按职责分工负责``, ``区环保局牵头，
  区水务局、区级相关部门配合``, ``市人社局牵头落实``;
- both at once, in a table cell or in the bracket that ends a paragraph task.

A label is read by meaning, as a header is (``columns.role_of``): ``牵头单位``, ``主要责任单位``
lead; ``责任单位``, ``配合单位``, ``参与单位`` take part; ``完成时限`` is the deadline. Names
with no label or verb of their own belong to the label before them (``牵头单位：甲，乙``) or to
the verb after them (``甲、乙等部门，丙配合``). A bare ``负责`` (``市教育局负责``) is the one in
charge, unless a ``牵头`` clause names another: then it takes part, as in
``甲牵头，乙负责``.

>>> clause = read_unit_clause("区发改局牵头，区财政局、各街道配合")
>>> clause.lead, clause.responsible
(['区发改局'], ['区财政局', '各街道'])
>>> read_unit_clause("牵头单位：市府办〔市大数据局〕；完成时限：6月底前").deadline
'6月底前'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal

from gkparse.grammar.deadline import parse_deadline
from gkparse.grammar.text import trim
from gkparse.grammar.units import split_outside_brackets, split_units
from gkparse.notice.columns import role_of

ClauseRole = Literal["lead", "responsible", "deadline", "officials"]

_CLAUSE_SEPARATORS = frozenset("，,；;。\n")


@cache
def _label() -> re.Pattern[str]:
    """A clause that starts with a label (``牵头单位：X``). Compiled when first needed: a range
    of CJK characters costs re's compiler about 1 ms, and a table of plain unit lists never
    asks."""
    return re.compile(r"^(?P<label>[\u4e00-\u9fff]{2,8})\s*[：:]\s*(?P<rest>.*)$", re.S)


# Verbs after the names, longest first so that 牵头负责 is not read as 负责.
_LEAD_VERBS = ("分别牵头落实", "分别牵头负责", "牵头抓总", "牵头负责", "牵头落实", "牵头实施",
               "分别牵头", "牵头")
_PART_VERBS = ("按职责分工负责", "按职责分工落实", "按照职责分工负责", "按职能职责负责",
               "按职责负责", "分工负责", "配合落实", "配合实施", "协同配合", "共同参与", "配合",
               "参与", "协同", "协助", "协办")
_CHARGE_VERBS = ("具体负责", "负责落实", "共同负责", "负责")
_DEADLINE_LIKE = re.compile(
    r"(?:\d{4}年|[0-9０-９一二三四五六七八九十]+月|年底|年内|年末|半年|季度|长期|常态|持续|每月|每年|"
    r"每季)")
_DEADLINE_END = re.compile(r"(?:前|底|末|内|旬|日|号|完成|办结|到位|坚持|推进|开展)$")


@dataclass
class UnitClause:
    """What a unit clause says: lead and responsible names, a deadline, and whether any label
    or verb was found at all (``labelled`` False: the text is a plain list of names)."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline: str | None = None
    labelled: bool = False
    officials: list[str] = field(default_factory=list)
    """People named under a 领导 label (``分管省领导：林克庆``), never units."""


def _clauses(text: str) -> list[str]:
    """Split on ，；。 and line breaks outside brackets."""
    parts, _ = split_outside_brackets(text, _CLAUSE_SEPARATORS)
    return [part for raw in parts if (part := trim(raw))]


def label_role(label: str) -> ClauseRole | None:
    """What a label before a colon names: ``牵头单位`` lead, ``配合单位`` responsible,
    ``完成时限`` the deadline, ``分管领导`` officials; anything else None."""
    role = role_of(label)
    if role in ("lead", "responsible", "deadline", "officials"):
        return role
    return None


def _verb_role(clause: str, has_lead_verb: bool) -> tuple[ClauseRole, str] | None:
    for verbs, role in ((_LEAD_VERBS, "lead"), (_PART_VERBS, "responsible"),
                        (_CHARGE_VERBS, "responsible" if has_lead_verb else "lead")):
        for verb in verbs:
            if clause.endswith(verb) and len(clause) > len(verb):
                names = clause[: -len(verb)]
                return role, names  # type: ignore[return-value]
    return None


def looks_like_deadline(text: str) -> bool:
    """A clause that is a time limit (``2025年6月底前完成``, ``长期坚持``), not names."""
    text = trim(text)
    if not text or len(text) > 30:
        return False
    if parse_deadline(text, 2000).kind in ("date", "ongoing", "recurring"):
        return True
    return bool(_DEADLINE_LIKE.search(text) and _DEADLINE_END.search(text))


def has_unit_words(text: str) -> bool:
    """Whether a bracket's text could be a unit clause at all (contract 4.3)."""
    return any(word in text for word in ("牵头", "负责", "责任", "配合", "主责"))


_Read = tuple[tuple[str, ...], tuple[str, ...], str | None, bool, tuple[str, ...]]


@lru_cache(maxsize=4096)
def _read(text: str) -> _Read:
    clauses = []
    for clause in _clauses(text):
        label = _label().match(clause)
        if label is not None and label_role(label["label"]) is None and label["rest"]:
            # A label that names no role (部门分工：, 责任分工：) heads a clause that says
            # itself who leads: read what follows it.
            clause = trim(label["rest"])
        clauses.append(clause)
    has_lead_verb = any(c.endswith(v) and len(c) > len(v) for c in clauses for v in _LEAD_VERBS)
    lead: list[str] = []
    responsible: list[str] = []
    deadline: list[str] = []
    officials: list[str] = []
    groups: dict[ClauseRole, list[str]] = {"lead": lead, "responsible": responsible,
                                           "deadline": deadline, "officials": officials}
    pending: list[str] = []
    current: ClauseRole | None = None  # the role a prefix label opened
    last_kind: str | None = None  # "prefix" or "verb": what the last labelled clause was
    labelled = False
    for clause in clauses:
        label = _label().match(clause)
        role = label_role(label["label"]) if label else None
        if role is not None and label is not None:
            if pending:
                groups[current or "responsible"].extend(pending)
                pending = []
            current, last_kind, labelled = role, "prefix", True
            if label["rest"]:
                groups[role].append(label["rest"])
            continue
        if current not in ("deadline", "officials") and looks_like_deadline(clause):
            deadline.append(clause)
            continue
        verb = _verb_role(clause, has_lead_verb)
        if verb is not None:
            role, names = verb
            groups[role].extend([*pending, names])
            pending = []
            current, last_kind, labelled = None, "verb", True
            continue
        if current is not None:
            groups[current].append(clause)
        else:
            pending.append(clause)
    if pending and labelled:
        groups["responsible" if last_kind == "verb" else (current or "responsible")].extend(pending)
    if not labelled:
        return (), (), ("，".join(deadline) or None), False, ()
    return (tuple(split_units("\n".join(lead))), tuple(split_units("\n".join(responsible))),
            ("，".join(deadline) or None), True, tuple(split_units("\n".join(officials))))


def read_unit_clause(text: str) -> UnitClause:
    """Read a unit cell or the bracketed clause of a paragraph task."""
    lead, responsible, deadline, labelled, officials = _read(text)
    return UnitClause(lead=list(lead), responsible=list(responsible), deadline=deadline,
                      labelled=labelled, officials=list(officials))
