"""Judgements on invented articles: whose grade it is. A neighbour's grade, a round-up list, an
NHS trust, a county and a city council, a bracketed aside, a shared subject. Every article
here is written for the test.
"""

from __future__ import annotations

from pathlib import Path

from judgement_helpers import NEIGHBOURS, extract, grades, only


def test_a_neighbours_grade_stays_with_the_neighbour(tmp_path: Path) -> None:
    s = extract(tmp_path, NEIGHBOURS)
    got = grades(s)
    assert ("overall_effectiveness", "outstanding", "Camden", False) in got
    assert ("overall_effectiveness", "requires_improvement", "Islington", False) in got
    assert ("overall_effectiveness", "outstanding", "Islington", False) not in got
    assert ("overall_effectiveness", "requires_improvement", "Camden", False) not in got
    camden = only(s, "overall_effectiveness", "Camden")
    assert camden.confidence == "medium"
    assert camden.confidence_note == "two councils in the sentence"


ROUND_UP = """Star ratings for social services in Greater Manchester

Published 20 November 2004

Three councils were given no stars: Wigan, Rochdale and Oldham. Salford was awarded three \
stars for its social services.

The ratings assess how well social services serve adults and children.
"""


def test_a_round_up_list_gives_the_grade_to_each_council_it_names(tmp_path: Path) -> None:
    s = extract(tmp_path, ROUND_UP)
    stars = {(j.council, j.value.value) for j in s.judgements if j.aspect.value == "star_rating"}
    assert {("Wigan", "0"), ("Rochdale", "0"), ("Oldham", "0"), ("Salford", "3")} <= stars
    assert ("Salford", "0") not in stars and ("Oldham", "3") not in stars


def test_an_nhs_trust_gets_no_council_star_rating(tmp_path: Path) -> None:
    body = (
        "Hospital stars\n\n"
        "Published 14 July 2004\n\n"
        "The Dudley Group of Hospitals NHS Trust was given three stars by the Healthcare "
        "Commission, while Dudley council's social services received one star.\n"
    )
    s = extract(tmp_path, body)
    stars = {(j.council, j.value.value) for j in s.judgements if j.aspect.value == "star_rating"}
    assert stars == {("Dudley", "1")}


def test_an_article_about_a_trust_alone_gives_no_star_rating(tmp_path: Path) -> None:
    body = (
        "Hospital trust keeps three stars\n\n"
        "The Royal Wolverhampton Hospitals NHS Trust was awarded three stars in the annual "
        "performance ratings for the NHS.\n"
    )
    assert [j for j in extract(tmp_path, body).judgements if j.council] == []


def test_the_county_council_and_the_city_council_keep_their_own_grades(tmp_path: Path) -> None:
    body = (
        "Star ratings for Nottingham and Nottinghamshire\n\n"
        "Nottinghamshire County Council and Nottingham City Council have had their adult "
        "social care rated.\n\n"
        "The county council was awarded three stars, while the city council was given one star.\n"
    )
    s = extract(tmp_path, body)
    stars = {(j.council, j.value.value) for j in s.judgements if j.aspect.value == "star_rating"}
    assert stars == {("Nottinghamshire", "3"), ("Nottingham", "1")}
    assert {j.confidence_note for j in s.judgements} == {
        "council named only as the county council",
        "council named only as the city council",
    }


def test_a_childrens_services_trust_is_the_councils_not_an_nhs_trust(tmp_path: Path) -> None:
    body = (
        "Trust-run services improve\n\n"
        "Children's services in Slough, run by Slough Children's Trust on behalf of the council, "
        "have been rated requires improvement by Ofsted.\n"
    )
    assert grades(extract(tmp_path, body)) == {
        ("overall_effectiveness", "requires_improvement", "Slough", False)
    }


def test_a_hospital_trust_named_in_capitals_keeps_its_own_stars(tmp_path: Path) -> None:
    body = (
        "Stars for Walsall\n\n"
        "Walsall Hospitals Trust was given three stars by the Healthcare Commission. "
        "Walsall Council's social services kept their two stars.\n"
    )
    s = extract(tmp_path, body)
    stars = {(j.council, j.value.value) for j in s.judgements if j.aspect.value == "star_rating"}
    assert stars == {("Walsall", "2")}


def test_an_unnamed_neighbours_grade_is_not_confirmed_for_the_named_council(
    tmp_path: Path,
) -> None:
    body = (
        "Leeds outstanding\n\n"
        "Leeds City Council's children's services were rated outstanding by Ofsted, while its "
        "neighbour was rated good.\n"
    )
    s = extract(tmp_path, body)
    by_value = {j.value.value: j for j in s.judgements}
    assert by_value["outstanding"].confidence == "high"
    neighbour = by_value["good"]
    assert (neighbour.confidence, neighbour.confidence_note) == (
        "medium",
        "judgement far from the council's name",
    )


def test_a_bracketed_aside_does_not_cut_a_grade_from_its_council(tmp_path: Path) -> None:
    body = (
        "Leeds outstanding\n\n"
        "Published 19 December 2018\n\n"
        "Leeds has become the fifth council rated outstanding under the new inspection "
        "framework (known as ILACS) and was rated ‘good’ under the previous framework in 2015.\n"
    )
    got = {(j.value.value, j.council, j.past, j.date) for j in extract(tmp_path, body).judgements}
    assert got == {("outstanding", "Leeds", False, None), ("good", "Leeds", True, "2015")}


def test_a_shared_subject_carries_the_grade_across_clauses(tmp_path: Path) -> None:
    body = (
        "Croydon improves\n\n"
        "Croydon was rated outstanding in 2012 but inadequate in 2017, and is now rated good.\n"
    )
    got = {(j.value.value, j.past, j.date) for j in extract(tmp_path, body).judgements}
    assert ("good", False, None) in got
    assert ("outstanding", True, "2012") in got
