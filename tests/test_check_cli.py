"""check and init as users run them: bad status files, every format, exit codes, round trips."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from check_helpers import small_notice, status_file, tracked
from gkparse.cli import app
from gkparse.formats.check.github import escape_data, escape_property

from conftest import ROOT, SHARED

runner = CliRunner()
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


def run(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


BAD_STATUS = {
    "bad yaml": ("tasks:\n  1.1.1: [done\n", "bad YAML", 3),
    "unknown word": ('tasks:\n  "1.1.1": 完成\n', "unknown status '完成'", 2),
    "number key": ("tasks:\n  1.1: done\n", "task key 1.1 was read as a number", 2),
    "impossible date": ('tasks:\n  "1.1.1":\n    status: done\n    completed_on: 2025-02-30\n',
                        "completed_on: '2025-02-30' is not a date: 2025-02 has 28 days", 4),
    "typo field": ('tasks:\n  "1.1.1":\n    status: done\n    complted_on: 2025-02-03\n',
                   "unknown field 'complted_on'", 4),
    "python tag": ('tasks:\n  "1.1.1": !!python/object/apply:os.system ["true"]\n',
                   "YAML tag tag:yaml.org,2002:python/object/apply:os.system is not allowed", 2),
    "no status": ('tasks:\n  "1.1.1":\n    note: x\n', "the entry has no status", 3),
}


@pytest.mark.parametrize("case", sorted(BAD_STATUS))
def test_bad_status_file_is_one_line_exit_2(tmp_path: Path, case: str) -> None:
    text, fragment, line = BAD_STATUS[case]
    small_notice(tmp_path)
    path = tmp_path / "status.yaml"
    path.write_text("notice: notice.docx\n" + text, encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert fragment in lines[0] and f"{path}:{line + 1}" in lines[0], lines[0]  # +1: notice line
    if case != "bad yaml":
        assert "(task 1.1" in lines[0]


def test_status_file_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "status.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 2 and f"{path}:1: the status file must be a mapping" in result.stderr


def test_missing_status_and_missing_notice(tmp_path: Path) -> None:
    assert "no such file" in run("check", tmp_path / "nope.yaml").stderr
    path = status_file(tmp_path, tracked(), notice="gone.docx")
    result = run("check", path)
    assert result.exit_code == 2 and "gone.docx: no such file" in result.stderr


@pytest.mark.parametrize(("fail_on", "entries", "code"), [
    ("error", tracked(), 1),                              # GK103 no-lead is an error
    ("never", tracked(), 0),
])
def test_exit_codes_across_fail_on(tmp_path: Path, fail_on: str, entries: str, code: int) -> None:
    small_notice(tmp_path)
    path = status_file(tmp_path, entries)
    assert run("check", path, "--fail-on", fail_on, "-f", "json").exit_code == code


def test_fail_on_levels_on_a_notice_with_only_warnings_and_info(tmp_path: Path) -> None:
    from docx_factory import header_row, p, task_row, tbl, write_docx

    write_docx(tmp_path / "notice.docx", p("关于2025年要点的通知") + tbl(
        header_row(), task_row("（一）甲", "甲局", "——", "要求一", "6月底前"),
        task_row(None, "乙局", "——", "要求二", "12月底前")))
    path = status_file(tmp_path, '  "0.1.1": done\n  "0.1.2": blocked\n')
    # findings: GK110 (info) and GK111 (warning)
    assert run("check", path, "-f", "json").exit_code == 0
    assert run("check", path, "-f", "json", "--fail-on", "warning").exit_code == 1
    assert run("check", path, "-f", "json", "--fail-on", "info").exit_code == 1
    path.write_text("notice: notice.docx\nas_of: 2025-05-01\ntasks:\n  \"0.1.1\": {status: done, "
                    "completed_on: 2025-05-01}\n  \"0.1.2\": todo\n", encoding="utf-8")
    assert run("check", path, "-f", "json", "--fail-on", "info").exit_code == 0


def _report(tmp_path: Path, fmt: str, *extra: str):
    small_notice(tmp_path)
    path = status_file(tmp_path, tracked(**{"1_1_1": "todo"}), as_of="2025-07-01")
    return run("check", path, "-f", fmt, *extra), path


def test_json_format(tmp_path: Path) -> None:
    result, path = _report(tmp_path, "json")
    data = json.loads(result.stdout)
    assert set(data) >= {"as_of", "summary", "findings"} and data["as_of"] == "2025-07-01"
    assert {"code": "GK101", "name": "overdue", "severity": "error", "task": "1.1.1",
            "file": str(path), "line": 4}.items() <= data["findings"][0].items()
    assert data["summary"]["by_severity"]["error"] == 2
    assert "2 errors" in result.stderr


def test_sarif_validates_against_the_schema(tmp_path: Path) -> None:
    result, _ = _report(tmp_path, "sarif")
    log = json.loads(result.stdout)
    results = log["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
                           for r in results)
    assert all(r["partialFingerprints"] for r in results)
    assert {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]} == {
        f"GK1{n:02d}" for n in range(1, 14)}
    if not SARIF_SCHEMA.exists():
        pytest.skip("../shared/schemas is absent")
    import jsonschema

    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def test_junit_parses_back(tmp_path: Path) -> None:
    result, _ = _report(tmp_path, "junit")
    root = ET.fromstring(result.stdout.encode("utf-8"))
    cases = root.findall(".//testcase")
    assert len(cases) == 6 and all(c.get("time") == "0" for c in cases)
    failing = {c.get("name").split()[0]: [f.get("type") for f in c.findall("failure")]
               for c in cases if c.findall("failure")}
    assert failing == {"1.1.1": ["GK101"], "1.1.3": ["GK103"]}
    assert root.get("failures") == "2"
    warn = run("check", tmp_path / "status.yaml", "-f", "junit", "--fail-on", "warning")
    assert ET.fromstring(warn.stdout.encode("utf-8")).get("failures") == "4"


def test_junit_drops_xml_illegal_characters(tmp_path: Path) -> None:
    small_notice(tmp_path)
    path = status_file(tmp_path, tracked(**{"1_1_6": '{status: blocked, note: "bad\\x01char <&>"}'}))
    result = run("check", path, "-f", "junit", "--fail-on", "warning")
    root = ET.fromstring(result.stdout.encode("utf-8"))
    messages = [f.get("message") for f in root.iter("failure")]
    assert any("badchar <&>" in m for m in messages)


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_format_and_step_summary(tmp_path: Path, monkeypatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result, path = _report(tmp_path, "github")
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::error file={escape_property(str(path))},line=4,"
                            "title=GK101 overdue::task 1.1.1 is overdue")
    assert "| tasks |" in summary.read_text(encoding="utf-8")


def test_markdown_format(tmp_path: Path) -> None:
    result, _ = _report(tmp_path, "markdown")
    assert "| 6 | 5 | 0 | 1 |" in result.stdout and "GK101 overdue" in result.stdout


def test_table_format_prints_user_text_verbatim(tmp_path: Path) -> None:
    small_notice(tmp_path)
    path = status_file(tmp_path, tracked(**{"1_1_6": "{status: blocked, note: '某办字[2025]3号 [bold]x'}"}))
    result = run("check", path, "-f", "table")
    assert "某办字[2025]3号 [bold]x" in result.stdout
    assert "6 tasks: 5 done" in result.stdout


def test_output_file_and_notice_override_with_json_notice(tmp_path: Path) -> None:
    notice = small_notice(tmp_path)
    extracted = tmp_path / "notice.json"
    assert run("extract", notice, "-o", extracted).exit_code == 0
    path = status_file(tmp_path, tracked(), notice="elsewhere.docx")
    out = tmp_path / "report.sarif"
    result = run("check", path, "--notice", extracted, "-f", "sarif", "-o", out)
    assert result.stdout == "" and json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_init_then_check_has_no_untracked_or_unknown(tmp_path: Path) -> None:
    notice = small_notice(tmp_path)
    out = tmp_path / "status.yaml"
    result = run("init", notice, "-o", out)
    assert result.exit_code == 0 and "wrote" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert "notice: notice.docx" in text and "# as_of:" in text and "要求一" in text
    data = json.loads(run("check", out, "-f", "json", "--as-of", "2025-05-01").stdout)
    codes = {f["code"] for f in data["findings"]}
    assert "GK107" not in codes and "GK108" not in codes and "GK109" not in codes


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    notice = small_notice(tmp_path)
    out = tmp_path / "status.yaml"
    out.write_text("mine\n", encoding="utf-8")
    result = run("init", notice, "-o", out)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine\n"
    assert run("init", notice, "-o", out, "--force").exit_code == 0
    assert "status: todo" in out.read_text(encoding="utf-8")


def test_init_merge_keeps_edits_and_adds_new_tasks(tmp_path: Path) -> None:
    notice = small_notice(tmp_path)
    out = tmp_path / "status.yaml"
    run("init", notice, "-o", out)
    text = out.read_text(encoding="utf-8")
    # People edit: a status, a note, their own comment; and one task is removed.
    lines = text.splitlines(keepends=True)
    edited = "".join(lines).replace('  "1.1.1":\n    status: todo\n',
                                    '  # 张三 10月确认\n  "1.1.1":\n    status: done\n'
                                    '    completed_on: 2025-05-20\n    note: 已报送\n')
    start = edited.index('  "1.1.6"')
    comment_start = edited.rindex("\n  #", 0, start) + 1
    edited = edited[:comment_start] + "\n# the end, written by hand\n"
    out.write_text(edited, encoding="utf-8")
    result = run("init", notice, "-o", out, "--merge")
    assert result.exit_code == 0 and "added 1 task (1.1.6)" in result.stderr
    merged = out.read_text(encoding="utf-8")
    assert merged.startswith(edited.split("\n# the end")[0])
    assert "# 张三 10月确认" in merged and "note: 已报送" in merged
    assert merged.rstrip().endswith("# the end, written by hand")
    data = json.loads(run("check", out, "-f", "json", "--as-of", "2025-05-01").stdout)
    assert "GK107" not in {f["code"] for f in data["findings"]}
    assert run("init", notice, "-o", out, "--merge").stderr.strip().endswith("added 0 tasks")


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [command.name or command.callback.__name__ for command in app.registered_commands]
    for group in app.registered_groups:  # sub-commands: gkparse status import
        names += [f"{group.name} {command.name or command.callback.__name__}"
                  for command in group.typer_instance.registered_commands]
    assert "status import" in names
    for name in names:
        assert f"gkparse {name}" in readme, name


def test_ci_examples_are_valid_and_use_real_options() -> None:
    import yaml

    github = yaml.safe_load((ROOT / "docs/ci/github-workflow.yml").read_text(encoding="utf-8"))
    runs = [s["run"] for s in github["jobs"]["check"]["steps"] if "run" in s]
    gitlab = yaml.safe_load((ROOT / "docs/ci/gitlab-ci.yml").read_text(encoding="utf-8"))
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "gkparse-check" and hooks[0]["entry"] == "gkparse check"
    commands = [r for r in runs + gitlab["gkparse"]["script"] if r.startswith("gkparse")]
    assert len(commands) == 3
    for command in commands:  # each runs here against a real status file
        args = command.split()[1:]
        args[args.index("status.yaml")] = str(ROOT / "samples" / "status.yaml")
        if "-o" in args:
            args[args.index("-o") + 1] = "-"
        assert run(*args).exit_code in (0, 1), command


@pytest.mark.parametrize("ref", ["notice.docx", "../2025/通知.docx", "yes", "2025", "a: b", "#x"])
def test_init_writes_notice_paths_yaml_reads_back_unchanged(ref: str) -> None:
    import yaml

    from gkparse.tracking.template import yaml_scalar

    assert yaml.safe_load(f"notice: {yaml_scalar(ref)}") == {"notice": ref}
