"""National context in a council's briefing: near in time, ranked, at most five, newest kept."""

from __future__ import annotations

from summarise.brief.consolidate import NATIONAL_NAME, Stored, build_briefings
from summarise.brief.national_context import MAX_POINTS, national_context
from summarise.models import (
    ArticleSummary,
    CouncilRef,
    Point,
    Provenance,
    Review,
    Scope,
    Source,
    Span,
)


def article(
    sid: str,
    published: str | None,
    scope: Scope,
    points: int = 1,
    councils: tuple[str, ...] = (),
) -> Stored:
    text = "x" * 40
    concerns = [
        Point(text=f"{sid} finding {i}", evidence=Span(start=0, end=10, text=text[:10]))
        for i in range(points)
    ]
    summary = ArticleSummary(
        source=Source(path=f"{sid}.txt", sha256="0" * 64, published=published),
        scope=scope,
        councils=[CouncilRef(name=c) for c in councils],
        review=Review(),
        concerns=concerns,
        provenance=Provenance(backend="offline"),
    )
    return Stored(sid, summary)


def test_only_national_reports_near_the_councils_sources_in_time() -> None:
    own = [article("kent2010", "2010-05", Scope.council, councils=("Kent",))]
    near = article("nat2011", "2011-01", Scope.national)
    far = article("nat2024", "2024-03", Scope.national)
    undated = article("natx", None, Scope.national)
    got = national_context(own, [near, far, undated])
    assert {p.source_id for p in got} == {"nat2011"}


def test_at_most_five_nearest_first_and_the_newest_report_is_kept() -> None:
    own = [article("kent2010", "2010-05", Scope.council, councils=("Kent",))]
    same_year = article("nat2010", "2010-09", Scope.national, points=6)
    newer = article("nat2012", "2012-02", Scope.national, points=2)
    got = national_context(own, [newer, same_year])
    assert len(got) == MAX_POINTS
    assert [p.source_id for p in got[:4]] == ["nat2010"] * 4
    assert got[-1].source_id == "nat2012"  # the newest report is not crowded out


def test_a_national_article_that_grades_the_council_is_a_source_not_context() -> None:
    grading = article("nat2010", "2010-09", Scope.national, councils=("Kent",))
    own = [article("kent2010", "2010-05", Scope.council, councils=("Kent",)), grading]
    assert national_context(own, [grading]) == []


def test_the_national_briefing_repeats_none_of_its_points_as_context() -> None:
    stored = [
        article("kent2010", "2010-05", Scope.council, councils=("Kent",)),
        article("nat2010", "2010-09", Scope.national),
    ]
    briefings = {b.council.name: b for b in build_briefings(stored, "2026-01-01T00:00:00+00:00")}
    assert briefings[NATIONAL_NAME].national_context == []
    assert [p.source_id for p in briefings["Kent"].national_context] == ["nat2010"]
