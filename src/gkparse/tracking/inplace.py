"""Rewriting a file people edit by hand (the status file), so that nothing they wrote is lost.

``open_for_edit`` takes an advisory lock on the file (a second gkparse waits
its turn instead of losing the first one's change), reads it, and hands back
an ``EditedFile``; ``EditedFile.replace`` writes the new text only if the file
on disk is still what was read (an editor may have saved it meanwhile), into
the file a link points at, with its mode and owner, through a temporary file
and a rename. Files gkparse cannot rewrite without damage are refused before
anything is written: read-only, hard-linked, not a regular file.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "status.yaml").write_text("tasks:\\n", encoding="utf-8")
7
>>> with open_for_edit(folder / "status.yaml", max_bytes=1024) as edited:
...     edited.replace(edited.data + b"  '1.1': done\\n")
>>> (folder / "status.yaml").read_text(encoding="utf-8")
"tasks:\\n  '1.1': done\\n"
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from gkparse.errors import StatusFileError
from gkparse.i18n import _
from gkparse.inputs import read_input
from gkparse.output import OutputError, replace_file, temp_prefix

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, the unchanged-check stays
    fcntl = None  # type: ignore[assignment]

LOCK_WAIT_SECONDS = 60.0


@dataclass
class EditedFile:
    """A file read under a lock; ``data`` is its content as read."""

    path: Path  # as the user named it, for messages
    target: Path  # the regular file behind any symbolic links
    data: bytes

    def replace(self, payload: bytes) -> None:
        """Write ``payload`` in place of the file, unless it changed since it was read."""
        self._unchanged()
        try:
            # Checked again once the new text is on disk, right before the rename: an editor's
            # save in between would otherwise be replaced.
            replace_file(self.target, payload, shown=self.path, before_rename=self._unchanged)
        except OutputError as exc:
            raise StatusFileError(self.path, exc.message) from None

    def _unchanged(self) -> None:
        try:
            now = self.target.read_bytes()
        except OSError as exc:
            raise StatusFileError(self.path, _("cannot be read again before writing: {error}; "
                                               "nothing was written").format(
                                                   error=exc.strerror or exc)) from None
        if now != self.data:
            raise StatusFileError(self.path, _("changed on disk while gkparse was working "
                                               "(saved in an editor?); nothing was written, run "
                                               "it again"))


def _refuse_unsafe(path: Path, target: Path) -> os.stat_result:
    try:
        info = target.stat()
    except FileNotFoundError:
        raise StatusFileError(path, _("no such file")) from None
    except OSError as exc:
        raise StatusFileError(path, _("cannot be read: {error}").format(
            error=exc.strerror or exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise StatusFileError(path, _("is not a regular file; gkparse updates status files "
                                      "only"))
    if info.st_mode & 0o222 == 0 or not os.access(target, os.W_OK):
        raise StatusFileError(path, _("is read-only; nothing was written (make it writable "
                                      "to update it)"))
    if info.st_nlink > 1:
        raise StatusFileError(path, _("has {links} hard links; gkparse replaces a file whole, "
                                      "which would split them (copy it to a file of its own "
                                      "first)").format(links=info.st_nlink))
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise StatusFileError(path, _("the folder {folder} is not writable; nothing was "
                                      "written").format(folder=target.parent))
    return info


def _lock(path: Path, target: Path, wait: float) -> int:
    """A descriptor holding an exclusive lock on the file that ``target`` is now."""
    deadline = time.monotonic() + wait
    while True:
        descriptor = os.open(target, os.O_RDONLY)
        try:
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise StatusFileError(path, _(
                            "another gkparse has been updating it for {seconds:.0f} s; try again "
                            "later").format(seconds=wait)) from None
                    time.sleep(0.05)
            # The holder before us may have replaced the file: lock the new one instead.
            if os.fstat(descriptor).st_ino == target.stat().st_ino:
                return descriptor
        except BaseException:
            os.close(descriptor)
            raise
        os.close(descriptor)


def _remove_leftovers(target: Path) -> None:
    """Temporary files of an earlier write that was killed: whoever writes holds the lock, so
    under the lock any that remain are stale."""
    for leftover in target.parent.glob(f"{glob.escape(temp_prefix(target))}*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


@contextlib.contextmanager
def open_for_edit(path: str | Path, *, max_bytes: int,
                  wait: float = LOCK_WAIT_SECONDS) -> Iterator[EditedFile]:
    """Lock and read the file at ``path`` for an in-place update (see the module's text)."""
    path = Path(path)
    target = Path(os.path.realpath(path))
    _refuse_unsafe(path, target)
    descriptor = _lock(path, target, wait) if fcntl is not None else None
    try:
        _remove_leftovers(target)
        yield EditedFile(path, target, read_input(target, StatusFileError, "a status file",
                                                  max_bytes))
    finally:
        if descriptor is not None:
            os.close(descriptor)
