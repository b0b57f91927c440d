"""Build small .docx files from WordprocessingML snippets, for fixtures made in code.

Only what Word needs to open the file is written: content types, the package
relationship and document.xml. Snippets use the ``w:`` prefix freely.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'mc:Ignorable="wps"'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f"<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>")


def write_docx(path: Path, body: str, *, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document_xml(body))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*content: str) -> str:
    """A paragraph; plain strings become runs, strings starting with '<' are raw XML."""
    return "<w:p>" + "".join(c if c.startswith("<") else r(c) for c in content) + "</w:p>"


def tc(*paragraphs: str, span: int = 1, vmerge: str | None = None) -> str:
    """A cell. vmerge: 'restart', 'word' (bare continuation) or 'continue' (LibreOffice)."""
    props = ""
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "word":
        props += "<w:vMerge/>"
    elif vmerge == "continue":
        props += '<w:vMerge w:val="continue"/>'
    body = "".join(x if x.startswith("<") else p(x) for x in paragraphs) or "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>"


def tr(*cells: str, header: bool = False, grid_before: int = 0, deleted: bool = False) -> str:
    props = ""
    if grid_before:
        props += f'<w:gridBefore w:val="{grid_before}"/>'
    if header:
        props += "<w:tblHeader/>"
    if deleted:
        props += '<w:del w:id="9" w:author="x" w:date="2025-01-01T00:00:00Z"/>'
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(*rows: str, columns: int = 5) -> str:
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(columns))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


HEADER = ("工作任务", "牵头部门", "责任单位", "具体要求", "完成时限")


def header_row(*texts: str) -> str:
    return tr(*(tc(t) for t in (texts or HEADER)), header=True)


def task_row(task: str | None, lead: str, responsible: str, requirement: str, deadline: str,
             *, task_merge: str | None = None) -> str:
    first = tc(task, vmerge=task_merge) if task else tc(vmerge=task_merge)
    return tr(first, tc(lead), tc(responsible), tc(requirement), tc(deadline))


def section_row(title: str, columns: int = 5) -> str:
    return tr(tc(title, span=columns))


FRONT = (p("某办字〔2025〕3号") + p("某某区人民政府办公室") + p("关于印发2025年工作要点的通知")
         + p("各部门：") + p("现印发给你们。") + p("某某区人民政府办公室") + p("2025年3月5日"))
