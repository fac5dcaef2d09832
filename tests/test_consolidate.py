"""Consolidation: merging near-duplicates, timelines, latest judgements, headline, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarise.brief.consolidate import NATIONAL_NAME, Stored, build_briefings, near_duplicates
from summarise.extract.offline import summarise_article
from summarise.ingest.reader import load_article
from summarise.models import Aspect, CouncilBriefing

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
LATER_ESSEX = Path(__file__).parent / "fixtures" / "essex" / "essex_2003_review.html"

# Real pairs: the 2000 Essex joint review (example 000) against the later Essex review written
# for these tests, and pairs within the examples that are different findings.
SAME_FINDING = [
    (
        (
            "Family group conferences, the take-up of direct payments, and the learning difficulty "
            "strategy are a sample of the initiatives picked out for praise by government "
            "inspectors"
        ),
        (
            "The review, carried out in September 2003, found that family group conferences and "
            "the take-up of direct payments were again picked out for praise by inspectors"
        ),
    ),
    (
        (
            "Other strengths included good relationships with health authorities, trusts and "
            "primary care groups, and the department’s new supervision and performance management "
            "review scheme"
        ),
        (
            "Other strengths included good relationships with health authorities and primary care "
            "trusts"
        ),
    ),
    (
        (
            "Recruitment difficulties meant that not all statutory work with children was "
            "allocated to a qualified social worker"
        ),
        (
            "Recruitment difficulties still mean that not all statutory work with children is "
            "allocated to a qualified social worker"
        ),
    ),
    (
        (
            "They found the authority struggles to recruit and retain qualified and experienced "
            "social work staff"
        ),
        (
            "it continues to struggle to recruit and retain sufficient suitably qualified and "
            "experienced social work staff"
        ),
    ),
]
DIFFERENT_FINDINGS = [
    (
        (
            "Financial and supply problems meant there were delays in obtaining assessments and "
            "services for older people"
        ),
        (
            "Recruitment difficulties meant that not all statutory work with children was "
            "allocated to a qualified social worker"
        ),
    ),
    (
        (
            "“The very high turnover of staff means too many children are seeing frequent changes "
            "of social worker"
        ),
        (
            "“Too many children and young people experience frequent changes of social worker, and "
            "this impacts negatively on the progression of plans.”"
        ),
    ),
    ("Child protection has improved substantially", "Services to older people have improved"),
    (
        "Continue to improve the quality of children's services",
        (
            "Improve access to services through, for example, the improvement of telephone and "
            "e-mail access"
        ),
    ),
    (
        "Services improved",
        "Services to older people have improved, but there is still room for further improvement",
    ),
]


@pytest.mark.parametrize(("a", "b"), SAME_FINDING)
def test_same_finding_reworded_is_merged(a: str, b: str) -> None:
    assert near_duplicates(a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_FINDINGS)
def test_different_findings_stay_apart(a: str, b: str) -> None:
    assert not near_duplicates(a, b)


def _stored(paths: list[Path]) -> list[Stored]:
    out = []
    for p in paths:
        article = load_article(p)
        out.append(Stored(article.id, summarise_article(article)))
    return out


@pytest.fixture(scope="module")
def briefings() -> dict[str, CouncilBriefing]:
    stored = _stored([*sorted(EXAMPLES.glob("*.txt")), LATER_ESSEX])
    return {b.council.name: b for b in build_briefings(stored, "2026-01-01T00:00:00+00:00")}


def test_essex_briefing_has_both_sources_in_order(briefings: dict[str, CouncilBriefing]) -> None:
    essex = briefings["Essex"]
    assert [s.id for s in essex.sources] == ["000_d3f0b9fec1a3d49c", "essex_2003_review"]
    # Dated events in date order; the 2000 review's text gives no date, so it comes last, undated.
    assert [(e.date, e.source_id) for e in essex.timeline] == [
        ("2003-09", "essex_2003_review"),
        (None, "000_d3f0b9fec1a3d49c"),
    ]


def test_newer_judgement_is_latest(briefings: dict[str, CouncilBriefing]) -> None:
    essex = briefings["Essex"]
    latest = {j.aspect: (j.value.value, j.source_id, j.date) for j in essex.latest_judgements}
    assert latest[Aspect.serving_people] == ("most", "essex_2003_review", "2003-09")
    assert latest[Aspect.prospects] == ("promising", "essex_2003_review", "2003-09")
    assert "serving most people well" in essex.headline


def test_duplicates_merged_keeping_both_sources(briefings: dict[str, CouncilBriefing]) -> None:
    essex = briefings["Essex"]
    multi = [
        p for p in [*essex.strengths, *essex.concerns] if len({s.source_id for s in p.sources}) == 2
    ]
    texts = " | ".join(p.text for p in multi)
    assert "family group conferences" in texts.lower()
    assert "recruitment difficulties" in texts.lower()
    assert "good relationships with health authorities" in texts.lower()


def test_past_judgement_is_dated_and_marked(briefings: dict[str, CouncilBriefing]) -> None:
    glos = briefings["Gloucestershire"]
    latest = {j.aspect: j for j in glos.latest_judgements}
    assert latest[Aspect.overall_effectiveness].value.value == "inadequate"
    assert latest[Aspect.overall_effectiveness].date == "2017-03"
    assert latest[Aspect.overall_effectiveness].past
    assert latest[Aspect.progress].value.value == "insufficient"
    assert glos.headline.startswith(
        "Gloucestershire: making insufficient progress; previously rated inadequate in 2017-03"
    )


def test_national_articles_feed_every_briefing_and_their_own(
    briefings: dict[str, CouncilBriefing],
) -> None:
    national = briefings[NATIONAL_NAME]
    assert not national.national_context  # its own points are not repeated as context
    own = [p.text for p in [*national.concerns, *national.recommendations, *national.strengths]]
    for name in ("Gloucestershire", "Leicestershire", "North East Lincolnshire"):
        context = [n.text for n in briefings[name].national_context]
        # Their sources and the national example are undated: the first five national points.
        assert 0 < len(context) <= 5
        assert all(any(text in o or o in text for o in own) for text in context)
    # Essex has a dated 2003 source; an undated national report cannot be placed near it.
    assert briefings["Essex"].national_context == []
    assert any(q.speaker == "Denise Platt" for q in national.quotes)


def test_point_ids_are_stable_and_unique(briefings: dict[str, CouncilBriefing]) -> None:
    for b in briefings.values():
        ids = [p.id for p in [*b.strengths, *b.concerns, *b.recommendations]]
        assert len(ids) == len(set(ids))


def test_same_inputs_give_byte_identical_json() -> None:
    paths = [*sorted(EXAMPLES.glob("*.txt")), LATER_ESSEX]
    first = [b.model_dump_json() for b in build_briefings(_stored(paths), "T")]
    second = [b.model_dump_json() for b in build_briefings(_stored(list(reversed(paths))), "T")]
    assert first == second
    assert json.loads(first[0])["generated_at"] == "T"


def _article(article_id: str, text: str, published: str) -> Stored:
    from hashlib import sha256

    from summarise.models import Article

    article = Article(
        id=article_id,
        path=f"{article_id}.txt",
        text=text,
        sha256=sha256(text.encode()).hexdigest(),
        published=published,
    )
    return Stored(article_id, summarise_article(article))


def test_direction_of_travel_compares_a_newer_rating_with_an_older_one() -> None:
    older = _article(
        "doncaster-2002",
        (
            "Doncaster social services were given a zero-star rating by the Social Services "
            "Inspectorate."
        ),
        "2002-05",
    )
    newer = _article(
        "doncaster-2004",
        "Doncaster social services have been awarded two stars in this year's star ratings from "
        "the Commission for Social Care Inspection.",
        "2004-11",
    )
    (briefing,) = build_briefings([newer, older], "T")
    latest = {j.aspect: j for j in briefing.latest_judgements}
    assert latest[Aspect.star_rating].value.value == "2"
    assert latest[Aspect.star_rating].source_id == "doncaster-2004"
    assert briefing.headline == "Doncaster: two stars; direction of travel: improving."
    assert [e.source_id for e in briefing.timeline] == ["doncaster-2002", "doncaster-2004"]

    was_better = _article(
        "a", "Doncaster social services have been awarded two stars in the star ratings.", "2002-05"
    )
    now_worse = _article(
        "b",
        "Doncaster social services were given a zero-star rating in the star ratings.",
        "2004-11",
    )
    (declining,) = build_briefings([was_better, now_worse], "T")
    assert declining.headline == "Doncaster: zero stars; direction of travel: declining."
