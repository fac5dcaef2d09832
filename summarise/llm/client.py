"""The instructor client both LLM paths (extraction and narrative) send through, and its policies.

Two retry layers, kept apart:

- transport errors (429, 5xx, timeouts, connection) are retried only by `Transport`, which wraps
  the openai client's create (the client itself has max_retries=0);
- instructor's `max_retries` is the tenacity `Retrying` from `reask_policy`, which retries only
  validation, JSON and response-parsing errors (`REASKABLE`): the re-ask, which sends the
  validator's message back to the model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast

import instructor
import openai
from instructor.core.exceptions import ResponseParsingError
from pydantic import ValidationError
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

from summarise.llm.budget import Budget
from summarise.llm.config import ConfigError, Settings
from summarise.llm.structured import Structured
from summarise.llm.transport import RateLimiter, Sleep, Transport, retry_after_seconds

# Sent with every request: which article and chunk (or briefing) it is for, and the prompt_version
# (templates + response schema) it was made with. Cassettes store both, so a replay is served
# only for its own request, and a cassette made under another prompt is named as stale.
REQUEST_HEADER = "X-Summarise-Request"
PROMPT_HEADER = "X-Summarise-Prompt-Version"

# What instructor's re-ask retries; everything else (transport errors included) is not its job.
REASKABLE = (ValidationError, json.JSONDecodeError, ResponseParsingError)


@dataclass(frozen=True)
class LLMClient:
    """The raw openai client, the `Transport` wrapped around its create, and instructor on top
    (`structured`: the same create with its per-model work done once, for the hot path)."""

    openai: openai.OpenAI
    transport: Transport
    instructor: instructor.Instructor
    structured: Structured


def make_transport(settings: Settings, *, sleep: Sleep) -> Transport:
    """The one layer that retries transport errors, with the rate limiter from `settings`."""
    return Transport(
        max_retries=settings.max_transport_retries,
        backoff_initial_s=settings.backoff_initial_s,
        backoff_max_s=settings.backoff_max_s,
        limiter=RateLimiter(settings.requests_per_minute, settings.tokens_per_minute, sleep=sleep),
        sleep=sleep,
        budget=Budget(settings.concurrency, retry_after_seconds),
    )


def make_client(
    settings: Settings,
    *,
    missing_key: str,
    sleep: Sleep,
    http_client: Any = None,
    transport: Transport | None = None,
) -> LLMClient:
    """An instructor client over an openai client whose create goes through `Transport`.

    Raises ConfigError with `missing_key` when there is neither an API key nor a base URL.
    `transport` is shared when given (one limiter for many calls), else built from `settings`.
    """
    api_key = settings.api_key_value()
    if api_key is None and not settings.base_url:
        raise ConfigError(missing_key)
    transport = transport or make_transport(settings, sleep=sleep)
    client_kwargs: dict[str, Any] = {
        # Local servers need no key; the SDK insists on one, so send a placeholder.
        "api_key": api_key or "no-key",
        "base_url": settings.base_url,
        "max_retries": 0,  # Transport is the one layer that retries transport errors
        "timeout": settings.timeout_s,
    }
    if http_client is not None:
        client_kwargs["http_client"] = http_client
    raw = openai.OpenAI(**client_kwargs)
    completions = cast(Any, raw.chat.completions)
    raw_create = completions.with_raw_response.create

    def create(*args: Any, **kwargs: Any) -> Any:
        """The plain create, with the response's rate-limit headers shown to the budget."""
        response = raw_create(*args, **kwargs)
        transport.budget.observe(response.headers)
        return response.parse()

    completions.create = transport.wrap(create)
    mode = instructor.Mode.TOOLS if settings.mode == "tools" else instructor.Mode.JSON
    patched = instructor.from_openai(raw, mode=mode)
    structured = Structured(completions.create, mode, hooks=patched.hooks)
    return LLMClient(openai=raw, transport=transport, instructor=patched, structured=structured)


def reask_policy(settings: Settings) -> Retrying:
    """Re-ask on validation, JSON and parse errors only, up to `settings.max_reasks` times."""
    return Retrying(
        stop=stop_after_attempt(settings.max_reasks + 1),
        retry=retry_if_exception_type(REASKABLE),
        reraise=True,
    )


def short(exc: object, limit: int = 300) -> str:
    """An error as one line of at most `limit` characters, for a reason a reader sees."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def request_error(cause: BaseException | None) -> bool:
    """Whether the re-asks ended on a failed request (transport gave up), not on a bad answer."""
    return isinstance(cause, openai.APIError) and not isinstance(
        cause, openai.APIResponseValidationError
    )


def request_failure(exc: BaseException, transport_errors: list[str], part: str = "") -> str:
    """The reason recorded when a request failed, with how many transport retries it had."""
    reason = f"request failed{part}: {type(exc).__name__}: {short(exc)}"
    if transport_errors:
        reason += f" (after {len(transport_errors)} transport retries)"
    return reason
