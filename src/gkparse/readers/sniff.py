"""The format of a notice file, recognised from its bytes: the name may lie.

A .docx that is really a PDF is read as a PDF; a .doc that is really a .docx as a
.docx. The name only tells apart formats whose bytes are the same kind of file
(a Word .doc and a WPS .wps are both Word binary files in an OLE2 container;
an Excel .xls and a WPS .et both BIFF workbooks), so ``source.format`` says what
the sender called it.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from gkparse.errors import DocumentError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
UTF8_BOM = b"\xef\xbb\xbf"
IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|table|p|div)[\s>/]",
                         re.IGNORECASE)

WORD_FORMATS = frozenset(("docx",))
CONVERTED_FORMATS = frozenset(("doc", "wps", "rtf", "odt"))
"""Read through a LibreOffice conversion to .docx."""
SPREADSHEET_FORMATS = frozenset(("xlsx", "xls", "et", "ods"))
NOTICE_SUFFIXES = frozenset((".docx", ".doc", ".wps", ".rtf", ".odt", ".xlsx", ".xls", ".et",
                             ".ods", ".html", ".htm", ".pdf"))
"""The file names a folder is searched for."""


def _ole2_streams(data: bytes) -> set[str]:
    """Which of the stream names that matter appear in an OLE2 file's directory (UTF-16LE)."""
    return {name for name in ("WordDocument", "Workbook", "Book", "EncryptedPackage")
            if name.encode("utf-16-le") in data}


def _ole2_format(path: Path, data: bytes) -> str:
    streams = _ole2_streams(data)
    suffix = path.suffix.lower()
    if "EncryptedPackage" in streams:
        # Word and Excel store a password-protected OOXML file as OLE2 with this stream.
        raise DocumentError(path, "the file is password-protected (encrypted); remove the "
                                  "password in Word, WPS or Excel and save again")
    if "WordDocument" in streams:
        return "wps" if suffix == ".wps" else "doc"
    if streams & {"Workbook", "Book"}:
        return "et" if suffix == ".et" else "xls"
    raise DocumentError(path, "an OLE2 (Office 97-2003) file that is neither a Word document "
                              "nor a workbook; save the notice as .docx")


def _zip_format(path: Path, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = (archive.read("mimetype")[:100] if "mimetype" in names
                        and archive.getinfo("mimetype").file_size < 200 else b"")
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError, RuntimeError):
        return "docx"  # the .docx reader names the damage
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return "odt"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return "ods"
    if "xl/workbook.xml" in names and "word/document.xml" not in names:
        return "xlsx"
    return "docx"


_MHTML = re.compile(rb"^(?:[\w-]+:[^\r\n]*\r?\n)*?(?:MIME-Version:|Content-Type:\s*multipart/related)",
                    re.IGNORECASE)


def _text_format(path: Path, data: bytes) -> str | None:
    head = data[:4096]
    if _MHTML.match(head):
        raise DocumentError(path, "this is a web archive (MHTML: .mht, .mhtml, Word's or WPS's "
                                  "single-file web page); open it and save it as .html or "
                                  ".docx")
    if head.startswith(UTF8_BOM):
        head = head[3:]
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="replace").encode("ascii", errors="replace")
    stripped = head.lstrip()
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    if _HTML_START.search(head) and stripped[:1] == b"<":
        return "html"
    if stripped[:1] == b"<":
        if b'progid="Excel.Sheet"' in head or b"urn:schemas-microsoft-com:office:spreadsheet" in head:
            raise DocumentError(path, "an Excel 2003 XML workbook (SpreadsheetML); open it in "
                                      "Excel or WPS and save it as .xlsx")
        if b'progid="Word.Document"' in head or b"<w:wordDocument" in head:
            raise DocumentError(path, "a Word 2003 XML document; open it in Word or WPS and "
                                      "save it as .docx")
        raise DocumentError(path, "an XML file that is not a notice (not HTML); "
                                  "save the notice as .docx")
    return None


def detect_format(path: Path, data: bytes) -> str:
    """``docx``, ``doc``, ``wps``, ``rtf``, ``odt``, ``xlsx``, ``xls``, ``et``, ``ods``,
    ``html`` or ``pdf``; anything else is a ``DocumentError`` naming what the file seems to be.

    >>> detect_format(Path("plan.docx"), b"%PDF-1.7 ...")
    'pdf'
    """
    if not data:
        raise DocumentError(path, "the file is empty")
    if data.startswith(OLE2_MAGIC):
        return _ole2_format(path, data)
    if data.startswith(ZIP_MAGIC):
        return _zip_format(path, data)
    if b"%PDF-" in data[:1024]:  # readers allow leading junk before the header
        return "pdf"
    if data.startswith(IMAGE_MAGICS):
        raise DocumentError(path, "this is an image (PNG, JPEG, GIF, TIFF or BMP), not a "
                                  "notice; a scanned notice has no text to read")
    text = _text_format(path, data)
    if text is not None:
        return text
    raise DocumentError(path, "not a notice file gkparse reads (not .docx, .doc, .wps, .rtf, "
                              ".odt, .xlsx, .xls, .et, .ods, .html or .pdf)")


def needs_conversion(path: Path) -> bool:
    """Whether ``path`` may be a .doc, .wps, .rtf or .odt, by its name or its first bytes
    (a cheap look before the whole file is read and ``detect_format`` decides)."""
    if path.suffix.lower() in (".doc", ".wps", ".rtf", ".odt"):
        return True
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError:
        return False
    return head.startswith((OLE2_MAGIC, b"{\\rtf"))
