"""Reviewers' decisions on facts (contract: "Fact ids and review decisions"), and re-anchoring.

Decisions are append-only; the newest per fact is in force. A decision names a fact by id in
the cleaned text it was made on. When the cleaning or the extraction has changed since, the
fact is found again by aligning its text to the new cleaned text: an accept carries over only
when the fact's value is unchanged, and anything that cannot be placed is listed as needing
review, never dropped. Plain models in, plain models out: briefings never see the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from summarise.align.fact_ids import (
    FACT_LISTS,
    fact_span,
    facts_by_id,
    iter_facts,
    with_fact_ids,
)
from summarise.align.spans import Aligner, check_span
from summarise.models import (
    ArticleSummary,
    CouncilRef,
    FactReview,
    Figure,
    Judgement,
    Point,
    Quote,
)

Action = Literal["accept", "reject", "correct", "add"]
KIND_MODEL: dict[str, type[BaseModel]] = {
    "council": CouncilRef,
    "judgement": Judgement,
    "strength": Point,
    "concern": Point,
    "recommendation": Point,
    "quote": Quote,
    "figure": Figure,
}
KIND_FIELD = {kind: name for name, kind in FACT_LISTS}


class Decision(BaseModel):
    """One reviewer's decision on one fact, in the contract's shape."""

    model_config = ConfigDict(extra="forbid")

    article_sha256: str
    fact_id: str
    action: Action
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    reviewer: str
    at: str
    reason: str | None = None


@dataclass
class Reviewed:
    """A summary with the decisions in force applied, and those that need a reviewer again."""

    summary: ArticleSummary
    status: dict[str, str] = field(default_factory=dict)  # fact id → accepted|corrected|added
    needs_review: list[Decision] = field(default_factory=list)
    # The reviewed summary's fact ids → who decided what, and when (unreviewed facts absent).
    reviews: dict[str, FactReview] = field(default_factory=dict)


def _mark(d: Decision, status: str) -> FactReview:
    return FactReview(status=status, by=d.reviewer, at=d.at)  # type: ignore[arg-type]


def in_force(decisions: Sequence[Decision]) -> list[Decision]:
    """The newest decision per (article, fact); later entries win ties on `at`."""
    newest: dict[tuple[str, str], Decision] = {}
    for d in sorted(enumerate(decisions), key=lambda p: (p[1].at, p[0])):
        newest[(d[1].article_sha256, d[1].fact_id)] = d[1]
    return list(newest.values())


def _kind(fact_id: str) -> str:
    return fact_id.split("-", 1)[0]


def _value(fact: dict[str, Any]) -> dict[str, Any]:
    """What a fact says, without where it is: ids and offsets move when the text is re-cleaned."""
    out = {k: v for k, v in fact.items() if k not in ("id", "evidence", "span")}
    for key in ("evidence", "span"):
        if isinstance(fact.get(key), dict):
            out[key] = fact[key].get("text")
    return out


def reanchor(decision: Decision, summary: ArticleSummary, text: str) -> str | None:
    """The id the decided fact has in `summary` over `text`, or None when it cannot be placed."""
    facts = facts_by_id(summary)
    before = decision.before or {}
    span = before.get("evidence") or before.get("span")
    if span is None:  # a council: its id is its name
        return decision.fact_id if decision.fact_id in facts else None
    found = Aligner(text, allow_fuzzy=False).find(str(span.get("text", "")))
    if found is None:
        return None
    kind = _kind(decision.fact_id)
    for fact_id, (fact_kind, fact) in facts.items():
        s = fact_span(fact)
        if fact_kind == kind and s is not None and (s.start, s.end) == (found.start, found.end):
            return fact_id
    return None


def _new_fact(kind: str, after: dict[str, Any] | None, text: str) -> BaseModel | None:
    """A corrected or added fact whose span is in `text`: where it was, or found again by
    aligning its span's text (the cleaned text changed since the decision)."""
    if after is None or kind not in KIND_MODEL:
        return None
    try:
        fact = KIND_MODEL[kind].model_validate(after)
    except ValidationError:
        return None
    span = fact_span(fact)  # type: ignore[arg-type]
    if span is None or check_span(text, span) is None:
        return fact
    found = Aligner(text, allow_fuzzy=False).find(span.text)
    if found is None:
        return None
    field = "evidence" if "evidence" in type(fact).model_fields else "span"
    return fact.model_copy(update={field: found})


def withdrawn(d: Decision, decisions: Sequence[Decision]) -> bool:
    """Whether `d` is a reject of a fact a reviewer added (on the same text): a withdrawal."""
    return d.action == "reject" and any(
        a.action == "add" and (a.fact_id, a.article_sha256) == (d.fact_id, d.article_sha256)
        for a in decisions
    )


def apply_decisions(summary: ArticleSummary, text: str, decisions: Sequence[Decision]) -> Reviewed:
    """Apply the decisions in force to one article's summary over its current cleaned text."""
    out = Reviewed(summary)
    drop: set[str] = set()
    replace: dict[str, BaseModel] = {}
    added: dict[str, list[BaseModel]] = {}
    facts = facts_by_id(summary)
    marks: dict[int, FactReview] = {}  # by object: ids are set again once the lists change
    for d in in_force(decisions):
        kind = _kind(d.fact_id)
        if withdrawn(d, decisions):  # the added fact is gone; nothing extracted is touched
            continue
        if d.action == "add":
            fact = _new_fact(kind, d.after, text)
            if fact is None:
                out.needs_review.append(d)
            else:
                added.setdefault(KIND_FIELD[kind], []).append(fact)
                marks[id(fact)] = _mark(d, "added")
            continue
        fact_id = reanchor(d, summary, text)
        if fact_id is None:
            out.needs_review.append(d)
            continue
        current = facts[fact_id][1].model_dump(mode="json")
        unchanged = d.before is not None and _value(d.before) == _value(current)
        if d.action == "accept":
            if unchanged:
                out.status[fact_id] = "accepted"
                marks[id(facts[fact_id][1])] = _mark(d, "accepted")
            else:
                out.needs_review.append(d)
        elif d.action == "reject":
            drop.add(fact_id)
        else:
            fact = _new_fact(kind, d.after, text)
            if fact is None:
                out.needs_review.append(d)
            else:
                replace[fact_id] = fact
                out.status[fact_id] = "corrected"
                marks[id(fact)] = _mark(d, "corrected")
    update: dict[str, list[Any]] = {}
    for name, _kind_name in FACT_LISTS:
        kept = [
            replace.get(f.id or "", f) for f in getattr(summary, name) if f.id not in drop
        ] + added.get(name, [])
        # Ids are set again in place below: copies keep the caller's summary as it was.
        update[name] = [_copy_marked(f, marks) for f in kept]
    out.summary = with_fact_ids(summary.model_copy(update=update, deep=True))
    out.reviews = {
        f.id: marks[id(f)] for _, _, f in iter_facts(out.summary) if f.id and id(f) in marks
    }
    return out


def _copy_marked(fact: BaseModel, marks: dict[int, FactReview]) -> BaseModel:
    """A shallow copy of `fact` that carries its review mark (marks are keyed by object)."""
    copy = fact.model_copy()
    if id(fact) in marks:
        marks[id(copy)] = marks[id(fact)]
    return copy
