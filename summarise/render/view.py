"""The briefing as the three renderers see it: numbered sources and resolved citations.

Numbering sources and choosing link targets once means the Markdown, HTML and docx cite the
same ``[n]`` for the same article, and a test of one view covers all three.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from summarise.models import (
    BriefingPoint,
    BriefingSource,
    CouncilBriefing,
    Span,
)
from summarise.render.anchors import Place, place_of, review_href, review_href_at
from summarise.render.labels import (
    Tone,
    aspect_label,
    bodies_label,
    date_label,
    review_label,
    review_type_label,
    reviewed_label,
    reviews_label,
    service_area_label,
    timestamp_label,
    unconfirmed_label,
    value_label,
    value_tone,
)

UNTITLED = "Untitled article"
UNNAMED_SPEAKER = "Unnamed speakers"


class Citation(NamedTuple):
    """``[number]`` pointing at one source; ``href`` lands on the span when there is one.

    A tuple of plain values, which the garbage collector stops tracking: a briefing has
    thousands, and tracked ones made full collections come sooner.
    """

    number: int
    source_id: str
    href: str | None
    source: str = ""
    """"Source 2, Community Care, 12 March 2002": who is cited, for a link's accessible name."""


@dataclass(frozen=True, slots=True)
class SourceNote:
    number: int
    id: str
    title: str
    published: str | None
    review_type: str | None
    bodies: str
    path: str | None
    href: str | None
    publisher: str | None = None
    url: str | None = None
    report_url: str | None = None


@dataclass(frozen=True, slots=True)
class JudgementRow:
    aspect: str
    value: str
    tone: Tone
    date: str
    citation: Citation
    unconfirmed: str = ""
    review: str = ""


@dataclass(frozen=True, slots=True)
class TimelineRow:
    date: str
    event: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class PointRow:
    id: str
    text: str
    service_area: str | None
    citations: tuple[Citation, ...]
    review: str = ""


@dataclass(frozen=True, slots=True)
class QuoteRow:
    text: str
    role: str | None
    organisation: str | None
    citation: Citation
    review: str = ""

    @property
    def attribution(self) -> str:
        """Role and organisation joined for a caption; empty when neither is known."""
        return ", ".join(p for p in (self.role, self.organisation) if p)


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    speaker: str
    named: bool
    quotes: tuple[QuoteRow, ...]


@dataclass(frozen=True, slots=True)
class FigureRow:
    text: str
    meaning: str
    citation: Citation
    review: str = ""


@dataclass(frozen=True, slots=True)
class NationalRow:
    text: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class NarrativeRow:
    """A sentence of the optional executive summary and the point ids it cites."""

    text: str
    cites: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BriefingView:
    council: str
    gss_code: str | None
    generated: str
    headline: str
    judgements: tuple[JudgementRow, ...]
    timeline: tuple[TimelineRow, ...]
    strengths: tuple[PointRow, ...]
    concerns: tuple[PointRow, ...]
    recommendations: tuple[PointRow, ...]
    quote_groups: tuple[QuoteGroup, ...]
    figures: tuple[FigureRow, ...]
    national_context: tuple[NationalRow, ...]
    sources: tuple[SourceNote, ...]
    narrative: tuple[NarrativeRow, ...] = ()
    sources_up_to: str | None = None
    reviewed: str = ""  # "3 of 40 facts reviewed", for a briefing from a store

    @property
    def title(self) -> str:
        return f"{self.council}: social services briefing"

    @property
    def caveat(self) -> str:
        """What the briefing is built from, said in every format."""
        when = f"up to {self.sources_up_to}" if self.sources_up_to else "undated"
        return (
            "Compiled from press reporting of inspections, not from the inspection reports "
            f"themselves; sources {when}."
        )

    @property
    def reports(self) -> tuple[tuple[int, str], ...]:
        """``(source number, report URL)`` for each official report a source links, once each."""
        seen: set[str] = set()
        out = []
        for note in self.sources:
            if note.report_url and note.report_url not in seen:
                seen.add(note.report_url)
                out.append((note.number, note.report_url))
        return tuple(out)


class _Numbering:
    """Numbers sources in the briefing's order; an id cited but not listed still gets a note."""

    def __init__(self, sources: Iterable[BriefingSource], review_base: str | None) -> None:
        self._base = review_base
        self._numbers: dict[str, int] = {}
        self._listed: dict[str, BriefingSource] = {}
        self._labels: dict[str, str] = {}
        for source in sources:
            if source.id not in self._numbers:
                self._numbers[source.id] = len(self._numbers) + 1
                self._listed[source.id] = source
                self._labels[source.id] = source_label(self._numbers[source.id], source)

    def cite(self, source_id: str, span: Span | None = None) -> Citation:
        number = self._numbers.get(source_id)
        if number is None:
            number = self._numbers[source_id] = len(self._numbers) + 1
            self._labels[source_id] = f"Source {number}"
        label = self._labels[source_id]
        if self._base is None:
            return Citation(number, source_id, None, label)
        place = None if span is None else place_of(span)
        return _linked_citation(number, source_id, self._base, place, label)

    def notes(self) -> tuple[SourceNote, ...]:
        notes = []
        for source_id, number in self._numbers.items():
            href = None if self._base is None else review_href(self._base, source_id)
            source = self._listed.get(source_id)
            if source is None:
                notes.append(SourceNote(number, source_id, source_id, None, None, "", None, href))
                continue
            notes.append(
                SourceNote(
                    number=number,
                    id=source_id,
                    title=source.title or UNTITLED,
                    published=source.published,
                    review_type=review_type_label(source.review_type),
                    bodies=bodies_label(source.bodies),
                    path=source.path,
                    href=href,
                    publisher=source.publisher,
                    url=web_url(source.url),
                    report_url=web_url(source.report_url),
                )
            )
        return tuple(notes)


def web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address; a briefing loaded from disk may hold anything."""
    return url if url and url.startswith(("https://", "http://")) else None


def source_label(number: int, source: BriefingSource) -> str:
    """ "Source 2, Community Care, 12 March 2002": number, then publisher and date when known."""
    parts = [f"Source {number}"]
    if source.publisher:
        parts.append(source.publisher)
    if source.published:
        parts.append(date_label(source.published))
    return ", ".join(parts)


def latest_published(sources: Iterable[BriefingSource]) -> str | None:
    """The newest ``published`` date (ISO strings sort by date), labelled; None if none dated."""
    dates = [s.published for s in sources if s.published]
    return date_label(max(dates)) if dates else None


@lru_cache(maxsize=32768)
def _linked_citation(
    number: int, source_id: str, base: str, place: Place | None, label: str
) -> Citation:
    """Citations are immutable, so the Markdown, HTML and Word views of a briefing share them."""
    return Citation(number, source_id, review_href_at(base, source_id, place), label)


def _points(points: Iterable[BriefingPoint], numbering: _Numbering) -> tuple[PointRow, ...]:
    rows = []
    for point in points:
        seen: set[tuple[str, int, int]] = set()
        citations = []
        for ref in point.sources:
            key = (ref.source_id, ref.span.start, ref.span.end)
            if key not in seen:
                seen.add(key)
                citations.append(numbering.cite(ref.source_id, ref.span))
        rows.append(
            PointRow(
                id=point.id,
                text=point.text,
                service_area=service_area_label(point.service_area),
                citations=tuple(citations),
                review=reviews_label(ref.review for ref in point.sources),
            )
        )
    return tuple(rows)


def _quote_groups(briefing: CouncilBriefing, numbering: _Numbering) -> tuple[QuoteGroup, ...]:
    """Quotes grouped by speaker in order of first appearance; unnamed speakers last."""
    groups: dict[str | None, list[QuoteRow]] = {}
    for quote in briefing.quotes:
        row = QuoteRow(
            text=quote.text,
            role=quote.role,
            organisation=quote.organisation,
            citation=numbering.cite(quote.source_id, quote.span),
            review=review_label(quote.review),
        )
        groups.setdefault(quote.speaker or None, []).append(row)
    ordered = [k for k in groups if k is not None] + ([None] if None in groups else [])
    return tuple(
        QuoteGroup(speaker=k or UNNAMED_SPEAKER, named=k is not None, quotes=tuple(groups[k]))
        for k in ordered
    )


def build_view(briefing: CouncilBriefing, review_base: str | None) -> BriefingView:
    """Resolve numbering and links; ``review_base=None`` renders citations without links."""
    numbering = _Numbering(briefing.sources, review_base)
    judgements = tuple(
        JudgementRow(
            aspect=aspect_label(j.aspect),
            value=value_label(j.aspect, j.value),
            tone=value_tone(j.value),
            date=date_label(j.date),
            citation=numbering.cite(j.source_id),
            # A reviewer's accept or correction confirms what the rules were unsure of.
            unconfirmed=""
            if j.review is not None and j.review.status != "unreviewed"
            else unconfirmed_label(j.confidence, j.confidence_note),
            review=review_label(j.review),
        )
        for j in briefing.latest_judgements
    )
    timeline = tuple(
        TimelineRow(date=date_label(e.date), event=e.event, citation=numbering.cite(e.source_id))
        for e in briefing.timeline
    )
    strengths = _points(briefing.strengths, numbering)
    concerns = _points(briefing.concerns, numbering)
    recommendations = _points(briefing.recommendations, numbering)
    quote_groups = _quote_groups(briefing, numbering)
    figures = tuple(
        FigureRow(f.text, f.meaning, numbering.cite(f.source_id, f.span), review_label(f.review))
        for f in briefing.figures
    )
    national = tuple(
        NationalRow(text=n.text, citation=numbering.cite(n.source_id, n.span))
        for n in briefing.national_context
    )
    return BriefingView(
        council=briefing.council.name,
        gss_code=briefing.council.gss_code,
        generated=timestamp_label(briefing.generated_at),
        headline=briefing.headline,
        judgements=judgements,
        timeline=timeline,
        strengths=strengths,
        concerns=concerns,
        recommendations=recommendations,
        quote_groups=quote_groups,
        figures=figures,
        national_context=national,
        sources=numbering.notes(),
        narrative=tuple(NarrativeRow(n.text, tuple(n.cites)) for n in briefing.narrative),
        sources_up_to=latest_published(briefing.sources),
        reviewed=reviewed_label(briefing.reviewed),
    )
