"""Renderers for ``gkparse explain``: one module per format, each ``render(data, color) -> str``.

Modules are imported on use, so ``explain --format json`` never imports rich.
"""

from __future__ import annotations

import importlib
from typing import Any

FORMATS = ("tree", "json")


def render(name: str, data: dict[str, Any], *, color: bool = False) -> str:
    """Render ``explain_notice``'s data in the named format (``gkparse.formats.explain.<name>``)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"gkparse.formats.explain.{name}")
    rendered: str = module.render(data, color=color)
    return rendered
