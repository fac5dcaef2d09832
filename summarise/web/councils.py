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
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
    stamp: str  # what it was derived from (store.webindex.Stamp.value)
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


# Copied with new values per entry: model_construct fills each default_factory field through
# pydantic's signature inspection, which cost ~3 ms an article (more than validating).
_SUMMARY = ArticleSummary.model_construct(
    scope=Scope.council, judgements=[], councils=[], strengths=[], concerns=[],
    recommendations=[], quotes=[], figures=[], people=[], service_areas=[],
    review=Review.model_construct(bodies=[]), source=Source.model_construct(),
)  # fmt: skip
_JUDGEMENT = Judgement.model_construct()


def _entry(stamp: str, data: dict[str, Any]) -> Entry:
    """An entry from its JSON. The models are built without validation: they were valid when
    derived, and validating 10,000 summaries is the cost this module exists to avoid."""
    judgements = [
        _JUDGEMENT.model_copy(
            update={"aspect": Aspect(j["aspect"]), "value": JudgementValue(j["value"])}
            | {f: j[f] for f in JUDGEMENT_FIELDS}
        )
        for j in data["judgements"]
    ]
    summary = _SUMMARY.model_copy(
        update={
            "scope": Scope(data["scope"]),
            "judgements": judgements,
            "review": _SUMMARY.review.model_copy(update={"date": data["review_date"]}),
            "source": _SUMMARY.source.model_copy(update={"published": data["published"]}),
        }
    )
    councils = tuple((str(n), g) for n, g in data["councils"])
    counts = data["reviewed"], data["total"]
    return Entry(data["key"], stamp, councils, data["published"], *counts, summary)


def _refresh(store: Store, stale: list[webindex.Stamp]) -> dict[int, Entry]:
    """Entries for these stamps: kept ones that match, the rest derived again and kept."""
    kept = webindex.entries(store, [s.article_id for s in stale])
    out = {s.article_id: _entry(s.value, json.loads(kept[s.article_id][1]))
           for s in stale if kept.get(s.article_id, ("", ""))[0] == s.value}  # fmt: skip
    todo = [s for s in stale if s.article_id not in out]
    fresh: list[tuple[int, str, str]] = []
    for stamp, (article, summary, rows) in zip(todo, webindex.inputs(store, todo), strict=True):
        data = derive(article, summary, rows)
        fresh.append((stamp.article_id, stamp.value, json.dumps(data, sort_keys=True)))
        out[stamp.article_id] = _entry(stamp.value, data)
    webindex.put_entries(store, fresh)
    return out


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


def _grouped(entries: Iterable[Entry]) -> list[tuple[str, str | None, list[Entry]]]:
    """(council, GSS code, its entries in order) as `build_briefings` groups sources, the
    national briefing last."""
    ordered = sorted(entries, key=lambda e: (source_date(e.summary) or "", e.key))
    by_council: dict[str, tuple[str | None, list[Entry]]] = {}
    for e in ordered:
        for name, gss in e.councils:
            by_council.setdefault(name, (gss, []))[1].append(e)
    groups = [(name, gss, items) for name, (gss, items) in sorted(by_council.items())]
    national = [e for e in ordered if e.summary.scope == Scope.national]
    return groups + ([(NATIONAL_NAME, None, national)] if national else [])


def council_rows(entries: Iterable[Entry]) -> list[Row]:
    """Per council (by name), then the national one: what `build_briefings` would show."""
    return [_row(name, gss, items) for name, gss, items in _grouped(entries)]


@dataclass
class CouncilIndex:
    """The index, kept between requests: entries and council rows by what they came from, so
    after a decision only its article is read and only its councils' rows are made again."""

    _entries: dict[int, Entry] = field(default_factory=dict)
    _mark: tuple[object, ...] | None = None
    _rows: dict[str, tuple[tuple[object, ...], Row]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def entries(self, store: Store, mark: tuple[object, ...] | None = None) -> list[Entry]:
        """Every live article's entry, by article id, brought up to date with the store.

        `mark` is the store's fingerprint (`store.reviews.fingerprint`, newest decision last),
        read before this call: when only decisions were added since the last call's, only the
        articles they were made on are looked at again.
        """
        with self._lock:  # one refresh at a time: a second request waits for the first's work
            last = self._mark
            if mark is None or last is None or last[:-1] != mark[:-1] or not self._entries:
                out = self._entries_now(store, None)
            else:  # decisions made after `mark` was read are looked at now and again next time
                since = int(str(last[-1] or 0))
                out = self._entries_now(store, webindex.decided_since(store, since))
            self._mark = mark  # only once the entries caught up with it
            return out

    def _entries_now(self, store: Store, ids: list[int] | None) -> list[Entry]:
        current = webindex.stamps(store, ids)
        known = self._entries
        stale = [s for a, s in sorted(current.items())
                 if a not in known or known[a].stamp != s.value]  # fmt: skip
        fresh = _refresh(store, stale)
        if ids is None:
            self._entries = {a: fresh.get(a) or known[a] for a in sorted(current)}
        else:  # only decisions came: no article came or went
            self._entries = known | fresh
        return list(self._entries.values())

    def rows(self, store: Store) -> list[Row]:
        """The index's rows over the store as it is now."""
        return self.rows_of(self.entries(store))

    def rows_of(self, entries: Iterable[Entry]) -> list[Row]:
        """The index's rows over these entries; a council's row is made again only when one of
        its entries changed."""
        with self._lock:
            out: list[Row] = []
            rows: dict[str, tuple[tuple[object, ...], Row]] = {}
            for name, gss, items in _grouped(entries):
                mark = (gss, *(e.stamp + e.key for e in items))
                old = self._rows.get(name)
                rows[name] = old if old and old[0] == mark else (mark, _row(name, gss, items))
                out.append(rows[name][1])
            self._rows = rows
            return out


def index_rows(store: Store) -> list[Row]:
    """The index's rows, from the store's kept entries (nothing kept in this process)."""
    return CouncilIndex().rows(store)


__all__ = ["CouncilIndex", "Entry", "council_rows", "derive", "index_rows"]
