"""The unit-list grammar: a lead or responsible cell into a list of unit names.

>>> split_units("区直各部门、驻区各单位，各街道")
['区直各部门', '驻区各单位', '各街道']
>>> split_units("区党政办公室（宣传，网信）\\n区经济运行局")
['区党政办公室（宣传，网信）', '区经济运行局']
>>> split_units("——")
[]
"""

from __future__ import annotations

import re
from functools import lru_cache

from gkparse.grammar.text import trim

SEPARATORS = frozenset("、，,；;\n\r\v")
EMPTY_MARKERS = frozenset({"——", "—", "-", "--", "－", "/", "／", "无", "―", "─"})
_OPEN = "（(【[〔［"
_CLOSE = "）)】]〕］"
_BRACKETS = re.compile(f"[{re.escape(_OPEN + _CLOSE)}]")
_SEPARATOR_RUN = re.compile(f"[{re.escape(''.join(sorted(SEPARATORS)))}]")


def is_empty_marker(text: str) -> bool:
    """A cell that says "nothing here": empty, a dash, a slash or 无."""
    text = trim(text)
    return not text or text in EMPTY_MARKERS


def split_units(text: str) -> list[str]:
    """Split a cell on 、，,；; and line breaks, outside brackets; trim, drop empties, dedupe."""
    return list(_split_units(text))


@lru_cache(maxsize=4096)  # a table names the same few unit lists over and over
def _split_units(text: str) -> tuple[str, ...]:
    if is_empty_marker(text):
        return ()
    if not _BRACKETS.search(text):  # the common case, split in C
        return tuple(_unique(_SEPARATOR_RUN.split(text)))
    names, closed = split_outside_brackets(text, SEPARATORS)
    if not closed:
        # An unclosed bracket would swallow every separator after it: split plainly instead.
        names = "".join(ch if ch not in SEPARATORS else "\n" for ch in text).split("\n")
    return tuple(_unique(names))


def split_outside_brackets(text: str, separators: frozenset[str] | str
                           ) -> tuple[list[str], bool]:
    """``text`` split at ``separators`` that stand outside brackets, and whether every bracket
    was closed (the unit lists and the unit clauses split alike).

    >>> split_outside_brackets("甲（乙、丙）、丁", "、")
    (['甲（乙、丙）', '丁'], True)
    """
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts, depth == 0


_NAME_END = "。．.；;，,、：:"


def _unique(names: list[str]) -> list[str]:
    """Trimmed, without trailing punctuation, a leading 由, empties or dashes; each once, in order."""
    seen: dict[str, None] = {}
    for name in names:
        name = trim(trim(name).rstrip(_NAME_END))
        if name.startswith("由") and len(name) > 2:
            name = trim(name[1:])
        if name and name not in EMPTY_MARKERS:
            seen.setdefault(name, None)
    return list(seen)
