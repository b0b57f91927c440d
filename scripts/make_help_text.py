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


def rendered_help(language: str) -> str:
    """What the CLI itself prints for ``gkparse --help`` in ``language`` at 80 columns."""
    code = "import sys; sys.argv = ['gkparse', '--help']; from gkparse.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", check=False,
                          env={**os.environ, "COLUMNS": "80", "GKPARSE_LANG": language})
    if done.returncode != 0:
        raise SystemExit(f"gkparse --help failed: {done.stderr}")
    return done.stdout


def module_text(texts: dict[str, str]) -> str:
    lines = [f"    {language!r}: {text!r},  # noqa: E501" for language, text in texts.items()]
    return ('"""``gkparse --help`` in each language, as typer renders it at 80 columns (made by\n'
            'scripts/make_help_text.py; tests/test_startup.py checks it is current)."""\n\n'
            "HELP = {\n" + "\n".join(lines) + "\n}\n")


if __name__ == "__main__":
    from gkparse.i18n import LANGUAGES

    TARGET.write_text(module_text({language: rendered_help(language) for language in LANGUAGES}),
                      encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
