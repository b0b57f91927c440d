"""Acceptance: the lint samples built by samples/build_lint_samples.py.

samples/lint/good/ holds a notice laid out to GB/T 9704-2012: it lints clean.
samples/lint/bad/ holds one copy per rule that breaks that rule alone: each
gives findings of its own rule and of no other. The same holds for a fresh
build, so the committed files and the script that makes them agree.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from gkparse.lint import RULES, lint_files

from conftest import ROOT

SAMPLES = ROOT / "samples" / "lint"
BAD = sorted((SAMPLES / "bad").glob("*.docx"))


def _builder():
    spec = importlib.util.spec_from_file_location("build_lint_samples",
                                                  ROOT / "samples" / "build_lint_samples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_lint_samples"] = module
    spec.loader.exec_module(module)
    return module


def codes(path: Path) -> list[str]:
    return [f.code for f in lint_files([path]).findings]


def test_the_good_notice_lints_clean() -> None:
    assert codes(SAMPLES / "good" / "notice.docx") == []


def test_every_rule_has_a_bad_sample() -> None:
    assert sorted(p.name.split("-")[0] for p in BAD) == sorted(RULES)


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_a_bad_sample_breaks_its_rule_alone(path: Path) -> None:
    found = codes(path)
    assert found and set(found) == {path.name.split("-")[0]}, found


def test_a_fresh_build_lints_as_the_committed_samples(tmp_path: Path) -> None:
    written = _builder().build_all(tmp_path)
    assert len(written) == len(RULES) + 1
    for path in written:
        committed = SAMPLES / path.relative_to(tmp_path)
        assert committed.exists(), committed
        assert [(f.code, f.paragraph, f.problem) for f in lint_files([path]).findings] == [
            (f.code, f.paragraph, f.problem) for f in lint_files([committed]).findings]


def test_the_build_is_deterministic(tmp_path: Path) -> None:
    builder = _builder()
    builder.write(builder.GOOD, tmp_path / "a.docx")
    builder.write(builder.GOOD, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


def test_the_reference_notice_gives_its_real_findings() -> None:
    """samples/notice.docx reproduces a published notice: no page number field, no grid, the
    发文字号 above the 发文机关标志 (as the dump has it), run-in 一、 headings in 仿宋."""
    report = lint_files([ROOT / "samples" / "notice.docx"])
    assert [(f.code, f.paragraph) for f in report.findings] == [
        ("GB171", None), ("GB203", None), ("GB102", 8), ("GB213", 17), ("GB213", 18),
        ("GB213", 19)]
