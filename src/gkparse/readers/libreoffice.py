""".doc, .wps, .rtf and .odt to .docx through a local LibreOffice (``soffice --headless``).

Each run gets a private temporary profile (``-env:UserInstallation``), so it
neither disturbs nor waits for a LibreOffice the user has open, and works on
copies in a temporary folder, so nothing is ever written beside the inputs. A
run converts many files at once (starting LibreOffice costs seconds; a folder of
thirty .doc files pays that once) and is killed, with everything it started, past
its time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from gkparse.errors import DocumentError
from gkparse.inputs import read_input
from gkparse.limits import MB, Limits

# Where the installers put soffice when it is not on PATH (macOS, Windows).
_USUAL_PLACES = ("/Applications/LibreOffice.app/Contents/MacOS/soffice",
                 r"C:\Program Files\LibreOffice\program\soffice.exe",
                 r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
INSTALL_HINT = ("install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; "
                "Windows and macOS: libreoffice.org) or save the file as .docx")


def find_soffice() -> str | None:
    """The LibreOffice program: ``$GKPARSE_SOFFICE``, ``soffice`` or ``libreoffice`` on PATH,
    or where the Windows and macOS installers put it."""
    explicit = os.environ.get("GKPARSE_SOFFICE")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((place for place in _USUAL_PLACES if Path(place).is_file()), None)


def _run(soffice: str, inputs: list[Path], work: Path, seconds: int) -> bool:
    """Convert ``inputs`` into ``work/out``; False when the time limit ended the run."""
    profile = work / "profile"
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
               "--nologo", "--norestore", "--nodefault", "--nolockcheck",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"),
               *map(str, inputs)]
    env = {**os.environ, "HOME": str(work)}  # LibreOffice may write under $HOME too
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, cwd=work, env=env,
                               start_new_session=True)
    try:
        process.wait(timeout=seconds)
        return True
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            # The whole session: soffice starts soffice.bin, which would outlive its parent.
            os.killpg(process.pid, signal.SIGKILL)
        else:  # Windows: soffice.exe is the process that converts
            process.kill()
        process.wait()
        return False


class Conversions:
    """.docx files LibreOffice made, by input path; ``failed`` the reason for the others."""

    def __init__(self) -> None:
        self.docx: dict[Path, Path] = {}
        self.failed: dict[Path, str] = {}


@contextmanager
def converted_to_docx(items: Iterable[tuple[Path, bytes, str]], limits: Limits
                      ) -> Iterator[Conversions]:
    """Convert (path, bytes, format) items in one LibreOffice run; the .docx files live until
    the ``with`` ends. Raises ``DocumentError`` for the first input when there is no soffice."""
    items = list(items)
    result = Conversions()
    if not items:
        yield result
        return
    soffice = find_soffice()
    if soffice is None:
        path, _, kind = items[0]
        raise DocumentError(path, f"reading a .{kind} file needs LibreOffice, which is not "
                                  f"installed: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="gkparse-soffice-") as folder:
        work = Path(folder)
        (work / "in").mkdir()
        # Copies under plain names: nothing is written beside an input, a name that starts
        # with '-' is not read as an option, and the name's suffix matches the bytes.
        copies = {}
        for number, (path, data, kind) in enumerate(items, start=1):
            copy = work / "in" / f"{number}.{kind}"
            copy.write_bytes(data)
            copies[path] = copy
        seconds = limits.max_convert_seconds * len(items)
        finished = _run(soffice, list(copies.values()), work, seconds)
        for path, copy in copies.items():
            out = work / "out" / f"{copy.stem}.docx"
            if out.is_file() and out.stat().st_size > 0:
                result.docx[path] = out
            elif finished:
                result.failed[path] = ("LibreOffice could not convert it to .docx (damaged, "
                                       "password-protected or not a document?); open it in "
                                       "Word or WPS and save as .docx")
            else:
                result.failed[path] = (f"LibreOffice did not convert it to .docx within the "
                                       f"{seconds} s limit; open it in Word or WPS and save as "
                                       ".docx")
        yield result


def docx_of(path: Path, data: bytes, kind: str, limits: Limits,
            converted: Path | None = None) -> bytes:
    """The .docx bytes of a .doc/.wps/.rtf/.odt: the file LibreOffice made already
    (``converted``), or one conversion run for this file alone."""
    if converted is not None:
        return read_input(converted, DocumentError, "a converted .docx", limits.max_file_bytes)
    with converted_to_docx([(path, data, kind)], limits) as conversions:
        if path in conversions.failed:
            raise DocumentError(path, conversions.failed[path])
        out = conversions.docx[path]
        if out.stat().st_size > limits.max_file_bytes:
            raise DocumentError(path, f"converted to .docx it is over the "
                                      f"{limits.max_file_bytes // MB} MB limit; refused")
        return out.read_bytes()
