"""``gkparse remind``: who gets a 督办单, in which colour, and the files as written and rendered."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from typer.testing import CliRunner

import gkparse
from gkparse.cli import app
from gkparse.grammar.deadline import Deadline
from gkparse.lint import lint_files
from gkparse.office.reminders import Reminder, file_names, plan_reminders, remind_item
from gkparse.tracking.checker import TaskState, check, deadline_flag
from gkparse.tracking.status import StatusEntry

from conftest import ROOT
from docx_render import needs_libreoffice, page_image, pixels_like, to_pdf, words_by_page

SAMPLES = ROOT / "samples"
AS_OF = date(2025, 10, 15)
runner = CliRunner()


def _state(status: str, due_in: int | None, note: str | None = None) -> TaskState:
    task = check(SAMPLES / "status.yaml").notice.tasks[0]
    due = None if due_in is None else AS_OF + timedelta(days=due_in)
    task = replace(task, deadline=Deadline(text="x", kind="date" if due else "none", due=due))
    entry = None if status == "untracked" else StatusEntry(task.id, 1, status, note=note)  # type: ignore[arg-type]
    return TaskState(task, entry, status, deadline_flag(due, status, AS_OF, 30))


@pytest.mark.parametrize(("status", "due_in", "expected"), [
    ("in_progress", -1, ("red", "overdue", 1)),
    ("todo", -20, ("red", "overdue", 20)),
    ("blocked", -3, ("red", "overdue", 3)),  # overdue outranks blocked
    ("blocked", None, ("yellow", "blocked", None)),
    ("blocked", 200, ("yellow", "blocked", None)),
    ("blocked", 10, ("yellow", "blocked", 10)),
    ("todo", 10, ("yellow", "behind", 10)),  # due soon and not started: behind
    ("untracked", 0, ("yellow", "behind", 0)),
    ("in_progress", 30, ("blue", "due_soon", 30)),
    ("in_progress", 31, None),
    ("todo", None, None),
    ("done", -5, None),
    ("waived", -5, None),
])
def test_colour_of_each_task(status: str, due_in: int | None, expected) -> None:
    item = remind_item(_state(status, due_in), AS_OF)
    assert (item and (item.level, item.reason, item.days)) == expected


def test_one_reminder_per_lead_unit_worst_colour_first() -> None:
    report = check(SAMPLES / "status.yaml", as_of=date(2025, 12, 10))
    plan = plan_reminders(report)
    assert plan.reply_by == date(2025, 12, 15) and not plan.unassigned
    levels = [r.level for r in plan.reminders]
    assert levels == sorted(levels, key=["red", "yellow", "blue"].index)
    units = [r.unit for r in plan.reminders]
    assert len(units) == len(set(units)) == 15 and units[0] == "区党政办公室"
    for reminder in plan.reminders:
        assert all(reminder.unit in item.state.task.lead_units for item in reminder.items)
        assert reminder.level == min((i.level for i in reminder.items),
                                     key=["red", "yellow", "blue"].index)
    reminded = {i.state.task.id: i.state.task for r in plan.reminders for i in r.items}
    # the checker's count: every overdue or due-soon task (the one blocked task is due soon)
    assert len(reminded) == report.summary.overdue + report.summary.due_soon == 42
    for task_id, task in reminded.items():  # on the 督办单 of each of its lead units, once
        on = [r.unit for r in plan.reminders for i in r.items if i.state.task.id == task_id]
        assert on == [r.unit for r in plan.reminders if r.unit in task.lead_units]
        assert sorted(on) == sorted(task.lead_units)
    first = plan.reminders[0]
    assert [i.reason for i in first.items][:3] == ["overdue", "overdue", "blocked"]
    assert first.items[0].days == 71 and first.items[1].days == 40  # most overdue first


def test_a_task_without_lead_unit_is_set_apart() -> None:
    report = check(SAMPLES / "status.yaml")
    tasks = [replace(t, lead_units=[]) if t.id == "1.4.5" else t for t in report.notice.tasks]
    report.notice = replace(report.notice, tasks=tasks)
    plan = plan_reminders(report)
    assert [i.state.task.id for i in plan.unassigned] == ["1.4.5"]
    assert [i.state.task.id for i in plan.reminders[0].items] == ["2.6.1", "1.4.3"]


def test_file_names_are_safe_and_unique() -> None:
    names = file_names([Reminder(u, []) for u in ("区党政办公室", "a/b", "a:b", " . ")], ".docx")
    assert names == ["督办单-区党政办公室.docx", "督办单-a_b.docx", "督办单-a_b (2).docx",
                     "督办单-单位.docx"]


def _remind(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["remind", str(SAMPLES / "status.yaml"), *args])
    return result.exit_code, result.stdout, result.stderr


def test_docx_a_part_per_unit_read_back(tmp_path: Path) -> None:
    out = tmp_path / "督办单.docx"
    code, _, err = _remind(tmp_path, "--as-of", "2025-12-10", "-o", str(out))
    assert code == 0 and err.strip() == (f"gkparse: wrote 15 督办单 (1 red, 14 yellow) to {out}")
    document = docx.Document(out)
    assert len(document.sections) == 15
    assert all(s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
               for s in document.sections)
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[:2] == ["关于《济宁高新区贯彻落实2025年济宁市政务公开任务分解表》"
                         "有关任务的督办通知", "区党政办公室："]
    marks = [s.first_page_header.paragraphs[0].text for s in document.sections]
    assert marks == ["红色督办件"] + ["黄色督办件"] * 14  # each part's first page, in its header
    assert all(s.different_first_page_header_footer for s in document.sections)
    assert all(s.first_page_footer.paragraphs[0].text == "— 1 —" for s in document.sections)
    assert texts[2].startswith("根据《关于印发济宁高新区贯彻落实2025年济宁市政务公开任务分解表的"
                               "通知》（济高新管办字〔2025〕8号）要求，截至2025年12月10日，你单位牵头"
                               "的以下14项任务需加快办理（逾期2项、受阻1项、进度滞后10项、即将到期1项）")
    assert "请于2025年12月15日前将办理情况书面反馈济宁高新区管委会办公室。" in texts
    first = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert first[0] == ["编号", "具体要求", "牵头单位", "完成时限", "状态", "督办情况"]
    assert first[1][0] == "1.4.5" and first[1][-1] == "【红】逾期71天"
    assert first[3][0] == "2.6.1" and first[3][-1] == "【黄】原因：等待市级平台接口"
    assert first[4][-2:] == ["未开始", "【黄】还有21天"]
    plan = plan_reminders(check(SAMPLES / "status.yaml", as_of=date(2025, 12, 10)))
    notice = gkparse.parse_notice(out)  # the 督办单 are notices gkparse reads
    assert notice.notice.title == texts[0] and notice.notice.addressees == ["区党政办公室"]
    assert [(t.requirement, t.lead_units, t.deadline.text) for t in notice.tasks] == [
        (i.state.task.requirement, i.state.task.lead_units, i.state.task.deadline.text)
        for r in plan.reminders for i in r.items]


def test_split_text_and_refusals(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    code, _, err = _remind(tmp_path, "--as-of", "2025-12-10", "--split", "-o", str(folder))
    assert code == 0 and "15 files in" in err
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 15 and "督办单-区党工委组织部（人力资源部）.docx" in files
    code, _, err = _remind(tmp_path, "--as-of", "2025-12-10", "--split", "-o", str(folder))
    assert code == 2 and err.count("\n") == 1 and "already exists; use --force" in err
    assert _remind(tmp_path, "--as-of", "2025-12-10", "--split", "-o", str(folder),
                   "--force")[0] == 0
    # (read last: this process then counts the file among its inputs, never to be written)
    street = gkparse.parse_notice(folder / "督办单-各街道.docx")
    assert street.notice.addressees == ["各街道"] and len(street.tasks) == 9
    code, out, err = _remind(tmp_path, "-f", "text")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "【红色督办】区党政办公室："
    assert lines[2].startswith("1.【红】1.4.5 开展区直机关") and lines[2].endswith(
        "（时限：9月底前；状态：推进中；逾期15天）")
    assert lines[3].endswith("（时限：12月底前；状态：受阻；原因：等待市级平台接口）")
    assert lines[4].endswith("（时限：10月底前；状态：推进中；还有16天）")
    assert lines[-3:] == ["请于2025年10月20日前将办理情况书面反馈济宁高新区管委会办公室。",
                          "济宁高新区管委会办公室", "2025年10月15日"]


def test_split_text_one_file_per_unit(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    code, out, _ = _remind(tmp_path, "--as-of", "2025-12-10", "--split", "-f", "text", "-o",
                           str(folder))
    assert code == 0 and out == ""
    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    assert len(texts) == 15 and texts["督办单-各街道.txt"].startswith("【黄色督办】各街道：\n")
    whole = _remind(tmp_path, "--as-of", "2025-12-10", "-f", "text")[1]
    assert sorted(whole.rstrip("\n").split("\n\n")) == sorted(t.rstrip("\n") for t in texts.values())


def test_unit_view_and_nothing_to_remind(tmp_path: Path) -> None:
    for name in ("notice.docx", "status.yaml", "units.yaml"):
        shutil.copyfile(SAMPLES / name, tmp_path / name)
    result = runner.invoke(app, ["remind", str(tmp_path / "status.yaml"), "--unit", "洸河街道",
                                 "--as-of", "2025-12-10", "-f", "text", "--from", "区督查室",
                                 "--reply-days", "3"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # red: 1.4.3, led by 区党政办公室 with 各街道 responsible, is overdue by then
    assert lines[0] == "【红色督办】洸河街道："
    assert "你单位牵头或参与的以下32项任务需加快办理（逾期1项、受阻1项、进度滞后29项、即将到期1项）" \
        in lines[1]
    assert lines[2].startswith("1.【红】1.4.3 ")
    assert lines[-3:] == ["请于2025年12月13日前将办理情况书面反馈区督查室。", "区督查室", "2025年12月10日"]
    # early in the year, with the one blocked task under way again: nothing to remind of
    status = tmp_path / "status.yaml"
    text = status.read_text(encoding="utf-8")
    assert text.count("status: blocked") == 1
    status.write_text(text.replace("status: blocked", "status: in_progress"), encoding="utf-8")
    out = tmp_path / "none.docx"
    result = runner.invoke(app, ["remind", str(status), "--as-of", "2025-01-02", "-o", str(out)])
    assert result.exit_code == 0 and not out.exists()
    assert "no unit has tasks overdue, blocked or due within 30 days" in result.stderr


def test_the_documents_pass_gkparses_gb_t_9704_lint(tmp_path: Path) -> None:
    out = tmp_path / "督办单.docx"
    assert _remind(tmp_path, "--as-of", "2025-12-10", "-o", str(out))[0] == 0
    report = lint_files([out])
    # GB203 is the one warning, by choice: 28 characters a line come from letter spacing, not
    # Word's character grid, which LibreOffice lays out with gaps (gongwen.LETTER_SPACING).
    assert [(f.code, f.severity) for f in report.findings] == [("GB203", "warning")] * 15
    assert all("no character grid" in f.message for f in report.findings)  # once a part


def test_remind_needs_a_status_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["remind", str(SAMPLES / "notice.docx"), "-o",
                                 str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and not (tmp_path / "x.docx").exists()
    assert result.stderr == (f"gkparse: {SAMPLES / 'notice.docx'}: remind needs a status file "
                             "(.yaml); run gkparse init first\n")


def test_remind_is_byte_identical_across_runs(tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert _remind(tmp_path, "-o", str(first))[0] == 0
    assert _remind(tmp_path, "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


@needs_libreoffice
def test_remind_renders_a_coloured_part_per_unit(tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    assert _remind(tmp_path, "--as-of", "2025-12-10", "-o", str(out))[0] == 0
    pdf = to_pdf(out, tmp_path)
    pages = words_by_page(pdf)
    starts = [n for n, page in enumerate(pages, 1)
              if any(w.text.endswith("督办件") for w in page)]
    assert len(starts) == 15  # each unit's 督办单 starts a page
    numbers = [next(w.text for w in reversed(page) if w.text.isdigit()) for page in pages]
    assert all(numbers[n - 1] == "1" for n in starts)  # and is numbered from 1
    _, _, red_page = page_image(pdf, starts[0], tmp_path)
    _, _, yellow_page = page_image(pdf, starts[1], tmp_path)
    red, yellow = (0xC0, 0, 0), (0xFF, 0xC0, 0)
    assert pixels_like(red_page, red, 30) > 50 and pixels_like(red_page, yellow, 30) < 5
    assert pixels_like(yellow_page, yellow, 30) > 50 and pixels_like(yellow_page, red, 30) < 5
