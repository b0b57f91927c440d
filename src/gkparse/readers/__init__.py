"""Readers of the formats a notice arrives in, each giving the same ``document.Block`` stream.

The notice logic (``gkparse.notice.parser``) sees paragraphs and tables of grid rows with
merges resolved, never a file format: ``sniff`` names the format from the bytes,
``docx`` reads WordprocessingML (Transitional and Strict), ``libreoffice`` turns
.doc/.wps/.rtf/.odt into .docx, and ``spreadsheet``, ``html_page`` and ``pdf`` read
their formats into blocks directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from gkparse.limits import Limits
from gkparse.messages import Message
from gkparse.readers.document import Block
from gkparse.readers.sniff import SPREADSHEET_FORMATS


def read_blocks(path: Path, data: bytes, kind: str, limits: Limits
                ) -> tuple[Iterable[Block], list[Message]]:
    """The blocks and reader warnings (``Message`` values) of a spreadsheet, web page or PDF (``kind`` from
    ``sniff.detect_format``). Each reader is imported only when its format is met."""
    if kind in SPREADSHEET_FORMATS:
        from gkparse.readers.spreadsheet import read_workbook

        return read_workbook(path, data, kind, limits)
    if kind == "html":
        from gkparse.readers.html_page import read_html

        return read_html(path, data, limits)
    if kind == "pdf":
        from gkparse.readers.pdf import read_pdf

        return read_pdf(path, data, limits)
    raise ValueError(f"no block reader for {kind}")
