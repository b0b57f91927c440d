"""Write src/gkparse/help_text.py: ``gkparse --help`` as typer renders it at 80 columns.

    python scripts/make_help_text.py

``gkparse --help`` prints this text without loading typer (issue 17); run this after changing
the top-level help or the list of commands (tests/test_startup.py says when it is stale).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "src" / "gkparse" / "help_text.py"


def rendered_help() -> str:
    """What the CLI itself prints for ``gkparse --help`` on an 80-column terminal."""
    code = "import sys; sys.argv = ['gkparse', '--help']; from gkparse.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", check=True, env={**os.environ, "COLUMNS": "80"})
    return done.stdout


def module_text(help_text: str) -> str:
    return ('"""``gkparse --help``, as typer renders it at 80 columns (made by\n'
            'scripts/make_help_text.py; tests/test_startup.py checks it is current)."""\n\n'
            f"HELP = {help_text!r}  # noqa: E501\n")


if __name__ == "__main__":
    TARGET.write_text(module_text(rendered_help()), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
