"""Ordinary mistakes get a careful colleague's answer (issue 11): the date forms people type,
typos named with what was meant, one style of message and help across commands."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.cells import cell_len
from typer.testing import CliRunner

from check_helpers import small_notice, status_file, tracked
from gkparse.cli import app
from gkparse.formatter import RenderOptions
from gkparse.grammar.dates import DateError, read_date
from gkparse.output_formats import names, render_text
from gkparse.tracking.checker import check

from conftest import ROOT

SAMPLES = ROOT / "samples"
GOLDEN = ROOT / "tests" / "golden" / "notice.json"
runner = CliRunner()


def run(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def office(tmp_path: Path) -> Path:
    for name in ("notice.docx", "status.yaml", "units.yaml"):
        shutil.copyfile(SAMPLES / name, tmp_path / name)
    return tmp_path


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "internal error" not in lines[0] and "Traceback" not in result.stderr
    return lines[0]


# --- one date reader -----------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2025-10-15", "2025/10/15", "2025.10.15", "2025年10月15日",
                                  "2025年10月15号", " 2025-10-15 ", "２０２５／１０／１５",
                                  "二〇二五年十月十五日", "2025 年 10 月 15 日"])
def test_every_form_people_type_is_the_same_date(text: str) -> None:
    assert read_date(text) == date(2025, 10, 15)


def test_one_digit_months_and_days() -> None:
    assert read_date("2025-1-5") == read_date("2025/1/5") == read_date("2025年1月5日") == date(
        2025, 1, 5)


@pytest.mark.parametrize(("text", "why"), [
    ("2025-13-01", "there is no month 13"),
    ("2025-02-30", "2025-02 has 28 days"),
    ("2024-02-30", "2024-02 has 29 days"),
    ("0000-01-01", "there is no year 0"),
    ("today", "is not a date; write it like 2025-10-15"),
    ("", "an empty value is not a date"),
    ("2025-10/15", "is not a date"),
    ("20251015", "is not a date"),
    ("99999999999999999999-1-1", "is not a date"),
    ("2025-10-15T08:00", "is not a date"),
])
def test_anything_else_is_a_date_error_saying_why(text: str, why: str) -> None:
    with pytest.raises(DateError) as caught:
        read_date(text)
    assert why in str(caught.value)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("command", ["check", "ledger", "report"])
@pytest.mark.parametrize("bad", ["2025-13-01", "today", "", "99999999999999999999-1-1"])
def test_a_bad_as_of_is_a_usage_error_like_fail_on(office: Path, command: str, bad: str) -> None:
    extra = ["-o", str(office / "out.xlsx")] if command == "ledger" else []
    result = run(command, office / "status.yaml", "--as-of", bad, *extra)
    assert result.exit_code == 2
    assert "Invalid value for '--as-of'" in result.stderr and "internal error" not in result.stderr
    assert "not a date" in result.stderr
    assert not (office / "out.xlsx").exists()


@pytest.mark.parametrize("command", ["check", "report"])
def test_as_of_takes_the_forms_people_type(office: Path, command: str) -> None:
    fmt = ["-f", "json"] if command == "check" else ["-f", "markdown"]
    iso = run(command, office / "status.yaml", "--as-of", "2025-12-01", *fmt)
    for form in ("2025/12/01", "2025.12.1", "2025年12月1日"):
        other = run(command, office / "status.yaml", "--as-of", form, *fmt)
        assert (other.exit_code, other.stdout) == (iso.exit_code, iso.stdout)


def test_status_files_read_dates_with_the_same_reader(tmp_path: Path) -> None:
    small_notice(tmp_path)
    path = status_file(tmp_path, tracked(**{"1_1_1": "{status: done, completed_on: 2025/04/01}",
                                            "1_1_2": "{status: done, completed_on: 2025年4月2日}"}),
                       as_of="2025.05.01")
    report = check(path)
    assert report.as_of == date(2025, 5, 1)
    assert report.status.tasks["1.1.1"].completed_on == date(2025, 4, 1)
    assert report.status.tasks["1.1.2"].completed_on == date(2025, 4, 2)
    status_file(tmp_path, tracked(**{"1_1_1": "{status: done, completed_on: 2025-13-01}"}))
    result = run("check", path)
    assert result.exit_code == 2
    assert one_line(result) == (f"gkparse: {path}:4: completed_on: '2025-13-01' is not a date: "
                                "there is no month 13 (task 1.1.1)")


def test_a_ledger_date_cell_of_any_size_is_a_bad_cell_not_a_crash(office: Path) -> None:
    ledger = office / "ledger.xlsx"
    assert run("ledger", office / "status.yaml", "-o", ledger).exit_code == 0
    book = load_workbook(ledger)
    sheet = book["总台账"]
    columns = {cell.value: cell.column_letter for cell in sheet[1]}
    rows = {sheet.cell(row=r, column=1).value: r for r in range(2, sheet.max_row + 1)}
    sheet[f"{columns['完成日期']}{rows['1.4.5']}"] = "99999999999999999999-1-1"
    sheet[f"{columns['完成日期']}{rows['1.4.4']}"] = "2025/10/9"
    book.save(ledger)
    before = (office / "status.yaml").read_bytes()
    result = run("status", "import", ledger, "--into", office / "status.yaml")
    assert result.exit_code == 2
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    cell = f"总台账!{columns['完成日期']}{rows['1.4.5']}"
    assert any(cell in line and "99999999999999999999-1-1" in line
               for line in result.stderr.splitlines()), result.stderr
    # 2025/10/9 is a date (it is refused only because 1.4.4 is not 已完成)
    assert not any("1.4.4" in line and "not a date" in line for line in result.stderr.splitlines())
    assert (office / "status.yaml").read_bytes() == before


# --- a DTD is an error in every part gkparse reads ------------------------------------------

def _with_dtd(folder: Path, part: str) -> Path:
    """The sample notice with a DOCTYPE (and an entity) put into one part."""
    target = folder / f"dtd-{part.replace('/', '-')}.docx"
    with zipfile.ZipFile(SAMPLES / "notice.docx") as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == part:
                root = re.search(rb"<(\w[\w:]*)", data[data.index(b"?>"):])[1]
                data = data.replace(b"?>", b"?><!DOCTYPE " + root + b' [<!ENTITY x "y">]>', 1)
            out.writestr(info, data)
    return target


@pytest.mark.parametrize(("command", "part"), [("extract", "_rels/.rels"),
                                               ("extract", "word/document.xml"),
                                               ("lint", "word/styles.xml")])
def test_a_dtd_in_any_part_read_is_refused(tmp_path: Path, command: str, part: str) -> None:
    target = _with_dtd(tmp_path, part)
    result = run(command, target)
    assert result.exit_code == 2 and result.stdout == ""
    assert one_line(result) == (f"gkparse: {target}: {part} carries a DTD (<!DOCTYPE>), "
                                "which Office Open XML forbids and Word never writes; refused, "
                                "nothing of it read")


# --- silent typos ------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["check", "ledger", "report", "extract"])
def test_an_unknown_unit_is_an_error_suggesting_the_closest(office: Path, command: str) -> None:
    source = office / ("notice.docx" if command == "extract" else "status.yaml")
    result = run(command, source, "--unit", "洸河街", "-o", office / "out")
    assert result.exit_code == 2 and not (office / "out").exists()
    assert one_line(result) == (f"gkparse: {office / 'units.yaml'}: --unit 洸河街: neither this "
                                "roster nor the notice names such a unit; did you mean 洸河街道?")


def test_a_unit_in_the_roster_with_no_tasks_is_no_error(office: Path) -> None:
    roster = (office / "units.yaml").read_text(encoding="utf-8")
    (office / "units.yaml").write_text(roster.replace("groups:\n", "groups:\n  新设部门: [新设单位]\n"),
                                       encoding="utf-8")
    result = run("check", office / "status.yaml", "--unit", "新设单位", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["tasks"] == 0


def test_a_batch_does_not_refuse_a_unit_one_notice_lacks(office: Path, make_notice) -> None:
    other = make_notice("<w:p><w:r><w:t>无表</w:t></w:r></w:p>")
    result = run("extract", office / "notice.docx", other, "--unit", "洸河街道", "-j", "1")
    assert result.exit_code == 0, result.stderr
    assert [len(json.loads(line)["tasks"]) for line in result.stdout.splitlines()] == [43, 0]


def test_a_typod_task_id_names_the_untracked_task_meant(tmp_path: Path) -> None:
    small_notice(tmp_path)
    entries = "".join(line for line in tracked().splitlines(keepends=True) if "1.1.2" not in line)
    path = status_file(tmp_path, entries + '  "1.1.22": done\n  "7.7.7": done\n')
    messages = {f.task: f.message for f in check(path).findings if f.code == "GK108"}
    assert messages == {"1.1.22": "task 1.1.22 is not in the notice; did you mean 1.1.2 "
                                  "(untracked)?",
                        "7.7.7": "task 7.7.7 is not in the notice"}


def _notice_json(tmp_path: Path, edit) -> Path:
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "notice.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _set(path: list, value):
    def edit(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return edit


BAD_NOTICE_JSON = {
    "unknown field": (_set(["tasks", 3, "lead_unit"], ["区财政局"]),
                      "task 1.1.4 (tasks[3]): unknown field 'lead_unit'"),
    "wrong type": (_set(["tasks", 5, "lead_units"], "区财政局"),
                   "task 1.2.2 (tasks[5]): lead_units: Input should be a valid array "
                   "(found '区财政局')"),
    "impossible date": (_set(["tasks", 0, "deadline", "due"], "2025-02-30"),
                        "task 1.1.1 (tasks[0]): deadline.due: Input should be a valid date"),
    "notice field": (_set(["notice", "title"], 3), "notice.title: Input should be a valid string"),
    "no tasks": (lambda data: data.pop("tasks"), "it has no tasks list"),
    "duplicate id": (_set(["tasks", 4, "id"], "1.1.1"),
                     "task 1.1.1 is listed twice (tasks[0] and tasks[4])"),
    "schema version": (_set(["schema_version"], 2),
                       "schema_version 2 is not one this gkparse reads (1)"),
    "version as text": (_set(["schema_version"], "1"),
                        "schema_version '1' is not one this gkparse reads (1)"),
}


@pytest.mark.parametrize("case", sorted(BAD_NOTICE_JSON))
def test_a_bad_notice_json_names_the_task_and_field(office: Path, case: str) -> None:
    edit, expected = BAD_NOTICE_JSON[case]
    path = _notice_json(office, edit)
    result = run("check", office / "status.yaml", "--notice", path, "-f", "json")
    assert result.exit_code == 2 and result.stdout == ""
    line = one_line(result)
    assert line.startswith(f"gkparse: {path}: not a notice JSON from gkparse extract: ")
    assert expected in line, line


def test_several_problems_are_counted(office: Path) -> None:
    def edit(data):
        data["tasks"][0]["surprise"] = 1
        data["tasks"][1]["other"] = 2
        data["tasks"][2]["third"] = 3
    line = one_line(run("check", office / "status.yaml", "--notice", _notice_json(office, edit)))
    assert line.endswith("unknown field 'surprise' (and 2 more problems)")


def test_the_golden_json_is_still_a_notice(office: Path) -> None:
    path = _notice_json(office, lambda data: None)
    assert run("check", office / "status.yaml", "--notice", path, "-f", "json").exit_code == 1


# --- GK113 done-in-future -----------------------------------------------------------------------

@pytest.fixture
def future(tmp_path: Path):
    small_notice(tmp_path)
    path = status_file(tmp_path, tracked(**{"1_1_1": "{status: done, completed_on: 2025-06-20}"}),
                       as_of="2025-06-10")
    return check(path), path


def test_gk113_done_in_future_is_an_error_on_the_entry_line(future) -> None:
    report, _ = future
    found = [f for f in report.findings if f.code == "GK113"]
    assert [(f.task, f.severity, f.name, f.line) for f in found] == [
        ("1.1.1", "error", "done-in-future", 4)]
    assert found[0].message == ("task 1.1.1 is done on 2025-06-20, after the as-of date "
                                "2025-06-10; correct completed_on (or as_of)")
    assert report.fails("error")


def test_gk113_not_raised_on_or_before_the_as_of_date(tmp_path: Path) -> None:
    small_notice(tmp_path)
    path = status_file(tmp_path, tracked(**{"1_1_1": "{status: done, completed_on: 2025-06-10}"}),
                       as_of="2025-06-10")
    assert not [f for f in check(path).findings if f.code == "GK113"]


@pytest.mark.parametrize("fmt", names("check"))
def test_gk113_in_every_format(future, fmt: str) -> None:
    report, _ = future
    text = render_text("check", fmt, report, RenderOptions())
    if fmt == "json":
        found = [f for f in json.loads(text)["findings"] if f["code"] == "GK113"]
        assert [f["name"] for f in found] == ["done-in-future"]
    elif fmt == "sarif":
        run_ = json.loads(text)["runs"][0]
        rules = run_["tool"]["driver"]["rules"]
        assert any(r["id"] == "GK113" and r["defaultConfiguration"]["level"] == "error"
                   for r in rules)
        assert [r["level"] for r in run_["results"] if r["ruleId"] == "GK113"] == ["error"]
    elif fmt == "junit":
        assert '<failure type="GK113" message="GK113 done-in-future: task 1.1.1 is done' in text
    elif fmt == "github":
        assert "::error file=" in text and "title=GK113 done-in-future::task 1.1.1 is done" in text
    elif fmt == "markdown":
        assert "| 🔴 | GK113 done-in-future | 1.1.1 |" in text
    else:
        assert "GK113 done-in-future" in text


def test_the_readme_lists_every_finding() -> None:
    from gkparse.tracking.rules import RULES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"| {rule.code} {rule.name} | {rule.severity} |" in readme


# --- one style across commands ------------------------------------------------------------------

def _gkparse(*args: str | Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gkparse.cli", *map(str, args)],
                          capture_output=True, text=True, check=False, **kwargs)


@pytest.mark.parametrize("where", ["before", "after", "between"])
def test_debug_works_wherever_it_is_put(tmp_path: Path, where: str) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    args = {"before": ["--debug", "extract", bad], "after": ["extract", bad, "--debug"],
            "between": ["extract", "--debug", bad]}[where]
    done = _gkparse(*args)
    assert done.returncode == 2 and "No such option" not in done.stderr
    assert "Traceback (most recent call last)" in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith(f"gkparse: {bad}: ")
    plain = _gkparse("extract", bad)
    assert "Traceback" not in plain.stderr and len(plain.stderr.strip().splitlines()) == 1


def test_debug_after_a_double_dash_is_a_file_name(tmp_path: Path) -> None:
    done = _gkparse("extract", "--", "--debug", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == "gkparse: --debug: no such file"


def test_debug_in_one_run_does_not_stay_on_for_the_next(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"nothing")
    assert "Traceback" in run("extract", bad, "--debug").stderr
    assert "Traceback" not in run("extract", bad).stderr


def test_every_command_that_writes_a_file_says_so_alike(office: Path) -> None:
    wrote = {
        ("extract", office / "notice.docx", "-o", office / "n.json"): "n.json",
        ("schema", "-o", office / "schema.json"): "schema.json",
        ("check", office / "status.yaml", "-f", "sarif", "-o", office / "c.sarif"):
            "c.sarif with 9 findings",
        ("ledger", office / "status.yaml", "-o", office / "l.xlsx"): "l.xlsx with 56 tasks",
        ("report", office / "status.yaml", "-o", office / "r.html"): "r.html with 56 tasks",
        ("init", office / "notice.docx", "-o", office / "s.yaml"): "s.yaml with 56 tasks",
    }
    for args, said in wrote.items():
        result = run(*args)
        assert result.exit_code in (0, 1), result.stderr
        out = Path(str(args[-1]))
        assert out.is_file()
        assert f"gkparse: wrote {out.parent}/{said}" in result.stderr.splitlines(), result.stderr
    linted = run("lint", office / "notice.docx", "-f", "json", "-o", office / "lint.json")
    findings = len(json.loads((office / "lint.json").read_text(encoding="utf-8"))["findings"])
    assert (f"gkparse: wrote {office}/lint.json with {findings} finding"
            f"{'' if findings == 1 else 's'}") in linted.stderr.splitlines(), linted.stderr
    schema = json.loads((office / "schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    to_stdout = run("report", office / "status.yaml", "-f", "markdown")
    assert "wrote" not in to_stdout.stderr and to_stdout.stdout.startswith("#")


def _at_a_terminal(*args: str | Path, cwd: Path) -> tuple[int, str]:
    """Run gkparse with stdout on a pseudo-terminal; returns the exit code and what it showed."""
    leader, follower = pty.openpty()
    done = subprocess.run([sys.executable, "-m", "gkparse.cli", *map(str, args)], cwd=cwd,
                          stdout=follower, stderr=subprocess.PIPE, text=True, check=False)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return done.returncode, shown.decode("utf-8", "replace") + done.stderr


def test_report_does_not_dump_html_on_a_terminal(office: Path) -> None:
    code, shown = _at_a_terminal("report", "status.yaml", cwd=office)
    assert code == 2 and "<html" not in shown
    assert ("gkparse: the HTML report is a page for a browser, not the terminal: write it with "
            "-o report.html, or read it here with -f markdown") in shown
    code, shown = _at_a_terminal("report", "status.yaml", "-f", "markdown", cwd=office)
    assert code == 0 and "## " in shown
    assert run("report", office / "status.yaml").stdout.startswith("<!DOCTYPE html>")  # piped


def test_summaries_use_plurals(office: Path, tmp_path: Path) -> None:
    result = run("check", office / "status.yaml", "-f", "json")
    assert result.stderr.strip() == ("gkparse: 56 tasks, 1 error, 7 warnings, 1 note "
                                     "(as of 2025-10-15)")
    markdown = run("check", office / "status.yaml", "-f", "markdown").stdout
    assert "**1 error, 7 warnings, 1 note**" in markdown
    small_notice(tmp_path)
    path = status_file(tmp_path, tracked(**{"1_1_1": "in_progress"}), as_of="2025-07-01")
    one = run("check", path, "--unit", "甲局", "-f", "json")
    assert "gkparse: 1 task, 1 error, 0 warnings, 0 notes" in one.stderr


def test_the_table_cuts_unit_lists_without_a_stray_space(office: Path) -> None:
    from gkparse.formats.check.table import fit_units

    table = render_text("check", "table", check(office / "status.yaml"), RenderOptions())
    assert "…" in table and " …" not in table
    for width in range(4, 30):
        for units in ("区直各部门、驻区各单位、各街道", "区党工委组织部（人力资源部）",
                      "甲、区党工委组织部（人力资源部）"):
            cut = fit_units(units, width)
            assert cell_len(cut) <= width and not cut.endswith(" …")
            assert cut == units or (cut.endswith("…") and units.startswith(cut[:-1]))


# --- help ---------------------------------------------------------------------------------------

COMMANDS = ["extract", "schema", "check", "lint", "init", "ledger", "report", "status import"]


def _help(command: str) -> str:
    result = run(*command.split(), "--help") if command else run("--help")
    assert result.exit_code == 0
    return result.stdout


def test_the_top_level_help_says_what_gkparse_does_and_a_workflow() -> None:
    text = _help("")
    assert "task-breakdown table (任务分解表)" in text and "A typical year:" in text
    workflow = text.split("A typical year:", 1)[1]
    steps = [line.split()[1] for line in workflow.splitlines()
             if line.strip().startswith("gkparse ")]
    assert steps[:6] == ["extract", "init", "check", "ledger", "status", "report"]


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help_has_two_or_three_examples(command: str) -> None:
    text = _help(command)
    examples = text.split("Examples:", 1)[1].split("Findings:")[0]
    lines = [line.strip() for line in examples.splitlines() if line.strip()]
    assert 2 <= len(lines) <= 3 and all(line.startswith(f"gkparse {command}") for line in lines)


def test_check_help_lists_every_finding_code() -> None:
    from gkparse.tracking.rules import RULES

    text = _help("check")
    for rule in RULES.values():
        assert re.search(rf"^\s+{rule.code} {rule.name}\s+{rule.severity}\s+\S", text, re.M), rule


@pytest.mark.parametrize("command", COMMANDS)
def test_usage_lines_show_plain_metavars(command: str) -> None:
    usage = _help(command).splitlines()[0]
    assert "{" not in usage and "}" not in usage, usage
    assert "<str>" not in _help(command) and "<int range>" not in _help(command)


@pytest.mark.parametrize("command", COMMANDS)
def test_no_help_mentions_an_option_another_command_has(command: str) -> None:
    text = _help(command)
    options_part = text.split("Options:", 1)[1]
    own = set(re.findall(r"^\s+(?:-\w, )?(--[a-z][a-z-]*)", options_part, re.M))
    mentioned = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", text))
    assert mentioned - own - {"--help"} == set(), command


# --- make demo ends cleanly ---------------------------------------------------------------------

def test_make_demo_explains_the_exit_code_of_check() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    demo = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "\n\t-" not in demo  # no ignored error: make would print "Error 1 (ignored)"
    assert "as a CI job would fail" in demo


def test_ledger_summary_and_main_sheet_agree_on_untracked(office: Path) -> None:
    ledger = office / "l.xlsx"
    run("ledger", office / "status.yaml", "-o", ledger)
    book = load_workbook(ledger)
    main = [row[8] for row in book["总台账"].iter_rows(min_row=2, values_only=True)]
    summary = list(book["汇总"].iter_rows(values_only=True))
    header = list(summary[2])
    total = next(row for row in summary if row[0] == "合计")
    assert total[header.index("未跟踪")] == main.count("未跟踪") == 1
