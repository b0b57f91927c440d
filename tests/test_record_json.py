"""``models.task_json`` writes a task exactly as the generic encoder (``json_default``) would.

``extract -f json`` and ``-f jsonl`` write their tasks with ``task_json``, field by field,
for speed (issue 17); these tests hold it to ``json.dumps(task, default=json_default)`` for
every field of ``Task`` and every kind of value a field can hold, so a field added to the
records without being added to ``task_json`` fails here.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from gkparse import parse_notice
from gkparse.formats.extract import json_document, json_line
from gkparse.grammar.deadline import Deadline
from gkparse.models import Level, Task, TaskSource, json_default, task_json

from conftest import ROOT

_GENERIC = json.JSONEncoder(ensure_ascii=False, default=json_default).encode

_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
_LEVELS = st.one_of(st.none(), st.builds(Level, ordinal=st.integers(0, 99),
                                         title=st.one_of(st.none(), _TEXT)))
_DEADLINES = st.builds(
    Deadline, text=_TEXT,
    kind=st.sampled_from(["date", "ongoing", "recurring", "none", "unparsed"]),
    due=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1))),
    period=st.one_of(st.none(), st.sampled_from(["month", "quarter", "half_year", "year"])))
_SOURCES = st.builds(TaskSource, table=st.one_of(st.none(), st.integers(1, 10**6)),
                     row=st.one_of(st.none(), st.integers(1, 10**6)),
                     paragraph=st.one_of(st.none(), st.integers(1, 10**6)))
_TASKS = st.builds(
    Task, id=_TEXT, section=_LEVELS, subsection=_LEVELS, lead_units=st.lists(_TEXT, max_size=3),
    responsible_units=st.lists(_TEXT, max_size=3), requirement=_TEXT, deadline=_DEADLINES,
    lead_officials=st.lists(_TEXT, max_size=3), remarks=st.one_of(st.none(), _TEXT),
    fingerprint=_TEXT, source=_SOURCES)


@settings(max_examples=300)
@given(st.lists(_TASKS, max_size=4))
def test_task_json_is_the_generic_encoding(tasks: list[Task]) -> None:
    shared: dict[int, str] = {}
    for task in tasks:
        assert task_json(task, shared) == _GENERIC(task)


def test_shared_records_are_written_once_and_alike() -> None:
    section = Level(ordinal=1, title="坚持\"标准\"引领\n")
    deadline = Deadline(text="12月底前", kind="date", due=date(2025, 12, 31))
    tasks = [Task(id=f"1.0.{n}", section=section, requirement="要求", deadline=deadline,
                  fingerprint="0" * 8, source=TaskSource(table=1, row=n)) for n in range(3)]
    shared: dict[int, str] = {}
    assert [task_json(t, shared) for t in tasks] == [_GENERIC(t) for t in tasks]
    assert set(shared) == {id(section), id(deadline)}


def test_every_task_field_is_written() -> None:
    task = parse_notice(ROOT / "samples" / "notice.docx").tasks[0]
    assert list(json.loads(task_json(task, {}))) == [f.name for f in fields(Task)]


def test_notice_json_and_json_lines_are_the_generic_encoding() -> None:
    for path in [ROOT / "samples" / "notice.docx", *sorted((ROOT / "tests" / "corpus").glob("*/*.docx"))]:
        notice = parse_notice(path)
        assert json_line(notice).decode() == _GENERIC(notice) + "\n"
        document = json.loads(json_document(notice))
        assert document == json.loads(_GENERIC(notice))
        lines = json_document(notice).decode().split("\n")
        assert [line.strip().rstrip(",") for line in lines if line.startswith("    {")] == [
            _GENERIC(task) for task in notice.tasks]
