"""The one-pass reading of plain table rows (``table._read_plain_tr``) reads what ``read_tr``'s
element-by-element reading reads, or declines the row.

``StreamedTables`` tries the one pass on every row in which it saw nothing of
``body_xml.NEEDS_WALK`` or ``table._NOT_PLAIN`` (issue 17); these rows,
hand-made and generated, go through it and hold the elements that pass must not misplace:
wrappers around cells, paragraphs and runs, tracked changes of cell and row properties, text
outside any paragraph, nested tables, legacy merges, cells off the grid's start or end.
"""

from __future__ import annotations

import io
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from gkparse.ooxml import table
from gkparse.ooxml.table import GridRow, StreamedTables, read_tr

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _document(inner: str) -> bytes:
    return (f'<w:document xmlns:w="{W}"><w:body><w:tbl><w:tr>{inner}</w:tr></w:tbl>'
            "</w:body></w:document>").encode()


def _as_data(row: GridRow | None) -> object:
    if row is None:
        return None
    return (row.index, row.width, [(column, c.column, c.span, c.paragraphs, c.continues_merge,
                                    c.starts_merge) for column, c in row.cells.items()])


def _same_or_declined(inner: str) -> bool:
    """True when ``StreamedTables`` reads the row in one pass, False when it reads it element by
    element; either way, the row read must be the one ``read_tr`` reads element by element."""
    one_pass: list[GridRow | None] = []
    original = table._read_plain_tr

    def spy(tr: etree._Element, index: int) -> GridRow | None:
        one_pass.append(original(tr, index))
        return one_pass[-1]

    streamed = StreamedTables()
    with mock.patch.object(table, "_read_plain_tr", spy):
        events = etree.iterparse(io.BytesIO(_document(inner)), events=("end",),
                                 tag=StreamedTables.TAGS)
        for _, element in events:
            streamed(element)
    tbl = events.root[0][0]  # type: ignore[attr-defined]
    rows = streamed.rows_of(tbl)
    expected = read_tr(etree.fromstring(_document(inner))[0][0][0], 1)
    assert [_as_data(row) for row in rows] == ([_as_data(expected)] if expected else [])
    return bool(one_pass) and one_pass[0] is not None


def _p(*texts: str) -> str:
    return "<w:p>" + "".join(f"<w:r><w:t>{t}</w:t></w:r>" for t in texts) + "</w:p>"


def test_plain_rows_are_read_in_one_pass() -> None:
    assert _same_or_declined(f"<w:tc>{_p('甲', '乙')}{_p()}</w:tc><w:tc>{_p('丙')}</w:tc>")
    assert _same_or_declined(
        '<w:trPr><w:cantSplit/></w:trPr>'
        f'<w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>{_p("a")}'
        f'</w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc/>')
    # Runs inside wrappers of the paragraph are still its text, as read_p has it.
    assert _same_or_declined('<w:tc><w:p><w:hyperlink><w:r><w:t>链</w:t></w:r></w:hyperlink>'
                             '<w:ins><w:r><w:t>插</w:t></w:r></w:ins></w:p></w:tc>')


def test_rows_the_one_pass_declines() -> None:
    # A span in the old properties of a tracked property change is not the cell's span.
    assert not _same_or_declined('<w:tc><w:tcPr><w:tcPrChange><w:tcPr><w:gridSpan w:val="2"/>'
                                 f'</w:tcPr></w:tcPrChange></w:tcPr>{_p("a")}</w:tc>')
    assert not _same_or_declined('<w:trPr><w:trPrChange><w:trPr><w:gridBefore w:val="1"/>'
                                 f'</w:trPr></w:trPrChange></w:trPr><w:tc>{_p("a")}</w:tc>')
    # Text in an element of the cell that is no paragraph is not read.
    assert not _same_or_declined(f'<w:tc>{_p("a")}<w:foo><w:t>x</w:t></w:foo></w:tc>')
    assert not _same_or_declined(f'<w:tc><w:foo><w:t>x</w:t></w:foo>{_p("a")}</w:tc>')
    # Cells and paragraphs in wrappers, nested tables and legacy merges: read element by element.
    assert not _same_or_declined(f'<w:customXml><w:tc>{_p("a")}</w:tc></w:customXml>')
    assert not _same_or_declined(f'<w:tc><w:customXml>{_p("a")}</w:customXml></w:tc>')
    assert not _same_or_declined(f'<w:tc><w:tbl><w:tr><w:tc>{_p("a")}</w:tc></w:tr></w:tbl>'
                                 '<w:p/></w:tc>')
    assert not _same_or_declined(f'<w:tc>{_p("a")}</w:tc><w:tc><w:tcPr><w:hMerge/></w:tcPr>'
                                 f'{_p("b")}</w:tc>')
    # Cells off the grid's start or end: StreamedTables sees w:gridBefore and w:gridAfter.
    assert not _same_or_declined(
        '<w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="2"/></w:trPr>'
        f'<w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>{_p("a")}'
        f'</w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc/>')


# Rows holding nothing of NEEDS_WALK (the one pass is tried on no other row): plain rows,
# which the one pass must read, and the same with odd pieces here and there, which it must
# read alike or decline.
_TEXT = st.sampled_from(["甲", "乙 ", "", "x"])
_RUN = st.builds(lambda t: f"<w:r><w:t>{t}</w:t></w:r>", _TEXT)
_INLINE = st.one_of(_RUN, st.builds(lambda r: f"<w:hyperlink>{r}</w:hyperlink>", _RUN),
                    st.builds(lambda r: f"<w:ins>{r}</w:ins>", _RUN),
                    st.just("<w:bookmarkStart/>"), st.builds(lambda r: f"<w:foo>{r}</w:foo>", _RUN))
_PARAGRAPH = st.builds(lambda runs: "<w:p>" + "".join(runs) + "</w:p>",
                       st.lists(_INLINE, max_size=3))
_PLAIN_PROPERTY = st.sampled_from(['<w:gridSpan w:val="2"/>', '<w:gridSpan w:val="x"/>',
                                   "<w:vMerge/>", '<w:vMerge w:val="restart"/>',
                                   '<w:vMerge w:val="continue"/>', '<w:tcW w:w="1500"/>'])
_ODD_PROPERTY = st.sampled_from([
    "<w:hMerge/>", '<w:tcPrChange><w:tcPr><w:vMerge w:val="restart"/></w:tcPr></w:tcPrChange>'])
_PLAIN_CELL_CHILD = st.one_of(_PARAGRAPH, st.just("<w:bookmarkEnd/>"))
_ODD_CELL_CHILD = st.one_of(st.builds(lambda r: f"<w:foo>{r}</w:foo>", _RUN),
                            st.builds(lambda p: f"<w:customXml>{p}</w:customXml>", _PARAGRAPH),
                            st.builds(lambda p: f"<w:tbl><w:tr><w:tc>{p}</w:tc></w:tr></w:tbl>",
                                      _PARAGRAPH))


def _cell(properties: st.SearchStrategy[str], children: st.SearchStrategy[str]
          ) -> st.SearchStrategy[str]:
    return st.builds(lambda props, kids: "<w:tc><w:tcPr>" + "".join(props) + "</w:tcPr>"
                     + "".join(kids) + "</w:tc>",
                     st.lists(properties, max_size=2), st.lists(children, max_size=3))


_PLAIN_CELL = _cell(_PLAIN_PROPERTY, _PLAIN_CELL_CHILD)
_ANY_CELL = _cell(st.one_of(_PLAIN_PROPERTY, _ODD_PROPERTY),
                  st.one_of(_PLAIN_CELL_CHILD, _ODD_CELL_CHILD))
_PLAIN_ROW_PROPERTIES = st.sampled_from(["", "<w:trPr><w:cantSplit/></w:trPr>",
                                         "<w:trPr><w:cantSplit/></w:trPr><w:trPr/>"])
_ANY_ROW_PROPERTIES = st.one_of(_PLAIN_ROW_PROPERTIES, st.sampled_from([
    '<w:trPr><w:gridBefore w:val="1"/></w:trPr>',
    '<w:trPr><w:gridAfter w:val="2"/><w:cantSplit/></w:trPr>',
    '<w:trPr><w:cantSplit/></w:trPr><w:trPr><w:gridBefore w:val="1"/></w:trPr>',
    '<w:trPr><w:trPrChange><w:trPr><w:gridBefore w:val="1"/></w:trPr></w:trPrChange></w:trPr>']))


@settings(max_examples=300)
@given(_PLAIN_ROW_PROPERTIES, st.lists(_PLAIN_CELL, max_size=4))
def test_plain_rows_are_read_in_one_pass_as_read_tr_reads_them(properties: str,
                                                                 cells: list[str]) -> None:
    assert _same_or_declined(properties + "".join(cells))


@settings(max_examples=300)
@given(_ANY_ROW_PROPERTIES, st.lists(st.one_of(_ANY_CELL, st.builds(
    lambda c: f"<w:customXml>{c}</w:customXml>", _PLAIN_CELL)), max_size=4))
def test_the_one_pass_reads_as_read_tr_or_declines(properties: str, children: list[str]) -> None:
    _same_or_declined(properties + "".join(children))
