"""pydantic at the edges: validating notice records that come from outside, and their JSON Schema.

The records (``gkparse.models``) are dataclasses; pydantic validates them
through a ``TypeAdapter``, which builds the ``Notice`` dataclasses back from
JSON, type by type, refusing unknown fields.

>>> from pathlib import Path
>>> notice = validate_notice_json(Path("tests/golden/notice.json").read_bytes())
>>> notice.tasks[0].deadline.due
datetime.date(2025, 3, 31)
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from typing import Any, Literal

from pydantic import TypeAdapter

from gkparse.models import SCHEMA_VERSION, Notice, Task, to_data
from gkparse.record_config import PYDANTIC_CONFIG


@cache
def notice_adapter() -> TypeAdapter[Notice]:
    return TypeAdapter(Notice)


def validate_notice_json(data: bytes | str) -> Notice:
    """A ``Notice`` from JSON written by ``gkparse extract``; raises pydantic's ValidationError."""
    return notice_adapter().validate_json(data)


class NoticeJsonError(ValueError):
    """A notice JSON gkparse cannot use; the message names the task and field, on one line."""


@dataclass(kw_only=True, slots=True)
class _NoticeFile(Notice):
    """extract's JSON as read back: ``tasks`` must be there, in this gkparse's schema version."""

    __pydantic_config__ = PYDANTIC_CONFIG

    schema_version: Literal[SCHEMA_VERSION]  # type: ignore[valid-type]
    tasks: list[Task]


@cache
def _file_adapter() -> TypeAdapter[_NoticeFile]:
    return TypeAdapter(_NoticeFile)


def read_notice_json(data: bytes | str) -> Notice:
    """A ``Notice`` from extract's JSON, or a ``NoticeJsonError`` naming the first problem.

    Beyond the schema: ``tasks`` must be there, task ids must be unique, and
    ``schema_version`` must be the one this gkparse writes.
    """
    from pydantic import ValidationError

    try:
        read = _file_adapter().validate_json(data)
    except ValidationError as exc:
        raise NoticeJsonError(_first_problem(exc, data)) from None
    notice = Notice(**{f.name: getattr(read, f.name) for f in fields(Notice)})
    first_at: dict[str, int] = {}
    for index, task in enumerate(notice.tasks):
        if task.id in first_at:
            raise NoticeJsonError(f"task {task.id} is listed twice (tasks[{first_at[task.id]}] "
                                  f"and tasks[{index}])")
        first_at[task.id] = index
    return notice


def _first_problem(exc: Any, data: bytes | str) -> str:
    """pydantic's first error as one line: which task (by id), which field, what is wrong.

    A wrong schema_version comes first: it explains whatever else does not fit.
    """
    errors = exc.errors()
    first = next((e for e in errors if e["loc"][:1] == ("schema_version",)), errors[0])
    kind, loc = first["type"], list(first["loc"])
    if kind == "json_invalid":
        return f"not JSON: {first['msg']}"
    if kind in ("dataclass_type", "dataclass_exact_type", "model_type") and not loc:
        return "not a JSON object"
    if loc == ["schema_version"] and kind != "missing":
        return (f"schema_version {first.get('input')!r} is not one this gkparse reads "
                f"({SCHEMA_VERSION}); extract the notice again with this gkparse")
    if loc == ["tasks"] and kind == "missing":
        return "it has no tasks list"
    where = ""
    if len(loc) >= 2 and loc[0] == "tasks" and isinstance(loc[1], int):
        where = f"tasks[{loc[1]}]"
        task_id = _task_id(data, loc[1])
        if task_id is not None:
            where = f"task {task_id} ({where})"
        loc = loc[2:]
    field = ".".join(str(part) for part in loc)
    if kind == "unexpected_keyword_argument":
        problem = f"unknown field {field!r}"
    elif kind == "missing":
        problem = f"missing field {field!r}"
    else:
        shown = repr(first.get("input"))
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        problem = f"{field}: {first['msg']} (found {shown})"
    more = len(errors) - 1
    tail = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
    return f"{where}: {problem}{tail}" if where else f"{problem}{tail}"


def _task_id(data: bytes | str, index: int) -> str | None:
    """The id of ``tasks[index]`` in the JSON, to name the task (only on the error path)."""
    import json

    try:
        task = json.loads(data)["tasks"][index]
    except (ValueError, RecursionError, LookupError, TypeError):
        return None
    task_id = task.get("id") if isinstance(task, dict) else None
    return task_id if isinstance(task_id, str) else None


def validate_notice(notice: Notice) -> Notice:
    """Check a ``Notice`` built in code against the schema, field by field; returns a fresh copy."""
    return notice_adapter().validate_python(to_data(notice))


def notice_json_schema() -> dict[str, Any]:
    """The JSON Schema of extract's JSON output (what ``gkparse schema`` prints)."""
    schema = notice_adapter().json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
