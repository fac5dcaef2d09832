"""Each briefing fact's review status, read from the articles it came from.

Briefings built from a store carry, on every judgement, point source, quote and figure, what
reviewers decided on the fact behind it (accepted, corrected, added or unreviewed; by whom and
when), and the briefing counts how many of its facts are reviewed. Briefings built from a folder
of summaries have no reviews, and stay as they were.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from summarise.models import ArticleSummary, CouncilBriefing, FactReview, ReviewCount

if TYPE_CHECKING:
    from summarise.brief.consolidate import Stored

POINT_LISTS = ("strengths", "concerns", "recommendations")


def _point_ids(summary: ArticleSummary) -> dict[tuple[int, int, str], str]:
    """A briefing point cites its source by the point's evidence span: span → fact id."""
    return {
        (p.evidence.start, p.evidence.end, p.evidence.text): p.id or ""
        for name in POINT_LISTS
        for p in getattr(summary, name)
    }


def annotate(briefing: CouncilBriefing, items: Sequence[Stored]) -> CouncilBriefing:
    """Set `review` on the briefing's facts and `reviewed` on it, in place, when from a store."""
    reviewed: dict[str, Mapping[str, FactReview]] = {
        i.id: i.reviews for i in items if i.reviews is not None
    }
    if not reviewed:
        return briefing
    summaries = {i.id: i.summary for i in items}
    marks: list[FactReview] = []
    # One instance for every unreviewed fact of this briefing (never changed once made): a
    # briefing of 60 sources has thousands, and making each cost brief --council ~10 ms.
    unreviewed = FactReview()

    def mark(source_id: str, fact_id: str | None) -> FactReview | None:
        if source_id not in reviewed:
            return None
        found = reviewed[source_id].get(fact_id or "") or unreviewed
        marks.append(found)
        return found

    for j in briefing.latest_judgements:
        same = [
            x.id
            for x in summaries[j.source_id].judgements
            if (x.aspect, x.value) == (j.aspect, j.value)
        ]
        j.review = mark(j.source_id, same[0] if same else None)
    spans = {key: _point_ids(s) for key, s in summaries.items() if key in reviewed}
    for name in POINT_LISTS:
        for point in getattr(briefing, name):
            for ref in point.sources:
                at = (ref.span.start, ref.span.end, ref.span.text)
                ref.review = mark(ref.source_id, spans.get(ref.source_id, {}).get(at))
    for quote in briefing.quotes:
        quote.review = mark(quote.source_id, quote.id)
    for figure in briefing.figures:
        figure.review = mark(figure.source_id, figure.id)
    done = sum(m.status != "unreviewed" for m in marks)
    briefing.reviewed = ReviewCount(reviewed=done, total=len(marks))
    return briefing
