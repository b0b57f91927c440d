"""The records gkparse produces: one ``Notice`` per document (contract section 1).

Field names and meanings are fixed by ``shared/spec/contract.md``; fields may
be added, never renamed.

The records are plain dataclasses, so that ``gkparse extract`` does not pay
pydantic's start-up (about 80 ms, more than parsing the sample) for records
the parser has just built with these very types. pydantic validates them
wherever they come from outside or leave as a contract, in ``gkparse.schema``:
notice JSON read back by ``check`` and ``init``, ``gkparse schema``, and (in
the tests) every record the parser writes.

>>> to_data(Level(ordinal=1, title="坚持标准引领"))
{'ordinal': 1, 'title': '坚持标准引领'}
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from json.encoder import encode_basestring
from typing import Any

from gkparse.grammar.deadline import Deadline
from gkparse.grammar.text import squeeze_whitespace
from gkparse.record_config import PYDANTIC_CONFIG

SCHEMA_VERSION = 1


@dataclass(kw_only=True, slots=True)
class SourceFile:
    __pydantic_config__ = PYDANTIC_CONFIG

    path: str
    """The notice file as it was given."""
    sha256: str
    """SHA-256 of the file's bytes, hex."""
    format: str = "docx"
    """The format recognised from the file's bytes: docx, doc, wps, rtf, odt, xlsx, xls, et,
    ods, html or pdf."""


@dataclass(kw_only=True, slots=True)
class DocNumberParts:
    __pydantic_config__ = PYDANTIC_CONFIG

    prefix: str
    """机关代字, e.g. 济高新管办字"""
    year: int
    serial: int


@dataclass(kw_only=True, slots=True)
class CitedDocument:
    __pydantic_config__ = PYDANTIC_CONFIG

    title: str
    doc_number: str


@dataclass(kw_only=True, slots=True)
class NoticeInfo:
    __pydantic_config__ = PYDANTIC_CONFIG

    doc_number: str | None = None
    doc_number_parts: DocNumberParts | None = None
    issuer: str | None = None
    """发文机关标志, without a trailing 文件"""
    title: str | None = None
    addressees: list[str] = field(default_factory=list)
    cited_documents: list[CitedDocument] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    signatory: str | None = None
    issued_on: date | None = None
    """成文日期 under the signature"""
    disclosure: str | None = None
    """附注 text, e.g. 此件公开发布"""
    plan_year: int | None = None


@dataclass(kw_only=True, slots=True)
class Level:
    """A section (一、…) or subsection (（一）…) the task belongs to."""

    __pydantic_config__ = PYDANTIC_CONFIG

    ordinal: int
    title: str | None = None


@dataclass(kw_only=True, slots=True)
class TaskSource:
    __pydantic_config__ = PYDANTIC_CONFIG

    table: int | None
    """1-based index among the body's top-level tables (null for a task written as a paragraph)"""
    row: int | None
    """1-based row index in that table (null for a task written as a paragraph)"""
    paragraph: int | None = None
    """1-based index among the body's paragraphs, for a task written as a paragraph (contract
    4.3); null for a table task"""


@dataclass(kw_only=True, slots=True)
class Task:
    __pydantic_config__ = PYDANTIC_CONFIG

    id: str
    """S.U.N: section, subsection, position in subsection"""
    section: Level | None = None
    subsection: Level | None = None
    lead_units: list[str] = field(default_factory=list)
    responsible_units: list[str] = field(default_factory=list)
    requirement: str
    deadline: Deadline
    lead_officials: list[str] = field(default_factory=list)
    remarks: str | None = None
    fingerprint: str
    source: TaskSource


@dataclass(kw_only=True, slots=True)
class Notice:
    """Everything read from one notice: metadata, tasks, and what could not be read cleanly."""

    __pydantic_config__ = PYDANTIC_CONFIG

    schema_version: int = SCHEMA_VERSION
    source: SourceFile
    notice: NoticeInfo
    tasks: list[Task] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def task_by_id(self) -> dict[str, Task]:
        return {task.id: task for task in self.tasks}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def json_default(value: Any) -> Any:
    """One level of a record as JSON data: ``json.dumps(record, default=json_default)`` writes
    a record without converting it first."""
    names = _FIELD_NAMES.get(type(value))
    if names is None:
        if isinstance(value, date):
            return value.isoformat()
        if not is_dataclass(value):
            raise TypeError(f"{type(value).__name__} is not a gkparse record")
        names = _FIELD_NAMES[type(value)] = tuple(f.name for f in fields(value))
    return {name: getattr(value, name) for name in names}


def to_data(value: Any) -> Any:
    """A record (or list of them) as plain JSON data: dicts, lists, strings, numbers, null."""
    if isinstance(value, list):
        return [to_data(item) for item in value]
    if is_dataclass(value) or isinstance(value, date):
        encoded = json_default(value)
        return {k: to_data(v) for k, v in encoded.items()} if isinstance(encoded, dict) else encoded
    return value


def _json_str(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _json_level(level: Level | None, shared: dict[int, str]) -> str:
    if level is None:
        return "null"
    found = shared.get(id(level))
    if found is None:
        found = shared[id(level)] = (f'{{"ordinal": {level.ordinal}, '
                                     f'"title": {_json_str(level.title)}}}')
    return found


def _json_deadline(deadline: Deadline, shared: dict[int, str]) -> str:
    found = shared.get(id(deadline))
    if found is None:
        due = None if deadline.due is None else deadline.due.isoformat()
        found = shared[id(deadline)] = (
            f'{{"text": {encode_basestring(deadline.text)}, '
            f'"kind": {encode_basestring(deadline.kind)}, "due": {_json_str(due)}, '
            f'"period": {_json_str(deadline.period)}}}')
    return found


def _json_strings(items: list[str]) -> str:
    """The items of a JSON array of strings; most unit lists hold one name or none."""
    if not items:
        return ""
    if len(items) == 1:
        return encode_basestring(items[0])
    return ", ".join(map(encode_basestring, items))


def task_json(task: Task, shared: dict[int, str]) -> str:
    """``json.dumps(task, default=json_default, ensure_ascii=False)``, written field by field.

    The same bytes at a quarter of the time: the encoder's ``default`` callback runs once per
    nested record, six times a task. ``shared`` keeps the JSON of the sections, subsections
    and deadlines already written, by ``id`` (a table's tasks share a few of each); it must
    not outlive the records it was filled from. ``tests/test_record_json.py`` holds this to
    the generic encoder for every field and every kind of value.
    """
    source, string = task.source, encode_basestring
    return (f'{{"id": {string(task.id)}, '
            f'"section": {_json_level(task.section, shared)}, '
            f'"subsection": {_json_level(task.subsection, shared)}, '
            f'"lead_units": [{_json_strings(task.lead_units)}], '
            f'"responsible_units": [{_json_strings(task.responsible_units)}], '
            f'"requirement": {string(task.requirement)}, '
            f'"deadline": {_json_deadline(task.deadline, shared)}, '
            f'"lead_officials": [{_json_strings(task.lead_officials)}], '
            f'"remarks": {"null" if task.remarks is None else string(task.remarks)}, '
            f'"fingerprint": {string(task.fingerprint)}, '
            f'"source": {{"table": {"null" if source.table is None else source.table}, '
            f'"row": {"null" if source.row is None else source.row}, '
            f'"paragraph": {"null" if source.paragraph is None else source.paragraph}}}}}')


def fingerprint(requirement: str) -> str:
    """First 8 hex digits of SHA-256 of the requirement with all white space removed.

    >>> fingerprint("持续 完善。") == fingerprint("持续完善。")
    True
    """
    return hashlib.sha256(squeeze_whitespace(requirement).encode("utf-8")).hexdigest()[:8]
