"""Second hostile round on the status-file promise (issue 10): ways found to break it after the
28 fixes in test_status_attacks.py. Each test failed on the code as it was reviewed (each
docstring says what happened then and what should have) and passes with its fix."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from status_helpers import HEAD, book, edited_ledger, gk, import_into, load, write


def patch_cell(src: Path, dst: Path, ref: str, xml: str) -> Path:
    """The workbook with one cell of its first sheet written as raw XML (what Excel or
    LibreOffice write for cells openpyxl cannot make)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text, count = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', xml,
                                      data.decode("utf-8"))
                assert count == 1
                data = text.encode("utf-8")
            zout.writestr(info, data)
    return dst


# --- a correction reverted --------------------------------------------------------------------

def test_reimport_reverts_a_correction_back_to_the_ledgers_own_value(sample: Path) -> None:
    """The first round's test_reimport_reverts_a_reviewers_correction, in its commonest form.
    1.1.2 is 推进中 when the ledger is made; a unit marks it 已完成 (2025-10-10); it is
    imported. The office reviews it and sends it back to what it was
    (`status: in_progress   # 复核：佐证不足，退回`, date removed). The same workbook is
    imported again (resent, or the command run twice): the status file now equals the
    hidden sheet, so the three-way merge takes the unit's cell as news and writes
    已完成 / 2025-10-10 again next to the comment saying it was refused; exit 0,
    "1 change written". README: "a workbook imported twice asks for nothing it did not
    mean", "an office's correction after an earlier import is not overwritten"."""
    status = sample / "status.yaml"
    ledger = edited_ledger(sample, {"1.1.2": {9: "已完成", 10: "2025-10-10"}})
    assert gk("status", "import", ledger, "--into", status).returncode == 0
    text = status.read_text(encoding="utf-8")
    imported = '  "1.1.2":\n    status: done\n    completed_on: 2025-10-10\n'
    assert imported in text
    write(status, text.replace(imported,
                               '  "1.1.2":\n    status: in_progress   # 复核：佐证不足，退回\n'))
    result = gk("status", "import", ledger, "--into", status)
    assert load(status)["tasks"]["1.1.2"]["status"] == "in_progress", result.stderr


# --- filled-in cells silently ignored -------------------------------------------------------

@pytest.mark.parametrize("word", ["进度", "工作进度", "完成进度", "落实情况", "办理情况"])
def test_status_column_with_an_unlisted_header_is_silently_ignored(sample: Path,
                                                                   word: str) -> None:
    """A 台账 headed 编号 | 进度 | 备注 (or 工作进度, 落实情况 …): the column holds exactly the
    status words (已完成), but its header is not in HEADER_WORDS, so the sheet is read with
    备注 only. The import writes the note, says "1 change written", exit 0, and 1.1.4 stays
    未开始. A column whose cells are status words is the status column whatever its header;
    at the least, a row with a filled cell in an unread column should be reported."""
    status = sample / "status.yaml"
    ledger = book(sample / "l.xlsx", [("1.1.4", "已完成", "市里已验收")],
                  header=("编号", word, "备注"))
    result = gk("status", "import", ledger, "--into", status)
    entry = load(status)["tasks"]["1.1.4"]
    assert not (result.returncode == 0 and entry["status"] == "todo"), (entry, result.stderr)


@pytest.mark.parametrize("typed", ["1．1．4", "1.1.4\u200b", "1.1.4.", "1。1。4"])
def test_row_with_a_near_task_id_silently_ignored(sample: Path, typed: str) -> None:
    """A hand-typed 编号 with a full-width dot (1．1．4, Chinese IME in full-width mode), a
    zero-width space pasted from a web page, a trailing dot or 。: the row is not a task row,
    so its 已完成 / 2025-10-10 / 已验收 are dropped and the run says "nothing to change",
    exit 0 - the symptom issue 10 item 6 forbids. A row with filled status cells whose 编号
    is not a task id should be reported (or the id normalised), not skipped."""
    status = sample / "status.yaml"
    ledger = book(sample / "l.xlsx", [(typed, "已完成", "2025-10-10", None, "已验收")])
    result = gk("status", "import", ledger, "--into", status)
    assert not (result.returncode == 0 and "nothing to change" in result.stderr), result.stderr


def test_two_row_header_without_merged_cells_drops_the_subcolumns(sample: Path) -> None:
    """The README's two-row header (完成情况 over 状态 / 完成日期 / 佐证材料 / 备注), typed
    without merging 编号 down or 完成情况 across (or "centred across selection"): the first
    row is taken as the header (编号 + 完成情况 = status), the second row is skipped as a
    row with no task id. Only 状态 is imported; 完成日期, 佐证材料 and 备注 are silently
    dropped; exit 0 with "状态 未开始 -> 已完成" (a done task without its date). With 完成情况
    merged over C1:F1 the same sheet is refused with "the 状态 columns C、D、E、F say
    different things" instead."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["编号", "具体要求", "完成情况", None, None, None])
    sheet.append([None, None, "状态", "完成日期", "佐证材料", "备注"])
    sheet.append(["1.1.4", "…", "已完成", "2025-10-10", "目录文件", "市里验收"])
    workbook.save(sample / "two.xlsx")
    result = gk("status", "import", sample / "two.xlsx", "--into", sample / "status.yaml")
    entry = load(sample / "status.yaml")["tasks"]["1.1.4"]
    assert result.returncode != 0 or entry.get("completed_on") == date(2025, 10, 10), \
        (entry, result.stderr)
    assert result.returncode != 0 or entry.get("note") == "市里验收", (entry, result.stderr)


def test_cells_without_references_ignored_after_the_first_data_row(sample: Path) -> None:
    """ECMA-376 makes a cell's r="I3" optional (a cell without it is the next column), and
    workbooks exported by some systems leave it out. Once the header is found the reader
    skips unread columns without counting them, so from the second data row on every cell
    after the first unread column lands in the wrong column: 1.1.4's 已完成 / 2025-10-10 /
    目录.pdf / 市里验收 are all dropped and the run says "nothing to change", exit 0."""
    ledger = book(sample / "l.xlsx",
                  [("1.1.3", "…", "区党政办公室", "推进中", "", "", ""),
                   ("1.1.4", "…", "各街道", "已完成", "2025-10-10", "目录.pdf", "市里验收")],
                  header=("编号", "具体要求", "牵头单位", "状态", "完成日期", "佐证材料", "备注"))
    bare = sample / "bare.xlsx"
    with zipfile.ZipFile(ledger) as zin, zipfile.ZipFile(bare, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", data)
            zout.writestr(info, data)
    result = gk("status", "import", bare, "--into", sample / "status.yaml")
    entry = load(sample / "status.yaml")["tasks"]["1.1.4"]
    assert entry["status"] == "done" and entry.get("note") == "市里验收", (entry, result.stderr)


def test_second_table_in_a_sheet_read_with_the_first_tables_columns(sample: Path) -> None:
    """One sheet, two tables (一、区直部门 then 二、各街道), each with its own header row; the
    second table has 备注 and 佐证材料 the other way round. The second header row is taken
    for a data row with no task id and skipped, and the second table is read with the first
    table's columns: 1.1.4 gets evidence '已在三个社区试点' and note '试点方案.pdf', exit 0."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["一、区直部门"])
    sheet.append(["编号", "状态", "佐证材料", "备注"])
    sheet.append(["1.1.1", "已完成", "目录.pdf", None])
    sheet.append(["二、各街道"])
    sheet.append(["编号", "状态", "备注", "佐证材料"])
    sheet.append(["1.1.4", "推进中", "已在三个社区试点", "试点方案.pdf"])
    workbook.save(sample / "two.xlsx")
    result = gk("status", "import", sample / "two.xlsx", "--into", sample / "status.yaml")
    entry = load(sample / "status.yaml")["tasks"]["1.1.4"]
    if result.returncode == 0:
        assert entry.get("note") == "已在三个社区试点", (entry, result.stderr)
        assert entry.get("evidence") in (["试点方案.pdf"], "试点方案.pdf"), entry


# --- comments and values the user wrote, lost or changed ------------------------------------

def test_removing_an_evidence_item_moves_its_comment_onto_the_kept_one(tmp_path: Path) -> None:
    """evidence: [目录.pdf  # 王科长确认, 通知.pdf  # 待盖章] and the unit deletes the first
    line of 佐证材料. The editor rewrites item 1 as 通知.pdf and deletes item 2's line, so
    the file now says `- 通知.pdf   # 王科长确认`: the kept item's own comment (待盖章) is
    gone and the deleted item's comment claims the kept one was confirmed. Exit 0. (Adding
    an item in front shifts every comment down one item the same way.)"""
    status, result = import_into(
        tmp_path, HEAD + '  "1.1.1":\n    status: done\n    evidence:\n'
                         '      - 目录.pdf   # 王科长确认\n      - 通知.pdf   # 待盖章\n',
        [("1.1.1", None, None, "通知.pdf")])
    assert result.returncode == 0, result.stderr
    text = status.read_text(encoding="utf-8")
    assert "通知.pdf   # 待盖章" in text and "通知.pdf   # 王科长确认" not in text, text


def test_shrinking_a_multiline_flow_list_loses_the_kept_items_comment(tmp_path: Path) -> None:
    """The README promises a multi-line flow list's comments stay. Shortening
    [目录.pdf,  # 第一份，王科长确认 / 通知.pdf,  # 第二份] to 目录.pdf deletes from the end
    of 目录.pdf to the end of 通知.pdf: '# 第一份，王科长确认' is gone and '# 第二份' now
    sits on 目录.pdf. Exit 0."""
    status, result = import_into(
        tmp_path, HEAD + '  "1.1.1":\n    status: done\n    evidence: [\n'
                         '      目录.pdf,     # 第一份，王科长确认\n      通知.pdf,     # 第二份\n    ]\n',
        [("1.1.1", None, None, "目录.pdf")])
    assert result.returncode == 0, result.stderr
    text = status.read_text(encoding="utf-8")
    assert "# 第一份，王科长确认" in text, text
    assert load(status)["tasks"]["1.1.1"]["evidence"] == ["目录.pdf"]


def test_untouched_block_evidence_rewritten_without_baseline(sample: Path) -> None:
    """The first round fixed this for `note: |`, not for evidence. `evidence: |` with one
    document per line; a unit returns only its own sheet (no hidden 'gkparse' sheet) and
    changes another task's 状态. The import also rewrites 1.1.1's untouched evidence block
    scalar as a list ("1.1.1: 佐证材料 1 项 -> 2 项"), exit 0: a value nobody changed."""
    status = sample / "status.yaml"
    text = status.read_text(encoding="utf-8")
    changed = text.replace('    evidence: "济高新管办字〔2025〕3号 主动公开事项目录（2025版）"\n',
                           "    evidence: |\n      济高新管办字〔2025〕3号\n"
                           "      主动公开事项目录（2025版）\n")
    assert changed != text
    write(status, changed)
    unit = edited_ledger(sample, {"1.1.3": {9: "已完成", 10: "2025-10-12"}},
                         keep_only="区党政办公室")
    result = gk("status", "import", unit, "--into", status)
    assert result.returncode == 0, result.stderr
    assert "    evidence: |\n      济高新管办字〔2025〕3号\n      主动公开事项目录（2025版）\n" in \
        status.read_text(encoding="utf-8"), result.stderr


def test_editor_save_during_the_write_is_lost(sample: Path, tmp_path_factory) -> None:
    """README: gkparse refuses "a file that changed on disk while gkparse worked (saved in an
    editor meanwhile)". The comparison is made before the temporary file is written and
    fsync'ed, and the rename comes after; a save that lands in that window (a large file,
    a slow disk) is overwritten. Simulated here by a save made while gkparse's fsync runs:
    the clerk's line is gone, exit 0 "1 change written". The check belongs right before the
    rename (and the window is then microseconds, not a disk flush)."""
    status = sample / "status.yaml"
    hook = tmp_path_factory.mktemp("hook")
    (hook / "sitecustomize.py").write_text(
        "import os\n_fsync = os.fsync\n"
        "def fsync(fd):\n"
        "    _fsync(fd)\n"
        "    try:\n        name = os.readlink(f'/proc/self/fd/{fd}')\n"
        "    except OSError:\n        return\n"
        "    if os.path.basename(name).startswith('.status.yaml.gkparse-'):\n"
        "        with open(os.environ['EDITOR_SAVE'], 'a', encoding='utf-8') as f:\n"
        "            f.write('# 王科长在编辑器里加的一行\\n')\n"
        "os.fsync = fsync\n", encoding="utf-8")
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to see which file is being synced")
    ledger = book(sample / "l.xlsx", [("1.1.4", "已完成", "2025-10-10")])
    env = dict(os.environ, PYTHONPATH=str(hook), EDITOR_SAVE=str(status))
    result = gk("status", "import", ledger, "--into", status, env=env)
    text = status.read_text(encoding="utf-8")
    assert "王科长在编辑器里加的一行" in text or result.returncode != 0, result.stderr


# --- values written that nobody typed --------------------------------------------------------

def test_error_cell_imported_as_note_text(sample: Path) -> None:
    """备注 filled by a lookup formula that failed (=VLOOKUP(...) showing #N/A, saved by Excel
    or LibreOffice as t="e"): the import writes `note: '#N/A'`, exit 0. An error value is
    a bad cell, like a formula with no saved value."""
    plain = book(sample / "l.xlsx", [("1.1.4", "推进中", None, None, "x")])
    ledger = patch_cell(plain, sample / "e.xlsx", "E2",
                        '<c r="E2" t="e"><f>VLOOKUP(A2,Sheet2!A:B,2,FALSE)</f><v>#N/A</v></c>')
    result = gk("status", "import", ledger, "--into", sample / "status.yaml")
    entry = load(sample / "status.yaml")["tasks"]["1.1.4"]
    assert entry.get("note") != "#N/A", result.stderr


def test_deadline_column_headed_wanchengshijian_written_as_completion_dates(sample: Path
                                                                            ) -> None:
    """A 台账 built from the notice's 任务分解表, where 完成时间 is the deadline column (as in
    many published plans: 序号 | 重点任务 | 牵头单位 | 完成时间 | 完成情况). 完成时间 is read
    as 完成日期: 1.1.1's real completion date 2025-03-28 is replaced by its deadline
    2025-03-31, and 1.1.4 gets completed_on 2025-12-31 - after the file's own as_of
    (2025-10-15), a date that cannot have happened. Exit 0, "2 changes written". A
    completion date after today / as_of should at least be a bad cell."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "总台账"
    sheet.append(["序号", "编号", "重点任务", "牵头单位", "完成时间", "完成情况"])
    sheet.append([1, "1.1.1", "…", "区党政办公室", datetime(2025, 3, 31), "已完成"])
    sheet.append([2, "1.1.4", "…", "各街道", datetime(2025, 12, 31), "已完成"])
    for cell in ("E2", "E3"):
        sheet[cell].number_format = "yyyy-mm-dd"
    workbook.save(sample / "plan.xlsx")
    result = gk("status", "import", sample / "plan.xlsx", "--into", sample / "status.yaml")
    tasks = load(sample / "status.yaml")["tasks"]
    assert tasks["1.1.1"]["completed_on"] == date(2025, 3, 28), result.stderr
    assert tasks["1.1.4"].get("completed_on", date.min) <= date(2025, 10, 15), result.stderr


def test_date_typed_in_remark_written_as_a_timestamp(sample: Path) -> None:
    """A clerk types 10月20日 in 备注 (when the meeting is); Excel and WPS turn it into a date
    cell shown as 10月20日. The import writes `note: '2025-10-20 00:00:00'` - a timestamp
    nobody typed (and 85% becomes '0.85'), exit 0. Text cells should get what they show,
    or be reported."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["编号", "状态", "备注"])
    sheet.append(["1.1.4", "推进中", datetime(2025, 10, 20)])
    sheet["C2"].number_format = 'm"月"d"日"'
    workbook.save(sample / "h.xlsx")
    result = gk("status", "import", sample / "h.xlsx", "--into", sample / "status.yaml")
    note = load(sample / "status.yaml")["tasks"]["1.1.4"].get("note")
    assert note != "2025-10-20 00:00:00", result.stderr


def test_status_set_to_waived_keeps_remark_as_note_not_reason(sample: Path) -> None:
    """The 备注 column is a waived task's reason (README). 1.1.2 (推进中, 备注 '已在不动产登记
    系统试点嵌入') is set to 免于 in the ledger, 备注 left as it reads. The import writes
    status: 免于 with no reason (the note stays a note), exit 0; check then fails with
    GK112 "waived without a reason", while a new ledger shows that text as its reason."""
    status = sample / "status.yaml"
    ledger = edited_ledger(sample, {"1.1.2": {9: "免于"}})
    result = gk("status", "import", ledger, "--into", status)
    assert result.returncode == 0, result.stderr
    entry = load(status)["tasks"]["1.1.2"]
    checked = gk("check", status, "--as-of", "2025-10-15")
    assert entry.get("reason") or "GK112" not in checked.stdout, (entry, result.stderr)


def test_emptied_remark_ignored_when_set_back_from_waived(sample: Path) -> None:
    """3.9.7 is 免于 with reason '该项由市医保局统一宣传…'. In the ledger a unit sets it to 推进中
    and empties 备注. The import reports "备注 - -> -", writes the status and keeps the
    reason; the next ledger shows the text in 备注 again. README: "a 备注 cell that held a
    value and was emptied clears that field"."""
    status = sample / "status.yaml"
    ledger = edited_ledger(sample, {"3.9.7": {9: "推进中", 12: None}})
    result = gk("status", "import", ledger, "--into", status)
    assert result.returncode == 0, result.stderr
    entry = load(status)["tasks"]["3.9.7"]
    assert entry["status"] == "in_progress" and not entry.get("reason"), (entry, result.stderr)


def test_emptied_reason_of_a_waived_task_written_as_waived_without_reason(sample: Path) -> None:
    """Emptying 备注 of a task still 免于 clears its reason: exit 0 "1 change written", and
    `check` then fails with GK112 (an error). Like a completion date on a task not 已完成,
    a 免于 without its reason should be refused, not written."""
    status = sample / "status.yaml"
    ledger = edited_ledger(sample, {"3.9.7": {12: None}})
    result = gk("status", "import", ledger, "--into", status)
    checked = gk("check", status, "--as-of", "2025-10-15")
    assert not (result.returncode == 0 and "GK112" in checked.stdout), result.stderr


# --- valid input refused ---------------------------------------------------------------------

def test_formula_showing_an_empty_cell_refused_as_unsaved(sample: Path) -> None:
    """备注 = IF(B2="已完成","验收","") showing nothing. Excel and LibreOffice save an empty
    result as <v></v> (LibreOffice `soffice --convert-to xlsx` does exactly this); gkparse
    reads it as "a formula with no saved value (open the workbook in Excel or WPS and save
    it)" and refuses the whole import, exit 2 - and saving again changes nothing."""
    plain = book(sample / "l.xlsx", [("1.1.4", "推进中", None, None, "x")])
    ledger = patch_cell(plain, sample / "f.xlsx", "E2",
                        '<c r="E2" s="0" t="str"><f aca="false">IF(B2=&quot;已完成&quot;,'
                        '&quot;验收&quot;,&quot;&quot;)</f><v></v></c>')
    result = gk("status", "import", ledger, "--into", sample / "status.yaml")
    assert result.returncode == 0, result.stderr
    assert load(sample / "status.yaml")["tasks"]["1.1.4"]["status"] == "in_progress"


def test_libreoffice_saved_formula_showing_empty_refused(sample: Path) -> None:
    """The same, from a real save: a 台账 whose 备注 is =IF(B2="已完成","验收",""), opened and
    saved by LibreOffice (`soffice --headless --convert-to xlsx`). Refused, exit 2."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "总台账"
    sheet.append(["编号", "状态", "完成日期", "佐证材料", "备注"])
    sheet.append(["1.1.4", "推进中", None, None, '=IF(B2="已完成","验收","")'])
    (sample / "in").mkdir()
    workbook.save(sample / "in" / "l.xlsx")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{sample}/lo",
                    "--convert-to", "xlsx", "--outdir", str(sample / "out"),
                    str(sample / "in" / "l.xlsx")], capture_output=True, timeout=300)
    saved = sample / "out" / "l.xlsx"
    assert saved.exists()
    result = gk("status", "import", saved, "--into", sample / "status.yaml")
    assert result.returncode == 0, result.stderr
    assert load(sample / "status.yaml")["tasks"]["1.1.4"]["status"] == "in_progress"


def test_reopening_a_done_task_without_baseline_asks_to_empty_an_empty_cell(sample: Path
                                                                           ) -> None:
    """A unit's own sheet (no hidden 'gkparse' sheet) sets 1.1.1 (已完成, 2025-03-28 in the
    status file) back to 推进中 with 完成日期 empty and 备注 退回重做. The whole import is
    refused, exit 2: "完成日期 2025-03-28 on a task that is 推进中 … (set 状态 to 已完成, or
    empty 完成日期)" - but the cell is empty; the date is only in the status file, and no
    edit of this workbook can ever import the row (with --skip-bad it is dropped, 备注
    too). Either the reopening clears the date, or the message says where the date is."""
    status = sample / "status.yaml"
    ledger = book(sample / "l.xlsx", [("1.1.1", "推进中", None, None, "退回重做")])
    result = gk("status", "import", ledger, "--into", status)
    entry = load(status)["tasks"]["1.1.1"]
    if result.returncode == 0:
        assert entry["status"] == "in_progress" and "completed_on" not in entry, entry
    else:
        assert "empty 完成日期" not in result.stderr, result.stderr


def test_new_entry_after_keep_chomped_last_entry_internal_error(sample: Path) -> None:
    """The last entry ends with `note: |+` and its kept blank line; an import that adds a
    task (or `init --merge`) inserts the new entry before that blank line, which belongs to
    the note: "internal error: the edited file would not read back as meant"."""
    status = write(sample / "status.yaml",
                   HEAD + '  "1.1.1":\n    status: blocked\n    note: |+\n      等待市级平台\n\n')
    ledger = book(sample / "l.xlsx", [("1.1.2", "推进中")])
    result = gk("status", "import", ledger, "--into", status)
    assert "internal error" not in result.stderr, result.stderr
    merged = gk("init", sample / "notice.docx", "-o", status, "--merge")
    assert "internal error" not in merged.stderr, merged.stderr
    assert len(load(status)["tasks"]) == 56


def test_a_field_written_twice_is_refused_up_front(sample: Path) -> None:
    """`note:` written twice in one entry (a line copied; PyYAML would take the last one and
    say nothing, and clearing 备注 then failed with an internal error): the status file is
    refused with one line naming the repeated field, by every command that reads it."""
    status = sample / "status.yaml"
    text = status.read_text(encoding="utf-8")
    write(status, text.replace("    note: 已在不动产登记系统试点嵌入\n",
                               "    note: 旧备注\n    note: 已在不动产登记系统试点嵌入\n"))
    for args in (("check", status), ("ledger", status, "-o", sample / "ledger.xlsx")):
        result = gk(*args)
        assert result.returncode == 2, result.stderr
        assert "note is written twice in this entry" in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "internal error" not in result.stderr
