"""Opening a .docx package: recognise what the file is, then read its main part safely.

The package is read with ``zipfile`` and ``lxml`` directly: python-docx would
parse every part (styles, numbering, settings) on open, which costs start-up
time and trusts sizes the zip headers claim. Here every read is capped while
it happens, and XML is parsed without entities, DTDs or network access.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NoReturn

from lxml import etree

from gkparse.errors import DocumentError
from gkparse.inputs import read_input
from gkparse.limits import DEFAULT_LIMITS, MB, Limits
from gkparse.messages import Message

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
OFFICE_DOCUMENT_REL = "/officeDocument"
PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"




# No entities, no DTD, no network, libxml2's depth cap kept: for whole parts and streams alike.
SAFE_XML: dict[str, Any] = {"resolve_entities": False, "no_network": True, "load_dtd": False,
                           "dtd_validation": False, "huge_tree": False, "remove_comments": True}


def is_encrypted_package(data: bytes) -> bool:
    """An OLE2 file holding an encrypted Office Open XML package (a password-protected .docx or
    .xlsx: Office stores it with an EncryptedPackage stream)."""
    return data.startswith(OLE2_MAGIC) and "EncryptedPackage".encode("utf-16-le") in data


def sniff(path: Path, data: bytes) -> None:
    """Refuse files that are not a zip package, naming what they seem to be instead."""
    head = data[:512]
    if not head:
        raise DocumentError(path, "the file is empty")
    if head.startswith(OLE2_MAGIC):
        if is_encrypted_package(data):
            raise DocumentError(path, "the .docx is password-protected (encrypted); "
                                      "remove the password in Word and save again")
        raise DocumentError(path, "this is a legacy Word .doc or WPS .wps file, not .docx; "
                                  "open it in Word or WPS and save as .docx")
    if head.startswith(b"%PDF"):
        raise DocumentError(path, "this is a PDF, not a .docx")
    if head.lstrip()[:1] == b"<":
        raise DocumentError(path, "this is an HTML or XML text file, not a .docx; "
                                  "open it in Word and save as .docx")
    if head.startswith(IMAGE_MAGICS):
        raise DocumentError(path, "this is an image (PNG, JPEG, GIF, TIFF or BMP), not a .docx")
    if head.startswith(b"{\\rtf"):
        raise DocumentError(path, "this is an RTF file, not a .docx; save it as .docx")
    if not head.startswith(ZIP_MAGIC):
        raise DocumentError(path, "not a .docx (not a zip package)")


@dataclass
class Package:
    """An opened .docx: the file's bytes (for the digest) and its main document part, parsed."""

    path: Path
    data: bytes
    document: etree._Element
    warnings: list[Message] = field(default_factory=list)


class _Budget:
    """What is left of ``Limits.max_total_bytes`` as parts are inflated."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path, self.limit, self.left = path, limits.max_total_bytes, limits.max_total_bytes

    def refuse(self, name: str) -> DocumentError:
        return DocumentError(self.path, f"part {name} inflates past the {self.limit // MB} MB "
                                        "limit (a zip bomb?); refused (raise it with --max-mb)")

    def read(self, archive: zipfile.ZipFile, name: str) -> bytes:
        info = archive.getinfo(name)
        if info.file_size > self.left:  # the header's claim alone is enough to refuse
            raise self.refuse(name)
        chunks: list[bytes] = []
        with archive.open(info) as stream:
            # Counted as it inflates too: a header may understate the size.
            while chunk := stream.read(1 << 20):
                self.left -= len(chunk)
                if self.left < 0:
                    raise self.refuse(name)
                chunks.append(chunk)
        return b"".join(chunks)

    def stream(self, archive: zipfile.ZipFile, name: str) -> _PartStream:
        """The part ``name`` as a file to parse while it inflates, counted like ``read``."""
        info = archive.getinfo(name)
        if info.file_size > self.left:
            raise self.refuse(name)
        return _PartStream(self, name, archive.open(info))


# What zipfile raises for a damaged package. ValueError and OSError: a damaged header can point
# zipfile at a negative offset; NotImplementedError: it can claim a zip version zipfile does not
# know. RuntimeError, zipfile's word for an entry that needs a zip password, is told apart by
# ``_refuse_damaged`` (NotImplementedError is one too).
_ZIP_ERRORS = (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError, ValueError, OSError)


def _refuse_damaged(path: Path, exc: Exception) -> NoReturn:
    """Raise the DocumentError for what zipfile raised reading a part (``_ZIP_ERRORS`` or a
    RuntimeError); any other RuntimeError is raised as it is."""
    if isinstance(exc, _ZIP_ERRORS):
        raise DocumentError(path, f"the .docx is truncated or corrupt ({exc}); "
                                  "ask the sender for the file again") from None
    if "encrypted" not in str(exc):
        raise exc
    raise DocumentError(path, "the package's parts are encrypted with a zip password; "
                              "save the document again from Word without one") from exc


class _PartStream:
    """A part read by the parser as it inflates: counted against the budget, its head made
    Transitional (``as_transitional``), a damaged zip reported as one.

    Parsing from the inflating stream, the main part is never held whole: at 50,000 rows that
    is 43 MB not read into chunks and joined (twice that at the peak), issue 17.
    """

    def __init__(self, budget: _Budget, name: str, stream: IO[bytes]) -> None:
        self._budget, self._name, self._stream = budget, name, stream
        self._head: bytes | None = None  # None: not read yet

    def read(self, size: int = -1) -> bytes:
        if self._head is None:
            head = b""
            while len(head) < _DECLARATIONS_WITHIN and (chunk := self._take(
                    _DECLARATIONS_WITHIN - len(head))):
                head += chunk
            self._head = as_transitional(head)
        if self._head:
            if size < 0:
                size = len(self._head)
            out, self._head = self._head[:size], self._head[size:]
            return out
        return self._take(size)

    def _take(self, size: int) -> bytes:
        try:
            chunk = self._stream.read(size)
        except (*_ZIP_ERRORS, RuntimeError) as exc:
            _refuse_damaged(self._budget.path, exc)
        self._budget.left -= len(chunk)
        if self._budget.left < 0:
            raise self._budget.refuse(self._name)
        return chunk

    def drain(self) -> None:
        """Read the rest, so that a damaged zip is reported as such rather than as the
        malformed XML it inflated to."""
        while self.read(1 << 20):
            pass

    def __enter__(self) -> _PartStream:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stream.close()


def _main_part_name(path: Path, archive: zipfile.ZipFile, names: set[str], budget: _Budget) -> str:
    if "_rels/.rels" in names:
        rels = _parse(path, "_rels/.rels", budget.read(archive, "_rels/.rels"))
        for rel in rels.iter(f"{{{PKG_RELS_NS}}}Relationship"):
            if (rel.get("Type") or "").endswith(OFFICE_DOCUMENT_REL):
                target = posixpath.normpath((rel.get("Target") or "").lstrip("/"))
                if target in names:
                    return target
    if "word/document.xml" in names:
        return "word/document.xml"
    raise DocumentError(path, "not a Word document: the package has no word/document.xml")


Watcher = Callable[[etree._Element], None]

# Strict Open XML (ISO/IEC 29500 Strict, Word's "Strict Open XML Document") names the same
# elements in other namespaces. Mapped to Transitional where they are declared, the readers
# see one vocabulary; the elements gkparse reads (paragraphs, runs, tables, cell properties)
# have the same names and values in both.
STRICT_NAMESPACES = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main":
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships":
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_DECLARATIONS_WITHIN = 64 * 1024  # Word declares every namespace on the root element


def as_transitional(xml: bytes) -> bytes:
    """A Strict main part with its namespace declarations renamed to Transitional ones.

    Only declarations (``="…"`` right after an ``xmlns`` name) are renamed, and only in the
    part's head where the root element declares them, so text that quotes the URI is kept.
    """
    head = xml[:_DECLARATIONS_WITHIN]
    if b"purl.oclc.org/ooxml/" not in head:
        return xml
    for strict, transitional in STRICT_NAMESPACES.items():
        head = re.sub(rb'(xmlns(?::[\w.-]+)?\s*=\s*["\'])' + re.escape(strict) + rb'(["\'])',
                      rb"\g<1>" + transitional + rb"\g<2>", head)
    return head + xml[_DECLARATIONS_WITHIN:]


def _parse(path: Path, part: str, data: bytes | _PartStream, watch: Watcher | None = None,
           tags: tuple[str, ...] = ()) -> etree._Element:
    """Parse a part, given whole or as a stream; with ``watch``, stream it, calling
    ``watch(element)`` as each element named in ``tags`` is complete, while the rest of the
    tree is still being built."""
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        if watch is None:
            root: etree._Element = etree.parse(source, etree.XMLParser(**SAFE_XML)).getroot()
        else:
            events = etree.iterparse(source, events=("end",), tag=tags, **SAFE_XML)
            for _, element in events:
                watch(element)
            root = events.root  # type: ignore[assignment]  # set once the parse has run
    except etree.XMLSyntaxError as exc:
        if isinstance(data, _PartStream):
            data.drain()  # a damaged zip says so, before the XML it inflated to is blamed
        line = exc.lineno if exc.lineno else "?"
        if "amplification" in exc.msg:
            raise DocumentError(path, f"{part} declares entities that expand too far (an entity "
                                      "bomb); refused") from exc
        if "Excessive depth" in exc.msg:
            raise DocumentError(path, f"{part} nests XML elements deeper than 256 levels at line "
                                      f"{line}; refused") from exc
        raise DocumentError(path, f"malformed XML in {part} at line {line}: {exc.msg}") from exc
    refuse_dtd(path, part, root)
    return root


def refuse_dtd(path: Path, part: str, root: etree._Element) -> None:
    """Contract 4.5: a DTD in any part is an error (ECMA-376 Part 2 makes it one)."""
    if root.getroottree().docinfo.doctype:
        raise DocumentError(path, f"{part} carries a DTD (<!DOCTYPE>), which Office Open XML "
                                  "forbids and Word never writes; refused, nothing of it read")


def open_package(path: str | Path, limits: Limits = DEFAULT_LIMITS, *,
                 watch: Watcher | None = None, tags: tuple[str, ...] = (),
                 data: bytes | None = None) -> Package:
    """Read and parse the main document part of a .docx, or raise DocumentError.

    ``watch`` and ``tags``: see ``_parse``; a watcher may empty elements it has read.
    ``data``: the package's bytes when the caller has them (read already, or converted
    from a .doc by LibreOffice); ``path`` then only names the file in messages.
    """
    path = Path(path)
    if data is None:
        data = read_input(path, DocumentError, "a .docx file", limits.max_file_bytes)
    sniff(path, data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS:  # opening inflates nothing: zlib's error cannot come from here
        raise DocumentError(path, "the .docx is truncated or corrupt (bad zip); "
                                  "ask the sender for the file again") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise DocumentError(path, f"the package has {len(infos)} entries "
                                      f"(limit {limits.max_entries}); refused")
        names = {info.filename for info in infos}
        budget = _Budget(path, limits)
        try:
            part = _main_part_name(path, archive, names, budget)
            stream = budget.stream(archive, part)
        except (*_ZIP_ERRORS, RuntimeError) as exc:
            _refuse_damaged(path, exc)
        with stream:
            root = _parse(path, part, stream, watch, tags)
    if root.tag != "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}document":
        raise DocumentError(path, f"{part} is not a WordprocessingML document")
    return Package(path=path, data=data, document=root, warnings=[])

