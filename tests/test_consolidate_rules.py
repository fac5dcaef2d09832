"""Headline, direction of travel, timeline and latest judgements, value by value.

Written to kill mutants that survived in summarise/consolidate.py (scripts/mutation.sh): each
expected string is the whole sentence, so a changed word, comparison or order fails.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from summarise.brief.consolidate import (
    Stored,
    build_briefings,
    direction,
    headline,
    latest_judgements,
    timeline,
)
from summarise.extract.offline import summarise_article
from summarise.ingest.reader import load_article
from summarise.models import (
    ArticleSummary,
    Aspect,
    CouncilBriefing,
    CouncilRef,
    Judgement,
    LatestJudgement,
    Scope,
)

ROOT = Path(__file__).resolve().parents[1]
NEL = ROOT / "examples" / "articles" / "001_244405360186b16d.txt"
JOINT = "Joint review by Audit Commission, Social Services Inspectorate"


@pytest.fixture(scope="module")
def nel() -> ArticleSummary:
    return summarise_article(load_article(NEL))


def latest(
    aspect: Aspect, value: str, past: bool = False, date: str | None = None
) -> LatestJudgement:
    return LatestJudgement.model_validate(
        {"aspect": aspect, "value": value, "source_id": "a", "date": date, "past": past}
    )


def with_judgements(
    summary: ArticleSummary, pairs: list[tuple[Aspect, str, str | None]], published: str | None
) -> ArticleSummary:
    """The summary with these (aspect, value, date) judgements, all on its first evidence."""
    base = summary.judgements[0]
    judgements = [
        Judgement.model_validate({**base.model_dump(), "aspect": a, "value": v, "date": d})
        for a, v, d in pairs
    ]
    source = summary.source.model_copy(update={"published": published})
    return summary.model_copy(update={"judgements": judgements, "source": source})


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({Aspect.progress: "insufficient"}, "improvement uncertain"),
        ({Aspect.prospects: "poor"}, "improvement uncertain"),
        ({Aspect.prospects: "uncertain"}, "improvement uncertain"),
        ({Aspect.progress: "sufficient"}, "improving"),
        ({Aspect.prospects: "excellent"}, "improving"),
        ({Aspect.prospects: "promising"}, "improving"),
        ({Aspect.serving_people: "most"}, "not stated in the sources"),
        ({Aspect.overall_effectiveness: "good"}, "not stated in the sources"),
    ],
)
def test_direction_from_the_cues_of_the_latest_judgements(
    values: dict[Aspect, str], expected: str
) -> None:
    current = [latest(a, v) for a, v in values.items()]
    assert direction(current, [], "Westshire") == expected
    # a past judgement is not a cue
    assert direction([latest(a, v, past=True) for a, v in values.items()], [], "Westshire") == (
        "not stated in the sources"
    )


@pytest.mark.parametrize(
    ("older", "newer", "expected"),
    [("some", "most", "improving"), ("most", "some", "declining"), ("all", "not", "declining")],
)
def test_direction_from_an_older_different_judgement(
    nel: ArticleSummary, older: str, newer: str, expected: str
) -> None:
    items = [
        Stored("old", with_judgements(nel, [(Aspect.serving_people, older, None)], "2001")),
        Stored("new", with_judgements(nel, [(Aspect.serving_people, newer, None)], "2003")),
    ]
    found = latest_judgements(items, "North East Lincolnshire")
    assert [(j.source_id, j.value.value, j.date, j.past) for j in found] == [
        ("new", newer, "2003", False)
    ]
    assert direction(found, items, "North East Lincolnshire") == expected


def test_headline_states_current_then_earlier_judgements_and_the_direction(
    nel: ArticleSummary,
) -> None:
    summary = with_judgements(
        nel,
        [
            (Aspect.overall_effectiveness, "inadequate", "2017-03"),
            (Aspect.progress, "insufficient", None),
        ],
        "2019-02-01",
    )
    items = [Stored("g", summary)]
    found = latest_judgements(items, "North East Lincolnshire")
    assert [(j.aspect, j.date, j.past) for j in found] == [
        (Aspect.overall_effectiveness, "2017-03", True),
        (Aspect.progress, "2019-02-01", False),
    ]
    assert headline("Westshire", found, items) == (
        "Westshire: making insufficient progress; previously rated inadequate in 2017-03; "
        "direction of travel: improvement uncertain."
    )
    assert headline("Westshire", [], items) == (
        "Westshire: no formal judgement reported in the sources (latest source: joint review)."
    )
    assert headline("Westshire", [], []) == (
        "Westshire: no formal judgement reported in the sources (latest source: review)."
    )


def test_timeline_orders_by_date_and_lists_earlier_judgements_as_their_own_events(
    nel: ArticleSummary,
) -> None:
    older = with_judgements(nel, [(Aspect.serving_people, "some", None)], "2001-05")
    newer = with_judgements(
        nel,
        [(Aspect.serving_people, "most", None), (Aspect.prospects, "poor", "1999")],
        "2003",
    )
    undated = with_judgements(nel, [], None)
    events = timeline(
        [Stored("new", newer), Stored("u", undated), Stored("old", older)],
        "North East Lincolnshire",
    )
    assert [(e.date, e.source_id, e.event) for e in events] == [
        ("1999", "new", "Earlier judgement reported: poor prospects for improvement"),
        (
            "2001-05",
            "old",
            f"{JOINT}: serving some people well",
        ),
        (
            "2003",
            "new",
            f"{JOINT}: serving most people well",
        ),
        (None, "u", JOINT),
    ]


def multi(summary: ArticleSummary, councils: list[str]) -> ArticleSummary:
    """The summary as a multi-council article: points alternate between the councils."""
    refs = [CouncilRef.model_validate({"name": c, "gss_code": None}) for c in councils]

    def spread(points: list[Any]) -> list[Any]:
        return [
            p.model_copy(update={"council": councils[i % len(councils)]})
            for i, p in enumerate(points)
        ]

    return summary.model_copy(
        update={
            "scope": Scope.multi_council,
            "councils": refs,
            "strengths": spread(summary.strengths),
            "concerns": spread(summary.concerns),
            "judgements": [],
        }
    )


def evidence(points: list[Any]) -> set[str]:
    return {ref.span.text for p in points for ref in p.sources}


def test_a_multi_council_article_gives_each_council_its_own_points_and_no_quotes(
    nel: ArticleSummary,
) -> None:
    two = multi(nel, ["Westshire", "Eastshire"])
    briefings = {b.council.name: b for b in build_briefings([Stored("m", two)], "2026-01-01")}
    assert sorted(briefings) == ["Eastshire", "Westshire"]
    for i, name in enumerate(["Westshire", "Eastshire"]):
        b = briefings[name]
        assert evidence(b.strengths) == {p.evidence.text for p in nel.strengths[i::2]}
        assert evidence(b.concerns) == {p.evidence.text for p in nel.concerns[i::2]}
        assert b.quotes == [] and b.figures == []  # whose they are is not known
    one = multi(nel, ["Westshire"])
    (b,) = build_briefings([Stored("m", one)], "2026-01-01")
    assert len(b.quotes) == len(nel.quotes) and len(b.figures) == len(nel.figures)
    assert evidence(b.strengths) == {p.evidence.text for p in nel.strengths}


@pytest.fixture(scope="module")
def example_briefings() -> tuple[dict[str, ArticleSummary], list[CouncilBriefing]]:
    summaries = {
        p.stem: summarise_article(load_article(p)) for p in sorted(NEL.parent.glob("*.txt"))
    }
    stored = [Stored(k, v) for k, v in summaries.items()]
    return summaries, build_briefings(stored, "2026-01-01T00:00:00+00:00")


def test_point_ids_sources_and_quote_order_of_every_example_briefing(
    example_briefings: tuple[dict[str, ArticleSummary], list[CouncilBriefing]],
) -> None:
    summaries, briefings = example_briefings
    for b in briefings:
        for prefix, points in (("s", b.strengths), ("c", b.concerns), ("r", b.recommendations)):
            assert [p.id for p in points] == [f"{prefix}{i}" for i in range(1, len(points) + 1)]
        for src in b.sources:
            s = summaries[src.id].source
            assert (src.path, src.title, src.published) == (s.path, s.title, s.published)
            assert (src.publisher, src.url, src.report_url) == (s.publisher, s.url, s.report_url)
            assert src.bodies == summaries[src.id].review.bodies
        keys = [(q.speaker is None, q.speaker or "") for q in b.quotes]
        assert keys == sorted(keys), b.council.name  # named speakers A-Z, then unnamed
        assert b.timeline and b.latest_judgements == latest_judgements(
            [Stored(x.id, summaries[x.id]) for x in b.sources], b.council.name
        )
    essex = next(b for b in briefings if b.council.name == "Essex")
    assert len(essex.quotes) == len(summaries["000_d3f0b9fec1a3d49c"].quotes)
    assert len(essex.figures) == len(summaries["000_d3f0b9fec1a3d49c"].figures)
