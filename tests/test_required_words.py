"""The shortcuts of `extract/offline/required.py` change no result: a pattern is only skipped
where it cannot match, and `finditer_at` finds what `finditer` finds. Checked on every test
article, on mangled copies, and on random texts built from the patterns' own words."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarise.extract.offline import figures, judgements, review_type
from summarise.extract.offline.required import (
    Gated,
    finditer_at,
    possible_by_span,
    possible_in,
    required_sets,
    required_words,
    start_finder,
)
from summarise.extract.offline.text import caseless_lower

ROOT = Path(__file__).parent
TEXTS = [
    p.read_text(encoding="utf-8")
    for folder in (ROOT.parent / "examples" / "articles", ROOT / "fixtures", ROOT / "data" / "dev")
    for p in sorted(folder.rglob("*.txt"))
]
CORPUS = [
    v
    for t in TEXTS
    for v in (t, t.upper(), t.replace(" ", "  "), t.replace("e", "1"), t.replace(" ", ""))
]

GATED = [p for _, p in review_type.REVIEW_CUES] + [review_type._CQC_COUNCIL_RATING]
GATED += judgements._SERVING + judgements._PROSPECTS + judgements._EFFECTIVENESS
GATED += [judgements._REQUIRES, judgements._REMAINS, judgements._RATING_CONTEXT]
GATED += [judgements._FROM_TO, judgements._STARS, judgements._STAR_RANGE, judgements._PROGRESS]

FRAGMENTS = [
    "joint review", "Joint Reviews", "Audit Commission and the Social Services Inspectorate",
    "star rating", "three-star", "0 stars", "annual performance report", "APA", "CPA",
    "assessed by the CQC", "Care Quality Commission", "rated", "good", "inadequate",
    "requires improvement", "outstanding", "from", "to", "serving", "people", "prospects",
    "capacity", "improve", "one in four", "16 out of the 30", "three to four years", "18-month",
    "a hundred", "ahundred", "A Dozen", "twenty-one", "12,000 residents", "only seven",
    "more than 40", "ſix", "Kelvin \u212a", "taken over", "inspected", "ofsted",
    "adult social care", "council", "remains", "monitoring visit", "progress", "the", "was",
    "and", "\u2019s",
    ",", ".", " ", "  ", "\n", "-", "'", "\u201c", "\u201d", "7", "2004", "£9m", "83%",
]  # fmt: skip
TEXT = st.lists(st.sampled_from(FRAGMENTS), max_size=24).map("".join)


def test_required_words_of_simple_patterns() -> None:
    assert required_words(re.compile(r"\bjoint reviews?\b(?! q)", re.IGNORECASE)) == (
        "joint review",
    )
    assert required_words(re.compile(r"\b(?:good|poor) prospects")) == (" prospects",)
    assert required_words(re.compile(r"alpha|beta")) == ("alpha", "beta")
    assert required_words(re.compile(r"(?=.*\bCQC\b)(?=.*\bcouncil\b)")) == ("council",)
    assert required_words(re.compile(r"ab|cd")) is None  # too short to be worth a test
    assert required_words(re.compile(r"(?:word)?\d+")) is None  # nothing is required
    assert required_words(re.compile(r"caf\u00e9s x")) == ("caf",)  # only ASCII literals count


def test_required_sets_are_each_needed() -> None:
    both = re.compile(r"\b(?:rated|judged)\s+(?:good|poor)\b", re.IGNORECASE)
    assert required_sets(both) == [("rated", "judged"), ("good", "poor")]
    gated = Gated(both)
    assert gated.possible("it was rated good") and not gated.possible("it was rated well")
    assert gated.possible(None)  # cannot tell: scan
    assert required_sets(re.compile(r"alpha beta|gamma")) == [("alpha beta", "gamma")]


def test_every_gated_pattern_has_words() -> None:
    assert all(Gated(p).sets for p in GATED)


@pytest.mark.parametrize("pattern", GATED, ids=lambda p: p.pattern[:30])
def test_gate_never_hides_a_match_in_the_corpus(pattern: re.Pattern[str]) -> None:
    gated = Gated(pattern)
    for text in CORPUS:
        for line in text.splitlines():
            got = [m.span() for m in gated.finditer(line, caseless_lower(line))]
            assert got == [m.span() for m in pattern.finditer(line)]


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_gate_never_hides_a_match_in_random_text(text: str) -> None:
    low = caseless_lower(text)
    for pattern in GATED:
        if pattern.search(text):
            assert Gated(pattern).possible(low), (pattern.pattern, text)


def _starts(text: str) -> tuple[list[int], list[int]]:
    numbers = [
        m.start()
        for m in figures._NUMBER_STARTS.finditer(text)
        if figures._NUMBER_AT.match(text, m.start())
    ]
    return numbers, [m.start() for m in figures._QUANTIFIER_STARTS.finditer(text)]


def _same_matches(text: str) -> None:
    numbers, quantifiers = _starts(text)
    for pattern, starts in (
        (figures.PROPORTION, numbers),
        (figures.COUNTED, numbers),
        (figures.QUANTIFIED, quantifiers),
    ):
        got = [m.span() for m in finditer_at(pattern, text, starts)]
        assert got == [m.span() for m in pattern.finditer(text)], (pattern.pattern[:40], text)


def test_figure_patterns_tried_at_starts_find_the_same_in_the_corpus() -> None:
    for text in CORPUS:
        _same_matches(text)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_figure_patterns_tried_at_starts_find_the_same_in_random_text(text: str) -> None:
    _same_matches(text)


def test_start_finder_refuses_a_branch_without_a_boundary() -> None:
    with pytest.raises(ValueError, match="does not begin"):
        start_finder(re.compile(r"\bone|two"))
    with pytest.raises(ValueError, match="flags"):
        start_finder(re.compile(r"\bone"), re.compile(r"\btwo", re.IGNORECASE))


SPANS_TEXT = st.lists(
    st.sampled_from(["rated", "good", "rat", "ratrated", " ", ".", "\n"]), max_size=30
)


@settings(max_examples=300, deadline=None)
@given(SPANS_TEXT.map("".join), st.lists(st.integers(0, 80), max_size=12))
def test_possible_in_agrees_with_possible_span_by_span(text: str, cuts: list[int]) -> None:
    bounds = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    spans = [(a, b) for a, b in pairwise(bounds) if b > a][::2]  # gaps too
    for pattern in (re.compile(r"\brated\s+good\b"), re.compile(r"rat|good"), GATED[5]):
        gated = Gated(pattern)
        where = possible_in(gated, text, spans)
        expected = [i for i, (a, b) in enumerate(spans) if gated.possible(text[a:b])]
        assert (list(range(len(spans))) if where is None else where) == expected


def test_possible_by_span_lists_the_patterns_each_span_can_match() -> None:
    rated, stars = Gated(re.compile(r"\brated\s+good\b")), Gated(re.compile(r"\d stars?"))
    text = "it was rated good. two stars. rated 3 stars"
    spans = [(0, 18), (19, 29), (30, len(text))]
    got = possible_by_span([rated, stars], text, spans)
    assert got == [{rated}, {stars}, {stars}]  # the third lacks "good"
    assert possible_by_span([rated], None, spans) == [None, None, None]
