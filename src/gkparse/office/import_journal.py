"""What earlier imports brought into a status file, so a re-import cannot undo a correction.

A gkparse ledger's hidden sheet says what the status columns held when it was
written, which makes an import a three-way merge. One case escapes it: a value
imported from the ledger, then set back by the office to what the ledger was
made from (a reviewer refusing a unit's 已完成). The file then equals the
hidden sheet again, and the same cells would look like news. So each import
notes, beside the status file, what each row it imported said, and from
which ledger (named by its hidden sheet); a later import in which a row of
that ledger says exactly the same again is the old statement, and the
correction is reported instead of reverted. A new ledger made from the same
state (same hidden sheet) in which the unit writes anything different (a new
date, a new note) is news and is imported.

The journal is ``.<status file>.gkparse-imports``, JSON Lines, one import a
line, written under the status file's lock. Deleting it loses only this memory.

>>> journal = Journal(entries=[{"ledger": "ab", "task": "1.1.1", "said": {"status": "done"}}])
>>> journal.brought("ab", "1.1.1", {"status": "done"}), journal.brought("cd", "1.1.1", {})
(True, False)
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from gkparse.output import replace_file

SUFFIX = ".gkparse-imports"
MAX_BYTES = 16 * 1024 * 1024


def journal_path(status_file: Path) -> Path:
    return status_file.parent / f".{status_file.name}{SUFFIX}"


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [str(item) for item in value]
    return value


def ledger_key(baseline: dict[str, dict[str, Any]]) -> str:
    """A name for the ledger a workbook was made as: the digest of its hidden sheet."""
    data = json.dumps({task: {k: _plain(v) for k, v in sorted(values.items())}
                       for task, values in sorted(baseline.items())}, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def _key(ledger: object, task: object, said: object) -> str:
    return json.dumps([ledger, task, said], ensure_ascii=False, sort_keys=True)


def _read_entries(status_file: Path) -> list[dict[str, Any]]:
    path = journal_path(status_file)
    try:
        if path.stat().st_size > MAX_BYTES:
            return []
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    entries = []
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            entries.append(record)
    return entries


@dataclass
class Journal:
    entries: list[dict[str, Any]] = field(default_factory=list)
    _index: set[str] | None = field(default=None, repr=False, compare=False)
    _indexed: int = field(default=0, repr=False, compare=False)
    _unread: Path | None = field(default=None, repr=False, compare=False)  # see ``beside``

    @classmethod
    def read(cls, status_file: Path) -> Journal:
        """The journal beside ``status_file``; an empty one when there is none (or it is not
        ours: a damaged journal only forgets, it never stops an import)."""
        return cls(_read_entries(status_file))

    @classmethod
    def beside(cls, status_file: Path) -> Journal:
        """The journal beside ``status_file``, read when it is first asked something (the
        caller holds the status file's lock until then): an import that changes nothing
        never reads it."""
        return cls(_unread=status_file)

    def _load(self) -> None:
        if self._unread is not None:
            self.entries[:0] = _read_entries(self._unread)
            self._unread = None

    def brought(self, ledger: str, task: str, said: dict[str, Any]) -> bool:
        """Whether an earlier import of ``ledger`` had a row saying exactly ``said`` of ``task``."""
        self._load()
        if self._index is None or self._indexed != len(self.entries):
            # One set, built once: a lookup per task over every entry was quadratic.
            self._index = {_key(e.get("ledger"), e.get("task"), e.get("said"))
                           for e in self.entries}
            self._indexed = len(self.entries)
        return _key(ledger, task, {n: _plain(v) for n, v in said.items()}) in self._index

    def add(self, status_file: Path, ledger: str, rows: list[tuple[str, dict[str, Any]]]) -> None:
        """Note what an import's rows said (task, fields) and write the journal beside the
        file."""
        self._load()
        self.entries += [{"ledger": ledger, "task": task,
                          "said": {name: _plain(value) for name, value in said.items()}}
                         for task, said in rows]
        text = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n"
                       for e in self.entries)
        replace_file(journal_path(status_file), text.encode("utf-8"))
