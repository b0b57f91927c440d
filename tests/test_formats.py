"""Every format a notice arrives in gives the seed's records (tests/golden/notice.json).

The seed in each format: samples/notice.docx itself and in Strict Open XML; the task
table as a workbook and the notice as a GBK web page (tests/formats/build_seed_formats.py);
and LibreOffice's conversions of those: .doc (also as .wps, the Word binary format WPS
writes), .rtf, .odt, .pdf, .html, .xls (also as .et) and .ods. Tests that need LibreOffice
skip without it on a developer's machine and fail under CI=true (``need_program``).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from gkparse import parse_notice
from gkparse.cli import app
from gkparse.errors import DocumentError
from gkparse.limits import Limits
from gkparse.models import to_data
from gkparse.readers.libreoffice import INSTALL_HINT, find_soffice

from conftest import ROOT, need_program

sys.path.insert(0, str(ROOT / "tests" / "formats"))
import build_seed_formats  # lives beside the files it describes

GOLDEN = json.loads((ROOT / "tests" / "golden" / "notice.json").read_text(encoding="utf-8"))
SAMPLE = ROOT / "samples" / "notice.docx"
STRICT = ROOT / "tests" / "formats" / "strict"
runner = CliRunner()


def _soffice() -> str:
    return need_program(find_soffice(), "LibreOffice",
                        "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui "
                        "(scripts/install-test-tools.sh)")


def _convert(soffice: str, sources: list[Path], target: str, folder: Path) -> None:
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--norestore", "--convert-to", target, "--outdir", str(folder),
                    *map(str, sources)], check=True, capture_output=True, timeout=300)


def strict_docx(transitional: bytes) -> bytes:
    """A .docx rewritten as Word writes Strict Open XML: the purl.oclc.org namespaces and
    relationship types, ``w:conformance="strict"`` on the document."""
    pairs = [(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
              b"http://purl.oclc.org/ooxml/wordprocessingml/main"),
             (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
              b"http://purl.oclc.org/ooxml/officeDocument/relationships")]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(transitional)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith((".xml", ".rels")):
                for old, new in pairs:
                    data = data.replace(old, new)
                if info.filename == "word/document.xml":
                    data = data.replace(b"<w:body>", b"<w:body>", 1).replace(
                        b"<w:document ", b'<w:document w:conformance="strict" ', 1)
            target.writestr(info, data)
    return out.getvalue()


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed in the formats made without LibreOffice."""
    folder = tmp_path_factory.mktemp("seed")
    build_seed_formats.main(folder)
    shutil.copyfile(SAMPLE, folder / "notice.docx")
    (folder / "notice-strict.docx").write_bytes(strict_docx(SAMPLE.read_bytes()))
    return folder


@pytest.fixture(scope="session")
def converted(made: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed as LibreOffice saves it: .doc, .rtf, .odt, .pdf, .html, .xls, .ods."""
    soffice = _soffice()
    folder = tmp_path_factory.mktemp("converted")
    for target in ("doc", "rtf", "odt", "pdf", "html"):
        _convert(soffice, [made / "notice.docx"], target, folder)
    for target in ("xls", "ods"):
        _convert(soffice, [made / "notice.xlsx"], target, folder)
    # WPS saves .wps and .et in the Word and Excel binary formats, under its own names.
    shutil.copyfile(folder / "notice.doc", folder / "notice.wps")
    shutil.copyfile(folder / "notice.xls", folder / "notice.et")
    return folder


def _without_source(notice: dict) -> dict:
    return {key: value for key, value in notice.items() if key != "source"}


def _check_document(path: Path, expected_format: str) -> None:
    notice = to_data(parse_notice(path))
    assert notice["source"]["format"] == expected_format
    assert _without_source(notice) == _without_source(GOLDEN)


@pytest.mark.parametrize(("name", "kind"), [("notice-strict.docx", "docx"),
                                            ("notice-gbk.html", "html")])
def test_formats_made_here_give_the_golden_notice(made: Path, name: str, kind: str) -> None:
    _check_document(made / name, kind)


@pytest.mark.parametrize(("name", "kind"), [("notice.doc", "doc"), ("notice.wps", "wps"),
                                            ("notice.rtf", "rtf"), ("notice.odt", "odt"),
                                            ("notice.pdf", "pdf"), ("notice.html", "html")])
def test_libreoffice_formats_give_the_golden_notice(converted: Path, name: str, kind: str) -> None:
    _check_document(converted / name, kind)


def _check_workbook(path: Path, kind: str) -> None:
    notice = to_data(parse_notice(path))
    assert notice["source"]["format"] == kind
    assert notice["tasks"] == GOLDEN["tasks"]
    assert notice["warnings"] == []
    # A workbook holds the table only: its title row is the title, the rest is null.
    assert notice["notice"] == {**{k: None if not isinstance(v, list) else []
                                   for k, v in GOLDEN["notice"].items()},
                                "title": "济宁高新区贯彻落实2025年济宁市政务公开任务分解表",
                                "plan_year": 2025}


def test_xlsx_gives_the_golden_tasks(made: Path) -> None:
    _check_workbook(made / "notice.xlsx", "xlsx")


@pytest.mark.parametrize(("name", "kind"), [("notice.xls", "xls"), ("notice.et", "et"),
                                            ("notice.ods", "ods")])
def test_libreoffice_workbooks_give_the_golden_tasks(converted: Path, name: str, kind: str) -> None:
    _check_workbook(converted / name, kind)


def test_the_pdf_table_runs_over_several_pages_and_is_one_table(converted: Path) -> None:
    done = subprocess.run([need_program(shutil.which("pdftotext"), "pdftotext",
                                        "apt-get install poppler-utils"),
                           str(converted / "notice.pdf"), "-"], capture_output=True, text=True,
                          check=True)
    assert done.stdout.count("\f") >= 5  # the table alone fills several pages
    assert done.stdout.count("工作任务") > 3  # with its header repeated on each
    tasks = parse_notice(converted / "notice.pdf").tasks
    assert {task.source.table for task in tasks} == {1}


@pytest.mark.parametrize("name", ["mammoth-strict-format.docx", "docx2python-strict.docx"])
def test_strict_files_word_saved_are_read(name: str) -> None:
    """Strict files Word saved (from mammoth's and docx2python's test suites): their text is
    read, where before gkparse said they were not WordprocessingML."""
    notice = parse_notice(STRICT / name)
    assert notice.source.format == "docx"
    assert not any("not a WordprocessingML" in w for w in notice.warnings)
    expected = {"mammoth-strict-format.docx": "Test",
                "docx2python-strict.docx": "table 1 skipped: no task header row (starts with "
                                           "'Cellaa')"}[name]
    if name.startswith("mammoth"):
        from gkparse.ooxml.package import open_package

        text = "".join(open_package(STRICT / name).document.itertext())
        assert text == expected
    else:
        assert expected in notice.warnings


def test_the_name_may_lie(made: Path, tmp_path: Path) -> None:
    """The format comes from the bytes: a workbook or a web page named .docx is read as what
    it is, and so is the web page many sites export as "Excel" or "Word" (.xls, .doc)."""
    for source, kind, name in (("notice.xlsx", "xlsx", "a.docx"), ("notice-gbk.html", "html",
                                                                  "b.docx"),
                               ("notice-gbk.html", "html", "export.xls"),
                               ("notice-gbk.html", "html", "export.doc")):
        lying = tmp_path / name
        shutil.copyfile(made / source, lying)
        notice = parse_notice(lying)
        assert notice.source.format == kind and len(notice.tasks) == 56


def _wrapper(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_a_folder_of_legacy_files_is_converted_in_one_libreoffice_run(
        converted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("notice.doc", "notice.wps", "notice.rtf", "notice.odt"):
        shutil.copyfile(converted / name, folder / name)
    before = sorted(p.name for p in folder.iterdir())
    log = tmp_path / "runs.log"
    monkeypatch.setenv("GKPARSE_SOFFICE", str(_wrapper(
        tmp_path, f'echo run >> "{log}"\nexec "{_soffice()}" "$@"')))
    result = runner.invoke(app, ["extract", str(folder), "-o", str(tmp_path / "all.jsonl"),
                                 "--jobs", "2"])
    assert result.exit_code == 0, result.stderr
    assert log.read_text().splitlines() == ["run"]
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"]["format"] for line in lines] == ["doc", "odt", "rtf", "wps"]
    assert all(json.loads(line)["tasks"] == GOLDEN["tasks"] for line in lines)
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written beside them


def test_without_libreoffice_a_doc_is_one_line_saying_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GKPARSE_SOFFICE", str(tmp_path / "no-soffice-here"))
    legacy = ROOT / "tests" / "bad_inputs" / "legacy.doc"
    result = runner.invoke(app, ["extract", str(legacy)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"gkparse: {legacy}: reading a .doc file needs LibreOffice, which is not installed: "
        f"{INSTALL_HINT}"]


def test_libreoffice_is_stopped_at_the_time_limit(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    pids = tmp_path / "pid"
    monkeypatch.setenv("GKPARSE_SOFFICE", str(_wrapper(
        tmp_path, f'echo $$ > "{pids}"\nsleep 60\nsleep 60')))
    legacy = ROOT / "tests" / "bad_inputs" / "legacy.doc"
    with pytest.raises(DocumentError, match=r"did not convert it to \.docx within the 1 s limit"):
        parse_notice(legacy, limits=Limits(max_convert_seconds=1))
    pid = int(pids.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed, with what it started


def test_the_private_profile_is_used_and_removed(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    args = tmp_path / "args"
    monkeypatch.setenv("GKPARSE_SOFFICE", str(_wrapper(tmp_path, f'echo "$@" > "{args}"')))
    with pytest.raises(DocumentError, match="LibreOffice could not convert it"):
        parse_notice(ROOT / "tests" / "bad_inputs" / "legacy.doc")
    given = args.read_text()
    profile = re.search(r"-env:UserInstallation=file://(\S+)", given)
    assert profile and "--headless" in given and "--convert-to" in given
    assert not Path(profile.group(1)).exists()  # the temporary folder is gone


@pytest.mark.parametrize("name", ["notice.pdf", "notice.ods", "notice.doc"])
def test_every_command_that_takes_a_notice_takes_every_format(
        converted: Path, tmp_path: Path, name: str) -> None:
    notice = converted / name
    status = tmp_path / "status.yaml"
    assert runner.invoke(app, ["init", str(notice), "-o", str(status)]).exit_code == 0
    assert status.read_text(encoding="utf-8").count("\n    status: todo") == 56
    shutil.copyfile(notice, tmp_path / name)
    text = status.read_text(encoding="utf-8")
    status.write_text(re.sub(r"^notice: .*$", f"notice: {name}", text, count=1, flags=re.M),
                      encoding="utf-8")
    checked = runner.invoke(app, ["check", str(status), "-f", "json", "--as-of", "2025-07-01"])
    assert checked.exit_code in (0, 1), checked.stderr
    assert json.loads(checked.stdout)["summary"]["tasks"] == 56
    again = runner.invoke(app, ["check", str(status), "--notice", str(notice), "-f", "json",
                                "--as-of", "2025-07-01"])
    assert json.loads(again.stdout)["summary"] == json.loads(checked.stdout)["summary"]
    assert runner.invoke(app, ["ledger", str(notice), "-o", str(tmp_path / "l.xlsx")]
                         ).exit_code == 0
    report = runner.invoke(app, ["report", str(status), "-o", str(tmp_path / "r.html")])
    assert report.exit_code == 0, report.stderr
    assert "56" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_a_pdf_printed_by_a_browser_gives_the_golden_records_but_one_cell(
        made: Path, tmp_path: Path) -> None:
    """Chromium's PDF of the notice page: another writer, which draws separated double
    borders, cuts rows and merged cells at page breaks without closing them, maps some
    characters to radical code points and puts no space between a cell's paragraphs.

    Everything reads as the golden file says but one cell: task 3.10.2's lead units are
    three paragraphs whose lines end exactly at the column's edge, and a PDF keeps nothing
    else that tells a new paragraph from a wrapped line there.
    """
    browser = need_program(shutil.which("chromium") or shutil.which("chromium-browser"),
                           "Chromium", "scripts/install-test-tools.sh installs it")
    pdf = tmp_path / "printed.pdf"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--user-data-dir={tmp_path / 'profile'}",
                    f"--print-to-pdf={pdf}", (made / "notice-gbk-unwrapped.html").as_uri()],
                   capture_output=True, timeout=120, check=True)
    notice = to_data(parse_notice(pdf))
    assert notice["notice"] == GOLDEN["notice"] and notice["warnings"] == []
    differing = {task["id"]: {k: v for k, v in task.items() if golden[k] != v}
                 for task, golden in zip(notice["tasks"], GOLDEN["tasks"], strict=True)
                 if task != golden}
    assert differing == {"3.10.2": {"lead_units": ["区发展改革局", "区行政审批服务局区党政办公室"]}}


@pytest.mark.parametrize("name", ["notice.xlsx", "notice-gbk.html", "notice.xls", "notice.ods",
                                  "notice.pdf"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_files_give_a_result_or_one_refusal(converted: Path, made: Path, name: str,
                                                    data: st.DataObject) -> None:
    """Flipped bytes, cut files and dropped chunks of every reader's format: a notice or a
    DocumentError, never another exception (calamine's panics on damaged .xls included)."""
    folder = made if (made / name).exists() else converted
    original = (folder / name).read_bytes()
    damaged = bytearray(original)
    how = data.draw(st.sampled_from(["flip", "cut", "drop"]))
    if how == "flip":
        for at in data.draw(st.lists(st.integers(0, len(original) - 1), min_size=1, max_size=20)):
            damaged[at] = data.draw(st.integers(0, 255))
    elif how == "cut":
        damaged = damaged[:data.draw(st.integers(0, len(original) - 1))]
    else:
        start = data.draw(st.integers(0, len(original) - 1))
        del damaged[start:start + data.draw(st.integers(1, 500))]
    path = converted / f"damaged{Path(name).suffix}"
    path.write_bytes(bytes(damaged))
    try:
        parse_notice(path)
    except DocumentError as exc:
        assert "\n" not in exc.describe()


def test_a_folder_gives_every_format_but_a_saved_page_s_parts(tmp_path: Path) -> None:
    from gkparse.batch import expand_inputs

    names = ["a.docx", "b.DOC", "c.wps", "d.rtf", "e.odt", "f.xlsx", "g.xls", "h.et", "i.ods",
             "j.html", "k.htm", "l.pdf"]
    for name in [*names, "notes.txt", "~$a.docx", ".~b.doc"]:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "j_files").mkdir()
    (tmp_path / "j_files" / "frame.htm").write_bytes(b"x")  # saved beside j.html: a part
    (tmp_path / "other_files").mkdir()
    (tmp_path / "other_files" / "m.pdf").write_bytes(b"x")  # no page beside: a notice
    found = [p.relative_to(tmp_path).as_posix() for p in expand_inputs([tmp_path])]
    assert found == sorted([*names, "other_files/m.pdf"])
