"""The output contract: Pydantic models that reviewers and tools read.

Field names and enum values come from docs/contract.md; they may be added to but never renamed
or dropped. This module imports nothing from the package so that every other module can use it.
"""

from __future__ import annotations

from enum import Enum
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Final = "1.0"

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# How sure the extractor is of a judgement; below high, `confidence_note` says why.
Confidence = Literal["high", "medium", "low"]


class Scope(str, Enum):
    council = "council"
    multi_council = "multi_council"
    national = "national"


class ReviewType(str, Enum):
    joint_review = "joint_review"
    inspection = "inspection"
    monitoring_visit = "monitoring_visit"
    focused_visit = "focused_visit"
    annual_report = "annual_report"
    star_rating = "star_rating"
    performance_assessment = "performance_assessment"
    other = "other"


class Body(str, Enum):
    audit_commission = "Audit Commission"
    social_services_inspectorate = "Social Services Inspectorate"
    ofsted = "Ofsted"
    csci = "Commission for Social Care Inspection"
    cqc = "Care Quality Commission"
    ciw = "Care Inspectorate Wales"
    best_value = "Best Value Inspection Service"
    other = "other"


class Aspect(str, Enum):
    serving_people = "serving_people"
    prospects = "prospects"
    overall_effectiveness = "overall_effectiveness"
    star_rating = "star_rating"
    progress = "progress"


class JudgementValue(str, Enum):
    """Every value of every aspect; which values an aspect admits is in ASPECT_VALUES."""

    all = "all"
    most = "most"
    some = "some"
    not_ = "not"
    excellent = "excellent"
    promising = "promising"
    uncertain = "uncertain"
    poor = "poor"
    outstanding = "outstanding"
    good = "good"
    requires_improvement = "requires_improvement"
    inadequate = "inadequate"
    zero_stars = "0"
    one_star = "1"
    two_stars = "2"
    three_stars = "3"
    insufficient = "insufficient"
    sufficient = "sufficient"


# The values each aspect admits, best first (consolidation reads the direction of travel from it).
ASPECT_VALUES: dict[Aspect, tuple[str, ...]] = {
    Aspect.serving_people: ("all", "most", "some", "not"),
    Aspect.prospects: ("excellent", "promising", "uncertain", "poor"),
    Aspect.overall_effectiveness: ("outstanding", "good", "requires_improvement", "inadequate"),
    Aspect.star_rating: ("3", "2", "1", "0"),
    Aspect.progress: ("insufficient", "sufficient"),
}


class ServiceArea(str, Enum):
    children = "children"
    child_protection = "child_protection"
    looked_after_children = "looked_after_children"
    older_people = "older_people"
    learning_disabilities = "learning_disabilities"
    mental_health = "mental_health"
    physical_disabilities = "physical_disabilities"
    carers = "carers"
    adults = "adults"
    workforce = "workforce"
    finance = "finance"
    partnership = "partnership"
    other = "other"


class Alignment(str, Enum):
    """How a span was found in the cleaned text; reviewers distrust anything but `exact`."""

    exact = "exact"
    normalised = "normalised"
    fuzzy = "fuzzy"
    none = "none"


class Outcome(str, Enum):
    ok = "ok"
    flagged = "flagged"
    failed = "failed"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


FACT_ID = "Stable fact id from its kind and span (align.fact_ids), e.g. judgement-812-861."


# --- ArticleSummary -------------------------------------------------------------------------


class Span(Strict):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    alignment: Alignment = Alignment.exact

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        if self.end - self.start != len(self.text) and self.alignment != Alignment.none:
            raise ValueError("span text length does not match end - start")
        return self


DateFrom = Literal["page", "dateline", "byline", "url"]


class Source(Strict):
    path: str
    sha256: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = Field(default=None, pattern=DATE_PATTERN)
    date_from: DateFrom | None = Field(
        default=None,
        description="Where `published` was read: page metadata, a date line, a byline or the URL.",
    )
    url: str | None = Field(default=None, description="The page's address, when the input says.")
    report_url: str | None = Field(default=None, description="The official report it links.")


class CouncilRef(Strict):
    id: str | None = Field(default=None, description=FACT_ID)
    name: str
    gss_code: str | None = None
    mentioned_as: list[str] = Field(default_factory=list)


class Review(Strict):
    review_type: ReviewType = ReviewType.other
    bodies: list[Body] = Field(default_factory=list)
    date: str | None = Field(default=None, pattern=DATE_PATTERN)


class Judgement(Strict):
    id: str | None = Field(default=None, description=FACT_ID)
    aspect: Aspect
    value: JudgementValue
    council: str | None = None
    evidence: Span
    date: str | None = Field(
        default=None,
        pattern=DATE_PATTERN,
        description="When the judgement was made, if the text dates it (a past rating).",
    )
    past: bool = Field(default=False, description="An earlier grade the article reports.")
    confidence: Confidence = "high"
    confidence_note: str | None = Field(default=None, description="Why confidence is not high.")

    @model_validator(mode="after")
    def _value_fits_aspect(self) -> Judgement:
        allowed = ASPECT_VALUES[self.aspect]
        if self.value.value not in allowed:
            raise ValueError(
                f"{self.value.value!r} is not a value of {self.aspect.value}; use one of {allowed}"
            )
        if self.confidence != "high" and not self.confidence_note:
            raise ValueError("a judgement below high confidence needs a confidence_note")
        return self


class Point(Strict):
    id: str | None = Field(default=None, description=FACT_ID)
    text: str
    service_area: ServiceArea | None = None
    council: str | None = None
    evidence: Span


class Quote(Strict):
    id: str | None = Field(default=None, description=FACT_ID)
    speaker: str | None = None
    role: str | None = None
    organisation: str | None = None
    text: str
    span: Span


class Figure(Strict):
    id: str | None = Field(default=None, description=FACT_ID)
    text: str
    meaning: str
    span: Span


class Person(Strict):
    name: str
    role: str | None = None
    organisation: str | None = None


class Usage(Strict):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    cached_tokens: int = Field(
        default=0,
        description="Prompt tokens the provider served from its prompt cache (part of "
        "prompt_tokens, priced at the cached rate).",
    )

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
            cached_tokens=self.cached_tokens + other.cached_tokens,
        )


class Provenance(Strict):
    backend: Literal["offline", "llm"]
    model: str | None = None
    prompt_version: str | None = None
    attempts: int = 1
    usage: Usage = Field(default_factory=Usage)
    outcome: Outcome = Outcome.ok
    problems: list[str] = Field(
        default_factory=list, description="What is still wrong with a flagged summary."
    )


class ArticleSummary(Strict):
    schema_version: Literal["1.0"] = SCHEMA_VERSION
    source: Source
    scope: Scope
    councils: list[CouncilRef] = Field(default_factory=list)
    review: Review = Field(default_factory=Review)
    judgements: list[Judgement] = Field(default_factory=list)
    summary: str = ""
    strengths: list[Point] = Field(default_factory=list)
    concerns: list[Point] = Field(default_factory=list)
    recommendations: list[Point] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    service_areas: list[ServiceArea] = Field(default_factory=list)
    provenance: Provenance


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


class TimelineEvent(Strict):
    date: str | None = None
    source_id: str
    event: str


class SourceRef(Strict):
    source_id: str
    span: Span


class BriefingPoint(Strict):
    id: str = Field(description="Stable id (s1, c2, r3) that narratives and links cite.")
    text: str
    service_area: ServiceArea | None = None
    sources: list[SourceRef]


class BriefingQuote(Quote):
    source_id: str


class BriefingFigure(Figure):
    source_id: str


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
    schema_version: Literal["1.0"] = SCHEMA_VERSION
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


# --- the ingested article (not part of the written contract) --------------------------------


class Article(Strict):
    """One input after ingestion (not in the written contract); spans point into `text`."""

    id: str = Field(description="The input file's stem; names the output files.")
    path: str
    text: str
    sha256: str = Field(description="sha256 hex of `text` encoded as UTF-8.")
    title: str | None = None
    publisher: str | None = None
    published: str | None = Field(default=None, pattern=DATE_PATTERN)
    date_from: DateFrom | None = None
    url: str | None = None
    report_url: str | None = None
