"""The registry of output formats: for each command, the names ``--format`` accepts, what each
is for, what it needs, and where its formatter lives.

This module is what the command line reads to build its ``--format`` choices and their help,
so it is light: names and strings only. A formatter's module is imported when that format is
used (``formatter``), never before, so ``check --format json`` loads no rich and ``extract``
no check machinery (tests/test_cli_extract.py, tests/test_startup.py).

Every formatter is a ``gkparse.formatter.Formatter``: ``formatter(data, options)`` is the
whole output. The data is the command's: a list of ``Notice`` for extract, a report with the
members of ``formats.check.FindingsReport`` for check and lint, ``explain_notice``'s dict for
explain, a ``CheckReport`` for report. It sits above ``formats/`` and ``office/`` (which must
not import each other) because it names formatters in both.

A new format: its formatter (a module in ``formats/<command>/`` with ``render(data,
options)``), and a line here; the CLI and its help follow.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Sequence

    from gkparse.formats import extract
    from gkparse.formats.check import FindingsReport, github, junit, markdown, sarif, table
    from gkparse.formats.check import json as check_json
    from gkparse.formats.explain import json as explain_json
    from gkparse.formats.explain import tree
    from gkparse.formatter import Formatter, RenderOptions
    from gkparse.models import Notice
    from gkparse.office import report
    from gkparse.tracking.checker import CheckReport

    # Where a format is meant to be read: anywhere, at a terminal (the default there; colours
    # when stdout is one), or in a file (refused at a terminal without -o).
    Destination = Literal["any", "terminal", "file"]


class OutputFormat(NamedTuple):  # a NamedTuple: a frozen dataclass costs ~1 ms at every start
    name: str
    help: str  # the phrase in the command's --format help
    formatter: str  # "module:attribute", imported on use
    suffix: str  # the usual file name ending
    destination: Destination = "any"
    binary: bool = False  # bytes (a Word document), never text


def _findings(name: str, help_: str, suffix: str, destination: Destination = "any"
              ) -> OutputFormat:
    return OutputFormat(name, help_, f"gkparse.formats.check.{name}:render", suffix, destination)


_FINDINGS = (
    _findings("table", "table (default on a terminal)", ".txt", "terminal"),
    _findings("json", "json (default otherwise)", ".json"),
    _findings("sarif", "sarif", ".sarif"),
    _findings("junit", "junit", ".xml"),
    _findings("github", "github", ".txt"),
    _findings("markdown", "markdown", ".md"),
)

REGISTRY: dict[str, tuple[OutputFormat, ...]] = {
    "extract": (
        OutputFormat("json", "json (one file; default)", "gkparse.formats.extract:JSON", ".json"),
        OutputFormat("jsonl", "jsonl (several files; default)", "gkparse.formats.extract:JSONL",
                     ".jsonl"),
        OutputFormat("yaml", "yaml", "gkparse.formats.extract:YAML", ".yaml"),
        OutputFormat("csv", "csv (one row per task, UTF-8 with BOM)",
                     "gkparse.formats.extract:CSV", ".csv"),
    ),
    "check": _FINDINGS,
    "lint": _FINDINGS,  # lint's report answers what check's formatters ask
    "explain": (
        OutputFormat("tree", "tree (default on a terminal)", "gkparse.formats.explain.tree:render",
                     ".txt", "terminal"),
        OutputFormat("json", "json (default otherwise)", "gkparse.formats.explain.json:render",
                     ".json"),
    ),
    "report": (
        OutputFormat("html", "html (one self-contained page)", "gkparse.office.report:html",
                     ".html", "file"),
        OutputFormat("markdown", "markdown (the summary, for a CI step summary or a PR comment)",
                     "gkparse.office.report:markdown", ".md"),
        OutputFormat("docx", "docx (a Word report laid out as a 公文, GB/T 9704)",
                     "gkparse.office.report:docx", ".docx", "file", binary=True),
    ),
}


def formats(command: str) -> dict[str, OutputFormat]:
    """The formats of ``command`` by name, in the order its help lists them."""
    return {spec.name: spec for spec in REGISTRY[command]}


def names(command: str) -> list[str]:
    return [spec.name for spec in REGISTRY[command]]


def help_text(command: str) -> str:
    """The help of ``command``'s ``--format``: ``a (…), b, c or d.``"""
    phrases = [spec.help for spec in REGISTRY[command]]
    return ", ".join(phrases[:-1]) + " or " + phrases[-1] + "."


def default_format(command: str, *, to_terminal: bool, inputs: int = 1) -> str:
    """The format used without ``--format``: for extract, json for one notice and jsonl for
    several; otherwise the terminal format at a terminal, else the first other one."""
    if command == "extract":
        return "json" if inputs == 1 else "jsonl"
    specs = REGISTRY[command]
    terminal = [spec.name for spec in specs if spec.destination == "terminal"]
    others = [spec.name for spec in specs if spec.destination != "terminal"]
    return terminal[0] if to_terminal and terminal else others[0]


def formatter(command: str, name: str) -> Formatter[Any]:
    """The formatter of ``command --format name``, its module imported now."""
    module, _, attribute = formats(command)[name].formatter.partition(":")
    loaded: Formatter[Any] = getattr(importlib.import_module(module), attribute)
    return loaded


def render(command: str, name: str, data: Any, options: RenderOptions) -> str | bytes:
    """The whole output of ``command --format name`` for ``data``."""
    return formatter(command, name)(data, options)


def render_text(command: str, name: str, data: Any, options: RenderOptions) -> str:
    """As ``render``, for a format that is text (every one but the Word report)."""
    rendered = render(command, name, data, options)
    if isinstance(rendered, bytes):
        raise TypeError(f"{command} --format {name} is not text")
    return rendered


if TYPE_CHECKING:  # mypy checks here that every formatter named above has the interface
    _EXTRACT: tuple[Formatter[Sequence[Notice]], ...] = (extract.JSON, extract.JSONL, extract.YAML,
                                                          extract.CSV)
    _FINDINGS_FORMATTERS: tuple[Formatter[FindingsReport], ...] = (
        table.render, check_json.render, sarif.render, junit.render, github.render,
        markdown.render)
    _EXPLAIN: tuple[Formatter[dict[str, Any]], ...] = (tree.render, explain_json.render)
    _REPORT: tuple[Formatter[CheckReport], ...] = (report.html, report.markdown, report.docx)
