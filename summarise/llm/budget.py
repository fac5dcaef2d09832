"""One rate-limit budget shared by every worker of a run, so that a 429 slows them all at once.

Three things, all behind one lock:

- a pause: after a 429 with `retry-after`, or a response saying no requests or tokens remain
  (`x-ratelimit-remaining-requests/-tokens: 0` with their `x-ratelimit-reset-*`), no worker
  sends until the pause ends; the worker that got the 429 waits it out in the transport's
  retry, the others here;
- an in-flight limit that adapts: it starts at the run's concurrency, drops after a 429 to the
  number of requests still in flight (what the server was admitting), and climbs back by one
  after a long run of successes, so a server that admits 8 at a time sees about 8;
- counters for the progress bar: requests sent and 429s received.

With `--jobs N` the workers are threads of N forked processes: `share()`, called before the
fork, moves the state into shared memory behind a process lock, so the processes keep one
pause, one in-flight limit and one set of counters.

The requests- and tokens-per-minute caps of summarise.toml are `RateLimiter`'s, in transport.
"""

from __future__ import annotations

import multiprocessing
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, MutableSequence
from contextlib import contextmanager
from typing import Any

import openai

Clock = Callable[[], float]
RetryAfter = Callable[[BaseException], float | None]

# Successes, per unit of the current limit, before the limit is raised by one again.
PROBE_AFTER = 8
RESET = re.compile(
    r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?"
    r"(?:(\d+(?:\.\d+)?)ms)?$"
)


def reset_seconds(value: str | None) -> float | None:
    """OpenAI's `x-ratelimit-reset-*` durations ("1s", "6m0s", "250ms", "1h2m3.5s")."""
    if not value:
        return None
    match = RESET.match(value.strip())
    if match is None or not any(match.groups()):
        try:
            return max(float(value), 0.0)
        except ValueError:
            return None
    h, m, s, ms = (float(g) if g else 0.0 for g in match.groups())
    return h * 3600 + m * 60 + s + ms / 1000


def _field(index: int, kind: Callable[[float], Any] = int) -> Any:
    """One number of the budget's state, read and written in `_v` (a list, or shared memory)."""

    def read(self: Budget) -> Any:
        return kind(self._v[index])

    def write(self: Budget, value: float) -> None:
        self._v[index] = value

    return property(read, write)


class Budget:
    """The shared pause and in-flight limit; `slot()` wraps every request a worker sends."""

    def __init__(
        self,
        concurrency: int,
        retry_after: RetryAfter = lambda _: None,
        clock: Clock = time.monotonic,
    ) -> None:
        self.retry_after = retry_after
        self.ceiling = max(1, concurrency)
        self._clock = clock
        # limit, in_flight, requests, rate_limited, paused_until, pause_id, successes
        self._v: MutableSequence[float] = [float(self.ceiling), 0, 0, 0, 0.0, 0, 0]
        self._cond: Any = threading.Condition()
        self._local = threading.local()

    def share(self) -> None:
        """Before forking workers: the state into shared memory, behind one process lock."""
        context = multiprocessing.get_context("fork")
        with self._cond:
            values = context.RawArray("d", list(self._v))
        self._v, self._cond = values, context.Condition()

    limit = _field(0)
    in_flight = _field(1)
    requests = _field(2)
    rate_limited = _field(3)
    _paused_until = _field(4, float)
    _pause_id = _field(5)
    _successes = _field(6)

    @property
    def paused_until(self) -> float:
        """When the current pause ends, on the budget's clock (0 when there has been none)."""
        return float(self._paused_until)

    def pause(self, seconds: float, *, own: bool = False) -> None:
        """No worker sends for `seconds`; `own`: the calling worker waits it out elsewhere."""
        with self._cond:
            until = self._clock() + seconds
            if until > self._paused_until:
                self._paused_until = until
                self._pause_id += 1
            if own:
                self._local.seen = self._pause_id

    def _wait_turn(self) -> None:
        with self._cond:
            while True:
                wait = self._paused_until - self._clock()
                if wait > 0 and getattr(self._local, "seen", -1) != self._pause_id:
                    self._cond.wait(wait)
                    continue
                if self.in_flight < self.limit:
                    self.in_flight += 1
                    self.requests += 1
                    return
                self._cond.wait(1.0)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one of the in-flight places for one request; learn from how it ended."""
        self._wait_turn()
        try:
            yield
        except openai.APIStatusError as exc:
            if exc.status_code == 429:
                self._rate_limited(exc)
            raise
        else:
            self._succeeded()
        finally:
            with self._cond:
                self.in_flight -= 1
                self._cond.notify_all()

    def _rate_limited(self, exc: openai.APIStatusError) -> None:
        with self._cond:
            self.rate_limited += 1
            # The others still in flight are what the server is admitting right now.
            self.limit = max(1, min(self.limit, self.in_flight - 1))
            self._successes = 0
        asked = self.retry_after(exc)
        if asked:
            self.pause(asked, own=True)

    def _succeeded(self) -> None:
        with self._cond:
            self._successes += 1
            if self.limit < self.ceiling and self._successes >= PROBE_AFTER * self.limit:
                self.limit += 1
                self._successes = 0
                self._cond.notify_all()

    def observe(self, headers: Mapping[str, str]) -> None:
        """Pause everyone when the server says nothing remains until its reset."""
        for kind in ("requests", "tokens"):
            if headers.get(f"x-ratelimit-remaining-{kind}", "").strip() == "0":
                wait = reset_seconds(headers.get(f"x-ratelimit-reset-{kind}"))
                if wait:
                    self.pause(wait)
