"""gkparse: task-breakdown notices (.docx) into validated task records, tracked against YAML.

The library is usable without the CLI::

    >>> import gkparse
    >>> notice = gkparse.parse_notice("samples/notice.docx")   # doctest: +SKIP
    >>> report = gkparse.check("samples/status.yaml")          # doctest: +SKIP

Names are imported lazily so that ``gkparse --version`` does not pay for lxml
or pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from gkparse.models import Notice, Task
    from gkparse.parser import parse_notice

__all__ = ["Notice", "Task", "__version__", "parse_notice"]

_LAZY = {
    "parse_notice": "gkparse.parser",
    "Notice": "gkparse.models",
    "Task": "gkparse.models",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gkparse' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
