"""The ``gkparse`` command line: parse options, call the library, render, pick the exit code.

Heavy modules (lxml, pydantic, rich, the check machinery) are imported inside
the commands that need them, so ``gkparse --version`` and ``gkparse extract``
start fast.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
from typer.core import TyperCommand, TyperGroup

from gkparse import __version__
from gkparse.exitcodes import ExitCode
from gkparse.i18n import N_, _, language_from, language_from_environment, use_language
from gkparse.output_formats import default_format, formats, help_text, names
from gkparse.plural import counted

if TYPE_CHECKING:  # imported lazily at run time: start-up pays only for what it runs
    from gkparse.formats.extract import Format
    from gkparse.limits import Limits
    from gkparse.tracking.roster import Roster

HELP = """gkparse reads a notice (通知, .docx) and its task-breakdown table (任务分解表) into
validated task records, and tracks every task to its deadline against a status file.

\b
A typical year:
  gkparse extract notice.docx -o notice.json      the tasks as JSON (or csv, yaml)
  gkparse init notice.docx -o status.yaml         a status file: every task todo
  gkparse check status.yaml                       overdue, due soon, untracked, stale
  gkparse ledger status.yaml -o ledger.xlsx       the 工作台账 for units to fill in
  gkparse status import ledger.xlsx --into status.yaml
  gkparse report status.yaml -o report.html       a progress page for the leadership
  gkparse remind status.yaml                      督办单 for the units that are behind

Before a notice is issued, gkparse lint draft.docx checks it against GB/T 9704.
Each command has examples in its own help: gkparse check -h."""


class _State:
    debug = False


def _debug_from_env() -> bool:
    return os.environ.get("GKPARSE_DEBUG", "") not in ("", "0")


def _without_debug(args: list[str]) -> list[str]:
    """The arguments with every ``--debug`` taken out (before a ``--``), which it records."""
    end = args.index("--") if "--" in args else len(args)
    _State.debug = "--debug" in args[:end] or _debug_from_env()
    return [a for a in args[:end] if a != "--debug"] + args[end:]


class _Group(TyperGroup):
    """The top-level group: ``--debug`` is taken wherever it is put on the command line."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        return super().parse_args(ctx, _without_debug(list(args)))


class _Command(TyperCommand):
    """A command whose usage line shows its arguments plainly: ``NOTICE...``, not ``{NOTICE...}``."""

    def collect_usage_pieces(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return [piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
                for piece in super().collect_usage_pieces(ctx)]


APP_SETTINGS: dict[str, Any] = {
    "name": "gkparse",
    "help": HELP,
    "cls": _Group,
    "add_completion": False,
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}
app = typer.Typer(**APP_SETTINGS)


def _version(value: bool) -> None:
    if value:
        print(f"gkparse {__version__}")
        raise typer.Exit(ExitCode.OK)


class Language(StrEnum):
    en = "en"
    zh = "zh"


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an error (also "
                                        "after the command, or GKPARSE_DEBUG=1).")] = False,
    lang: Annotated[Language | None, typer.Option(
        "--lang", help="The language of messages and help: en or zh (default: GKPARSE_LANG, "
                       "else the locale, LANG).")] = None,
) -> None:
    """gkparse: notices into task records, tracked against a status file."""
    # _Group takes --debug out wherever it is put and records it; declared here for the help.
    _State.debug = _State.debug or debug
    use_language(lang.value if lang else language_from_environment())


def eprint(message: str) -> None:
    print(message, file=sys.stderr)


def _wrote(output: Path | None, detail: str = "") -> None:
    """Every command that writes a file says so the same way (nothing for stdout)."""
    if output is not None and str(output) != "-":
        said = _("wrote {file} with {detail}") if detail else _("wrote {file}")
        eprint("gkparse: " + said.format(file=output, detail=detail))


def _print_traceback() -> None:
    import traceback  # only on the error path: it costs start-up time

    traceback.print_exc()


@contextmanager
def reporting_errors() -> Iterator[None]:
    """The single exit path for bad input: one line on stderr, exit code 2, no traceback."""
    from gkparse.errors import GkparseError

    try:
        yield
    except GkparseError as exc:
        if _State.debug:
            _print_traceback()
        from gkparse.refusals import translate_refusal

        exc.message = translate_refusal(exc.message)
        eprint(f"gkparse: {exc.describe()}")
        raise typer.Exit(ExitCode.BAD_INPUT) from None
    except (typer.Exit, typer.Abort, KeyboardInterrupt):
        raise
    except Exception as exc:  # a bug, not the user's fault: still one line unless --debug
        if _State.debug:
            _print_traceback()
        eprint("gkparse: " + _("internal error: {kind}: {error} (run with --debug for the "
                               "traceback)").format(kind=type(exc).__name__, error=exc))
        raise typer.Exit(ExitCode.BAD_INPUT) from None


def _max_mb(help_text: str) -> Any:  # a --max-mb option whose help speaks of this command's inputs
    return Annotated[int | None, typer.Option("--max-mb", min=1, metavar="MB", help=help_text,
                                              show_default=False)]


def _limits(max_mb: int | None) -> Limits:  # imported lazily
    from gkparse.limits import DEFAULT_LIMITS, Limits

    return DEFAULT_LIMITS if max_mb is None else Limits.from_megabytes(max_mb)


def _as_of_date(text: str) -> date:
    """``--as-of``, read by the one date reader; a bad date is a usage error like --fail-on's."""
    from gkparse.grammar.dates import read_date

    try:
        return read_date(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _as_of(help_text: str) -> Any:
    return Annotated[date | None, typer.Option("--as-of", parser=_as_of_date, metavar="DATE",
                                               help=help_text, show_default=False)]


def _warn_days(help_text: str) -> Any:
    return Annotated[int, typer.Option("--warn-days", min=0, metavar="DAYS", help=help_text)]


YearOption = Annotated[int | None, typer.Option("--year", metavar="YEAR", show_default=False,
                                                help="Plan year for a notice.")]
UnitOption = Annotated[str | None, typer.Option(
    "--unit", metavar="NAME", show_default=False,
    help="Only the tasks this unit leads or is responsible for, directly or through a "
         "collective name its roster lists (区直各部门, 各街道, …).")]
RosterOption = Annotated[Path | None, typer.Option(
    "--roster", metavar="FILE", show_default=False,
    help="The units roster (groups and aliases); default: units.yaml beside the input, if "
         "there is one.")]


def _output(help_text: str = "Write here instead of stdout.") -> Any:
    return Annotated[Path | None, typer.Option("-o", "--output", metavar="FILE", help=help_text,
                                               show_default=False)]


def _roster(unit: str | None, explicit: Path | None, beside: Path) -> Roster | None:
    """Load the roster a --unit view needs."""
    if unit is None:
        return None
    from gkparse.tracking.roster import find_roster

    return find_roster(explicit, beside)


def _note_without_roster(unit: str | None, roster: object) -> None:
    """Say once, after the work, that a --unit view had no roster to go by."""
    if unit is not None and roster is None:
        from gkparse.tracking.roster import without_roster_note

        eprint("gkparse: " + _("note: {note}").format(note=without_roster_note(unit)))


def _examples(*lines: str) -> str:
    """An epilog of examples, kept as written (\\b stops click from re-wrapping them)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def _format_choices(command: str) -> type[StrEnum]:
    """``command``'s ``--format`` choices, from the registry of output formats (typer takes
    choices as an Enum)."""
    enum: Any = StrEnum  # the functional API, with names mypy cannot see before run time
    choices: type[StrEnum] = enum(f"{command.title()}Format",
                                  [(name, name) for name in names(command)])
    return choices


if TYPE_CHECKING:
    ExtractFormat = StrEnum
    CheckFormat = StrEnum
    LintFormat = StrEnum
    ExplainFormat = StrEnum
    ReportFormat = StrEnum
else:
    ExtractFormat = _format_choices("extract")
    CheckFormat = _format_choices("check")
    LintFormat = _format_choices("lint")
    ExplainFormat = _format_choices("explain")
    ReportFormat = _format_choices("report")
REPORT_DEFAULT = ReportFormat("html")


def _format(choices: type[StrEnum], command: str) -> Any:
    """The ``--format`` option of ``command``, choosing among ``choices`` (default: the
    registry's, for where the output goes)."""
    return Annotated[choices | None, typer.Option("--format", "-f", show_default=False,
                                                  help=help_text(command))]


def _chosen_format(command: str, fmt: StrEnum | None, output: Path | None) -> tuple[str, bool]:
    """The format ``--format`` names, else the registry's default; and whether the output goes
    to a terminal."""
    to_terminal = output is None and sys.stdout.isatty()
    return (fmt.value if fmt else default_format(command, to_terminal=to_terminal)), to_terminal


def _colour(to_terminal: bool) -> bool:
    """The terminal formats' colours: at a terminal, unless NO_COLOR is set."""
    return to_terminal and "NO_COLOR" not in os.environ


@app.command(epilog=_examples(
    "gkparse extract samples/notice.docx > notice.json",
    "gkparse extract notices/ --jobs 4 -o all.jsonl       (a folder: JSON Lines)",
    "gkparse extract notice.docx --unit 洸河街道 -f csv -o tasks.csv"))
def extract(
    files: Annotated[list[Path], typer.Argument(help="Notice files (.docx, .doc, .wps, .rtf, .odt, "
                                                ".xlsx, .xls, .et, .ods, .html, .pdf), or "
                                                "folders of them.",
                                                metavar="NOTICE...",
                                                show_default=False)],
    output: _output() = None,
    fmt: _format(ExtractFormat, "extract") = None,
    year: Annotated[int | None, typer.Option("--year", metavar="YEAR", show_default=False,
                                             help="Plan year, overriding the one read from "
                                                  "the notice.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print parse warnings "
                                        "on stderr.")] = False,
    max_mb: _max_mb("Refuse a notice larger than this many MB, as a file or uncompressed "
                    "(default: 256).") = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", min=1, metavar="N",
                                             show_default=False,
                                             help="Worker processes for several files "
                                                  "(default: one per core).")] = None,
    unit: UnitOption = None,
    roster: RosterOption = None,
) -> None:
    """Turn notices (.docx, .doc, .xlsx, .html, .pdf, …; or folders of them) into task records.

    Several files give JSON Lines, one notice per line, in the order given; a
    file that cannot be read is reported and the others are still written.
    """
    with reporting_errors():
        from gkparse.batch import expand_inputs, parse_many
        from gkparse.errors import DocumentError
        from gkparse.output import write_result
        from gkparse.output_formats import formatter

        paths = expand_inputs(files)
        if not paths:
            raise DocumentError(files[0], _("no notice files (.docx, .doc, .wps, .rtf, .odt, "
                                            ".xlsx, .xls, .et, .ods, .html, .pdf) in this "
                                            "folder"))
        name = fmt.value if fmt else default_format("extract", to_terminal=False,
                                                     inputs=len(paths))
        chosen = cast("Format", formatter("extract", name))  # its pieces go to the workers
        pieces, failed = [], 0
        with _progress(len(paths)) as (advance, say):
            units = _roster(unit, roster, paths[0])
            for result in parse_many(paths, jobs=jobs, year=year, limits=_limits(max_mb),
                                     debug=_State.debug, render=chosen.piece, unit=unit,
                                     roster=units, on_done=advance):
                if not result.ok:
                    failed += 1
                    if result.traceback:
                        say(result.traceback.rstrip())
                    say(f"gkparse: {result.error}")
                    continue
                if not quiet:
                    for warning in result.warnings:
                        say(_("{file}: warning: {warning}").format(file=result.path,
                                                                   warning=warning))
                pieces.append(result.output or b"")  # a result that is ok has its output
        if pieces:
            write_result(chosen.join(pieces), output, inputs=paths)
            _wrote(output, counted(len(pieces), "notice") if len(paths) > 1 else "")
            _note_without_roster(unit, units)
        if failed:
            if len(paths) > 1:
                eprint("gkparse: " + _("{failed} of {total} could not be read").format(
                    failed=failed, total=counted(len(paths), "file")))
            raise typer.Exit(ExitCode.BAD_INPUT)


@contextmanager
def _progress(total: int) -> Iterator[tuple[Callable[[object], None], Callable[[str], None]]]:
    """A progress bar on stderr for a batch at a terminal; otherwise plain stderr lines.

    Yields (advance, say): ``advance`` moves the bar one file on, ``say`` prints a
    message above the bar without breaking it.
    """
    if total < 2 or not sys.stderr.isatty():
        yield (lambda _result: None), eprint
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True, highlight=False)
    with Progress("extract", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("extract", total=total)
        yield ((lambda _result: progress.advance(task)),
               (lambda message: console.print(message, markup=False)))


@app.command(epilog=_examples("gkparse schema > notice.schema.json",
                             "gkparse schema -o notice.schema.json"))
def schema(output: _output() = None) -> None:
    """Print the JSON Schema of extract's output (made by pydantic from the record types)."""
    with reporting_errors():
        import json

        from gkparse.output import write_result
        from gkparse.schema import notice_json_schema

        write_result(json.dumps(notice_json_schema(), ensure_ascii=False, indent=2) + "\n",
                     output)
        _wrote(output)


@app.command()
def explain(
    notice: Annotated[Path, typer.Argument(help="The notice .docx.", metavar="NOTICE",
                                           show_default=False)],
    fmt: _format(ExplainFormat, "explain") = None,
    output: _output() = None,
    year: YearOption = None,
    max_mb: _max_mb("Refuse a .docx larger than this many MB, as a file or uncompressed "
                    "(default: 256).") = None,
) -> None:
    """Show what was found where in a notice: head fields, tables and their columns, skipped
    rows and tables, paragraph tasks and their unit clauses.

    Example: gkparse explain notice.docx
    """
    with reporting_errors():
        from gkparse.formatter import RenderOptions
        from gkparse.notice.explain import explain_notice
        from gkparse.output import write_result
        from gkparse.output_formats import render_text

        data = explain_notice(notice, year=year, limits=_limits(max_mb))
        chosen, to_terminal = _chosen_format("explain", fmt, output)
        text = render_text("explain", chosen, data, RenderOptions(color=_colour(to_terminal)))
        write_result(text, output, inputs=[notice])
        _wrote(output)


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _rules_list() -> str:
    """check's findings, one line each, for its help (gkparse.tracking.rules loads nothing else)."""
    from gkparse.tracking.rules import RULES

    return "\b\nFindings:\n" + "\n".join(
        f"  {rule.code} {rule.name:<18} {rule.severity:<8} {rule.description}"
        for rule in RULES.values())


@app.command(epilog=_examples(
    "gkparse check samples/status.yaml                 (a table at a terminal, JSON when piped)",
    "gkparse check status.yaml --as-of 2025-12-01 --fail-on warning",
    "gkparse check status.yaml -f sarif -o gkparse.sarif") + "\n\n" + _rules_list())
def check(
    status_file: Annotated[Path, typer.Argument(help="The status YAML file.", metavar="STATUS",
                                                show_default=False)],
    notice: Annotated[Path | None, typer.Option("--notice", metavar="FILE", show_default=False,
                                                help="The notice (any format extract reads, "
                                                     "or its JSON), "
                                                     "overriding the file's notice: line.")
                      ] = None,
    as_of: _as_of("Check as of this date (2025-10-15, 2025/10/15, 2025年10月15日); default: "
                  "the file's as_of, else today in UTC+8.") = None,
    warn_days: _warn_days("Warn about tasks due within this many days.") = 30,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a finding is at or "
                       "above this severity.")] = FailOn.error,
    fmt: _format(CheckFormat, "check") = None,
    output: _output() = None,
    year: YearOption = None,
    max_mb: _max_mb("Refuse a notice or status file larger than this many MB (default: 256 "
                    "for the notice, 50 for the status file).") = None,
    unit: UnitOption = None,
    roster: RosterOption = None,
) -> None:
    """Check a status file against its notice: overdue, unassigned, untracked, stale tasks.

    Exit 0: nothing at or above --fail-on; 1: such findings; 2: unusable input.
    """
    with reporting_errors():
        from gkparse.formatter import RenderOptions
        from gkparse.output import write_result
        from gkparse.output_formats import render_text
        from gkparse.tracking.checker import check as run_check

        units = _roster(unit, roster, status_file)
        report = run_check(status_file, notice=notice, as_of=as_of, warn_days=warn_days,
                           year=year, limits=_limits(max_mb), unit=unit, roster=units)
        chosen, to_terminal = _chosen_format("check", fmt, output)
        text = render_text("check", chosen, report, RenderOptions(fail_on=fail_on.value,
                                                                  color=_colour(to_terminal)))
        write_result(text, output, inputs=[status_file, *([notice] if notice else [])])
        _wrote(output, counted(len(report.findings), "finding"))
        _step_summary("check", chosen, report)
        if formats("check")[chosen].destination != "terminal" or output is not None:
            from gkparse.formats.check import severity_counts

            eprint("gkparse: " + _("{tasks}, {counts} (as of {date})").format(
                tasks=counted(report.summary.tasks, "task"), counts=severity_counts(report),
                date=report.as_of))
        _note_without_roster(unit, units)
        if report.fails(fail_on.value):
            raise typer.Exit(ExitCode.FINDINGS)


@app.command(epilog=_examples(
    "gkparse lint notice.docx                          (a table at a terminal, JSON when piped)",
    "gkparse lint drafts/ -f sarif -o lint.sarif",
    "gkparse lint notice.docx --ignore GB203,GB311"))
def lint(
    files: Annotated[list[Path] | None, typer.Argument(
        help="Notice .docx files (or folders of them) to check against GB/T 9704-2012.",
        metavar="NOTICE...",
        show_default=False)] = None,
    fmt: _format(LintFormat, "lint") = None,
    output: _output() = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a finding is at or "
                       "above this severity.")] = FailOn.error,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", metavar="CODES", help="Switch "
                      "a rule off (GB203; repeat it or separate codes with commas).")] = None,
    config: Annotated[Path | None, typer.Option("--config", metavar="FILE", help="Read ignored "
                      "rules from "
                      "this gkparse.toml or pyproject.toml (default: the nearest one).")
                      ] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="Print the rules and exit."
                                             )] = False,
    max_mb: _max_mb("Refuse a .docx larger than this many MB, as a file or uncompressed "
                    "(default: 256).") = None,
) -> None:
    """Check notices against GB/T 9704-2012 (公文格式) before they are issued.

    Each finding has a rule code, a severity, the standard's section and the
    paragraph (with a quote) or page section it is about.
    Exit 0: nothing at or above --fail-on; 1: such findings; 2: unusable input.
    """
    if not files and not list_rules:
        raise typer.BadParameter(_("give at least one notice .docx"), param_hint="NOTICE...")
    with reporting_errors():
        from gkparse.lint import RULES, lint_files
        from gkparse.lint.config import ignored_rules

        if list_rules:
            for rule in RULES.values():
                print(f"{rule.code}  {rule.name:<22} {rule.severity:<8} {rule.section:<8} "
                      f"{rule.text}")
            return
        assert files is not None
        from gkparse.batch import expand_inputs
        from gkparse.errors import DocumentError, GkparseError
        from gkparse.formatter import RenderOptions
        from gkparse.output import write_result
        from gkparse.output_formats import render_text

        paths = expand_inputs(files, suffixes=(".docx",))  # drafts: lint reads .docx only
        if not paths:
            raise DocumentError(files[0], _("no .docx files in this folder"))
        unreadable: list[GkparseError] = []
        report = lint_files(paths, ignore=ignored_rules(ignore or [], config, Path.cwd()),
                            limits=_limits(max_mb), errors=unreadable)
        for error in unreadable:  # one line each; the other files are still linted
            eprint(f"gkparse: {error.describe()}")
        if not report.files:
            raise typer.Exit(ExitCode.BAD_INPUT)
        chosen, to_terminal = _chosen_format("lint", fmt, output)
        text = render_text("lint", chosen, report, RenderOptions(fail_on=fail_on.value,
                                                                 color=_colour(to_terminal)))
        write_result(text, output, inputs=files)
        _wrote(output, counted(len(report.findings), "finding"))
        _step_summary("lint", chosen, report)
        if formats("lint")[chosen].destination != "terminal":
            eprint(report.summary_line())
        if unreadable:
            raise typer.Exit(ExitCode.BAD_INPUT)
        if report.fails(fail_on.value):
            raise typer.Exit(ExitCode.FINDINGS)


def _step_summary(command: str, chosen: str, report: Any) -> None:
    """With ``--format github`` in a GitHub Actions job, the Markdown summary is added to the
    job's step summary too."""
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if chosen == "github" and summary_file:
        from gkparse.formatter import RenderOptions
        from gkparse.output_formats import render_text

        with open(summary_file, "a", encoding="utf-8") as stream:
            stream.write(render_text(command, "markdown", report, RenderOptions()))


@app.command(epilog=_examples(
    "gkparse init notice.docx -o status.yaml",
    "gkparse init notice.docx -o status.yaml --merge   (add new tasks, keep what people wrote)"))
def init(
    notice: Annotated[Path, typer.Argument(help="The notice .docx (or JSON from extract).", metavar="NOTICE",
                                           show_default=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="The status file to write.")
                      ] = Path("status.yaml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    merge: Annotated[bool, typer.Option("--merge", help="Add tasks missing from an existing "
                     "file, keeping everything people wrote.")] = False,
    year: YearOption = None,
) -> None:
    """Write a status file for a notice: every task todo, with a comment describing it."""
    with reporting_errors():
        from gkparse.output import refuse_to_replace, write_result
        from gkparse.tracking.checker import load_notice
        from gkparse.tracking.template import merge_into, render_template

        loaded = load_notice(notice, year=year)
        if output.exists() and merge:
            added = merge_into(output, loaded)
            eprint(f"gkparse: {output}: " + _("added {tasks}").format(
                tasks=counted(len(added), "task"))
                   + (f" ({', '.join(added)})" if 0 < len(added) <= 10 else ""))
            return
        if not force:
            refuse_to_replace(output, _("use --merge to add new tasks or --force to overwrite"))
        ref = os.path.relpath(notice.resolve(), output.resolve().parent)
        write_result(render_template(loaded, Path(ref).as_posix()), output, inputs=[notice])
        _wrote(output, counted(len(loaded.tasks), "task"))


@app.command(epilog=_examples(
    "gkparse ledger samples/status.yaml -o ledger.xlsx   (filled in and coloured)",
    "gkparse ledger notice.docx -o ledger.xlsx           (every task 未开始)",
    "gkparse ledger status.yaml --unit 洸河街道 -o 洸河街道.xlsx"))
def ledger(
    source: Annotated[Path, typer.Argument(metavar="NOTICE|STATUS",
                                           help="A notice (any format extract reads, or its "
                                                "JSON), or a "
                                                "status file to fill in the status columns.",
                                           show_default=False)],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE",
                                         help="The workbook to write.")] = Path("ledger.xlsx"),
    force: Annotated[bool, typer.Option("--force", help="Replace an existing workbook.")
                     ] = False,
    as_of: _as_of("Colour rows as of this date (2025-10-15, 2025/10/15, 2025年10月15日); "
                  "default: the status file's as_of, else today in UTC+8.") = None,
    warn_days: _warn_days("Rows due within this many days are yellow.") = 30,
    year: YearOption = None,
    unit: UnitOption = None,
    roster: RosterOption = None,
) -> None:
    """Write the 工作台账 workbook (.xlsx): 总台账, a sheet per lead unit, and with a status
    file the status columns, red/yellow/green rows and a 汇总 sheet.
    """
    with reporting_errors():
        from gkparse.office.ledger import render_ledger
        from gkparse.output import refuse_to_replace, write_result
        from gkparse.tracking.checker import load_progress

        if not force:
            refuse_to_replace(output, _("it may hold what units filled in; use --force to "
                                        "replace it with a new ledger"))
        units = _roster(unit, roster, source)
        progress = load_progress(source, as_of=as_of, warn_days=warn_days, year=year,
                                 unit=unit, roster=units)
        write_result(render_ledger(progress.notice, progress.states, as_of=progress.as_of),
                     output, inputs=[source])
        _wrote(output, counted(len(progress.notice.tasks), "task"))
        _note_without_roster(unit, units)


SenderOption = Annotated[str | None, typer.Option(
    "--from", metavar="NAME", show_default=False,
    help="Who signs the Word document (署名); default: the notice's signatory or issuer.")]


def _refuse_binary_to_terminal(output: Path | None) -> None:
    if output is None and sys.stdout.isatty():
        from gkparse.output import OutputError

        raise OutputError("stdout", _("a Word document is not printed to a terminal; use -o "
                                      "FILE"))


@app.command(epilog=_examples(
    "gkparse report samples/status.yaml -o report.html",
    "gkparse report status.yaml -f markdown >> \"$GITHUB_STEP_SUMMARY\"",
    "gkparse report status.yaml -f docx -o 进展报告.docx --to 市政府办公室"))
def report(
    status_file: Annotated[Path, typer.Argument(help="The status YAML file.", metavar="STATUS",
                                                show_default=False)],
    output: _output("Write here instead of stdout (HTML needs -o at a terminal).") = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help=help_text("report"))
                   ] = REPORT_DEFAULT,
    as_of: _as_of("Report as of this date (2025-10-15, 2025/10/15, 2025年10月15日); default: "
                  "the file's as_of, else today in UTC+8.") = None,
    warn_days: _warn_days("Tasks due within this many days are listed as due soon.") = 30,
    year: YearOption = None,
    unit: UnitOption = None,
    roster: RosterOption = None,
    to: Annotated[str | None, typer.Option("--to", metavar="NAME", show_default=False,
                                           help="The Word report's addressee (主送机关).")
                  ] = None,
    sender: SenderOption = None,
) -> None:
    """Write a progress report: figures, charts by section and lead unit, the overdue and
    due-soon list, and every task with filters by unit and status (no JavaScript needed);
    or, with -f docx, the same as a Word document laid out as a 公文.
    """
    for given, name in ((to, "'--to'"), (sender, "'--from'")):
        if given is not None and fmt.value != "docx":
            raise typer.BadParameter(_("only a Word report (-f docx) has an addressee and a "
                                       "signatory"), param_hint=name)
    with reporting_errors():
        from gkparse.errors import StatusFileError
        from gkparse.formatter import RenderOptions
        from gkparse.output import write_result
        from gkparse.output_formats import render
        from gkparse.tracking.checker import load_progress

        spec = formats("report")[fmt.value]
        if spec.binary:
            _refuse_binary_to_terminal(output)
        elif spec.destination == "file" and output is None and sys.stdout.isatty():
            eprint("gkparse: " + _("the HTML report is a page for a browser, not the terminal: "
                                   "write it with -o report.html, or read it here with -f "
                                   "markdown"))
            raise typer.Exit(ExitCode.BAD_INPUT)
        units = _roster(unit, roster, status_file)
        progress = load_progress(status_file, as_of=as_of, warn_days=warn_days, year=year,
                                 unit=unit, roster=units)
        if progress.report is None:
            raise StatusFileError(status_file, _("report needs a status file (.yaml); run "
                                                 "gkparse init first"))
        data = render("report", fmt.value, progress.report,
                      RenderOptions(unit=unit, to=to, sender=sender))
        write_result(data, output, inputs=[status_file])
        _wrote(output, counted(len(progress.notice.tasks), "task"))
        _note_without_roster(unit, units)


LEVEL_WORDS = {"red": N_("red"), "yellow": N_("yellow"), "blue": N_("blue")}


class RemindFormat(StrEnum):
    docx = "docx"
    text = "text"


@app.command(epilog=_examples(
    "gkparse remind samples/status.yaml                (督办单.docx: a part per unit)",
    "gkparse remind status.yaml --split -o 督办单/        (one file per unit)",
    "gkparse remind status.yaml -f text                (to paste into a message)",
    "gkparse remind status.yaml --unit 洸河街道 --reply-days 3"))
def remind(
    status_file: Annotated[Path, typer.Argument(help="The status YAML file.", metavar="STATUS",
                                                show_default=False)],
    output: _output("The .docx to write (default: 督办单.docx); with --split, the folder "
                    "(default: 督办单); -f text: stdout unless given.") = None,
    fmt: Annotated[RemindFormat, typer.Option("--format", "-f", help="docx (a page per unit, "
                   "laid out as a 公文) or text (to paste into a message).")] = RemindFormat.docx,
    split: Annotated[bool, typer.Option("--split", help="One file per unit, in the -o folder."
                                        )] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace 督办单 files that exist "
                                        "(they may have been edited before sending).")] = False,
    as_of: _as_of("Remind as of this date (2025-10-15, 2025/10/15, 2025年10月15日); default: "
                  "the file's as_of, else today in UTC+8.") = None,
    warn_days: _warn_days("Tasks due within this many days are reminded of (blue, or yellow "
                          "if not started).") = 30,
    reply_days: Annotated[int, typer.Option("--reply-days", min=0, metavar="DAYS",
                                            help="Units are asked to reply within this many "
                                                 "days.")] = 5,
    sender: SenderOption = None,
    year: YearOption = None,
    unit: UnitOption = None,
    roster: RosterOption = None,
) -> None:
    """Write 督办单 (三色督办): one per unit with tasks overdue (red), blocked or behind
    (yellow) or due soon (blue), listing its tasks and what is asked of it.
    """
    with reporting_errors():
        from gkparse.office.reminders import file_names, plan_reminders
        from gkparse.output import OutputError, refuse_to_replace, write_result
        from gkparse.tracking.checker import check as run_check

        if status_file.suffix.lower() not in (".yaml", ".yml"):
            from gkparse.errors import StatusFileError

            raise StatusFileError(status_file, _("remind needs a status file (.yaml); run "
                                                 "gkparse init first"))
        units = _roster(unit, roster, status_file)
        report = run_check(status_file, as_of=as_of, warn_days=warn_days, year=year,
                           unit=unit, roster=units)
        plan = plan_reminders(report, unit=unit, reply_days=reply_days)
        for item in plan.unassigned:
            eprint("gkparse: " + _("note: task {task} has no lead unit: no 督办单 for it").format(
                task=item.state.task.id))
        if not plan.reminders:
            eprint("gkparse: " + _("no unit has tasks overdue, blocked or due within {days} days "
                                   "(as of {date}); nothing written").format(
                days=warn_days, date=report.as_of))
            _note_without_roster(unit, units)
            return
        render: Callable[..., str | bytes]
        if fmt == RemindFormat.docx:
            from gkparse.office.remind_docx import render_reminders_docx as render
            suffix = ".docx"
        else:
            from gkparse.office.remind_text import render_reminders_text as render
            suffix = ".txt"
        if split:
            folder = output or Path("督办单")
            targets = [folder / name for name in file_names(plan.reminders, suffix)]
            if not force:
                for target in targets:
                    refuse_to_replace(target, _("use --force to replace it"))
            if not folder.is_dir():
                if not (folder.parent if str(folder.parent) else Path(".")).is_dir() \
                        or folder.exists():
                    raise OutputError(folder, _("not a folder, and one cannot be made here"))
                folder.mkdir()
            for reminder, target in zip(plan.reminders, targets, strict=True):
                write_result(render(plan, [reminder], sender=sender), target,
                             inputs=[status_file])
            where = _("{files} in {folder}").format(files=counted(len(targets), "file"),
                                                    folder=folder)
        else:
            target = output if output or fmt == RemindFormat.text else Path("督办单.docx")
            if target is not None and not force:
                refuse_to_replace(target, _("use --force to replace it"))
            write_result(render(plan, plan.reminders, sender=sender), target,
                         inputs=[status_file])
            where = str(target) if target else _("stdout")
        levels = [r.level for r in plan.reminders]
        counts = _(", ").join(_("{n} {colour}").format(n=levels.count(level),
                                                      colour=_(LEVEL_WORDS[level]))
                              for level in LEVEL_WORDS if level in levels)
        eprint("gkparse: " + _("wrote {n} 督办单 ({counts}) to {where}").format(
            n=len(plan.reminders), counts=counts, where=where))
        _note_without_roster(unit, units)


status_app = typer.Typer(help="Work on status files.", no_args_is_help=True)
app.add_typer(status_app, name="status")


@status_app.command("import", epilog=_examples(
    "gkparse status import ledger.xlsx --into status.yaml",
    "gkparse status import ledger.xlsx --into status.yaml --dry-run"))
def status_import(
    workbook: Annotated[Path, typer.Argument(help="A ledger (.xlsx) that units filled in.",
                                             metavar="LEDGER", show_default=False)],
    into: Annotated[Path, typer.Option("--into", help="The status file to update.")],
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Import the other rows when some "
                        "cells cannot be used (a row with a bad cell, or a task two rows "
                        "disagree on, is listed and left out whole).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List the changes; write nothing."
                                          )] = False,
) -> None:
    """Merge what units wrote in a ledger (状态, 完成日期, 佐证材料, 备注) into a status file.

    Each change is listed; only the values that change are edited, and every
    comment, line ending and entry that does not change is kept as it was. The
    status file is locked while it is updated. Cells that cannot be used are
    listed with sheet and cell, and nothing is written until they are fixed
    (or --skip-bad).
    """
    with reporting_errors():
        from gkparse.office.ledger_import import import_ledger
        from gkparse.plural import counted

        plan = import_ledger(workbook, into, write=not dry_run, skip_bad=skip_bad)
        for cell in plan.bad:
            eprint(f"gkparse: {cell.describe(workbook)}")
        if plan.bad and not skip_bad:
            eprint("gkparse: " + _("{cells} could not be used; nothing was written (fix them, "
                                   "or use --skip-bad to import the other rows)").format(
                cells=counted(len(plan.bad), "cell")))
            raise typer.Exit(ExitCode.BAD_INPUT)
        for change in plan.changes:
            eprint(f"{into}: {change.describe()}")
        if plan.text is None:
            eprint(f"gkparse: {into}: " + _("nothing to change"))
        elif dry_run:
            eprint("gkparse: " + _("dry run: {changes} not written").format(
                changes=counted(len(plan.changes), "change")))
        else:
            eprint(f"gkparse: {into}: " + _("{changes} written").format(
                changes=counted(len(plan.changes), "change")))


def _only(command: str) -> typer.Typer:
    """``app`` with just the named command (or sub-group) registered.

    typer turns every registered command into a click command on each start,
    about 1 ms apiece; a run that names its command needs only that one, and
    start-up is most of what a small notice costs (issue 5).
    """
    narrow = typer.Typer(**APP_SETTINGS)
    narrow.registered_callback = app.registered_callback
    narrow.registered_commands = [c for c in app.registered_commands
                                  if (c.name or c.callback.__name__) == command]  # type: ignore[union-attr]
    narrow.registered_groups = [g for g in app.registered_groups if g.name == command]
    return narrow


def _command_named(argv: list[str]) -> str | None:
    """The command a command line runs, when it names one gkparse has (options come first)."""
    names = {c.name or c.callback.__name__ for c in app.registered_commands}  # type: ignore[union-attr]
    names |= {g.name for g in app.registered_groups}
    skip = False
    for arg in argv:
        if skip or arg == "--debug" or arg.startswith("--lang="):
            skip = False
            continue
        if arg == "--lang":
            skip = True
            continue
        return arg if arg in names else None
    return None


def _plain_usage_everywhere() -> None:
    """Every command, the status group's too, gets ``_Command``'s plain usage line."""
    for info in (*app.registered_commands, *(command for group in app.registered_groups
                                             for command in group.typer_instance.registered_commands)):  # type: ignore[union-attr]
        if info.cls in (None, TyperCommand):
            info.cls = _Command


_plain_usage_everywhere()


def _language_asked(argv: list[str]) -> str | None:
    """``--lang`` as given before the command, read before click parses anything: help texts
    must be in the language before they are printed."""
    for position, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return language_from(arg.partition("=")[2])
        if arg == "--lang" and position + 1 < len(argv):
            return language_from(argv[position + 1])
        if not arg.startswith("-"):
            return None
    return None


# The words click and typer lay help and usage out with; translated by the catalog where shown.
HELP_LAYOUT = [N_("Usage:"), N_("Options:"), N_("Commands:"), N_("Arguments:"),
               N_("Show this message and exit."), N_("[required]"), N_("[default: ")]


def _translate_layout(text: str) -> str:
    for phrase in HELP_LAYOUT:
        text = text.replace(phrase, _(phrase))
    # "[default: x]" broken by the help's line wrapping
    return text.replace(HELP_LAYOUT[-1].rstrip() + "\n", _(HELP_LAYOUT[-1]).rstrip() + "\n")


def help_texts(command: Any) -> Iterator[tuple[object, str]]:  # (click object, attribute)
    """Every help text of a click command tree: the commands' and their parameters'."""
    yield command, "help"
    yield command, "short_help"
    for param in command.params:
        yield param, "help"
    for sub in getattr(command, "commands", {}).values():
        yield from help_texts(sub)


def translated(command: Any) -> Any:  # the click command, its help in the current language
    """The click command tree with its help texts and layout in the current language."""
    for owner, attribute in help_texts(command):
        text = getattr(owner, attribute, None)
        if text:
            setattr(owner, attribute, _(text))
    for sub in (command, *_subcommands(command)):
        if sub.epilog:
            sub.epilog = "\n".join(_translate_columns(line) for line in sub.epilog.split("\n"))
    _translate_help_layout(command)
    return command


def _subcommands(command: Any) -> Iterator[object]:
    for sub in getattr(command, "commands", {}).values():
        yield sub
        yield from _subcommands(sub)


_COLUMN_GAP = re.compile(r"(\s{2,})")


def epilog_phrases(line: str) -> list[str]:
    """The words of an epilog line laid out in columns (a heading such as ``Examples:``, an
    example's comment in brackets, a finding's description): what the catalog translates."""
    return [chunk for chunk in _COLUMN_GAP.split(line.strip())
            if chunk.strip() and (chunk.endswith(":") or chunk.startswith("(")
                                  or chunk.endswith("."))]


def _translate_columns(line: str) -> str:
    """An epilog line with its phrases translated and its columns kept."""
    return "".join(_(chunk) if chunk in epilog_phrases(line) else chunk
                   for chunk in _COLUMN_GAP.split(line))


def _translate_help_layout(command: Any) -> None:
    get_help, get_usage = command.get_help, command.get_usage
    command.get_help = lambda ctx: _translate_layout(get_help(ctx))
    command.get_usage = lambda ctx: _translate_layout(get_usage(ctx))
    for sub in getattr(command, "commands", {}).values():
        _translate_help_layout(sub)


def main() -> None:
    """Console-script entry point."""
    argv = sys.argv[1:]
    use_language(_language_asked(argv) or language_from_environment())
    command = _command_named(argv)
    click_command = translated(typer.main.get_command(_only(command) if command else app))
    from typer._click import exceptions as click_errors  # typer's own click, as it raises them

    try:
        # Not standalone: click would print its usage errors itself, in English.
        code = click_command.main(args=argv, standalone_mode=False)
    except click_errors.UsageError as error:
        from gkparse.usage_errors import describe_usage_error

        eprint(describe_usage_error(error))
        sys.exit(error.exit_code)
    except click_errors.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except typer.Abort:
        eprint(_("Aborted!"))
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
