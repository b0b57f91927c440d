"""Renderers for ``gkparse check``: one module per format, each ``render(report, fail_on) -> str``.

Modules are imported on use, so ``check --format json`` never imports rich.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from gkparse.checker import CheckReport

FORMATS = ("table", "json", "sarif", "junit", "github", "markdown")

Renderer = Callable[..., str]


def renderer(name: str) -> Renderer:
    """The ``render`` function of the named format."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    return importlib.import_module(f"gkparse.formats.check.{name}").render


def render(name: str, report: CheckReport, *, fail_on: str = "error", color: bool = False) -> str:
    return renderer(name)(report, fail_on=fail_on, color=color)
