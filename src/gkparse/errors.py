"""Exceptions the library raises for input it cannot use.

Each carries the file it is about and a one-line message a person can act
on; the CLI turns them into one stderr line and exit code 2.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MB = 1024 * 1024


class GkparseError(Exception):
    """Base class: an input that cannot be used."""

    def __init__(self, path: str | Path | None, message: str, *, line: int | None = None,
                 task: str | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.message = message
        self.line = line
        self.task = task
        super().__init__(self.describe())

    def describe(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        from gkparse.i18n import _

        task = _(" (task {task})").format(task=self.task) if self.task else ""
        # One line, always: some library messages (PyYAML's, lxml's) span several.
        message = " ".join(part.strip() for part in self.message.splitlines() if part.strip())
        return f"{where}: {message}{task}"


class DocumentError(GkparseError):
    """The notice file is not a readable .docx (or JSON from extract)."""


class StatusFileError(GkparseError):
    """The status YAML file is missing, malformed or breaks the schema."""


# Every file read from the user's paths, as (device, inode): an output path that names one
# of them, by whatever name or link, is refused (output.write_result).
FILES_READ: set[tuple[int, int]] = set()


def read_input(path: Path, error: type[GkparseError], kind: str,
               max_bytes: int | None = None) -> bytes:
    """Read a file the user gave, turning OS errors into one-line ``error``s.

    ``kind`` names what the file should be ("a .docx file", "a status file").
    The cap holds while reading, so a pipe or a device (``/dev/zero``) that
    reports no size is refused like a large file.
    """
    try:
        with open(path, "rb") as stream:
            info = os.fstat(stream.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if max_bytes is not None and stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                raise error(path, f"the file is {info.st_size // MB} MB; the limit for {kind} "
                                  f"is {max_bytes // MB} MB")
            data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
            if max_bytes is not None and len(data) > max_bytes:
                raise error(path, f"more than {max_bytes // MB} MB; the limit for {kind} is "
                                  f"{max_bytes // MB} MB")
            FILES_READ.add((info.st_dev, info.st_ino))
            return data
    except FileNotFoundError:
        raise error(path, "no such file") from None
    except IsADirectoryError:
        raise error(path, f"is a directory, not {kind}") from None
    except PermissionError:
        raise error(path, "permission denied") from None
    except OSError as exc:
        raise error(path, f"cannot be read: {exc.strerror or exc}") from None
