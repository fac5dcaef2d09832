"""Extraction backends: each turns an Article into an ArticleSummary with grounded spans.

The offline and LLM backends return the same `ExtractionResult`, so the pipeline, the cache and
the consolidator never need to know which one ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from summarise.models import Article, ArticleSummary, Outcome, Source, Usage


@dataclass
class ExtractionResult:
    """What one backend made of one article.

    `summary` is None only when the article failed outright; a flagged summary is kept (the best
    attempt) with its remaining problems in `problems` and in its provenance.
    """

    summary: ArticleSummary | None
    outcome: Outcome = Outcome.ok
    reason: str | None = None
    attempts: int = 1
    usage: Usage = field(default_factory=Usage)
    cached: bool = False
    problems: list[str] = field(default_factory=list)
    # Every HTTP request sent for this article, by status; `attempts` counts answers parsed.
    statuses: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.statuses)


class Extractor(Protocol):
    """A backend. Implementations must be safe to call from several threads at once."""

    backend: str
    model: str | None

    def extract(self, article: Article) -> ExtractionResult: ...


def source_of(article: Article) -> Source:
    """The summary's `source`, the same for every backend: what ingestion learnt of the article."""
    return Source(
        path=article.path,
        sha256=article.sha256,
        title=article.title,
        publisher=article.publisher,
        published=article.published,
        date_from=article.date_from,
        url=article.url,
        report_url=article.report_url,
    )
