"""Hostile tests of the status-file promise (issue 10): each one a way a review found to
break it, run through the installed command as a clerk would run it. Each failed before the
fix it names; the fixes are in status_edit.py, inplace.py, output.py, workbook.py,
ledger_import.py and template.py."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from status_helpers import (
    HEAD,
    SAMPLES,
    book,
    edited_ledger,
    gk,
    import_into,
    load,
    patch_part,
    write,
)

# --- values written that nobody asked for -------------------------------------------------

def test_untouched_block_note_rewritten_without_baseline(sample: Path) -> None:
    """`note: |` (the README's own multi-line style) reads as text ending in a line break.
    A unit returns only its own sheet (no hidden 'gkparse' sheet), changes 状态 and leaves
    备注 alone: the import still "changes" the note (trailing line break dropped) and
    rewrites the block scalar as a double-quoted string, exit 0."""
    status = sample / "status.yaml"
    text = status.read_text(encoding="utf-8").replace(
        "    note: 已在不动产登记系统试点嵌入\n",
        "    note: |\n      已在不动产登记系统试点嵌入\n      下一步推广到户籍系统\n")
    write(status, text)
    unit = edited_ledger(sample, {"1.1.2": {9: "已完成", 10: "2025-10-12"}},
                         keep_only="区直各部门")  # the unit's copy of its own sheet
    result = gk("status", "import", unit, "--into", status)
    assert result.returncode == 0, result.stderr
    after = status.read_text(encoding="utf-8")
    assert "    note: |\n      已在不动产登记系统试点嵌入\n      下一步推广到户籍系统\n" in after, \
        result.stderr
    assert load(status)["tasks"]["1.1.2"]["note"] == "已在不动产登记系统试点嵌入\n下一步推广到户籍系统\n"


def test_reimport_reverts_a_reviewers_correction(sample: Path) -> None:
    """README: "a workbook imported twice asks for nothing it did not mean". A unit marks
    1.1.4 已完成 in the gkparse ledger; it is imported; the office reviews it and sets it
    back by hand (`status: in_progress   # 复核：佐证不足，退回`). The same workbook is
    imported again (the unit resends it, or someone runs the import twice): the correction
    is silently reverted to done, next to the comment that says it was refused, exit 0."""
    status = sample / "status.yaml"
    unit = edited_ledger(sample, {"1.1.4": {9: "已完成", 10: "2025-10-10"}})
    assert gk("status", "import", unit, "--into", status).returncode == 0
    text = status.read_text(encoding="utf-8")
    corrected = text.replace('  "1.1.4":\n    status: done\n    completed_on: 2025-10-10\n',
                             '  "1.1.4":\n    status: in_progress   # 复核：佐证不足，退回\n')
    assert corrected != text
    write(status, corrected)
    result = gk("status", "import", unit, "--into", status)
    assert load(status)["tasks"]["1.1.4"]["status"] == "in_progress", result.stderr


def test_footer_row_added_as_a_task_when_file_names_no_notice(tmp_path: Path) -> None:
    """A status file without `notice:` (check takes --notice) and a ledger with the usual
    footer row (填表人 … / 联系电话 …): the footer becomes a new task entry, exit 0."""
    status, result = import_into(
        tmp_path, 'tasks:\n  "1.1.1": done\n',
        [("1.1.1", None, None, None, "已验收"), ("填表人：张三", None, None, None, "联系电话：0537-1234567")])
    assert set(load(status)["tasks"]) == {"1.1.1"}, result.stderr


# --- filled-in cells silently ignored ------------------------------------------------------

def test_status_column_not_recognised_date_written_alone(sample: Path) -> None:
    """A 台账 headed 编号 | 当前状态 | 完成日期 (or 进展情况 | 完成时间, the commonest real
    headers): the status column is not recognised and silently ignored, the date is
    recognised, so the import writes completed_on alone on a task that stays 未开始, exit 0.
    Issue 10: "never a date without its status"."""
    ledger = book(sample / "l.xlsx", [("1.1.4", "已完成", "2025-10-10")],
                  header=("任务编号", "当前状态", "完成日期"))
    result = gk("status", "import", ledger, "--into", sample / "status.yaml")
    entry = load(sample / "status.yaml")["tasks"]["1.1.4"]
    assert not (entry["status"] == "todo" and "completed_on" in entry), result.stderr


def test_cleared_date_kept_on_task_set_back_to_in_progress(sample: Path) -> None:
    """In a gkparse ledger (its hidden baseline sheet says 1.1.1 was 已完成 on 2025-03-28)
    a unit sets 1.1.1 back to 推进中 and clears 完成日期 and 佐证材料. The import writes the
    status and keeps completed_on: 2025-03-28 on an in_progress task (exit 0), and check
    then says nothing about that date. The baseline shows the cell was cleared on purpose;
    at the least the half row should be refused."""
    status = sample / "status.yaml"
    edited = edited_ledger(sample, {"1.1.1": {9: "推进中", 10: None, 11: None}})
    result = gk("status", "import", edited, "--into", status)
    entry = load(status)["tasks"]["1.1.1"]
    assert not (entry["status"] == "in_progress" and "completed_on" in entry), result.stderr


def test_duplicate_status_header_filled_cell_ignored(tmp_path: Path) -> None:
    """Two columns headed 状态 (an old one kept or hidden, a new one filled in): the filled
    cell is ignored and the run says "nothing to change", exit 0. An ambiguous header should
    be an error naming both columns (or the non-empty one used)."""
    status, result = import_into(tmp_path, HEAD + '  "1.1.1": todo\n',
                                 [("1.1.1", None, "已完成")], header=("编号", "状态", "状态"))
    assert not (result.returncode == 0 and load(status)["tasks"]["1.1.1"] == "todo"), \
        result.stderr


def test_two_row_header_subcolumns_ignored(sample: Path) -> None:
    """The common two-row header: 编号 merged A1:A2, a group header 完成情况 over C1:F1 and
    状态 / 完成日期 / 佐证材料 / 备注 beneath it. Without --skip-bad the import blames the
    second header row as task '编号'; with --skip-bad it exits 0 having written only the
    statuses: every 完成日期, 佐证材料 and 备注 is silently ignored."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["编号", "具体要求", "完成情况", None, None, None])
    sheet.append([None, None, "状态", "完成日期", "佐证材料", "备注"])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:B2")
    sheet.merge_cells("C1:F1")
    sheet.append(["1.1.4", "…", "已完成", "2025-10-10", "目录文件", "市里验收"])
    workbook.save(sample / "two.xlsx")
    result = gk("status", "import", sample / "two.xlsx", "--into", sample / "status.yaml",
                "--skip-bad")
    entry = load(sample / "status.yaml")["tasks"]["1.1.4"]
    assert "task 编号" not in result.stderr, result.stderr
    assert entry.get("completed_on") == date(2025, 10, 10), (entry, result.stderr)
    assert entry.get("evidence") == ["目录文件"] or entry.get("evidence") == "目录文件"


def test_formula_status_without_cached_value_date_written_alone(sample: Path) -> None:
    """A status cell holding a formula with no cached value (a workbook prepared by a
    script): the cell is read as empty, and the row's 完成日期 is written alone, on a task
    that stays 未开始 - exactly the half row issue 10 item 8 forbids."""
    ledger = book(sample / "l.xlsx", [("1.1.4", '=IF(1=1,"已完成","推进中")', "2025-10-10")])
    result = gk("status", "import", ledger, "--into", sample / "status.yaml")
    entry = load(sample / "status.yaml")["tasks"]["1.1.4"]
    assert not (entry["status"] == "todo" and "completed_on" in entry), result.stderr


# --- comments and bytes the user wrote, lost -----------------------------------------------

def test_block_scalar_header_comment_lost(tmp_path: Path) -> None:
    """`note: |   # 王科长口述` - a comment on a block scalar's header line - is deleted when
    the note changes (exit 0). The README promises every comment beside an entry stays."""
    status, result = import_into(
        tmp_path, HEAD + '  "1.1.1":\n    status: in_progress\n    note: |   # 王科长口述\n'
                         '      第一行\n      第二行\n',
        [("1.1.1", None, None, None, "新备注")])
    assert result.returncode == 0, result.stderr
    assert "# 王科长口述" in status.read_text(encoding="utf-8")


def test_multiline_flow_evidence_comments_lost(tmp_path: Path) -> None:
    """Evidence written as a multi-line flow list with a comment per item: adding one item
    (a new line in 佐证材料) deletes the comments and rewrites the unchanged items, exit 0."""
    status, result = import_into(
        tmp_path, HEAD + '  "1.1.1":\n    status: done\n    evidence: [\n'
                         '      目录.pdf,     # 第一份，王科长确认\n      通知.pdf,     # 第二份\n    ]\n',
        [("1.1.1", None, None, "目录.pdf\n通知.pdf\n纪要.pdf")])
    assert result.returncode == 0, result.stderr
    text = status.read_text(encoding="utf-8")
    assert "# 第一份，王科长确认" in text and "# 第二份" in text, text


def test_comment_inside_empty_flow_tasks_lost_by_merge(sample: Path) -> None:
    """`tasks: {   # 以后再填，王科长\n}`: init --merge replaces the whole `{ … }` and the
    comment inside it is gone (exit 0)."""
    status = write(sample / "status.yaml",
                   "notice: notice.docx\ntasks: {   # 以后再填，王科长\n}\n")
    result = gk("init", sample / "notice.docx", "-o", status, "--merge")
    assert result.returncode == 0, result.stderr
    assert "# 以后再填，王科长" in status.read_text(encoding="utf-8")


def test_unchanged_numeric_evidence_item_rewritten(tmp_path: Path) -> None:
    """An evidence item written as a number (a document number, `- 2025001`) is rewritten
    as "2025001" when another item is added: an unchanged value's text changes."""
    status, result = import_into(
        tmp_path, HEAD + '  "1.1.1":\n    status: done\n    evidence:\n      - 2025001   # 文号\n',
        [("1.1.1", None, None, "2025001\n纪要.pdf")])
    assert result.returncode == 0, result.stderr
    assert "      - 2025001   # 文号\n" in status.read_text(encoding="utf-8")


# --- invalid YAML written --------------------------------------------------------------------

def test_init_writes_invalid_yaml_for_gbk_named_notice(tmp_path: Path) -> None:
    """A notice unzipped from a Windows archive keeps a GBK file name (政务.docx as bytes
    D5 FE CE F1, not UTF-8). `init` writes `notice: "\\uDCD5…"` - lone-surrogate escapes no
    YAML reader accepts - says "wrote status.yaml", exit 0; check then refuses the file."""
    name = os.fsdecode("政务".encode("gbk") + b".docx")
    try:
        shutil.copy(SAMPLES / "notice.docx", tmp_path / name)
    except (OSError, UnicodeError):
        pytest.skip("this file system takes UTF-8 names only")
    status = tmp_path / "status.yaml"
    result = gk("init", tmp_path / name, "-o", status)
    if result.returncode != 0:  # refusing the name with one clear line would be fine too
        assert "internal error" not in result.stderr and not status.exists(), result.stderr
        return
    checked = gk("check", status, "--as-of", "2025-10-15")
    assert "bad YAML" not in checked.stderr, checked.stderr


def test_init_writes_invalid_yaml_for_control_character_in_notice(tmp_path: Path) -> None:
    """A requirement with C1 control characters (smart quotes that went through Latin-1 and
    came back as U+0093/U+0094, legal in a .docx's XML): `init` copies them into the
    describing comment, writes a file YAML refuses ("control characters are not allowed"),
    exit 0; `init --merge` then fails with an internal error."""
    def spoil(data: bytes) -> bytes:
        text = data.decode("utf-8")
        at = text.index("持续完善并动态更新主动公开事项目录")
        return (text[:at] + "&#x93;目录&#x94;" + text[at:]).encode("utf-8")
    notice = patch_part(SAMPLES / "notice.docx", tmp_path / "notice.docx", "word/document.xml",
                        spoil)
    status = tmp_path / "status.yaml"
    result = gk("init", notice, "-o", status)
    assert result.returncode == 0, result.stderr
    checked = gk("check", status, "--as-of", "2025-10-15")
    assert "bad YAML" not in checked.stderr, checked.stderr


def test_shorthand_expansion_leaves_trailing_whitespace(tmp_path: Path) -> None:
    """`"1.1.4": 推进中` gaining a date becomes `"1.1.4": ` + newline: a trailing space the
    user never typed (a status file kept in git with the usual trailing-whitespace hook
    now fails it). Every other line of the file had none."""
    status, result = import_into(tmp_path, HEAD + '  "1.1.4": 推进中\n',
                                 [("1.1.4", "已完成", "2025-10-10")])
    assert result.returncode == 0, result.stderr
    lines = status.read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line != line.rstrip()] == []


# --- valid YAML refused with "internal error" ------------------------------------------------

def test_flow_entry_trailing_comma_internal_error(tmp_path: Path) -> None:
    """`{status: todo, }` (a trailing comma, valid YAML that every JSON-minded engineer
    writes) makes the import fail with "internal error: … would not read back"."""
    status, result = import_into(tmp_path, HEAD + '  "1.1.1": {status: todo, }\n',
                                 [("1.1.1", "已完成", "2025-10-10")])
    assert "internal error" not in result.stderr, result.stderr
    assert load(status)["tasks"]["1.1.1"]["completed_on"] == date(2025, 10, 10)


def test_merge_into_multiline_flow_tasks_with_trailing_comma(sample: Path) -> None:
    """`init --merge` into `tasks: {\\n  "1.1.1": done,\\n}`: internal error, nothing added."""
    status = write(sample / "status.yaml",
                   'notice: notice.docx\ntasks: {\n  "1.1.1": done,   # 完成\n}\n')
    result = gk("init", sample / "notice.docx", "-o", status, "--merge")
    assert "internal error" not in result.stderr, result.stderr
    assert len(load(status)["tasks"]) == 56


def test_keep_chomped_note_then_new_field_internal_error(tmp_path: Path) -> None:
    """`note: |+` followed by a blank line; the import adds reason (免于 + 备注): internal
    error, because the new field is inserted before the blank lines the note keeps."""
    status, result = import_into(
        tmp_path, HEAD + '  "1.1.1":\n    status: blocked\n    note: |+\n      等待市级平台\n\n'
                         '  "1.1.2": todo\n',
        [("1.1.1", "免于", None, None, "市里统一建设")])
    assert "internal error" not in result.stderr, result.stderr
    assert load(status)["tasks"]["1.1.1"]["status"] == "waived"


def test_explicit_field_key_internal_error(tmp_path: Path) -> None:
    """A field written with an explicit key (`? status` / `: todo`): adding completed_on
    puts it at the column after '? ' and the import fails with an internal error."""
    status, result = import_into(tmp_path, HEAD + '  "1.1.1":\n    ? status\n    : todo\n',
                                 [("1.1.1", "已完成", "2025-10-10")])
    assert "internal error" not in result.stderr, result.stderr
    assert load(status)["tasks"]["1.1.1"]["completed_on"] == date(2025, 10, 10)


def test_tagged_null_note_internal_error(tmp_path: Path) -> None:
    """`note: !!null   # 无` then a 备注 is filled in: internal error."""
    status, result = import_into(
        tmp_path, HEAD + '  "1.1.1":\n    status: todo\n    note: !!null   # 无\n',
        [("1.1.1", None, None, None, "已部署")])
    assert "internal error" not in result.stderr, result.stderr
    assert load(status)["tasks"]["1.1.1"]["note"] == "已部署"


def test_alias_evidence_item_shrink_internal_error(tmp_path: Path) -> None:
    """An evidence list whose last item is an alias (`- *doc`), shortened in the ledger: the
    editor deletes the anchor's line in the other entry; internal error."""
    status, result = import_into(
        tmp_path, HEAD + '  "1.1.1":\n    status: done\n    evidence:\n      - &doc 目录.pdf\n'
                         '  "1.1.2":\n    status: in_progress\n    evidence:\n      - 方案.pdf\n'
                         '      - *doc\n',
        [("1.1.2", None, None, "方案.pdf")])
    assert "internal error" not in result.stderr, result.stderr
    assert load(status)["tasks"]["1.1.2"]["evidence"] == ["方案.pdf"]


def test_evidence_item_on_line_after_dash_internal_error(tmp_path: Path) -> None:
    """An evidence item written on the line after its dash (`-` / `  目录.pdf`), one more
    line in 佐证材料: the new item is written at column 0; internal error."""
    status, result = import_into(
        tmp_path, HEAD + '  "1.1.1":\n    status: done\n    evidence:\n      -\n        目录.pdf\n',
        [("1.1.1", None, None, "目录.pdf\n纪要.pdf")])
    assert "internal error" not in result.stderr, result.stderr
    assert load(status)["tasks"]["1.1.1"]["evidence"] == ["目录.pdf", "纪要.pdf"]


def test_unicode_digit_row_number_internal_error(sample: Path) -> None:
    """A row numbered r="²" (isdigit() but not int()): "internal error: ValueError" instead
    of one line naming the workbook and the problem."""
    ledger = book(sample / "l.xlsx", [("1.1.4", "已完成", "2025/10/1")])
    bad = patch_part(ledger, sample / "bad.xlsx", "xl/worksheets/sheet1.xml",
                     lambda data: data.replace(b'<row r="2"', '<row r="²"'.encode()))
    result = gk("status", "import", bad, "--into", sample / "status.yaml")
    assert "internal error" not in result.stderr, result.stderr


# --- the file around the text ---------------------------------------------------------------

def test_posix_acl_dropped(sample: Path) -> None:
    """The file is replaced by a new inode: mode and owner are carried over, the POSIX ACL
    is not. In a shared office folder the ACL is how a colleague (uid 1000 here) may write
    the status file; after one import `ls -l` loses its '+' and the colleague is locked out.
    (Other extended attributes, user.*, are dropped the same way.)"""
    import struct

    status = sample / "status.yaml"

    def entry(tag: int, perm: int, ident: int = 0xFFFFFFFF) -> bytes:
        return struct.pack("<HHI", tag, perm, ident)

    acl = struct.pack("<I", 2) + entry(1, 6) + entry(2, 6, 1000) + entry(4, 4) + \
        entry(0x10, 6) + entry(0x20, 4)
    try:
        os.setxattr(status, "system.posix_acl_access", acl)
    except OSError:
        pytest.skip("no POSIX ACLs on this file system")
    ledger = book(sample / "l.xlsx", [("1.1.4", "已完成", "2025/10/1")])
    result = gk("status", "import", ledger, "--into", status)
    assert result.returncode == 0, result.stderr
    assert "system.posix_acl_access" in os.listxattr(status), "the ACL was dropped"


def test_leftover_temp_not_removed_when_name_has_brackets(sample: Path) -> None:
    """README: "Temporary files left by a killed write are removed by the next write". The
    leftovers are found with glob(), so a status file named 台账[2025].yaml never gets its
    leftovers removed (and [2025] matches other files' temp files instead)."""
    status = sample / "台账[2025].yaml"
    shutil.move(sample / "status.yaml", status)
    leftover = sample / ".台账[2025].yaml.gkparse-killed.tmp"
    leftover.write_text("half a file", encoding="utf-8")
    ledger = book(sample / "l.xlsx", [("1.1.4", "已完成", "2025/10/1")])
    result = gk("status", "import", ledger, "--into", status)
    assert result.returncode == 0, result.stderr
    assert not leftover.exists()


@pytest.mark.parametrize("word", ["Null", "NULL", "null", "~"])
def test_tasks_null_in_any_spelling_is_an_empty_section(sample: Path, word: str) -> None:
    status = write(sample / "status.yaml", f"notice: notice.docx\ntasks: {word}   # 以后再填\n")
    assert gk("check", status, "--as-of", "2025-10-15").returncode in (0, 1)
    result = gk("init", sample / "notice.docx", "-o", status, "--merge")
    assert result.returncode == 0, result.stderr
    assert len(load(status)["tasks"]) == 56 and "# 以后再填" in status.read_text(encoding="utf-8")


def test_a_password_protected_workbook_says_so(sample: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
    (sample / "locked.xlsx").write_bytes(ole + b"\0" * 1024)
    result = gk("status", "import", sample / "locked.xlsx", "--into", sample / "status.yaml")
    assert result.returncode == 2 and "password-protected" in result.stderr


def test_skip_bad_leaves_out_a_task_with_a_bad_row_on_any_sheet(sample: Path) -> None:
    workbook = openpyxl.Workbook()
    for title, word in (("甲", "完成了"), ("乙", "推进中")):
        sheet = workbook.create_sheet(title)
        sheet.append(["编号", "状态"])
        sheet.append(["1.1.4", word])
    del workbook["Sheet"]
    workbook.save(sample / "two.xlsx")
    result = gk("status", "import", sample / "two.xlsx", "--into", sample / "status.yaml",
                "--skip-bad")
    assert result.returncode == 0 and "甲!B2 (task 1.1.4)" in result.stderr
    assert load(sample / "status.yaml")["tasks"]["1.1.4"]["status"] == "todo"
