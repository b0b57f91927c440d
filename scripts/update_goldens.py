"""Write tests/golden/: what gkparse writes in every output format for the sample.

    python scripts/update_goldens.py        (or: make goldens)

The inputs are the sample: samples/notice.docx (the reference notice,济高新管办字〔2025〕8号)
and samples/status.yaml, checked as of 2025-10-15 (the date the status file gives, given
again with --as-of). Each file is the command line's own output (``gkparse COMMAND … -f
FORMAT``, run in this process with typer's test runner, from the repository's root so every
path in it is the relative path given: samples/notice.docx, samples/status.yaml), in
English, not at a terminal (no colour; the table and the tree are 110 columns wide whatever
the terminal).

One thing varies between runs that are otherwise the same and is normalised: the SARIF
log's ``tool.driver.version``, gkparse's version, is written as ``GKPARSE_VERSION``
(``normalised``), so a release does not change the golden files.

tests/test_goldens.py renders the same outputs and compares them with these files byte for
byte; it never writes them. After a change to an output, run this script, read the diff, and
check the changed cells by hand as tests/golden/CHECKED.md describes.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
NOTICE = "samples/notice.docx"
STATUS = "samples/status.yaml"
AS_OF = "2025-10-15"

# file in tests/golden -> the command line that writes it. notice.json is the golden of
# tests/test_golden.py too (the records, checked against the seed dump cell by cell).
GOLDENS: dict[str, list[str]] = {
    "notice.json": ["extract", NOTICE, "-f", "json"],
    "notice.jsonl": ["extract", NOTICE, "-f", "jsonl"],
    "notice.yaml": ["extract", NOTICE, "-f", "yaml"],
    "notice.csv": ["extract", NOTICE, "-f", "csv"],
    "check.table.txt": ["check", STATUS, "--as-of", AS_OF, "-f", "table"],
    "check.json": ["check", STATUS, "--as-of", AS_OF, "-f", "json"],
    "check.sarif": ["check", STATUS, "--as-of", AS_OF, "-f", "sarif"],
    "check.junit.xml": ["check", STATUS, "--as-of", AS_OF, "-f", "junit"],
    "check.github.txt": ["check", STATUS, "--as-of", AS_OF, "-f", "github"],
    "check.markdown.md": ["check", STATUS, "--as-of", AS_OF, "-f", "markdown"],
    "report.html": ["report", STATUS, "--as-of", AS_OF, "-f", "html"],
    "report.md": ["report", STATUS, "--as-of", AS_OF, "-f", "markdown"],
    "explain.tree.txt": ["explain", NOTICE, "-f", "tree"],
    "explain.json": ["explain", NOTICE, "-f", "json"],
}

_SARIF_VERSION = re.compile(r'("name": "gkparse",\s*"version": )"[^"]*"')


def normalised(name: str, output: bytes) -> bytes:
    """``output`` with what varies between releases pinned (see the module's doc)."""
    if name.endswith(".sarif"):
        text, count = _SARIF_VERSION.subn(r'\1"GKPARSE_VERSION"', output.decode("utf-8"))
        if count != 1:
            raise ValueError(f"{name}: no tool.driver.version to normalise")
        return text.encode("utf-8")
    return output


@contextmanager
def _at_root() -> Iterator[None]:
    before = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(before)


def rendered(names: list[str] | None = None) -> dict[str, bytes]:
    """What the command line writes now for each golden file (normalised)."""
    from typer.testing import CliRunner

    from gkparse.cli import app
    from gkparse.i18n import current_language, use_language

    language = current_language()
    use_language("en")
    runner = CliRunner()
    out: dict[str, bytes] = {}
    try:
        with _at_root():
            for name in names or list(GOLDENS):
                args = GOLDENS[name]
                done = runner.invoke(app, args, env={"GITHUB_STEP_SUMMARY": "", "NO_COLOR": "1",
                                                     "COLUMNS": "80"})
                # check exits 1 on the sample: one task is overdue (an error)
                if done.exit_code not in (0, 1) or (done.exception and not isinstance(
                        done.exception, SystemExit)):
                    raise RuntimeError(f"gkparse {' '.join(args)}: exit {done.exit_code}\n"
                                       f"{done.stderr}")
                out[name] = normalised(name, done.stdout_bytes)
    finally:
        use_language(language)
    return out


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    for name, output in rendered().items():
        path = GOLDEN / name
        old = path.read_bytes() if path.exists() else None
        if old != output:
            path.write_bytes(output)
            print(f"wrote {path.relative_to(ROOT)}" + (" (new)" if old is None else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
