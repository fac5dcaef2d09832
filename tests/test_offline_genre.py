"""The offline extractor on articles written for the tests: the genre beyond the five examples.

Star ratings, CQC adult social care ratings, Ofsted inspections of a trust-run service, focused
visits, national reports, round-ups that mix in library inspections and police forces, and a
hard-wrapped article cut off mid-sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise.extract.offline import summarise_article
from summarise.ingest.reader import load_article
from summarise.models import ArticleSummary

GENRE = Path(__file__).parent / "fixtures" / "genre"


def summary(name: str) -> ArticleSummary:
    return summarise_article(load_article(GENRE / name))


def judgements(s: ArticleSummary) -> dict[tuple[str, str | None], str]:
    out: dict[tuple[str, str | None], str] = {}
    for j in s.judgements:
        out.setdefault((j.aspect.value, j.council), j.value.value)
    return out


def test_zero_star_rating() -> None:
    s = summary("star_zero.txt")
    assert [c.name for c in s.councils] == ["Doncaster"]
    assert s.review.review_type.value == "star_rating"
    assert [b.value for b in s.review.bodies] == ["Commission for Social Care Inspection"]
    assert judgements(s) == {
        ("star_rating", "Doncaster"): "0",
        ("serving_people", "Doncaster"): "some",
        ("prospects", "Doncaster"): "poor",
    }
    assert [(q.speaker, q.role) for q in s.quotes] == [
        ("Peter Jones", "director of social services at Doncaster Council")
    ]
    assert {"£4.5m", "40 per cent"} <= {f.text for f in s.figures}


def test_round_up_names_only_social_services_councils() -> None:
    s = summary("star_roundup.txt")
    assert s.scope.value == "multi_council"
    assert sorted(c.name for c in s.councils) == ["Camden", "Kent", "Wigan"]
    got = judgements(s)
    for council in ("Camden", "Kent", "Wigan"):
        assert got[("star_rating", council)] == "3"
    # "Kent's library service was rated good" is not a social services judgement.
    assert ("overall_effectiveness", "Kent") not in got
    wigan_points = [p for p in s.strengths + s.concerns if p.council == "Wigan"]
    assert any("carers" in p.text for p in wigan_points)


def test_cqc_rating_of_adult_social_care() -> None:
    s = summary("cqc_adults.txt")
    assert [(c.name, c.gss_code) for c in s.councils] == [("Surrey", "E10000030")]
    assert [b.value for b in s.review.bodies] == ["Care Quality Commission"]
    assert judgements(s) == {("overall_effectiveness", "Surrey"): "good"}
    assert any("waited too long" in p.text for p in s.concerns)


def test_trust_run_service_is_the_council_and_past_rating_is_kept() -> None:
    s = summary("ofsted_trust.txt")
    assert [c.name for c in s.councils] == ["Birmingham"]
    assert s.review.date == "2022-01"
    values = [
        (j.value.value, j.date) for j in s.judgements if j.aspect.value == "overall_effectiveness"
    ]
    assert values == [("requires_improvement", None), ("inadequate", "2014")]
    # "Adoption services were rated good" is a sub-judgement: a point, not the overall one.
    assert "good" not in [v for v, _ in values]
    assert s.quotes[0].speaker == "Andy Couldrick"


def test_focused_visit_in_a_london_borough() -> None:
    s = summary("focused_visit.txt")
    assert [(c.name, c.gss_code) for c in s.councils] == [("Hackney", "E09000012")]
    assert s.review.review_type.value == "focused_visit"
    assert any("inconsistent" in p.text for p in s.concerns)
    assert any("improve the quality of written plans" in p.text for p in s.recommendations)


def test_national_report() -> None:
    s = summary("national_csci.txt")
    assert s.scope.value == "national"
    assert s.councils == []
    assert s.review.review_type.value == "annual_report"
    assert [q.speaker for q in s.quotes] == ["Paul Snell"]
    assert "73 per cent" in {f.text for f in s.figures}


def test_hard_wrapped_and_truncated_article_of_a_former_county() -> None:
    s = summary("wrapped_truncated.txt")
    assert [(c.name, c.gss_code) for c in s.councils] == [("Northamptonshire", None)]
    assert judgements(s) == {
        ("serving_people", "Northamptonshire"): "most",
        ("prospects", "Northamptonshire"): "promising",
    }
    assert [q.speaker for q in s.quotes] == ["Jane Smith"]
    # The quote runs over a hard line break; unwrapping made it one span of the cleaned text.
    assert "hard work of our staff and the support of elected members" in s.quotes[0].text


@pytest.mark.parametrize("name", sorted(p.name for p in GENRE.glob("*.txt")))
def test_spans_are_exact(name: str) -> None:
    article = load_article(GENRE / name)
    s = summarise_article(article)
    for item in [*s.quotes, *s.figures]:
        span = item.span
        assert article.text[span.start : span.end] == span.text
    for point in [*s.strengths, *s.concerns, *s.recommendations]:
        assert article.text[point.evidence.start : point.evidence.end] == point.evidence.text
