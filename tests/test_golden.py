"""Whole-document golden tests: samples/notice.docx against tests/golden/notice.json.

The golden file was checked against the seed dump cell by cell
(``test_golden_agrees_with_seed_dump`` repeats that check on every run
where ../shared is present).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from pydantic import ValidationError

from gkparse import parse_notice
from gkparse.models import to_data
from gkparse.schema import validate_notice, validate_notice_json

from conftest import ROOT, SHARED

GOLDEN = ROOT / "tests" / "golden" / "notice.json"
SEED = SHARED / "seed" / "notice-2025-8.txt"


def test_sample_matches_golden(repo_root: Path) -> None:
    notice = parse_notice("samples/notice.docx")
    assert to_data(notice) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_records_pass_pydantic_validation_unchanged(repo_root: Path) -> None:
    notice = parse_notice("samples/notice.docx")
    assert validate_notice(notice) == notice
    assert validate_notice_json(GOLDEN.read_bytes()) == notice
    broken = json.loads(GOLDEN.read_text(encoding="utf-8"))
    broken["tasks"][0]["deadline"]["due"] = "2025-02-30"
    broken["tasks"][1]["surprise"] = 1
    with pytest.raises(ValidationError) as caught:
        validate_notice_json(json.dumps(broken))
    assert {e["loc"][-1] for e in caught.value.errors()} == {"due", "surprise"}


def test_golden_figures() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    tasks = golden["tasks"]
    assert len(tasks) == 56
    assert Counter(t["deadline"]["text"] for t in tasks) == {
        "12月底前": 43, "长期坚持": 7, "9月底前": 2, "3月底前": 1, "10月底前": 1, "": 2}
    assert len({t["id"] for t in tasks}) == 56
    assert golden["warnings"] == []


def test_sample_rebuild_is_deterministic(tmp_path: Path) -> None:
    import runpy

    module = runpy.run_path(str(ROOT / "samples" / "build_notice.py"))
    module["build"](tmp_path / "again.docx")
    assert (tmp_path / "again.docx").read_bytes() == (ROOT / "samples" / "notice.docx").read_bytes()


def _seed_table_rows() -> list[list[list[str]]]:
    """The dump's table: rows separated by blank lines, each cell a tab-led line plus its
    continuation lines (one per paragraph)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("\t工作任务"))
    rows: list[list[list[str]]] = []
    current: list[list[str]] | None = None
    for line in lines[start:]:
        if not line.strip() and not line.startswith("\t"):
            if current:
                rows.append(current)
            current = None
        elif line.startswith("\t"):
            current = current or []
            current.append([line[1:]])
        else:
            assert current is not None
            current[-1].append(line)
    if current:
        rows.append(current)
    return rows


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is absent")
def test_golden_agrees_with_seed_dump() -> None:
    """Every task row of the dump, cell by cell, against the golden records.

    Where the dump shows an empty unit cell, the .docx merges it with the cell
    above (（二） row 2 lead; （八） rows 2-4 lead and responsible), so the
    expected value is the one above; an empty deadline stays empty.
    """
    from gkparse.grammar.units import split_units

    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    rows = _seed_table_rows()
    assert [c[0] for c in rows[0]] == ["工作任务", "牵头部门", "责任单位", "具体要求", "完成时限"]
    tasks = iter(golden["tasks"])
    section = subsection = None
    above: dict[int, list[str]] = {}
    for row in rows[1:]:
        texts = [[part.replace("[bookmark: _GoBack]", "").strip() for part in cell if part.strip()]
                 for cell in row]
        if len(row) == 1:
            section = texts[0][0]
            continue
        task = next(tasks)
        if texts[0]:
            subsection = texts[0][0]
        assert section is not None and subsection is not None
        assert task["section"]["title"] == section.split("、", 1)[1]
        assert task["subsection"]["title"] == subsection.split("）", 1)[1].rstrip("。")
        for column, key in ((1, "lead_units"), (2, "responsible_units")):
            cell = texts[column] or above[column]
            above[column] = cell
            assert task[key] == split_units("\n".join(cell)), (task["id"], key)
        assert task["requirement"] == "\n".join(texts[3])
        assert task["deadline"]["text"] == "".join(texts[4])
    assert next(tasks, None) is None
