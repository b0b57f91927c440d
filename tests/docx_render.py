"""Rendering .docx files as a reader sees them: LibreOffice to PDF, poppler to text and pixels.

Tests that use this skip where LibreOffice, poppler or a CJK font is absent, and fail
under CI=true (``apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk``).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from conftest import ROOT, need_program

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm") and shutil.which("pdfinfo")


def _cjk_font() -> bool:
    """A font with Chinese glyphs (without one LibreOffice draws boxes, and nothing is tested)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True)
    return bool(found.stdout.strip())


def needs_libreoffice(test):
    """A rendering test: skipped on a developer's machine without LibreOffice, poppler or a
    CJK font, failed under CI=true, where ``.ci/run`` installs them (``need_program``)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        need_program(SOFFICE, "LibreOffice", "apt-get install libreoffice-writer-nogui")
        need_program("poppler" if POPPLER else None, "poppler-utils (pdftotext, pdftoppm)",
                     "apt-get install poppler-utils")
        need_program("font" if _cjk_font() else None, "a CJK font",
                     "apt-get install fonts-noto-cjk")
        return test(*args, **kwargs)

    return run


MM = 72 / 25.4  # PDF points per millimetre
FONTS_CONF = ROOT / "scripts" / "gongwen-fonts.conf"


def to_pdf(docx: Path, out_dir: Path) -> Path:
    """Convert with a private LibreOffice profile (a user's own profile is never touched)."""
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
    profile = out_dir / "lo-profile"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
                   check=True, capture_output=True, timeout=180, env=env)
    pdf = out_dir / f"{docx.stem}.pdf"
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {docx}"
    return pdf


def pdf_info(pdf: Path) -> dict[str, str]:
    text = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":")
                                                  for line in text.splitlines())}


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


def words_by_page(pdf: Path) -> list[list[Word]]:
    """Every word with its box in points (origin top left), page by page."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = []
    for page in re.split(r"<page ", html)[1:]:
        pages.append([Word(unescape(m["t"]), *(float(m[k]) for k in ("x0", "y0", "x1", "y1")))
                      for m in re.finditer(r'<word xMin="(?P<x0>[\d.]+)" yMin="(?P<y0>[\d.]+)" '
                                           r'xMax="(?P<x1>[\d.]+)" yMax="(?P<y1>[\d.]+)">'
                                           r"(?P<t>[^<]*)</word>", page)])
    return pages


def page_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")


def page_image(pdf: Path, page: int, out_dir: Path, dpi: int = 40) -> tuple[int, int, bytes]:
    """One page as RGB pixels (width, height, bytes), through pdftoppm's PPM output."""
    stem = out_dir / f"page{page}"
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi),
                    "-singlefile", str(pdf), str(stem)], check=True, capture_output=True)
    data = stem.with_suffix(".ppm").read_bytes()
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header, "pdftoppm wrote no PPM"
    width, height = int(header[1]), int(header[2])
    return width, height, data[header.end():]


def pixels_like(pixels: bytes, colour: tuple[int, int, int], tolerance: int = 40) -> int:
    """How many pixels are within ``tolerance`` of ``colour`` on every channel."""
    r0, g0, b0 = colour
    return sum(1 for i in range(0, len(pixels), 3)
               if abs(pixels[i] - r0) <= tolerance and abs(pixels[i + 1] - g0) <= tolerance
               and abs(pixels[i + 2] - b0) <= tolerance)
