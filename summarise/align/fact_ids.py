"""Stable fact ids: kind plus span, so decisions and links can cite a fact across re-runs.

The contract ("Fact ids and review decisions") derives an id from the fact's kind and its span
(`judgement-812-861`); a second fact of the same kind on the same span gets a suffix (`-2`).
Councils have no span, so theirs is the kind and the council's name as a slug.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from summarise.models import ArticleSummary, CouncilRef, Figure, Judgement, Point, Quote, Span

Fact = CouncilRef | Judgement | Point | Quote | Figure

# The kind each list of an ArticleSummary holds, in the order the ids are given.
FACT_LISTS: Final = (
    ("councils", "council"),
    ("judgements", "judgement"),
    ("strengths", "strength"),
    ("concerns", "concern"),
    ("recommendations", "recommendation"),
    ("quotes", "quote"),
    ("figures", "figure"),
)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed"


def fact_span(fact: Fact) -> Span | None:
    """The span a fact rests on (None for a council)."""
    if isinstance(fact, Judgement | Point):
        return fact.evidence
    if isinstance(fact, Quote | Figure):
        return fact.span
    return None


def base_id(kind: str, fact: Fact) -> str:
    span = fact_span(fact)
    if span is None:
        return f"{kind}-{_slug(getattr(fact, 'name', ''))}"
    return f"{kind}-{span.start}-{span.end}"


def iter_facts(summary: ArticleSummary) -> Iterator[tuple[str, str, Fact]]:
    """(list name, kind, fact) for every fact of a summary, in a fixed order."""
    for field, kind in FACT_LISTS:
        for fact in getattr(summary, field):
            yield field, kind, fact


def with_fact_ids(summary: ArticleSummary) -> ArticleSummary:
    """`summary` with every fact's contract id set (the same input, the same ids).

    The ids are set in place: extractors call this on facts they have just made, and a copy
    of every fact cost a tenth of the offline extractor's time.
    """
    seen: dict[str, int] = {}
    for _, kind, fact in iter_facts(summary):
        base = base_id(kind, fact)
        seen[base] = seen.get(base, 0) + 1
        fact.id = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return summary


def facts_by_id(summary: ArticleSummary) -> dict[str, tuple[str, Fact]]:
    """Every fact of a summary by its id, with its kind."""
    return {fact.id: (kind, fact) for _, kind, fact in iter_facts(summary) if fact.id}
