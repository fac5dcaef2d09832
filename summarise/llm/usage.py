"""Token usage and cost: a small price table (USD per 1M tokens) that summarise.toml can override.

Prices are list prices for OpenAI's public API as published in 2024-25; they are estimates, not a
bill. Models missing from the table (a local llama.cpp server, say) have no cost estimate (None)
unless the table gives them one, e.g. in summarise.toml:

    [prices."SmolLM2-135M-Instruct"]
    prompt = 0.0
    completion = 0.0
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import MutableSequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from summarise.models import Usage


class Price(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    prompt: float = Field(ge=0, description="USD per 1M prompt tokens")
    completion: float = Field(ge=0, description="USD per 1M completion tokens")
    cached_prompt: float | None = Field(
        default=None,
        ge=0,
        description="USD per 1M prompt tokens served from the provider's prompt cache "
        "(default: the prompt price)",
    )


DEFAULT_PRICES: dict[str, Price] = {
    "gpt-4o-mini": Price(prompt=0.15, completion=0.60, cached_prompt=0.075),
    "gpt-4o": Price(prompt=2.50, completion=10.00, cached_prompt=1.25),
    "gpt-4.1": Price(prompt=2.00, completion=8.00, cached_prompt=0.50),
    "gpt-4.1-mini": Price(prompt=0.40, completion=1.60, cached_prompt=0.10),
    "gpt-4.1-nano": Price(prompt=0.10, completion=0.40, cached_prompt=0.025),
}


def price_for(model: str | None, prices: dict[str, Price]) -> Price | None:
    """Exact name first, then the longest table entry that prefixes the model name
    (so "gpt-4o-mini-2024-07-18" is priced as "gpt-4o-mini")."""
    if model is None:
        return None
    if model in prices:
        return prices[model]
    for name in sorted(prices, key=len, reverse=True):
        if model.startswith(name):
            return prices[name]
    return None


def cost_usd(usage: Usage, model: str | None, prices: dict[str, Price]) -> float | None:
    price = price_for(model, prices)
    if price is None:
        return None
    cached = min(usage.cached_tokens, usage.prompt_tokens)
    cached_rate = price.prompt if price.cached_prompt is None else price.cached_prompt
    cost = (
        (usage.prompt_tokens - cached) * price.prompt
        + cached * cached_rate
        + usage.completion_tokens * price.completion
    ) / 1e6
    return round(cost, 6)


def usage_of(completion: Any) -> Usage:
    """Usage of one raw chat completion; zeros when the server sent none."""
    u = getattr(completion, "usage", None)
    if u is None:
        return Usage()
    prompt = int(getattr(u, "prompt_tokens", 0) or 0)
    completion_tokens = int(getattr(u, "completion_tokens", 0) or 0)
    total = int(getattr(u, "total_tokens", 0) or 0) or prompt + completion_tokens
    details = getattr(u, "prompt_tokens_details", None)
    cached = int(getattr(details, "cached_tokens", 0) or 0)
    return Usage(
        prompt_tokens=prompt,
        completion_tokens=completion_tokens,
        total_tokens=total,
        cached_tokens=cached,
    )


class UsageMeter:
    """A thread-safe running total (per run), fed one Usage at a time; `share()` before a fork
    keeps one total for every process of `--jobs N`."""

    def __init__(self) -> None:
        self._lock: Any = threading.Lock()
        # prompt, completion, total and cached tokens, then requests
        self._v: MutableSequence[int] = [0, 0, 0, 0, 0]

    def share(self) -> None:
        context = multiprocessing.get_context("fork")
        with self._lock:
            values = context.RawArray("q", list(self._v))
        self._v, self._lock = values, context.Lock()

    def add(self, usage: Usage, requests: int = 1) -> None:
        with self._lock:
            self._v[0] += usage.prompt_tokens
            self._v[1] += usage.completion_tokens
            self._v[2] += usage.total_tokens
            self._v[3] += usage.cached_tokens
            self._v[4] += requests

    @property
    def requests(self) -> int:
        return int(self._v[4])

    @property
    def total(self) -> Usage:
        with self._lock:
            prompt, completion, total, cached = (int(x) for x in self._v[:4])
        return Usage(
            prompt_tokens=prompt,
            completion_tokens=completion,
            total_tokens=total,
            cached_tokens=cached,
        )
