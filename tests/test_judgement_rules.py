"""The offline judgement rules, phrase by phrase, on one-sentence articles.

Written to kill mutants that survived in summarise/extract/offline/review.py (scripts/mutation.sh):
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
