"""Pausing Python's cyclic garbage collector while a large input is turned into objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are built.

    A big table or status file makes hundreds of thousands of small objects,
    none in cycles, and the collector would walk all of them again and again
    (a third of the time at 20,000 rows, and growing faster than the input).
    The previous state is restored, whatever happens.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
