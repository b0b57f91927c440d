"""The ordinal grammar: numbers written in Chinese numerals or digits, and the ordinals that
number a plan's sections (``一、``) and subsections (``（一）``, ``1.``, ``（1）``).

>>> split_section_ordinal("一、坚持标准引领，持续推进政务公开规范转型")
(1, '坚持标准引领，持续推进政务公开规范转型')
>>> split_subsection_ordinal("（十三）强化引领作用")
(13, '强化引领作用')
"""

from __future__ import annotations

import re
from functools import lru_cache

from gkparse.grammar.text import clean_title, normalise_width, trim

_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100}
CHINESE_NUMERAL = "〇零○Ｏ一二两三四五六七八九十百"


def parse_chinese_number(text: str) -> int | None:
    """Read a number written in Arabic digits or Chinese numerals.

    >>> parse_chinese_number("十三"), parse_chinese_number("二〇二五"), parse_chinese_number("12")
    (13, 2025, 12)
    """
    text = normalise_width(trim(text))
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    if not any(ch in _UNITS for ch in text):
        # Digit by digit, as years are written: 二〇二五.
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            if _DIGITS[ch] == 0:
                continue  # 零 only marks a gap: 一百零五
            if digit is not None:
                return None  # two digits in a row inside a 十/百 number
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


# Section ordinals: 一、  Subsection ordinals: （一） (1) 1. 1． 1、
SECTION_ORDINAL = re.compile(rf"^\s*([{CHINESE_NUMERAL}]+)\s*[、．.]\s*")
SUBSECTION_ORDINAL = re.compile(
    rf"^\s*(?:[（(]\s*([{CHINESE_NUMERAL}]+|[0-9０-９]+)\s*[）)]|([0-9０-９]+)\s*[.．、](?![0-9０-９]))\s*"
)


# Cached: the task column of a big table repeats its texts, and each row's is looked at.
@lru_cache(maxsize=4096)
def split_section_ordinal(text: str) -> tuple[int | None, str]:
    """``"一、坚持标准引领。"`` -> ``(1, "坚持标准引领")``; no ordinal -> ``(None, text)``."""
    match = SECTION_ORDINAL.match(text)
    if match:
        number = parse_chinese_number(match.group(1))
        if number:
            return number, clean_title(text[match.end():])
    return None, clean_title(text)


@lru_cache(maxsize=4096)
def split_subsection_ordinal(text: str) -> tuple[int | None, str]:
    """``"（十三）强化引领作用"`` -> ``(13, "强化引领作用")``; also ``1.``, ``1．``, ``（1）``."""
    match = SUBSECTION_ORDINAL.match(text)
    if match:
        number = parse_chinese_number(match.group(1) or match.group(2))
        if number:
            return number, clean_title(text[match.end():])
    return None, clean_title(text)
