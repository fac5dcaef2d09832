"""Tests for summarise.align.spans: unit cases and hypothesis oracle properties."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from summarise.align.spans import (
    DEFAULT_FUZZY_THRESHOLD,
    MIN_FUZZY_CHARS,
    Aligner,
    check_span,
    normalise,
)
from summarise.models import Alignment, Span

ARTICLE = (
    "Inspectors found that Norfolk County Council had made good progress in improving "
    "services\nfor older people since the last joint review in 2003. The council’s director "
    "of social services, Jane Smith, said: “We are delighted that the inspectors recognised "
    "the hard work of our staff and we will continue to build on these foundations.”\n\n"
    "However, the report — published on Tuesday — warned that too many children were "
    "waiting too long for an assessment, and 83% of care plans were out of date. "
    "The council had made good progress, it said, but good progress was not enough. "
    "A further £9million? was promised for the area (C, Blakeney and Bream) [1] .* end."
)


def assert_grounded(text: str, span: Span | None) -> Span:
    assert span is not None
    assert span.text == text[span.start : span.end]
    assert check_span(text, span) is None
    return span


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


# --- oracle properties ----------------------------------------------------------------------

# Filler and needles never contain "#", so a needle wrapped in "#" can only match where it
# was planted. Digits are also kept out of the filler.
FILLER_CHARS = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "      \n\n\t\u00a0’‘“”\"'£—–-−…éöß İﬁŉ😀👩\u200d💻\u00ad.,;:?!()[]*+"
)
LENGTH_CHANGERS = "ßﬁŉİẞ"  # casefold/fold changes the length of these

filler = st.text(alphabet=FILLER_CHARS, max_size=60)
body = st.text(alphabet=FILLER_CHARS, min_size=1, max_size=40)

EQUIVALENTS: dict[str, list[str]] = {
    "'": ["’", "‘", "‚", "‛", "′"],
    "’": ["'", "‘"],
    "‘": ["'", "’"],
    '"': ["“", "”", "„", "″"],
    "“": ['"', "”"],
    "”": ['"', "“"],
    "-": ["—", "–", "‐", "‑", "‒", "―", "−"],
    "—": ["-", "–"],
    "–": ["-", "—"],
    "−": ["-"],
    "…": ["..."],
    " ": ["\n", "\t", "  ", "\u00a0", "\r\n", " \n "],
    "\n": [" ", "\n\n"],
    "\t": [" "],
    "\u00a0": [" "],
    "ß": ["ss", "SS"],
    "é": ["É"],
    "ö": ["Ö"],
    "\u00ad": [""],
}


@st.composite
def mutated(draw: st.DrawFn, original: str) -> str:
    """`original` with normalisation-preserving substitutions."""
    out: list[str] = []
    for ch in original:
        options = list(EQUIVALENTS.get(ch, []))
        if ch.isascii() and ch.isalpha():
            options.append(ch.swapcase())
        swap: bool = draw(st.booleans()) if options else False
        out.append(draw(st.sampled_from(options)) if swap else ch)
    return "".join(out)


def naive_normalise(text: str) -> tuple[str, list[int]]:
    """Reference implementation: the documented rules, one character at a time."""
    table = {
        **dict.fromkeys("‘’‚‛′", "'"),
        **dict.fromkeys("“”„‟″", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        "…": "...",
        "İ": "i",
        **dict.fromkeys("\u00ad\u200b\u2060\ufeff", ""),
    }
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = table.get(ch, " " if ch.isspace() else ch.casefold())
        if folded == " " and out and out[-1] == " ":
            continue
        for f in folded:
            out.append(f)
            index.append(i)
    return "".join(out), index


@given(st.text(alphabet=FILLER_CHARS + "\u200b\u2060\ufeff\r\x0b\x1c\u2009\u3000ǅ", max_size=200))
def test_normalise_matches_reference(text: str) -> None:
    assert normalise(text) == naive_normalise(text)


@given(st.text(max_size=200))
def test_normalise_map_is_monotonic_and_in_range(text: str) -> None:
    folded, index = normalise(text)
    assert len(folded) == len(index)
    assert index == sorted(index)
    assert all(0 <= i < len(text) for i in index)


@given(filler, body, filler)
def test_oracle_exact_single_plant(before: str, middle: str, after: str) -> None:
    needle = "#" + middle + "#"
    text = before + needle + after
    span = assert_grounded(text, Aligner(text).find(needle))
    assert (span.start, span.end) == (len(before), len(before) + len(needle))
    assert span.text == needle
    assert span.alignment == Alignment.exact


@given(st.lists(filler, min_size=2, max_size=6), body)
def test_oracle_exact_successive_plants(fillers: list[str], middle: str) -> None:
    needle = "#" + middle + "#"
    text = needle.join(fillers)
    expected = []
    pos = 0
    for part in fillers[:-1]:
        pos += len(part)
        expected.append(pos)
        pos += len(needle)
    aligner = Aligner(text)
    found = [assert_grounded(text, aligner.find(needle)).start for _ in range(len(expected) + 2)]
    assert found == expected + [expected[0], expected[0]]
    assert [s.start for s in aligner.find_all(needle)] == expected


@given(st.data(), filler, body, filler)
def test_oracle_normalised_plant_maps_back_exactly(
    data: st.DataObject, before: str, middle: str, after: str
) -> None:
    planted = "#" + middle + "#"
    needle = data.draw(mutated(planted))
    assert normalise(needle)[0] == normalise(planted)[0]
    text = before + planted + after
    span = assert_grounded(text, Aligner(text).find(needle))
    assert (span.start, span.end) == (len(before), len(before) + len(planted))
    assert span.alignment == (Alignment.exact if needle == planted else Alignment.normalised)


@given(st.data(), st.lists(filler, min_size=2, max_size=5), body)
def test_oracle_normalised_successive_plants(
    data: st.DataObject, fillers: list[str], middle: str
) -> None:
    planted = "#" + middle + "#"
    needle = data.draw(mutated(planted))
    assume(needle != planted)
    text = planted.join(fillers)
    # Adjacent plants can spell the needle verbatim across a boundary ("#\xad#" twice holds
    # "##"), and then the exact tier rightly wins: this oracle is about normalised matches only.
    assume(needle not in text)
    expected = []
    pos = 0
    for part in fillers[:-1]:
        pos += len(part)
        expected.append(pos)
        pos += len(planted)
    aligner = Aligner(text)
    spans = [assert_grounded(text, aligner.find(needle)) for _ in expected]
    assert [(s.start, s.end) for s in spans] == [(p, p + len(planted)) for p in expected]
    assert all(s.alignment == Alignment.normalised for s in spans)


@given(
    st.data(),
    st.text(alphabet=LENGTH_CHANGERS + "ab ", min_size=1, max_size=40),
    body,
    filler,
)
def test_oracle_casefold_length_changes_before_the_needle_do_not_shift_offsets(
    data: st.DataObject, before: str, middle: str, after: str
) -> None:
    assume(len(normalise(before)[0]) != len(before))
    planted = "#" + middle + "#"
    needle = data.draw(mutated(planted)).upper()  # forces the normalised tier
    assume(normalise(needle)[0] == normalise(planted)[0])
    text = before + planted + after
    span = assert_grounded(text, Aligner(text).find(needle))
    assert (span.start, span.end) == (len(before), len(before) + len(planted))


@given(st.text(alphabet="abc ", max_size=80), st.text(alphabet="abc .", min_size=1, max_size=6))
def test_oracle_first_find_is_first_occurrence_on_word_boundaries(text: str, needle: str) -> None:
    def clean(start: int, end: int) -> bool:
        if 0 < start and text[start - 1].isalnum() and text[start].isalnum():
            return False
        return not (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())

    assume(needle.strip())  # blank needles are never found
    occurrences = [i for i in range(len(text)) if text.startswith(needle, i)]
    clean_ones = [i for i in occurrences if clean(i, i + len(needle))]
    span = Aligner(text, allow_fuzzy=False).find(needle)
    if clean_ones:
        span = assert_grounded(text, span)
        assert span.alignment == Alignment.exact
        assert span.start == clean_ones[0]
    elif span is not None:  # only a normalised match is possible then (e.g. stripped spaces)
        assert_grounded(text, span)
        assert span.alignment == Alignment.normalised
        assert normalise(needle)[0].strip(" '\"") in normalise(span.text)[0]


WORD = st.text(alphabet="abcdefgh", min_size=3, max_size=8)
OTHER_WORD = st.text(alphabet="uvwxyz", min_size=3, max_size=8)


@given(
    st.data(),
    st.lists(OTHER_WORD, max_size=10),
    st.lists(WORD, min_size=10, max_size=20),
    st.lists(OTHER_WORD, max_size=10),
)
def test_oracle_fuzzy_one_character_changed_finds_the_plant(
    data: st.DataObject, before: list[str], words: list[str], after: list[str]
) -> None:
    sentence = " ".join(words)
    at = data.draw(st.integers(0, len(sentence) - 1).filter(lambda i: sentence[i] != " "))
    new = data.draw(st.sampled_from("abcdefgh").filter(lambda c: c != sentence[at]))
    needle = sentence[:at] + new + sentence[at + 1 :]
    prefix = " ".join(before) + " " if before else ""
    text = prefix + sentence + (" " + " ".join(after) if after else "")
    assume(needle not in text)
    span = assert_grounded(text, Aligner(text).find(needle))
    assert span.alignment == Alignment.fuzzy
    assert (span.start, span.end) == (len(prefix), len(prefix) + len(sentence))


@given(st.text(alphabet=FILLER_CHARS, max_size=300), st.text(min_size=1, max_size=11))
def test_oracle_short_needles_are_never_fuzzy(text: str, needle: str) -> None:
    assume(len(normalise(needle)[0]) < MIN_FUZZY_CHARS)
    span = Aligner(text, fuzzy_threshold=0).find(needle)
    if span is not None:
        assert span.alignment in (Alignment.exact, Alignment.normalised)
        assert_grounded(text, span)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=300), st.lists(st.text(max_size=40), max_size=10))
def test_oracle_anything_found_is_grounded(text: str, needles: list[str]) -> None:
    aligner = Aligner(text, fuzzy_threshold=50)
    for needle in needles + [text[3:30], text[10:11]]:
        span = aligner.find(needle)
        if span is not None:
            assert_grounded(text, span)
        for found in aligner.find_all(needle):
            assert_grounded(text, found)


# --- a long text -----------------------------------------------------------------------------


def test_sixty_needles_over_twenty_kilobytes_are_grounded() -> None:
    """Correctness only; how fast is benchmarks/align_speed.py's job, not a unit test's."""
    text = (ARTICLE + "\n\n") * (20_000 // len(ARTICLE) + 1)
    text = text[:20_000]
    sentences = [s.strip() for s in ARTICLE.replace("\n", " ").split(".") if len(s.strip()) > 12]
    needles = []
    for i in range(60):
        s = sentences[i % len(sentences)]
        kind = i % 3
        if kind == 0:
            needles.append(s)  # exact
        elif kind == 1:
            needles.append(s.upper())  # normalised
        else:
            needles.append(s.replace("e", "a", 1) + " and then some")  # fuzzy or none
    aligner = Aligner(text)
    for needle in needles:
        span = aligner.find(needle)
        if span is not None:
            assert span.text == text[span.start : span.end]
