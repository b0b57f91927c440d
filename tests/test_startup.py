"""``gkparse --version`` and ``gkparse --help`` answer before typer loads (issue 17)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from gkparse import __version__
from gkparse.help_text import HELP
from gkparse.i18n import LANGUAGES, language_from_environment

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("make_help_text",
                                              ROOT / "scripts" / "make_help_text.py")
make_help_text = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_help_text)


def _run(*args: str, columns: str = "80", language: str = "en"
         ) -> subprocess.CompletedProcess[str]:
    code = ("import atexit, sys; sys.argv = ['gkparse', *sys.argv[1:]]; "
            "atexit.register(lambda: print('typer' in sys.modules, file=sys.stderr)); "
            "import gkparse; gkparse.main()")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          encoding="utf-8", check=True,
                          env={**os.environ, "COLUMNS": columns, "GKPARSE_LANG": language})


def test_the_stored_help_is_what_the_cli_renders():
    # Stale after a change to the commands, the top-level help or its translation: run
    # scripts/make_help_text.py.
    assert set(HELP) == set(LANGUAGES)
    for language in LANGUAGES:
        assert make_help_text.rendered_help(language) == HELP[language]


def test_the_language_is_the_one_the_cli_would_use(monkeypatch):
    import gkparse

    cases = [{}, {"LANG": "zh_CN.UTF-8"}, {"LANG": "C"}, {"LANGUAGE": "zh:en", "LANG": "C"},
             {"LANGUAGE": ":", "LC_ALL": "zh_TW"}, {"GKPARSE_LANG": "en", "LANG": "zh_CN"},
             {"GKPARSE_LANG": "zh"}, {"LC_MESSAGES": "en_US", "LANG": "zh_CN"},
             {"LANG": ""}, {"LC_ALL": " ", "LANG": "zh"}]
    for environ in cases:
        for name in ("GKPARSE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environ.items():
            monkeypatch.setenv(name, value)
        assert gkparse._language() == language_from_environment(), environ


def test_help_and_version_do_not_load_typer():
    for flag in ("--help", "-h"):
        for language in LANGUAGES:
            done = _run(flag, language=language)
            assert done.stdout == HELP[language]
            assert done.stderr.strip() == "False"
    done = _run("--version")
    assert done.stdout == f"gkparse {__version__}\n"
    assert done.stderr.strip() == "False"


def test_a_narrow_terminal_gets_clicks_own_layout():
    done = _run("--help", columns="60")
    assert done.stderr.strip() == "True"
    assert done.stdout != HELP["en"]


def test_a_command_still_runs_through_the_cli():
    done = _run("schema")
    assert done.stderr.strip() == "True"
    assert '"$schema"' in done.stdout or "properties" in done.stdout
