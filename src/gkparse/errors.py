"""Exceptions the library raises for input it cannot use.

Each carries the file it is about and a one-line message a person can act
on; the CLI turns them into one stderr line and exit code 2.
"""

from __future__ import annotations

from pathlib import Path


class GkparseError(Exception):
    """Base class: an input that cannot be used."""

    def __init__(self, path: str | Path | None, message: str, *, line: int | None = None,
                 task: str | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        self.line = line
        self.task = task
        super().__init__(self.describe())

    def describe(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        from gkparse.i18n import _

        task = _(" (task {task})").format(task=self.task) if self.task else ""
        # One line, always: some library messages (PyYAML's, lxml's) span several.
        message = " ".join(part.strip() for part in self.message.splitlines() if part.strip())
        return f"{where}: {message}{task}"


class DocumentError(GkparseError):
    """The notice file is not a readable .docx (or JSON from extract)."""


class StatusFileError(GkparseError):
    """The status YAML file is missing, malformed or breaks the schema."""

