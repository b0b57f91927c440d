"""Warnings as values: what a reader could not read cleanly, with a code and a place.

A reader returns its blocks and a list of ``Message``; the notice logic keeps them as they
are until the records are built, where each becomes the sentence ``Notice.warnings``
holds (contract section 1: human-readable strings, unchanged). A program that wants the
code or the place reads them from the message rather than parsing the sentence, as
mammoth's ``Result.messages`` lets it.

>>> note = Message("pdf-pages-without-text", "page(s) 3 of the PDF have no text layer "
...                "(scanned?) and were not read", pages=(3,))
>>> str(note)
'page(s) 3 of the PDF have no text layer (scanned?) and were not read'
>>> note.code, note.pages
('pdf-pages-without-text', (3,))
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Message:
    """A warning as a value: its code, its sentence, and where it was found."""

    code: str  # stable, for programs: "pdf-pages-without-text"
    text: str  # the sentence, as Notice.warnings shows it
    table: int | None = None  # where, as far as the reader knows: 1-based, as source.* counts
    row: int | None = None
    paragraph: int | None = None
    pages: tuple[int, ...] = ()

    def __str__(self) -> str:
        return self.text


def sentences(messages: list[Message]) -> list[str]:
    """The messages as Notice.warnings holds them."""
    return [message.text for message in messages]
