"""One place for the link scheme between briefings and review pages.

A briefing cites a span as ``{review_base}/{source_id}.review.html#span-{start}-{end}`` and the
review page gives the highlighted element that id; both sides call these helpers so the two can
never drift apart.
"""

from __future__ import annotations

from urllib.parse import quote

from summarise.models import Alignment, Span


def span_anchor(start: int, end: int) -> str:
    """The element id of the highlighted text ``cleaned[start:end]`` on its review page."""
    return f"span-{start}-{end}"


def review_filename(article_id: str) -> str:
    """The review page's file name, beside ``<id>.json`` and ``<id>.clean.txt``."""
    return f"{article_id}.review.html"


def is_locatable(span: Span | None) -> bool:
    """Whether a span points at real text; an unaligned span has no element to land on."""
    return span is not None and span.alignment != Alignment.none and span.end > span.start


def review_href(review_base: str, source_id: str, span: Span | None = None) -> str:
    """A relative link to an article's review page, landing on ``span`` when it can.

    The id is percent-encoded so an odd file name cannot break out of the path (or smuggle in a
    ``javascript:`` scheme).
    """
    base = review_base.rstrip("/")
    page = quote(review_filename(source_id), safe="")
    href = f"{base}/{page}" if base else page
    if span is not None and is_locatable(span):
        href += "#" + span_anchor(span.start, span.end)
    return href
