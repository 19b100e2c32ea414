"""Python's cyclic garbage collector while a server process starts.

Starting the server makes objects by the hundred thousand (modules, classes, pydantic validators,
routes) and next to no garbage. Every full collection during the start visits all of them, and the
first one after it falls on the first request: about 0.1 s of CPU each on the development machine
(``tests/benchmarks/bench_sandbox.py``). So the command line runs with the collector paused; a server,
once built, freezes what it holds (taking it out of every later collection, as the desktop app does
with its own) and collects again from then on. The other commands are short and make little cyclic
garbage (seeding 30,000 contacts with the collector paused kept about 1 MB more).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No collection inside the block, unless :func:`resume` is called in it; the collector's state
    is restored after it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def resume() -> None:
    """Freeze what the process holds and collect again from here on.

    No collection first: it would cost the first request more than the little garbage it could free.
    """
    gc.freeze()
    gc.enable()
