"""Renderers for ``gkparse check``: one module per format, each ``render(report, fail_on) -> str``.

Modules are imported on use, so ``check --format json`` never imports rich.
"""

from __future__ import annotations

import importlib

from gkparse.checker import CheckReport

FORMATS = ("table", "json", "sarif", "junit", "github", "markdown")


def render(name: str, report: CheckReport, *, fail_on: str = "error", color: bool = False) -> str:
    """Render ``report`` in the named format (the module ``gkparse.formats.check.<name>``)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}")
    module = importlib.import_module(f"gkparse.formats.check.{name}")
    return module.render(report, fail_on=fail_on, color=color)
