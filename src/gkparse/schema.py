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

from functools import cache
from typing import Any

from pydantic import TypeAdapter

from gkparse.models import Notice, to_data


@cache
def notice_adapter() -> TypeAdapter[Notice]:
    return TypeAdapter(Notice)


def validate_notice_json(data: bytes | str) -> Notice:
    """A ``Notice`` from JSON written by ``gkparse extract``; raises pydantic's ValidationError."""
    return notice_adapter().validate_json(data)


def validate_notice(notice: Notice) -> Notice:
    """Check a ``Notice`` built in code against the schema, field by field; returns a fresh copy."""
    return notice_adapter().validate_python(to_data(notice))


def notice_json_schema() -> dict[str, Any]:
    """The JSON Schema of extract's JSON output (what ``gkparse schema`` prints)."""
    schema = notice_adapter().json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
