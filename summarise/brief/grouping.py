"""Which briefings a run builds, and from which summaries, holding a small entry per summary.

A run may have more summaries than it can hold at once, so it groups them by council from
entries (id, date, councils, whether national) and loads a briefing's summaries only to build it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from summarise.models import ArticleSummary, CouncilId, FactReview, Scope

NATIONAL_NAME = "National (England and Wales)"


def source_date(s: ArticleSummary) -> str | None:
    return s.review.date or s.source.published


@dataclass(frozen=True)
class Entry:
    """What grouping needs of one summary: a run keeps this per article, not the summary."""

    at: int  # the summary's place in the caller's list, for its `Load`
    id: str
    date: str
    councils: tuple[tuple[str, str | None], ...]  # (name, GSS code) as the summary lists them
    national: bool


def entry_of(at: int, item_id: str, summary: ArticleSummary) -> Entry:
    return Entry(
        at=at,
        id=item_id,
        date=source_date(summary) or "",
        councils=tuple((c.name, c.gss_code) for c in summary.councils),
        national=summary.scope == Scope.national,
    )


@dataclass
class Plan:
    """Which briefings to build and from which summaries: the councils' in order, then the
    national one when `national_briefing`. It holds entries, so building one briefing at a
    time holds one briefing's summaries (and the national ones, which every briefing reads)."""

    councils: list[tuple[CouncilId, list[Entry]]]
    national: list[Entry]
    national_briefing: bool

    @property
    def count(self) -> int:
        return len(self.councils) + (1 if self.national_briefing else 0)


def plan_briefings(entries: Iterable[Entry], only: str | None = None) -> Plan:
    """One briefing per council reported on, then a national one if any article is national.

    `only` names the one council wanted (`brief --council`); the others are not planned.
    """
    ordered = sorted(entries, key=lambda e: (e.date, e.id))
    national = [e for e in ordered if e.national]
    by_council: dict[str, tuple[CouncilId, list[Entry]]] = {}
    for e in ordered:
        for name, gss_code in e.councils:
            if only is not None and name != only:
                continue
            entry = by_council.setdefault(name, (CouncilId(name=name, gss_code=gss_code), []))
            entry[1].append(e)
    wanted = bool(national) and only in (None, NATIONAL_NAME)
    return Plan([by_council[name] for name in sorted(by_council)], national, wanted)


@dataclass
class Catalogue:
    """The summaries a run publishes, by key: each one's grouping entry, not the summary,
    which is read back from OUT/articles/<key>.json when it is needed."""

    _entries: dict[str, Entry] = field(default_factory=dict)
    #: every place an article appeared, when given (a store's articles, brief PATHS' re-posts)
    places: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: from a store: each reviewed article's fact reviews (None off a store: nothing reviewed)
    reviews: dict[str, Mapping[str, FactReview]] | None = None

    def add(
        self,
        key: str,
        summary: ArticleSummary,
        places: Sequence[str] = (),
        reviews: Mapping[str, FactReview] | None = None,
    ) -> None:
        """The summary written as OUT/articles/<key>.json (added again, the later one counts)."""
        self._entries[key] = entry_of(len(self._entries), key, summary)
        if places:
            self.places[key] = tuple(places)
        if reviews and self.reviews is not None:
            self.reviews[key] = reviews

    @property
    def entries(self) -> list[Entry]:
        return list(self._entries.values())

    def keys(self) -> list[str]:
        return list(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
