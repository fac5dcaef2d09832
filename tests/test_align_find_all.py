"""`Aligner.find_all` region by region: which needle form it matches, short needles inside words,
and occurrences that touch without overlapping.

Written to kill mutants that survived in summarise/align/spans.py (scripts/mutation.sh): each
expected list is every span, so a span that loses its closing quote, or a touching occurrence
that goes missing, fails.
"""

from __future__ import annotations

import pytest

from summarise.align.spans import Aligner

SAID = 'said "no"'


def regions(text: str, needle: str) -> list[tuple[int, int, str, str]]:
    return [(s.start, s.end, s.text, s.alignment.value) for s in Aligner(text).find_all(needle)]


def test_a_quote_keeps_its_closing_mark_when_the_text_has_it() -> None:
    assert regions("She said “no”. He said “no” too.", 'said "no"') == [
        (4, 13, "said “no”", "normalised"),
        (18, 27, "said “no”", "normalised"),
    ]


def test_a_quote_the_text_prints_without_marks_is_still_found() -> None:
    assert regions("We are pleased, he said.", '"We are pleased"') == [
        (0, 14, "We are pleased", "normalised")
    ]


def test_a_needle_of_twelve_characters_may_sit_inside_a_word() -> None:
    assert regions("The childcare leaverships team.", "care leavers") == [
        (9, 21, "care leavers", "exact")
    ]
    assert regions("The childcare leaverships team.", "care leaver") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('said "no"said “no”', [(0, 9, SAID, "exact"), (9, 18, "said “no”", "normalised")]),
        ('said “no”said "no"', [(0, 9, "said “no”", "normalised"), (9, 18, SAID, "exact")]),
    ],
)
def test_occurrences_that_touch_are_both_kept(
    text: str, expected: list[tuple[int, int, str, str]]
) -> None:
    assert regions(text, SAID) == expected
