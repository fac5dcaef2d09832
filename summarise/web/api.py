"""The JSON API under /api/: councils, briefings, articles, facts and decisions. Reads follow
the same login rule as pages; writes need a session and its token in X-CSRF-Token."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel

from summarise.decisions import Decision
from summarise.library import record_decision
from summarise.models import CouncilBriefing
from summarise.store.reviews import decision_rows_for, recent_decision_rows
from summarise.web.briefings import council_view
from summarise.web.facts import DecisionError, ReviewFact, decide, progress, to_decision
from summarise.web.officers import index_rows, state_of
from summarise.web.reviewers import load
from summarise.web.security import require_writer

router = APIRouter(prefix="/api", tags=["api"])


class FactOut(BaseModel):
    number: int
    id: str
    kind: str
    status: str
    fact: dict[str, Any]
    reviewer: str | None = None
    at: str | None = None


class ArticleOut(BaseModel):
    key: str
    title: str | None
    published: str | None
    text_sha256: str
    reviewed: int
    total: int
    facts: list[FactOut]


class DecisionIn(BaseModel):
    """accept | reject | correct (for correct, the fields to change, as the form names them);
    withdraw, for a fact a reviewer added (stored as a reject of it)."""

    action: str
    reason: str | None = None
    fields: dict[str, str] = {}


def _fact(f: ReviewFact) -> FactOut:
    d = f.decision
    return FactOut(number=f.number, id=f.id, kind=f.kind, status=f.status, fact=f.fact,
                   reviewer=d.reviewer if d else None, at=d.at if d else None)  # fmt: skip


@router.get("/councils")
def councils(request: Request) -> list[dict[str, object]]:
    """Every council with latest judgements, number of sources, newest date, review counts."""
    return index_rows(state_of(request))


@router.get("/councils/{name}/briefing")
def briefing(request: Request, name: str) -> CouncilBriefing:
    """A council's briefing with reviewers' decisions applied."""
    view = council_view(state_of(request), name)
    if view is None:
        raise HTTPException(404, f"no briefing for {name!r}")
    return view.briefing


@router.get("/articles")
def articles(request: Request) -> list[dict[str, object]]:
    """Every live article with its summary: key, and how many of its facts are reviewed."""
    counts = state_of(request).counts()
    return [{"key": k, "reviewed": c.reviewed, "total": c.total} for k, c in counts.items()]


@router.get("/articles/{key}")
def article(request: Request, key: str) -> ArticleOut:
    """One article and its facts, each with the decision in force."""
    found, facts = load(request, key)
    done, total = progress(facts)
    return ArticleOut(key=found.key, title=found.title, published=found.published,
                      text_sha256=found.text_sha256, reviewed=done, total=total,
                      facts=[_fact(f) for f in facts])  # fmt: skip


@router.get("/decisions")
def decisions(request: Request, article: str | None = None) -> list[Decision]:
    """Decisions, newest first: one article's (by key), or the latest across the store."""
    store = state_of(request).store
    if article is None:
        return [to_decision(r) for r in recent_decision_rows(store)]
    found, _ = load(request, article)
    return [to_decision(r) for r in reversed(decision_rows_for(store, [found.text_sha256]))]


@router.post("/articles/{key}/facts/{fact_id}/decisions", status_code=201)
def post_decision(request: Request, key: str, fact_id: str, body: DecisionIn) -> list[Decision]:
    """Record a decision on a fact; returns what was stored (append-only)."""
    user = require_writer(request, None)
    found, facts = load(request, key)
    form = dict(body.fields) | ({"reason": body.reason} if body.reason else {})
    try:
        made = decide(facts, fact_id, body.action, form, text=found.text,
                      sha256=found.text_sha256, reviewer=user.name)  # fmt: skip
    except DecisionError as e:
        raise HTTPException(422, str(e)) from None
    for d in made:
        record_decision(state_of(request).store, d)
    return made
