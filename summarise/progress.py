"""The progress bar of a run: done/total, ETA, and for the LLM path requests, tokens and cost.

Shown on a terminal only (the caller disables it otherwise). The request and token counts are
read live from the extractor's transport each time the bar redraws, so they move while a long
article is still in flight, not only when it finishes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from summarise.models import Usage

if TYPE_CHECKING:  # a type only: importing it loads openai, which the offline path never needs
    from summarise.llm.transport import Transport


class SpendColumn(ProgressColumn):
    """Requests sent, tokens received and the running cost, read from the transport."""

    def __init__(self, transport: Transport, cost: Callable[[Usage], float | None]) -> None:
        super().__init__()
        self.transport = transport
        self.cost = cost

    def render(self, task: Task) -> Text:
        usage = self.transport.meter.total
        cost = self.cost(usage)
        text = f"{self.transport.budget.requests} requests · {usage.total_tokens} tokens"
        if cost is not None:
            text += f" · ${cost:.4f}"
        return Text(text, style="progress.data.speed")


def run_progress(
    console: Console, transport: Transport | None, cost: Callable[[Usage], float | None]
) -> Progress:
    """The bar for one run; `transport` is None for backends that send no requests."""
    columns: list[ProgressColumn | str] = [
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    ]
    if transport is not None:
        columns.append(SpendColumn(transport, cost))
    return Progress(*columns, console=console, transient=True, disable=not console.is_terminal)
