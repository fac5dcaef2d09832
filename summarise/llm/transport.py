"""The transport layer: the only place that retries 429s, 5xx, timeouts and connection errors.

It wraps the openai client's `chat.completions.create` (the client itself has max_retries=0),
so every HTTP request, first answers and re-asks alike, goes through:

1. a shared rate limiter (requests and tokens per minute, a 60 s sliding window, one per
   extractor and shared by all its threads);
2. a tenacity `Retrying` that retries transient errors only, waiting `Retry-After` when the
   server sends one and otherwise an exponential backoff with full jitter, every wait capped at
   `backoff_max_s`;
3. a per-call log (a ContextVar, so threads never mix) of every request made and every
   completion received, which is how token usage covers *all* attempts, including the ones
   that instructor threw away.

instructor's own re-ask loop (validation and JSON errors) sits above this and never sees a
transient error unless this layer has given up.
"""

from __future__ import annotations

import contextlib
import email.utils
import json
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import openai
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from summarise.llm.budget import Budget
from summarise.llm.usage import UsageMeter, usage_of
from summarise.models import Usage

Sleep = Callable[[float], None]
Clock = Callable[[], float]

RETRYABLE_STATUS = frozenset({408, 409, 429})


def is_transient(exc: BaseException) -> bool:
    """Worth sending again unchanged: rate limits, server errors, timeouts, lost connections."""
    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code == 429 and _error_code(exc) == "insufficient_quota":
            return False  # out of credit: waiting will not help
        return exc.status_code in RETRYABLE_STATUS or exc.status_code >= 500
    return False


def _error_code(exc: openai.APIStatusError) -> str | None:
    body = exc.body
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict) and isinstance(err.get("code"), str):
            return str(err["code"])
    return None


def retry_after_seconds(exc: BaseException | None, now: float | None = None) -> float | None:
    """Seconds the server asked us to wait (retry-after-ms, or Retry-After as seconds or date)."""
    if not isinstance(exc, openai.APIStatusError):
        return None
    headers = exc.response.headers
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(float(ms) / 1000.0, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(when.timestamp() - current, 0.0)


@dataclass
class BackoffWait:
    """tenacity wait: Retry-After when given, else full-jitter exponential; always capped."""

    initial_s: float = 1.0
    max_s: float = 60.0
    rng: random.Random = field(default_factory=random.Random)

    def __call__(self, retry_state: RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        asked = retry_after_seconds(exc)
        if asked is not None:
            return min(asked, self.max_s)
        ceiling = min(self.max_s, self.initial_s * 2 ** (retry_state.attempt_number - 1))
        return self.rng.uniform(0.0, ceiling)


class RateLimiter:
    """Requests- and tokens-per-minute limits over a 60 s sliding window, shared by threads."""

    WINDOW_S = 60.0

    def __init__(
        self,
        requests_per_minute: int | None,
        tokens_per_minute: int | None,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> None:
        self.rpm = requests_per_minute
        self.tpm = tokens_per_minute
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._log: deque[tuple[float, int]] = deque()

    def acquire(self, tokens: int) -> float:
        """Block until one request of `tokens` tokens fits; return the seconds waited."""
        if self.rpm is None and self.tpm is None:
            return 0.0
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                while self._log and now - self._log[0][0] >= self.WINDOW_S:
                    self._log.popleft()
                used = sum(t for _, t in self._log)
                fits_rpm = self.rpm is None or len(self._log) < self.rpm
                # A request bigger than the whole budget still goes, alone in its window.
                fits_tpm = self.tpm is None or not self._log or used + tokens <= self.tpm
                if fits_rpm and fits_tpm:
                    self._log.append((now, tokens))
                    return waited
                delay = max(self._log[0][0] + self.WINDOW_S - now, 0.01)
            self._sleep(delay)
            waited += delay


@dataclass
class CallLog:
    """What one extraction call sent and received (all attempts, all transport retries)."""

    requests: int = 0
    # One entry per request sent: its HTTP status ("200", "429") or "timeout" / "connection".
    statuses: list[str] = field(default_factory=list)
    completions: list[Any] = field(default_factory=list)
    # Snapshots taken on receipt: instructor later overwrites each completion's `usage` with
    # its running total across attempts, so summing completion.usage would double count.
    usages: list[Usage] = field(default_factory=list)
    transport_errors: list[str] = field(default_factory=list)
    waits: list[float] = field(default_factory=list)
    # Answers already in hand (a Batch API result): served, in order, before any request is
    # sent, so instructor validates and re-asks them exactly as it would a live answer. Their
    # usage is the batch's (priced apart), so it is not added to `usages`.
    preset: list[Any] = field(default_factory=list)

    @property
    def usage(self) -> Usage:
        return sum(self.usages, Usage())


def request_status(exc: BaseException | None) -> str:
    """How one request ended, for run.json: its HTTP status, or what kept it from having one."""
    if exc is None:
        return "200"
    if isinstance(exc, openai.APIStatusError):
        return str(exc.status_code)
    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIConnectionError):
        return "connection"
    return type(exc).__name__


_current_log: ContextVar[CallLog | None] = ContextVar("summarise_call_log", default=None)


def estimate_request_tokens(kwargs: dict[str, Any]) -> int:
    """Tokenizer-free estimate (4 characters a token) of a request's prompt plus its output cap."""
    size = len(json.dumps(kwargs.get("messages", []), ensure_ascii=False, default=str))
    size += len(json.dumps(kwargs.get("tools", []), ensure_ascii=False, default=str))
    max_out = kwargs.get("max_tokens") or kwargs.get("max_completion_tokens") or 0
    return size // 4 + int(max_out)


class Transport:
    """Wraps a create function with rate limiting, transient-error retries and call logging."""

    def __init__(
        self,
        max_retries: int = 5,
        backoff_initial_s: float = 1.0,
        backoff_max_s: float = 60.0,
        limiter: RateLimiter | None = None,
        sleep: Sleep = time.sleep,
        rng: random.Random | None = None,
        budget: Budget | None = None,
    ) -> None:
        self.max_retries = max_retries
        self.wait = BackoffWait(backoff_initial_s, backoff_max_s, rng or random.Random())
        self.limiter = limiter or RateLimiter(None, None)
        self.sleep = sleep
        # Shared by every worker: the pause after a 429 and the in-flight limit (llm/budget.py).
        self.budget = budget or Budget(1_000_000, retry_after_seconds)
        self.meter = UsageMeter()  # the run's running total, for the progress bar
        self.processes = 1  # > 1 once shared between forked workers (`share`)

    def share(self, processes: int) -> None:
        """Before forking `processes` workers (`--jobs`): one budget and one usage total for
        them all; the per-minute caps are split evenly, each process keeping its share. Once:
        a second call (the same extractor in another run) changes nothing."""
        if self.processes > 1:
            return
        self.processes = processes
        self.budget.share()
        self.meter.share()
        limiter = self.limiter
        if limiter.rpm is not None:
            limiter.rpm = max(1, limiter.rpm // processes)
        if limiter.tpm is not None:
            limiter.tpm = max(1, limiter.tpm // processes)

    @contextlib.contextmanager
    def track(self) -> Iterator[CallLog]:
        """Log every request made in this context (this thread) into a fresh CallLog."""
        log = CallLog()
        token = _current_log.set(log)
        try:
            yield log
        finally:
            _current_log.reset(token)

    def _before_sleep(self, retry_state: RetryCallState) -> None:
        log = _current_log.get()
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        if log is not None:
            log.transport_errors.append(f"{type(exc).__name__}: {exc}")
            if retry_state.next_action is not None:
                log.waits.append(retry_state.next_action.sleep)

    def wrap(self, create: Callable[..., Any]) -> Callable[..., Any]:
        def send(*args: Any, **kwargs: Any) -> Any:
            log = _current_log.get()
            if log is not None and log.preset:
                answered = log.preset.pop(0)
                log.completions.append(answered)
                return answered
            # serialising the request to count it is only worth it under a token cap
            tokens = estimate_request_tokens(kwargs) if self.limiter.tpm is not None else 0
            retrying = Retrying(
                stop=stop_after_attempt(self.max_retries + 1),
                wait=self.wait,
                retry=retry_if_exception(is_transient),
                sleep=self.sleep,
                before_sleep=self._before_sleep,
                reraise=True,
            )
            for attempt in retrying:
                with attempt:
                    self.limiter.acquire(tokens)
                    if log is not None:
                        log.requests += 1
                    try:
                        with self.budget.slot():
                            completion = create(*args, **kwargs)
                    except Exception as exc:
                        if log is not None:
                            log.statuses.append(request_status(exc))
                        raise
                    used = usage_of(completion)
                    self.meter.add(used)
                    if log is not None:
                        log.statuses.append(request_status(None))
                        log.completions.append(completion)
                        log.usages.append(used)
                    return completion
            raise AssertionError("unreachable: tenacity either returns or reraises")

        return send
