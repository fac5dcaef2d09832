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


# A span as (start, end, aligned): all a link needs. Plain values, so links can be cached
# without the cache keys keeping the garbage collector busy.
Place = tuple[int, int, bool]
_UNALIGNED = Alignment.none  # looked up once: member access on an Enum class is slow


def is_locatable(span: Span | None) -> bool:
    """Whether a span points at real text; an unaligned span has no element to land on."""
    return span is not None and _locatable(place_of(span))


def _locatable(place: Place) -> bool:
    start, end, aligned = place
    return aligned and end > start


def place_of(span: Span) -> Place:
    """The part of ``span`` that decides its link."""
    return (span.start, span.end, span.alignment != _UNALIGNED)


def review_href(review_base: str, source_id: str, span: Span | None = None) -> str:
    """A relative link to an article's review page, landing on ``span`` when it can.

    The id is percent-encoded so an odd file name cannot break out of the path (or smuggle in a
    ``javascript:`` scheme).
    """
    return review_href_at(review_base, source_id, None if span is None else place_of(span))


def review_href_at(review_base: str, source_id: str, place: Place | None) -> str:
    """``review_href`` for a span given by its ``place_of``."""
    href = _page_href(review_base, source_id)
    if place is not None and _locatable(place):
        href += "#" + span_anchor(place[0], place[1])
    return href


def _page_href(review_base: str, source_id: str) -> str:
    """The page part of a link."""
    base = review_base.rstrip("/")
    page = quote(review_filename(source_id), safe="")
    return f"{base}/{page}" if base else page
