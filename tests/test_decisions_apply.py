"""apply_decisions returns a reviewed copy and leaves the caller's summary as it was."""

from __future__ import annotations

from pathlib import Path

from summarise.align.fact_ids import iter_facts
from summarise.decisions import Decision, apply_decisions
from summarise.extract.offline import OfflineExtractor
from summarise.ingest.reader import load_article

DEV = Path(__file__).parent / "data" / "dev" / "articles"


def test_a_rejected_fact_does_not_renumber_the_callers_summary() -> None:
    article = load_article(DEV / "125_leeds-calderdale-ilacs-2018.txt")
    summary = OfflineExtractor().extract(article).summary
    ids_before = [f.id for _, _, f in iter_facts(summary)]
    second = next(i for i in ids_before if i and i.endswith("-2"))
    first = second.removesuffix("-2")
    assert first in ids_before  # the article really has a collision to renumber
    reject = Decision(
        article_sha256=article.sha256,
        fact_id=first,
        action="reject",
        before=None,
        reviewer="rita",
        at="2026-12-01T10:00:00Z",
    )
    reviewed = apply_decisions(summary, article.text, [reject])
    assert [f.id for _, _, f in iter_facts(summary)] == ids_before
    after = [f.id for _, _, f in iter_facts(reviewed.summary)]
    assert len(after) == len(ids_before) - 1
    assert second not in after and first in after  # the survivor takes the plain id
