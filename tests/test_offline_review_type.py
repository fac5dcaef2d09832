"""Review type on invented articles: decided by what the headline and lead report."""

from __future__ import annotations

import pytest

from summarise.extract.offline.review_type import find_review_type
from summarise.extract.offline.text import Document
from summarise.ingest.textclean import clean_text


def kind(raw: str) -> str:
    return find_review_type(Document(clean_text(raw))).value


def test_a_background_joint_review_does_not_beat_the_star_rating_reported() -> None:
    raw = (
        "Borough keeps its two stars\n\n"
        "Rochdale social services have kept two stars in this year's star ratings, published "
        "today by the Commission for Social Care Inspection.\n\n"
        "The council's joint review in 2001 had found it was serving some people well.\n"
    )
    assert kind(raw) == "star_rating"


def test_a_qualifying_word_gives_way_to_the_noun_it_qualifies() -> None:
    raw = (
        "Councils too slow to change\n\n"
        "Councils are slow to change, according to the joint review team's fourth annual report "
        "on social services in England.\n"
    )
    assert kind(raw) == "annual_report"


def test_a_cqc_rating_of_a_councils_adult_social_care_is_its_assessment() -> None:
    raw = (
        "Adult care service told to improve\n\n"
        "Inspectors said the county council must do more for carers, after an inspection in the "
        "spring.\n\n"
        "The council's adult social care was rated requires improvement by the Care Quality "
        "Commission (CQC).\n"
    )
    assert kind(raw) == "performance_assessment"


def test_a_visit_of_no_named_kind_is_an_inspection() -> None:
    raw = (
        "Inspectors praise fostering service\n\n"
        "Ofsted inspectors who visited the service last month found that children were well "
        "supported by their carers.\n"
    )
    assert kind(raw) == "inspection"


def test_a_monitoring_visit_stays_one_although_inspectors_found_things() -> None:
    raw = (
        "Slow progress at struggling council\n\n"
        "During a monitoring visit in May, inspectors found that caseloads were still too high. "
        "Ofsted inspectors also found that plans were late.\n"
    )
    assert kind(raw) == "monitoring_visit"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            (
                "Commissioner sent in to failing service\n\nThe government has appointed a "
                "commissioner to run the council's children's services after years of failure.\n"
            ),
            "other",
        ),
        (
            (
                "Services found inadequate\n\nAn inspection found the service inadequate, and the "
                "council could face being taken over if it does not improve.\n"
            ),
            "inspection",
        ),
    ],
)
def test_an_intervention_reported_wins_and_a_threatened_one_does_not(
    raw: str, expected: str
) -> None:
    assert kind(raw) == expected
