"""Pausing Python's cyclic garbage collector while a tree is built.

Building a report allocates tens of thousands of small objects and frees
none of them, so every generation-0 collection during the build scans
objects that are all alive; with many reports kept in memory, the full
collections that follow scan all of them again.  The trees hold no reference
cycles, so pausing collection while one is built loses nothing and saves
about a third of the time of parsing a batch (benchmarks/bench_parse.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable automatic garbage collection inside the block, if it was enabled.

    >>> import gc
    >>> with paused_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
