"""Nothing lost, same bytes every time, one error path: -o, determinism, --debug, internal errors."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gkparse import output
from gkparse.cli import app
from gkparse.output import OutputError, write_result

from conftest import ROOT

SAMPLE = ROOT / "samples" / "notice.docx"
STATUS = ROOT / "samples" / "status.yaml"
runner = CliRunner()


def test_a_failed_write_leaves_the_old_output_and_no_temp_file(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    out = tmp_path / "out.json"
    out.write_text("OLD", encoding="utf-8")

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", disk_full)
    with pytest.raises(OutputError, match="No space left on device; the file was left as it was"):
        write_result("NEW", out)
    assert out.read_text(encoding="utf-8") == "OLD"
    assert os.listdir(tmp_path) == ["out.json"]


def test_interrupted_write_removes_its_temp_file(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.json"

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_result("NEW", out)
    assert os.listdir(tmp_path) == []


def test_a_bad_input_never_touches_an_existing_output(tmp_path: Path) -> None:
    bad, out = tmp_path / "bad.docx", tmp_path / "tasks.json"
    bad.write_bytes(b"not a docx")
    out.write_text("last week's tasks", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "last week's tasks"
    status_out = tmp_path / "report.json"
    status_out.write_text("last report", encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad), "-o", str(status_out)])
    assert result.exit_code == 2 and status_out.read_text(encoding="utf-8") == "last report"


def test_output_onto_a_folder_is_one_line_and_the_folder_stays(tmp_path: Path) -> None:
    target = tmp_path / "results"
    (target / "keep.txt").parent.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(SAMPLE), "-o", str(target)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "cannot write" in result.stderr and str(target) in result.stderr
    assert (target / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(os.listdir(tmp_path)) == ["results"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml", "csv"])
def test_extract_output_is_byte_identical_across_runs(fmt: str) -> None:
    first = runner.invoke(app, ["extract", str(SAMPLE), "-f", fmt]).stdout_bytes
    second = runner.invoke(app, ["extract", str(SAMPLE), "-f", fmt]).stdout_bytes
    assert first and first == second


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "markdown", "github"])
def test_check_output_is_byte_identical_across_runs(fmt: str) -> None:
    args = ["check", str(STATUS), "-f", fmt, "--as-of", "2025-10-15", "--fail-on", "never"]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == 0 and first.stdout_bytes and first.stdout_bytes == second.stdout_bytes


def _cli(*args: str, env: dict[str, str] | None = None, crash: bool = False
         ) -> subprocess.CompletedProcess[str]:
    """Run gkparse in a fresh process; ``crash`` makes parse_notice hit a bug (a KeyError)."""
    code = "from gkparse.cli import main\nmain()\n"
    if crash:
        code = ("import gkparse.notice.parser\n"
                "def broken(path, **kw):\n    secret_local = 'do-not-print'\n"
                "    return {}['missing']\n"
                "gkparse.notice.parser.parse_notice = broken\n") + code
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, check=False)


def test_an_internal_error_is_one_line_without_locals() -> None:
    done = _cli("extract", str(SAMPLE), crash=True)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        f"gkparse: {SAMPLE}: internal error: KeyError: 'missing' (run with --debug for the "
        "traceback)"]


@pytest.mark.parametrize("how", ["--debug", "GKPARSE_DEBUG=1"])
def test_debug_shows_the_traceback_but_never_local_variables(how: str) -> None:
    env = {"GKPARSE_DEBUG": "1"} if how.startswith("GKPARSE") else {}
    args = ["--debug"] if how == "--debug" else []
    done = _cli(*args, "extract", str(SAMPLE), crash=True, env=env)
    assert done.returncode == 2
    assert "Traceback (most recent call last)" in done.stderr and "KeyError" in done.stderr
    assert "do-not-print" not in done.stderr  # typer's pretty exceptions would show locals
    bad = _cli(*args, "extract", str(ROOT / "tests" / "bad_inputs" / "empty.docx"), env=env)
    assert "Traceback" in bad.stderr and bad.stderr.strip().endswith("the file is empty")


def test_a_special_file_is_written_into_never_replaced(tmp_path: Path) -> None:
    """-o /dev/null or a named pipe: the rename that makes -o atomic would replace the device."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_result("tasks\n", fifo)
    reader.join(timeout=10)
    assert received == [b"tasks\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


def test_output_files_get_normal_permissions_not_private_ones(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.json"
    write_result("{}", fresh)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~mask
    shared = tmp_path / "shared.json"
    shared.write_text("old", encoding="utf-8")
    shared.chmod(0o664)
    write_result("new", shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664
