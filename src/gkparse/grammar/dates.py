"""The one date reader: ``--as-of``, dates in status files and ledger cells are read alike.

People type a date as 2025-10-15, 2025/10/15, 2025.10.15 or 2025年10月15日
(full-width digits, one-digit months and days, and 二〇二五年十月十五日 too);
anything else is a ``DateError`` that says what was wrong and how to write it.

>>> read_date("2025/10/15"), read_date("2025年1月5日")
(datetime.date(2025, 10, 15), datetime.date(2025, 1, 5))
>>> read_date("2025-13-01")
Traceback (most recent call last):
...
gkparse.grammar.dates.DateError: '2025-13-01' is not a date: there is no month 13
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

from gkparse.grammar.ordinals import CHINESE_NUMERAL, parse_chinese_number

HOW = "write it like 2025-10-15 (or 2025/10/15, 2025.10.15, 2025年10月15日)"

# A four-digit year, then month and day of one or two digits, one separator used twice.
_NUMERIC = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_CN = rf"[0-9{CHINESE_NUMERAL}]"
_CHINESE = re.compile(rf"({_CN}{{4}})\s*年\s*({_CN}{{1,3}})\s*月\s*({_CN}{{1,3}})\s*[日号]?")


class DateError(ValueError):
    """Text that is not a date; the message quotes it and says why."""


def read_date(text: str) -> date:
    """The date ``text`` names, or a ``DateError`` (a ValueError) saying why it is none."""
    if not isinstance(text, str):
        raise DateError(f"{text!r} is not a date; {HOW}")
    # NFKC folds full-width digits and separators (２０２５／１０／１５) to ASCII.
    folded = unicodedata.normalize("NFKC", text).strip()
    if not folded:
        raise DateError(f"an empty value is not a date; {HOW}")
    numbers = _numbers(folded)
    if numbers is None:
        raise DateError(f"{text!r} is not a date; {HOW}")
    year, month, day = numbers
    if not 1 <= year <= 9999:
        raise DateError(f"{text!r} is not a date: there is no year {year}")
    if not 1 <= month <= 12:
        raise DateError(f"{text!r} is not a date: there is no month {month}")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(f"{text!r} is not a date: {year}-{month:02d} has {days} days")
    return date(year, month, day)


def _numbers(text: str) -> tuple[int, int, int] | None:
    match = _NUMERIC.fullmatch(text)
    if match:
        return int(match[1]), int(match[3]), int(match[4])
    match = _CHINESE.fullmatch(text)
    if match:
        parts = [parse_chinese_number(part) for part in match.groups()]
        if all(part is not None for part in parts):
            return parts[0], parts[1], parts[2]  # type: ignore[return-value]
    return None
