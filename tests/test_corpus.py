"""Acceptance tests over real published plans (tests/corpus/<case>/).

Each case folder holds ``notice.docx`` (rebuilt from a public page by
``tests/corpus/build_corpus.py``), ``source.md`` (the page's address, the writer, what was
left out) and ``expected.json``: the ``notice``, ``tasks`` and ``warnings`` that ``gkparse
extract`` must give, checked by hand against the page's text, field by field and cell by
cell. A new case is a new folder; nothing here needs to change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gkparse import parse_notice
from gkparse.models import to_data
from gkparse.schema import validate_notice

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "expected.json").exists())


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_gives_the_expected_records(case: Path) -> None:
    notice = parse_notice(case / "notice.docx")
    validate_notice(notice)
    got = to_data(notice)
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    assert got["notice"] == expected["notice"]
    assert got["tasks"] == expected["tasks"]
    assert got["warnings"] == expected["warnings"]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_names_its_source(case: Path) -> None:
    source = (case / "source.md").read_text(encoding="utf-8")
    assert "Source: <http" in source
