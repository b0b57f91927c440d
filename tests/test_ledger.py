"""The 工作台账 workbook, read back with openpyxl (XlsxWriter wrote it), and status import."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from gkparse.cli import app
from gkparse.office.ledger import ENTRY_WORDS, HEADERS, sheet_name
from gkparse.tracking.status import load_status

from conftest import ROOT, need_program

SAMPLES = ROOT / "samples"
runner = CliRunner()


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A folder like an office's: the notice, its status file and roster."""
    for name in ("notice.docx", "status.yaml", "units.yaml"):
        shutil.copyfile(SAMPLES / name, tmp_path / name)
    return tmp_path


def _ledger(office: Path, source: str = "status.yaml", *extra: str) -> Path:
    out = office / "ledger.xlsx"
    result = runner.invoke(app, ["ledger", str(office / source), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def _rows(sheet) -> dict[str, dict[str, object]]:
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:] if row[0]}


def test_workbook_from_a_notice_has_every_task_and_what_excel_needs(office: Path) -> None:
    book = load_workbook(_ledger(office, "notice.docx"))
    assert book.sheetnames[0] == "总台账" and "汇总" not in book.sheetnames
    assert book["gkparse"].sheet_state == "hidden"  # the status columns as written
    assert "区党政办公室" in book.sheetnames and "区党政办公室（宣传）" in book.sheetnames
    sheet = book["总台账"]
    assert [c.value for c in sheet[1]] == HEADERS
    rows = _rows(sheet)
    assert len(rows) == 56
    first = rows["1.1.1"]
    assert first["一级任务"] == "坚持标准引领，持续推进政务公开规范转型"
    assert first["二级任务"] == "全面优化主动公开机制"
    assert first["牵头单位"] == "区党政办公室" and first["完成时限"] == "3月底前"
    assert first["截止日期"] == datetime(2025, 3, 31) and first["状态"] == "未开始"
    assert sheet["H2"].number_format == "yyyy-mm-dd" and sheet["H2"].is_date
    assert rows["2.7.1"]["截止日期"] is None  # an empty deadline stays empty
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:L57"
    assert sheet["D2"].alignment.wrap_text and sheet["D2"].font.name == "宋体"
    assert sheet.column_dimensions["D"].width > 40
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert len(lists) == 1 and lists[0].formula1 == '"' + ",".join(ENTRY_WORDS) + '"'
    assert str(lists[0].sqref).startswith("I2:I")
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
    assert sum(len(_rows(book[name])) for name in book.sheetnames[1:]) >= 56
    assert {sheet.cell(row=r, column=4).fill.fgColor.rgb for r in range(2, 58)} == {"00000000"}


def test_workbook_from_a_status_file_fills_colours_and_sums(office: Path) -> None:
    book = load_workbook(_ledger(office))
    rows = _rows(book["总台账"])
    done = rows["1.1.1"]
    assert done["状态"] == "已完成" and done["完成日期"] == datetime(2025, 3, 28)
    assert "主动公开事项目录" in done["佐证材料"]
    assert rows["4.13.3"]["状态"] == "未跟踪"  # untracked: no entry yet, as 汇总 counts it
    sheet = book["总台账"]
    fills = {sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=4).fill.fgColor.rgb
             for r in range(2, sheet.max_row + 1)}
    assert fills["1.4.5"].endswith("F8CBAD")  # overdue: red
    assert fills["1.4.3"].endswith("FFE699")  # due soon: yellow
    assert fills["1.1.1"].endswith("C6EFCE")  # done: green
    summary = list(book["汇总"].iter_rows(values_only=True))
    header = list(summary[2])
    table = [dict(zip(header, row, strict=True)) for row in summary[3:] if row[1] is not None]
    total = table[-1]
    assert total["牵头单位"] == "合计" and total["合计"] == 56
    assert total["逾期"] == 1 and total["即将到期"] == 1 and total["已完成"] == 5
    statuses = [row["状态"] for row in rows.values()]
    assert total["未跟踪"] == statuses.count("未跟踪") == 1  # the two sheets agree
    assert total["未开始"] == statuses.count("未开始")
    by_unit = sum(row["合计"] for row in table[:-1])
    shared = sum("、" in row["牵头单位"] for row in rows.values())
    assert (by_unit, shared) == (102, 29)
    assert summary[-1][0] == (f"注：{shared} 项任务由多个单位牵头，在每个牵头单位下各计一次，"
                              f"故各单位行相加为 {by_unit} 项，合计为 56 项。")


def test_unit_sheets_and_the_baseline_repeat_the_main_rows_cell_by_cell(office: Path) -> None:
    # A task's row is encoded once and put on 总台账, its lead units' sheets and the hidden
    # baseline (office/rows_worksheet.py): read back, each copy is the same cells, styles and
    # height, and the baseline is the status columns with an empty value as no cell.
    book = load_workbook(_ledger(office))
    main = book["总台账"]
    by_id = {row[0].value: row for row in main.iter_rows(min_row=2)}
    height = {row[0].value: main.row_dimensions[row[0].row].height
              for row in main.iter_rows(min_row=2)}
    assert main.dimensions == f"A1:L{len(by_id) + 1}"
    assert all(h is not None and (h - 3) % 13.5 == 0 for h in height.values())
    units = [name for name in book.sheetnames if name not in ("总台账", "汇总", "gkparse")]
    placed = 0
    for name in units:
        sheet = book[name]
        assert [c.value for c in sheet[1]] == HEADERS
        assert sheet.dimensions == f"A1:L{sheet.max_row}"
        for row in sheet.iter_rows(min_row=2):
            same = by_id[row[0].value]
            assert [(c.value, c.data_type, c.style_id) for c in row] == [
                (c.value, c.data_type, c.style_id) for c in same]
            assert sheet.row_dimensions[row[0].row].height == height[row[0].value]
            assert name in row[4].value.split("、")  # 牵头单位
            placed += 1
    assert placed == 102  # each task once per lead unit (汇总's note says the same)
    baseline = list(book["gkparse"].iter_rows(values_only=True))
    assert baseline[0] == ("编号", "状态", "完成日期", "佐证材料", "备注")
    assert [row[0] for row in baseline[1:]] == list(by_id)
    columns = [HEADERS.index(name) for name in baseline[0]]
    for row in baseline[1:]:
        assert row == tuple(by_id[row[0]][i].value or None for i in columns)
    assert any(isinstance(row[2], datetime) for row in baseline[1:])


def test_an_untouched_untracked_row_imports_as_no_news(office: Path) -> None:
    _ledger(office)
    before = (office / "status.yaml").read_bytes()
    result = _import(office)
    assert result.exit_code == 0 and "nothing to change" in result.stderr, result.stderr
    assert (office / "status.yaml").read_bytes() == before


def test_workbook_is_byte_identical_across_runs_and_never_overwritten(office: Path) -> None:
    first = _ledger(office).read_bytes()
    result = runner.invoke(app, ["ledger", str(office / "status.yaml"), "-o",
                                 str(office / "ledger.xlsx")])
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (office / "ledger.xlsx").read_bytes() == first
    second = _ledger(office, "status.yaml", "--force").read_bytes()
    assert first == second


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    names = [sheet_name(n, taken) for n in ("总台账", "a/b:c*d?e[f]g\\h", "总台账", "TOTAL",
                                            "total", "'quoted'", "长" * 40, "长" * 40, "History")]
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len({n.lower() for n in names}) == len(names)
    assert names[1] == "a_b_c_d_e_f_g_h" and names[2] == "总台账 (2)" and names[4] == "total (2)"
    assert names[5] == "quoted" and names[7].endswith(" (2)") and names[8] == "History_"


def test_unit_ledger_keeps_that_units_tasks(office: Path) -> None:
    book = load_workbook(_ledger(office, "status.yaml", "--unit", "洸河街道"))
    assert len(_rows(book["总台账"])) == 43  # every task of 各街道, through the roster


# -- reading it back ----------------------------------------------------------------------------

def _fill(path: Path, edits: dict[tuple[str, str], object], sheet: str = "总台账") -> None:
    """Edit cells as a unit would in Excel: (task id, column header) -> value."""
    book = load_workbook(path)
    ws = book[sheet]
    columns = {cell.value: cell.column for cell in ws[1]}
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    for (task, header), value in edits.items():
        ws.cell(row=rows[task], column=columns[header]).value = value
    book.save(path)


def _import(office: Path, *extra: str):
    return runner.invoke(app, ["status", "import", str(office / "ledger.xlsx"), "--into",
                               str(office / "status.yaml"), *extra])


def test_round_trip_ledger_edit_import_check(office: Path) -> None:
    ledger = _ledger(office)
    before = (office / "status.yaml").read_text(encoding="utf-8")
    assert "1.4.5" in runner.invoke(app, ["check", str(office / "status.yaml"), "-f",
                                          "json"]).stdout  # overdue before
    _fill(ledger, {("1.4.5", "状态"): "已完成", ("1.4.5", "完成日期"): datetime(2025, 10, 10),
                   ("1.4.5", "佐证材料"): "https://www.example.gov.cn/kfr\n活动照片.zip",
                   ("1.2.1", "备注"): "已召开联席会议", ("4.13.3", "状态"): "推进中"})
    result = _import(office)
    assert result.exit_code == 0, result.output
    assert "1.4.5: 状态 推进中 -> 已完成, 完成日期 - -> 2025-10-10" in result.stderr
    assert "4.13.3: added (状态 - -> 推进中)" in result.stderr
    after = (office / "status.yaml").read_text(encoding="utf-8")
    status = load_status(office / "status.yaml")
    assert status.tasks["1.4.5"].status == "done"
    assert status.tasks["1.4.5"].completed_on == date(2025, 10, 10)
    assert status.tasks["1.4.5"].evidence == ["https://www.example.gov.cn/kfr", "活动照片.zip"]
    assert status.tasks["1.2.1"].note == "已召开联席会议"
    assert status.tasks["4.13.3"].status == "in_progress" and status.tasks["4.13.3"].fingerprint
    # Everything not changed is kept byte for byte, comments included.
    kept = [line for line in before.splitlines() if line.startswith("#")
            or line.strip().startswith("#")]
    assert all(line in after.splitlines() for line in kept)
    untouched = before.split('"1.1.2"')[1].split('"1.1.3"')[0]
    assert untouched in after
    check = runner.invoke(app, ["check", str(office / "status.yaml"), "-f", "json"])
    codes = {(f["code"], f["task"]) for f in json.loads(check.stdout)["findings"]}
    assert ("GK101", "1.4.5") not in codes and ("GK107", "4.13.3") not in codes
    assert ("GK106", "1.4.3") in codes  # what the ledger did not touch still holds
    assert _import(office).stderr.strip().endswith("nothing to change")  # idempotent


def test_bad_cells_are_listed_and_nothing_is_written(office: Path) -> None:
    ledger = _ledger(office)
    _fill(ledger, {("1.1.2", "状态"): "完成", ("1.1.3", "完成日期"): "下周",
                   ("1.1.4", "状态"): "已完成"})
    before = (office / "status.yaml").read_bytes()
    result = _import(office)
    assert result.exit_code == 2
    assert "总台账!I3 (task 1.1.2): unknown status '完成'" in result.stderr
    assert "总台账!J4 (task 1.1.3): '下周' is not a date" in result.stderr
    assert "nothing was written" in result.stderr
    assert (office / "status.yaml").read_bytes() == before
    skipped = _import(office, "--skip-bad")
    assert skipped.exit_code == 0 and "1.1.4: 状态 未开始 -> 已完成" in skipped.stderr
    assert load_status(office / "status.yaml").tasks["1.1.2"].status == "in_progress"


def test_sheets_that_disagree_are_a_conflict(office: Path) -> None:
    ledger = _ledger(office)
    _fill(ledger, {("1.1.4", "状态"): "已完成"})
    _fill(ledger, {("1.1.4", "状态"): "受阻"}, sheet="各街道")
    result = _import(office)
    assert result.exit_code == 2
    conflict = [line for line in result.stderr.splitlines() if "in 总台账!" in line]
    assert len(conflict) == 1  # one conflict, said once, naming both cells and both words
    assert "各街道!I" in conflict[0] and "'受阻' here, but '已完成' in 总台账!I" in conflict[0]


def test_dry_run_lists_and_writes_nothing(office: Path) -> None:
    ledger = _ledger(office)
    _fill(ledger, {("1.1.4", "状态"): "推进中"})
    before = (office / "status.yaml").read_bytes()
    result = _import(office, "--dry-run")
    assert result.exit_code == 0 and "1.1.4: 状态 未开始 -> 推进中" in result.stderr
    assert (office / "status.yaml").read_bytes() == before


def test_not_a_workbook_is_one_line(office: Path) -> None:
    (office / "ledger.xlsx").write_bytes(b"hello")
    result = _import(office)
    assert result.exit_code == 2 and "not an .xlsx workbook" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def test_libreoffice_opens_and_prints_the_workbook_on_a4_landscape(office: Path) -> None:
    soffice = need_program(SOFFICE, "LibreOffice", "apt-get install libreoffice-calc-nogui "
                                                   "(scripts/install-test-tools.sh)")
    ledger = _ledger(office)
    done = subprocess.run([soffice, "--headless", f"-env:UserInstallation={(office / 'lo').as_uri()}",
                           "--convert-to", "pdf", "--outdir", str(office / "pdf"), str(ledger)],
                          capture_output=True, text=True, timeout=300, check=False)
    pdf = (office / "pdf" / "ledger.pdf").read_bytes()
    assert done.returncode == 0 and pdf.startswith(b"%PDF"), done.stderr
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    assert boxes and all(abs(float(w) - 841.89) < 1 and abs(float(h) - 595.3) < 1
                         for w, h in boxes)  # A4, landscape, on every page
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) > 5


def test_the_remark_column_is_a_waived_tasks_reason(office: Path) -> None:
    ledger = _ledger(office)
    assert _rows(load_workbook(ledger)["总台账"])["3.9.7"]["备注"].startswith("该项由市医保局")
    _fill(ledger, {("3.9.7", "备注"): "市医保局已统一发布", ("1.1.4", "备注"): "已排期"})
    assert _import(office).exit_code == 0
    status = load_status(office / "status.yaml")
    assert status.tasks["3.9.7"].reason == "市医保局已统一发布" and status.tasks["3.9.7"].note is None
    assert status.tasks["1.1.4"].note == "已排期" and status.tasks["1.1.4"].reason is None


def test_a_short_cell_of_several_lines_is_as_tall_as_its_lines():
    # A cell short enough to skip measuring still counts its line breaks (issue 17).
    from gkparse.office.ledger import LINE_HEIGHT, row_height

    assert row_height(["1.1.1", "", "", "", "甲\n乙\n丙"]) == 3 * LINE_HEIGHT + 3
    assert row_height(["1.1.1", "", "", "", "甲乙丙"]) == LINE_HEIGHT + 3
