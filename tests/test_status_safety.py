"""Status files are never damaged (issue 10): each finding of the report is a test here.

The status file is the one file people write by hand that gkparse also
writes, so every write must keep what they wrote: comments, line ends, a
BOM, links, mode and owner, and the file itself when it cannot be written
safely.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook
from typer.testing import CliRunner

from gkparse.cli import app
from gkparse.errors import StatusFileError
from gkparse.limits import MB, Limits
from gkparse.office.ledger_import import read_ledger
from gkparse.office.workbook import WorkbookError
from gkparse.output import OutputError, replace_file
from gkparse.tracking.status import load_status, parse_status
from gkparse.tracking.status_edit import edit_status_text

from conftest import ROOT

SAMPLES = ROOT / "samples"
runner = CliRunner()
HEAD = "notice: notice.docx\n"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    for name in ("notice.docx", "status.yaml", "units.yaml"):
        shutil.copyfile(SAMPLES / name, tmp_path / name)
    return tmp_path


def _workbook(path: Path, rows: list[list[object]], *, header: list[str] | None = None,
              title: str | None = None, merges: list[str] = (), sheet: str = "台账") -> Path:
    """A ledger as an office keeps it: any header words, a title row, merged cells."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
    ws.append(header or ["编号", "具体要求", "状态", "完成日期", "佐证材料", "备注"])
    for row in rows:
        ws.append(row)
    for ref in merges:
        ws.merge_cells(ref)
    book.save(path)
    return path


def _import(office: Path, *extra: str, workbook: str = "ledger.xlsx", into: str = "status.yaml"):
    return runner.invoke(app, ["status", "import", str(office / workbook), "--into",
                               str(office / into), *extra])


def _status(office: Path, text: str, name: str = "status.yaml", newline: str = "\n") -> Path:
    path = office / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


# 1. init --merge and import into a file with no tasks yet ------------------------------------

@pytest.mark.parametrize("tasks_line", ["tasks: null   # 以后再填", "tasks: ~", "tasks:",
                                        "tasks: {}   # 空", None])
def test_merge_into_a_file_without_tasks_yet(office: Path, tasks_line: str | None) -> None:
    text = "# 我们的台账\n" + HEAD + (tasks_line + "\n" if tasks_line else "") + "# 文末注释\n"
    path = _status(office, text)
    result = runner.invoke(app, ["init", str(office / "notice.docx"), "-o", str(path), "--merge"])
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert len(load_status(path).tasks) == 56
    assert after.startswith("# 我们的台账\n" + HEAD)
    if tasks_line and "#" in tasks_line:  # the clerk's comment on that line stays
        assert "# " + tasks_line.split("# ")[1] in after
    assert "# 文末注释" in after


@pytest.mark.parametrize("tasks_line", ["tasks:", "tasks: ~   # 以后再填", None])
def test_import_into_a_file_without_tasks_yet(office: Path, tasks_line: str | None) -> None:
    _status(office, HEAD + (tasks_line + "\n" if tasks_line else ""))
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", "推进中", None, None, "已排期"]])
    result = _import(office)
    assert result.exit_code == 0, result.output
    entry = load_status(office / "status.yaml").tasks["1.1.4"]
    assert (entry.status, entry.note) == ("in_progress", "已排期") and entry.fingerprint


# 2. comments and unchanged values survive an import ------------------------------------------

COMMENTED = HEAD + """tasks:
  "1.1.1":
    # 王科长负责
    status: in_progress   # 上周更新
    evidence: "济高新管办字〔2025〕3号"   # 王科长确认
  "1.1.3": 推进中   # 李四负责
  "1.1.4":
    status: todo
    evidence:
      - 会议纪要   # 第一份
      # 还有照片
      - 照片.zip
  "1.2.1": {status: in_progress, note: 试点}   # 流式写法
  # 下面是第二部分
  "1.2.2": todo
"""


def test_import_keeps_every_comment_and_unchanged_value(office: Path) -> None:
    _status(office, COMMENTED)
    _workbook(office / "ledger.xlsx", [
        ["1.1.1", "…", "已完成", date(2025, 3, 28), "济高新管办字〔2025〕3号", None],
        ["1.1.3", "…", "已完成", date(2025, 6, 1), None, None],
        ["1.1.4", "…", "推进中", None, "会议纪要\n照片.zip\n签到表.pdf", None],
        ["1.2.1", "…", None, None, None, "已召开联席会议"],
    ])
    result = _import(office)
    assert result.exit_code == 0, result.output
    after = (office / "status.yaml").read_text(encoding="utf-8")
    for comment in ("# 王科长负责", "# 上周更新", "# 王科长确认", "# 李四负责", "# 第一份",
                    "# 还有照片", "# 流式写法", "# 下面是第二部分"):
        assert comment in after, comment
    # The evidence that did not change is the line it was, quotes and comment included.
    assert '    evidence: "济高新管办字〔2025〕3号"   # 王科长确认\n' in after
    assert "    status: done   # 上周更新\n" in after
    assert '  "1.1.3":    # 李四负责\n    status: 已完成\n    completed_on: 2025-06-01\n' in after
    assert "      - 照片.zip\n      - 签到表.pdf\n" in after
    assert '  "1.2.1": {status: in_progress, note: 已召开联席会议}   # 流式写法\n' in after
    assert after.endswith('  "1.2.2": todo\n')
    status = load_status(office / "status.yaml")
    assert status.tasks["1.1.4"].evidence == ["会议纪要", "照片.zip", "签到表.pdf"]


# 3. links ----------------------------------------------------------------------------------

def test_a_symlinked_status_file_stays_a_link_and_its_target_changes(office: Path) -> None:
    real = _status(office, HEAD + "tasks:\n  \"1.1.4\": todo\n", name="real.yaml")
    (office / "status.yaml").unlink()
    (office / "status.yaml").symlink_to("real.yaml")
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", "推进中", None, None, None]])
    assert _import(office).exit_code == 0
    assert (office / "status.yaml").is_symlink()
    assert "推进中" in real.read_text(encoding="utf-8") or "in_progress" in real.read_text(
        encoding="utf-8")
    assert load_status(real).tasks["1.1.4"].status == "in_progress"


def test_a_hard_linked_status_file_is_refused_and_both_names_keep_it(office: Path) -> None:
    path = _status(office, HEAD + "tasks:\n  \"1.1.4\": todo\n")
    os.link(path, office / "copy.yaml")
    before = path.read_bytes()
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", "推进中", None, None, None]])
    result = _import(office)
    assert result.exit_code == 2 and "hard links" in result.stderr
    assert path.read_bytes() == before and path.samefile(office / "copy.yaml")


# 4. two imports at once -----------------------------------------------------------------------

def _cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "gkparse.cli", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_imports_at_once_both_land(office: Path) -> None:
    for attempt in range(3):
        _status(office, HEAD + "tasks:\n  \"1.1.3\": todo\n  \"1.1.4\": todo\n")
        _workbook(office / "a.xlsx", [["1.1.3", "…", "推进中", None, None, None]])
        _workbook(office / "b.xlsx", [["1.1.4", "…", "受阻", None, None, "等待上级"]])
        runs = [_cli("status", "import", str(office / name), "--into", str(office / "status.yaml"))
                for name in ("a.xlsx", "b.xlsx")]
        for run in runs:
            _, err = run.communicate(timeout=120)
            assert run.returncode == 0, err
        tasks = load_status(office / "status.yaml").tasks
        assert (tasks["1.1.3"].status, tasks["1.1.4"].status) == ("in_progress", "blocked"), attempt


def test_a_file_changed_while_gkparse_worked_is_not_written(office: Path) -> None:
    from gkparse.tracking.inplace import open_for_edit

    path = _status(office, HEAD + "tasks:\n  \"1.1.4\": todo\n")
    with open_for_edit(path, max_bytes=MB) as edited:
        path.write_text(HEAD + "tasks:\n  \"1.1.4\": done   # 编辑器里改的\n", encoding="utf-8")
        with pytest.raises(StatusFileError, match="changed on disk"):
            edited.replace(b"tasks: {}\n")
    assert "编辑器里改的" in path.read_text(encoding="utf-8")


def test_a_second_writer_waits_for_the_lock(office: Path) -> None:
    from gkparse.tracking.inplace import open_for_edit

    path = _status(office, "tasks:\n")
    order: list[str] = []
    with open_for_edit(path, max_bytes=MB) as first:
        def second() -> None:
            with open_for_edit(path, max_bytes=MB) as edited:
                order.append("second read " + edited.data.decode())
        thread = threading.Thread(target=second)
        thread.start()
        thread.join(0.3)
        assert thread.is_alive()  # waiting
        first.replace(b"tasks:\n  '1.1': done\n")
        order.append("first wrote")
    thread.join(10)
    assert order == ["first wrote", "second read tasks:\n  '1.1': done\n"]


def test_a_lock_held_too_long_is_one_clear_error(office: Path) -> None:
    from gkparse.tracking.inplace import open_for_edit

    path = _status(office, "tasks:\n")
    with open_for_edit(path, max_bytes=MB), pytest.raises(StatusFileError,
                                                          match="another gkparse"), \
            open_for_edit(path, max_bytes=MB, wait=0.2):
        pass


# 5. -o never replaces a file the command read ------------------------------------------------

@pytest.mark.parametrize("command", [
    ["report", "{d}/status.yaml", "-o", "{d}/notice.docx"],
    ["check", "{d}/status.yaml", "-o", "{d}/notice.docx"],
    ["ledger", "{d}/status.yaml", "--force", "-o", "{d}/notice.docx"],
    ["check", "{d}/status.yaml", "--unit", "区党政办公室", "-o", "{d}/units.yaml"],
    ["report", "{d}/status.yaml", "-o", "{d}/link-to-notice.docx"],
])
def test_output_never_replaces_a_file_that_was_read(office: Path, command: list[str]) -> None:
    (office / "link-to-notice.docx").symlink_to(office / "notice.docx")
    kept = {name: (office / name).read_bytes() for name in ("notice.docx", "units.yaml")}
    result = runner.invoke(app, [part.format(d=office) for part in command])
    assert result.exit_code == 2 and "refusing to overwrite an input file" in result.stderr
    assert {name: (office / name).read_bytes() for name in kept} == kept


# 6. what people do to a workbook -----------------------------------------------------------

def test_a_title_row_above_the_header_is_read(office: Path) -> None:
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", "推进中", None, None, None]],
              title="2025年政务公开工作台账（区党政办公室）")
    assert _import(office).exit_code == 0
    assert load_status(office / "status.yaml").tasks["1.1.4"].status == "in_progress"


def test_renamed_and_moved_columns_are_found_by_their_words(office: Path) -> None:
    _workbook(office / "ledger.xlsx", [["已完成", "1.1.4", "2025/6/30", "已排期"]],
              header=["完成情况", "任务编号", "实际完成时间", "备注（选填）"])
    result = _import(office)
    assert result.exit_code == 0, result.output
    entry = load_status(office / "status.yaml").tasks["1.1.4"]
    assert (entry.status, entry.completed_on, entry.note) == ("done", date(2025, 6, 30), "已排期")


def test_a_merged_status_cell_counts_for_every_row_it_covers(office: Path) -> None:
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", "已完成", date(2025, 9, 1), None, None],
                                       ["1.2.2", "…", None, None, None, None],
                                       ["1.2.3", "…", None, None, None, None]],
              merges=["C2:C4", "D2:D4"])
    assert _import(office).exit_code == 0
    tasks = load_status(office / "status.yaml").tasks
    assert all(tasks[t].status == "done" and tasks[t].completed_on == date(2025, 9, 1)
               for t in ("1.1.4", "1.2.2", "1.2.3"))


def test_a_workbook_without_a_task_sheet_is_an_error(office: Path) -> None:
    _workbook(office / "ledger.xlsx", [["区党政办公室", 3]], header=["单位", "任务数"])
    before = (office / "status.yaml").read_bytes()
    result = _import(office)
    assert result.exit_code == 2 and "no sheet has a task table" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (office / "status.yaml").read_bytes() == before


def test_sorted_rows_are_matched_by_task_id(office: Path) -> None:
    _workbook(office / "ledger.xlsx", [["1.2.3", "…", "受阻", None, None, "缺经费"],
                                       ["1.1.4", "…", "推进中", None, None, None]])
    assert _import(office).exit_code == 0
    tasks = load_status(office / "status.yaml").tasks
    assert (tasks["1.2.3"].status, tasks["1.1.4"].status) == ("blocked", "in_progress")


# 7. read-only files and owners -----------------------------------------------------------------

def test_a_read_only_status_file_is_refused(office: Path) -> None:
    path = office / "status.yaml"
    before = path.read_bytes()
    path.chmod(0o444)
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", "推进中", None, None, None]])
    result = _import(office)
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert path.read_bytes() == before and (path.stat().st_mode & 0o777) == 0o444


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_the_owner_and_mode_are_kept(office: Path) -> None:
    path = office / "status.yaml"
    os.chown(path, 12345, 12345)
    path.chmod(0o664)
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", "推进中", None, None, None]])
    assert _import(office).exit_code == 0
    info = path.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (12345, 12345, 0o664)


def test_a_file_of_another_user_is_refused_rather_than_taken(tmp_path: Path,
                                                             monkeypatch) -> None:
    path = tmp_path / "status.yaml"
    path.write_text("tasks:\n", encoding="utf-8")
    monkeypatch.setattr(os, "geteuid", lambda: path.stat().st_uid + 1)
    with pytest.raises(OutputError, match="another user"):
        replace_file(path, b"x")
    assert path.read_text(encoding="utf-8") == "tasks:\n"


# 8. --skip-bad ------------------------------------------------------------------------------

def test_skip_bad_leaves_out_a_bad_row_whole(office: Path) -> None:
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", "完成了", date(2025, 9, 1), None, None],
                                       ["1.2.3", "…", "推进中", None, None, None]])
    result = _import(office, "--skip-bad")
    assert result.exit_code == 0
    assert "台账!C2 (task 1.1.4): unknown status '完成了'" in result.stderr
    tasks = load_status(office / "status.yaml").tasks
    assert tasks["1.1.4"].completed_on is None and tasks["1.1.4"].status == "todo"
    assert tasks["1.2.3"].status == "in_progress"


def test_skip_bad_never_writes_a_conflict(office: Path) -> None:
    book = Workbook()
    for title, word in (("甲", "推进中"), ("乙", "已完成")):
        ws = book.create_sheet(title)
        ws.append(["编号", "状态"])
        ws.append(["1.1.4", word])
    del book["Sheet"]
    book.save(office / "ledger.xlsx")
    result = _import(office, "--skip-bad")
    assert result.exit_code == 0
    assert "乙!B2 (task 1.1.4): 状态 '已完成' here, but '推进中' in 甲!B2" in result.stderr
    assert load_status(office / "status.yaml").tasks["1.1.4"].status == "todo"


# 9. multi-line notes and block scalars -------------------------------------------------------

@pytest.mark.parametrize("note", ["第一行\n第二行", "两个  空格", "  前后空格  ", '引号"和\\反斜杠',
                                  "a: b # 不是注释", "yes", "2025-06-30"])
def test_any_note_is_written_exactly(office: Path, note: str) -> None:
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", None, None, None, note]])
    assert _import(office).exit_code == 0
    assert load_status(office / "status.yaml").tasks["1.1.4"].note == note.strip()


@pytest.mark.parametrize("style", ["|", ">", "|-", ">+"])
def test_a_block_scalar_note_is_replaced_and_what_follows_stays(office: Path, style: str) -> None:
    _status(office, HEAD + f'tasks:\n  "1.1.4":\n    status: todo\n    note: {style}\n'
                    "      旧的第一行\n      旧的第二行\n\n    # 以下不变\n  \"1.2.1\": todo\n")
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", None, None, None, "新\n备注"]])
    assert _import(office).exit_code == 0, _import(office).output
    after = (office / "status.yaml").read_text(encoding="utf-8")
    assert "旧的" not in after and '    note: "新\\n备注"\n\n    # 以下不变\n  "1.2.1": todo\n' in after


# 10. line ends and BOM -----------------------------------------------------------------------

@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_line_ends_and_bom_are_kept(office: Path, newline: str, bom: bytes) -> None:
    text = HEAD + 'tasks:\n  "1.1.3": todo   # 注释\n  "1.1.4":\n    status: todo\n'
    (office / "status.yaml").write_bytes(bom + text.replace("\n", newline).encode("utf-8"))
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", "已完成", date(2025, 9, 1), None, "好"],
                                       ["1.2.1", "…", "推进中", None, None, None]])
    assert _import(office).exit_code == 0
    raw = (office / "status.yaml").read_bytes()
    assert raw.startswith(bom + b"notice:")
    body = raw[len(bom):].decode("utf-8")
    others = {"\r\n", "\r", "\n"} - {newline}
    assert body.replace(newline, "") .count("\r") + body.replace(newline, "").count("\n") == 0, \
        (others, body)
    status = load_status(office / "status.yaml")
    assert status.tasks["1.1.4"].status == "done" and status.tasks["1.2.1"].status == "in_progress"


# 12. caps for pipes, devices and workbooks -----------------------------------------------------

def test_a_device_as_notice_or_status_is_capped(office: Path) -> None:
    _status(office, "notice: /dev/zero\ntasks:\n")
    result = runner.invoke(app, ["check", str(office / "status.yaml"), "--max-mb", "1"])
    assert result.exit_code == 2 and "/dev/zero" in result.stderr and "limit" in result.stderr
    result = runner.invoke(app, ["check", "/dev/zero", "--max-mb", "1"])
    assert result.exit_code == 2 and "limit" in result.stderr


def test_import_into_a_device_is_refused(office: Path) -> None:
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", "推进中", None, None, None]])
    result = runner.invoke(app, ["status", "import", str(office / "ledger.xlsx"),
                                 "--into", "/dev/zero"])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_a_workbook_that_inflates_too_far_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "ledger.xlsx", [["1.1.4", "…", "推进中", None, None, None]])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.xml", b"<a>" + b" " * (3 * MB) + b"</a>")
    with pytest.raises(WorkbookError, match="inflates past the 2 MB limit"):
        read_ledger(path, limits=Limits(max_total_bytes=2 * MB))


def test_a_workbook_part_with_a_dtd_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "ledger.xlsx", [["1.1.4", "…", "推进中", None, None, None]])
    rebuilt = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(rebuilt, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE lolz [<!ENTITY lol "lol">]>' + data
            out.writestr(info, data)
    with pytest.raises(WorkbookError, match="DTD"):
        read_ledger(rebuilt)


# 13. aliases and CR-only files ---------------------------------------------------------------

def test_an_alias_entry_changes_alone(office: Path) -> None:
    _status(office, HEAD + 'tasks:\n  "1.1.4": &ip\n    status: in_progress\n'
                           '    note: 同上\n  "1.2.1": *ip\n  "1.2.2": *ip\n')
    _workbook(office / "ledger.xlsx", [["1.2.1", "…", "已完成", date(2025, 9, 1), None, None]])
    result = _import(office)
    assert result.exit_code == 0, result.output
    assert "1.2.1: 状态 推进中 -> 已完成" in result.stderr
    tasks = load_status(office / "status.yaml").tasks
    assert tasks["1.2.1"].status == "done" and tasks["1.2.1"].note == "同上"
    assert tasks["1.1.4"].status == tasks["1.2.2"].status == "in_progress"


def test_the_anchor_of_an_alias_changes_and_its_aliases_keep_theirs(office: Path) -> None:
    _status(office, HEAD + 'tasks:\n  "1.1.4": &ip\n    status: in_progress\n'
                           '  "1.2.1": *ip\n')
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", "受阻", None, None, None]])
    assert _import(office).exit_code == 0
    tasks = load_status(office / "status.yaml").tasks
    assert (tasks["1.1.4"].status, tasks["1.2.1"].status) == ("blocked", "in_progress")


# 14. leftovers of a killed write ------------------------------------------------------------

def test_leftover_temporary_files_are_removed_next_time(office: Path) -> None:
    leftover = office / ".status.yaml.gkparse-abc123.tmp"
    leftover.write_text("half a file", encoding="utf-8")
    _workbook(office / "ledger.xlsx", [["1.1.4", "…", "推进中", None, None, None]])
    assert _import(office).exit_code == 0
    assert not leftover.exists()


KILLED_WRITER = """
import sys
from pathlib import Path
from gkparse.output import replace_file
target, size = Path(sys.argv[1]), int(sys.argv[2])
sys.stdout.write("ready\\n"); sys.stdout.flush()
n = 0
while True:
    n += 1
    replace_file(target, (b"a" if n % 2 else b"b") * size)
"""


def test_sigkill_at_any_point_leaves_the_old_file_or_the_new(tmp_path: Path) -> None:
    import random
    import signal
    import time

    target = tmp_path / "status.yaml"
    size = 4 * MB
    target.write_bytes(b"b" * size)
    rng = random.Random(10)
    for _ in range(100):
        child = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target), str(size)],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, 0.03))
        child.send_signal(signal.SIGKILL)
        child.wait()
        data = target.read_bytes()
        assert data in (b"a" * size, b"b" * size)


# The in-place editor on its own ------------------------------------------------------------

def test_the_editor_refuses_to_change_a_value_shared_inside_entries() -> None:
    text = 'tasks:\n  "1":\n    status: done\n    note: &n 同上\n  "2":\n    status: done\n' \
           '    note: *n\n'
    with pytest.raises(StatusFileError, match="shared through a YAML anchor"):
        edit_status_text(text, "s.yaml", {"1": {"note": "新"}})


def test_the_editor_writes_four_space_files_in_four_spaces() -> None:
    text = 'tasks:\n    "1":\n        status: done\n'
    from gkparse.tracking.status import StatusEntry

    out = edit_status_text(text, "s.yaml", {"1": {"note": "好"}},
                           [StatusEntry("2", 0, status="blocked", evidence=["x"])])
    assert out == ('tasks:\n    "1":\n        status: done\n        note: 好\n'
                   '    "2":\n        status: blocked\n        evidence:\n            - x\n')
    assert parse_status(out, "s.yaml").tasks["2"].evidence == ["x"]
    assert yaml.safe_load(out)["tasks"]["1"]["note"] == "好"


# The style corpus (tests/status_styles/): every way of writing a status file we know of -------

STYLES = sorted((ROOT / "tests" / "status_styles").glob("*.yaml"))


@pytest.mark.parametrize("path", STYLES, ids=lambda p: p.name)
def test_every_style_takes_an_edit_and_keeps_its_other_lines(path: Path) -> None:
    from gkparse.tracking.status import StatusEntry

    original = path.read_bytes().decode("utf-8")
    before = parse_status(original, path)
    task = next(iter(before.tasks))
    change = {"status": "blocked", "note": "新备注：等待批复", "evidence": ["会议纪要", "照片.zip"]}
    edited = edit_status_text(original, str(path), {task: change},
                              [StatusEntry("9.9.9", 0, status="in_progress")])
    after = parse_status(edited, path)
    entry = after.tasks[task]
    assert (entry.status, entry.note, entry.evidence) == ("blocked", change["note"],
                                                         change["evidence"])
    assert all(after.tasks[t].status == e.status and after.tasks[t].note == e.note
               for t, e in before.tasks.items() if t != task)
    assert edited.startswith("\ufeff") == original.startswith("\ufeff")
    newline = "\r\n" if "\r\n" in original else "\r" if "\r" in original else "\n"
    assert edited.count(newline) >= original.count(newline)
    assert "\n" not in edited.replace(newline, "") and "\r" not in edited.replace(newline, "")
    first = original.removeprefix("\ufeff").split(newline)
    lines = edited.removeprefix("\ufeff").split(newline)
    head = first[:next(i for i, line in enumerate(first) if task in line)]
    assert lines[:len(head)] == head  # everything above the changed entry, byte for byte
    for comment in (c for c in original.split("#")[1:]):
        assert comment.split(newline)[0] in edited


@pytest.mark.parametrize("path", STYLES, ids=lambda p: p.name)
def test_every_style_is_a_valid_status_file_for_check(path: Path) -> None:
    result = runner.invoke(app, ["check", str(path), "--as-of", "2025-10-15", "-f", "json"])
    assert result.exit_code in (0, 1), result.output
