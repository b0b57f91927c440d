"""The bad-inputs corpus (tests/bad_inputs/): every file gets its expected exit code and one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkparse.cli import app
from gkparse.readers.libreoffice import find_soffice

from conftest import ROOT

CORPUS = ROOT / "tests" / "bad_inputs"
CASES = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))["case"]
sys.path.insert(0, str(CORPUS))

import make_bad_inputs  # noqa: E402 - lives beside the corpus it writes

runner = CliRunner()


@pytest.fixture(scope="module")
def large_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("large")
    make_bad_inputs.write_large(folder)
    return folder


def _path(case: dict, large_folder: Path) -> Path:
    return (large_folder if case.get("large") else CORPUS) / case["file"]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_corpus_case(case: dict, large_folder: Path) -> None:
    path = _path(case, large_folder)
    if find_soffice() is None:  # the answer for files read through LibreOffice, without it
        case = {**case, "exit": case.get("exit_no_libreoffice", case["exit"]),
                "stderr": case.get("stderr_no_libreoffice", case.get("stderr"))}
    before = path.stat().st_size, os.path.getmtime(path)
    result = runner.invoke(app, [case["command"], str(path), *(["-f", "json"] if case["command"]
                                                               == "check" else [])])
    assert result.exit_code == case["exit"], result.stderr
    assert not isinstance(result.exception, Exception)  # SystemExit is not an Exception
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr  # kept for gkparse's own bugs, never bad input
    lines = result.stderr.strip().splitlines()
    if case["exit"] == 2:
        assert result.stdout == ""
        assert len(lines) == 1 and case["stderr"] in lines[0], result.stderr
        assert path.name in lines[0] or "notice" in case["stderr"]
    elif "stderr" in case:
        assert any(case["stderr"] in line for line in lines), result.stderr
    if "stdout_lacks" in case:
        assert case["stdout_lacks"] not in result.stdout
    assert (path.stat().st_size, os.path.getmtime(path)) == before  # input untouched


def test_every_corpus_file_has_an_expectation(large_folder: Path) -> None:
    small = {p.name for p in CORPUS.iterdir()
             if p.suffix in (".docx", ".doc", ".wps", ".yaml", ".pdf", ".html", ".xml", ".xlsx",
                             ".xls", ".ods", ".mht")}
    assert small == {c["file"] for c in CASES if not c.get("large")}
    assert set(os.listdir(large_folder)) == {c["file"] for c in CASES if c.get("large")}


@pytest.mark.parametrize("name", sorted(make_bad_inputs.SMALL))
def test_committed_file_is_what_the_script_writes(name: str) -> None:
    assert (CORPUS / name).read_bytes() == make_bad_inputs.build_small(name)


def test_zip_bomb_is_refused_with_bounded_memory(large_folder: Path) -> None:
    code = ("import resource, sys\nfrom gkparse import parse_notice\nfrom gkparse.errors import "
            "DocumentError\ntry:\n    parse_notice(sys.argv[1])\nexcept DocumentError as exc:\n"
            "    print(exc.describe())\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    for name in ("zip-bomb.docx", "zip-bomb-lying-header.docx"):
        done = subprocess.run([sys.executable, "-c", code, str(large_folder / name)],
                              capture_output=True, text=True, check=True)
        message, peak_kb = done.stdout.strip().splitlines()
        assert "refused" in message or "corrupt" in message
        assert int(peak_kb) < 150 * 1024, f"{name}: peak RSS {peak_kb} KB"
