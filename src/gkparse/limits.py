"""How much gkparse reads before refusing an input: one place, so the CLI and README agree."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps applied while reading inputs.

    ``max_file_bytes`` caps the .docx (or notice JSON) file itself;
    ``max_total_bytes`` the uncompressed bytes read from all its parts
    together (counted as they inflate, so a zip header that lies about sizes
    does not help a zip bomb); ``max_entries`` the number of zip entries;
    ``max_status_bytes`` a status file; ``max_convert_seconds`` the time LibreOffice
    may take per file it converts (.doc, .wps, .rtf, .odt) and ``max_pdf_pages`` the
    pages read from a PDF. XML depth is capped at 256 by libxml2
    itself (gkparse never passes ``huge_tree``).

    >>> Limits(max_total_bytes=64 * MB).max_entries
    10000
    """

    max_file_bytes: int = 256 * MB
    max_total_bytes: int = 256 * MB
    max_entries: int = 10_000
    max_status_bytes: int = 50 * MB
    max_convert_seconds: int = 120
    max_pdf_pages: int = 2_000

    @classmethod
    def from_megabytes(cls, megabytes: int) -> Limits:
        """The defaults, with every byte cap set to ``megabytes`` (``--max-mb``)."""
        size = megabytes * MB
        return cls(max_file_bytes=size, max_total_bytes=size, max_status_bytes=size)


DEFAULT_LIMITS = Limits()
