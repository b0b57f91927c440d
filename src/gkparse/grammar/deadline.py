"""The deadline grammar: a 完成时限 cell into a kind and, for fixed days, a due date.

>>> parse_deadline("12月底前", 2025).due
datetime.date(2025, 12, 31)
>>> parse_deadline("4月前", 2025).due
datetime.date(2025, 3, 31)
>>> parse_deadline("每月28日前", 2025).period
'month'
>>> parse_deadline("长期坚持", 2025).kind
'ongoing'

``parse_deadline`` never raises: text it cannot read is kind ``unparsed``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from gkparse.grammar.ordinals import CHINESE_NUMERAL, parse_chinese_number
from gkparse.grammar.text import normalise_width, trim
from gkparse.grammar.units import is_empty_marker
from gkparse.record_config import PYDANTIC_CONFIG

DeadlineKind = Literal["date", "ongoing", "recurring", "none", "unparsed"]
Period = Literal["month", "quarter", "half_year", "year"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Deadline:
    """A task's deadline: the cell text as written and what it means."""

    __pydantic_config__ = PYDANTIC_CONFIG

    text: str
    kind: DeadlineKind
    due: date | None = None
    period: Period | None = None


_N = rf"[0-9{CHINESE_NUMERAL}]+"
_YEAR = rf"(?:(?P<year>[0-9]{{4}}|[{CHINESE_NUMERAL}]{{4}})年)?"
_ONGOING = re.compile(r"^(?:长期坚持|持续推进|长期|常态化|持续)$")
_RECURRING = re.compile(r"^每(?P<period>月|季度|季|半年|年)")
_PERIODS: dict[str, Period] = {"月": "month", "季度": "quarter", "季": "quarter",
                               "半年": "half_year", "年": "year"}

_DATE_FORMS: list[tuple[str, re.Pattern[str]]] = [
    # 年底前, 年内, 年底, 2025年底前, 2025年年底前
    ("year_end", re.compile(rf"^{_YEAR}年(?:底前|底|内|末)$")),
    ("year_end", re.compile(rf"^(?P<year>[0-9]{{4}}|[{CHINESE_NUMERAL}]{{4}})年(?:底前|底|内|末)$")),
    ("half", re.compile(rf"^{_YEAR}(?P<half>上|下)半年(?:底前|底|末|前|内)?$")),
    ("quarter", re.compile(rf"^{_YEAR}第?(?P<quarter>[1-4一二三四])季度(?:末|底)?(?:前|内)?$")),
    ("month_end", re.compile(rf"^{_YEAR}(?P<month>{_N})月(?:底前|底|末前|末|份|内)?$")),
    ("before_month", re.compile(rf"^{_YEAR}(?P<month>{_N})月前$")),
    ("day", re.compile(rf"^{_YEAR}(?P<month>{_N})月(?P<day>{_N})[日号](?:前|之前)?$")),
    # 上旬 -> the 10th, 中旬 -> the 20th, 下旬 -> the month's last day (contract 4.4).
    ("xun", re.compile(rf"^{_YEAR}(?P<month>{_N})月(?P<xun>上|中|下)旬(?:前|之前|末)?$")),
]
# A deadline followed by its verb is the same deadline: 2025年6月底前完成.
_TRAILING_VERB = re.compile(r"(?:完成|办结|到位)$")


def _normalise(text: str) -> str:
    text = normalise_width(re.sub(r"\s+", "", text))
    text = text.rstrip("。.，,；;")
    if text[:1] in ("到", "于"):
        text = text[1:]
    return _TRAILING_VERB.sub("", text) or text


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _resolve(form: str, match: re.Match[str], year: int) -> date | None:
    if form == "year_end":
        return date(year, 12, 31)
    if form == "half":
        return date(year, 6, 30) if match["half"] == "上" else date(year, 12, 31)
    if form == "quarter":
        quarter = parse_chinese_number(match["quarter"]) or 0
        return _last_day(year, quarter * 3)
    month = parse_chinese_number(match["month"])
    if month is None or not 1 <= month <= 12:
        return None
    if form == "month_end":
        return _last_day(year, month)
    if form == "before_month":
        return date(year - 1, 12, 31) if month == 1 else _last_day(year, month - 1)
    if form == "xun":
        return {"上": date(year, month, 10), "中": date(year, month, 20)}.get(
            match["xun"], _last_day(year, month))
    day = parse_chinese_number(match["day"])
    if day is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


@lru_cache(maxsize=4096)  # a table repeats a handful of deadline texts thousands of times
def parse_deadline(text: str | None, plan_year: int | None) -> Deadline:
    """Read a deadline cell. ``plan_year`` is used where the text names no year.

    A date form without any year (no year in the text and no ``plan_year``)
    is still kind ``date`` with ``due`` null; the caller warns about it.
    """
    written = trim(text or "")
    if is_empty_marker(written):
        return Deadline(text=written, kind="none")
    norm = _normalise(written)
    if _ONGOING.match(norm):
        return Deadline(text=written, kind="ongoing")
    recurring = _RECURRING.match(norm)
    if recurring:
        return Deadline(text=written, kind="recurring", period=_PERIODS[recurring["period"]])
    for form, pattern in _DATE_FORMS:
        match = pattern.match(norm)
        if not match:
            continue
        year = parse_chinese_number(match["year"]) if match["year"] else plan_year
        if year is None:
            return Deadline(text=written, kind="date")
        if not 1900 <= year <= 2999:
            break
        due = _resolve(form, match, year)
        if due is None:
            break
        return Deadline(text=written, kind="date", due=due)
    return Deadline(text=written, kind="unparsed")
