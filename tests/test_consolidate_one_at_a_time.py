"""Briefings built one at a time hold one council's summaries, and match building them at once.

A run may have more summaries than it can hold, so `each_briefing` is handed a loader and an
entry per summary; this checks, by counting the loaded summaries still alive, that it never
holds more than the largest council's (besides the national ones every briefing reads).
"""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from summarise.brief.consolidate import Stored, build_briefings, each_briefing
from summarise.brief.grouping import Entry, entry_of, plan_briefings
from summarise.extract.offline import summarise_article
from summarise.ingest.reader import load_article

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
COPIES = 3


def _items() -> list[Stored]:
    """Each example three times under other ids: four councils of three, three national."""
    summaries = [summarise_article(load_article(p)) for p in sorted(EXAMPLES.glob("*.txt"))]
    return [Stored(f"a{n}-{k}", s) for n, s in enumerate(summaries) for k in range(COPIES)]


def test_each_briefing_holds_at_most_one_councils_summaries() -> None:
    items = _items()
    plan = plan_briefings(entry_of(n, i.id, i.summary) for n, i in enumerate(items))
    national = {e.id for e in plan.national}
    largest = max(len(entries) for _, entries in plan.councils)
    assert len(plan.councils) == 4 and largest == COPIES and len(national) == COPIES
    loaded: list[weakref.ref[Stored]] = []

    def held() -> int:
        gc.collect()
        return sum(1 for r in loaded if (s := r()) is not None and s.id not in national)

    most = 0

    def load(entry: Entry) -> Stored:
        nonlocal most
        most = max(most, held())
        fresh = Stored(entry.id, items[entry.at].summary)
        loaded.append(weakref.ref(fresh))
        return fresh

    built = []
    for briefing in each_briefing(plan, load, "T"):
        assert held() == 0  # the council's summaries are let go once its briefing is built
        built.append(briefing.model_dump_json())
    assert most == COPIES - 1  # while loading a council: only its own, never another's
    assert built == [b.model_dump_json() for b in build_briefings(items, "T")]


def test_the_plan_groups_as_build_briefings_does() -> None:
    items = _items()
    plan = plan_briefings(entry_of(n, i.id, i.summary) for n, i in enumerate(items))
    names = [council.name for council, _ in plan.councils]
    assert names == sorted(names)
    assert [b.council.name for b in build_briefings(items, "T")][:-1] == names
    only = plan_briefings((entry_of(n, i.id, i.summary) for n, i in enumerate(items)), names[0])
    assert [c.name for c, _ in only.councils] == names[:1] and not only.national_briefing
