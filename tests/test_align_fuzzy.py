"""summarise.align.spans, unit cases of the bounded fuzzy match."""

from __future__ import annotations

import pytest
from align_helpers import ARTICLE, assert_grounded

from summarise.align.spans import (
    DEFAULT_FUZZY_THRESHOLD,
    MIN_FUZZY_CHARS,
    Aligner,
    normalise,
)
from summarise.models import Alignment

# --- fuzzy ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        (  # one word changed
            "We are pleased that the inspectors recognised the hard work of our staff",
            "We are delighted that the inspectors recognised the hard work of our staff",
        ),
        (  # two words changed (one word became two)
            "too many children waited too long for an assessment",
            "too many children were waiting too long for an assessment",
        ),
        (  # a plural dropped, and the quote crosses a hard wrap
            "had made good progress in improving service for older people",
            "had made good progress in improving services\nfor older people",
        ),
        (  # a word dropped
            "we will continue to build on the foundations",
            "we will continue to build on these foundations",
        ),
    ],
)
def test_fuzzy_accepts_one_or_two_words_changed(needle: str, expected: str) -> None:
    aligner = Aligner(ARTICLE)
    span = assert_grounded(ARTICLE, aligner.find(needle))
    assert span.alignment == Alignment.fuzzy
    assert span.text == expected
    assert span.start == ARTICLE.index(expected)


@pytest.mark.parametrize(
    "needle",
    [
        "Staff were praised by the inspectors for their hard work and dedication",
        "The council is delighted with the inspectors' recognition of its staff",
        "Children had to wait far too long before anyone assessed them",
        "Norfolk has improved its services for elderly residents since 2003",
    ],
)
def test_fuzzy_rejects_paraphrase(needle: str) -> None:
    assert Aligner(ARTICLE).find(needle) is None


@pytest.mark.parametrize(
    "needle",
    [
        "84% of care plans were out of date",  # a number changed
        "had made poor progress in improving services",  # a judgement word changed
        "had made some progress in improving services",
        "good progress was enough",  # a negation dropped
        "since the last joint review in 2004",
    ],
)
def test_fuzzy_never_changes_numbers_negations_or_judgements(needle: str) -> None:
    assert Aligner(ARTICLE).find(needle) is None


@pytest.mark.parametrize("needle", ["84%", "£8million?", "in 2004", "Jane Smyth", "Norfolk Cty"])
def test_short_needles_are_never_fuzzy(needle: str) -> None:
    assert len(normalise(needle)[0]) < MIN_FUZZY_CHARS
    assert Aligner(ARTICLE, fuzzy_threshold=0).find(needle) is None


def test_fuzzy_span_is_moved_to_word_boundaries() -> None:
    # A dropped word makes rapidfuzz's needle-length window end mid-word ("joint rev").
    needle = "had made good progress in improving services for people since the last joint review"
    span = assert_grounded(ARTICLE, Aligner(ARTICLE).find(needle))
    assert span.alignment == Alignment.fuzzy
    assert span.text == (
        "had made good progress in improving services\nfor older people since the last joint review"
    )
    for edge in (span.start, span.end):
        assert not (ARTICLE[edge - 1].isalnum() and ARTICLE[edge].isalnum())


def test_fuzzy_threshold_is_configurable_and_can_be_disabled() -> None:
    needle = "too many kids were waiting so long for an assessment"
    assert Aligner(ARTICLE).find(needle) is None
    lax = Aligner(ARTICLE, fuzzy_threshold=80)
    span = assert_grounded(ARTICLE, lax.find(needle))
    assert span.text == "too many children were waiting too long for an assessment"
    assert Aligner(ARTICLE).find(needle, fuzzy_threshold=80) == span
    close = "had made good progress in improving service for older people"
    assert Aligner(ARTICLE, allow_fuzzy=False).find(close) is None
    assert not Aligner(ARTICLE).contains(close)  # contains is never fuzzy
    assert Aligner(ARTICLE).find_all(close) == []
    with pytest.raises(ValueError):
        Aligner(ARTICLE, fuzzy_threshold=101)
    assert DEFAULT_FUZZY_THRESHOLD == 90


def test_fuzzy_length_bound() -> None:
    text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda"
    aligner = Aligner(text, fuzzy_threshold=0)
    # far shorter than any region it resembles, and not literally present
    assert (
        aligner.find(
            "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu "
            "xi omicron pi rho sigma tau upsilon phi chi psi omega"
        )
        is None
    )
