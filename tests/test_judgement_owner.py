"""Which council a grade goes to, when a grade is a part's rather than the whole service's, and
when it is nobody's (a prediction, a survey, a count of councils).

Written to kill mutants that survived in summarise/extract/offline/judgement_owner.py,
judgements.py and judgement_filters.py (scripts/mutation.sh): each case is a grade a briefing
would give to the wrong council, to a council for one part of its work, or drop, if the rule
changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise.extract.offline import summarise_article
from summarise.ingest.reader import load_article

Grade = tuple[str, str, str | None, bool, str, str | None]


def grades(tmp_path: Path, *paragraphs: str) -> tuple[list[str], list[Grade]]:
    """The councils and judgements of an article whose second paragraph on are `paragraphs`."""
    body = "\n\n".join(("Inspectors visited in January.", *paragraphs))
    path = tmp_path / "a.txt"
    path.write_text(
        f"Children's services inspection\n\nPublished 4 March 2019\n\n{body}\n", "utf-8"
    )
    s = summarise_article(load_article(path))
    found = [
        (j.aspect.value, j.value.value, j.council, j.past, j.confidence, j.confidence_note)
        for j in s.judgements
    ]
    return [c.name for c in s.councils], found


TWO = "two councils in the sentence"
FAR = "judgement far from the council's name"


@pytest.mark.parametrize(
    "sentence",
    [
        # the council before the grade is in another clause; the one after it is near
        "Camden was praised by inspectors, while services were judged inadequate in Islington.",
        (
            "Services were judged inadequate in Islington, while inspectors praised Camden for "
            "its stability."
        ),
    ],
)
def test_the_grade_goes_to_the_council_of_its_own_clause(tmp_path: Path, sentence: str) -> None:
    _, found = grades(tmp_path, sentence)
    assert found == [("overall_effectiveness", "inadequate", "Islington", False, "medium", TWO)]


def test_a_list_introduced_by_a_colon_gets_the_grade_however_far(tmp_path: Path) -> None:
    councils, found = grades(
        tmp_path,
        "Two councils were rated inadequate after full inspections by Ofsted last year: Surrey "
        "and Kent.",
    )
    assert sorted(councils) == ["Kent", "Surrey"]
    assert sorted(found) == [
        ("overall_effectiveness", "inadequate", "Kent", False, "high", None),
        ("overall_effectiveness", "inadequate", "Surrey", False, "high", None),
    ]


def test_a_grade_cut_from_the_one_council_by_but_is_unsure(tmp_path: Path) -> None:
    _, found = grades(
        tmp_path,
        "Children's services were rated outstanding in 2019, but now the department in Leeds is "
        "struggling.",
    )
    assert found == [("overall_effectiveness", "outstanding", "Leeds", False, "medium", FAR)]


def test_an_unsure_owner_stays_low_when_the_grade_is_also_undated(tmp_path: Path) -> None:
    _, found = grades(
        tmp_path,
        "Leeds City Council and Bradford Council share a social care team.",
        "Previously, children's services were rated inadequate.",
    )
    note = f"{FAR}; earlier grade with no date"
    assert found == [("overall_effectiveness", "inadequate", "Bradford", True, "low", note)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Leeds council was praised, but partnership working was rated good.",
        (
            "Leeds inspectors said that after a long and careful look the partnership working "
            "was rated good."
        ),
        "Leeds council was rated good for its fostering service.",
    ],
)
def test_a_parts_grade_is_not_the_councils(tmp_path: Path, sentence: str) -> None:
    councils, found = grades(tmp_path, sentence)
    assert councils == ["Leeds"]
    assert found == []


def test_an_article_naming_no_council_gives_no_judgement(tmp_path: Path) -> None:
    councils, found = grades(tmp_path, "Children's services were rated inadequate by Ofsted.")
    assert (councils, found) == ([], [])


def test_a_grade_before_any_council_is_named_is_nobodys(tmp_path: Path) -> None:
    councils, found = grades(
        tmp_path,
        "Children's services were rated inadequate, inspectors said.",
        "Leeds City Council and Bradford Council share a social care team.",
    )
    assert (councils, found) == (["Leeds", "Bradford"], [])


def test_a_grade_after_another_services_grade_is_kept(tmp_path: Path) -> None:
    _, found = grades(
        tmp_path,
        "Kent's library service was rated good.",
        "Kent's children's services were rated inadequate.",
    )
    assert found == [("overall_effectiveness", "inadequate", "Kent", False, "high", None)]


@pytest.mark.parametrize(
    "paragraphs",
    [
        (
            "Leeds children's services were previously rated inadequate.",
            "Inspectors noted that Leeds had previously been rated inadequate in 2017.",
        ),
        (
            '"Leeds was previously rated inadequate in 2017," said the director.',
            "Leeds children's services were previously rated inadequate.",
        ),
    ],
)
def test_the_same_earlier_grade_found_twice_keeps_its_date(
    tmp_path: Path, paragraphs: tuple[str, str]
) -> None:
    s_path = tmp_path / "a.txt"
    s_path.write_text(
        "Children's services inspection\n\nPublished 4 March 2019\n\n" + "\n\n".join(paragraphs),
        "utf-8",
    )
    (j,) = summarise_article(load_article(s_path)).judgements
    assert (j.value.value, j.council, j.past, j.date) == ("inadequate", "Leeds", True, "2017")
    assert (j.confidence, j.confidence_note) == ("high", None)


def test_an_unsure_owner_is_the_last_council_named_before_the_grade(tmp_path: Path) -> None:
    _, found = grades(
        tmp_path,
        "Leeds City Council, Bradford Council and Wakefield Council share a social care team.",
        "Previously, children's services were rated inadequate.",
    )
    assert [(council, past) for _, _, council, past, _, _ in found] == [("Wakefield", True)]


def test_each_councils_grades_are_put_in_time_order_apart(tmp_path: Path) -> None:
    _, found = grades(
        tmp_path,
        "Camden's children's services were rated outstanding in 2015.",
        "Islington's children's services were rated inadequate.",
    )
    assert sorted(found) == [
        ("overall_effectiveness", "inadequate", "Islington", False, "high", None),
        ("overall_effectiveness", "outstanding", "Camden", False, "high", None),
    ]
    path = tmp_path / "b.txt"
    path.write_text(
        "Children's services inspection\n\nPublished 4 March 2019\n\n"
        "Camden's children's services were rated good.\n\n"
        "Islington's children's services were rated inadequate in 2016.\n\n"
        "Islington's children's services are now rated good.\n",
        "utf-8",
    )
    s = summarise_article(load_article(path))
    assert sorted((j.council, j.value.value, j.past, j.date) for j in s.judgements) == [
        ("Camden", "good", False, None),
        ("Islington", "good", False, None),
        ("Islington", "inadequate", True, "2016"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # a prediction more than 80 characters before the grade is about something else
        (
            "Leaders who will retire next year after many years of leading the department "
            "welcomed news that Leeds children's services were rated good."
        ),
        # a prediction or a survey in an earlier clause does not reach the grade
        "Leeds might have improved, but Ofsted rated Leeds children's services good.",
        "In a survey, parents praised staff, but Ofsted rated Leeds children's services good.",
    ],
)
def test_words_outside_the_grades_reach_do_not_cancel_it(tmp_path: Path, sentence: str) -> None:
    _, found = grades(tmp_path, sentence)
    assert found == [("overall_effectiveness", "good", "Leeds", False, "high", None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Leeds children's services were rated inadequate in a survey of parents.",
        "Three councils were rated inadequate this year, among them Leeds.",
        "Leeds is one of 12 'inadequate' councils.",
        "Leeds is one of 12 'requires improvement' councils.",
    ],
)
def test_a_survey_or_a_count_of_councils_grades_nobody(tmp_path: Path, sentence: str) -> None:
    _, found = grades(tmp_path, "Leeds children's services were rated good.", sentence)
    assert found == [("overall_effectiveness", "good", "Leeds", False, "high", None)]


def test_a_council_named_among_graded_councils_without_a_count_gets_the_grade(
    tmp_path: Path,
) -> None:
    _, found = grades(
        tmp_path,
        "Leeds children's services were rated good.",
        "Surrey was one of the 'inadequate' councils.",
    )
    assert sorted(found) == [
        ("overall_effectiveness", "good", "Leeds", False, "high", None),
        ("overall_effectiveness", "inadequate", "Surrey", False, "high", None),
    ]
