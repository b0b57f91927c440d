"""A .docx body as document blocks: paragraphs (text boxes after their anchor) and tables."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from gkparse.ooxml.body_xml import P, iter_blocks, iter_textbox_paragraphs, mark_deleted, read_p
from gkparse.ooxml.table import StreamedTables
from gkparse.readers.document import Block, Paragraph, Table


def docx_blocks(body: etree._Element, streamed: StreamedTables) -> Iterator[Block]:
    """The body's blocks in order; table rows come from ``streamed`` (read while parsing).

    The paragraphs of a text box follow the paragraph they are anchored in; a deleted
    paragraph mark runs the next body paragraph on into the last of them.
    """
    for block in iter_blocks(body):
        if block.tag != P:
            yield Table(streamed.rows_of(block))
            continue
        paragraph = Paragraph(read_p(block), runs_on=mark_deleted(block))
        boxes = [Paragraph(read_p(p), in_text_box=True) for p in iter_textbox_paragraphs(block)]
        if boxes:
            paragraph.runs_on, boxes[-1].runs_on = False, paragraph.runs_on
        yield paragraph
        yield from boxes
