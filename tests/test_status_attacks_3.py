"""Third hostile round on the status-file promise (issue 10): ways found after the second
round's 21 fixes. Each test failed on the code as reviewed (the docstring says what happened
and what should) and passes with its fix."""

from __future__ import annotations

import shutil
from pathlib import Path

from status_helpers import HEAD, SAMPLES, book, copy_sample, edited_ledger, gk, load

# --- what a clerk wrote, overwritten --------------------------------------------------------

def test_new_remark_on_a_waived_task_overwrites_a_note_the_ledger_never_showed(
        tmp_path: Path) -> None:
    """3.9.7 is 免于 with `reason:` (该项由市医保局统一宣传…) and a clerk's own `note:`
    (王科长10月确认，留档备查). The ledger's 备注 shows the reason (README: a waived task's
    备注 is its reason); the note is nowhere in the workbook. The unit sets 已完成 /
    2025-10-10 and writes over the 备注 cell it saw: 市里已统一完成. The import writes that
    text into `note:`, replacing the clerk's note that no unit ever saw; the reason the unit
    overwrote stays on the done task. Exit 0, "1 change written". A 备注 cell can only
    replace what it showed (the reason), or the import should refuse/report; a field the
    workbook never displayed must not be overwritten."""
    folder = copy_sample(tmp_path)
    status = folder / "status.yaml"
    status.write_text(status.read_text(encoding="utf-8").replace(
        "    reason: 该项由市医保局统一宣传，区级不再单独开展\n",
        "    reason: 该项由市医保局统一宣传，区级不再单独开展\n"
        "    note: 王科长10月确认，留档备查\n"), encoding="utf-8")
    ledger = edited_ledger(folder, {"3.9.7": {"状态": "已完成", "完成日期": "2025-10-10",
                                              "备注": "市里已统一完成"}})
    result = gk("status", "import", ledger, "--into", status)
    entry = load(status)["tasks"]["3.9.7"]
    assert result.returncode != 0 or entry.get("note") == "王科长10月确认，留档备查", \
        (entry, result.stderr)


# --- what a unit filled in, ignored --------------------------------------------------------

def test_row_whose_number_names_two_tasks_or_a_prefix_is_silently_dropped(tmp_path: Path
                                                                           ) -> None:
    """The second round's test_row_with_a_near_task_id_silently_ignored asked that "a row with
    filled status cells whose 编号 is not a task id should be reported (or the id
    normalised)". Four spellings were normalised; the rule was not built. A unit that
    answers two tasks on one row (编号 '1.1.4、1.1.5'), or writes '任务1.1.4', '1.1.4（牵头）'
    or '1-1-4', still has its 已完成 / 2025-10-10 / 已验收 dropped: "nothing to change",
    exit 0. A row that fills status cells but whose 编号 cannot be read must be reported."""
    for number, typed in enumerate(("1.1.4、1.1.5", "任务1.1.4", "1.1.4（牵头）", "1-1-4")):
        folder = tmp_path / f"case{number}"
        folder.mkdir()
        copy_sample(folder)
        ledger = book(folder / "l.xlsx", [(typed, "已完成", "2025-10-10", None, "已验收")])
        result = gk("status", "import", ledger, "--into", folder / "status.yaml")
        assert not (result.returncode == 0 and "nothing to change" in result.stderr), \
            (typed, result.stderr)


# --- internal errors for valid status files ------------------------------------------------

def test_shortening_a_flow_list_closed_on_its_last_items_line_internal_error(
        tmp_path: Path) -> None:
    """The second round's fix for multi-line flow lists deletes the last item's whole line
    when it starts a line. With the closing bracket on that line (the usual way to wrap a
    long flow list: `evidence: [目录.pdf,   # 王科长确认` / `           通知.pdf]   # 待盖章`),
    the bracket goes too: "internal error: the edited file would not read back (bad YAML:
    did not find expected ',' or ']')", exit 2, for a valid file and a one-line ledger
    change (the unit deleted 通知.pdf from 佐证材料). Should write `[目录.pdf,   # 王科长确认`
    / `]` or `[目录.pdf]`, keeping the comment."""
    status = tmp_path / "status.yaml"
    status.write_text(HEAD + '  "1.1.1":\n    status: done\n    completed_on: 2025-03-28\n'
                      '    evidence: [目录.pdf,   # 王科长确认\n'
                      '               通知.pdf]   # 待盖章\n'
                      '    note: 已发布\n', encoding="utf-8")
    ledger = book(tmp_path / "l.xlsx", [("1.1.1", None, None, "目录.pdf", None)])
    result = gk("status", "import", ledger, "--into", status)
    assert "internal error" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert load(status)["tasks"]["1.1.1"]["evidence"] == ["目录.pdf"]
    assert "# 王科长确认" in status.read_text(encoding="utf-8")


def test_error_or_unsaved_formula_in_the_number_column_drops_the_row_silently(
        tmp_path: Path) -> None:
    """The second round made a cell that shows a formula's error (#N/A, #REF!) or a formula
    with no saved value a refused cell: but only in 状态 / 完成日期 / 佐证材料 / 备注. In the
    编号 column (a 台账 whose 编号 is built by a formula, =A3&"."&B3, that broke with #REF!
    when a unit deleted a helper column; or a script-written formula never calculated) the
    row is simply not a task row: 已完成 / 2025-10-10 / 已验收 dropped, "nothing to change",
    exit 0. The row fills status cells; a 编号 that cannot be read must be reported."""
    import re
    import zipfile

    folder = copy_sample(tmp_path)
    plain = book(folder / "l.xlsx", [("X", "已完成", "2025-10-10", None, "已验收")])
    for number, xml in enumerate(('<c r="A2" t="e"><f>#REF!&amp;".4"</f><v>#REF!</v></c>',
                                  '<c r="A2"><f>"1.1."&amp;(ROW()+2)</f></c>')):
        patched = folder / f"p{number}.xlsx"
        with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(patched, "w") as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename == "xl/worksheets/sheet1.xml":
                    data, count = re.subn(rb'<c r="A2"[^>]*?(?:/>|>.*?</c>)', xml.encode(), data)
                    assert count == 1
                zout.writestr(info, data)
        result = gk("status", "import", patched, "--into", folder / "status.yaml")
        assert not (result.returncode == 0 and "nothing to change" in result.stderr), \
            (xml, result.stderr)


# --- the import journal ---------------------------------------------------------------------

def test_a_fresh_ledger_made_after_a_correction_is_taken_for_the_old_one(tmp_path: Path
                                                                          ) -> None:
    """The journal names a ledger by the digest of its hidden sheet, i.e. by the status
    columns it was made from. Ledger 1 (October) brings 1.1.2 已完成 / 2025-10-10; the office
    sets it back (佐证不足). The file is now exactly as it was, so a new ledger made a month
    later (November) has the same hidden sheet, the same digest, and is taken for ledger 1:
    the unit's real 已完成 / 2025-11-20 is refused as "came from this ledger in an earlier
    import … (a correction?)", and the whole import (1.1.4 推进中 too) is refused; with
    --skip-bad 1.1.2 is dropped, exit 0. The journal guards against re-importing the same
    workbook, so it must tell one ledger from a later one made from the same file (an id
    written into the hidden sheet when the ledger is made)."""
    folder = copy_sample(tmp_path)
    status = folder / "status.yaml"
    before = status.read_bytes()
    first = edited_ledger(folder, {"1.1.2": {"状态": "已完成", "完成日期": "2025-10-10"}})
    assert gk("status", "import", first, "--into", status).returncode == 0
    status.write_bytes(before)  # the office's correction: 1.1.2 back to 推进中
    second = edited_ledger(folder, {"1.1.2": {"状态": "已完成", "完成日期": "2025-11-20"},
                                    "1.1.4": {"状态": "推进中"}}, name="november")
    result = gk("status", "import", second, "--into", status)
    assert result.returncode == 0, result.stderr
    entry = load(status)["tasks"]["1.1.2"]
    assert entry["status"] == "done" and str(entry["completed_on"]) == "2025-11-20", entry


def test_continuation_row_without_its_number_dropped_and_the_first_row_written(
        tmp_path: Path) -> None:
    """1.1.4 is for 各街道: a hand-made 台账 gives it one row per street, 编号 typed on the
    first row only (or '同上' below it), not merged. Street A: 推进中; street B: 已完成 /
    2025-10-10 / 已验收. The second row is no task row, so it is dropped without a word and
    the import writes 1.1.4 未开始 -> 推进中, "1 change written", exit 0. With 编号 merged
    over the two rows the same sheet is refused as a conflict (README: merged cells count
    for every row they cover). A row that fills 状态 under a task's row, with an empty or
    '同上' 编号, belongs to that task (a conflict here), or must at least be reported."""
    folder = copy_sample(tmp_path)
    for number, second in enumerate((None, "同上")):
        status = folder / "status.yaml"
        shutil.copy(SAMPLES / "status.yaml", status)
        ledger = book(folder / f"l{number}.xlsx",
                      [("1.1.4", "某街道", "推进中", None, None),
                       (second, "另一街道", "已完成", "2025-10-10", "已验收")],
                      header=("编号", "责任单位", "状态", "完成日期", "备注"))
        result = gk("status", "import", ledger, "--into", status)
        assert result.returncode != 0, (second, result.stderr,
                                        load(status)["tasks"]["1.1.4"])
