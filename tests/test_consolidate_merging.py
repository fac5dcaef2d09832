"""Merging points across articles, whose points a briefing gets, and how it marks unsure grades.

Written to kill mutants that survived in summarise/brief/consolidate.py (scripts/mutation.sh):
a point merged into the wrong one, a source dropped, or a point given to another council's
briefing is what a reader of the briefing would see.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise.brief.consolidate import (
    NATIONAL_NAME,
    Stored,
    build_briefings,
    direction,
    latest_judgements,
    merge_points,
    near_duplicates,
    unconfirmed,
)
from summarise.extract.offline import summarise_article
from summarise.ingest.reader import load_article
from summarise.models import (
    ArticleSummary,
    CouncilRef,
    Judgement,
    LatestJudgement,
    Point,
    Scope,
    Span,
)

NEL = Path(__file__).resolve().parents[1] / "examples" / "articles" / "001_244405360186b16d.txt"
MORALE = "Staff morale is low across the whole service"


@pytest.fixture(scope="module")
def nel() -> ArticleSummary:
    return summarise_article(load_article(NEL))


def point(text: str, start: int, area: str | None = "children") -> Point:
    span = Span(start=start, end=start + 4, text="word")
    return Point.model_validate({"text": text, "service_area": area, "evidence": span})


def test_short_points_merge_only_when_equal_whichever_order() -> None:
    short, long = "staff morale", "across the service staff morale is low now"
    assert not near_duplicates(short, long) and not near_duplicates(long, short)
    assert near_duplicates("Staff morale", "staff MORALE")
    six = "children wait too long for assessments"
    longer = six + " and managers have not yet tackled the backlog of cases across the county"
    assert not near_duplicates(six, longer) and not near_duplicates(longer, six)
    assert near_duplicates(MORALE, "Across the whole service, staff morale is low")
    assert near_duplicates("Staff morale is very low", "staff morale is very low indeed")


def test_merge_points_keeps_every_source_once_and_every_other_point() -> None:
    items = [
        ("a", point(MORALE, 0)),
        ("b", point("Across the whole service, staff morale is low", 10)),
        ("c", point(MORALE.upper(), 20)),  # the same text, shouted: seen before
        ("a", point(MORALE, 0)),  # the same passage again: cited once
        ("d", point("Assessments of disabled children are late", 30, "adults")),
        ("e", point("across the whole service, staff morale is low", 40)),
        ("f", point("Assessments of disabled children are late", 50)),
        ("b", point("Across the whole service, staff morale is low", 10)),  # cited once
    ]
    merged = merge_points("s", items)
    assert [(p.id, p.text, p.service_area) for p in merged] == [
        ("s1", MORALE, "children"),
        ("s2", "Assessments of disabled children are late", "adults"),
    ]
    assert [(r.source_id, r.span.start) for r in merged[0].sources] == [
        ("a", 0),
        ("b", 10),
        ("c", 20),
        ("e", 40),
    ]
    assert [(r.source_id, r.span.start) for r in merged[1].sources] == [("d", 30), ("f", 50)]


def test_unconfirmed_names_the_reason_or_the_confidence() -> None:
    def judged(confidence: str, note: str | None) -> LatestJudgement:
        return LatestJudgement.model_validate(
            {
                "aspect": "overall_effectiveness",
                "value": "good",
                "source_id": "a",
                "confidence": confidence,
                "confidence_note": note,
            }
        )

    assert unconfirmed(judged("high", None)) == ""
    assert unconfirmed(judged("medium", None)) == " (unconfirmed: medium confidence)"
    assert unconfirmed(judged("low", "two councils in the sentence")) == (
        " (unconfirmed: two councils in the sentence)"
    )


def shared(summary: ArticleSummary, scope: Scope, grades: list[tuple[str, str]]) -> ArticleSummary:
    """The summary as an article about Westshire and Eastshire with these (council, value)
    serving-people grades; its strengths go to Westshire, its concerns to no council."""
    refs = [
        CouncilRef.model_validate({"name": c, "gss_code": None}) for c in ("Eastshire", "Westshire")
    ]
    base = summary.judgements[0].model_dump()
    judgements = [
        Judgement.model_validate(
            {**base, "aspect": "serving_people", "value": v, "council": c, "date": None}
        )
        for c, v in grades
    ]
    return summary.model_copy(
        update={
            "scope": scope,
            "councils": refs,
            "judgements": judgements,
            "strengths": [p.model_copy(update={"council": "Westshire"}) for p in summary.strengths],
            "concerns": [p.model_copy(update={"council": None}) for p in summary.concerns],
        }
    )


def test_direction_compares_only_the_councils_own_grades(nel: ArticleSummary) -> None:
    def dated(s: ArticleSummary, published: str) -> ArticleSummary:
        return s.model_copy(update={"source": s.source.model_copy(update={"published": published})})

    old = dated(
        shared(nel, Scope.multi_council, [("Westshire", "some"), ("Eastshire", "not")]), "2001"
    )
    new = dated(
        shared(nel, Scope.multi_council, [("Westshire", "most"), ("Eastshire", "all")]), "2003"
    )
    items = [Stored("old", old), Stored("new", new)]
    for council, expected in (("Westshire", "improving"), ("Eastshire", "improving")):
        found = latest_judgements(items, council)
        assert direction(found, items, council) == expected
    worse = dated(shared(nel, Scope.multi_council, [("Westshire", "not")]), "2003")
    items = [Stored("old", old), Stored("new", worse)]
    assert direction(latest_judgements(items, "Westshire"), items, "Westshire") == "declining"


def test_each_briefing_gets_the_points_of_its_council(nel: ArticleSummary) -> None:
    assert nel.strengths and nel.concerns
    # A council article's points are its council's, whatever council each names.
    own = nel.model_copy(
        update={
            "strengths": [p.model_copy(update={"council": None}) for p in nel.strengths],
            "concerns": [p.model_copy(update={"council": "Eastshire"}) for p in nel.concerns],
        }
    )
    (b,) = build_briefings([Stored("c", own)], "T")
    assert sum(len(p.sources) for p in b.strengths) == len(nel.strengths)
    assert sum(len(p.sources) for p in b.concerns) == len(nel.concerns)
    # A national article gives a council only the points it names that council in; the
    # national briefing gets them all.
    national = shared(nel, Scope.national, [])
    briefings = {x.council.name: x for x in build_briefings([Stored("n", national)], "T")}
    assert sorted(briefings) == ["Eastshire", NATIONAL_NAME, "Westshire"]
    assert briefings["Eastshire"].strengths == [] and briefings["Eastshire"].concerns == []
    west = briefings["Westshire"]
    assert sum(len(p.sources) for p in west.strengths) == len(nel.strengths)
    assert west.concerns == []
    whole = briefings[NATIONAL_NAME]
    assert sum(len(p.sources) for p in whole.strengths) == len(nel.strengths)
    assert sum(len(p.sources) for p in whole.concerns) == len(nel.concerns)
    # A multi-council article's points likewise go by the council each names.
    multi = shared(nel, Scope.multi_council, [])
    briefings = {x.council.name: x for x in build_briefings([Stored("m", multi)], "T")}
    assert briefings["Eastshire"].strengths == [] and briefings["Eastshire"].concerns == []
