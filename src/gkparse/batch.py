"""Many notices at once: expand folders, parse in worker processes, keep the input order.

>>> from pathlib import Path
>>> [r.notice.notice.doc_number for r in parse_many([Path("samples/notice.docx")], jobs=1)]
['济高新管办字〔2025〕8号']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gkparse.errors import DocumentError, GkparseError
from gkparse.gcpause import without_cyclic_gc
from gkparse.inputs import read_input
from gkparse.limits import DEFAULT_LIMITS, Limits
from gkparse.models import Notice
from gkparse.notice.parser import parse_notice
from gkparse.readers.sniff import CONVERTED_FORMATS

if TYPE_CHECKING:  # a --unit view loads the roster when it runs
    from gkparse.tracking.roster import Roster


@dataclass
class BatchResult:
    """One input's outcome: a notice, or the one-line reason it could not be read."""

    path: Path
    notice: Notice | None = None  # None when rendered: only the output comes back
    output: bytes | None = None  # the rendered notice, UTF-8
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    traceback: str | None = None  # only when asked for (``--debug``)

    @property
    def ok(self) -> bool:
        return self.error is None


def expand_inputs(paths: Iterable[Path], suffixes: Iterable[str] | None = None) -> list[Path]:
    """Files as given; folders replaced by the notice files under them, sorted: those named
    with ``suffixes`` (lower case), by default every format gkparse reads (.docx, .doc, .wps,
    .rtf, .odt, .xlsx, .xls, .et, .ods, .html, .htm, .pdf).

    Word's and WPS's lock files (``~$name.docx``, ``.~name.docx``) are skipped, and so is
    the folder of parts saved beside a web page (``page_files/``).
    """
    from gkparse.readers.sniff import NOTICE_SUFFIXES

    wanted = NOTICE_SUFFIXES if suffixes is None else frozenset(suffixes)
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*")
                              if p.suffix.lower() in wanted and p.is_file()
                              and not p.name.startswith(("~$", ".~"))
                              and not _in_saved_page_folder(p, path)))
        else:
            out.append(path)
    return out


def _in_saved_page_folder(path: Path, top: Path) -> bool:
    """Whether ``path`` is inside the folder a browser or Word saves beside a web page
    (``page.html`` with ``page_files/`` or ``page.files/``): its frames and parts are not
    notices of their own."""
    for folder in path.relative_to(top).parents:
        name = folder.name
        for ending in ("_files", ".files"):
            if name.endswith(ending) and any(
                    (top / folder.parent / (name[: -len(ending)] + suffix)).is_file()
                    for suffix in (".html", ".htm")):
                return True
    return False


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_Item = tuple[Path, Path | None, str | None]
"""An input, the .docx LibreOffice made of it (a .doc, .wps, .rtf or .odt in a batch), and
why LibreOffice could not convert it."""


def _parse_one(item: _Item, year: int | None, limits: Limits, debug: bool,
               render: Callable[[Notice], bytes] | None, unit: str | None = None,
               roster: Roster | None = None, strict: bool = True) -> BatchResult:
    # Runs in a worker: errors come back as text, since exceptions with keyword
    # arguments do not survive pickling intact.
    path, converted, not_converted = item
    if not_converted is not None:
        return BatchResult(path, error=DocumentError(path, not_converted).describe())
    try:
        notice = parse_notice(path, year=year, limits=limits, converted=converted)
        if unit is not None:
            from gkparse.tracking.roster import for_unit

            notice = for_unit(notice, unit, roster, strict=strict)
        if render is None:
            return BatchResult(path, notice=notice, warnings=notice.warnings)
        with without_cyclic_gc():  # rendering makes an object or two per task, none in cycles
            output = render(notice)
        return BatchResult(path, output=output, warnings=notice.warnings)
    except Exception as exc:  # a bug too: report it against this file, keep the others going
        error = (exc.describe() if isinstance(exc, GkparseError)
                 else f"{path}: internal error: {type(exc).__name__}: {exc} (run with --debug "
                      "for the traceback)")
        return BatchResult(path, error=error, traceback=_format_exc() if debug else None)


def _format_exc() -> str:
    import traceback  # only when --debug asks for it

    return traceback.format_exc()


def parse_many(paths: list[Path], *, jobs: int | None = None, year: int | None = None,
               limits: Limits = DEFAULT_LIMITS, debug: bool = False,
               render: Callable[[Notice], bytes] | None = None, unit: str | None = None,
               roster: Roster | None = None,
               on_done: Callable[[BatchResult], None] | None = None) -> Iterator[BatchResult]:
    """Parse ``paths`` with ``jobs`` worker processes (default: one per core), in input order.

    ``render`` turns each notice into UTF-8 text inside the worker (a module-level
    function, so it can be sent there); the results then carry that text as
    ``output`` instead of the notice, which is far cheaper to send back. ``on_done`` is
    called as each result arrives, for a progress display; ``debug`` keeps
    each failure's traceback as text; ``unit`` keeps that unit's tasks (``roster.for_unit``).
    """
    jobs = max(1, jobs or default_jobs())
    strict = len(paths) < 2  # a unit one notice of a batch does not name, another may
    with _converted_together(paths, limits) as (docx, failed):
        items = [(path, docx.get(path), failed.get(path)) for path in paths]
        yield from _parse_items(items, jobs, year, limits, debug, render, unit, roster, strict,
                                on_done)


@contextmanager
def _converted_together(paths: list[Path], limits: Limits
                        ) -> Iterator[tuple[dict[Path, Path], dict[Path, str]]]:
    """The .doc, .wps, .rtf and .odt files among ``paths`` converted to .docx in one
    LibreOffice run (starting it costs seconds): the .docx of each, and why LibreOffice could
    not convert the others. Without LibreOffice, or with one such file only, each is
    converted (or refused) on its own as it is parsed."""
    from gkparse.readers.sniff import detect_format, needs_conversion

    legacy = []
    for path in paths:
        if not needs_conversion(path):
            continue
        try:
            data = read_input(path, DocumentError, "a notice file", limits.max_file_bytes)
            legacy.append((path, data, detect_format(path, data)))
        except DocumentError:
            continue  # parsing it on its own says what is wrong
    legacy = [item for item in legacy if item[2] in CONVERTED_FORMATS]
    if len(legacy) < 2:
        yield {}, {}
        return
    from gkparse.readers.libreoffice import converted_to_docx, find_soffice

    if find_soffice() is None:
        yield {}, {}
        return
    with converted_to_docx(legacy, limits) as conversions:
        yield conversions.docx, conversions.failed


def _parse_items(items: list[_Item], jobs: int, year: int | None, limits: Limits, debug: bool,
                 render: Callable[[Notice], bytes] | None, unit: str | None,
                 roster: Roster | None, strict: bool,
                 on_done: Callable[[BatchResult], None] | None) -> Iterator[BatchResult]:
    if jobs == 1 or len(items) < 2:
        for item in items:
            result = _parse_one(item, year, limits, debug, render, unit, roster, strict)
            if on_done:
                on_done(result)
            yield result
        return
    from functools import partial
    from multiprocessing import Pool  # imported here: a single file never needs it

    # Small chunks keep every worker busy to the end; imap keeps the input order.
    chunk = max(1, min(32, len(items) // (jobs * 8)))
    work = partial(_parse_one, year=year, limits=limits, debug=debug, render=render, unit=unit,
                   roster=roster, strict=strict)
    with Pool(processes=min(jobs, len(items))) as pool:
        for result in pool.imap(work, items, chunksize=chunk):
            if on_done:
                on_done(result)
            yield result
