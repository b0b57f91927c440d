from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# make test: a short profile; make fuzz: --hypothesis-profile=fuzz (10,000 examples per
# property; the deadline catches a hang as a failure rather than a stuck run).
settings.register_profile("default", max_examples=60, deadline=2000)
settings.register_profile("fuzz", max_examples=10_000, deadline=5000)
settings.load_profile("default")

# The tests read English messages whatever the developer's locale (tests/test_i18n.py sets
# the language it tests in each run it starts).
os.environ["GKPARSE_LANG"] = "en"

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def repo_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def make_notice(tmp_path: Path):
    """Write a .docx whose body is the given XML; returns its path."""
    from docx_factory import write_docx

    counter = iter(range(10_000))

    def make(body: str, name: str | None = None) -> Path:
        return write_docx(tmp_path / (name or f"n{next(counter)}.docx"), body)

    return make


def need_program(found: str | None, what: str, install: str) -> str:
    """The path of a program a test needs; without it the test is skipped on a developer's
    machine and fails under CI=true, where ``.ci/run`` has installed it (a CI run that skips
    its format or browser tests would pass without testing them)."""
    import os

    if found:
        return found
    message = f"{what} is not installed; {install}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: .ci/run should have installed it)")
    pytest.skip(message)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A folder with the sample notice and status file (status_helpers.copy_sample)."""
    from status_helpers import copy_sample

    return copy_sample(tmp_path)
