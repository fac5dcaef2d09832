"""Fixed, human labels for enum values and dates.

These are the only words a rendering adds to the briefing: headings and labels for values that
are already in the object. Keeping them in one table keeps the Markdown, HTML and docx in step.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from summarise.models import (
    Aspect,
    Body,
    FactReview,
    JudgementValue,
    ReviewCount,
    ReviewType,
    ServiceArea,
)

Tone = Literal["green", "blue", "yellow", "red", "grey"]

ASPECT_LABELS: dict[Aspect, str] = {
    Aspect.serving_people: "Serving people",
    Aspect.prospects: "Prospects for improvement",
    Aspect.overall_effectiveness: "Overall effectiveness",
    Aspect.star_rating: "Star rating",
    Aspect.progress: "Progress",
}

_VALUE_LABELS: dict[tuple[Aspect, str], str] = {
    (Aspect.serving_people, "all"): "Serving all people well",
    (Aspect.serving_people, "most"): "Serving most people well",
    (Aspect.serving_people, "some"): "Serving some people well",
    (Aspect.serving_people, "not"): "Not serving people well",
    (Aspect.prospects, "excellent"): "Excellent",
    (Aspect.prospects, "promising"): "Promising",
    (Aspect.prospects, "uncertain"): "Uncertain",
    (Aspect.prospects, "poor"): "Poor",
    (Aspect.overall_effectiveness, "outstanding"): "Outstanding",
    (Aspect.overall_effectiveness, "good"): "Good",
    (Aspect.overall_effectiveness, "requires_improvement"): "Requires improvement",
    (Aspect.overall_effectiveness, "inadequate"): "Inadequate",
    (Aspect.star_rating, "0"): "0 stars",
    (Aspect.star_rating, "1"): "1 star",
    (Aspect.star_rating, "2"): "2 stars",
    (Aspect.star_rating, "3"): "3 stars",
    (Aspect.progress, "insufficient"): "Insufficient progress",
    (Aspect.progress, "sufficient"): "Sufficient progress",
}

_TONES: dict[str, Tone] = {
    "all": "green",
    "excellent": "green",
    "outstanding": "green",
    "3": "green",
    "sufficient": "green",
    "most": "blue",
    "promising": "blue",
    "good": "blue",
    "2": "blue",
    "some": "yellow",
    "uncertain": "yellow",
    "requires_improvement": "yellow",
    "1": "yellow",
    "not": "red",
    "poor": "red",
    "inadequate": "red",
    "0": "red",
    "insufficient": "red",
}

REVIEW_TYPE_LABELS: dict[ReviewType, str] = {
    ReviewType.joint_review: "Joint review",
    ReviewType.inspection: "Inspection",
    ReviewType.monitoring_visit: "Monitoring visit",
    ReviewType.focused_visit: "Focused visit",
    ReviewType.annual_report: "Annual report",
    ReviewType.star_rating: "Star rating",
    ReviewType.performance_assessment: "Performance assessment",
    ReviewType.other: "Other review",
}

SERVICE_AREA_LABELS: dict[ServiceArea, str] = {
    ServiceArea.children: "Children",
    ServiceArea.child_protection: "Child protection",
    ServiceArea.looked_after_children: "Looked-after children",
    ServiceArea.older_people: "Older people",
    ServiceArea.learning_disabilities: "Learning disabilities",
    ServiceArea.mental_health: "Mental health",
    ServiceArea.physical_disabilities: "Physical disabilities",
    ServiceArea.carers: "Carers",
    ServiceArea.adults: "Adults",
    ServiceArea.workforce: "Workforce",
    ServiceArea.finance: "Finance",
    ServiceArea.partnership: "Partnership",
    ServiceArea.other: "Other",
}

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

UNDATED = "Undated"


def aspect_label(aspect: Aspect) -> str:
    return ASPECT_LABELS[aspect]


def value_label(aspect: Aspect, value: JudgementValue) -> str:
    """The words a reader expects ("Serving some people well"), or the raw value if unknown."""
    return _VALUE_LABELS.get((aspect, value.value), value.value.replace("_", " ").capitalize())


def unconfirmed_label(confidence: str, note: str | None) -> str:
    """Words that mark a judgement the rules are unsure of, with the reason; empty when sure."""
    if confidence == "high":
        return ""
    return f"unconfirmed: {note or confidence + ' confidence'}"


def review_label(review: FactReview | None) -> str:
    """ "accepted by rita, 2026-01-02" for a reviewed fact, "unreviewed", or empty off a store."""
    if review is None:
        return ""
    if review.status == "unreviewed":
        return "unreviewed"
    return f"{review.status} by {review.by or 'a reviewer'}, {(review.at or '')[:10]}".rstrip(", ")


def reviews_label(reviews: Iterable[FactReview | None]) -> str:
    """A merged point's sources: each distinct review once; "unreviewed" if none is reviewed."""
    labels = [review_label(r) for r in reviews if r is not None]
    done = list(dict.fromkeys(x for x in labels if x != "unreviewed"))
    return "; ".join(done) if done else ("unreviewed" if labels else "")


def reviewed_label(count: ReviewCount | None) -> str:
    """The header line of a briefing from a store."""
    return f"{count.reviewed} of {count.total} facts reviewed" if count is not None else ""


def value_tone(value: JudgementValue) -> Tone:
    """A colour family for a judgement tag; the tag always carries its words too."""
    return _TONES.get(value.value, "grey")


def review_type_label(review_type: ReviewType) -> str:
    return REVIEW_TYPE_LABELS[review_type]


def bodies_label(bodies: list[Body]) -> str:
    """Bodies joined for prose ("A, B and C"); empty when no body is known."""
    names = [b.value for b in bodies]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def service_area_label(area: ServiceArea | None) -> str | None:
    return None if area is None else SERVICE_AREA_LABELS[area]


def date_label(value: str | None) -> str:
    """``2001-06-12`` -> ``12 June 2001`` (GOV.UK style); partial dates keep their precision.

    Anything that is not a contract date is shown unchanged rather than guessed at.
    """
    if not value:
        return UNDATED
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return value
    if len(parts[0]) != 4 or len(numbers) > 3:
        return value
    if len(numbers) == 1:
        return parts[0]
    month = numbers[1]
    if not 1 <= month <= 12:
        return value
    if len(numbers) == 2:
        return f"{_MONTHS[month - 1]} {parts[0]}"
    return f"{numbers[2]} {_MONTHS[month - 1]} {parts[0]}"


def timestamp_label(value: str) -> str:
    """An ISO timestamp as a date a reader can scan; unparseable values pass through."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"
