"""gkparse: task-breakdown notices (.docx) into validated task records, tracked against YAML.

The library is usable without the CLI::

    >>> import gkparse
    >>> notice = gkparse.parse_notice("samples/notice.docx")   # doctest: +SKIP
    >>> report = gkparse.check("samples/status.yaml")          # doctest: +SKIP

The layers are folders (docs/architecture.md draws them): ``readers`` turn each format into
one stream of blocks, ``ooxml`` reads Office Open XML for them, ``notice`` turns blocks into
records with the ``grammar`` modules, ``tracking`` reads, edits and checks the status file,
``office`` writes and reads the ledger and the report, ``formats`` renders results, ``lint``
checks a notice's layout, and ``cli`` only wires them.

Names are imported lazily so that ``gkparse --version`` does not pay for lxml
or pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from gkparse.models import Notice, Task
    from gkparse.notice.parser import parse_notice
    from gkparse.tracking.checker import check

__all__ = ["Notice", "Task", "__version__", "check", "parse_notice"]

_LAZY = {
    "parse_notice": "gkparse.notice.parser",
    "check": "gkparse.tracking.checker",
    "Notice": "gkparse.models",
    "Task": "gkparse.models",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gkparse' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
