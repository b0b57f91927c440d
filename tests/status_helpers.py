"""What the hostile status-file tests share: the installed command, the sample office, and
hand-made ledgers (tests/test_status_attacks*.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import openpyxl
import yaml

GKPARSE = str(Path(sys.executable).with_name("gkparse"))
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
HEAD = "notice: notice.docx\nas_of: 2025-10-15\ntasks:\n"
HEADER = ("编号", "状态", "完成日期", "佐证材料", "备注")


def gk(*args: str | Path, cwd: Path | None = None,
       env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed console script, run as a clerk runs it."""
    return subprocess.run([GKPARSE, *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=180)


def copy_sample(folder: Path) -> Path:
    """``folder`` with the sample notice and status file in it."""
    shutil.copy(SAMPLES / "notice.docx", folder)
    shutil.copy(SAMPLES / "status.yaml", folder)
    return folder


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8-sig"))


def write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def book(path: Path, rows: Iterable[Sequence[object]], header: Sequence[str] = HEADER,
         above: Iterable[Sequence[object]] = ()) -> Path:
    """A hand-made ledger (sheet 总台账): optional rows above the header, the header, the rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "总台账"
    for row in above:
        sheet.append(list(row))
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def patch_part(src: Path, dst: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy of the package ``src`` with one part's bytes changed."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if info.filename == part else data)
    return dst


def import_into(tmp: Path, status_text: str, rows: Iterable[Sequence[object]], *extra: str,
                header: Sequence[str] | None = None
                ) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Write ``status_text`` and a ledger of ``rows``, import one into the other."""
    status = write(tmp / "status.yaml", status_text)
    ledger = book(tmp / "l.xlsx", rows, header or HEADER)
    return status, gk("status", "import", ledger, "--into", status, *extra)


def edited_ledger(folder: Path, edits: Mapping[str, Mapping[str | int, object]], *,
                  sheets: Sequence[str] | None = ("总台账",), keep_only: str | None = None,
                  name: str = "ledger") -> Path:
    """gkparse's ledger of ``folder``/status.yaml with cells changed as a unit changes them in
    Excel: task id -> {column: value}, a column named by its header word or its number
    (9 状态, 10 完成日期, 11 佐证材料, 12 备注). The edits go to ``sheets`` (None: every task
    sheet; 汇总 and the hidden sheet are left alone). ``keep_only``: the workbook cut down to
    that one sheet and edited there, as a unit returns its own sheet. Saved beside the ledger
    as ``name``-edited.xlsx."""
    from gkparse.office.ledger_sheets import BASELINE_SHEET, SUMMARY_SHEET

    made = gk("ledger", folder / "status.yaml", "-o", folder / f"{name}.xlsx", "--force")
    assert made.returncode == 0, made.stderr
    workbook = openpyxl.load_workbook(folder / f"{name}.xlsx")
    if keep_only is not None:
        for sheet in list(workbook):
            if sheet.title != keep_only:
                workbook.remove(sheet)
        sheets = (keep_only,)
    for sheet in workbook.worksheets:
        if (sheet.title not in sheets) if sheets is not None else (
                sheet.title in (BASELINE_SHEET, SUMMARY_SHEET)):
            continue
        header = [cell.value for cell in sheet[1]]
        for row in range(2, sheet.max_row + 1):
            for column, value in edits.get(sheet.cell(row, 1).value, {}).items():
                number = column if isinstance(column, int) else header.index(column) + 1
                sheet.cell(row, number).value = value
    out = folder / f"{name}-edited.xlsx"
    workbook.save(out)
    return out
