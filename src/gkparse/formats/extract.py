"""Output formats of ``gkparse extract``: json, jsonl, yaml, csv.

Each format is a pair of pure functions: ``piece`` renders one notice,
``join`` puts the pieces of a batch together, as UTF-8. Splitting them lets
batch workers render and encode their own notices (``--jobs``), so only
bytes travel back and the parent process just concatenates. Called whole,
a ``Format`` is a ``gkparse.formatter.Formatter`` of a list of notices.

>>> from gkparse import parse_notice
>>> from gkparse.formatter import RenderOptions
>>> notice = parse_notice("samples/notice.docx")
>>> JSONL([notice], RenderOptions()).count("\\n"), CSV([notice], RenderOptions()).count("\\r\\n")
(1, 57)
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gkparse.models import Notice, json_default, task_json, to_data
from gkparse.tracking.vocabulary import JOINER

if TYPE_CHECKING:
    from gkparse.formatter import RenderOptions

CSV_COLUMNS = ["source", "id", "section", "subsection", "lead_units", "responsible_units",
               "requirement", "deadline", "deadline_kind", "due", "period", "lead_officials",
               "remarks", "fingerprint", "table", "row", "paragraph"]
LIST_JOINER = JOINER

# The C encoder (json's fast path) runs only without indent: records are written compact,
# then laid out by hand below, one task per line, which also keeps diffs of two runs short.
_ENCODE = json.JSONEncoder(ensure_ascii=False, default=json_default).encode


@dataclass(frozen=True)
class Format:
    """An output format of ``extract``: one notice's piece, and how pieces are joined."""

    piece: Callable[[Notice], bytes]
    join: Callable[[Sequence[bytes]], bytes]

    def __call__(self, notices: Sequence[Notice], options: RenderOptions, /) -> str:
        """The whole output of ``extract --format …`` for these notices."""
        return self.join([self.piece(notice) for notice in notices]).decode()


def json_document(notice: Notice) -> bytes:
    """A notice as a readable JSON object, newline-terminated, UTF-8: a line per notice field,
    a line per task.

    Each task is encoded as it is written and the whole joined once: the tasks of a big
    notice run to tens of megabytes, and each join, concatenation or encoding of the whole
    would copy them again (at 50,000 tasks five copies cost 0.12 s, and 385 MB of peak RSS
    against 218 MB now, issue 17).
    """
    head = (f'{{\n  "schema_version": {notice.schema_version},\n'
            f'  "source": {_ENCODE(notice.source)},\n'
            # The notice's own fields are few: laid out one per line for people to read.
            '  "notice": ' + json.dumps(to_data(notice.notice), ensure_ascii=False,
                                        indent=2).replace("\n", "\n  ") + ",\n")
    tail = f'  "warnings": {_ENCODE(notice.warnings)}\n}}\n'
    if not notice.tasks:
        return f'{head}  "tasks": [],\n{tail}'.encode()
    shared: dict[int, str] = {}
    tasks = [task_json(task, shared).encode() for task in notice.tasks]
    tasks[0] = f'{head}  "tasks": [\n    '.encode() + tasks[0]
    tasks[-1] += f"\n  ],\n{tail}".encode()
    return b",\n    ".join(tasks)


def join_json(pieces: Sequence[bytes]) -> bytes:
    """One notice: its JSON document as it is. Several: a JSON array of them."""
    if len(pieces) == 1:
        return pieces[0]
    return b"[\n" + b",\n".join(piece.rstrip(b"\n") for piece in pieces) + b"\n]\n"


def json_line(notice: Notice) -> bytes:
    """``_ENCODE(notice)``, with the tasks written by ``task_json`` (a quarter of the time)."""
    shared: dict[int, str] = {}
    tasks = "[" + ", ".join([task_json(task, shared) for task in notice.tasks]) + "]"
    fields = ", ".join(f"{_ENCODE(name)}: {tasks if name == 'tasks' else _ENCODE(value)}"
                       for name, value in json_default(notice).items())
    return ("{" + fields + "}\n").encode()


def yaml_document(notice: Notice) -> bytes:
    import yaml

    return yaml.safe_dump(to_data(notice), allow_unicode=True, sort_keys=False,
                          width=1000).encode()


def join_yaml(pieces: Sequence[bytes]) -> bytes:
    """A YAML stream, one document per notice."""
    return b"---\n".join(pieces)


def csv_rows(notice: Notice) -> bytes:
    """One row per task (the header comes with ``join_csv``)."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for task in notice.tasks:
        writer.writerow([
            notice.source.path, task.id,
            task.section.title if task.section else "",
            task.subsection.title if task.subsection else "",
            LIST_JOINER.join(task.lead_units), LIST_JOINER.join(task.responsible_units),
            task.requirement, task.deadline.text, task.deadline.kind,
            task.deadline.due.isoformat() if task.deadline.due else "",
            task.deadline.period or "", LIST_JOINER.join(task.lead_officials),
            task.remarks or "", task.fingerprint, task.source.table, task.source.row,
            task.source.paragraph,
        ])
    return buffer.getvalue().encode()


def join_csv(pieces: Sequence[bytes]) -> bytes:
    """The header, then every notice's rows, with a BOM so Excel reads the file as UTF-8."""
    return ("\ufeff" + ",".join(CSV_COLUMNS) + "\r\n").encode() + b"".join(pieces)


JSON = Format(json_document, join_json)
JSONL = Format(json_line, b"".join)
YAML = Format(yaml_document, join_yaml)
CSV = Format(csv_rows, join_csv)
