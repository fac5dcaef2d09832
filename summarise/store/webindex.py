"""The store's side of the web index: a stamp of what each live article's index entry depends
on, the entries kept in `web_index_entries`, and the inputs to derive the stale ones again.

A stamp names the chosen summary (by the rule of `Store.latest_summaries`; its id and when it
was written, as a re-run of the same version rewrites the row), the article's
current text, and, for every text the article has had, the newest decision made on it and how
many there are (decisions are append-only, so a new one always changes the stamp). Whatever
the index shows of an article is a function of these, so an entry with a matching stamp is
still right, and only the articles a change touched are derived again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from summarise.models import ArticleSummary
from summarise.store.repo import Store, StoredArticle, _article
from summarise.store.tables import articles, decisions, summaries
from summarise.store.webtables import index_entries

# The summary's id and when it was written: a re-run of the same version rewrites its row.
_CHOSEN = (
    summaries.c.id, summaries.c.article_id, summaries.c.text_sha256, summaries.c.outcome,
    summaries.c.created_at,
)  # fmt: skip
CHUNK = 500  # ids per IN (...): well under every database's limit on bound parameters


@dataclass(frozen=True)
class Stamp:
    """What one live article's index entry is derived from."""

    article_id: int
    summary_id: int
    text_sha256: str
    # The article's current text and every earlier one some decision names (decisions on an
    # earlier text are re-anchored on the current one).
    history: frozenset[str]
    value: str


def _chunks(ids: Sequence[object]) -> Iterator[list[object]]:
    for i in range(0, len(ids), CHUNK):
        yield list(ids[i : i + CHUNK])


def decided_since(store: Store, after: int) -> list[int]:
    """The articles that a decision with an id over `after` may change (those whose current or
    earlier text it was made on)."""
    ids: set[int] = set()
    with store.read() as conn:
        q = select(decisions.c.article_sha256).where(decisions.c.id > after).distinct()
        shas = [str(s) for (s,) in conn.execute(q)]
        for part in _chunks(shas):
            had = select(summaries.c.article_id).where(summaries.c.text_sha256.in_(part))
            now = select(articles.c.id).where(articles.c.text_sha256.in_(part))
            ids.update(int(i) for (i,) in [*conn.execute(had), *conn.execute(now)])
    return sorted(ids)


def stamps(store: Store, ids: Sequence[int] | None = None) -> dict[int, Stamp]:
    """Per live article (of `ids`, when given) with a summary of its current text: the stamp of
    its index entry."""
    # Two reads that indexes answer alone (migration 0003), joined here: joined in SQL, the
    # planner read every article's row (text and all) and sorted.
    live = select(articles.c.id, articles.c.text_sha256).where(articles.c.removed_at.is_(None))
    stored = (
        select(*_CHOSEN)
        .where(summaries.c.summary.is_not(None))
        .order_by(summaries.c.created_at, summaries.c.id)
    )
    reads = [(live, stored)]
    if ids is not None:  # in parts of whole articles, so each article's order holds
        reads = [
            (live.where(articles.c.id.in_(p)), stored.where(summaries.c.article_id.in_(p)))
            for p in _chunks(ids)
        ]
    decided = select(decisions.c.article_sha256, func.max(decisions.c.id), func.count()).group_by(
        decisions.c.article_sha256
    )
    best: dict[int, tuple[bool, int, str, str]] = {}
    history: dict[int, set[str]] = {}
    with store.read() as conn:
        for live_q, stored_q in reads:
            current = dict(conn.execute(live_q).all())
            for summary_id, article_id, sha, outcome, made in conn.execute(stored_q):
                if current.get(article_id) != sha:
                    continue
                ok = outcome == "ok"
                if article_id not in best or ok or not best[article_id][0]:
                    best[article_id] = (ok, summary_id, sha, f"{made}/{outcome}")
        marks = {sha: f"{top}/{n}" for sha, top, n in conn.execute(decided)}
        # Only a text some decision names can change an entry, so only those are looked up.
        for part in _chunks(sorted(marks)):
            had = select(summaries.c.article_id, summaries.c.text_sha256).where(
                summaries.c.text_sha256.in_(part)
            )
            now = select(articles.c.id, articles.c.text_sha256).where(
                articles.c.text_sha256.in_(part)
            )
            for article_id, sha in [*conn.execute(had), *conn.execute(now)]:
                history.setdefault(article_id, set()).add(sha)
    out: dict[int, Stamp] = {}
    for article_id, (_, summary_id, sha, made) in best.items():
        shas = frozenset(history.get(article_id, set()) | {sha})
        decided_on = ",".join(f"{s}={marks[s]}" for s in sorted(shas) if s in marks)
        value = f"{summary_id}@{made}:{sha}:{decided_on}"
        out[article_id] = Stamp(article_id, summary_id, sha, shas, value)
    return out


def entries(store: Store, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """The kept entries of these articles: article id → (stamp, entry JSON)."""
    out: dict[int, tuple[str, str]] = {}
    c = index_entries.c
    with store.read() as conn:
        for part in _chunks(ids):
            q = select(c.article_id, c.stamp, c.entry).where(c.article_id.in_(part))
            out.update({r[0]: (r[1], r[2]) for r in conn.execute(q)})
    return out


def put_entries(store: Store, rows: Iterable[tuple[int, str, str]]) -> None:
    """Keep (article id, stamp, entry JSON) rows, replacing what was there. Another process
    writing the same rows at once is not an error: its rows are derived from the same store."""
    values = [{"article_id": a, "stamp": s, "entry": e} for a, s, e in rows]
    if not values:
        return
    try:
        with store.write() as conn:
            for part in _chunks([v["article_id"] for v in values]):
                conn.execute(delete(index_entries).where(index_entries.c.article_id.in_(part)))
            conn.execute(insert(index_entries), values)
    except IntegrityError:
        pass


def inputs(
    store: Store, chosen: Sequence[Stamp]
) -> list[tuple[StoredArticle, ArticleSummary, list[dict[str, object]]]]:
    """For each stamp: its article, its chosen summary and the decisions made on any of the
    article's texts (oldest first), to derive its entry from."""
    by_summary = {s.summary_id: s for s in chosen}
    shas = sorted({sha for s in chosen for sha in s.history})
    found: dict[int, StoredArticle] = {}
    raw: dict[int, str] = {}
    made: dict[str, list[dict[str, object]]] = {}
    with store.read() as conn:
        for part in _chunks([s.article_id for s in chosen]):
            for row in conn.execute(select(articles).where(articles.c.id.in_(part))):
                found[row.id] = _article(row)
        for part in _chunks(list(by_summary)):
            q = select(summaries.c.article_id, summaries.c.summary).where(summaries.c.id.in_(part))
            raw.update({a: str(s) for a, s in conn.execute(q)})
        for part in _chunks(shas):
            q = select(decisions).where(decisions.c.article_sha256.in_(part))
            for r in conn.execute(q.order_by(decisions.c.id)):
                made.setdefault(str(r.article_sha256), []).append(dict(r._mapping))
    out = []
    for s in chosen:
        rows = sorted((r for sha in s.history for r in made.get(sha, [])), key=_id)
        summary = ArticleSummary.model_validate_json(raw[s.article_id])
        out.append((found[s.article_id], summary, rows))
    return out


def texts_of(store: Store, keys: Sequence[str]) -> list[tuple[str, str]]:
    """(key, current cleaned-text sha256) of these live articles, in the order they were added."""
    found: list[tuple[int, str, str]] = []
    with store.read() as conn:
        for part in _chunks(keys):
            q = select(articles.c.id, articles.c.key, articles.c.text_sha256).where(
                articles.c.key.in_(part), articles.c.removed_at.is_(None)
            )
            found += [(int(i), str(k), str(s)) for i, k, s in conn.execute(q)]
    return [(k, s) for _, k, s in sorted(found)]


def _id(row: dict[str, object]) -> int:
    value = row["id"]
    assert isinstance(value, int)
    return value


__all__ = ["Stamp", "decided_since", "entries", "inputs", "put_entries", "stamps", "texts_of"]
