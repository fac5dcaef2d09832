"""The contract's shared parts: versions, enums, the strict base model and spans."""

from __future__ import annotations

from enum import Enum
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION: Final = "1.1"
#: Versions this code reads; a 1.0 file did not require every contract field.
SCHEMA_VERSIONS = Literal["1.0", "1.1"]

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
    interrupted = "interrupted"  # run.json only: Ctrl-C stopped the run before this article


def _all_required(schema: dict[str, Any]) -> None:
    """Every field is always written, so the schema requires every one (schema 1.1); a field
    that may be null says so with `anyOf [..., null]`. Readers can then rely on the contract."""
    properties = schema.get("properties")
    if isinstance(properties, dict) and properties:
        schema["required"] = list(properties)


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", use_enum_values=False, json_schema_extra=_all_required
    )


FACT_ID = "Stable fact id from its kind and span (align.fact_ids), e.g. judgement-812-861."


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
