"""What every output format is: a function of the data a command produced and the options the
user gave, returning the text (or, for a Word document, the bytes) to write.

pip-audit's ``_format`` is the model: one small interface every formatter implements, and a
registry (``gkparse.output_formats``) that maps each command's format names to them. This
module is below every renderer (``formats/``, ``office/``) so each can say it implements the
interface without importing the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TypeVar

Data = TypeVar("Data", contravariant=True)


@dataclass(frozen=True)
class RenderOptions:
    """What a command tells its formatter besides the data; each format reads only its own."""

    color: bool = False  # the terminal formats (table, tree): colour, as stdout is a terminal
    fail_on: str = "error"  # check and lint: the severity at which a JUnit testcase fails
    unit: str | None = None  # report: the unit the report was filtered to, named in its heading
    to: str | None = None  # report -f docx: the addressee (主送机关)
    sender: str | None = None  # report -f docx: the signatory (署名)


class Formatter(Protocol[Data]):
    """One output format: ``formatter(data, options)`` is the whole output."""

    def __call__(self, data: Data, options: RenderOptions, /) -> str | bytes: ...
