"""Reading the files the user gave: one place that turns OS errors into one-line refusals,
holds every input's byte cap while reading, and remembers what was read so that no output
ever replaces an input (``output.write_result``)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from gkparse.errors import GkparseError

MB = 1024 * 1024


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
