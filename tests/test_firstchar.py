"""The speed-ups of the offline extractor change no result: each rewritten pattern or shortcut is
checked against the plain form it replaces, on every test article and on mangled copies of them
(so that odd spacing, punctuation and "£" signs are exercised too)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from summarise.extract.offline import figures, judgements, people, points, review
from summarise.extract.offline.firstchar import (
    Atom,
    Unsupported,
    alternatives,
    first_char_union,
    strip_first,
    unverbose,
)
from summarise.extract.offline.text import (
    CASE_ODD,
    CLAUSE_BREAK,
    Caseless,
    Segment,
    caseless_lower,
    lowered,
    split_sentences,
)

ROOT = Path(__file__).parent
TEXTS = [
    p.read_text(encoding="utf-8")
    for p in sorted((ROOT.parent / "examples" / "articles").glob("*.txt"))
]
TEXTS += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").rglob("*.txt"))]


def _variants(text: str) -> list[str]:
    return [
        text,
        text.replace(" ", "£"),
        text.replace(" ", ",  "),
        text.replace("e", "1"),
        text.replace(" ", ""),
    ]


CORPUS = [v for t in TEXTS for v in _variants(t)]
LOW = [t.lower() for t in CORPUS]


def _spans(pattern: re.Pattern[str], text: str, pos: int = 0) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, pos)]


def test_corpus_is_there() -> None:
    assert len(TEXTS) >= 10


@pytest.mark.parametrize(
    ("rewritten", "names", "lists", "plain_prefix"),
    [
        (points._CUES, points._CUE_NAMES, points._CUE_LISTS, r"\b"),
        (points._AREAS, points._AREA_NAMES, points._AREA_LISTS, r"(?:\b|(?=£))"),
    ],
)
def test_cue_unions_match_plain_unions(
    rewritten: re.Pattern[str],
    names: dict[str, str],
    lists: list[tuple[str, re.Pattern[str]]],
    plain_prefix: str,
) -> None:
    plain = re.compile(plain_prefix + "(?:" + points._named_union(lists, lower=True) + ")")
    assert rewritten.pattern != plain.pattern  # the rewrite applied
    for text in LOW:
        got = [(m.span(), names[m.lastgroup or ""]) for m in rewritten.finditer(text)]
        assert got == [(m.span(), m.lastgroup) for m in plain.finditer(text)]


@pytest.mark.parametrize(
    ("rewritten", "plain"),
    [
        (points._RECOMMEND, re.compile(points.RECOMMEND.pattern.lower())),
        (
            figures.FIGURE_LOW,
            re.compile(
                r"(?=[£$€\d]|\b[a-z])(?:" + figures.FIGURE.pattern.lower() + ")", re.VERBOSE
            ),
        ),
    ],
)
def test_single_unions_match_plain_patterns(
    rewritten: re.Pattern[str], plain: re.Pattern[str]
) -> None:
    for text in LOW:
        assert _spans(rewritten, text) == _spans(plain, text)


def test_clause_break_matches_its_plain_form() -> None:
    plain = re.compile(
        r",?\s+but\s+|;\s+|,\s+(?:however|whereas)\s+|"
        r",?\s+(?=(?:although|though|while|whilst|despite)\s)|\s+—\s+|\s+–\s+"
    )
    for text in CORPUS:
        for pos in (0, 5):
            assert _spans(CLAUSE_BREAK, text, pos) == _spans(plain, text, pos)


@pytest.mark.parametrize("caseless", [judgements._JUDGEMENT_HINT, review._REVIEW_DATE_ANY])
def test_caseless_patterns_match_lowered_ones(caseless: Caseless) -> None:
    plain = lowered(caseless.anycase)
    for text in LOW:
        assert _spans(caseless.low, text) == _spans(plain, text)
        assert (caseless.low.search(text, 7, 300) is None) == (plain.search(text, 7, 300) is None)


def test_unsupported_sources_fall_back_to_the_plain_union() -> None:
    pattern, names = first_char_union([("x", r"(?P<inner>a)b|c")])
    assert pattern.pattern == "(?:(?P<x>(?P<inner>a)b|c))" and names == {"x": "x"}
    pattern, _ = first_char_union([("x", r"a?b")])
    assert pattern.pattern == "(?:(?P<x>a?b))"
    with pytest.raises(Unsupported):
        strip_first("(?=a)b", Atom("a", "literal"), 0)


def test_rewrite_keeps_branch_order_and_boundaries() -> None:
    pattern, names = first_char_union([("a", r"ab|a"), ("b", r"\bac|abc")], word_start=False)
    for text in ["abc", "xabc", "ac", "xac", "a"]:
        plain = re.compile(r"(?P<a>ab|a)|(?P<b>\bac|abc)")
        got = [(m.span(), names[m.lastgroup or ""]) for m in pattern.finditer(text)]
        assert got == [(m.span(), m.lastgroup) for m in plain.finditer(text)]


def test_alternatives_split_only_at_the_top_level() -> None:
    assert alternatives(r"a(?:b|c)|[|]|\||d") == ["a(?:b|c)", "[|]", r"\|", "d"]


def test_unverbose_keeps_the_meaning() -> None:
    plain = re.compile(unverbose(figures.FIGURE.pattern), re.IGNORECASE)
    for text in CORPUS:
        assert _spans(plain, text) == _spans(figures.FIGURE, text)


def test_case_odd_lists_every_char_that_ignorecase_takes_for_ascii() -> None:
    chars = "".join(chr(i) for i in range(128, 0x110000) if not 0xD800 <= i < 0xE000)
    odd: set[str] = set()
    for a in string.ascii_letters + string.digits + "_ ":
        odd.update(re.findall(re.escape(a), chars, re.IGNORECASE))
    assert odd <= set(CASE_ODD)


def test_name_matches_are_name_pattern_matches_without_words_that_are_never_names() -> None:
    """_name_matches tries only at capitals and skips role words; what it yields is still
    exactly what _NAME_RE matches at that place, and holds no word that is never a name."""
    yielded = 0
    for text in CORPUS:
        for m in people._name_matches(text):
            again = people._NAME_RE.match(text, m.start())
            assert again is not None and again.span() == m.span()
            assert not any(people._never_name(w) for w in m.group("name").split())
            yielded += 1
    assert yielded > 0
    led = "Chief Inspector Jane Smith said"
    assert [m.group("name") for m in people._name_matches(led)] == ["Jane Smith"]


def _old_split_sentences(block: Segment) -> list[Segment]:
    """split_sentences as it was, with the last word found by re.findall."""
    from summarise.extract.offline.text import ABBREVIATIONS, SENTENCE_END

    out: list[Segment] = []
    cursor = 0
    for m in SENTENCE_END.finditer(block.text):
        last_word = re.findall(r"(\w+)$", block.text[cursor : m.start()])
        if last_word and last_word[0].lower() in ABBREVIATIONS and m.group().startswith("."):
            continue
        if last_word and len(last_word[0]) == 1 and last_word[0].isupper():
            continue
        seg = block.sub(cursor, m.end()).stripped(" ")
        if seg.text:
            out.append(seg)
        cursor = m.end()
    tail = block.sub(cursor, len(block.text)).stripped(" ")
    return [*out, tail] if tail.text else out


def test_split_sentences_unchanged() -> None:
    extra = [
        "Mr. Smith met Dr. J. Bloggs. Then Cllr. X. Y spoke. The co. Ltd. Inc. closed! Why? Now."
    ]
    for text in CORPUS + extra:
        for line in text.split("\n"):
            block = Segment(3, 3 + len(line), line)
            assert split_sentences(block) == _old_split_sentences(block)


def test_event_tail_is_found_wherever_a_month_event_is() -> None:
    from summarise.extract.offline.dates import _EVENT_TAIL, _MONTHS_EVENT

    for text in [
        *CORPUS,
        "In March’s monitoring visit",
        "after June's inspection, and May's review",
    ]:
        if _MONTHS_EVENT.search(text):
            assert _EVENT_TAIL.search(text)


def test_may_contain_never_rules_out_a_case_insensitive_match() -> None:
    from summarise.extract.offline.text import Document

    words = [
        "people",
        "prospects",
        "star",
        "progress",
        "requires improvement",
        "rated",
        "found to be",
    ]
    for text in [*CORPUS, "STARS and Prospects", "ſtar rating", "RATED \u212a"]:
        doc = Document(text)
        for s in doc.sentences:
            for w in words:
                if re.search(re.escape(w), s.text, re.IGNORECASE):
                    assert doc.may_contain(s, w)


@pytest.mark.parametrize(
    "text",
    [
        "the Office for Standards body",
        "Audit Commissioner John Smith",
        "Best Value Inspectors",
        "Commission for Social Care reforms",
    ],
)
def test_body_hints_only_rule_bodies_out(text: str) -> None:
    """A hint present is not a body found: these name no inspection body."""
    assert review.find_bodies(text, review.ReviewType.other) == []


def test_body_hints_agree_with_their_patterns() -> None:
    for text in CORPUS:
        exact = [body for body, pattern in review.BODY_PATTERNS if pattern.search(text)]
        assert review.find_bodies(text, review.ReviewType.other) == exact


@pytest.mark.parametrize("odd", list(CASE_ODD))
def test_texts_with_case_odd_letters_take_the_ignorecase_path(odd: str) -> None:
    """re.IGNORECASE reads "ſ" as "s" (and so on); the lower-cased fast path must not miss it."""
    for text in TEXTS:
        # The odd letter stands where IGNORECASE takes it for an ASCII letter.
        ascii_twin = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}[odd]
        varied = text.replace(ascii_twin, odd)
        fast = points.CueIndex(varied, caseless_lower(varied))
        exact = points.CueIndex(varied, None)
        assert (fast.cues, fast.areas, fast.recommends) == (
            exact.cues,
            exact.areas,
            exact.recommends,
        )


def test_other_inspectorates_are_other_and_never_care_inspectorate_wales() -> None:
    text = "Healthcare Inspectorate Wales and Estyn joined the inspection."
    assert review.find_bodies(text, review.ReviewType.other) == [review.Body.other]
