"""A golden file per output format: tests/golden/ holds what gkparse writes for the sample in
every format of extract, check, report and explain, and each must be exactly what the code
writes now. scripts/update_goldens.py (``make goldens``) writes them; this test only reads.
tests/golden/CHECKED.md says what was checked by hand in each file.
"""

from __future__ import annotations

import importlib.util
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, SHARED

spec = importlib.util.spec_from_file_location("update_goldens",
                                              ROOT / "scripts" / "update_goldens.py")
update_goldens = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update_goldens)

GOLDEN = ROOT / "tests" / "golden"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    return update_goldens.rendered()


@pytest.mark.parametrize("name", list(update_goldens.GOLDENS))
def test_the_golden_file_is_what_the_code_writes(rendered: dict[str, bytes], name: str) -> None:
    # On a failure: if the change is meant, run `make goldens`, read the diff and check the
    # changed cells by hand (tests/golden/CHECKED.md).
    assert rendered[name] == (GOLDEN / name).read_bytes(), name


def test_every_format_of_every_command_has_a_golden_file() -> None:
    from gkparse.output_formats import names

    covered = {(args[0], args[args.index("-f") + 1]) for args in update_goldens.GOLDENS.values()}
    wanted = {(command, name) for command in ("extract", "check", "explain", "report")
              for name in names(command) if name != "docx"}  # a Word file: tests/test_report_docx.py
    assert covered == wanted
    assert sorted(p.name for p in GOLDEN.iterdir() if p.name != "CHECKED.md") == sorted(
        update_goldens.GOLDENS)


def test_only_the_sarif_version_is_normalised() -> None:
    from gkparse import __version__

    raw = b'"driver": {\n  "name": "gkparse",\n  "version": "' + __version__.encode() + b'",'
    assert update_goldens.normalised("x.sarif", raw) == raw.replace(
        __version__.encode(), b"GKPARSE_VERSION")
    assert update_goldens.normalised("x.json", raw) == raw
    with pytest.raises(ValueError):
        update_goldens.normalised("x.sarif", b"{}")


def test_the_sarif_golden_validates_against_the_schema() -> None:
    if not SARIF_SCHEMA.exists():
        pytest.skip("../shared/schemas is absent")
    import jsonschema

    log = json.loads((GOLDEN / "check.sarif").read_text(encoding="utf-8"))
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


def test_the_junit_golden_counts_agree_with_its_testcases() -> None:
    """No JUnit XSD ships with the repository or ../shared; the attributes CI servers read
    (tests, failures, errors, skipped) must agree with the testcases they count."""
    root = ET.parse(GOLDEN / "check.junit.xml").getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    cases = suites[0].findall("testcase")
    failing = [c for c in cases if c.find("failure") is not None]
    for element in (root, suites[0]):
        assert element.get("tests") == str(len(cases)) == "56"
        assert element.get("failures") == str(len(failing)) == "1"
        assert element.get("errors") == "0"
    assert [c.get("name").split()[0] for c in failing] == ["1.4.5"]
    assert suites[0].get("timestamp") == "2025-10-15T00:00:00"


def test_the_json_goldens_parse() -> None:
    for name in ("notice.json", "check.json", "check.sarif", "explain.json"):
        json.loads((GOLDEN / name).read_text(encoding="utf-8"))
    lines = (GOLDEN / "notice.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0]) == json.loads((GOLDEN / "notice.json").read_text(encoding="utf-8"))


def test_the_yaml_and_csv_goldens_hold_the_same_records() -> None:
    import csv
    import io

    import yaml

    data = json.loads((GOLDEN / "notice.json").read_text(encoding="utf-8"))
    assert yaml.safe_load((GOLDEN / "notice.yaml").read_text(encoding="utf-8")) == data
    raw = (GOLDEN / "notice.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [row["id"] for row in rows] == [task["id"] for task in data["tasks"]]
    for row, task in zip(rows, data["tasks"], strict=True):
        assert row["requirement"] == task["requirement"]
        assert row["lead_units"] == "、".join(task["lead_units"])
        assert row["due"] == (task["deadline"]["due"] or "")


def test_goldens_are_never_written_by_the_tests(tmp_path: Path) -> None:
    """The test renders in memory: the golden folder is the same before and after."""
    before = {p.name: p.stat().st_mtime_ns for p in GOLDEN.iterdir()}
    update_goldens.rendered(["check.json"])
    assert {p.name: p.stat().st_mtime_ns for p in GOLDEN.iterdir()} == before
