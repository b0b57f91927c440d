"""The import's shortcuts (issue 17) skip work only where it cannot matter: each check an
import makes still happens where a row asks for something."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from gkparse.office import import_journal
from gkparse.office.import_journal import journal_path
from gkparse.office.ledger_import import import_ledger

from status_helpers import copy_sample, edited_ledger


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The journals an import reads."""
    seen: list[Path] = []
    real = import_journal._read_entries

    def counted(status_file: Path) -> list[dict[str, object]]:
        seen.append(status_file)
        return real(status_file)

    monkeypatch.setattr(import_journal, "_read_entries", counted)
    return seen


def test_the_journal_is_read_only_when_a_row_asks_for_a_change(tmp_path: Path,
                                                                reads: list[Path]) -> None:
    folder = copy_sample(tmp_path)
    status = folder / "status.yaml"
    before = status.read_bytes()
    unchanged = edited_ledger(folder, {}, sheets=None)
    plan = import_ledger(unchanged, status, write=True)
    assert (plan.changes, plan.bad, reads) == ([], [], [])

    changed = edited_ledger(folder, {"1.1.2": {"状态": "已完成", "完成日期": "2025-10-10"}},
                            sheets=None)
    plan = import_ledger(changed, status, write=True)
    assert [c.task for c in plan.changes] == ["1.1.2"] and not plan.bad
    assert reads == [status.resolve()] and journal_path(status.resolve()).exists()

    # The office sets 1.1.2 back; the same ledger again is the old statement, and the journal
    # (read, because the row asks for a change) says so: reported, not undone.
    status.write_bytes(before)
    plan = import_ledger(changed, status, write=True)
    assert plan.changes == [] and not plan.written
    assert [(cell.task, "imported before" in cell.problem) for cell in plan.bad] == \
        [("1.1.2", True)]
    assert status.read_bytes() == before
    assert len(reads) == 2


def test_an_unchanged_ledger_still_refuses_what_is_wrong_in_it(tmp_path: Path,
                                                               reads: list[Path]) -> None:
    """Nothing differs from the hidden sheet in the rows of tasks the file has; still a row
    naming a task the notice lacks, a filled-in row whose 编号 is two ids, an unknown status
    word and a date that is no date are each refused, and nothing is written."""
    folder = copy_sample(tmp_path)
    status = folder / "status.yaml"
    before = status.read_bytes()
    workbook = edited_ledger(folder, {}, sheets=None)
    book = openpyxl.load_workbook(workbook)
    sheet = book["总台账"]
    header = [cell.value for cell in sheet[1]]
    blank = [None] * len(header)

    def row(**cells: object) -> list[object]:
        values = list(blank)
        for word, value in cells.items():
            values[header.index(word)] = value
        return values

    sheet.append(row(编号="9.9.9", 状态="推进中"))
    sheet.append(row(编号="1.1.2、1.1.3", 状态="推进中"))
    sheet.append(row(编号="1.1.4", 状态="完成了"))
    sheet.append(row(编号="1.1.4", 完成日期="十月"))
    book.save(workbook)
    plan = import_ledger(workbook, status, write=True)
    problems = sorted((cell.task, cell.problem.split(";")[0].split(" (")[0])
                      for cell in plan.bad)
    assert problems == [
        ("1.1.2、1.1.3", "'1.1.2、1.1.3' is not one task id"),
        ("1.1.4", "'十月' is not a date"),
        ("1.1.4", "unknown status '完成了'"),
        ("9.9.9", "no such task in the notice"),
    ]
    assert plan.changes == [] and not plan.written and status.read_bytes() == before
    assert reads == []  # no row asked for a change the journal could hold back


def test_a_task_set_to_waived_takes_the_remark_the_ledger_already_shows(tmp_path: Path) -> None:
    """1.1.2 has a note, which the ledger shows in 备注 on every sheet that lists it. A unit
    sets only its 状态 to 免于: the 备注 cell is as written, so it asks for nothing itself,
    and the reason a 免于 task needs is what 备注 shows (looked up once over all rows)."""
    folder = copy_sample(tmp_path)
    status = folder / "status.yaml"
    edited = edited_ledger(folder, {"1.1.2": {"状态": "免于"}}, sheets=None)
    plan = import_ledger(edited, status, write=True)
    assert not plan.bad and [c.describe() for c in plan.changes] == [
        "1.1.2: 状态 推进中 -> 免于, 备注 - -> '已在不动产登记系统试点嵌入'"]
    entry = plan.changes[0].after
    assert (entry.status, entry.reason) == ("waived", "已在不动产登记系统试点嵌入")
