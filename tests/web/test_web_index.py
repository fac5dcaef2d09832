"""The index from per-article entries shows exactly what the index built from every council's
full briefing showed, on the examples and the dev set, before and after reviewers' decisions,
whether its entries are derived afresh or kept and brought up to date."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select

from summarise.align.fact_ids import iter_facts
from summarise.brief.consolidate import build_briefings
from summarise.decisions import in_force
from summarise.extract.offline import OfflineExtractor
from summarise.gazetteer.lookup import slugify
from summarise.library import library, load_decisions, record_decision
from summarise.models import ASPECT_VALUES, CouncilBriefing
from summarise.render.labels import aspect_label, value_label, value_tone
from summarise.store import webtables
from summarise.store.ingest import Ingester
from summarise.store.repo import Store
from summarise.store.reviews import article_by_key, chosen_summary, decision_rows_for
from summarise.store.tables import summaries
from summarise.store.webtables import index_entries
from summarise.web.councils import CouncilIndex, index_rows
from summarise.web.facts import add_fact, decide, review_facts, to_decision
from summarise.web.state import Counts, WebState

DEV = Path(__file__).resolve().parents[1] / "data" / "dev" / "articles"


def _newest(b: CouncilBriefing) -> str | None:
    dates = [s.published for s in b.sources if s.published] + [e.date for e in b.timeline if e.date]
    return max(dates) if dates else None


def reference_counts(store: Store) -> dict[str, tuple[int, int]]:
    """Per article key, (facts reviewed, facts) as the app counted them before."""
    by_sha = load_decisions(store)
    out: dict[str, tuple[int, int]] = {}
    for article, summary in store.latest_summaries():
        mine = in_force(by_sha.get(article.text_sha256, []))
        ids = {f.id for _, _, f in iter_facts(summary) if f.id}
        decided = {d.fact_id for d in mine}
        added = {d.fact_id for d in mine if d.action == "add"}
        out[article.key] = (len(decided & ids) + len(added), len(ids) + len(added))
    return out


def reference_rows(store: Store) -> list[dict[str, Any]]:
    """The index as the app built it before: every briefing in full, and the review counts."""
    counts = reference_counts(store)
    rows: list[dict[str, Any]] = []
    for b in build_briefings(library(store).items, ""):
        found = [counts[s.id] for s in b.sources if s.id in counts]
        rows.append({
            "council": b.council.name,
            "slug": slugify(b.council.name),
            "gss_code": b.council.gss_code,
            "judgements": [
                {"aspect": aspect_label(j.aspect), "value": value_label(j.aspect, j.value),
                 "code": j.value.value, "tone": value_tone(j.value)}
                for j in b.latest_judgements
            ],
            "sources": len(b.sources),
            "newest": _newest(b),
            "reviewed": sum(c[0] for c in found),
            "facts": sum(c[1] for c in found),
        })  # fmt: skip
    return rows


def _kept(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(index_entries)).scalar_one())


def _forget(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(index_entries))


def check(store: Store, kept: CouncilIndex | None = None) -> list[dict[str, Any]]:
    """The rows every way: from an index kept in this process since before the last change, from
    entries kept in the store, and derived from nothing."""
    want = reference_rows(store)
    if kept is not None:
        assert kept.rows(store) == want
    assert index_rows(store) == want
    _forget(store)
    assert index_rows(store) == want
    return want


def _facts(store: Store, key: str) -> tuple[Any, Any]:
    article = article_by_key(store, key)
    assert article is not None
    summary = chosen_summary(store, article)
    assert summary is not None
    made = [to_decision(r) for r in decision_rows_for(store, [article.text_sha256])]
    return article, review_facts(summary, made)


def review(store: Store, key: str, kind: str, action: str, form: dict[str, str]) -> None:
    """One reviewer's decision on the first fact of `kind` in the article (or an added one)."""
    article, facts = _facts(store, key)
    common = {"text": article.text, "sha256": article.text_sha256, "reviewer": "rita"}
    if action == "add":
        record_decision(store, add_fact(facts, form, **common))
        return
    fact = next(f for f in facts if f.kind == kind and f.status == "unreviewed")
    for d in decide(facts, fact.id, action, form, **common):
        record_decision(store, d)


def _with(store: Store, kind: str, n: int = 1) -> list[str]:
    """Keys of the articles with at least `n` facts of `kind` (by key, so the test is stable)."""
    keys = []
    for article, summary in store.latest_summaries():
        if sum(k == kind for _, k, _ in _iter(summary)) >= n:
            keys.append(article.key)
    return sorted(keys)


def _iter(summary: Any) -> Any:
    return iter_facts(summary)


def other_value(store: Store, key: str) -> str:
    """A judgement value for the article's first judgement's aspect that it does not have."""
    _, facts = _facts(store, key)
    j = next(f for f in facts if f.kind == "judgement").fact
    value = next(v for v in ASPECT_VALUES[j["aspect"]] if v != j["value"])
    return f"{j['aspect']}:{value}"


def decide_some(store: Store) -> None:
    """Reject a judgement, correct one, add one, and reject a council (which moves a source)."""
    judged = _with(store, "judgement")
    assert len(judged) >= 3
    review(store, judged[0], "judgement", "reject", {})
    review(store, judged[1], "judgement", "correct", {"judgement": other_value(store, judged[1])})
    article, _ = _facts(store, judged[2])
    span = article.text.strip().split("\n", 1)[0][:40].strip()
    review(store, judged[2], "judgement", "add",
           {"kind": "judgement", "span_text": span, "judgement": "star_rating:0"})  # fmt: skip
    review(store, judged[2], "judgement", "accept", {})
    two = _with(store, "council", 2)
    if two:
        review(store, two[0], "council", "reject", {})


def _ingest(folder: Path, where: Path) -> Store:
    store = Store(f"sqlite:///{where / 'index.sqlite'}")
    Ingester(store, OfflineExtractor()).run([folder])
    webtables.ensure(store.engine)
    return store


@pytest.fixture
def dev_store(tmp_path: Path) -> Iterator[Store]:
    store = _ingest(DEV, tmp_path)
    yield store
    store.close()


def test_examples_index_same_both_ways(store: Store) -> None:
    kept = CouncilIndex()
    before = check(store, kept)
    assert _kept(store) > 0 and any(r["judgements"] for r in before)
    decide_some(store)
    after = check(store, kept)
    assert after != before  # the decisions show in the index
    assert sum(r["reviewed"] for r in after) > 0


def test_dev_set_index_same_both_ways(dev_store: Store) -> None:
    kept = CouncilIndex()
    before = check(dev_store, kept)
    assert len(before) > 10 and _kept(dev_store) == len(dev_store.latest_summaries())
    index_rows(dev_store)  # kept entries, then decisions: only the decided articles change
    decide_some(dev_store)
    assert index_rows(dev_store) == reference_rows(dev_store)
    after = check(dev_store, kept)
    assert after != before


def test_an_entry_whose_stamp_changed_is_derived_again(store: Store) -> None:
    index_rows(store)
    with store.engine.begin() as conn:  # a kept entry that no longer matches its article
        conn.execute(index_entries.update().values(entry='{"broken": true}', stamp="old"))
    assert index_rows(store) == reference_rows(store)


def test_removed_article_leaves_the_index(store: Store) -> None:
    kept = CouncilIndex()
    rows = kept.rows(store)
    article = store.latest_summaries()[0][0]
    store.remove(article.id)
    assert kept.rows(store) == reference_rows(store) != rows


def test_the_apps_review_counts_are_the_old_ones(dev_store: Store) -> None:
    state = WebState(dev_store)
    assert state.counts() == {k: Counts(*c) for k, c in reference_counts(dev_store).items()}
    decide_some(dev_store)
    assert state.counts() == {k: Counts(*c) for k, c in reference_counts(dev_store).items()}


def test_a_summary_rewritten_in_place_is_read_again(store: Store) -> None:
    """A re-run of the same version rewrites its summary's row: same id, a later time."""
    kept = CouncilIndex()
    before = kept.rows(store)
    article, summary = next((a, s) for a, s in store.latest_summaries() if s.judgements)
    changed = summary.model_copy(update={"judgements": []})
    with store.engine.begin() as conn:
        conn.execute(
            summaries.update()
            .where(summaries.c.article_id == article.id)
            .values(summary=changed.model_dump_json(), created_at="2999-01-01T00:00:00+00:00")
        )
    want = reference_rows(store)
    assert want != before
    assert kept.rows(store) == want
    assert index_rows(store) == want


def test_the_apps_index_follows_each_decision(dev_store: Store) -> None:
    """The app reads only the articles a new decision was made on; after each, it still shows
    what the full briefings show."""
    state = WebState(dev_store)
    first = state.index_rows()
    judged = _with(dev_store, "judgement")
    review(dev_store, judged[0], "judgement", "reject", {})
    assert state.index_rows() == reference_rows(dev_store) != first
    review(
        dev_store,
        judged[1],
        "judgement",
        "correct",
        {"judgement": other_value(dev_store, judged[1])},
    )
    assert state.index_rows() == reference_rows(dev_store)
    two = _with(dev_store, "council", 2)
    review(dev_store, two[0], "council", "reject", {})
    assert state.index_rows() == reference_rows(dev_store)
    dev_store.remove(dev_store.latest_summaries()[-1][0].id)  # not a decision: all looked at
    assert state.index_rows() == reference_rows(dev_store)
