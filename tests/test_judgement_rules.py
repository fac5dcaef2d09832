"""The offline judgement rules, phrase by phrase, on one-sentence articles.

Written to kill mutants that survived in the judgement rules (summarise/extract/offline/
judgements.py, then review.py; scripts/mutation.sh):
each phrase the contract lists maps to exactly one judgement with exactly this value.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise.extract.offline import summarise_article
from summarise.ingest.reader import load_article

JR = "A joint review found that Essex social services are "
MV = "Ofsted's monitoring visit found that Essex County Council is making "
STARS = "Essex social services "


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (JR + "not serving people well.", [("serving_people", "not")]),
        (JR + "serving all people well.", [("serving_people", "all")]),
        (JR + "serving people well.", [("serving_people", "all")]),
        (JR + "serving most people well.", [("serving_people", "most")]),
        (JR + "serving some people well.", [("serving_people", "some")]),
        (
            JR + "not serving people well, with poor prospects for improvement.",
            [("serving_people", "not"), ("prospects", "poor")],
        ),
        (
            JR + "serving people well and have excellent prospects for improvement.",
            [("serving_people", "all"), ("prospects", "excellent")],
        ),
        (
            JR + "serving most people well, with promising prospects for improvement.",
            [("serving_people", "most"), ("prospects", "promising")],
        ),
        (
            JR + "serving some people well, with uncertain prospects for improvement.",
            [("serving_people", "some"), ("prospects", "uncertain")],
        ),
        (
            MV + "sufficient progress in improving children's services.",
            [("progress", "sufficient")],
        ),
        (MV + "adequate progress in improving children's services.", [("progress", "sufficient")]),
        (
            MV + "insufficient progress in improving children's services.",
            [("progress", "insufficient")],
        ),
        (STARS + "have been awarded three stars in the star ratings.", [("star_rating", "3")]),
        (STARS + "have been given two stars in the star ratings.", [("star_rating", "2")]),
        (STARS + "have been given one star in the star ratings.", [("star_rating", "1")]),
        (STARS + "were rated zero-star in the star ratings.", [("star_rating", "0")]),
    ],
)
def test_each_phrase_gives_exactly_its_judgement(
    sentence: str, expected: list[tuple[str, str]], tmp_path: Path
) -> None:
    path = tmp_path / "a.txt"
    title = "Ofsted monitoring visit to Essex" if sentence.startswith(MV) else "Inspection report"
    path.write_text(f"{title}\n\nPublished 3 March 2004\n\n{sentence}\n", "utf-8")
    summary = summarise_article(load_article(path))
    assert [(j.aspect.value, j.value.value) for j in summary.judgements] == expected
    assert all(j.date is None for j in summary.judgements)  # the article's own finding


def judgements(tmp_path: Path, title: str, body: str) -> list[tuple[object, ...]]:
    path = tmp_path / "a.txt"
    path.write_text(f"{title}\n\nPublished 4 March 2019\n\n{body}\n", "utf-8")
    summary = summarise_article(load_article(path))
    return [(j.aspect.value, j.value.value, j.council, j.past, j.date) for j in summary.judgements]


INSPECTION = "Children's services inspection"


@pytest.mark.parametrize(
    ("body", "date"),
    [
        ("Leeds children's services were previously rated inadequate two years ago.", "2017"),
        ("Leeds children's services were previously rated inadequate in March 2017.", "2017-03"),
        # a year more than 60 characters after the grade dates something else
        (
            (
                "Leeds children's services were previously rated inadequate, a verdict the new "
                "director said was finally overturned in 2019."
            ),
            None,
        ),
        ("Leeds children's services were rated inadequate at its last inspection.", None),
    ],
)
def test_an_earlier_grade_is_dated_by_its_own_words(
    tmp_path: Path, body: str, date: str | None
) -> None:
    assert judgements(tmp_path, INSPECTION, body) == [
        ("overall_effectiveness", "inadequate", "Leeds", True, date)
    ]


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        (
            "Joint review of Walsall social services",
            "Walsall social services aren't serving people well, the joint review found.",
            ("serving_people", "not", "Walsall"),
        ),
        (
            "Joint review of Walsall social services",
            "Walsall social services. Serving people well? - none",
            ("serving_people", "not", "Walsall"),
        ),
        (
            "Joint review of Walsall social services",
            "Walsall social services. Serving people well? - no",
            ("serving_people", "not", "Walsall"),
        ),
        (
            INSPECTION,
            "Adoption was rated good and Leeds children's services were rated inadequate.",
            ("overall_effectiveness", "inadequate", "Leeds"),
        ),
        (
            "Star ratings",
            "Leeds social services were given a nil rating.",
            ("star_rating", "0", "Leeds"),
        ),
        (
            "Star ratings",
            "Ratings run from zero to three stars; Leeds social services were awarded one star.",
            ("star_rating", "1", "Leeds"),
        ),
        (
            "Star ratings",
            "Leeds social services were awarded 2 stars.",
            ("star_rating", "2", "Leeds"),
        ),
        (
            "Ofsted monitoring visit to Leeds",
            "Leeds children's services are not making enough progress, Ofsted found.",
            ("progress", "insufficient", "Leeds"),
        ),
    ],
)
def test_each_wording_gives_its_one_current_judgement(
    tmp_path: Path, title: str, body: str, expected: tuple[str, str, str]
) -> None:
    assert judgements(tmp_path, title, body) == [(*expected, False, None)]
