"""CouncilBriefing: what the articles say about one council, consolidated."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from summarise.models.article import Figure, Provenance, Quote
from summarise.models.common import (
    SCHEMA_VERSION,
    SCHEMA_VERSIONS,
    Aspect,
    Body,
    Confidence,
    JudgementValue,
    ReviewType,
    ServiceArea,
    Span,
    Strict,
)

# --- CouncilBriefing ------------------------------------------------------------------------


class CouncilId(Strict):
    name: str
    gss_code: str | None = None


class BriefingSource(Strict):
    id: str
    path: str
    title: str | None = None
    published: str | None = None
    review_type: ReviewType
    bodies: list[Body] = Field(default_factory=list)
    publisher: str | None = None
    url: str | None = Field(default=None, description="Where the article was published.")
    report_url: str | None = Field(default=None, description="The official report it links.")
    places: list[str] = Field(
        default_factory=list, description="Every place a syndicated or re-posted copy appeared."
    )


class FactReview(Strict):
    """What reviewers decided on a fact (contract: "Fact ids and review decisions")."""

    status: Literal["unreviewed", "accepted", "corrected", "added"] = "unreviewed"
    by: str | None = None
    at: str | None = None


REVIEW = "Set when the briefing comes from a store: the fact's review status, by whom and when."


class ReviewCount(Strict):
    reviewed: int = Field(ge=0, description="Facts of the briefing that a reviewer decided on.")
    total: int = Field(ge=0)


class LatestJudgement(Strict):
    aspect: Aspect
    value: JudgementValue
    source_id: str
    date: str | None = None
    past: bool = Field(
        default=False,
        description="The source reports this as an earlier judgement, not its own finding.",
    )
    confidence: Confidence = "high"
    confidence_note: str | None = None
    review: FactReview | None = Field(default=None, description=REVIEW)


class TimelineEvent(Strict):
    date: str | None = None
    source_id: str
    event: str


class SourceRef(Strict):
    source_id: str
    span: Span
    review: FactReview | None = Field(default=None, description=REVIEW)


class BriefingPoint(Strict):
    id: str = Field(description="Stable id (s1, c2, r3) that narratives and links cite.")
    text: str
    service_area: ServiceArea | None = None
    sources: list[SourceRef]


class BriefingQuote(Quote):
    source_id: str
    review: FactReview | None = Field(default=None, description=REVIEW)


class BriefingFigure(Figure):
    source_id: str
    review: FactReview | None = Field(default=None, description=REVIEW)


class NationalPoint(Strict):
    text: str
    source_id: str
    span: Span | None = None


class NarrativeSentence(Strict):
    """One sentence of the executive summary and the ids of the points it rests on."""

    text: str = Field(description="One plain sentence, with no point ids in it.")
    cites: list[str] = Field(
        description='Ids of the briefing points this sentence rests on, e.g. ["c2", "j1"].'
    )


class CouncilBriefing(Strict):
    schema_version: SCHEMA_VERSIONS = SCHEMA_VERSION
    council: CouncilId
    generated_at: str
    sources: list[BriefingSource]
    headline: str
    latest_judgements: list[LatestJudgement] = Field(default_factory=list)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    strengths: list[BriefingPoint] = Field(default_factory=list)
    concerns: list[BriefingPoint] = Field(default_factory=list)
    recommendations: list[BriefingPoint] = Field(default_factory=list)
    quotes: list[BriefingQuote] = Field(default_factory=list)
    figures: list[BriefingFigure] = Field(default_factory=list)
    national_context: list[NationalPoint] = Field(default_factory=list)
    narrative: list[NarrativeSentence] = Field(
        default_factory=list,
        description="Optional executive summary (--narrative llm); every sentence cites point ids.",
    )
    narrative_provenance: Provenance | None = None
    reviewed: ReviewCount | None = Field(
        default=None, description="From a store: how many of the briefing's facts are reviewed."
    )
