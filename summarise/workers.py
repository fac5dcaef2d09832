"""A process pool for the CPU-bound parts of a run (offline extraction, rendering): `--jobs N`.

Workers are forked, so they share the parent's state as it was at the fork: the task list, the
extractor, the briefings. Only an index goes to a worker and only its small result comes back,
so nothing large is pickled. Results come back in input order, so what is written, and the
order of run.json, is the same as with one process.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import queue
import signal
import sys
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends
T = TypeVar("T")
R = TypeVar("R")

# The (function, items) a forked worker reads by index; set in the parent just before the fork.
_shared: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def default_jobs() -> int:
    """The cores this process may run on (the default for `--jobs`)."""
    return max(1, len(os.sched_getaffinity(0)))


def _follow_parent(parent: int) -> None:
    """In each worker: end when the parent does. A parent killed outright (SIGKILL) cannot shut
    its pool down, and its workers would wait for tasks for ever."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


def _pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_follow_parent,
        initargs=(os.getpid(),),
    )


def _call(index: int) -> Any:
    assert _shared is not None, "worker started without its task list"
    fn, items = _shared
    return fn(items[index])


def _chunksize(n: int, jobs: int) -> int:
    """Enough tasks per message to keep IPC cheap, few enough to keep the workers balanced."""
    return max(1, min(32, n // (jobs * 8)))


def map_ordered(fn: Callable[[T], R], items: Sequence[T], jobs: int) -> Generator[R, None, None]:
    """`fn` over `items` in `jobs` forked processes (in this one when jobs is 1), in order.

    `fn` runs in the worker with the parent's memory as at the fork, so it may close over
    anything; its result must pickle. Closed early (Ctrl-C, an error), it cancels the tasks
    not yet started and does not wait for the ones running.
    """
    if jobs <= 1 or len(items) < 2:
        yield from (fn(item) for item in items)
        return
    global _shared
    _shared = (fn, items)
    try:
        pool = _pool(min(jobs, len(items)))
        finished = False
        try:
            yield from pool.map(_call, range(len(items)), chunksize=_chunksize(len(items), jobs))
            finished = True
        finally:
            pool.shutdown(wait=finished, cancel_futures=not finished)
    finally:
        _shared = None


# The function a forked worker of `process_pool` calls; set in the parent before any fork.
_one: Callable[[Any], Any] | None = None


def _call_one(item: Any) -> Any:
    assert _one is not None, "worker started without its function"
    return _one(item)


@contextmanager
def process_pool(fn: Callable[[T], R], jobs: int) -> Iterator[Callable[[T], Future[R]]]:
    """A `submit(item)` that runs `fn(item)` in one of `jobs` forked processes.

    For work handed out one item at a time (the store's ingest); `item` and the result must
    pickle, `fn` need not. Left early (Ctrl-C, an error), the pool cancels the tasks not yet
    started and does not wait for the ones running.
    """
    global _one
    _one = fn
    pool = _pool(jobs)
    finished = False
    try:
        yield lambda item: pool.submit(_call_one, item)
        finished = True
    finally:
        pool.shutdown(wait=finished, cancel_futures=not finished)
        _one = None


def _shard(k: int, jobs: int, threads: int, results: Any) -> None:
    """In worker k: items k, k + jobs, ... on `threads` threads, each result sent when done."""
    assert _shared is not None, "worker started without its task list"
    fn, items = _shared

    def one(index: int) -> None:
        try:
            results.put((index, True, fn(items[index])))
        except Exception as exc:  # noqa: BLE001 - raised again in the parent
            results.put((index, False, RuntimeError(f"{type(exc).__name__}: {exc}")))

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, range(k, len(items), jobs)))


def map_threaded(
    fn: Callable[[T], R], items: Sequence[T], jobs: int, threads: int
) -> Generator[R, None, None]:
    """`fn` over `items` in `jobs` forked processes of `threads` threads each, in input order.

    For work that waits on a server yet spends CPU between the waits (the LLM backend): under
    the GIL one process cannot use a second core. Worker k takes items k, k + jobs, ...; each
    result comes back as soon as it is done and is yielded in input order, so what is written
    and run.json's order are as with one process. State the workers share (the rate-limit
    budget) must be made shareable before this is called. Closed early (Ctrl-C, an error), it
    stops the workers.
    """
    global _shared
    context = multiprocessing.get_context("fork")
    results: Any = context.Queue()
    _shared = (fn, items)
    gc.freeze()  # the workers' collector leaves the parent's objects (and their pages) alone
    try:
        workers = [
            context.Process(target=_shard, args=(k, jobs, threads, results), daemon=True)
            for k in range(max(1, min(jobs, len(items))))
        ]
        for worker in workers:
            worker.start()
    finally:
        _shared = None
        gc.unfreeze()
    finished = False
    try:
        done: dict[int, tuple[bool, Any]] = {}
        for index in range(len(items)):
            while index not in done:
                try:
                    i, ok, value = results.get(timeout=1.0)
                except queue.Empty:
                    if not any(w.is_alive() for w in workers) and results.empty():
                        raise RuntimeError("a worker process ended without its results") from None
                    continue
                done[i] = (ok, value)
            ok, value = done.pop(index)
            if not ok:
                raise value
            yield value
        finished = True
    finally:
        for worker in workers:
            if not finished:
                worker.terminate()
            worker.join()
