"""Counting nouns in messages: ``1 error, 7 warnings, 1 note``.

>>> counted(1, "error"), counted(7, "warning"), counted(0, "task")
('1 error', '7 warnings', '0 tasks')
"""

from __future__ import annotations

from gkparse.i18n import ngettext

# The nouns gkparse counts whose plural is not the noun plus "s".
IRREGULAR = {"entry": "entries", "property": "properties"}


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # gettext's marker, for counts
    """Mark a counted noun's two English forms for the catalog (translated where counted)."""
    return singular, plural


# The nouns messages count, with their forms for the catalog: in Chinese a count takes its
# measure word (56 项任务, 1 个错误, 1 条提示).
NOUNS = {
    "task": N_plural("{n} task", "{n} tasks"),
    "notice": N_plural("{n} notice", "{n} notices"),
    "finding": N_plural("{n} finding", "{n} findings"),
    "error": N_plural("{n} error", "{n} errors"),
    "warning": N_plural("{n} warning", "{n} warnings"),
    "note": N_plural("{n} note", "{n} notes"),
    "cell": N_plural("{n} cell", "{n} cells"),
    "change": N_plural("{n} change", "{n} changes"),
    "day": N_plural("{n} day", "{n} days"),
    "file": N_plural("{n} file", "{n} files"),
    "entry": N_plural("{n} entry", "{n} entries"),
}


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, in the plural unless ``n`` is 1 (in the interface's language)."""
    forms = NOUNS.get(noun)
    if forms is not None:
        return ngettext(*forms, n).format(n=f"{n:,}")
    return f"{n:,} {noun if n == 1 else IRREGULAR.get(noun, noun + 's')}"
