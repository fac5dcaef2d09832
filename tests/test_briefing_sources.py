"""A briefing's sources, quotes, timeline, headline and latest judgements over several articles.

Written to kill mutants that survived in summarise/brief/consolidate.py (scripts/mutation.sh):
a source's date or link lost, one article's quotes dropped, another council's grade in the
timeline, or an undated earlier grade taken for the latest one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from summarise.brief.consolidate import (
    NATIONAL_NAME,
    Stored,
    build_briefings,
    headline,
    latest_judgements,
    timeline,
)
from summarise.brief.national_context import national_context
from summarise.extract.offline import summarise_article
from summarise.ingest.reader import load_article
from summarise.models import ArticleSummary, Body, CouncilRef, Judgement, LatestJudgement, Scope

NEL = Path(__file__).resolve().parents[1] / "examples" / "articles" / "001_244405360186b16d.txt"
NAME = "North East Lincolnshire"
JOINT = "Joint review by Audit Commission, Social Services Inspectorate"


@pytest.fixture(scope="module")
def nel() -> ArticleSummary:
    return summarise_article(load_article(NEL))


def variant(
    nel: ArticleSummary,
    published: str | None,
    grades: list[tuple[str, str, str | None, bool]] | None = None,
    council: str | None = None,
    **source: Any,
) -> ArticleSummary:
    """`nel` published then, with these (aspect, value, date, past) grades of `council`."""
    update: dict[str, Any] = {
        "source": nel.source.model_copy(update={"published": published, **source})
    }
    if grades is not None:
        base = nel.judgements[0].model_dump()
        update["judgements"] = [
            Judgement.model_validate(
                {**base, "aspect": a, "value": v, "date": d, "past": p, "council": council}
            )
            for a, v, d, p in grades
        ]
    return nel.model_copy(update=update)


def test_each_source_keeps_its_date_links_and_places_and_every_quote(nel: ArticleSummary) -> None:
    old = variant(nel, "2001-05", url="https://news/1", report_url="https://report/1")
    new = variant(nel, "2003", url="https://news/2", report_url="https://report/2")
    stored = [Stored("new", new, ("p2",)), Stored("old", old, ("p1a", "p1b"))]
    (b,) = build_briefings(stored, "T")
    assert (b.council.name, b.council.gss_code) == (NAME, "E06000012")
    assert [(s.id, s.published, s.url, s.report_url, s.places) for s in b.sources] == [
        ("old", "2001-05", "https://news/1", "https://report/1", ["p1a", "p1b"]),
        ("new", "2003", "https://news/2", "https://report/2", ["p2"]),
    ]
    assert len(b.quotes) == 2 * len(nel.quotes) and len(b.figures) == 2 * len(nel.figures)
    assert [f.source_id for f in b.figures] == ["old"] * len(nel.figures) + ["new"] * len(
        nel.figures
    )
    assert nel.recommendations
    assert [len(p.sources) for p in b.recommendations] == [2] * len(b.recommendations)
    assert sum(len(p.sources) for p in b.recommendations) == 2 * len(nel.recommendations)


def test_only_and_the_national_context(nel: ArticleSummary) -> None:
    own = Stored("own", variant(nel, "2003"))
    refs = [
        CouncilRef.model_validate({"name": c, "gss_code": None}) for c in ("Eastshire", "Westshire")
    ]
    wide = Stored(
        "wide",
        variant(nel, "2003").model_copy(update={"scope": Scope.national, "councils": refs}),
    )
    everything = build_briefings([own, wide], "T")
    assert [b.council.name for b in everything] == ["Eastshire", NAME, "Westshire", NATIONAL_NAME]
    mine = everything[1]
    assert mine.national_context and mine.national_context == national_context([own], [wide])
    assert [b.council.name for b in build_briefings([own, wide], "T", only=NAME)] == [NAME]
    assert [b.council.name for b in build_briefings([wide], "T", only="Westshire")] == ["Westshire"]
    assert [b.council.name for b in build_briefings([own, wide], "T", only=NATIONAL_NAME)] == [
        NATIONAL_NAME
    ]


def test_timeline_labels_dates_and_only_the_councils_grades(nel: ArticleSummary) -> None:
    first = variant(
        nel,
        "2001-05-01",
        [("serving_people", "some", None, False), ("prospects", "poor", None, False)],
        NAME,
    )
    review = nel.review.model_copy(update={"bodies": [*nel.review.bodies, Body.other]})
    second = variant(
        nel,
        "2003-06-15",
        [("serving_people", "most", None, False), ("star_rating", "1", None, True)],
        NAME,
    ).model_copy(update={"review": review})
    same_year = variant(nel, "2003-06-15", [("serving_people", "all", None, False)], "Eastshire")
    ours = variant(nel, "2003-06-15", [("star_rating", "2", None, False)], NAME)
    same_year = same_year.model_copy(
        update={"judgements": [*same_year.judgements, *ours.judgements]}
    )
    bare = nel.review.model_copy(update={"bodies": []})
    multi = {"scope": Scope.multi_council, "review": bare}
    items = [
        Stored("a", first),
        Stored("b", second),
        Stored("c", same_year.model_copy(update=multi)),
    ]
    assert [(e.date, e.source_id, e.event) for e in timeline(items, NAME)] == [
        ("2001-05-01", "a", f"{JOINT}: serving some people well; poor prospects for improvement"),
        (None, "b", "Earlier judgement reported: one star"),  # just before its source
        ("2003-06-15", "b", f"{JOINT}: serving most people well"),
        ("2003-06-15", "c", "Joint review: two stars"),
    ]


def test_headline_lists_every_current_and_earlier_grade() -> None:
    def judged(aspect: str, value: str, date: str | None = None, past: bool = False) -> Any:
        return LatestJudgement.model_validate(
            {"aspect": aspect, "value": value, "source_id": "h", "date": date, "past": past}
        )

    found = [
        judged("serving_people", "some", "2019"),
        judged("prospects", "uncertain", "2019"),
        judged("overall_effectiveness", "inadequate", "2017-03", past=True),
        judged("star_rating", "1", past=True),
    ]
    assert headline(NAME, found, []) == (
        f"{NAME}: serving some people well, uncertain prospects for improvement; previously "
        "rated inadequate in 2017-03, one star; direction of travel: improvement uncertain."
    )


def test_an_undated_grade_is_never_the_latest(nel: ArticleSummary) -> None:
    dated = Stored("dated", variant(nel, "2015", [("overall_effectiveness", "good", None, False)]))
    earlier = variant(  # an undated article's undated earlier grade
        nel,
        None,
        [
            ("overall_effectiveness", "inadequate", None, True),
            ("serving_people", "most", None, False),
        ],
    )
    found = latest_judgements([dated, Stored("later", earlier)], NAME)
    assert sorted((j.aspect.value, j.value.value, j.source_id) for j in found) == [
        ("overall_effectiveness", "good", "dated"),
        ("serving_people", "most", "later"),
    ]
    undated = Stored(
        "undated", variant(nel, None, [("overall_effectiveness", "good", None, False)])
    )
    newer = Stored(
        "2019", variant(nel, "2019", [("overall_effectiveness", "inadequate", None, False)])
    )
    found = latest_judgements([undated, newer], NAME)
    assert [(j.value.value, j.source_id) for j in found] == [("inadequate", "2019")]


def test_an_undated_earlier_grade_sits_just_before_its_source_whatever_the_date_precision(
    nel: ArticleSummary,
) -> None:
    older = variant(nel, "2001", [("serving_people", "some", None, False)], NAME)
    reporting = variant(nel, "2003", [("star_rating", "1", None, True)], NAME)
    items = [Stored("a", older), Stored("b", reporting)]
    assert [(e.date, e.source_id) for e in timeline(items, NAME)] == [
        ("2001", "a"),
        (None, "b"),  # the earlier grade "b" reports, after 2001, before "b" itself
        ("2003", "b"),
    ]


def test_an_undated_earlier_grade_never_takes_its_sources_date(nel: ArticleSummary) -> None:
    reporting = variant(nel, "2019", [("star_rating", "1", None, True)], NAME)
    found = latest_judgements([Stored("report", reporting)], NAME)
    assert [(j.value.value, j.date, j.past) for j in found] == [("1", None, True)]
    assert "in 2019" not in headline(NAME, found, [Stored("report", reporting)])
    assert "previously one star;" in headline(NAME, found, [Stored("report", reporting)])
