from __future__ import annotations

import random
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpx2
import openai
import pytest

from summarise.llm.transport import (
    RateLimiter,
    Transport,
    is_transient,
    retry_after_seconds,
)

URL = "http://llm.invalid/v1/chat/completions"


def status_error(
    code: int, headers: dict[str, str] | None = None, body: Any = None
) -> openai.APIStatusError:
    request = httpx2.Request("POST", URL)
    response = httpx2.Response(code, headers=headers or {}, request=request)
    cls: type[openai.APIStatusError] = {
        429: openai.RateLimitError,
        400: openai.BadRequestError,
        500: openai.InternalServerError,
    }.get(code, openai.APIStatusError)
    return cls(f"HTTP {code}", response=response, body=body)


def test_transient_errors_are_429_5xx_timeouts_and_connection_errors() -> None:
    request = httpx2.Request("POST", URL)
    assert is_transient(status_error(429))
    assert is_transient(status_error(500)) and is_transient(status_error(503))
    assert is_transient(openai.APITimeoutError(request=request))
    assert is_transient(openai.APIConnectionError(request=request))
    assert not is_transient(status_error(400))
    assert not is_transient(status_error(401))
    assert not is_transient(ValueError("validation is the re-ask layer's job"))
    quota = status_error(429, body={"error": {"code": "insufficient_quota"}})
    assert not is_transient(quota)


def test_retry_after_forms() -> None:
    assert retry_after_seconds(status_error(429, {"retry-after": "7"})) == 7.0
    assert retry_after_seconds(status_error(429, {"retry-after-ms": "1500"})) == 1.5
    now = datetime(2025, 1, 1, tzinfo=UTC)
    date = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert (
        retry_after_seconds(status_error(503, {"retry-after": date}), now=now.timestamp()) == 30.0
    )
    assert retry_after_seconds(status_error(429)) is None
    assert retry_after_seconds(ValueError()) is None


class Flaky:
    """A create() that fails with the given errors, then answers."""

    def __init__(self, errors: list[BaseException]) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self, **kwargs: Any) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "completion"


def test_retry_after_is_honoured_and_capped() -> None:
    slept: list[float] = []
    t = Transport(max_retries=3, backoff_max_s=60.0, sleep=slept.append)
    create = Flaky(
        [status_error(429, {"retry-after": "7"}), status_error(429, {"retry-after": "600"})]
    )
    with t.track() as log:
        assert t.wrap(create)(messages=[]) == "completion"
    assert slept == [7.0, 60.0]
    assert create.calls == 3 and log.requests == 3 and log.completions == ["completion"]
    assert len(log.transport_errors) == 2 and "RateLimitError" in log.transport_errors[0]


def test_exponential_backoff_with_jitter_is_capped() -> None:
    slept: list[float] = []
    t = Transport(
        max_retries=6,
        backoff_initial_s=1.0,
        backoff_max_s=8.0,
        sleep=slept.append,
        rng=random.Random(1),
    )
    t.wrap(Flaky([status_error(500)] * 6))(messages=[])
    ceilings = [1, 2, 4, 8, 8, 8]
    assert len(slept) == 6
    assert all(0 <= s <= c for s, c in zip(slept, ceilings, strict=True))


def test_gives_up_after_max_retries_with_the_original_error() -> None:
    slept: list[float] = []
    t = Transport(max_retries=2, sleep=slept.append)
    create = Flaky([status_error(503)] * 5)
    with pytest.raises(openai.APIStatusError, match="503"):
        t.wrap(create)(messages=[])
    assert create.calls == 3 and len(slept) == 2


def test_non_transient_errors_are_not_retried() -> None:
    slept: list[float] = []
    create = Flaky([status_error(400)])
    with pytest.raises(openai.BadRequestError):
        Transport(sleep=slept.append).wrap(create)(messages=[])
    assert create.calls == 1 and slept == []


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.lock = threading.Lock()

    def __call__(self) -> float:
        return self.now

    def sleep(self, s: float) -> None:
        with self.lock:
            self.now += s


def test_rate_limiter_requests_per_minute() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2, None, clock=clock, sleep=clock.sleep)
    assert limiter.acquire(10) == 0.0
    assert limiter.acquire(10) == 0.0
    assert limiter.acquire(10) == pytest.approx(60.0)  # waits for the window to roll
    assert clock.now == pytest.approx(60.0)


def test_rate_limiter_tokens_per_minute() -> None:
    clock = FakeClock()
    limiter = RateLimiter(None, 1000, clock=clock, sleep=clock.sleep)
    limiter.acquire(600)
    clock.now = 10.0
    assert limiter.acquire(600) == pytest.approx(50.0)
    # a single request larger than the budget still goes once the window is empty
    clock.now = 200.0
    assert limiter.acquire(5000) == 0.0


def test_rate_limiter_is_shared_by_threads() -> None:
    clock = FakeClock()
    limiter = RateLimiter(5, None, clock=clock, sleep=clock.sleep)
    threads = [threading.Thread(target=limiter.acquire, args=(1,)) for _ in range(12)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    # 12 requests at 5 a minute need at least two full windows of waiting
    assert clock.now >= 120.0
