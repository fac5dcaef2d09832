"""Reads the review pages need: one article by key, its chosen summary, its decisions, and a
cheap fingerprint of the store so the web app can cache what it built from the whole store."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select

from summarise.models import ArticleSummary
from summarise.store.repo import Store, StoredArticle, _article
from summarise.store.tables import appearances, articles, decisions, summaries


def article_by_key(store: Store, key: str) -> StoredArticle | None:
    """A live article by its key, with its places."""
    with store.read() as conn:
        row = conn.execute(
            select(articles).where(articles.c.key == key, articles.c.removed_at.is_(None))
        ).first()
        if row is None:
            return None
        found = _article(row)
        q = (
            select(appearances.c.path)
            .where(appearances.c.article_id == found.id)
            .order_by(appearances.c.id)
        )
        found.places = [p for (p,) in conn.execute(q)]
    return found


def chosen_summary(store: Store, article: StoredArticle) -> ArticleSummary | None:
    """The newest ok summary of the article's current text, else the newest flagged one."""
    q = (
        select(summaries.c.outcome, summaries.c.summary)
        .where(
            summaries.c.article_id == article.id,
            summaries.c.text_sha256 == article.text_sha256,
            summaries.c.summary.is_not(None),
        )
        .order_by(summaries.c.created_at.desc(), summaries.c.id.desc())
    )
    with store.read() as conn:
        rows = conn.execute(q).all()
    if not rows:
        return None
    best = next((r for r in rows if r.outcome == "ok"), rows[0])
    return ArticleSummary.model_validate_json(best.summary)


def decision_rows_for(store: Store, shas: Iterable[str]) -> list[dict[str, object]]:
    """Decisions made on any of these cleaned texts, oldest first."""
    q = select(decisions).where(decisions.c.article_sha256.in_(list(shas))).order_by(decisions.c.id)
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def recent_decision_rows(store: Store, limit: int = 200) -> list[dict[str, object]]:
    """The newest decisions across the store, newest first, with the article's key."""
    q = (
        select(decisions, articles.c.key)
        .join(articles, articles.c.text_sha256 == decisions.c.article_sha256, isouter=True)
        .order_by(decisions.c.id.desc())
        .limit(limit)
    )
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def fingerprint(store: Store) -> tuple[object, ...]:
    """Changes whenever an article, summary or decision is added or an article removed."""
    with store.read() as conn:
        row = conn.execute(
            select(
                select(func.max(articles.c.id)).scalar_subquery(),
                select(func.count()).where(articles.c.removed_at.is_not(None)).scalar_subquery(),
                select(func.max(summaries.c.id)).scalar_subquery(),
                # A re-run of the same version rewrites its summary's row (same id, new time).
                select(func.max(summaries.c.created_at))
                .where(summaries.c.summary.is_not(None))
                .scalar_subquery(),
                select(func.max(decisions.c.id)).scalar_subquery(),
            )
        ).one()
    return tuple(row)
