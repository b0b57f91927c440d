"""Renderers for ``gkparse extract``: json, jsonl, yaml, csv. Each takes notices, returns text."""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence

from gkparse.models import Notice, json_default, to_data

CSV_COLUMNS = ["source", "id", "section", "subsection", "lead_units", "responsible_units",
               "requirement", "deadline", "deadline_kind", "due", "period", "lead_officials",
               "remarks", "fingerprint", "table", "row"]
LIST_JOINER = "、"


# The C encoder (json's fast path) runs only without indent: records are written compact,
# then laid out by hand below, one task per line, which also keeps diffs of two runs short.
_ENCODE = json.JSONEncoder(ensure_ascii=False, default=json_default).encode


def _notice_document(notice: Notice) -> str:
    """A notice as a readable JSON object: a line per top-level field, a line per task."""
    lines = []
    for name in ("schema_version", "source", "notice"):
        lines.append(f'  "{name}": {_ENCODE(getattr(notice, name))}')
    tasks = ",\n".join(f"    {_ENCODE(task)}" for task in notice.tasks)
    lines.append(f'  "tasks": [\n{tasks}\n  ]' if tasks else '  "tasks": []')
    lines.append(f'  "warnings": {_ENCODE(notice.warnings)}')
    return "{\n" + ",\n".join(lines) + "\n}"


def render_json(notices: Sequence[Notice]) -> str:
    """One notice: one JSON document. Several: a JSON array of them."""
    if len(notices) == 1:
        return _notice_document(notices[0]) + "\n"
    return "[\n" + ",\n".join(_notice_document(n) for n in notices) + "\n]\n"


def render_jsonl(notices: Sequence[Notice]) -> str:
    """JSON Lines: one notice per line."""
    return "".join(_ENCODE(n) + "\n" for n in notices)


def render_yaml(notices: Sequence[Notice]) -> str:
    import yaml

    return yaml.safe_dump_all([to_data(n) for n in notices], allow_unicode=True,
                              sort_keys=False, width=1000)


def render_csv(notices: Sequence[Notice]) -> str:
    """One row per task, with a BOM so Excel reads the file as UTF-8."""
    buffer = io.StringIO()
    import csv

    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for notice in notices:
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
            ])
    return "\ufeff" + buffer.getvalue()


RENDERERS: dict[str, Callable[[Sequence[Notice]], str]] = {
    "json": render_json,
    "jsonl": render_jsonl,
    "yaml": render_yaml,
    "csv": render_csv,
}
