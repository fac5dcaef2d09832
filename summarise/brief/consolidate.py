"""ArticleSummary[] → CouncilBriefing[]: pure and deterministic.

It never imports an LLM client, so a briefing can always be rebuilt from stored summaries.
The same inputs give byte-identical briefings apart from `generated_at`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from summarise.brief.grouping import (
    NATIONAL_NAME,
    Entry,
    Plan,
    entry_of,
    plan_briefings,
    source_date,
)
from summarise.brief.national_context import national_context
from summarise.brief.review_status import annotate
from summarise.models import (
    ASPECT_VALUES,
    ArticleSummary,
    Aspect,
    BriefingFigure,
    BriefingPoint,
    BriefingQuote,
    BriefingSource,
    CouncilBriefing,
    CouncilId,
    FactReview,
    Judgement,
    LatestJudgement,
    NationalPoint,
    Point,
    Scope,
    SourceRef,
    TimelineEvent,
)

# token_set_ratio at or above this merges two points. Measured on pairs from the examples and a
# later Essex review (tests/test_consolidate.py): the same finding reworded by another article
# scores 79-96, different findings about the same council 42-65.
MERGE_THRESHOLD = 75.0
# token_set_ratio scores a short point 100 against any longer one that contains its words, so a
# point must have this many words, and be at least this fraction of the other's length, to merge.
MERGE_MIN_WORDS = 5
MERGE_MIN_LENGTH_RATIO = 0.35

REVIEW_LABELS = {
    "joint_review": "Joint review",
    "inspection": "Inspection",
    "monitoring_visit": "Monitoring visit",
    "focused_visit": "Focused visit",
    "annual_report": "Annual report",
    "star_rating": "Star rating",
    "performance_assessment": "Performance assessment",
    "other": "Review",
}
JUDGEMENT_PHRASES = {
    Aspect.serving_people: {
        "all": "serving all people well",
        "most": "serving most people well",
        "some": "serving some people well",
        "not": "not serving people well",
    },
    Aspect.prospects: {
        v: f"{v} prospects for improvement" for v in ASPECT_VALUES[Aspect.prospects]
    },
    Aspect.overall_effectiveness: {
        "outstanding": "rated outstanding",
        "good": "rated good",
        "requires_improvement": "rated requires improvement",
        "inadequate": "rated inadequate",
    },
    Aspect.star_rating: {"0": "zero stars", "1": "one star", "2": "two stars", "3": "three stars"},
    Aspect.progress: {
        "insufficient": "making insufficient progress",
        "sufficient": "making sufficient progress",
    },
}


@dataclass(frozen=True)
class Stored:
    """One article's summary with the id that briefings cite it by (the input file's stem)."""

    id: str
    summary: ArticleSummary
    # Every place the article appeared when re-posted copies were merged into it (the store).
    places: tuple[str, ...] = ()
    # From a store: fact id → its review (a fact not in it is unreviewed); None off the store.
    reviews: Mapping[str, FactReview] | None = None


def judgement_phrase(aspect: Aspect, value: str) -> str:
    return JUDGEMENT_PHRASES[aspect][value]


def _concerns_council(council: str, summary: ArticleSummary, point_council: str | None) -> bool:
    if summary.scope == Scope.council or (
        council == NATIONAL_NAME and summary.scope == Scope.national
    ):
        return True
    return point_council == council


def near_duplicates(a: str, b: str, threshold: float = MERGE_THRESHOLD) -> bool:
    """Whether two points state the same finding, however each article worded it."""
    shorter, longer = sorted((a.lower(), b.lower()), key=len)
    if len(shorter.split()) < MERGE_MIN_WORDS or len(shorter) < MERGE_MIN_LENGTH_RATIO * len(
        longer
    ):
        return shorter == longer
    return fuzz.token_set_ratio(shorter, longer) >= threshold


def _ref_key(ref: SourceRef) -> tuple[object, ...]:
    """A hashable stand-in for ``SourceRef`` equality, so a point cites each passage once."""
    span = ref.span
    return (ref.source_id, span.start, span.end, span.text, span.alignment)


def _first_match(
    text: str, merged: Sequence[BriefingPoint], lowered: list[str], threshold: float
) -> int | None:
    """The earliest merged point that ``text`` near-duplicates, if any."""
    # rapidfuzz scores every earlier point in C; only its hits get the length guards.
    hits = process.extract(
        text.lower(), lowered, scorer=fuzz.token_set_ratio, score_cutoff=threshold, limit=None
    )
    return min(
        (i for _, _, i in hits if near_duplicates(merged[i].text, text, threshold)),
        default=None,
    )


def merge_points(
    prefix: str, items: Sequence[tuple[str, Point]], threshold: float = MERGE_THRESHOLD
) -> list[BriefingPoint]:
    """Near-duplicate points from different articles become one point that keeps every source."""
    merged: list[BriefingPoint] = []
    lowered: list[str] = []
    cited: list[set[tuple[object, ...]]] = []
    # The answer depends only on the lowered text and points are only appended, so a text seen
    # before merges where it did then (or into the point it became, if that matches itself).
    known: dict[str, int] = {}
    for source_id, point in items:
        ref = SourceRef(source_id=source_id, span=point.evidence)
        low = point.text.lower()
        first = known.get(low)
        if first is None:
            first = _first_match(point.text, merged, lowered, threshold)
        if first is not None:
            known[low] = first
            key = _ref_key(ref)
            if key not in cited[first]:
                cited[first].add(key)
                merged[first].sources.append(ref)
            continue
        if low.split():  # a text with no words matches nothing, itself included
            known[low] = len(merged)
        cited.append({_ref_key(ref)})
        lowered.append(low)
        merged.append(
            BriefingPoint(
                id=f"{prefix}{len(merged) + 1}",
                text=point.text,
                service_area=point.service_area,
                sources=[ref],
            )
        )
    return merged


def _dated_judgements(item: Stored, council: str) -> list[tuple[str | None, Judgement]]:
    s = item.summary
    out = []
    for j in s.judgements:
        if j.council not in (council, None) and s.scope != Scope.council:
            continue
        out.append((j.date or source_date(s), j))
    return out


def latest_judgements(items: Sequence[Stored], council: str) -> list[LatestJudgement]:
    """The newest value per aspect. Undated judgements count as older than dated ones.

    A source's own finding is newer than any earlier grade it reports, even when the source
    itself is undated.
    """
    best: dict[Aspect, tuple[tuple[str, int], LatestJudgement]] = {}
    for order, item in enumerate(items):
        dated = _dated_judgements(item, council)
        reported = max((j.date for _, j in dated if j.date), default="")
        for date, j in dated:
            # A judgement that the text dates itself is a past one: it ranks by that date.
            past = j.past or j.date is not None
            key = (date or "", -1) if past else (max(date or "", reported), order)
            entry = LatestJudgement(
                aspect=j.aspect,
                value=j.value,
                source_id=item.id,
                # An undated earlier grade ranks by its source's date but never claims it.
                date=j.date if past else date,
                past=past,
                confidence=j.confidence,
                confidence_note=j.confidence_note,
            )
            if j.aspect not in best or key > best[j.aspect][0]:
                best[j.aspect] = (key, entry)
    return [best[a][1] for a in Aspect if a in best]


def timeline(items: Sequence[Stored], council: str) -> list[TimelineEvent]:
    # (date, 0 for an undated earlier grade and 1 otherwise, input order, event): an undated
    # earlier grade sits just before the source that reports it, whatever the date's precision.
    events: list[tuple[str, int, int, TimelineEvent]] = []
    for order, item in enumerate(items):
        s = item.summary
        bodies = ", ".join(b.value for b in s.review.bodies if b.value != "other")
        label = REVIEW_LABELS[s.review.review_type.value] + (f" by {bodies}" if bodies else "")
        findings = [
            judgement_phrase(j.aspect, j.value.value)
            for date, j in _dated_judgements(item, council)
            if j.date is None and not j.past
        ]
        event = label + (": " + "; ".join(findings) if findings else "")
        date = source_date(s)
        events.append(
            (date or "9999", 1, order, TimelineEvent(date=date, source_id=item.id, event=event))
        )
        for date_, j in _dated_judgements(item, council):
            if j.date is not None or j.past:
                text = f"Earlier judgement reported: {judgement_phrase(j.aspect, j.value.value)}"
                key, rank = (j.date, 1) if j.date else (date or "9999", 0)
                events.append(
                    (key, rank, order, TimelineEvent(date=j.date, source_id=item.id, event=text))
                )
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    return [e[3] for e in events]


def headline(council: str, latest: list[LatestJudgement], items: Sequence[Stored]) -> str:
    """One sentence: the newest findings, any earlier judgement they follow, where it is going."""
    newest = items[-1].summary if items else None
    kind = REVIEW_LABELS[newest.review.review_type.value].lower() if newest else "review"
    if not latest:
        return f"{council}: no formal judgement reported in the sources (latest source: {kind})."
    current = [
        judgement_phrase(j.aspect, j.value.value) + unconfirmed(j) for j in latest if not j.past
    ]
    earlier = [
        judgement_phrase(j.aspect, j.value.value)
        + (f" in {j.date}" if j.date else "")
        + unconfirmed(j)
        for j in latest
        if j.past
    ]
    parts = []
    if current:
        parts.append(", ".join(current))
    if earlier:
        parts.append("previously " + ", ".join(earlier))
    return (
        f"{council}: {'; '.join(parts)}; direction of travel: {direction(latest, items, council)}."
    )


def unconfirmed(j: LatestJudgement) -> str:
    """An unsure judgement is marked, with the reason, until a reviewer checks it."""
    if j.confidence == "high":
        return ""
    return f" (unconfirmed: {j.confidence_note or j.confidence + ' confidence'})"


def direction(latest: list[LatestJudgement], items: Sequence[Stored], council: str) -> str:
    """Improving or declining when one aspect has an older, different judgement; else the cues."""
    for j in latest:
        order = ASPECT_VALUES[j.aspect]
        older = [
            old.value.value
            for item in items
            for _, old in _dated_judgements(item, council)
            if old.aspect == j.aspect and old.value != j.value
        ]
        if older and not j.past:
            before = order.index(older[-1])
            now = order.index(j.value.value)
            return "improving" if now < before else "declining"
    values = {j.aspect: j.value.value for j in latest if not j.past}
    if values.get(Aspect.progress) == "insufficient" or values.get(Aspect.prospects) in (
        "poor",
        "uncertain",
    ):
        return "improvement uncertain"
    if values.get(Aspect.progress) == "sufficient" or values.get(Aspect.prospects) in (
        "excellent",
        "promising",
    ):
        return "improving"
    return "not stated in the sources"


def _briefing_for(
    council: CouncilId, items: list[Stored], national: list[NationalPoint], generated_at: str
) -> CouncilBriefing:
    name = council.name
    kinds: dict[str, list[tuple[str, Point]]] = {
        "strengths": [],
        "concerns": [],
        "recommendations": [],
    }
    quotes: list[BriefingQuote] = []
    figures: list[BriefingFigure] = []
    for item in items:
        s = item.summary
        for kind, bucket in kinds.items():
            for p in getattr(s, kind):
                if _concerns_council(name, s, p.council):
                    bucket.append((item.id, p))
        if s.scope == Scope.council or len(s.councils) == 1 or name == NATIONAL_NAME:
            # The fields as they are, not model_dump(): the spans are already valid, so share
            # them. (`__dict__` is what dict(model) iterates, without its failed `keys` lookup.)
            quotes += [BriefingQuote(**q.__dict__, source_id=item.id) for q in s.quotes]
            figures += [BriefingFigure(**f.__dict__, source_id=item.id) for f in s.figures]
    latest = latest_judgements(items, name)
    briefing = CouncilBriefing(
        council=council,
        generated_at=generated_at,
        sources=[
            BriefingSource(
                id=i.id,
                path=i.summary.source.path,
                title=i.summary.source.title,
                published=i.summary.source.published,
                review_type=i.summary.review.review_type,
                bodies=i.summary.review.bodies,
                publisher=i.summary.source.publisher,
                url=i.summary.source.url,
                report_url=i.summary.source.report_url,
                places=list(i.places),
            )
            for i in items
        ],
        headline=headline(name, latest, items),
        latest_judgements=latest,
        timeline=timeline(items, name),
        strengths=merge_points("s", kinds["strengths"]),
        concerns=merge_points("c", kinds["concerns"]),
        recommendations=merge_points("r", kinds["recommendations"]),
        quotes=sorted(quotes, key=lambda q: (q.speaker is None, q.speaker or "")),
        figures=figures,
        national_context=list(national),
    )
    return annotate(briefing, items)


Load = Callable[[Entry], Stored]


def build_one(
    plan: Plan, n: int, national: Sequence[Stored], load: Load, generated_at: str
) -> CouncilBriefing:
    """The plan's n-th briefing; `national` is every national entry of the plan, loaded."""
    if n < len(plan.councils):
        council, entries = plan.councils[n]
        items = [load(e) for e in entries]
        # Each council gets the national points near its own sources in time; the national
        # briefing's points are its own, so it repeats none as context.
        return _briefing_for(council, items, national_context(items, national), generated_at)
    return _briefing_for(CouncilId(name=NATIONAL_NAME), list(national), [], generated_at)


def each_briefing(plan: Plan, load: Load, generated_at: str) -> Iterator[CouncilBriefing]:
    """The plan's briefings one at a time, loading each one's summaries only when it is built."""
    national = [load(e) for e in plan.national]
    for n in range(plan.count):
        yield build_one(plan, n, national, load, generated_at)


def build_briefings(
    stored: Sequence[Stored], generated_at: str, only: str | None = None
) -> list[CouncilBriefing]:
    """One briefing per council reported on, then a national one if any article is national.

    `only` names the one council wanted (`brief --council`); the others are not built.
    """
    plan = plan_briefings((entry_of(n, s.id, s.summary) for n, s in enumerate(stored)), only)
    return list(each_briefing(plan, lambda e: stored[e.at], generated_at))


__all__ = ["NATIONAL_NAME", "Load", "Stored", "build_briefings", "build_one", "each_briefing"]
__all__ += ["source_date"]  # the web app sorts by it
