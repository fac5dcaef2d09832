"""Between the store and the briefings: read summaries and decisions, hand plain models on.

consolidate and render never import the store; this module reads it and gives them
`Stored` items (the summary after reviewers' decisions, and every place the article appeared).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import select

from summarise.brief.consolidate import Stored
from summarise.decisions import Decision, apply_decisions
from summarise.gazetteer.lookup import lookup, slugify
from summarise.models import ArticleSummary, FactReview
from summarise.outputs import Layout, write_model, write_text
from summarise.store.repo import Store, StoredArticle
from summarise.store.tables import appearances, articles


@dataclass
class Library:
    """What a briefing is built from, and what reviewers must look at again."""

    items: list[Stored] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    needs_review: list[tuple[str, Decision]] = field(default_factory=list)


def load_decisions(store: Store) -> dict[str, list[Decision]]:
    """Decisions by the cleaned-text sha256 they were made on."""
    out: dict[str, list[Decision]] = {}
    for row in store.decision_rows():
        d = Decision(
            article_sha256=str(row["article_sha256"]),
            fact_id=str(row["fact_id"]),
            action=row["action"],  # type: ignore[arg-type]
            before=json.loads(str(row["before"])) if row["before"] else None,
            after=json.loads(str(row["after"])) if row["after"] else None,
            reviewer=str(row["reviewer"]),
            at=str(row["at"]),
            reason=str(row["reason"]) if row["reason"] else None,
        )
        out.setdefault(d.article_sha256, []).append(d)
    return out


def record_decision(store: Store, d: Decision) -> None:
    """Append a reviewer's decision (decisions are never changed, only outvoted)."""
    values: dict[str, object] = d.model_dump()
    for key in ("before", "after"):
        values[key] = json.dumps(values[key]) if values[key] is not None else None
    store.add_decision(values)


def library(
    store: Store, council: str | None = None, backend: str | None = None, model: str | None = None
) -> Library:
    """Each live article's chosen summary with the decisions in force applied."""
    rows = store.latest_summaries(council, backend, model)
    decisions = load_decisions(store) if rows else {}
    # One council's articles only: every article's history took 88-175 ms at 10,000 (60: ~10).
    ids = [a.id for a, _ in rows] if council is not None else None
    history = store.text_history(ids) if decisions else {}
    out = Library()
    for article, summary in rows:
        shas = history.get(article.id, {article.text_sha256})
        mine = [d for sha in shas for d in decisions.get(sha, [])]
        reviews: dict[str, FactReview] = {}
        if mine:
            reviewed = apply_decisions(summary, article.text, mine)
            summary, reviews = reviewed.summary, reviewed.reviews
            out.needs_review += [(article.key, d) for d in reviewed.needs_review]
        out.items.append(Stored(article.key, summary, tuple(article.places), reviews))
        out.texts[article.key] = article.text
    return out


def places_of(store: Store, ids: Collection[int]) -> dict[int, tuple[str, list[str]]]:
    """Article id → (key, every place it appeared, the first first) for the articles `ids`
    only, so a run need not read every stored article to list its re-posts."""
    found: dict[int, tuple[str, list[str]]] = {}
    if not ids:
        return found
    keys = select(articles.c.id, articles.c.key).where(articles.c.id.in_(list(ids)))
    where = (
        select(appearances.c.article_id, appearances.c.path)
        .where(appearances.c.article_id.in_(list(ids)))
        .order_by(appearances.c.id)
    )
    with store.read() as conn:
        found = {article_id: (key, []) for article_id, key in conn.execute(keys)}
        for article_id, path in conn.execute(where):
            found[article_id][1].append(path)
    return found


class UnknownCouncil(LookupError):
    def __init__(self, name: str, nearest: Sequence[str]) -> None:
        super().__init__(name)
        self.name = name
        self.nearest = list(nearest)


def resolve_council(store: Store, name: str) -> str:
    """A council in the store by its name, slug or GSS code (or a gazetteer alias).

    The gazetteer answers first and one indexed query confirms it; only a name it does not
    know makes the store list every council, to suggest the nearest.
    """
    wanted = name.strip()
    for form in (wanted, wanted.replace("-", " ")):
        authority = lookup(form)
        if authority is not None and store.has_council(authority.name):
            return authority.name
    known = store.council_names()
    for council, gss in known.items():
        if wanted.lower() in (council.lower(), slugify(council), (gss or "").lower()):
            return council
    nearest = process.extract(wanted, list(known), scorer=fuzz.WRatio, limit=3, score_cutoff=60)
    raise UnknownCouncil(wanted, [n for n, _, _ in nearest])


def write_articles(layout: Layout, lib: Library) -> list[tuple[str, ArticleSummary]]:
    """OUT/articles/X.json and X.clean.txt for every item, as `summarise extract` writes them."""
    for item in lib.items:
        write_text(layout.clean_text(item.id), lib.texts[item.id])
        write_model(layout.summary(item.id), item.summary)
    return [(i.id, i.summary) for i in lib.items]


__all__ = ["Library", "StoredArticle", "UnknownCouncil", "library", "resolve_council"]
