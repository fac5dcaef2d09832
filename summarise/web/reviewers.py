"""Reviewers' pages: an article's facts to accept, reject, correct or add to; the review queue
across articles; and the history of decisions. Plain forms; the script only adds keys and
text selection on top."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from summarise.library import load_decisions, record_decision
from summarise.models import ASPECT_VALUES, Aspect, JudgementValue, ServiceArea
from summarise.render.highlight import collect, highlight
from summarise.render.labels import aspect_label, service_area_label, value_label
from summarise.store.repo import StoredArticle
from summarise.store.reviews import (
    article_by_key,
    chosen_summary,
    decision_rows_for,
    recent_decision_rows,
)
from summarise.web.facts import (
    KIND_LABELS,
    POINT_KINDS,
    STATUS_LABELS,
    DecisionError,
    ReviewFact,
    add_fact,
    decide,
    progress,
    review_facts,
    to_decision,
)
from summarise.web.officers import state_of
from summarise.web.security import require_writer
from summarise.web.templating import page

router = APIRouter(include_in_schema=False)
JUDGEMENTS = [
    (f"{a.value}:{v}", f"{aspect_label(a)}: {value_label(a, JudgementValue(v))}")
    for a in Aspect
    for v in ASPECT_VALUES[a]
]
AREAS = [(a.value, service_area_label(a) or a.value) for a in ServiceArea]


def load(request: Request, name: str) -> tuple[StoredArticle, list[ReviewFact]]:
    """The article by key (or its review page's file name) and its facts as reviewed."""
    key = name.removesuffix(".review.html")
    store = state_of(request).store
    article = article_by_key(store, key)
    summary = chosen_summary(store, article) if article is not None else None
    if article is None or summary is None:
        raise HTTPException(404, f"no reviewable article {key!r} in this store")
    decisions = [to_decision(r) for r in decision_rows_for(store, [article.text_sha256])]
    return article, review_facts(summary, decisions)


def _render(request: Request, article: StoredArticle, facts: list[ReviewFact],
            error: str | None = None, status_code: int = 200) -> Response:  # fmt: skip
    spans = [(f.span["start"], f.span["end"], f.kind) for f in facts
             if f.span and f.status != "rejected" and f.kind in KIND_LABELS]  # fmt: skip
    marks = collect(
        ((s, e, k) for s, e, k in spans if 0 <= s < e <= len(article.text)), len(article.text)
    )
    done, total = progress(facts)
    return page(
        request, "review.html", status_code=status_code, wide=True,
        page_title=f"Review: {article.title or article.key}", article=article, facts=facts,
        done=done, total=total, text=highlight(article.text, marks), error=error,
        kinds=KIND_LABELS, statuses=STATUS_LABELS, judgements=JUDGEMENTS, areas=AREAS,
        point_kinds=POINT_KINDS,
    )  # fmt: skip


@router.get("/articles/{name}")
def review_page(request: Request, name: str) -> Response:
    article, facts = load(request, name)
    return _render(request, article, facts)


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def _respond(request: Request, article: StoredArticle, fact_id: str) -> Response:
    _, facts = load(request, article.key)
    done, total = progress(facts)
    if _wants_json(request):
        fact = next((f for f in facts if f.id == fact_id), None)
        return JSONResponse({"fact_id": fact_id, "status": fact.status if fact else None,
                             "reviewed": done, "total": total})  # fmt: skip
    number = next((f.number for f in facts if f.id == fact_id), None)
    anchor = f"#fact-{number}" if number else ""
    return RedirectResponse(f"/articles/{article.key}{anchor}", status_code=303)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


@router.post("/articles/{key}/facts/{fact_id}")
async def decide_fact(request: Request, key: str, fact_id: str) -> Response:
    form = await _form(request)
    user = require_writer(request, form.get("csrf_token"))
    article, facts = load(request, key)
    try:
        made = decide(facts, fact_id, form.get("action", ""), form, text=article.text,
                      sha256=article.text_sha256, reviewer=user.name)  # fmt: skip
    except DecisionError as e:
        if _wants_json(request):
            return JSONResponse({"detail": str(e)}, status_code=422)
        return _render(request, article, facts, error=str(e), status_code=422)
    for d in made:
        record_decision(state_of(request).store, d)
    return _respond(request, article, made[-1].fact_id if len(made) > 1 else fact_id)


@router.post("/articles/{key}/facts")
async def add_missed(request: Request, key: str) -> Response:
    form = await _form(request)
    user = require_writer(request, form.get("csrf_token"))
    article, facts = load(request, key)
    try:
        made = add_fact(facts, form, text=article.text, sha256=article.text_sha256,
                        reviewer=user.name)  # fmt: skip
    except DecisionError as e:
        return _render(request, article, facts, error=str(e), status_code=422)
    record_decision(state_of(request).store, made)
    return _respond(request, article, made.fact_id)


@router.get("/articles/{key}/history")
def article_history(request: Request, key: str) -> Response:
    article, _facts = load(request, key)
    rows = decision_rows_for(state_of(request).store, [article.text_sha256])
    shown = [_history_row(r, article.key) for r in reversed(rows)]
    return page(request, "history.html", page_title=f"History: {article.key}", rows=shown,
                article=article)  # fmt: skip


@router.get("/history")
def history(request: Request) -> Response:
    rows = recent_decision_rows(state_of(request).store)
    return page(request, "history.html", page_title="Decisions", article=None,
                rows=[_history_row(r, str(r.get("key") or "")) for r in rows])  # fmt: skip


def _history_row(row: dict[str, Any], key: str) -> dict[str, Any]:
    d = to_decision(row)
    return {"key": key, "d": d, "before": _pretty(d.before), "after": _pretty(d.after)}


def _pretty(fact: dict[str, Any] | None) -> str:
    return "" if fact is None else json.dumps(fact, ensure_ascii=False, indent=1)


def queue_rows(request: Request, council: str, kind: str, backend: str) -> list[dict[str, Any]]:
    """Unreviewed facts first, low confidence first among them (when the model gives one)."""
    state = state_of(request)

    def build() -> list[dict[str, Any]]:
        by_sha = load_decisions(state.store)
        rows: list[dict[str, Any]] = []
        for article, summary in state.store.latest_summaries(council or None, backend or None):
            for f in review_facts(summary, by_sha.get(article.text_sha256, [])):
                if kind and f.kind != kind:
                    continue
                conf = f.fact.get("confidence")
                conf = conf if isinstance(conf, int | float) else None
                title = article.title or article.key
                rows.append({"key": article.key, "title": title, "f": f, "confidence": conf})
        rows.sort(key=lambda r: (r["f"].reviewed, r["confidence"] is None,
                                 r["confidence"] or 0.0))  # fmt: skip
        return rows

    return state.cached(f"queue:{council}:{kind}:{backend}", build)


@router.get("/queue")
def queue(request: Request, council: str = "", kind: str = "", backend: str = "",
          page_no: int = 1) -> Response:  # fmt: skip
    rows = queue_rows(request, council, kind, backend)
    size = 100
    shown = rows[(page_no - 1) * size : page_no * size]
    unreviewed = sum(not r["f"].reviewed for r in rows)
    return page(request, "queue.html", page_title="Review queue", rows=shown, total=len(rows),
                unreviewed=unreviewed, council=council, kind=kind, backend=backend,
                kinds=KIND_LABELS, statuses=STATUS_LABELS, page_no=page_no,
                more=len(rows) > page_no * size)  # fmt: skip
