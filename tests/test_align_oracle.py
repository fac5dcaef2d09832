"""summarise.align.spans: hypothesis oracle properties, and a long text."""

from __future__ import annotations

from align_helpers import ARTICLE, assert_grounded
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from summarise.align.spans import (
    MIN_FUZZY_CHARS,
    Aligner,
    normalise,
)
from summarise.models import Alignment

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
