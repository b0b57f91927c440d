"""Batches: folders, --jobs worker processes, stable order, per-file errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from gkparse.batch import expand_inputs, parse_many
from gkparse.cli import app
from gkparse.formats.extract import JSONL

from conftest import ROOT

SAMPLE = ROOT / "samples" / "notice.docx"
runner = CliRunner()


def _folder(tmp_path: Path, count: int = 6, bad: tuple[int, ...] = ()) -> Path:
    folder = tmp_path / "notices"
    (folder / "sub").mkdir(parents=True)
    for i in range(count):
        target = folder / ("sub" if i % 2 else "") / f"n{i:02d}.docx"
        if i in bad:
            target.write_bytes(b"not a docx")
        else:
            shutil.copyfile(SAMPLE, target)
    (folder / "~$n00.docx").write_bytes(b"\0" * 162)  # Word's lock file beside an open document
    (folder / "notes.txt").write_text("not a notice", encoding="utf-8")
    return folder


def test_folders_expand_to_sorted_docx_files_without_lock_files(tmp_path: Path) -> None:
    folder = _folder(tmp_path, count=4)
    found = [p.relative_to(folder).as_posix() for p in expand_inputs([folder])]
    assert found == ["n00.docx", "n02.docx", "sub/n01.docx", "sub/n03.docx"]


def test_jobs_two_gives_the_same_bytes_as_jobs_one_in_input_order(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    one = runner.invoke(app, ["extract", str(folder), "--jobs", "1"])
    two = runner.invoke(app, ["extract", str(folder), "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout_bytes == two.stdout_bytes
    paths = [json.loads(line)["source"]["path"] for line in two.stdout.splitlines()]
    assert paths == [str(p) for p in expand_inputs([folder])]


def test_a_bad_file_in_a_parallel_batch_is_reported_and_the_rest_written(tmp_path: Path) -> None:
    folder = _folder(tmp_path, count=6, bad=(2, 5))
    result = runner.invoke(app, ["extract", str(folder), "--jobs", "2", "-f", "csv"])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "not a notice file" in line]
    assert len(errors) == 2 and "n02.docx" in errors[0] and "n05.docx" in errors[1]
    assert "2 of 6 files could not be read" in result.stderr
    rows = result.stdout.splitlines()
    assert len(rows) == 1 + 4 * 56  # one header, then each good notice's tasks


def test_library_batch_returns_notices_or_rendered_text(tmp_path: Path) -> None:
    folder = _folder(tmp_path, count=3, bad=(1,))
    paths = expand_inputs([folder])
    plain = list(parse_many(paths, jobs=2))
    assert [r.ok for r in plain] == [True, True, False]  # sorted: n00, n02, sub/n01 (bad)
    assert plain[0].notice is not None and len(plain[0].notice.tasks) == 56
    rendered = list(parse_many(paths, jobs=2, render=JSONL.piece))
    assert rendered[0].notice is None and json.loads(rendered[0].output)["tasks"][0]["id"] == "1.1.1"
    assert "not a notice file" in rendered[2].error
