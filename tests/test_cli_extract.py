"""The extract command as users run it: exit codes, streams, formats, bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from gkparse.cli import app

from conftest import ROOT

SAMPLE = ROOT / "samples" / "notice.docx"
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_one_file_gives_one_json_document_on_stdout() -> None:
    result = run("extract", str(SAMPLE))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert len(data["tasks"]) == 56
    assert result.stderr == ""


def test_several_files_give_json_lines(tmp_path: Path) -> None:
    copy = tmp_path / "copy.docx"
    copy.write_bytes(SAMPLE.read_bytes())
    result = run("extract", str(SAMPLE), str(copy))
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and len(lines) == 2
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(SAMPLE), str(copy)]


def test_several_files_as_json_give_an_array_of_the_documents(tmp_path: Path) -> None:
    # Each element is the document extract writes for that file alone, without its final
    # newline: `join_json` strips it from pieces that now carry it.
    copy = tmp_path / "copy.docx"
    copy.write_bytes(SAMPLE.read_bytes())
    alone = [run("extract", str(path)).stdout_bytes for path in (SAMPLE, copy)]
    result = run("extract", str(SAMPLE), str(copy), "-f", "json")
    assert result.exit_code == 0
    assert all(document.endswith(b"}\n") for document in alone)
    assert result.stdout_bytes == b"[\n" + b",\n".join(d[:-1] for d in alone) + b"\n]\n"
    assert [n["source"]["path"] for n in json.loads(result.stdout)] == [str(SAMPLE), str(copy)]


def test_csv_has_bom_and_one_row_per_task() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLE), "--format", "csv"])
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert len(rows) == 56
    assert rows[0]["id"] == "1.1.1" and rows[0]["due"] == "2025-03-31"
    assert rows[1]["lead_units"] == "区直各部门、驻区各单位、各街道"


def test_yaml_round_trips() -> None:
    data = yaml.safe_load(run("extract", str(SAMPLE), "-f", "yaml").stdout)
    assert data["notice"]["doc_number"] == "济高新管办字〔2025〕8号"
    assert isinstance(data["tasks"][0]["id"], str)


def test_output_file_written_and_stdout_empty(tmp_path: Path) -> None:
    out = tmp_path / "notice.json"
    result = run("extract", str(SAMPLE), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(json.loads(out.read_text(encoding="utf-8"))["tasks"]) == 56
    assert [p.name for p in tmp_path.iterdir()] == ["notice.json"]  # no temp file left


def test_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    notice = tmp_path / "n.docx"
    notice.write_bytes(SAMPLE.read_bytes())
    result = run("extract", str(notice), "-o", str(notice))
    assert result.exit_code == 2
    assert "refusing to overwrite an input file" in result.stderr
    assert notice.read_bytes() == SAMPLE.read_bytes()


def test_year_option() -> None:
    data = json.loads(run("extract", str(SAMPLE), "--year", "2026").stdout)
    assert data["notice"]["plan_year"] == 2026
    assert data["tasks"][0]["deadline"]["due"] == "2026-03-31"


def test_warnings_go_to_stderr_and_quiet_silences_them(make_notice) -> None:
    from docx_factory import header_row, p, task_row, tbl

    path = make_notice(p("关于2025年要点的通知") + tbl(header_row(),
                       task_row("（一）甲", "甲局", "——", "要求", "随时")))
    result = run("extract", str(path))
    assert json.loads(result.stdout)["warnings"]
    assert "warning: task 0.1.1" in result.stderr
    assert run("extract", str(path), "-q").stderr == ""


def test_schema_and_version() -> None:
    schema = json.loads(run("schema").stdout)
    assert schema["title"] == "Notice" and "tasks" in schema["properties"]
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("gkparse ")


def _ole2(payload: bytes = b"") -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + payload


def _zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


def _malformed_xml() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document xmlns:w='x'>\n<w:body>\n<w:p></w:body>")
    return buffer.getvalue()


BAD_INPUTS = {
    "empty.docx": (b"", "the file is empty"),
    "random.docx": (b"\x00\x01\x02 not a zip at all", "not a notice file gkparse reads"),
    "report.docx": (b"%PDF-1.7\n", "the PDF cannot be read"),
    "page.docx": (b"<html><body><script>x()</script></body></html>", "the page has no text"),
    "old.doc": (_ole2(), "an OLE2 (Office 97-2003) file that is neither a Word document nor a "
                         "workbook"),
    "locked.docx": (_ole2("EncryptedPackage".encode("utf-16-le")), "password-protected"),
    "cut.docx": (SAMPLE.read_bytes()[:20_000], "truncated or corrupt"),
    "nodoc.docx": (_zip_without_document(), "no word/document.xml"),
    "broken.docx": (_malformed_xml(), "malformed XML in word/document.xml at line 3"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, name: str) -> None:
    data, fragment = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = run("extract", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0] and str(path) in lines[0]
    assert path.read_bytes() == data  # the input is untouched


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert "no such file" in run("extract", str(tmp_path / "nope.docx")).stderr
    empty_folder = run("extract", str(tmp_path))
    assert empty_folder.exit_code == 2 and "no notice files (.docx, .doc" in empty_folder.stderr


def test_batch_continues_past_a_bad_file_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"nope")
    result = run("extract", str(bad), str(SAMPLE))
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 1
    assert "1 of 2 files could not be read" in result.stderr


def test_subprocess_streams_and_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"nope")
    good = subprocess.run([sys.executable, "-m", "gkparse.cli", "extract", str(SAMPLE)],
                          capture_output=True, check=False)
    assert good.returncode == 0 and json.loads(good.stdout)["schema_version"] == 1
    failed = subprocess.run([sys.executable, "-m", "gkparse.cli", "extract", str(bad)],
                            capture_output=True, text=True, check=False)
    assert failed.returncode == 2 and "Traceback" not in failed.stderr
    debug = subprocess.run([sys.executable, "-m", "gkparse.cli", "--debug", "extract", str(bad)],
                           capture_output=True, text=True, check=False)
    assert debug.returncode == 2 and "Traceback" in debug.stderr


def test_usage_error_is_exit_2() -> None:
    assert run("extract").exit_code == 2
    assert run("extract", str(SAMPLE), "--format", "xml").exit_code == 2


def test_library_path_imports_no_cli() -> None:
    code = ("import sys, gkparse; gkparse.parse_notice(sys.argv[1]); "
            "bad = [m for m in ('typer', 'click', 'rich', 'gkparse.cli') if m in sys.modules]; "
            "print(bad)")
    result = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_extract_imports_only_what_it_uses() -> None:
    """Start-up discipline (issue 5): extract of one file loads no check machinery, no unused
    formatter, no pydantic, no rich, no process pool. A list, not a timing, so it cannot flake."""
    code = ("import sys\nfrom gkparse.cli import main\nsys.argv = ['gkparse', 'extract', sys.argv[1], "
            "'-o', sys.argv[2]]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(sys.modules)))")
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([sys.executable, "-c", code, str(SAMPLE), f"{tmp}/out.json"],
                              capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "gkparse.notice.parser" in loaded and "lxml.etree" in loaded
    unwanted = {"rich", "yaml", "pydantic", "gkparse.tracking.checker", "gkparse.tracking.status",
                "gkparse.formats.check", "gkparse.schema", "csv", "multiprocessing",
                "concurrent.futures", "docx"}
    assert loaded & unwanted == set()


@pytest.mark.parametrize("command", ["extract", "schema", "check", "init", "ledger", "report",
                                     "status import"])
def test_each_command_runs_through_the_console_entry_point(command: str) -> None:
    """main() builds only the named command; each must still parse and show its help."""
    done = subprocess.run([sys.executable, "-m", "gkparse.cli", "--debug", *command.split(),
                           "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f" {command} [OPTIONS]" in done.stdout.splitlines()[0]


def test_an_unknown_command_is_a_usage_error() -> None:
    unknown = subprocess.run([sys.executable, "-m", "gkparse.cli", "exract"], capture_output=True,
                             text=True, check=False)
    assert unknown.returncode == 2 and "No such command 'exract'" in unknown.stderr
