"""The ``gkparse`` command line: parse options, call the library, render, pick the exit code.

Heavy modules (lxml, pydantic, rich, the check machinery) are imported inside
the commands that need them, so ``gkparse --version`` and ``gkparse extract``
start fast.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from gkparse import __version__
from gkparse.exitcodes import ExitCode

app = typer.Typer(
    name="gkparse",
    help="Task-breakdown notices (.docx) into validated task records, tracked against YAML.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _State:
    debug = os.environ.get("GKPARSE_DEBUG", "") not in ("", "0")


def _version(value: bool) -> None:
    if value:
        print(f"gkparse {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    """gkparse: extract tasks from a notice, check them against a status file."""
    if debug:
        _State.debug = True


def eprint(message: str) -> None:
    print(message, file=sys.stderr)


@contextmanager
def reporting_errors() -> Iterator[None]:
    """The single exit path for bad input: one line on stderr, exit code 2, no traceback."""
    from gkparse.errors import GkparseError

    try:
        yield
    except GkparseError as exc:
        if _State.debug:
            traceback.print_exc()
        eprint(f"gkparse: {exc.describe()}")
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:  # a bug, not the user's fault: still one line unless --debug
        if _State.debug:
            traceback.print_exc()
        eprint(f"gkparse: internal error: {type(exc).__name__}: {exc} (run with --debug "
               "for the traceback)")
        raise typer.Exit(ExitCode.BAD_INPUT) from None


class ExtractFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    yaml = "yaml"
    csv = "csv"


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Notice .docx files.", show_default=False)],
    output: Annotated[Path | None, typer.Option("-o", "--output",
                                                help="Write here instead of stdout.")] = None,
    fmt: Annotated[ExtractFormat | None, typer.Option(
        "--format", "-f", help="json (one file; default), jsonl (several files; default), "
                               "yaml, or csv (one row per task, UTF-8 with BOM).")] = None,
    year: Annotated[int | None, typer.Option("--year", help="Plan year, overriding the one "
                                             "read from the notice.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print parse warnings "
                                        "on stderr.")] = False,
) -> None:
    """Turn notice .docx files into task records (JSON on stdout by default).

    Example: gkparse extract samples/notice.docx > notice.json
    """
    with reporting_errors():
        from gkparse.errors import GkparseError
        from gkparse.formats.extract import RENDERERS
        from gkparse.output import write_result
        from gkparse.parser import parse_notice

        notices, failed = [], 0
        for path in files:
            try:
                notice = parse_notice(path, year=year)
            except GkparseError as exc:
                if len(files) == 1:
                    raise
                failed += 1
                eprint(f"gkparse: {exc.describe()}")
                continue
            if not quiet:
                for warning in notice.warnings:
                    eprint(f"{path}: warning: {warning}")
            notices.append(notice)
        chosen = (fmt.value if fmt else ("json" if len(files) == 1 else "jsonl"))
        if notices:
            write_result(RENDERERS[chosen](notices), output, inputs=files)
        if failed:
            eprint(f"gkparse: {failed} of {len(files)} files could not be read")
            raise typer.Exit(ExitCode.BAD_INPUT)


@app.command()
def schema() -> None:
    """Print the JSON Schema of extract's output (from the pydantic models)."""
    with reporting_errors():
        import json

        from gkparse.models import Notice

        print(json.dumps(Notice.model_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
