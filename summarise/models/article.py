"""ArticleSummary, one article's grounded summary, and Article, the ingested input."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from summarise.models.common import (
    ASPECT_VALUES,
    DATE_PATTERN,
    FACT_ID,
    SCHEMA_VERSION,
    SCHEMA_VERSIONS,
    Aspect,
    Body,
    Confidence,
    JudgementValue,
    Outcome,
    ReviewType,
    Scope,
    ServiceArea,
    Span,
    Strict,
)

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
    schema_version: SCHEMA_VERSIONS = SCHEMA_VERSION
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
    warnings: list[str] = Field(
        default_factory=list, description="What a library warned while reading this file."
    )
    date_from: DateFrom | None = None
    url: str | None = None
    report_url: str | None = None
