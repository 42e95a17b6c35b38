"""Pausing Python's cyclic garbage collector while a tree is built.

Building a report allocates tens of thousands of small objects and frees
none of them, so every generation-0 collection during the build scans
objects that are all alive; with many reports kept in memory, the full
collections that follow scan all of them again.  The trees hold no reference
cycles, so pausing collection while one is built loses nothing and saves
about a third of the time of parsing a batch (benchmarks/bench_parse.py).
When the block ends, the young generation is collected once, as the
collector would have done at the next allocation.

Parsing, the extraction of facts and validation all run paused: none of them
leaves a reference cycle behind (tests/test_gc.py checks it), so reference
counting frees everything they discard.  The older generations are then
collected when the caller's own code allocates, not in the middle of our
work, where a full collection would walk every report the caller keeps only
to find nothing to free (a third of the pipeline's time on a batch of 1,000
kept reports, benchmarks/bench_parse.py).
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
            # The young generation is now full of what the block built: collect it here, as the
            # collector would at the next allocation, so that its cost lands on the block (the
            # parse, the extraction) and not on whatever the caller does next.
            if gc.get_count()[0] > gc.get_threshold()[0]:
                gc.collect(0)
