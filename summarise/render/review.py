"""ArticleSummary + cleaned text -> a review page where every extracted fact shows its evidence.

A reviewer reads the article with each span highlighted by field, and a side list of the items;
clicking an item (or arriving from a briefing link ``#span-{start}-{end}``) scrolls to its span
and flashes it. Spans that were not aligned exactly say so with a badge.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarise.models import Alignment, ArticleSummary, Scope, Span
from summarise.render.anchors import span_anchor
from summarise.render.highlight import FIELD_LABELS, FIELDS, collect, highlight
from summarise.render.labels import (
    aspect_label,
    bodies_label,
    date_label,
    review_type_label,
    service_area_label,
    value_label,
)
from summarise.render.templating import asset, render_page

SCOPE_LABELS: dict[Scope, str] = {
    Scope.council: "One council",
    Scope.multi_council: "Several councils",
    Scope.national: "National",
}
FIELD_HEADINGS: dict[str, str] = {
    "judgement": "Judgements",
    "strength": "Strengths",
    "concern": "Concerns",
    "recommendation": "Recommendations",
    "quote": "Quotes",
    "figure": "Figures",
}


@dataclass(frozen=True)
class Badge:
    label: str
    kind: str


@dataclass(frozen=True)
class ReviewItem:
    """One extracted fact in the side list; ``key`` is set when its span is highlighted."""

    field: str
    text: str
    detail: str
    key: str | None
    anchor: str | None
    badges: tuple[Badge, ...]


@dataclass(frozen=True)
class ItemGroup:
    field: str
    heading: str
    label: str
    items: tuple[ReviewItem, ...]


def _check(span: Span, text: str) -> tuple[bool, tuple[Badge, ...]]:
    """Whether the span can be highlighted, and the badges a reviewer should see."""
    inside = 0 <= span.start < span.end <= len(text)
    if span.alignment == Alignment.none or not inside:
        return False, (Badge("not found in text", "none"),)
    badges = []
    if span.alignment == Alignment.fuzzy:
        badges.append(Badge("fuzzy match", "fuzzy"))
    elif span.alignment == Alignment.normalised:
        badges.append(Badge("normalised match", "normalised"))
    if text[span.start : span.end] != span.text:
        badges.append(Badge("span text differs", "mismatch"))
    return True, tuple(badges)


def _item(field: str, body: str, detail: str, span: Span, text: str) -> ReviewItem:
    locatable, badges = _check(span, text)
    key = f"{span.start}-{span.end}" if locatable else None
    anchor = span_anchor(span.start, span.end) if locatable else None
    return ReviewItem(field, body, detail, key, anchor, badges)


def _join(*parts: str | None) -> str:
    return ", ".join(p for p in parts if p)


def _items(summary: ArticleSummary, text: str) -> list[tuple[ReviewItem, Span]]:
    out: list[tuple[ReviewItem, Span]] = []
    for j in summary.judgements:
        body = f"{aspect_label(j.aspect)}: {value_label(j.aspect, j.value)}"
        detail = _join(j.council, date_label(j.date) if j.date else None)
        out.append((_item("judgement", body, detail, j.evidence, text), j.evidence))
    for kind, points in (
        ("strength", summary.strengths),
        ("concern", summary.concerns),
        ("recommendation", summary.recommendations),
    ):
        for p in points:
            detail = _join(service_area_label(p.service_area), p.council)
            out.append((_item(kind, p.text, detail, p.evidence, text), p.evidence))
    for q in summary.quotes:
        detail = _join(q.speaker or "Unnamed speaker", q.role, q.organisation)
        out.append((_item("quote", f"“{q.text}”", detail, q.span, text), q.span))
    for f in summary.figures:
        out.append((_item("figure", f.text, f.meaning, f.span, text), f.span))
    return out


def render_review_page(summary: ArticleSummary, cleaned_text: str, *, article_id: str) -> str:
    """The review page for one article; ``cleaned_text`` is the text its spans point into."""
    pairs = _items(summary, cleaned_text)
    highlights = collect(
        ((span.start, span.end, item.field) for item, span in pairs if item.key is not None),
        len(cleaned_text),
    )
    groups = tuple(
        ItemGroup(
            field=kind,
            heading=FIELD_HEADINGS[kind],
            label=FIELD_LABELS[kind],
            items=tuple(item for item, _ in pairs if item.field == kind),
        )
        for kind in FIELDS
    )
    script = asset("review.js")
    return render_page(
        "review.html",
        script=script,
        wide=True,
        index_href="../index.html",
        page_title=f"Review: {summary.source.title or article_id}",
        article_id=article_id,
        summary=summary,
        scope=SCOPE_LABELS[summary.scope],
        review_type=review_type_label(summary.review.review_type),
        bodies=bodies_label(summary.review.bodies),
        groups=groups,
        highlighted=highlight(cleaned_text, highlights),
        date_label=date_label,
    )
