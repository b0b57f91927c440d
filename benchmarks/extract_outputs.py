"""Write what ``gkparse extract`` gives for notices, every format, to compare two versions byte for byte.

    python benchmarks/extract_outputs.py OUT_DIR [FILE ...] [--explain]

With no FILE: samples/notice.docx and every .docx under tests/. For each file and each of
json, jsonl, yaml and csv, OUT_DIR gets the output, the messages and the exit code (a file
gkparse refuses is compared by its message and code); ``--explain`` adds ``explain -f json``.
A change meant to keep the output (a speed-up, a refactoring) is checked by running this
before and after it and comparing the folders (``diff -r BEFORE AFTER``). Issue 17 checked
its changes this way on the sample, the 43 .docx files under tests/ and the six benchmark
notices (verbose and lean XML, 5,000 to 50,000 rows).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GKPARSE = str(Path(sys.executable).with_name("gkparse"))
FORMATS = ("json", "jsonl", "yaml", "csv")


def _run(argv: list[str], out: Path) -> None:
    result = subprocess.run(argv, capture_output=True, check=False, cwd=ROOT)
    out.write_bytes(result.stdout)
    out.with_name(out.name + ".err").write_bytes(result.stderr)
    out.with_name(out.name + ".rc").write_text(f"{result.returncode}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--explain", action="store_true", help="also explain -f json")
    args = parser.parse_args()
    # Paths inside the checkout are given to gkparse relative to it (gkparse runs there), so
    # that the outputs of two checkouts, which name the file, can be compared.
    files = [path.resolve() for path in args.files] or [
        ROOT / "samples" / "notice.docx", *sorted((ROOT / "tests").rglob("*.docx"))]
    files = [path.relative_to(ROOT) if path.is_relative_to(ROOT) else path for path in files]
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    for path in files:
        name = str(path).replace("/", "_")
        for fmt in FORMATS:
            _run([GKPARSE, "extract", str(path), "-f", fmt], out / f"{name}.{fmt}")
        if args.explain:
            _run([GKPARSE, "explain", str(path), "-f", "json"], out / f"{name}.explain")
    print(f"{len(files)} files written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
