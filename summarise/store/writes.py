"""Statements that write, each run inside a transaction the caller holds.

The inserts are built once, here, and values go in as execute() parameters: a statement built
per call with .values() cost SQLAlchemy about a millisecond an article in construction and
cache-key work (benchmarks/store_ingest.py), for the same SQL every time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import Connection, Insert, delete, insert, select, update

from summarise.models import Article, ArticleSummary
from summarise.run_record import ArticleRun
from summarise.store.tables import appearances, articles, sketches, summaries, summary_councils
from summarise.store.versions import Version


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class SummaryRecord:
    """A summary (None when extraction failed) with the run that made it, ready to store."""

    version: Version
    text_sha256: str
    run: ArticleRun
    summary: ArticleSummary | None


_INSERT_ARTICLE: Final = insert(articles)
_INSERT_SKETCH: Final = insert(sketches)
_INSERT_PLACE: Final = insert(appearances)
_INSERT_SUMMARY: Final = insert(summaries)
_INSERT_COUNCIL: Final = insert(summary_councils)


def new_id(conn: Connection, stmt: Insert, values: dict[str, Any] | None = None) -> int:
    """Run an insert and return the new row's primary key."""
    key = conn.execute(stmt, values).inserted_primary_key
    assert key is not None
    return int(key[0])


def free_key(conn: Connection, stem: str) -> str:
    """The file's stem, made unique among article keys (x, x-2, x-3, ...)."""
    if conn.execute(select(articles.c.id).where(articles.c.key == stem)).first() is None:
        return stem
    q = select(articles.c.key).where(articles.c.key.like(f"{stem}-%"))
    taken = {k for (k,) in conn.execute(q)}
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def insert_article(
    conn: Connection, article: Article, how: str, sketch: Sequence[int], councils_named: str
) -> tuple[int, str]:
    key = free_key(conn, article.id)
    article_id = new_id(
        conn,
        _INSERT_ARTICLE,
        {
            "key": key,
            "text_sha256": article.sha256,
            "text": article.text,
            "councils_named": councils_named,
            "title": article.title,
            "publisher": article.publisher,
            "published": article.published,
            "added_at": now_iso(),
            "added_how": how,
        },
    )
    if sketch:
        conn.execute(_INSERT_SKETCH, [{"hash": h, "article_id": article_id} for h in set(sketch)])
    return article_id, key


def insert_place(
    conn: Connection, article_id: int, article: Article, raw_sha256: str, cleaner: str,
    text: str | None, similarity: float | None,
) -> None:  # fmt: skip
    conn.execute(
        _INSERT_PLACE,
        {
            "article_id": article_id,
            "raw_sha256": raw_sha256,
            "path": article.path,
            "title": article.title,
            "publisher": article.publisher,
            "published": article.published,
            "text": text,
            "similarity": similarity,
            "cleaner_version": cleaner,
            "added_at": now_iso(),
        },
    )


def write_summary(
    conn: Connection, article_id: int, rec: SummaryRecord, *, new_article: bool = False
) -> None:
    """Store a summary with its run record; an earlier one of the same version is replaced
    (`new_article`: the article was inserted in this transaction, so it has none to look for)."""
    run, summary, version = rec.run, rec.summary, rec.version
    values = {
        "outcome": run.outcome.value,
        "reason": run.reason,
        "attempts": run.attempts,
        "usage": run.usage.model_dump_json(),
        "cost_usd": run.cost_usd,
        "created_at": now_iso(),
        "scope": summary.scope.value if summary is not None else None,
        "summary": summary.model_dump_json() if summary is not None else None,
    }
    key = {
        "article_id": article_id,
        "backend": version.backend,
        "model_version": version.model_version,
        "prompt_version": version.prompt_version,
        "schema_version": version.schema_version,
        "text_sha256": rec.text_sha256,
    }
    old = None
    if not new_article:
        old = conn.execute(
            select(summaries.c.id).where(*(summaries.c[k] == v for k, v in key.items()))
        ).scalar()
    if old is not None:
        conn.execute(delete(summary_councils).where(summary_councils.c.summary_id == old))
        conn.execute(update(summaries).where(summaries.c.id == old).values(**values))
        summary_id = old
    else:
        summary_id = new_id(conn, _INSERT_SUMMARY, {**key, **values})
    names = {c.name: c.gss_code for c in summary.councils} if summary else {}
    if names:
        rows = [{"summary_id": summary_id, "name": n, "gss_code": g} for n, g in names.items()]
        conn.execute(_INSERT_COUNCIL, rows)
