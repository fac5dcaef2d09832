"""Background extraction jobs as rows: submitted by the web app, run by its worker thread.

A job left `running` by a server that stopped is set back to `pending` when the next one
starts, so nothing submitted is lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import RowMapping, insert, select, update

from summarise.store.repo import Store
from summarise.store.webtables import jobs
from summarise.store.writes import new_id, now_iso


@dataclass(frozen=True)
class Job:
    id: int
    status: str
    label: str
    suffix: str
    source_url: str | None
    submitted_by: str
    submitted_at: str
    finished_at: str | None
    outcome: str | None
    reason: str | None
    article_key: str | None


_FIELDS = [c for c in jobs.c if c.name != "data"]


def submit(store: Store, label: str, suffix: str, data: bytes, user: str,
           source_url: str | None = None) -> int:  # fmt: skip
    """Queue bytes for extraction; returns the job's id."""
    with store.write() as conn:
        return new_id(
            conn,
            insert(jobs).values(
                status="pending", label=label, suffix=suffix, data=data, source_url=source_url,
                submitted_by=user, submitted_at=now_iso(),
            ),
        )  # fmt: skip


def claim(store: Store) -> tuple[Job, bytes] | None:
    """Take the oldest pending job (marks it running), or None."""
    with store.write() as conn:
        row = conn.execute(
            select(jobs).where(jobs.c.status == "pending").order_by(jobs.c.id).limit(1)
        ).first()
        if row is None:
            return None
        conn.execute(update(jobs).where(jobs.c.id == row.id).values(status="running"))
    return _job(row._mapping, "running"), bytes(row.data)


def finish(store: Store, job_id: int, outcome: str, reason: str | None,
           article_key: str | None) -> None:  # fmt: skip
    with store.write() as conn:
        conn.execute(
            update(jobs)
            .where(jobs.c.id == job_id)
            .values(status="done", outcome=outcome, reason=reason, article_key=article_key,
                    finished_at=now_iso())
        )  # fmt: skip


def requeue_running(store: Store) -> int:
    """Jobs a stopped server left running go back to pending; returns how many."""
    with store.write() as conn:
        res = conn.execute(update(jobs).where(jobs.c.status == "running").values(status="pending"))
    return int(res.rowcount or 0)


def get(store: Store, job_id: int) -> Job | None:
    with store.read() as conn:
        row = conn.execute(select(*_FIELDS).where(jobs.c.id == job_id)).first()
    return None if row is None else _job(row._mapping)


def recent(store: Store, limit: int = 50) -> list[Job]:
    with store.read() as conn:
        rows = conn.execute(select(*_FIELDS).order_by(jobs.c.id.desc()).limit(limit))
        return [_job(r._mapping) for r in rows]


def _job(m: RowMapping, status: str | None = None) -> Job:
    g = m.__getitem__
    return Job(
        id=g("id"), status=status or g("status"), label=g("label"), suffix=g("suffix"),
        source_url=g("source_url"), submitted_by=g("submitted_by"),
        submitted_at=g("submitted_at"), finished_at=g("finished_at"), outcome=g("outcome"),
        reason=g("reason"), article_key=g("article_key"),
    )  # fmt: skip


def article_key_for_raw(store: Store, raw_sha256: str) -> str | None:
    """The key of the article these exact bytes became (or were merged into)."""
    from summarise.store.tables import appearances, articles

    q = (
        select(articles.c.key)
        .join(appearances, appearances.c.article_id == articles.c.id)
        .where(appearances.c.raw_sha256 == raw_sha256)
    )
    with store.read() as conn:
        row = conn.execute(q).first()
    return None if row is None else str(row[0])
