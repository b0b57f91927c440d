"""How long an in-place status-file update takes as the number of changes grows (issue 10's goal:
20,000 changes into a 20,000-entry file in under 5 s, and linear growth).

    python benchmarks/status_import.py [--rows 1000 5000 20000] [--repeat 3]

For each size N it builds the large notice and its status file (make_large.py), then times,
as medians of ``--repeat`` runs in fresh processes' worth of work:

- ``edit``: ``edit_status_text`` with N changes (every entry's status and note), the editor
  alone, including its parse-back check;
- ``import``: ``gkparse status import`` end to end (reading the notice .docx and the workbook
  included) of a ledger in which every row's 状态 and 备注 were changed.

Figures go in the README's status-file section.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gkparse.tracking.status import parse_status  # noqa: E402
from gkparse.tracking.status_edit import edit_status_text  # noqa: E402

WORDS = ["in_progress", "done", "blocked", "todo"]


def _data(rows: int, folder: Path) -> tuple[Path, Path]:
    notice, status = folder / f"notice-{rows}.docx", folder / f"status-{rows}.yaml"
    if not notice.exists() or not status.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_large.py"), "--rows",
                        str(rows), "--out", str(folder)], check=True)
    return notice, status


def _time_edit(text: str, repeat: int) -> tuple[float, int]:
    status = parse_status(text, "status.yaml")
    changes = {task: {"status": WORDS[i % 4] if WORDS[i % 4] != entry.status else "blocked",
                      "note": f"第{i}项：已调度"}
               for i, (task, entry) in enumerate(status.tasks.items())}
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        edit_status_text(text, "status.yaml", changes)
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(changes)


def _ledger_with_every_row_changed(notice: Path, status: Path, work: Path) -> Path:
    from openpyxl import load_workbook

    ledger = work / "ledger.xlsx"
    subprocess.run([sys.executable, "-m", "gkparse.cli", "ledger", str(status), "-o", str(ledger),
                    "--force"], check=True, cwd=work)
    book = load_workbook(ledger)
    sheet = book["总台账"]
    header = [cell.value for cell in sheet[1]]
    status_col, note_col = header.index("状态") + 1, header.index("备注") + 1
    done_col = header.index("完成日期") + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=status_col).value = "受阻" if row % 2 else "推进中"
        # A completion date belongs to a task that is 已完成: import refuses it on any other.
        sheet.cell(row=row, column=done_col).value = None
        sheet.cell(row=row, column=note_col).value = f"第{row}行：已调度"
    for name in book.sheetnames[1:]:  # only 总台账 is filled in, as most offices do
        if name not in ("gkparse", "汇总"):
            del book[name]
    book.save(ledger)
    return ledger


def _time_import(notice: Path, status: Path, repeat: int) -> float:
    times = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copyfile(notice, work / notice.name)
        ledger = _ledger_with_every_row_changed(notice, status, work)
        for _ in range(repeat):
            copy = work / "status.yaml"
            shutil.copyfile(status, copy)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "gkparse.cli", "status", "import", str(ledger),
                            "--into", str(copy)], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data", type=Path, default=ROOT / "benchmarks" / "data")
    parser.add_argument("--no-import", action="store_true", help="time the editor only")
    args = parser.parse_args(argv)
    args.data.mkdir(parents=True, exist_ok=True)
    print(f"{'entries':>8} {'changes':>8} {'edit s':>8} {'per change µs':>14} {'import s':>9}")
    for rows in args.rows:
        notice, status = _data(rows, args.data)
        text = status.read_text(encoding="utf-8")
        seconds, changes = _time_edit(text, args.repeat)
        imported = "-" if args.no_import else f"{_time_import(notice, status, args.repeat):.2f}"
        entries = len(parse_status(text, "s").tasks)
        print(f"{entries:>8} {changes:>8} {seconds:>8.2f} {seconds / changes * 1e6:>14.1f} "
              f"{imported:>9}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
