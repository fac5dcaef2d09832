"""The store's reads and writes. Every write is one transaction, so a killed run loses at most
the article it was writing, and the store always opens."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, bindparam, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from summarise.models import Article, ArticleSummary
from summarise.store.engine import StoreError, display, explain, open_engine
from summarise.store.tables import (
    appearances,
    articles,
    decisions,
    sketches,
    summaries,
    summary_councils,
)
from summarise.store.versions import Version
from summarise.store.writes import (
    SummaryRecord,
    insert_article,
    insert_place,
    now_iso,
    write_summary,
)


@dataclass
class StoredArticle:
    """One article as the store holds it, with every place it appeared (its first place first)."""

    id: int
    key: str
    text: str
    text_sha256: str
    title: str | None
    publisher: str | None
    published: str | None
    removed: bool = False
    places: list[str] = field(default_factory=list)


@dataclass
class SummaryRow:
    article_id: int
    version: Version
    outcome: str
    summary: ArticleSummary | None
    created_at: str


class Store:
    """A store at `url`, migrated to this code's schema on open."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = open_engine(url)
        self.where = display(self.engine.url)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction; any database failure becomes a StoreError naming the store."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except IntegrityError:
            raise
        except SQLAlchemyError as e:
            raise StoreError(explain(self.where, e)) from None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect().execution_options(readonly=True) as conn:
                yield conn
                conn.rollback()
        except SQLAlchemyError as e:
            raise StoreError(explain(self.where, e)) from None

    # --- what is there ------------------------------------------------------------------------

    def known_raw(self) -> dict[str, tuple[int, str]]:
        """raw sha256 → (article id, cleaner version) for every file already ingested."""
        q = select(
            appearances.c.raw_sha256, appearances.c.article_id, appearances.c.cleaner_version
        )
        with self.read() as conn:
            return {r[0]: (r[1], r[2]) for r in conn.execute(q)}

    def unsummarised(self, version: Version | None, backend: str) -> set[int]:
        """Live articles with no summary of their current text of `version` (or, when None, of
        `backend` at all)."""
        conds = [
            summaries.c.article_id == articles.c.id,
            summaries.c.text_sha256 == articles.c.text_sha256,
            summaries.c.backend == backend,
        ]
        if version is not None:
            conds += [
                summaries.c.model_version == version.model_version,
                summaries.c.prompt_version == version.prompt_version,
                summaries.c.schema_version == version.schema_version,
            ]
        has = select(summaries.c.id).where(*conds).exists()
        q = select(articles.c.id).where(articles.c.removed_at.is_(None), ~has)
        with self.read() as conn:
            return {r[0] for r in conn.execute(q)}

    def articles(self, *, include_removed: bool = False) -> list[StoredArticle]:
        q = select(articles).order_by(articles.c.id)
        if not include_removed:
            q = q.where(articles.c.removed_at.is_(None))
        places = select(appearances.c.article_id, appearances.c.path).order_by(appearances.c.id)
        with self.read() as conn:
            found = {r.id: _article(r) for r in conn.execute(q)}
            for article_id, path in conn.execute(places):
                if article_id in found:
                    found[article_id].places.append(path)
        return list(found.values())

    def find_article(self, name: str) -> StoredArticle:
        """An article by its key, a place it appeared, or its id."""
        for a in self.articles(include_removed=True):
            if name in (a.key, str(a.id)) or name in a.places:
                return a
        raise KeyError(name)

    def candidates(self, sketch: Sequence[int], min_shared: int) -> list[tuple[int, list[int]]]:
        """(article id, sketch) of live articles sharing at least `min_shared` sketch hashes
        (sketches are salted with the councils named, so only those naming the same ones)."""
        found: dict[int, list[int]] = {}
        with self.read() as conn:
            params = {"hashes": list(sketch), "min_shared": min_shared}
            for article_id, h in conn.execute(_CANDIDATES, params):
                found.setdefault(article_id, []).append(h)
        return list(found.items())

    def text_of(self, article_id: int) -> str:
        with self.read() as conn:
            q = select(articles.c.text).where(articles.c.id == article_id)
            return str(conn.execute(q).scalar_one())

    # --- adding -------------------------------------------------------------------------------

    def add_article(
        self, article: Article, raw_sha256: str, cleaner: str, how: str, sketch: Sequence[int],
        councils_named: str, record: SummaryRecord | None = None,
    ) -> tuple[int, str]:  # fmt: skip
        """Insert a new article, its first place and its summary in one transaction; returns
        (id, key). The key is the file's stem, made unique (x, x-2, ...)."""
        with self.write() as conn:
            article_id, key = insert_article(conn, article, how, sketch, councils_named)
            insert_place(conn, article_id, article, raw_sha256, cleaner, None, None)
            if record is not None:
                write_summary(conn, article_id, record, new_article=True)
        return article_id, key

    def add_place(
        self, article_id: int, article: Article, raw_sha256: str, cleaner: str, similarity: float
    ) -> None:
        """Record a re-posted copy as another place the article appeared."""
        with self.write() as conn:
            own = conn.execute(
                select(articles.c.text_sha256).where(articles.c.id == article_id)
            ).scalar_one()
            text = None if own == article.sha256 else article.text
            insert_place(conn, article_id, article, raw_sha256, cleaner, text, similarity)

    def put_summary(self, article_id: int, record: SummaryRecord) -> None:
        with self.write() as conn:
            write_summary(conn, article_id, record)

    # --- briefing inputs ----------------------------------------------------------------------

    def council_names(self) -> dict[str, str | None]:
        """Every council some stored summary reports on, with its GSS code."""
        live = (
            select(summaries.c.id)
            .join(articles, articles.c.id == summaries.c.article_id)
            .where(articles.c.removed_at.is_(None))
        )
        q = (
            select(summary_councils.c.name, func.max(summary_councils.c.gss_code))
            .where(summary_councils.c.summary_id.in_(live))
            .group_by(summary_councils.c.name)
        )
        with self.read() as conn:
            return {r[0]: r[1] for r in conn.execute(q)}

    def has_council(self, name: str) -> bool:
        """Whether a live article's summary reports on the council `name`."""
        q = (
            select(summary_councils.c.name)
            .join(summaries, summaries.c.id == summary_councils.c.summary_id)
            .join(articles, articles.c.id == summaries.c.article_id)
            .where(summary_councils.c.name == name, articles.c.removed_at.is_(None))
            .limit(1)
        )
        with self.read() as conn:
            return conn.execute(q).first() is not None

    def latest_summaries(
        self, council: str | None = None, backend: str | None = None, model: str | None = None
    ) -> list[tuple[StoredArticle, ArticleSummary]]:
        """Per live article (reporting on `council`, or national, when given), the newest ok
        summary of its current text, else the newest flagged one; of `backend`/`model` if given."""
        conds = [
            summaries.c.summary.is_not(None),
            summaries.c.text_sha256 == articles.c.text_sha256,
            articles.c.removed_at.is_(None),
        ]
        if backend:
            conds.append(summaries.c.backend == backend)
        if model:
            conds.append(summaries.c.model_version == model)
        if council is not None:
            named = select(summary_councils.c.summary_id).where(summary_councils.c.name == council)
            conds.append(or_(summaries.c.id.in_(named), summaries.c.scope == "national"))
        q = (
            select(summaries.c.id, summaries.c.article_id, summaries.c.outcome)
            .join(articles, articles.c.id == summaries.c.article_id)
            .where(and_(*conds))
            .order_by(summaries.c.created_at, summaries.c.id)
        )
        best: dict[int, tuple[bool, int]] = {}
        with self.read() as conn:
            for summary_id, article_id, outcome in conn.execute(q):
                ok = outcome == "ok"
                if article_id not in best or ok or not best[article_id][0]:
                    best[article_id] = (ok, summary_id)
            chosen = [sid for _, sid in best.values()]
            raw = dict(
                conn.execute(
                    select(summaries.c.article_id, summaries.c.summary).where(
                        summaries.c.id.in_(chosen)
                    )
                ).all()
            )
            found = self._articles(conn, list(raw))
        return [
            (found[i], ArticleSummary.model_validate_json(raw[i]))
            for i in sorted(raw)
            if i in found
        ]

    def _articles(self, conn: Connection, ids: list[int]) -> dict[int, StoredArticle]:
        q = select(articles).where(articles.c.id.in_(ids))
        found = {r.id: _article(r) for r in conn.execute(q)}
        places = (
            select(appearances.c.article_id, appearances.c.path)
            .where(appearances.c.article_id.in_(ids))
            .order_by(appearances.c.id)
        )
        for article_id, path in conn.execute(places):
            found[article_id].places.append(path)
        return found

    def text_history(self, ids: Sequence[int] | None = None) -> dict[int, set[str]]:
        """Every cleaned-text sha256 each article (of `ids`, when given) has had (decisions
        name the text they saw)."""
        had = select(summaries.c.article_id, summaries.c.text_sha256).distinct()
        now = select(articles.c.id, articles.c.text_sha256)
        parts = [list(ids[i : i + 500]) for i in range(0, len(ids), 500)] if ids is not None else []
        queries = (
            [(had, now)]
            if ids is None
            else [
                (had.where(summaries.c.article_id.in_(p)), now.where(articles.c.id.in_(p)))
                for p in parts
            ]
        )
        out: dict[int, set[str]] = {}
        with self.read() as conn:
            for had_q, now_q in queries:
                for article_id, sha in [*conn.execute(had_q), *conn.execute(now_q)]:
                    out.setdefault(article_id, set()).add(sha)
        return out

    def remove(self, article_id: int) -> None:
        with self.write() as conn:
            conn.execute(
                update(articles).where(articles.c.id == article_id).values(removed_at=now_iso())
            )

    def decision_rows(self) -> list[dict[str, object]]:
        with self.read() as conn:
            rows = conn.execute(select(decisions).order_by(decisions.c.id))
            return [dict(r._mapping) for r in rows]

    def add_decision(self, values: dict[str, object]) -> None:
        with self.write() as conn:
            conn.execute(insert(decisions).values(**values))


# Built once: ingest asks this for every new file, and building it cost more than running it.
_SHARED = (
    select(sketches.c.article_id)
    .where(sketches.c.hash.in_(bindparam("hashes", expanding=True)))
    .group_by(sketches.c.article_id)
    .having(func.count() >= bindparam("min_shared"))
)
_CANDIDATES = (
    select(sketches.c.article_id, sketches.c.hash)
    .join(articles, articles.c.id == sketches.c.article_id)
    .where(sketches.c.article_id.in_(_SHARED), articles.c.removed_at.is_(None))
)


def _article(row: object) -> StoredArticle:
    m = row._mapping  # type: ignore[attr-defined]
    return StoredArticle(
        id=m["id"],
        key=m["key"],
        text=m["text"],
        text_sha256=m["text_sha256"],
        title=m["title"],
        publisher=m["publisher"],
        published=m["published"],
        removed=m["removed_at"] is not None,
    )


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


__all__ = ["Store", "StoreError", "StoredArticle", "SummaryRow", "dumps"]
