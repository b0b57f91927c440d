"""gkparse: task-breakdown notices (.docx) into validated task records, tracked against YAML.

The library is usable without the CLI::

    >>> import gkparse
    >>> notice = gkparse.parse_notice("samples/notice.docx")   # doctest: +SKIP
    >>> report = gkparse.check("samples/status.yaml")          # doctest: +SKIP

The layers are folders (docs/architecture.md draws them): ``readers`` turn each format into
one stream of blocks, ``ooxml`` reads Office Open XML for them, ``notice`` turns blocks into
records with the ``grammar`` modules, ``tracking`` reads, edits and checks the status file,
``office`` writes and reads the ledger and the report, ``formats`` renders results, ``lint``
checks a notice's layout, and ``cli`` only wires them.

Names are imported lazily so that ``gkparse --version`` does not pay for lxml
or pydantic.
"""

from __future__ import annotations

# Not ``from typing import ...``: typing alone costs more than the rest of ``gkparse
# --version`` (issue 17). Type checkers read this constant as typing.TYPE_CHECKING.
TYPE_CHECKING = False

__version__ = "0.1.0"

if TYPE_CHECKING:
    from typing import Any

    from gkparse.models import Notice, Task
    from gkparse.notice.parser import parse_notice
    from gkparse.tracking.checker import check

__all__ = ["Notice", "Task", "__version__", "check", "main", "parse_notice"]

_LAZY = {
    "parse_notice": "gkparse.notice.parser",
    "check": "gkparse.tracking.checker",
    "Notice": "gkparse.models",
    "Task": "gkparse.models",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gkparse' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def main() -> None:
    """Console-script entry point: ``--version`` and ``--help`` answered before the CLI loads.

    typer, click and the commands cost most of a start (issue 17); a bare ``gkparse
    --version`` or ``gkparse --help`` needs none of them. The help text is typer's own,
    rendered at the widest click lays it out, in each language of the interface, and kept in
    ``gkparse.help_text`` (a test renders it again and compares); a narrower terminal gets
    click's own rendering.
    """
    import sys

    args = sys.argv[1:]
    if [arg for arg in args if arg != "--debug"] == ["--version"]:
        print(f"gkparse {__version__}")
        return
    if args in (["--help"], ["-h"]) and _terminal_columns() >= 80:
        from gkparse.help_text import HELP

        sys.stdout.write(HELP[_language()])
        return
    import gc

    # What the CLI loads lives as long as the process: the collector need not walk it at each
    # collection while it loads (44 of them) or while the command runs (5 ms of 300 at
    # 5,000 rows, issue 17).
    gc.disable()
    try:
        from gkparse.cli import main as cli_main
    finally:
        gc.freeze()
        gc.enable()
    try:
        cli_main()
    finally:
        # What the command made is done with: the collections the interpreter runs as it shuts
        # down need not walk it again (15 ms of 125 for extract of the sample). Nothing is
        # skipped: exit handlers, flushes and closes all still run.
        gc.freeze()


def _terminal_columns() -> int:
    """What ``shutil.get_terminal_size().columns`` gives click, without importing shutil."""
    import os
    import sys

    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
    return columns or 80


def _language() -> str:
    """``gkparse.i18n.language_from_environment`` without importing gettext and pathlib,
    which cost more than the rest of ``gkparse --help`` (a test holds the two to the same
    answers): GKPARSE_LANG, else the locale variables in gettext's order; ``zh…`` is
    Chinese, anything else given English, English when none is set."""
    import os

    for name in ("GKPARSE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        first = (os.environ.get(name) or "").split(":")[0].strip().lower()
        if first:
            return "zh" if first.startswith("zh") else "en"
    return "en"
