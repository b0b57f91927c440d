"""Write the bad-inputs corpus: the small files committed beside this script, and the large ones.

    python tests/bad_inputs/make_bad_inputs.py            # rewrite the committed small files
    python tests/bad_inputs/make_bad_inputs.py --large D  # write the large files into D

The large files (a zip bomb, a package with too many entries, files over the
size caps) are made at test time instead of committed: each is cheap to make
and most would be megabytes in git. ``expected.toml`` says what gkparse must
answer for every file, small or large.
"""

from __future__ import annotations

import argparse
import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))

from docx_factory import (  # noqa: E402 - the tests folder is not a package
    CONTENT_TYPES,
    FRONT,
    NAMESPACES,
    RELS,
    document_xml,
    header_row,
    p,
    task_row,
    tbl,
)

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FIXED_TIME = (2025, 1, 1, 0, 0, 0)
ONE_TASK_TABLE = tbl(header_row(), task_row("一、某项工作", "区财政局", "各街道", "按要求推进", "12月底前"))


def _zip(parts: dict[str, bytes | str], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip with fixed timestamps, so the corpus rebuilds byte for byte."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = method
            archive.writestr(info, data)
    return buffer.getvalue()


def _docx(document: str | bytes, **extra: bytes | str) -> bytes:
    return _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS,
                 "word/document.xml": document, **extra})


def _ole2(*streams: str) -> bytes:
    """An OLE2 (Compound File) header followed by directory names, as Word writes them."""
    names = b"".join(name.encode("utf-16-le").ljust(64, b"\0") for name in streams)
    return OLE2_MAGIC + bytes(504) + names


def _sample() -> bytes:
    return (ROOT / "samples" / "notice.docx").read_bytes()


def _entity_document(doctype: str, reference: str) -> str:
    body = p("关于印发工作要点的通知") + p(f"<w:r><w:t>{reference}</w:t></w:r>") + ONE_TASK_TABLE
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [{doctype}]>\n'
            f"<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>")


def _billion_laughs() -> str:
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return _entity_document("".join(entities), "&lol9;")


def _deep_xml() -> str:
    nested = "<w:sdt><w:sdtContent>" * 120 + p("深") + "</w:sdtContent></w:sdt>" * 120
    return document_xml(FRONT + nested + ONE_TASK_TABLE)


def _zip_encrypted_entry() -> bytes:
    """A docx whose document part has the zip 'encrypted' flag, as zip tools set with a password."""
    data = bytearray(_docx(document_xml(FRONT)))
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := data.find(signature, start)) != -1:
            data[at + flag_offset] |= 0x01
            start = at + 4
    return bytes(data)


def _pdf(*objects: bytes) -> bytes:
    """A PDF with these objects (numbered from 1) and a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _scanned_pdf() -> bytes:
    """One page that only paints (as a scan's image does): no text layer."""
    content = b"0.5 g 72 72 451 698 re f"
    return _pdf(b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))


def _ods(content: str) -> bytes:
    return _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                 "content.xml": content}, method=zipfile.ZIP_STORED)


SMALL: dict[str, Callable[[], bytes | str]] = {
    "empty.docx": lambda: b"",
    "random-bytes.docx": lambda: bytes(range(256)) * 4,
    "pdf-renamed.docx": lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "png-renamed.docx": lambda: b"\x89PNG\r\n\x1a\n" + bytes(64),
    "html-saved-as.docx": lambda: "<html><head><meta charset='utf-8'></head><body>通知</body></html>",
    "rtf-saved-as.docx": lambda: r"{\rtf1\ansi\deff0 {\fonttbl {\f0 SimSun;}} notice}",
    "scanned.pdf": _scanned_pdf,
    "truncated.pdf": lambda: _scanned_pdf()[:120],
    "page-without-text.html": lambda: ("<!DOCTYPE html><html><head><meta charset='utf-8'><script>"
                                       "document.write('通知')</script></head><body><img src="
                                       "'http://example.invalid/scan.png'></body></html>"),
    "unknown-charset.html": lambda: ("<html><head><meta charset='x-no-such-charset'></head>"
                                     "<body><p>通知</p></body></html>"),
    "web-archive.mht": lambda: ("From: <Saved by Blink>\r\nSnapshot-Content-Location: http://"
                                "example.invalid/notice.html\r\nSubject: 通知\r\nMIME-Version: "
                                "1.0\r\nContent-Type: multipart/related;\r\n\r\n"),
    "xml-not-html.xml": lambda: '<?xml version="1.0"?><w:wordDocument xmlns:w="urn:x"/>',
    "corrupt.xlsx": lambda: _zip({"[Content_Types].xml": "<Types/>",
                                  "xl/workbook.xml": "<workbook><sheets"}),
    "corrupt.xls": lambda: _ole2("Root Entry", "Workbook") + bytes(512),
    "malformed.ods": lambda: _ods("<office:document-content><table:table>"),
    "legacy.doc": lambda: _ole2("Root Entry", "WordDocument", "1Table"),
    "legacy-wps.wps": lambda: _ole2("Root Entry", "WordDocument", "WpsCustomData"),
    "password.docx": lambda: _ole2("Root Entry", "EncryptionInfo", "EncryptedPackage"),
    "truncated.docx": lambda: _sample()[:20_000],
    "zip-no-document.docx": lambda: _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS}),
    "xlsx-renamed.docx": lambda: _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}),
    "malformed-xml.docx": lambda: _docx(document_xml(FRONT).replace("</w:body>", "\n<w:p>\n</w:body>")),
    "not-wordprocessingml.docx": lambda: _docx('<?xml version="1.0"?><html><body/></html>'),
    "bad-crc.docx": lambda: _corrupt_member(),
    "zip-encrypted-entry.docx": _zip_encrypted_entry,
    "deep-xml.docx": lambda: _docx(_deep_xml()),
    "too-deep-xml.docx": lambda: _docx(document_xml("<w:sdt><w:sdtContent>" * 200 + p("x")
                                                    + "</w:sdtContent></w:sdt>" * 200)),
    "xxe-local-file.docx": lambda: _docx(_entity_document(
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">', "&xxe;")),
    "xxe-network.docx": lambda: _docx(_entity_document(
        '<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">', "&xxe;")),
    "billion-laughs.docx": lambda: _docx(_billion_laughs()),
    "rels-path-traversal.docx": lambda: _zip({
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": RELS.replace('Target="word/document.xml"', 'Target="../../../etc/passwd"'),
        "word/document.xml": document_xml(FRONT + ONE_TASK_TABLE)}),
    "not-a-notice.json": lambda: '{"tasks": "nope"}',
    "status-malformed.yaml": lambda: "notice: ../../samples/notice.docx\ntasks:\n  1.1.1: [done\n",
    "status-python-tag.yaml": lambda: ("notice: ../../samples/notice.docx\ntasks:\n"
                                       '  "1.1.1": !!python/object/apply:os.system ["echo pwned"]\n'),
    "status-alias-bomb.yaml": lambda: _alias_bomb(),
    "status-self-alias.yaml": lambda: ("notice: ../../samples/notice.docx\ntasks:\n"
                                       '  "1.1.1": {status: done, evidence: &a [x, *a]}\n'),
    "status-not-utf8.yaml": lambda: ("notice: ../../samples/notice.docx\ntasks:\n"
                                     '  "1.1.1": 已完成\n').encode("gbk"),
    "status-empty.yaml": lambda: b"",
    "status-list.yaml": lambda: "- 1.1.1\n- 1.1.2\n",
    "status-deep.yaml": lambda: "notice: ../../samples/notice.docx\ntasks: " + "[" * 2000 + "]" * 2000 + "\n",
    "status-missing-notice.yaml": lambda: "notice: no-such-notice.docx\ntasks: {}\n",
    "status-bad-notice-json.yaml": lambda: "notice: not-a-notice.json\ntasks: {}\n",
}


def _corrupt_member() -> bytes:
    """The sample with one byte of document.xml's compressed data flipped (a CRC or inflate error)."""
    data = bytearray(_sample())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    header = info.header_offset
    name_len = int.from_bytes(data[header + 26:header + 28], "little")
    extra_len = int.from_bytes(data[header + 28:header + 30], "little")
    start = header + 30 + name_len + extra_len
    data[start + info.compress_size // 2] ^= 0xFF
    return bytes(data)


def _alias_bomb() -> str:
    lines = ["notice: ../../samples/notice.docx", "tasks:", '  "1.1.1":', "    status: done",
             "    evidence: &l0 [a, a, a, a, a, a, a, a, a, a]"]
    lines += [f'  "1.1.{i + 1}": {{status: done, evidence: &l{i} [{", ".join([f"*l{i - 1}"] * 10)}]}}'
              for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def _raw_zip(members: list[tuple[str, int, int, bytes]]) -> bytes:
    """A zip written field by field from (name, crc, inflated size, deflated bytes).

    zipfile cannot store a deflate stream it did not make itself; the bomb needs that.
    """
    dos_time, dos_date = 0, (2025 - 1980) << 9 | 1 << 5 | 1
    local, central = bytearray(), bytearray()
    for name, crc, size, stream in members:
        encoded = name.encode()
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, dos_time, dos_date, crc,
                               len(stream), size, len(encoded), 0, 0, 0, 0, 0, len(local)) + encoded
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, dos_time, dos_date, crc,
                             len(stream), size, len(encoded), 0) + encoded + stream
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central),
                      len(local), 0)
    return bytes(local + central + end)


def _deflated(text: str) -> tuple[int, int, bytes]:
    data = text.encode()
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush()


def zip_bomb(inflated_bytes: int = 1024 * 1024 * 1024, *, claimed_bytes: int | None = None,
             kind: str = "docx") -> bytes:
    """A .docx whose document.xml inflates to ``inflated_bytes`` (1 GB) from about 1 MB.

    The deflate stream is one flushed block of compressed zeros repeated, so
    making it costs a CRC pass, not a gigabyte of compression. ``claimed_bytes``
    makes the zip headers lie about the inflated size.
    """
    chunk = 1024 * 1024
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = inflated_bytes // chunk
    stream = block * count + compressor.flush(zlib.Z_FINISH)
    crc, zeros = 0, bytes(chunk)
    for _ in range(count):
        crc = zlib.crc32(zeros, crc)
    size = count * chunk if claimed_bytes is None else claimed_bytes
    if kind == "xlsx":  # ``kind``: a workbook's sheet inflates instead
        return _raw_zip([("[Content_Types].xml", *_deflated("<Types/>")),
                         ("xl/workbook.xml", *_deflated("<workbook/>")),
                         ("xl/worksheets/sheet1.xml", crc, size, stream)])
    return _raw_zip([("[Content_Types].xml", *_deflated(CONTENT_TYPES)),
                     ("_rels/.rels", *_deflated(RELS)),
                     ("word/document.xml", crc, size, stream)])


def pdf_bomb(inflated_bytes: int = 1024 * 1024 * 1024) -> bytes:
    """A PDF page whose content stream inflates to ``inflated_bytes`` of zeros."""
    chunk = 1024 * 1024
    compressor = zlib.compressobj(9)
    stream = b"".join(compressor.compress(bytes(chunk)) for _ in range(inflated_bytes // chunk))
    stream += compressor.flush()
    return _pdf(b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
                % (len(stream), stream))


def too_many_entries(count: int = 10_001) -> bytes:
    parts: dict[str, bytes | str] = {f"customXml/item{i}.xml": b"" for i in range(count)}
    return _docx(document_xml(FRONT), **parts)


def write_sparse(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk space: the size cap must refuse it unread."""
    with path.open("wb") as stream:
        stream.truncate(size)
    return path


def write_large(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "zip-bomb.docx").write_bytes(zip_bomb())
    (folder / "zip-bomb-lying-header.docx").write_bytes(zip_bomb(claimed_bytes=1000))
    (folder / "too-many-entries.docx").write_bytes(too_many_entries())
    (folder / "zip-bomb.xlsx").write_bytes(zip_bomb(kind="xlsx"))
    (folder / "pdf-bomb.pdf").write_bytes(pdf_bomb(300 * 1024 * 1024))
    write_sparse(folder / "huge.docx", 300 * 1024 * 1024)
    write_sparse(folder / "huge.pdf", 300 * 1024 * 1024)
    write_sparse(folder / "status-huge.yaml", 60 * 1024 * 1024)


def build_small(name: str) -> bytes:
    data = SMALL[name]()
    return data.encode("utf-8") if isinstance(data, str) else data


def write_small(folder: Path = HERE) -> None:
    for name in SMALL:
        (folder / name).write_bytes(build_small(name))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=Path, help="write the large files into this folder")
    args = parser.parse_args()
    if args.large:
        write_large(args.large)
    else:
        write_small()
