"""The records gkparse produces: one ``Notice`` per document (contract section 1).

Field names and meanings are fixed by ``shared/spec/contract.md``; fields may
be added, never renamed. ``Notice.model_json_schema()`` is what ``gkparse
schema`` prints.
"""

from __future__ import annotations

import hashlib
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from gkparse.deadline import Deadline
from gkparse.text import squeeze_whitespace

SCHEMA_VERSION = 1


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceFile(_Record):
    path: str = Field(description="The notice file as it was given.")
    sha256: str = Field(description="SHA-256 of the file's bytes, hex.")


class DocNumberParts(_Record):
    prefix: str = Field(description="机关代字, e.g. 济高新管办字")
    year: int
    serial: int


class CitedDocument(_Record):
    title: str
    doc_number: str


class NoticeInfo(_Record):
    doc_number: str | None = None
    doc_number_parts: DocNumberParts | None = None
    issuer: str | None = Field(None, description="发文机关标志, without a trailing 文件")
    title: str | None = None
    addressees: list[str] = []
    cited_documents: list[CitedDocument] = []
    attachments: list[str] = []
    signatory: str | None = None
    issued_on: date | None = Field(None, description="成文日期 under the signature")
    disclosure: str | None = Field(None, description="附注 text, e.g. 此件公开发布")
    plan_year: int | None = None


class Level(_Record):
    """A section (一、…) or subsection (（一）…) the task belongs to."""

    ordinal: int
    title: str | None = None


class TaskSource(_Record):
    table: int = Field(description="1-based index among the body's top-level tables")
    row: int = Field(description="1-based row index in that table")


class Task(_Record):
    id: str = Field(description="S.U.N: section, subsection, position in subsection")
    section: Level | None = None
    subsection: Level | None = None
    lead_units: list[str] = []
    responsible_units: list[str] = []
    requirement: str
    deadline: Deadline
    lead_officials: list[str] = []
    remarks: str | None = None
    fingerprint: str
    source: TaskSource


class Notice(_Record):
    """Everything read from one notice: metadata, tasks, and what could not be read cleanly."""

    schema_version: int = SCHEMA_VERSION
    source: SourceFile
    notice: NoticeInfo
    tasks: list[Task] = []
    warnings: list[str] = []

    def task_by_id(self) -> dict[str, Task]:
        return {task.id: task for task in self.tasks}


def fingerprint(requirement: str) -> str:
    """First 8 hex digits of SHA-256 of the requirement with all white space removed.

    >>> fingerprint("持续 完善。") == fingerprint("持续完善。")
    True
    """
    return hashlib.sha256(squeeze_whitespace(requirement).encode("utf-8")).hexdigest()[:8]
