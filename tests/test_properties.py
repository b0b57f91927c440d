"""Property-based tests (hypothesis): the grammars never raise, random tables match a model,
mutated packages never escape as anything but a DocumentError.

`make test` runs the default profile (a few dozen examples each); `make fuzz` runs the
"fuzz" profile (10,000 examples per property), registered in conftest.py.
"""

from __future__ import annotations

import calendar
import contextlib
import io
import random
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from gkparse import parse_notice
from gkparse.errors import DocumentError, StatusFileError
from gkparse.grammar.dates import DateError, read_date
from gkparse.grammar.deadline import parse_deadline
from gkparse.grammar.ordinals import parse_chinese_number
from gkparse.grammar.text import trim
from gkparse.grammar.units import EMPTY_MARKERS, SEPARATORS, split_units
from gkparse.schema import validate_notice
from gkparse.tracking.status import parse_status

from docx_factory import FRONT, document_xml, header_row, p, section_row, tbl, tc, tr, write_docx

PLAN_YEAR = 2025  # FRONT names 〔2025〕 and 2025年
DIGITS = "〇一二三四五六七八九"


def chinese(n: int) -> str:
    """1..99 in Chinese numerals, as notices write them (十, 十二, 二十, 二十一)."""
    tens, ones = divmod(n, 10)
    if n < 10:
        return DIGITS[n]
    return (DIGITS[tens] if tens > 1 else "") + "十" + (DIGITS[ones] if ones else "")


# -- the grammars -----------------------------------------------------------------------------

@given(st.text(), st.one_of(st.none(), st.integers(min_value=-10_000, max_value=10_000)))
def test_parse_deadline_never_raises_and_keeps_the_text(text: str, plan_year: int | None) -> None:
    deadline = parse_deadline(text, plan_year)
    assert deadline.text == trim(text)
    assert deadline.kind in ("date", "ongoing", "recurring", "none", "unparsed")
    assert deadline.due is None or deadline.kind == "date"


@st.composite
def month_day(draw: st.DrawFn) -> tuple[int, int, int]:
    year = draw(st.integers(min_value=1990, max_value=2100))
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=calendar.monthrange(year, month)[1]))
    return year, month, day


def _numeral(n: int, style: str) -> str:
    return {"arabic": str(n), "chinese": chinese(n),
            "fullwidth": str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))}[style]


NUMERAL_STYLES = st.sampled_from(["arabic", "chinese", "fullwidth"])


@given(month_day(), NUMERAL_STYLES, st.sampled_from(["底前", "底", "末", ""]))
def test_month_end_forms_round_trip(ymd: tuple[int, int, int], style: str, suffix: str) -> None:
    year, month, _ = ymd
    deadline = parse_deadline(f"{_numeral(month, style)}月{suffix}", year)
    assert (deadline.kind, deadline.due) == ("date", date(year, month,
                                                          calendar.monthrange(year, month)[1]))


@given(month_day(), NUMERAL_STYLES, st.sampled_from(["日前", "日", "号", "日之前"]),
       st.booleans())
def test_day_forms_round_trip(ymd: tuple[int, int, int], style: str, suffix: str,
                              year_written: bool) -> None:
    year, month, day = ymd
    prefix = f"{year}年" if year_written else ""
    text = f"{prefix}{_numeral(month, style)}月{_numeral(day, style)}{suffix}"
    deadline = parse_deadline(text, None if year_written else year)
    assert (deadline.kind, deadline.due) == ("date", date(year, month, day))


@given(st.integers(min_value=1990, max_value=2100), st.integers(min_value=1, max_value=4),
       st.sampled_from(["第{}季度", "{}季度末", "第{}季度前"]), st.booleans())
def test_quarter_forms_round_trip(year: int, quarter: int, form: str, chinese_digit: bool) -> None:
    text = form.format(DIGITS[quarter] if chinese_digit else quarter)
    deadline = parse_deadline(text, year)
    assert deadline.due == date(year, quarter * 3, calendar.monthrange(year, quarter * 3)[1])


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numbers_round_trip(n: int) -> None:
    assert parse_chinese_number(chinese(n)) == n


@given(st.text())
def test_split_units_never_raises_and_gives_clean_names(text: str) -> None:
    names = split_units(text)
    assert len(names) == len(set(names))
    for name in names:
        assert name and name == trim(name) and name not in EMPTY_MARKERS


UNIT_CHARS = st.characters(whitelist_categories=("Lo", "Lu", "Ll", "Nd"),
                           blacklist_characters="".join(SEPARATORS) + "（）()【】[]")
UNIT_NAME = st.text(UNIT_CHARS, min_size=1, max_size=8).filter(
    lambda s: trim(s) == s and s not in EMPTY_MARKERS)


@given(st.lists(UNIT_NAME, min_size=1, max_size=6),
       st.lists(st.sampled_from(["、", "，", ",", "；", ";", "\n", " 、 "]), min_size=6,
                max_size=6),
       st.booleans())
def test_split_units_round_trips_joined_names(names: list[str], separators: list[str],
                                              bracketed: bool) -> None:
    if bracketed:  # a qualifier in brackets may hold separators of its own
        names = [f"{names[0]}（含{names[-1]}、{names[0]}）", *names[1:]]
    joined = names[0] + "".join(sep + name for sep, name in zip(separators, names[1:],
                                                                  strict=False))
    assert split_units(joined) == list(dict.fromkeys(names))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every example's file (hypothesis rules out function-scoped tmp_path)."""
    return tmp_path_factory.mktemp("properties")


# -- random task tables against a reference model ---------------------------------------------

UNITS = ["区财政局", "区教育局", "各街道", "区直各部门", "驻区各单位", "区党政办公室（宣传）"]
WORDS = "甲乙丙丁戊己庚辛壬癸天地玄黄宇宙洪荒日月盈昃辰宿列张"
DEADLINES = [("12月底前", "date", date(PLAN_YEAR, 12, 31)), ("长期坚持", "ongoing", None),
             ("", "none", None), ("6月15日前", "date", date(PLAN_YEAR, 6, 15)),
             ("第三季度", "date", date(PLAN_YEAR, 9, 30)), ("每季度", "recurring", None)]


@dataclass
class ModelTask:
    id: str
    section: tuple[int, str]
    subsection: tuple[int, str] | None
    lead: list[str]
    responsible: list[str]
    requirement: str
    deadline: tuple[str, str, date | None]


@st.composite
def task_tables(draw: st.DrawFn) -> tuple[str, list[ModelTask]]:
    """A notice body with a task table in the sample's shape, and the records it must give.

    Random: subsection level or none, how many sections, subsections and tasks, merged lead
    and responsible cells, empty cells, Word or LibreOffice continuations, unmerged repeated
    titles, and splits into several tables with or without a repeated header.
    """
    rng = random.Random(draw(st.integers(min_value=0, max_value=2**32)))
    with_subsections = rng.random() < 0.7
    columns = 5 if with_subsections else 4
    text = lambda: "".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12)))  # noqa: E731
    model: list[ModelTask] = []
    tables: list[list[str]] = [[]]

    def header() -> str:
        names = ("工作任务", "牵头部门", "责任单位", "具体要求", "完成时限")
        return header_row(*(names if with_subsections else names[1:]))

    tables[-1].append(header())
    previous: dict[str, list[str] | None] = {"lead": None, "responsible": None}
    last: dict[str, list[str]] = {"lead": [], "responsible": []}

    def maybe_split() -> None:
        if tables[-1] and rng.random() < 0.15:
            tables.append([header()] if rng.random() < 0.5 else [])
            previous.update(lead=None, responsible=None)  # merges never run across tables

    for s in range(1, rng.randint(1, 4) + 1):
        title = text()
        tables[-1].append(section_row(f"{chinese(s)}、{title}", columns))
        previous.update(lead=None, responsible=None)
        subsections = range(1, rng.randint(1, 3) + 1) if with_subsections else [0]
        for u in subsections:
            sub_title = text()
            count = rng.randint(1, 4)
            for n in range(1, count + 1):
                maybe_split()
                # Neighbouring tasks often share units: that is what the merges are for.
                lead = (last["lead"] if last["lead"] and rng.random() < 0.6
                        else rng.sample(UNITS, rng.randint(1, 2)))
                responsible = (last["responsible"] if rng.random() < 0.6
                               else rng.sample(UNITS, rng.randint(0, 3)))
                last.update(lead=lead, responsible=responsible)
                deadline = rng.choice(DEADLINES)
                requirement = text() + "。"
                cells = []
                if with_subsections:
                    first_in_table = len(tables[-1]) == 0 or tables[-1][-1].startswith(
                        "<w:tr><w:trPr><w:tblHeader/>")
                    if n == 1:
                        merge = "restart" if count > 1 and rng.random() < 0.8 else None
                        cells.append(tc(f"（{chinese(u)}）{sub_title}", vmerge=merge))
                    elif first_in_table or rng.random() < 0.15:
                        # a new table piece or a converter that unmerged: title again, or empty
                        cells.append(tc(f"（{chinese(u)}）{sub_title}") if rng.random() < 0.5
                                     else tc())
                    else:
                        cells.append(tc(vmerge=rng.choice(["word", "continue"])))
                for role, units in (("lead", lead), ("responsible", responsible)):
                    if previous[role] == units and units and rng.random() < 0.7:
                        cells.append(tc(vmerge=rng.choice(["word", "continue"])))
                    else:
                        merge = "restart" if units and rng.random() < 0.5 else None
                        if not units:
                            cells.append(tc(rng.choice(["", "——", "/"])))
                        elif rng.random() < 0.5:
                            cells.append(tc(*units, vmerge=merge))  # one paragraph per unit
                        else:
                            cells.append(tc("、".join(units), vmerge=merge))
                        # a plain (unmerged) cell ends any merge above it
                        previous[role] = units if merge else None
                cells.append(tc(requirement))
                cells.append(tc(deadline[0]) if deadline[0] else tc())
                tables[-1].append(tr(*cells))
                model.append(ModelTask(
                    id=f"{s}.{u}.{n}", section=(s, title),
                    subsection=(u, sub_title) if with_subsections else None,
                    lead=lead, responsible=responsible, requirement=requirement,
                    deadline=deadline))
    body = FRONT + p("附件") + p("2025年工作任务分解表") + "".join(
        tbl(*rows, columns=columns) for rows in tables if rows)
    return body, model


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(task_tables())
def test_random_task_tables_match_the_model(scratch: Path,
                                            table: tuple[str, list[ModelTask]]) -> None:
    body, model = table
    path = write_docx(scratch / "notice.docx", body)
    notice = parse_notice(path)
    assert notice.warnings == []
    assert validate_notice(notice) == notice  # the records pass the pydantic schema as built
    got = [(t.id, (t.section.ordinal, t.section.title),
            (t.subsection.ordinal, t.subsection.title) if t.subsection else None,
            t.lead_units, t.responsible_units, t.requirement,
            (t.deadline.text, t.deadline.kind, t.deadline.due)) for t in notice.tasks]
    want = [(m.id, m.section, m.subsection, m.lead, m.responsible, m.requirement, m.deadline)
            for m in model]
    assert got == want


# -- mutated packages ---------------------------------------------------------------------------

def _valid_package() -> bytes:
    buffer = io.BytesIO()
    rows = [header_row(), section_row("一、甲"),
            tr(tc("（一）乙", vmerge="restart"), tc("区财政局"), tc("各街道"), tc("要求一。"),
               tc("12月底前")),
            tr(tc(vmerge="word"), tc("区教育局"), tc("——"), tc("要求二。"), tc("长期坚持"))]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        from docx_factory import CONTENT_TYPES, RELS

        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document_xml(FRONT + tbl(*rows)))
    return buffer.getvalue()


VALID = _valid_package()
VALID_XML = zipfile.ZipFile(io.BytesIO(VALID)).read("word/document.xml")


def _parse_bytes(folder: Path, data: bytes) -> None:
    path = folder / "mutant.docx"
    path.write_bytes(data)
    # A clear refusal is a right answer; any other exception escapes and fails the test.
    with contextlib.suppress(DocumentError):
        parse_notice(path)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=len(VALID) - 1),
                          st.integers(min_value=1, max_value=255)), min_size=1, max_size=8))
@example(flips=[(1477, 8)])  # found by make fuzz: a local header offset made negative
@example(flips=[(1281, 64)])  # found by make fuzz: a zip version zipfile does not know
def test_flipped_bytes_never_escape(scratch: Path,
                                   flips: list[tuple[int, int]]) -> None:
    data = bytearray(VALID)
    for at, mask in flips:
        data[at] ^= mask
    _parse_bytes(scratch, bytes(data))


@given(st.integers(min_value=0, max_value=len(VALID)))
def test_truncated_packages_never_escape(scratch: Path,
                                         length: int) -> None:
    _parse_bytes(scratch, VALID[:length])


@given(st.sets(st.sampled_from(["[Content_Types].xml", "_rels/.rels", "word/document.xml"])))
def test_dropped_entries_never_escape(scratch: Path,
                                      dropped: set[str]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(VALID)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            if info.filename not in dropped:
                target.writestr(info, source.read(info))
    _parse_bytes(scratch, buffer.getvalue())


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=len(VALID_XML)),
       st.lists(st.tuples(st.integers(min_value=0, max_value=len(VALID_XML) - 1),
                          st.sampled_from([b"<", b">", b"/", b"&", b"\"", b"w:", b"\xff", b" "])),
                max_size=4))
def test_mangled_document_xml_never_escapes(scratch: Path,
                                            cut: int, inserts: list[tuple[int, bytes]]) -> None:
    xml = VALID_XML[:cut]
    for at, piece in sorted(inserts, reverse=True):
        xml = xml[:at] + piece + xml[at:]
    assume(xml != VALID_XML)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(VALID)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, xml if info.filename == "word/document.xml"
                            else source.read(info))
    _parse_bytes(scratch, buffer.getvalue())


# -- status files -------------------------------------------------------------------------------

SAMPLE_STATUS = (Path(__file__).resolve().parent.parent / "samples" / "status.yaml").read_text(
    encoding="utf-8")


def _parse_status_text(text: str) -> None:
    # Any text is either a status file or a StatusFileError naming why not.
    with contextlib.suppress(StatusFileError):
        parse_status(text, "status.yaml")


@given(st.text())
def test_any_text_is_a_status_file_or_a_status_file_error(text: str) -> None:
    _parse_status_text(text)


@given(st.integers(min_value=0, max_value=len(SAMPLE_STATUS)),
       st.lists(st.tuples(st.integers(min_value=0, max_value=len(SAMPLE_STATUS)),
                          st.sampled_from(["\n", ":", " ", "- ", "&a ", "*a", "!!", "'", '"',
                                           "{", "[", "#", "\t", "2025-13-40", "已完成"])),
                max_size=5))
def test_mutated_sample_status_files_never_escape(cut: int,
                                                  inserts: list[tuple[int, str]]) -> None:
    text = SAMPLE_STATUS[:cut]
    for at, piece in sorted(inserts, reverse=True):
        text = text[:at] + piece + text[at:]
    _parse_status_text(text)


@given(st.text(max_size=40))
@example("99999999999999999999-1-1")
def test_any_text_is_a_date_or_a_date_error(text: str) -> None:
    with contextlib.suppress(DateError):
        assert isinstance(read_date(text), date)


@given(st.dates(min_value=date(1000, 1, 1)),  # the reader takes four-digit years
       st.sampled_from(["{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}.{m:02d}.{d}", "{y}年{m}月{d}日"]))
def test_every_date_form_round_trips(day: date, form: str) -> None:
    assert read_date(form.format(y=day.year, m=day.month, d=day.day)) == day
