"""Changes to stored articles: split a wrongly merged re-post, and replace a cleaned text.

Both keep history: a split copy becomes its own article with its place moved to it; a new
cleaned text leaves the old summaries (and the decisions made on them) where they were, and
the next ingest extracts the new text.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, delete, func, insert, select, update

from summarise.models import Article
from summarise.store import dedup
from summarise.store.repo import Store, StoredArticle
from summarise.store.tables import appearances, articles, sketches
from summarise.store.writes import free_key, new_id, now_iso


class EditError(ValueError):
    """An edit that does not apply; the message says why."""


def unmerge(store: Store, place: str) -> StoredArticle:
    """Split the copy that appeared at `place` off the article it was merged into."""
    with store.write() as conn:
        row = conn.execute(
            select(appearances).where(appearances.c.path == place).order_by(appearances.c.id)
        ).first()
        if row is None:
            raise EditError(f"no place {place!r} in store {store.where}")
        owner = conn.execute(select(articles).where(articles.c.id == row.article_id)).one()
        first = conn.execute(
            select(func.min(appearances.c.id)).where(appearances.c.article_id == owner.id)
        ).scalar_one()
        if first == row.id:
            raise EditError(f"{place} is the article's first place, not a merged re-post")
        text = row.text if row.text is not None else owner.text
        stem = place.rsplit("/", 1)[-1].split(".")[0] or owner.key
        key = free_key(conn, stem)
        named = dedup.councils_named(text)
        article_id = new_id(
            conn,
            insert(articles).values(
                key=key,
                text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                text=text,
                councils_named=named,
                title=row.title,
                publisher=row.publisher,
                published=row.published,
                added_at=now_iso(),
                added_how=f"unmerge from {owner.key}",
            ),
        )
        conn.execute(
            update(appearances)
            .where(appearances.c.id == row.id)
            .values(article_id=article_id, text=None, similarity=None)
        )
        sketch = dedup.sketch(dedup.shingles(text), named)
        conn.execute(insert(sketches), [{"hash": h, "article_id": article_id} for h in sketch])
    return store.find_article(key)


def _set_text(conn: Connection, article_id: int, text: str) -> None:
    named = dedup.councils_named(text)
    sketch = dedup.sketch(dedup.shingles(text), named)
    conn.execute(
        update(articles)
        .where(articles.c.id == article_id)
        .values(
            text=text,
            text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            councils_named=named,
        )
    )
    conn.execute(delete(sketches).where(sketches.c.article_id == article_id))
    conn.execute(insert(sketches), [{"hash": h, "article_id": article_id} for h in sketch])


def replace_text(store: Store, article_id: int, text: str) -> None:
    """Give an article a new cleaned text (its cleaning changed); summaries are re-made by the
    next ingest, and decisions are re-anchored on the new text when briefings are built."""
    with store.write() as conn:
        _set_text(conn, article_id, text)


def reclean(store: Store, raw_sha256: str, article: Article, cleaner: str) -> bool:
    """A file ingested before under other cleaning rules, cleaned again: when it is its
    article's first place and the cleaned text changed, the article takes the new text.
    Returns whether it did."""
    with store.write() as conn:
        row = conn.execute(select(appearances).where(appearances.c.raw_sha256 == raw_sha256)).one()
        first = conn.execute(
            select(func.min(appearances.c.id)).where(appearances.c.article_id == row.article_id)
        ).scalar_one()
        own = conn.execute(
            select(articles.c.text_sha256).where(articles.c.id == row.article_id)
        ).scalar_one()
        changed = first == row.id and own != article.sha256
        if changed:
            _set_text(conn, row.article_id, article.text)
        conn.execute(
            update(appearances).where(appearances.c.id == row.id).values(cleaner_version=cleaner)
        )
    return bool(changed)
