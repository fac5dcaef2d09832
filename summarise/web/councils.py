"""The index of councils from a small entry per article, not from every council's briefing.

What the index shows of a council (latest judgements, number of sources, newest date, facts
reviewed) depends on few fields of each source: its reviewed summary's councils, scope, dates
and judgements, and its review counts. Each live article's entry is derived once, kept in the
store with a stamp of what it came from (`store.webindex`), and derived again only when the
stamp changes: a decision re-derives one article, not the 10,000 behind every briefing. The
entries are then grouped per council as `build_briefings` groups summaries, and the judgements
ranked by consolidate's own `latest_judgements`; tests/web/test_web_index.py checks the rows
against the index built from full briefings.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from summarise.align.fact_ids import iter_facts
from summarise.brief.consolidate import NATIONAL_NAME, Stored, latest_judgements, source_date
from summarise.decisions import apply_decisions, in_force
from summarise.gazetteer.lookup import slugify
from summarise.models import (
    ArticleSummary,
    Aspect,
    Judgement,
    JudgementValue,
    Review,
    Scope,
    Source,
)
from summarise.render.labels import aspect_label, value_label, value_tone
from summarise.store import webindex
from summarise.store.repo import Store, StoredArticle
from summarise.web.facts import to_decision

Row = dict[str, Any]
JUDGEMENT_FIELDS = ("date", "past", "council", "confidence", "confidence_note")


@dataclass(frozen=True)
class Entry:
    """One article as the index sees it, and the summary consolidate's ranking reads."""

    key: str
    councils: tuple[tuple[str, str | None], ...]
    published: str | None
    reviewed: int
    total: int
    summary: ArticleSummary  # only scope, dates and judgements are set: not a whole summary


def derive(
    article: StoredArticle, summary: ArticleSummary, rows: Sequence[dict[str, object]]
) -> dict[str, Any]:
    """The entry (as JSON-ready data) of one article from its chosen summary and every
    decision made on any of its texts, as `library` and the review counts read them."""
    made = [to_decision(r) for r in rows]
    # The counts read decisions on the current text only, as the review page does.
    current = in_force([d for d in made if d.article_sha256 == article.text_sha256])
    ids = {f.id for _, _, f in iter_facts(summary) if f.id}
    decided = {d.fact_id for d in current}
    added = {d.fact_id for d in current if d.action == "add"}
    # After the ids are read: applying decisions can re-number the summary's own facts.
    reviewed = apply_decisions(summary, article.text, made).summary if made else summary
    return {
        "key": article.key,
        "scope": reviewed.scope.value,
        "published": reviewed.source.published,
        "review_date": reviewed.review.date,
        "councils": [[c.name, c.gss_code] for c in reviewed.councils],
        "judgements": [
            {"aspect": j.aspect.value, "value": j.value.value}
            | {f: getattr(j, f) for f in JUDGEMENT_FIELDS}
            for j in reviewed.judgements
        ],
        "reviewed": len(decided & ids) + len(added),
        "total": len(ids) + len(added),
    }


def _entry(data: dict[str, Any]) -> Entry:
    """An entry from its JSON. The models are built without validation: they were valid when
    derived, and validating 10,000 summaries is the cost this module exists to avoid."""
    judgements = [
        Judgement.model_construct(
            aspect=Aspect(j["aspect"]),
            value=JudgementValue(j["value"]),
            **{f: j[f] for f in JUDGEMENT_FIELDS},
        )
        for j in data["judgements"]
    ]
    summary = ArticleSummary.model_construct(
        scope=Scope(data["scope"]),
        judgements=judgements,
        review=Review.model_construct(date=data["review_date"]),
        source=Source.model_construct(published=data["published"]),
    )
    councils = tuple((str(n), g) for n, g in data["councils"])
    return Entry(data["key"], councils, data["published"], data["reviewed"], data["total"], summary)


def load_entries(store: Store) -> list[Entry]:
    """Every live article's entry, deriving (and keeping) those whose stamp changed."""
    current = webindex.stamps(store)
    kept = webindex.entries(store)
    stale = [s for a, s in sorted(current.items()) if kept.get(a, ("", ""))[0] != s.value]
    fresh: dict[int, str] = {}
    for stamp, (article, summary, rows) in zip(stale, webindex.inputs(store, stale), strict=True):
        fresh[stamp.article_id] = json.dumps(derive(article, summary, rows), sort_keys=True)
    webindex.put_entries(store, ((a, current[a].value, e) for a, e in fresh.items()))
    return [_entry(json.loads(fresh.get(a) or kept[a][1])) for a in sorted(current)]


def _dated(e: Entry, council: str) -> list[Judgement]:
    """The judgements consolidate counts for `council` (its `_dated_judgements`)."""
    s = e.summary
    return [j for j in s.judgements if j.council in (council, None) or s.scope == Scope.council]


def _row(council: str, gss: str | None, items: list[Entry]) -> Row:
    stored = [Stored(e.key, e.summary) for e in items]
    dates = [e.published for e in items if e.published]
    for e in items:
        dates += [d for d in [source_date(e.summary)] if d]
        dates += [j.date for j in _dated(e, council) if j.date]
    return {
        "council": council,
        "slug": slugify(council),
        "gss_code": gss,
        "judgements": [
            {
                "aspect": aspect_label(j.aspect),
                "value": value_label(j.aspect, j.value),
                "code": j.value.value,
                "tone": value_tone(j.value),
            }
            for j in latest_judgements(stored, council)
        ],
        "sources": len(items),
        "newest": max(dates) if dates else None,
        "reviewed": sum(e.reviewed for e in items),
        "facts": sum(e.total for e in items),
    }


def council_rows(entries: Sequence[Entry]) -> list[Row]:
    """Per council (by name), then the national one: what `build_briefings` would show."""
    ordered = sorted(entries, key=lambda e: (source_date(e.summary) or "", e.key))
    by_council: dict[str, tuple[str | None, list[Entry]]] = {}
    for e in ordered:
        for name, gss in e.councils:
            by_council.setdefault(name, (gss, []))[1].append(e)
    rows = [_row(name, gss, items) for name, (gss, items) in sorted(by_council.items())]
    national = [e for e in ordered if e.summary.scope == Scope.national]
    if national:
        rows.append(_row(NATIONAL_NAME, None, national))
    return rows


def index_rows(store: Store) -> list[Row]:
    """The index's rows, from the store's kept entries."""
    return council_rows(load_entries(store))


__all__ = ["Entry", "council_rows", "derive", "index_rows", "load_entries"]
