"""A process pool for the CPU-bound parts of a run (offline extraction, rendering): `--jobs N`.

Workers are forked, so they share the parent's state as it was at the fork: the task list, the
extractor, the briefings. Only an index goes to a worker and only its small result comes back,
so nothing large is pickled. Results come back in input order, so what is written, and the
order of run.json, is the same as with one process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# The (function, items) a forked worker reads by index; set in the parent just before the fork.
_shared: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def default_jobs() -> int:
    """The cores this process may run on (the default for `--jobs`)."""
    return max(1, len(os.sched_getaffinity(0)))


def _call(index: int) -> Any:
    assert _shared is not None, "worker started without its task list"
    fn, items = _shared
    return fn(items[index])


def _chunksize(n: int, jobs: int) -> int:
    """Enough tasks per message to keep IPC cheap, few enough to keep the workers balanced."""
    return max(1, min(32, n // (jobs * 8)))


def map_ordered(fn: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """`fn` over `items` in `jobs` forked processes (in this one when jobs is 1), in order.

    `fn` runs in the worker with the parent's memory as at the fork, so it may close over
    anything; its result must pickle.
    """
    if jobs <= 1 or len(items) < 2:
        yield from (fn(item) for item in items)
        return
    global _shared
    _shared = (fn, items)
    try:
        context = multiprocessing.get_context("fork")
        workers = min(jobs, len(items))
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            yield from pool.map(_call, range(len(items)), chunksize=_chunksize(len(items), jobs))
    finally:
        _shared = None
