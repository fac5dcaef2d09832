"""summarise.align.spans, unit cases: exact, normalised, word boundaries, span and check_span."""

from __future__ import annotations

import pytest
from align_helpers import ARTICLE, assert_grounded

from summarise.align.spans import (
    Aligner,
    check_span,
    normalise,
)
from summarise.models import Alignment, Span

# --- exact ----------------------------------------------------------------------------------


def test_exact_match_offsets() -> None:
    aligner = Aligner(ARTICLE)
    needle = "too many children were waiting too long"
    span = assert_grounded(ARTICLE, aligner.find(needle))
    assert span.start == ARTICLE.index(needle)
    assert span.text == needle
    assert span.alignment == Alignment.exact


def test_repeated_needles_get_successive_occurrences_then_the_first() -> None:
    aligner = Aligner(ARTICLE)
    first = ARTICLE.index("good progress")
    second = ARTICLE.index("good progress", first + 1)
    third = ARTICLE.index("good progress", second + 1)
    starts = [assert_grounded(ARTICLE, aligner.find("good progress")).start for _ in range(5)]
    assert starts == [first, second, third, first, first]


def test_state_is_per_needle() -> None:
    aligner = Aligner("alpha beta alpha beta")
    assert [s.start for s in (aligner.find("alpha"), aligner.find("beta")) if s] == [0, 6]
    assert [s.start for s in (aligner.find("alpha"), aligner.find("beta")) if s] == [11, 17]
    aligner.reset()
    span = aligner.find("alpha")
    assert span is not None and span.start == 0


def test_find_all_and_contains_do_not_change_state() -> None:
    aligner = Aligner(ARTICLE)
    all_spans = aligner.find_all("good progress")
    assert [s.start for s in all_spans] == [
        i for i in range(len(ARTICLE)) if ARTICLE.startswith("good progress", i)
    ]
    assert aligner.contains("good progress")
    span = aligner.find("good progress")
    assert span is not None and span.start == all_spans[0].start


def test_find_all_merges_exact_and_normalised_occurrences() -> None:
    text = "Good progress. Then good progress. And GOOD\nPROGRESS."
    spans = Aligner(text).find_all("good progress")
    assert [(s.text, s.alignment) for s in spans] == [
        ("Good progress", Alignment.normalised),
        ("good progress", Alignment.exact),
        ("GOOD\nPROGRESS", Alignment.normalised),
    ]
    for span in spans:
        assert_grounded(text, span)


@pytest.mark.parametrize(
    "needle", ["(C, Blakeney and Bream)", "£9million?", "[1]", ".*", "83%", "£9million? was"]
)
def test_regex_metacharacters_are_literal(needle: str) -> None:
    aligner = Aligner(ARTICLE)
    span = assert_grounded(ARTICLE, aligner.find(needle))
    assert span.text == needle
    assert span.start == ARTICLE.index(needle)


@pytest.mark.parametrize("needle", [".*", "[a-z]+", "(", "\\d+", "a|b", "^", "$"])
def test_regex_metacharacters_absent_from_text_are_not_found(needle: str) -> None:
    text = "plain words only here and nothing else at all"
    aligner = Aligner(text)
    assert aligner.find(needle) is None
    assert aligner.find_all(needle) == []
    assert not aligner.contains(needle)


@pytest.mark.parametrize("needle", ["", " ", "\n\t ", '""', "“”"])
def test_blank_needles_find_nothing(needle: str) -> None:
    aligner = Aligner(ARTICLE)
    assert aligner.find(needle) is None
    assert aligner.find_all(needle) == []
    assert not aligner.contains(needle)


def test_needle_from_a_different_article_is_none() -> None:
    aligner = Aligner(ARTICLE)
    assert aligner.find("Leeds City Council was rated excellent by the Audit Commission") is None
    assert aligner.find("Ofsted said the service for looked after children was inadequate.") is None


# --- normalised -----------------------------------------------------------------------------


def test_curly_vs_straight_quotes() -> None:
    aligner = Aligner(ARTICLE)
    span = assert_grounded(ARTICLE, aligner.find("The council's director"))
    assert span.text == "The council’s director"
    assert span.alignment == Alignment.normalised
    # Quote marks the text has too are kept in the span ...
    span = assert_grounded(ARTICLE, aligner.find('"We are delighted that the inspectors'))
    assert span.text == "“We are delighted that the inspectors"
    span = assert_grounded(ARTICLE, aligner.find('on these foundations."'))
    assert span.text == "on these foundations.”"
    # ... and surrounding ones it lacks are stripped from the needle.
    span = assert_grounded(ARTICLE, aligner.find("“Norfolk County Council”"))
    assert span.text == "Norfolk County Council"
    assert span.alignment == Alignment.normalised


def test_straight_quotes_in_text_curly_in_needle() -> None:
    text = "He said 'it's fine' and \"no more\" -- then left."
    aligner = Aligner(text)
    span = assert_grounded(text, aligner.find("He said ‘it’s fine’"))
    assert span.text == "He said 'it's fine'"
    assert span.alignment == Alignment.normalised


def test_em_dash_vs_hyphen() -> None:
    aligner = Aligner(ARTICLE)
    span = assert_grounded(ARTICLE, aligner.find("the report - published on Tuesday - warned"))
    assert span.text == "the report — published on Tuesday — warned"
    assert span.alignment == Alignment.normalised
    text = "a rise of 5–10 per cent and a fall of −3"
    aligner = Aligner(text)
    assert assert_grounded(text, aligner.find("5-10 per cent")).text == "5–10 per cent"
    assert assert_grounded(text, aligner.find("fall of -3")).text == "fall of −3"


def test_whitespace_and_hard_wraps() -> None:
    aligner = Aligner(ARTICLE)
    needle = "improving services for older people"
    span = assert_grounded(ARTICLE, aligner.find(needle))
    assert span.text == "improving services\nfor older people"
    assert span.alignment == Alignment.normalised
    # and the other way round: needle wrapped, text on one line
    span = assert_grounded(ARTICLE, aligner.find("  too many\nchildren   were\twaiting "))
    assert span.text == "too many children were waiting"
    text = "a\u00a0figure of\r\n\r\n  £3m"
    assert (
        assert_grounded(text, Aligner(text).find("figure of £3m")).text == "figure of\r\n\r\n  £3m"
    )


def test_case_insensitive() -> None:
    aligner = Aligner(ARTICLE)
    span = assert_grounded(ARTICLE, aligner.find("NORFOLK COUNTY COUNCIL"))
    assert span.text == "Norfolk County Council"
    assert span.alignment == Alignment.normalised


def test_ellipsis_and_invisible_characters() -> None:
    text = "It was hard… but worth\u00adwhile and\u200b done."
    aligner = Aligner(text)
    assert assert_grounded(text, aligner.find("hard... but")).text == "hard… but"
    assert assert_grounded(text, aligner.find("worthwhile and done")).text == (
        "worth\u00adwhile and\u200b done"
    )


def test_casefold_expansion_does_not_shift_offsets() -> None:
    prefix = "Straße ﬁne İstanbul ŉ STRASSE "
    text = prefix + "the “planted” needle — here. Straße again."
    aligner = Aligner(text)
    span = assert_grounded(text, aligner.find('THE "PLANTED" NEEDLE - HERE'))
    assert span.start == len(prefix)
    assert span.text == "the “planted” needle — here"
    # ß matches ss and vice versa, and the span is the article's own characters
    spans = aligner.find_all("strasse")
    assert [s.text for s in spans] == ["Straße", "STRASSE", "Straße"]
    assert assert_grounded(text, aligner.find("istanbul")).text == "İstanbul"


def test_repeated_normalised_needles_get_successive_occurrences() -> None:
    text = "He said “yes”. She said “yes”. They said “yes”."
    aligner = Aligner(text)
    spans = [assert_grounded(text, aligner.find('said "yes"')) for _ in range(4)]
    first = text.index("said")
    second = text.index("said", first + 1)
    third = text.index("said", second + 1)
    assert [s.start for s in spans] == [first, second, third, first]
    assert {s.text for s in spans} == {"said “yes”"}  # the closing quote is kept
    assert {s.alignment for s in spans} == {Alignment.normalised}


# --- word boundaries ------------------------------------------------------------------------


def test_short_needle_not_matched_inside_a_longer_token() -> None:
    text = "Spending rose 183% in total; 83% of plans were late."
    aligner = Aligner(text)
    span = assert_grounded(text, aligner.find("83%"))
    assert span.start == text.index(" 83%") + 1
    assert [s.start for s in aligner.find_all("83%")] == [span.start]
    only_inside = Aligner("Spending rose 183% in total.")
    assert only_inside.find("83%") is None
    assert not only_inside.contains("83%")
    assert Aligner("the councils agreed").find("council") is None


def test_long_needle_may_match_mid_word_when_nothing_better() -> None:
    text = "The council has made good progress overall."
    aligner = Aligner(text)
    span = assert_grounded(text, aligner.find("uncil has made good progr"))
    assert span.text == "uncil has made good progr"
    assert span.alignment == Alignment.exact


# --- span / check_span ----------------------------------------------------------------------


def test_span_for_a_known_region() -> None:
    aligner = Aligner(ARTICLE)
    span = aligner.span(0, 10)
    assert span == Span(start=0, end=10, text=ARTICLE[:10], alignment=Alignment.exact)
    assert aligner.span(len(ARTICLE), len(ARTICLE)).text == ""
    for start, end in [(-1, 3), (5, 4), (0, len(ARTICLE) + 1)]:
        with pytest.raises(ValueError):
            aligner.span(start, end)


def test_check_span() -> None:
    text = "The council made good progress."
    assert check_span(text, Span(start=4, end=11, text="council")) is None
    wrong = check_span(text, Span(start=4, end=11, text="Council"))
    assert wrong is not None and "'Council'" in wrong and "'council'" in wrong
    shifted = check_span(text, Span(start=5, end=12, text="council"))
    assert shifted is not None and "does not match" in shifted
    outside = check_span(text, Span(start=30, end=40, text="progress.\n"))
    assert outside is not None and "outside" in outside and "\n" not in outside
    missing = check_span(text, Span(start=0, end=0, text="nowhere", alignment=Alignment.none))
    assert missing is not None and "'nowhere'" in missing


def test_normalise_map() -> None:
    text = "A  “Big”\u00a0\n—Straße…"
    folded, index = normalise(text)
    assert folded == 'a "big" -strasse...'
    assert len(index) == len(folded)
    assert [text[i] for i in index] == list("A “Big”\u00a0—Straßße………")
