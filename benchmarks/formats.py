"""gkparse extract on the seed notice in every format, as whole processes: medians and peak RSS.

    python benchmarks/formats.py [--runs 5]

The files are made as the format tests make them (tests/formats/build_seed_formats.py,
then LibreOffice for .doc, .wps, .rtf, .odt, .pdf, .xls, .et, .ods), so LibreOffice
must be installed. Also times a folder of four .doc/.wps/.rtf/.odt files, converted in
one LibreOffice run, against the four extracted one by one. Prints Markdown for the README.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GKPARSE = str(Path(sys.executable).with_name("gkparse"))
sys.path.insert(0, str(ROOT / "tests" / "formats"))

import build_seed_formats  # noqa: E402 - the tests' builder of the seed's formats


def run_once(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return time.perf_counter() - start, usage.ru_maxrss


def make_files(folder: Path) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed (scripts/install-test-tools.sh)")
    build_seed_formats.main(folder)
    shutil.copyfile(ROOT / "samples" / "notice.docx", folder / "notice.docx")
    profile = f"-env:UserInstallation={(folder / 'profile').as_uri()}"
    for source, targets in (("notice.docx", ("doc", "rtf", "odt", "pdf")),
                            ("notice.xlsx", ("xls", "ods"))):
        for target in targets:
            subprocess.run([soffice, profile, "--headless", "--convert-to", target, "--outdir",
                            str(folder), str(folder / source)], check=True, capture_output=True)
    shutil.copyfile(folder / "notice.doc", folder / "notice.wps")
    shutil.copyfile(folder / "notice.xls", folder / "notice.et")
    names = ["notice.docx", "notice.doc", "notice.wps", "notice.rtf", "notice.odt", "notice.pdf",
             "notice-gbk.html", "notice.xlsx", "notice.xls", "notice.et", "notice.ods"]
    return [folder / name for name in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        files = make_files(Path(folder))
        out = Path(folder) / "out.json"
        print("| file | median | peak RSS |\n|---|---|---|")
        for path in files:
            samples = [run_once([GKPARSE, "extract", str(path), "-o", str(out)])
                       for _ in range(args.runs)]
            wall = statistics.median(s[0] for s in samples)
            rss = max(s[1] for s in samples) // 1024
            print(f"| {path.name} | {wall * 1000:,.0f} ms | {rss} MB |")
        legacy = Path(folder) / "legacy"
        legacy.mkdir()
        for name in ("notice.doc", "notice.wps", "notice.rtf", "notice.odt"):
            shutil.copyfile(Path(folder) / name, legacy / name)
        together = statistics.median(run_once([GKPARSE, "extract", str(legacy), "-o",
                                               str(out)])[0] for _ in range(args.runs))
        alone = statistics.median(
            sum(run_once([GKPARSE, "extract", str(p), "-o", str(out)])[0]
                for p in sorted(legacy.iterdir())) for _ in range(args.runs))
        print(f"\nfour .doc/.wps/.rtf/.odt files: one LibreOffice run {together:.1f} s, "
              f"one run each {alone:.1f} s")


if __name__ == "__main__":
    main()
