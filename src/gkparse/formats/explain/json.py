"""``explain --format json``: the explanation as one JSON document."""

from __future__ import annotations

import json
from typing import Any

from gkparse.formatter import RenderOptions


def render(data: dict[str, Any], options: RenderOptions) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
