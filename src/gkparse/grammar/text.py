"""Small text helpers shared by the grammars: trimming, widths, titles.

Chinese documents indent with the full-width space (U+3000) and no-break
spaces, so "trim" here means every Unicode white space, which is what
``str.strip()`` with no argument already removes.
"""

from __future__ import annotations

import unicodedata


def trim(text: str) -> str:
    """Strip leading and trailing white space, including U+3000 and U+00A0."""
    return text.strip()


def squeeze_whitespace(text: str) -> str:
    """Remove every white space character (used for fingerprints and header matching).

    ``str.split()`` and the regular expression ``\\s`` take the same characters for white
    space (``str.isspace()``; tests/test_grammar_text.py checks every code point), and the
    split is four times as fast: this runs for every task's fingerprint.
    """
    return "".join(text.split())


def normalise_width(text: str) -> str:
    """Fold full-width digits and Latin letters to ASCII (１２月 -> 12月), keep CJK punctuation."""
    return "".join(
        unicodedata.normalize("NFKC", ch) if "\uff10" <= ch <= "\uff5a" else ch for ch in text
    )


def clean_title(text: str) -> str:
    """Trim, join the lines of a title and drop a trailing full stop."""
    text = "".join(trim(line) for line in text.splitlines())
    return trim(text).rstrip("。.．")
