"""The deterministic extractor: the embedded default, needing no key and no network.

It fills every field of the contract from rules over the cleaned text. Each rule finds its fact
at known offsets, so every span is exact by construction.
"""

from __future__ import annotations

import bisect

from summarise.align.fact_ids import with_fact_ids
from summarise.align.spans import Aligner
from summarise.extract import ExtractionResult, source_of
from summarise.extract.offline.councils import (
    decide_scope,
    listed_councils,
    mentioned_as,
    reported_councils,
)
from summarise.extract.offline.figures import find_figures
from summarise.extract.offline.judgement_owner import assign_judgements
from summarise.extract.offline.judgements import find_judgements
from summarise.extract.offline.people import PersonMention, find_people, merge_people
from summarise.extract.offline.points import ENDED, SERVICE_AREA_CUES, cut_off_text, find_points
from summarise.extract.offline.quotes import attribute, find_quote_chains, speaks_for_self
from summarise.extract.offline.review import find_bodies, find_review_date
from summarise.extract.offline.review_type import find_review_type
from summarise.extract.offline.text import Document, Segment
from summarise.gazetteer.lookup import Mention
from summarise.gazetteer.mentions import find_mentions
from summarise.models import (
    Article,
    ArticleSummary,
    CouncilRef,
    Figure,
    Person,
    Point,
    Provenance,
    Quote,
    Review,
    ServiceArea,
    Span,
)

SUMMARY_MAX_WORDS = 70


class OfflineExtractor:
    """Rules over the cleaned text. Stateless, so one instance serves every thread."""

    backend = "offline"
    model: str | None = None

    def extract(self, article: Article) -> ExtractionResult:
        return ExtractionResult(summary=summarise_article(article))


def summarise_article(article: Article) -> ArticleSummary:
    doc = Document(article.text)
    aligner = Aligner(article.text)

    def span(seg: Segment) -> Span:
        return aligner.span(seg.start, seg.end)

    review_type = find_review_type(doc)
    bodies = find_bodies(article.text, review_type)
    mentions = find_people(doc, article.publisher)
    chains = find_quote_chains(doc)
    attribute(doc, chains, mentions, [b.value for b in bodies])

    council_mentions = find_mentions(article.text)
    evidence = reported_councils(doc, council_mentions)
    scope = decide_scope(doc, evidence)
    evidence = listed_councils(scope, evidence)
    councils = [
        CouncilRef(
            name=ev.authority.name, gss_code=ev.authority.gss_code, mentioned_as=mentioned_as(ev)
        )
        for ev in evidence
    ]
    locator = CouncilLocator(council_mentions, [c.name for c in councils])

    # A judgement stated in the body is better evidence than the same words in a headline.
    found = sorted(
        find_judgements(doc, review_type, article.published, [m.start for m in council_mentions]),
        key=lambda j: j.evidence.start < doc.body_start,
    )
    # A grade in a quoted view is an opinion, unless the quote is the report's or inspectors' own.
    quote_parts = [
        part
        for chain in chains
        if speaks_for_self(chain) or not (chain.speaker or chain.role or chain.organisation)
        for part in chain.parts
    ]
    judgements = assign_judgements(found, council_mentions, locator.names, scope, quote_parts, span)
    points = {"strength": [], "concern": [], "recommendation": []}  # type: dict[str, list[Point]]
    seen: set[str] = set()
    quoted = [
        (part.start, part.end) for chain in chains if speaks_for_self(chain) for part in chain.parts
    ]
    for p in find_points(doc, skip=_headline(doc, article), quoted=quoted):
        if p.segment.text in seen:
            continue
        seen.add(p.segment.text)
        points[p.kind].append(
            Point(
                text=cut_off_text(p.segment.text) if p.cut_off else p.segment.text,
                service_area=p.service_area,
                council=locator.at(p.segment),
                evidence=span(p.segment),
            )
        )
    quotes = [
        Quote(
            speaker=chain.speaker.name if chain.speaker else None,
            role=chain.role,
            organisation=chain.organisation,
            text=part.text,
            span=span(part),
        )
        for chain in chains
        for part in chain.parts
    ]
    figures = [
        Figure(text=f.figure.text, meaning=f.meaning, span=span(f.figure))
        for f in find_figures(doc)
    ]
    people = [_person(p) for p in merge_people(mentions)]
    all_points = [pt for kind in points.values() for pt in kind]
    summary = ArticleSummary(
        source=source_of(article),
        scope=scope,
        councils=councils,
        review=Review(
            review_type=review_type, bodies=bodies, date=find_review_date(doc, article.published)
        ),
        judgements=judgements,
        summary=_lead_summary(doc),
        strengths=points["strength"],
        concerns=points["concern"],
        recommendations=points["recommendation"],
        quotes=quotes,
        figures=figures,
        people=people,
        service_areas=_service_areas(all_points, article.text),
        provenance=Provenance(backend="offline"),
    )
    return with_fact_ids(summary)


class CouncilLocator:
    """Which council a fact concerns: one named in its sentence, else the last named before it."""

    def __init__(self, mentions: list[Mention], names: list[str]) -> None:
        self.names = names
        wanted = set(names)
        # in text order, so a segment's marks are found by bisection: a long article has
        # thousands of segments and marks, and scanning them all for each was quadratic
        self.marks = sorted(
            ((m.start, m.authority.name) for m in mentions if m.authority.name in wanted),
            key=lambda mark: mark[0],
        )
        self.starts = [start for start, _ in self.marks]

    def within(self, seg: Segment) -> list[str]:
        found: list[str] = []
        lo = bisect.bisect_left(self.starts, seg.start)
        hi = bisect.bisect_left(self.starts, seg.end)
        for _, name in self.marks[lo:hi]:
            if name not in found:
                found.append(name)
        return found

    def at(self, seg: Segment) -> str | None:
        if len(self.names) == 1:
            return self.names[0]
        inside = self.within(seg)
        if inside:
            return inside[0]
        before = bisect.bisect_left(self.starts, seg.start)
        return self.marks[before - 1][1] if before else None


def _headline(doc: Document, article: Article) -> list[tuple[int, int]]:
    first = doc.blocks[0] if doc.blocks else None
    # A title that stands in for a missing headline (the first sentence) is still body text.
    if (
        first is not None
        and article.title
        and first.text.strip() == article.title.strip()
        and ENDED.search(first.text.strip()) is None
    ):
        return [(first.start, first.end)]
    return []


def _person(p: PersonMention) -> Person:
    return Person(name=p.name, role=p.role, organisation=p.organisation)


def _lead_summary(doc: Document) -> str:
    """The first sentences of the body: news writing puts the finding first."""
    words: list[str] = []
    for s in doc.sentences:
        if s.start < doc.body_start or len(s.text.split()) < 8 or s.text[-1] not in '.!?”"’':
            continue
        words.extend(s.text.split())
        if len(words) >= 25:
            break
    if len(words) > SUMMARY_MAX_WORDS:
        words = words[:SUMMARY_MAX_WORDS] + ["…"]
    return " ".join(words)


def _service_areas(points: list[Point], text: str) -> list[ServiceArea]:
    areas: set[ServiceArea] = {
        p.service_area for p in points if p.service_area and p.service_area != ServiceArea.other
    }
    if not areas:
        areas = {area for area, pattern in SERVICE_AREA_CUES if pattern.search(text)}
    return [a for a in ServiceArea if a in areas] or [ServiceArea.other]
