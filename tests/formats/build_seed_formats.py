"""Write the seed notice in the formats gkparse reads but python-docx does not write.

    python tests/formats/build_seed_formats.py OUT_DIR

- ``notice.xlsx``: the attachment's task table as offices keep it in Excel or WPS: a
  title row merged across the table, the header, section rows merged across all
  columns, subsection and unit cells merged down (XlsxWriter's ``merge_range``).
- ``notice-gbk.html``: the notice page as a government site publishes it: GB2312
  declared in ``<meta>`` (written as GBK bytes), the content inside a layout table,
  the task table with ``rowspan`` and ``colspan``, source lines wrapped mid-sentence;
  ``notice-gbk-unwrapped.html`` the same without the wrapping, for printing to PDF.

Both come from ``samples/build_notice.py``'s FRONT_MATTER, HEADER and TABLE, the same
data ``samples/notice.docx`` is built from. The other formats (.doc, .wps, .rtf, .odt,
.xls, .et, .ods, .pdf) are LibreOffice's conversions of these and of the .docx, made
by the tests (``tests/test_formats.py``).
"""

from __future__ import annotations

import html
import re
import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = runpy.run_path(str(ROOT / "samples" / "build_notice.py"))
FRONT_MATTER, HEADER, TABLE = SAMPLE["FRONT_MATTER"], SAMPLE["HEADER"], SAMPLE["TABLE"]
Section, MERGED = SAMPLE["Section"], SAMPLE["MERGED"]
_BOOKMARK = re.compile(r"\[bookmark: [^\]]+\]")
_WIDE = re.compile(r"[\u4e00-\u9fff，。、；：“”（）《》〔〕]")


def _text(cell: object) -> str:
    return "\n".join(cell) if isinstance(cell, list) else _BOOKMARK.sub("", str(cell))


def grid() -> list[list[object]]:
    """The table as rows of five cells; MERGED where a cell continues the one above, None
    where a section row's single cell covers the column."""
    rows: list[list[object]] = []
    for entry in TABLE:
        if isinstance(entry, Section):
            rows.append([entry.title, None, None, None, None])
        else:
            rows.append([entry.subsection, entry.lead, entry.responsible, entry.requirement,
                         entry.deadline])
    return rows


def _spans(rows: list[list[object]]) -> dict[tuple[int, int], int]:
    """(row, column) of each cell that starts a vertical merge -> rows it covers."""
    spans: dict[tuple[int, int], int] = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None or cell is MERGED:
                continue
            down = 1
            while r + down < len(rows) and rows[r + down][c] is MERGED:
                down += 1
            spans[(r, c)] = down
    return spans


def attachment_title() -> str:
    return dict(FRONT_MATTER)["attachment_title"]


def write_xlsx(out: Path) -> None:
    import xlsxwriter

    rows = grid()
    spans = _spans(rows)
    book = xlsxwriter.Workbook(str(out))
    book.set_properties({"created": __import__("datetime").datetime(2025, 6, 16, 9, 0, 0)})
    sheet = book.add_worksheet("任务分解表")
    wrap = book.add_format({"text_wrap": True, "valign": "vcenter", "border": 1})
    sheet.merge_range(0, 0, 0, 4, attachment_title(), book.add_format({"bold": True}))
    for c, name in enumerate(HEADER):
        sheet.write(1, c, name, wrap)
    for r, row in enumerate(rows, start=2):
        if row[1] is None:
            sheet.merge_range(r, 0, r, 4, _text(row[0]), wrap)
            continue
        for c, cell in enumerate(row):
            if cell is MERGED:
                continue
            down = spans[(r - 2, c)]
            if down > 1:
                sheet.merge_range(r, c, r + down - 1, c, _text(cell), wrap)
            else:
                sheet.write_string(r, c, _text(cell), wrap)
    book.close()


def _wrapped(text: str, width: int = 37) -> str:
    """Source lines broken mid-sentence, as site editors and their tools save them: after
    about ``width`` characters, between two Chinese characters (where a browser shows no
    space for the break)."""
    lines, start = [], 0
    for i in range(1, len(text)):
        if i - start >= width and _WIDE.match(text[i - 1]) and _WIDE.match(text[i]):
            lines.append(text[start:i])
            start = i
    return "\n".join([*lines, text[start:]])


def write_html_gbk(out: Path, *, wrap: bool = True) -> None:
    """``wrap``: break the source lines mid-sentence (a browser shows such a break as a
    space, which Chinese text does not have; gkparse reads it as CSS says, as nothing)."""
    rows = grid()
    spans = _spans(rows)
    body: list[str] = []
    for kind, text in FRONT_MATTER:
        text = html.escape(_BOOKMARK.sub("", text))
        if kind == "blank":
            body.append("<p>&nbsp;</p>")
        elif kind in ("title", "issuer"):
            body.append(f'<div class="{kind}"><strong>{text}</strong></div>')
        else:
            body.append(f"<p style=\"text-indent:2em\">{_wrapped(text) if wrap else text}</p>")
    table = ['<table class="MsoTableGrid" border="1" cellspacing="0">',
             "<tbody><tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"]
    for r, row in enumerate(rows):
        cells = []
        if row[1] is None:
            cells.append(f'<td colspan="5"><b>{html.escape(_text(row[0]))}</b></td>')
        else:
            for c, cell in enumerate(row):
                if cell is MERGED:
                    continue
                down = spans[(r, c)]
                inner = "<br>".join(html.escape(_text(part)) for part in
                                    (cell if isinstance(cell, list) else [cell]))
                cells.append(f"<td{f' rowspan={down}' if down > 1 else ''}><p>{inner}</p></td>")
        table.append("<tr>" + "".join(cells) + "</tr>")
    table.append("</tbody></table>")
    page = ("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n<html><head>\n"
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n'
            f"<title>{html.escape(attachment_title())}_政务公开</title>\n"
            "<script>var site = '门户网站';</script><style>td{border:1px solid}</style>\n"
            '</head><body><div class="nav">首页 &gt; 政务公开 &gt; 通知公告</div>\n'
            '<table width="100%"><tr><td>\n' + "\n".join(body) + "\n"
            + "\n".join(table) + "\n</td></tr></table>\n"
            '<div class="footer"><script>document.write("打印本页")</script></div>'
            "</body></html>\n")
    out.write_bytes(page.encode("gbk"))


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_xlsx(folder / "notice.xlsx")
    write_html_gbk(folder / "notice-gbk.html")
    write_html_gbk(folder / "notice-gbk-unwrapped.html", wrap=False)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
