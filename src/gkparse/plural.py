"""Counting nouns in messages: ``1 error, 7 warnings, 1 note``.

>>> counted(1, "error"), counted(7, "warning"), counted(0, "task")
('1 error', '7 warnings', '0 tasks')
"""

from __future__ import annotations

# The nouns gkparse counts whose plural is not the noun plus "s".
IRREGULAR = {"entry": "entries", "property": "properties"}


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, in the plural unless ``n`` is 1."""
    return f"{n:,} {noun if n == 1 else IRREGULAR.get(noun, noun + 's')}"
