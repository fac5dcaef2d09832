"""Judgements on invented articles: is it a grade, and when was it given. One test per harm a
wrong grade does in a briefing's headline: an earlier grade, a prediction, an ambition, a
negation, a survey, a part of the service, and the word orders and quote marks of real
reporting. Every article here is written for the test; whose grade it is, is in
test_offline_judgement_councils.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from judgement_helpers import NEIGHBOURS, extract, grades, only

from summarise.brief.consolidate import Stored, build_briefings

EARLIER = """Wigan children's services now good

Published 12 June 2019

Ofsted has rated Wigan Council's children's services as 'good'. The service was previously \
rated inadequate in 2016, when inspectors found serious weaknesses in child protection.

The director of children's services said staff had worked hard to improve.
"""


def test_an_earlier_grade_is_past_and_dated(tmp_path: Path) -> None:
    s = extract(tmp_path, EARLIER)
    (good,) = [j for j in s.judgements if not j.past]
    assert (good.value.value, good.past, good.date) == ("good", False, None)
    past = [j for j in s.judgements if j.past]
    assert [(j.value.value, j.date) for j in past] == [("inadequate", "2016")]
    (briefing,) = build_briefings([Stored("a1", s)], "2024-01-01T00:00:00Z")
    latest = {j.aspect.value: j for j in briefing.latest_judgements}
    assert latest["overall_effectiveness"].value.value == "good"
    assert not latest["overall_effectiveness"].past
    assert "previously" not in briefing.headline.split(";")[0]


def test_an_undated_earlier_grade_is_past_and_unconfirmed(tmp_path: Path) -> None:
    body = (
        "Telford and Wrekin jumps to the top\n\n"
        "Telford and Wrekin Council's children's services have gone from 'requires improvement'"
        " to 'outstanding', Ofsted said.\n"
    )
    s = extract(tmp_path, body)
    by_value = {j.value.value: j for j in s.judgements}
    assert not by_value["outstanding"].past
    earlier = by_value["requires_improvement"]
    assert earlier.past and earlier.date is None
    assert earlier.confidence == "medium"
    assert earlier.confidence_note == "earlier grade with no date"


@pytest.mark.parametrize(
    "sentence",
    [
        "Norfolk County Council could receive one star when the ratings are published.",
        "Officials expect Norfolk County Council to be rated inadequate by Ofsted next month.",
        "Norfolk County Council is at risk of being judged inadequate by inspectors.",
    ],
)
def test_a_prediction_is_not_a_grade(tmp_path: Path, sentence: str) -> None:
    body = f"Norfolk awaits its verdict\n\nPublished 2 May 2008\n\n{sentence}\n"
    assert extract(tmp_path, body).judgements == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Kent County Council wants to be outstanding within three years, its leader said.",
        "Kent County Council has set itself the ambition of a three star rating by 2006.",
        "Kent County Council is on a journey to outstanding, the director told councillors.",
    ],
)
def test_an_ambition_is_not_a_grade(tmp_path: Path, sentence: str) -> None:
    body = f"Kent social services plan\n\n{sentence}\n"
    assert extract(tmp_path, body).judgements == []


def test_a_scale_and_a_national_count_are_not_grades(tmp_path: Path) -> None:
    body = (
        "How the ratings work\n\n"
        "Social services in Devon County Council were among those assessed this year.\n\n"
        "The inspectorate grades councils from zero to three stars. Four in 10 councils were "
        "rated good, and 12 authorities were judged inadequate.\n"
    )
    assert extract(tmp_path, body).judgements == []


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Walsall social services is failing to serve people well, a joint review found.", "not"),
        ("Inspectors said Walsall social services was not serving people well.", "not"),
        ("The joint review found Walsall was neither serving people well nor improving.", "not"),
        ("The joint review found Walsall was serving 'most' people well.", "most"),
        ("The joint review found Walsall social services serves people well.", "all"),
    ],
)
def test_negation_stays_negative(tmp_path: Path, sentence: str, value: str) -> None:
    s = extract(tmp_path, f"Walsall joint review\n\n{sentence}\n")
    assert only(s, "serving_people", "Walsall").value.value == value


@pytest.mark.parametrize(
    ("sentence", "aspect", "value"),
    [
        (
            "Ofsted rated its overall effectiveness as ‘requires improvement’.",
            "overall_effectiveness",
            "requires_improvement",
        ),
        ("Inspectors judged its prospects to be 'promising'.", "prospects", "promising"),
        ("Its services were found to be “inadequate”.", "overall_effectiveness", "inadequate"),
        (
            "Inspectors said its services 'require improvement'.",
            "overall_effectiveness",
            "requires_improvement",
        ),
        ("It was given a ‘good’ rating by Ofsted.", "overall_effectiveness", "good"),
        ("Its capacity to improve was judged ''excellent''.", "prospects", "excellent"),
    ],
)
def test_the_word_orders_and_quote_marks_of_reporting(
    tmp_path: Path, sentence: str, aspect: str, value: str
) -> None:
    body = f"Bolton children's services inspected\n\nBolton Council was inspected. {sentence}\n"
    assert only(extract(tmp_path, body), aspect, "Bolton").value.value == value


def test_a_quoted_opinion_is_marked_and_the_briefing_shows_it_unconfirmed(tmp_path: Path) -> None:
    body = (
        "Leader praises staff\n\n"
        "Published 3 March 2020\n\n"
        "“Our children's services being judged outstanding shows what our teams can do,” said "
        "the leader of Bolton Council.\n"
    )
    s = extract(tmp_path, body)
    j = only(s, "overall_effectiveness", "Bolton")
    assert (j.confidence, j.confidence_note) == ("medium", "value in a quoted opinion")
    (briefing,) = build_briefings([Stored("a1", s)], "2024-01-01T00:00:00Z")
    assert "(unconfirmed: value in a quoted opinion)" in briefing.headline
    assert briefing.latest_judgements[0].confidence == "medium"


def test_every_rendering_shows_an_unsure_judgement_as_unconfirmed(tmp_path: Path) -> None:
    from docx import Document as WordDocument

    from summarise.render import render_docx, render_html, render_markdown

    briefing = next(
        b
        for b in build_briefings([Stored("a1", extract(tmp_path, NEIGHBOURS))], "2024-01-01")
        if b.council.name == "Camden"
    )
    note = "unconfirmed: two councils in the sentence"
    assert note in briefing.headline
    table = render_markdown(briefing).split("## Latest judgements", 1)[1]
    assert f"**Outstanding** ({note})" in table
    assert f'<span class="secondary small unconfirmed">{note}</span>' in render_html(briefing)
    (tmp_path / "b.docx").write_bytes(render_docx(briefing))
    cells = [c.text for t in WordDocument(str(tmp_path / "b.docx")).tables for c in t._cells]
    assert any(note in c for c in cells)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Nine in 10 residents rated Leeds City Council's services as good in a survey.", set()),
        (
            (
                "83% of the service users and carers asked rated Leeds City Council's services "
                "as “good” or “excellent”."
            ),
            set(),
        ),
        (
            "Lincolnshire was one of three councils rated outstanding by Ofsted this year.",
            {("overall_effectiveness", "outstanding", "Lincolnshire", False)},
        ),
        (
            "Bradford's children's services remain inadequate, Ofsted said.",
            {("overall_effectiveness", "inadequate", "Bradford", False)},
        ),
        (
            "Ofsted rated Kent's children's services good, up from requires improvement in 2017.",
            {
                ("overall_effectiveness", "good", "Kent", False),
                ("overall_effectiveness", "requires_improvement", "Kent", True),
            },
        ),
    ],
)
def test_surveys_counts_and_continuing_grades(
    tmp_path: Path, sentence: str, expected: set[tuple[str, str, str | None, bool]]
) -> None:
    assert grades(extract(tmp_path, f"Council news\n\n{sentence}\n")) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Partnership working was rated good.",
        "Services for care leavers were rated inadequate.",
        "The experiences of children in care were judged outstanding.",
        "Derby City Council's fostering service was rated outstanding by Ofsted.",
        "Derby City Council says its schools were rated good by Ofsted.",
    ],
)
def test_a_part_of_the_service_is_not_the_overall_judgement(tmp_path: Path, sentence: str) -> None:
    lead = "Ofsted inspected Derby City Council's children's services."
    body = f"Derby inspected\n\n{lead} {sentence}\n"
    assert extract(tmp_path, body).judgements == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Kent County Council's children's services were not rated inadequate, Ofsted said.",
            set(),
        ),
        ("Kent County Council failed to win three stars this year.", set()),
        (
            "Slough's children's services have once again been rated inadequate by Ofsted.",
            {("overall_effectiveness", "inadequate", "Slough", False)},
        ),
        (
            "Earlier this year, Ofsted rated Kent County Council's children's services good.",
            {("overall_effectiveness", "good", "Kent", False)},
        ),
    ],
)
def test_a_grade_not_given_is_not_a_grade_and_again_is_not_earlier(
    tmp_path: Path, sentence: str, expected: set[tuple[str, str, str | None, bool]]
) -> None:
    assert grades(extract(tmp_path, f"Council news\n\n{sentence}\n")) == expected


def test_an_undated_articles_own_grade_is_newer_than_the_earlier_grade_it_dates(
    tmp_path: Path,
) -> None:
    body = EARLIER.replace("Published 12 June 2019\n\n", "")
    s = extract(tmp_path, body)
    assert s.source.published is None
    (briefing,) = build_briefings([Stored("a1", s)], "2024-01-01T00:00:00Z")
    latest = {j.aspect.value: j for j in briefing.latest_judgements}
    assert latest["overall_effectiveness"].value.value == "good"
    assert not latest["overall_effectiveness"].past
    assert "direction of travel: improving" in briefing.headline


def test_a_form_layout(tmp_path: Path) -> None:
    body = (
        "Social services rating for Solihull\n\n"
        "This paper reports the star rating that the Commission for Social Care Inspection has "
        "given to the social services of Solihull Council, with its two judgements.\n\n"
        "Serving people well? - some\n\n"
        "Capacity for improvement – promising\n"
    )
    got = grades(extract(tmp_path, body))
    assert ("serving_people", "some", "Solihull", False) in got
    assert ("serving_people", "all", "Solihull", False) not in got
    assert ("prospects", "promising", "Solihull", False) in got


def test_a_zero_rating_is_no_stars(tmp_path: Path) -> None:
    body = (
        "Zero-rated councils\n\n"
        "Oldham and Plymouth have been given a zero rating for the second year running, the "
        "Commission for Social Care Inspection said.\n"
    )
    got = grades(extract(tmp_path, body))
    assert {("star_rating", "0", "Oldham", False), ("star_rating", "0", "Plymouth", False)} == got
