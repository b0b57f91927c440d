"""gkparse lint as users run it: every format, exit codes, --fail-on, --ignore, bad input."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkparse.cli import app
from gkparse.lint import RULES

from conftest import ROOT, SHARED

runner = CliRunner()
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
GOOD = ROOT / "samples" / "lint" / "good" / "notice.docx"
BAD = ROOT / "samples" / "lint" / "bad"
DATE = BAD / "GB141-date-format.docx"  # one error
GRID = BAD / "GB203-line-grid.docx"  # one warning


def run(*args: str | Path, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def test_json_names_rule_section_paragraph_and_quote() -> None:
    result = run("lint", DATE, "-f", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["summary"] == {"files": 1, "by_severity": {"info": 0, "warning": 0, "error": 1}}
    assert data["findings"] == [{
        "code": "GB141", "name": "date-format", "severity": "error", "section": "7.3.5.4",
        "message": "成文日期: written in Chinese numerals; use Arabic numerals (“二〇二五年三月五日”)",
        "file": str(DATE), "paragraph": 23, "quote": "二〇二五年三月五日", "where": "paragraph 23"}]
    assert "1 file, 1 errors, 0 warnings" in result.stderr


def test_page_setup_findings_name_the_section() -> None:
    data = json.loads(run("lint", GRID, "-f", "json").stdout)
    assert [(f["code"], f["where"], f["paragraph"]) for f in data["findings"]] == [
        ("GB203", "section 1", None)]


@pytest.mark.parametrize(("path", "fail_on", "code"), [
    (GOOD, "error", 0), (GOOD, "info", 0), (DATE, "error", 1), (DATE, "never", 0),
    (GRID, "error", 0), (GRID, "warning", 1), (GRID, "info", 1)])
def test_exit_codes_follow_fail_on(path: Path, fail_on: str, code: int) -> None:
    assert run("lint", path, "-f", "json", "--fail-on", fail_on).exit_code == code


def test_ignore_switches_a_rule_off() -> None:
    result = run("lint", DATE, "--ignore", "gb141", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["findings"] == []
    result = run("lint", DATE, "--ignore", "GB999")
    assert result.exit_code == 2 and "unknown lint rule 'GB999'" in result.stderr


def test_config_file_switches_rules_off(tmp_path: Path) -> None:
    config = tmp_path / "gkparse.toml"
    config.write_text('[lint]\nignore = ["GB141"]\n', encoding="utf-8")
    result = run("lint", DATE, "--config", config, "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ignored"] == ["GB141"]


def test_sarif_lists_every_rule_and_validates(tmp_path: Path) -> None:
    out = tmp_path / "lint.sarif"
    result = run("lint", *sorted(BAD.glob("*.docx")), "-f", "sarif", "-o", out)
    assert result.exit_code == 1
    log = json.loads(out.read_text(encoding="utf-8"))
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    assert driver["rules"][0]["shortDescription"]["text"].startswith("GB/T 9704-2012 7.2.5: ")
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == set(RULES)
    assert all(r["partialFingerprints"]["gkparseFinding/v1"] for r in results)
    if not SARIF_SCHEMA.exists():
        pytest.skip("../shared/schemas is absent")
    import jsonschema

    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def test_junit_has_a_testcase_per_file_and_rule() -> None:
    result = run("lint", GOOD, DATE, "-f", "junit")
    root = ET.fromstring(result.stdout.encode("utf-8"))
    cases = root.findall(".//testcase")
    assert root.get("name") == "gkparse lint" and len(cases) == 2 * len(RULES)
    failed = [(c.get("classname"), c.get("name")) for c in cases if c.find("failure") is not None]
    assert failed == [(str(DATE), "GB141 date-format")]


def test_github_annotations_and_step_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run("lint", DATE, "-f", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::error file={DATE},line=23,title=GB141 date-format::成文日期")
    assert "| 🔴 | GB141 date-format | paragraph 23 |" in summary.read_text(encoding="utf-8")


def test_table_and_markdown() -> None:
    table = run("lint", DATE, "-f", "table").stdout
    assert "GB141 date-format" in table and "§7.3.5.4" in table and "paragraph 23" in table
    assert "1 file: 1 errors, 0 warnings, 0 notes" in table
    markdown = run("lint", GOOD, "-f", "markdown").stdout
    assert markdown.startswith("## gkparse lint: 东湖县人民政府办公室关于做好2025年政务公开工作的通知")
    assert "No findings." in markdown


@pytest.mark.parametrize("fmt", ["table", "json", "sarif", "junit", "github", "markdown"])
def test_same_input_same_bytes(fmt: str) -> None:
    first = run("lint", DATE, GRID, "-f", fmt).stdout
    assert first and first == run("lint", DATE, GRID, "-f", fmt).stdout


@pytest.mark.parametrize("name", ["empty.docx", "legacy.doc", "truncated.docx",
                                  "malformed-xml.docx"])
def test_bad_input_is_one_line_exit_2(name: str) -> None:
    path = ROOT / "tests" / "bad_inputs" / name
    result = run("lint", path)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"gkparse: {path}: "), lines
    assert "internal error" not in lines[0]


def test_usage_errors() -> None:
    assert run("lint").exit_code == 2
    listed = run("lint", "--list-rules")
    assert listed.exit_code == 0 and len(listed.stdout.splitlines()) == len(RULES)


CORPUS = sorted((ROOT / "tests" / "bad_inputs").glob("*.docx"))


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_the_bad_inputs_corpus_gives_findings_or_one_line(path: Path) -> None:
    """Every hostile .docx of the corpus: a lint result (exit 0 or 1), or one refusal line."""
    result = run("lint", path, "-f", "json")
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1
    else:
        assert result.exit_code in (0, 1) and "findings" in json.loads(result.stdout)


def test_the_pre_commit_hook_runs_lint_on_the_files_given() -> None:
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(
        encoding="utf-8"))}
    hook = hooks["gkparse-lint"]
    assert hook["pass_filenames"] is True and hook["entry"].split()[0] == "gkparse"
    argv = [*hook["entry"].split()[1:], *hook["args"]]
    assert run(*argv, GOOD).exit_code == 0
    assert run(*argv, GOOD, DATE).exit_code == 1


def test_a_folder_and_an_unreadable_file_among_good_ones(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip at all")
    result = run("lint", GOOD.parent, broken, DATE, "-f", "json")
    assert result.exit_code == 2  # unusable input wins over findings
    data = json.loads(result.stdout)
    assert [f["path"] for f in data["files"]] == [str(GOOD), str(DATE)]
    assert [f["code"] for f in data["findings"]] == ["GB141"]
    errors = [line for line in result.stderr.splitlines() if str(broken) in line]
    assert errors == [f"gkparse: {broken}: not a .docx (not a zip package)"]
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("lint", empty)
    assert result.exit_code == 2 and "no .docx files in this folder" in result.stderr
