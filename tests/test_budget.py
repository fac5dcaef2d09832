"""The shared rate-limit budget (llm/budget.py) and the progress bar's live spend (progress.py)."""

from __future__ import annotations

import threading
from contextlib import ExitStack
from pathlib import Path

import httpx2
import openai
import pytest
from rich.console import Console

from summarise.llm.budget import Budget, reset_seconds
from summarise.llm.transport import Transport, retry_after_seconds
from summarise.models import Usage
from summarise.progress import SpendColumn, run_progress

URL = "http://standin.invalid/v1/chat/completions"


def rate_limited(headers: dict[str, str]) -> openai.RateLimitError:
    request = httpx2.Request("POST", URL)
    response = httpx2.Response(429, headers=headers, request=request)
    return openai.RateLimitError("rate limited", response=response, body=None)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1s", 1.0), ("6m0s", 360.0), ("250ms", 0.25), ("1h2m3.5s", 3723.5), ("7", 7.0)],
)
def test_reset_durations_are_read(text: str, seconds: float) -> None:
    assert reset_seconds(text) == pytest.approx(seconds)


def test_reset_that_is_not_a_duration_is_ignored() -> None:
    assert reset_seconds("soon") is None
    assert reset_seconds(None) is None


def test_a_429_drops_the_limit_to_what_was_in_flight_and_pauses_everyone() -> None:
    clock = Clock()
    budget = Budget(6, retry_after_seconds, clock=clock)
    with ExitStack() as stack:
        for _ in range(4):
            stack.enter_context(budget.slot())
        with pytest.raises(openai.RateLimitError), budget.slot():
            raise rate_limited({"retry-after": "3"})
        assert budget.limit == 4  # the four still in flight
    assert budget.rate_limited == 1
    assert budget.paused_until == pytest.approx(103.0)


def test_other_workers_wait_out_the_pause_the_429ing_worker_does_not() -> None:
    budget = Budget(4, retry_after_seconds)
    with pytest.raises(openai.RateLimitError), budget.slot():
        raise rate_limited({"retry-after-ms": "300"})
    with budget.slot():  # this worker sleeps in the transport's retry, not here
        pass
    # Another thread must wait for the pause: it finds the budget paused on entry.
    waited = threading.Event()

    def worker() -> None:
        with budget.slot():
            waited.set()

    t = threading.Thread(target=worker)
    t.start()
    assert not waited.wait(0.1)  # still paused after 0.1 s of the 0.3 s
    t.join(timeout=5)
    assert waited.is_set()
    assert budget.requests == 3


def test_the_limit_climbs_back_after_a_run_of_successes() -> None:
    budget = Budget(3, retry_after_seconds)
    with budget.slot(), pytest.raises(openai.RateLimitError), budget.slot():
        raise rate_limited({})
    assert budget.limit == 1
    for _ in range(8):
        with budget.slot():
            pass
    assert budget.limit == 2


def test_no_requests_remaining_pauses_until_the_reset() -> None:
    clock = Clock()
    budget = Budget(4, retry_after_seconds, clock=clock)
    budget.observe({"x-ratelimit-remaining-requests": "5", "x-ratelimit-reset-requests": "9s"})
    assert budget.paused_until == 0.0
    budget.observe({"x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "1.5s"})
    assert budget.paused_until == pytest.approx(101.5)


def test_spend_column_reads_requests_tokens_and_cost_live() -> None:
    transport = Transport()
    with transport.budget.slot():
        transport.meter.add(Usage(prompt_tokens=900, completion_tokens=100, total_tokens=1000))
    column = SpendColumn(transport, lambda u: u.total_tokens / 1e6)
    progress = run_progress(Console(force_terminal=True), transport, lambda u: None)
    task_id = progress.add_task("x", total=2)
    task = next(t for t in progress.tasks if t.id == task_id)
    assert column.render(task).plain == "1 requests · 1000 tokens · $0.0010"


def test_the_bar_is_shown_on_a_terminal_only() -> None:
    assert not run_progress(Console(force_terminal=True), None, lambda u: None).disable
    assert run_progress(Console(force_terminal=False), None, lambda u: None).disable


def test_caps_in_summarise_toml_reach_the_one_shared_transport(tmp_path: Path) -> None:
    from summarise.extract.llm.extractor import LLMExtractor
    from summarise.llm.config import load_settings

    toml = tmp_path / "summarise.toml"
    toml.write_text(
        "[summarise]\nrequests_per_minute = 90\ntokens_per_minute = 40000\nconcurrency = 12\n"
    )
    environ = {"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    settings = load_settings({"use_cache": False}, toml, environ=environ)
    transport = LLMExtractor(settings).transport
    assert (transport.limiter.rpm, transport.limiter.tpm) == (90, 40000)
    assert transport.budget.ceiling == 12 == transport.budget.limit
