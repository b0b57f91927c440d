"""Writing results: to stdout, or atomically to ``-o FILE`` (never half a file, never an input).

A file is replaced through a temporary file beside it and a rename, so a
reader (or a crash, or ``kill -9``) sees the old file or the new one, never
a mix. The rename goes to the file a symbolic link points at, so the link
stays a link; the new file gets the old one's mode and owner.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from gkparse.errors import GkparseError
from gkparse.inputs import FILES_READ

TEMP_MARK = ".gkparse-"


class OutputError(GkparseError):
    """The output file cannot be written where asked."""


def refuse_to_replace(out: Path, advice: str) -> None:
    """Files people edit (a status file, a filled-in ledger) are never replaced unasked."""
    if out.is_file():
        raise OutputError(out, f"already exists; {advice}")


def temp_prefix(target: Path) -> str:
    """The name start of the temporary files written beside ``target``."""
    return f".{target.name}{TEMP_MARK}"


def _is_input(out: Path, inputs: Iterable[Path]) -> bool:
    try:
        info = out.stat()
    except OSError:
        return False
    if (info.st_dev, info.st_ino) in FILES_READ:
        return True
    for given in inputs:
        with contextlib.suppress(OSError):
            if out.samefile(given):
                return True
    return False


def write_result(data: str | bytes, out: Path | None, *, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to stdout, or to ``out`` through a temporary file and a rename.

    ``out`` is refused when it is any file this process has read (the notice a
    status file names, a roster, a workbook), whatever path or link names it,
    or one of ``inputs``.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if out is None or str(out) == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    out = Path(out)
    if _is_input(out, inputs):
        raise OutputError(out, "refusing to overwrite an input file")
    if out.exists() and not out.is_file() and not out.is_dir():
        # /dev/null, /dev/stdout, a named pipe: write into it; renaming over it would
        # replace the device itself.
        try:
            with out.open("wb") as stream:
                stream.write(payload)
        except OSError as exc:
            raise OutputError(out, f"cannot write: {exc.strerror or exc}") from None
        return
    replace_file(Path(os.path.realpath(out)), payload, shown=out)


def replace_file(target: Path, payload: bytes, *, shown: Path | None = None,
                 before_rename: Callable[[], None] | None = None) -> None:
    """Replace (or create) the regular file ``target`` with ``payload``, atomically.

    The old file's mode and owner carry over; a file this user could not give
    back to its owner is refused before anything is written. ``before_rename``
    runs once the new file is on disk, just before it takes the target's
    place: it may raise to leave the target as it is (an editor saved it).
    """
    shown = shown or target
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(shown, f"the folder {folder} does not exist")
    try:
        old = target.stat()
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise OutputError(shown, f"cannot write: {exc.strerror or exc}") from None
    me = _user()
    if old is not None and me is not None and old.st_uid != me[0] and me[0] != 0:
        raise OutputError(shown, "belongs to another user; replacing it would make it yours "
                                 "(ask its owner, or write elsewhere with -o)")
    try:
        import tempfile  # only where a file is written: not loaded for stdout

        handle, temp = tempfile.mkstemp(prefix=temp_prefix(target), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(shown, f"cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); give it the mode the file had, or the one a
        # new file gets, so a shared folder's readers can still open it.
        os.chmod(temp, stat.S_IMODE(old.st_mode) if old else _new_file_mode())
        if old is not None and me is not None and (old.st_uid, old.st_gid) != me:
            os.chown(temp, old.st_uid, old.st_gid)
        if old is not None:
            _copy_attributes(target, temp)
        if before_rename is not None:
            before_rename()
        os.replace(temp, target)
    except OSError as exc:  # disk full, read-only target: the old file, if any, is untouched
        Path(temp).unlink(missing_ok=True)
        raise OutputError(shown, f"cannot write: {exc.strerror or exc}; the file was left "
                                 "as it was") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _copy_attributes(source: Path, temp: str) -> None:
    """Extended attributes, POSIX ACLs among them (how a shared folder lets a colleague write
    a file), carried over to the replacement; where the platform has them."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            os.setxattr(temp, name, os.getxattr(source, name))


def _user() -> tuple[int, int] | None:
    """This process's user and group, where files have owners (not on Windows)."""
    if not hasattr(os, "geteuid"):
        return None
    return os.geteuid(), os.getegid()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
