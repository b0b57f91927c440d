"""Writing results: to stdout, or atomically to ``-o FILE`` (never half a file, never an input)."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from gkparse.errors import GkparseError


class OutputError(GkparseError):
    """The output file cannot be written where asked."""


def refuse_to_replace(out: Path, advice: str) -> None:
    """Files people edit (a status file, a filled-in ledger) are never replaced unasked."""
    if out.is_file():
        raise OutputError(out, f"already exists; {advice}")


def write_result(data: str | bytes, out: Path | None, *, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to stdout, or to ``out`` through a temporary file and a rename."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if out is None or str(out) == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    out = Path(out)
    for given in inputs:
        try:
            if given.exists() and out.exists() and out.samefile(given):
                raise OutputError(out, "refusing to overwrite an input file")
        except OSError:
            continue
    if out.exists() and not out.is_file() and not out.is_dir():
        # /dev/null, /dev/stdout, a named pipe: write into it; renaming over it would
        # replace the device itself.
        try:
            with out.open("wb") as stream:
                stream.write(payload)
        except OSError as exc:
            raise OutputError(out, f"cannot write: {exc.strerror or exc}") from None
        return
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(out, f"the folder {folder} does not exist")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(out, f"cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        # mkstemp makes the file private (0600); give it the mode the file had, or the one a
        # new file gets, so a shared folder's readers can still open it.
        os.chmod(temp, _mode_for(out))
        os.replace(temp, out)
    except OSError as exc:  # disk full, read-only target: the old file, if any, is untouched
        Path(temp).unlink(missing_ok=True)
        raise OutputError(out, f"cannot write: {exc.strerror or exc}; the file was left "
                               "as it was") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _mode_for(out: Path) -> int:
    try:
        return stat.S_IMODE(out.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
