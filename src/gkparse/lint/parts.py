"""The parts of a .docx the linter reads besides the main part: styles, theme, settings, footers.

``package.open_package`` recognises the file and reads the main part safely; the
other parts are read here from the same bytes, under the same caps (their
inflated sizes count against ``Limits.max_total_bytes`` together with the main
part's) and with the same XML parser options. A part that is missing is None:
Word's defaults then apply.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from gkparse.errors import DocumentError
from gkparse.limits import DEFAULT_LIMITS, MB, Limits
from gkparse.ooxml.package import SAFE_XML, open_package, refuse_dtd

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_TYPES = {"styles": "/styles", "theme": "/theme", "settings": "/settings", "footer": "/footer"}


@dataclass
class DocxParts:
    """The main part and the parts formatting depends on, parsed."""

    path: Path
    document: etree._Element
    styles: etree._Element | None = None
    theme: etree._Element | None = None
    settings: etree._Element | None = None
    footers: dict[str, etree._Element] = field(default_factory=dict)  # by relationship id


def read_parts(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> DocxParts:
    """Open ``path`` and read its main part, styles, theme, settings and footers."""
    package = open_package(path, limits)
    parts = DocxParts(path=package.path, document=package.document)
    with zipfile.ZipFile(io.BytesIO(package.data)) as archive:
        names = {info.filename for info in archive.infolist()}
        main = _main_part(archive, names)
        rels_name = posixpath.join(posixpath.dirname(main), "_rels",
                                   posixpath.basename(main) + ".rels")
        left = limits.max_total_bytes - archive.getinfo(main).file_size
        reader = _PartReader(package.path, archive, names, left, limits)
        rels = reader.parse(rels_name)
        if rels is None:
            return parts
        for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
            kind = next((k for k, suffix in _REL_TYPES.items()
                         if (rel.get("Type") or "").endswith(suffix)), None)
            if kind is None or rel.get("TargetMode") == "External":
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(main),
                                                       rel.get("Target") or ""))
            element = reader.parse(target.lstrip("/"))
            if element is None:
                continue
            if kind == "footer":
                parts.footers[rel.get("Id") or ""] = element
            else:
                setattr(parts, kind, element)
    return parts


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The main part's name, as ``open_package`` found it (it has already been checked)."""
    if "_rels/.rels" in names:
        rels = etree.fromstring(archive.read("_rels/.rels"), etree.XMLParser(**SAFE_XML))
        for rel in rels.iter(f"{{{REL_NS}}}Relationship"):
            if (rel.get("Type") or "").endswith("/officeDocument"):
                target = posixpath.normpath((rel.get("Target") or "").lstrip("/"))
                if target in names:
                    return target
    return "word/document.xml"


class _PartReader:
    """Reads parts under what is left of the inflate budget, each parsed safely."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, names: set[str], left: int,
                 limits: Limits) -> None:
        self.path, self.archive, self.names, self.left = path, archive, names, left
        self.limit = limits.max_total_bytes

    def parse(self, name: str) -> etree._Element | None:
        if name not in self.names:
            return None
        info = self.archive.getinfo(name)
        if info.file_size > self.left:
            raise self._refuse(name)
        chunks: list[bytes] = []
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(1 << 20):
                    self.left -= len(chunk)
                    if self.left < 0:
                        raise self._refuse(name)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise DocumentError(self.path, f"the .docx is truncated or corrupt ({exc}); "
                                           "ask the sender for the file again") from None
        try:
            root: etree._Element = etree.fromstring(b"".join(chunks), etree.XMLParser(**SAFE_XML))
        except etree.XMLSyntaxError as exc:
            raise DocumentError(self.path, f"malformed XML in {name} at line "
                                           f"{exc.lineno or '?'}: {exc.msg}") from None
        refuse_dtd(self.path, name, root)
        return root

    def _refuse(self, name: str) -> DocumentError:
        return DocumentError(self.path, f"part {name} inflates past the {self.limit // MB} MB "
                                        "limit (a zip bomb?); refused (raise it with --max-mb)")
