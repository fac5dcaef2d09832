"""Which national points a council's briefing shows as context.

A national report bears on a council when it is from the same years as the council's own
sources: a 2024 CQC report says nothing about a 1999 joint review. So a briefing shows only the
points of national articles near its sources in time, nearest first (newer first among equals),
at most `MAX_POINTS`, and always includes the newest of those reports, so the latest national
picture is never crowded out by older ones. A national article that is itself one of the
council's sources (it grades the council) is not repeated as context, and the national briefing
shows none: its points are its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from summarise.models import ArticleSummary, NationalPoint, Span

MAX_POINTS = 5
# Years either side of a council's source in which a national report still bears on it.
NEAR_YEARS = 2


class _Item(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def summary(self) -> ArticleSummary: ...


def _year(s: ArticleSummary) -> int | None:
    date = s.review.date or s.source.published
    return int(date[:4]) if date else None


def _points(item: _Item) -> list[tuple[str, str, Span]]:
    """(text, source id, span) of each point; a `NationalPoint` is made only for those chosen
    (building one validates it, and a briefing keeps 5 of thousands)."""
    s = item.summary
    return [(p.text, item.id, p.evidence) for p in [*s.concerns, *s.recommendations, *s.strengths]]


def national_context(own: Sequence[_Item], national: Sequence[_Item]) -> list[NationalPoint]:
    """The national points for a briefing whose sources are `own`, ranked, at most MAX_POINTS."""
    own_ids = {i.id for i in own}
    years = [y for y in (_year(i.summary) for i in own) if y is not None]
    candidates: list[tuple[int, int, _Item]] = []  # (distance in years, -year, item)
    for item in national:
        if item.id in own_ids:
            continue
        year = _year(item.summary)
        if years:
            if year is None:
                continue  # cannot be placed near the council's dated sources
            distance = min(abs(year - y) for y in years)
            if distance > NEAR_YEARS:
                continue
        else:
            distance = 0  # the council's sources are undated: nothing to measure against
        candidates.append((distance, -(year or 0), item))
    if not candidates:
        return []
    candidates.sort(key=lambda c: (c[0], c[1], c[2].id))
    ranked: list[tuple[str, str, Span]] = []
    seen: set[str] = set()
    for _, _, item in candidates:
        for point in _points(item):
            if point[0] not in seen:
                seen.add(point[0])
                ranked.append(point)
    chosen = ranked[:MAX_POINTS]
    newest = min(candidates, key=lambda c: (c[1], c[0], c[2].id))[2]
    if chosen and not any(source_id == newest.id for _, source_id, _ in chosen):
        first_of_newest = next((p for p in ranked if p[1] == newest.id), None)
        if first_of_newest is not None:
            chosen[-1] = first_of_newest
    return [NationalPoint(text=t, source_id=i, span=span) for t, i, span in chosen]
