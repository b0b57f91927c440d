"""gkparse against the floor and its peers, as whole processes: medians, ratios, peak RSS, goals.

    python benchmarks/run.py [--runs 9] [--large-runs 5] [--skip-peers] [--skip-batch]

Readers run A/B interleaved (each run visits every reader once, in a shuffled
order), so a slow moment of the machine falls on all of them alike. Wall time
is measured around each process; peak RSS comes from wait4() for that process
alone. Peers run only where installed: python-docx (a gkparse dependency),
docx2python, pandoc. Prints Markdown tables for the README and a line per goal
of issue 5 with PASS or FAIL; the exit code is 1 if a goal fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
DATA = BENCH / "data"
PY = sys.executable
GKPARSE = str(Path(PY).with_name("gkparse"))
SIZES = [1000, 5000, 20000]


@dataclass
class Sample:
    walls: list[float] = field(default_factory=list)
    peaks_kb: list[int] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.walls) * 1000

    @property
    def peak_mb(self) -> float:
        return max(self.peaks_kb) / 1024


def run_once(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one process, its output thrown away."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"benchmark command failed ({process.returncode}): {' '.join(argv)}")
    return wall, usage.ru_maxrss


def readers(include_peers: bool) -> dict[str, list[str]]:
    """Name -> argv prefix; the file goes last."""
    out = {"floor": [PY, str(BENCH / "floor.py")], "gkparse extract": [GKPARSE, "extract"]}
    if not include_peers:
        return out
    out["python-docx per w:tc"] = [PY, str(BENCH / "peers" / "python_docx_tc.py")]
    if importlib.util.find_spec("docx2python"):
        out["docx2python"] = [PY, str(BENCH / "peers" / "docx2python_body.py")]
    if shutil.which("pandoc"):
        out["pandoc -t json"] = ["pandoc", "-t", "json", "-o", os.devnull]
    return out


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, Sample]:
    samples = {name: Sample() for name in commands}
    order = list(commands)
    for _ in range(runs):
        random.shuffle(order)
        for name in order:
            wall, peak = run_once(commands[name])
            samples[name].walls.append(wall)
            samples[name].peaks_kb.append(peak)
    return samples


def ensure_data() -> dict[str, Path]:
    files = {"sample (56 rows)": ROOT / "samples" / "notice.docx"}
    missing = [n for n in SIZES if not (DATA / f"notice-{n}.docx").exists()]
    if missing:
        subprocess.run([PY, str(BENCH / "make_large.py"), "--rows", *map(str, missing)],
                       check=True)
    files.update({f"{n:,} rows": DATA / f"notice-{n}.docx" for n in SIZES})
    return files


class Goals:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.failed = False

    def check(self, ok: bool, text: str) -> None:
        self.failed |= not ok
        self.lines.append(f"- {'PASS' if ok else 'FAIL'}: {text}")


def time_in_process_check(size: int) -> tuple[float, float, float]:
    """Seconds to load a notice JSON, load a status file, and check + render, for ``size`` tasks."""
    code = f"""
import time
from pathlib import Path
from datetime import date
t0 = time.perf_counter()
from gkparse.checker import load_notice, evaluate, CheckReport
from gkparse.status import load_status
from gkparse.formats.check import render
notice = load_notice(Path({str(DATA / f"notice-{size}.json")!r}))
t1 = time.perf_counter()
status = load_status({str(DATA / f"status-{size}.yaml")!r})
t2 = time.perf_counter()
findings, summary = evaluate(notice, status, as_of=date(2025, 10, 15))
report = CheckReport(as_of=date(2025, 10, 15), warn_days=30, status_path="s", notice=notice,
                     status=status, findings=findings, summary=summary)
render("json", report)
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2)
"""
    done = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True)
    a, b, c = (float(x) for x in done.stdout.split())
    return a, b, c


def batch_throughput(copies: int, jobs: int, folder: Path) -> float:
    """Files per second for ``gkparse extract FOLDER --jobs N``."""
    wall, _ = run_once([GKPARSE, "extract", str(folder), "--jobs", str(jobs), "-q",
                        "-o", os.devnull])
    return copies / wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs per reader on the sample")
    parser.add_argument("--large-runs", type=int, default=5, help="runs per reader, large files")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-batch", action="store_true")
    args = parser.parse_args(argv)
    # An installed gkparse has its bytecode compiled by pip; an editable checkout gets it on
    # first import, unless PYTHONDONTWRITEBYTECODE is set (as on some CI machines). Compile
    # it here so start-up is measured as users get it.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    files = ensure_data()
    goals = Goals()
    from gkparse.batch import default_jobs  # the cores --jobs would use

    print(f"# gkparse benchmarks, {date.today()}, {platform.machine()} {default_jobs()} cores, "
          f"Python {platform.python_version()}\n")

    results: dict[str, dict[str, Sample]] = {}
    for label, path in files.items():
        runs = args.runs if "sample" in label else args.large_runs
        commands = {name: [*prefix, str(path)] for name, prefix in readers(not args.skip_peers).items()}
        if "sample" in label:
            commands["gkparse --version"] = [GKPARSE, "--version"]
            commands["gkparse --help"] = [GKPARSE, "--help"]
        results[label] = measure(commands, runs)
        print(f"measured {label}", file=sys.stderr)

    names = list(dict.fromkeys(n for r in results.values() for n in r))
    print("| reader | " + " | ".join(files) + " |")
    print("|---|" + "---|" * len(files))
    for name in names:
        cells = []
        for label in files:
            sample = results[label].get(name)
            if sample is None:
                cells.append("")
                continue
            ratio = sample.median_ms / results[label]["floor"].median_ms
            cells.append(f"{sample.median_ms:,.0f} ms ({ratio:.1f}×)")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("\nPeak RSS (MB):\n")
    print("| reader | " + " | ".join(files) + " |")
    print("|---|" + "---|" * len(files))
    for name in names:
        cells = [f"{results[label][name].peak_mb:.0f}" if name in results[label] else ""
                 for label in files]
        print(f"| {name} | " + " | ".join(cells) + " |")

    def ratio(label: str, name: str = "gkparse extract") -> float:
        return results[label][name].median_ms / results[label]["floor"].median_ms

    sample_label = next(iter(files))
    goals.check(ratio(sample_label) <= 2.5, f"sample extract {ratio(sample_label):.2f}× the floor "
                                            "(goal ≤ 2.5×)")
    for flag in ("--version", "--help"):
        r = ratio(sample_label, f"gkparse {flag}")
        goals.check(r <= 2.0, f"gkparse {flag} {r:.2f}× the floor (goal ≤ 2×)")
    for size in (5000, 20000):
        r = ratio(f"{size:,} rows")
        goals.check(r <= 2.0, f"{size:,} rows extract {r:.2f}× the floor (goal ≤ 2×)")
    growth = (results["20,000 rows"]["gkparse extract"].median_ms
              / results["5,000 rows"]["gkparse extract"].median_ms)
    goals.check(growth <= 4.4, f"20,000 rows take {growth:.2f}× the 5,000-row time (goal ≤ 4.4×)")
    rss = (results["20,000 rows"]["gkparse extract"].peak_mb
           / results["20,000 rows"]["floor"].peak_mb)
    goals.check(rss <= 2.0, f"peak RSS at 20,000 rows {rss:.2f}× the floor's (goal ≤ 2×)")

    load_notice_s, load_status_s, check_s = time_in_process_check(20000)
    print(f"\ncheck, 20,000 tasks: load notice JSON {load_notice_s * 1000:,.0f} ms, load status "
          f"file {load_status_s * 1000:,.0f} ms, evaluate + render JSON {check_s * 1000:,.0f} ms")
    goals.check(check_s <= 1.0, f"check beyond loading {check_s * 1000:,.0f} ms for 20,000 "
                                "tasks (goal ≤ 1 s)")

    if not args.skip_batch:
        copies = 400
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for i in range(copies):
                shutil.copyfile(files[sample_label], folder / f"notice-{i:03d}.docx")
            one = statistics.median(batch_throughput(copies, 1, folder) for _ in range(3))
            two = statistics.median(batch_throughput(copies, 2, folder) for _ in range(3))
        print(f"\nbatch, {copies} copies of the sample: --jobs 1 {one:,.0f} files/s, "
              f"--jobs 2 {two:,.0f} files/s ({two / one:.2f}×)")
        goals.check(two / one >= 1.7, f"--jobs 2 gives {two / one:.2f}× the throughput of "
                                      "--jobs 1 (goal ≥ 1.7×)")

    print("\nGoals (issue 5):\n")
    print("\n".join(goals.lines))
    return 1 if goals.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
