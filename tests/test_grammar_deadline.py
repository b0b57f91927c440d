"""Every deadline form of contract section 1, one case each (plan year 2025)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest

from gkparse.grammar.deadline import parse_deadline

DATES = [
    ("12月底前", date(2025, 12, 31)),
    ("3月底前", date(2025, 3, 31)),
    ("2月底前", date(2025, 2, 28)),
    ("9月底", date(2025, 9, 30)),
    ("6月末", date(2025, 6, 30)),
    ("11月", date(2025, 11, 30)),
    ("4月前", date(2025, 3, 31)),
    ("1月前", date(2024, 12, 31)),
    ("6月15日前", date(2025, 6, 15)),
    ("6月15日", date(2025, 6, 15)),
    ("2025年12月底前", date(2025, 12, 31)),
    ("2026年6月底前", date(2026, 6, 30)),
    ("年底前", date(2025, 12, 31)),
    ("年内", date(2025, 12, 31)),
    ("年底", date(2025, 12, 31)),
    ("2026年底前", date(2026, 12, 31)),
    ("2026年年底前", date(2026, 12, 31)),
    ("上半年", date(2025, 6, 30)),
    ("下半年", date(2025, 12, 31)),
    ("第一季度", date(2025, 3, 31)),
    ("第三季度", date(2025, 9, 30)),
    ("2季度末", date(2025, 6, 30)),
    ("四季度末", date(2025, 12, 31)),
    ("十二月底前", date(2025, 12, 31)),
    ("三月十五日前", date(2025, 3, 15)),
    ("到12月底", date(2025, 12, 31)),
    ("于9月底前", date(2025, 9, 30)),
    ("１２月底前", date(2025, 12, 31)),
    (" 12月底前。 ", date(2025, 12, 31)),
    ("\u300012 月底前", date(2025, 12, 31)),
    ("二〇二六年三月底前", date(2026, 3, 31)),
]


@pytest.mark.parametrize(("text", "due"), DATES)
def test_date_forms(text: str, due: date) -> None:
    deadline = parse_deadline(text, 2025)
    assert (deadline.kind, deadline.due, deadline.period) == ("date", due, None)
    assert deadline.text == text.strip()


@pytest.mark.parametrize("text", ["长期坚持", "持续推进", "长期", "常态化", "持续"])
def test_ongoing(text: str) -> None:
    assert asdict(parse_deadline(text, 2025)) == {
        "text": text, "kind": "ongoing", "due": None, "period": None}


@pytest.mark.parametrize(("text", "period"), [
    ("每月", "month"), ("每月28日前", "month"), ("每季度", "quarter"),
    ("每季度末报送", "quarter"), ("每半年", "half_year"), ("每年", "year"),
    ("每年12月底前", "year"),
])
def test_recurring(text: str, period: str) -> None:
    deadline = parse_deadline(text, 2025)
    assert (deadline.kind, deadline.due, deadline.period) == ("recurring", None, period)


@pytest.mark.parametrize("text", ["", "  ", "——", "—", "-", "/", "无", None])
def test_none(text: str | None) -> None:
    deadline = parse_deadline(text, 2025)
    assert (deadline.kind, deadline.due) == ("none", None)


@pytest.mark.parametrize("text", ["随时", "2月30日前", "13月底前", "根据上级要求",
                                  "3月底前完成，12月底前见效", "底前"])
def test_unparsed_keeps_text(text: str) -> None:
    deadline = parse_deadline(text, 2025)
    assert (deadline.kind, deadline.due, deadline.text) == ("unparsed", None, text)


def test_explicit_year_wins_over_plan_year() -> None:
    assert parse_deadline("2024年12月底前", 2025).due == date(2024, 12, 31)


def test_no_year_anywhere_is_a_date_without_due() -> None:
    deadline = parse_deadline("12月底前", None)
    assert (deadline.kind, deadline.due) == ("date", None)
    assert parse_deadline("2026年3月底前", None).due == date(2026, 3, 31)


def test_leap_year_february() -> None:
    assert parse_deadline("2月底前", 2028).due == date(2028, 2, 29)
