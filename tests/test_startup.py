"""``gkparse --version`` and ``gkparse --help`` answer before typer loads (issue 17)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from gkparse import __version__
from gkparse.help_text import HELP

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("make_help_text",
                                              ROOT / "scripts" / "make_help_text.py")
make_help_text = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_help_text)


def _run(*args: str, columns: str = "80") -> subprocess.CompletedProcess[str]:
    code = ("import atexit, sys; sys.argv = ['gkparse', *sys.argv[1:]]; "
            "atexit.register(lambda: print('typer' in sys.modules, file=sys.stderr)); "
            "import gkparse; gkparse.main()")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          encoding="utf-8", check=True, env={**os.environ, "COLUMNS": columns})


def test_the_stored_help_is_what_the_cli_renders():
    # Stale after a change to the commands or the top-level help: run
    # scripts/make_help_text.py.
    assert make_help_text.rendered_help() == HELP


def test_help_and_version_do_not_load_typer():
    for flag in ("--help", "-h"):
        done = _run(flag)
        assert done.stdout == HELP
        assert done.stderr.strip() == "False"
    done = _run("--version")
    assert done.stdout == f"gkparse {__version__}\n"
    assert done.stderr.strip() == "False"


def test_a_narrow_terminal_gets_clicks_own_layout():
    done = _run("--help", columns="60")
    assert done.stderr.strip() == "True"
    assert done.stdout != HELP


def test_a_command_still_runs_through_the_cli():
    done = _run("schema")
    assert done.stderr.strip() == "True"
    assert '"$schema"' in done.stdout or "properties" in done.stdout
