"""find_mentions() on the example articles, ambiguous names and people, and invariants."""

from __future__ import annotations

from pathlib import Path

import pytest
from gazetteer_helpers import ARTICLES, article, display_name, names, spans
from hypothesis import given, settings
from hypothesis import strategies as st

from summarise.gazetteer.lookup import (
    Mention,
    all_authorities,
    lookup,
)
from summarise.gazetteer.mentions import find_mentions

# ------------------------------------------------------------------------------------------
# find_mentions() on the example articles


def test_article_000_essex_without_john_bolton() -> None:
    text = article("000")
    assert names(text) == ["Essex", "Essex", "Essex"]
    # "In particular,\nEssex has made good progress": sentence-initial still counts.
    assert any(text[m.start : m.start + 20] == "Essex has made good " for m in find_mentions(text))


def test_article_001_all_caps_headline_matches() -> None:
    text = article("001")
    mentions = find_mentions(text)
    assert mentions[0].text == "NE LINCS"
    assert {m.authority.name for m in mentions} == {"North East Lincolnshire"}
    assert "North East Lincolnshire Council" in [m.text for m in mentions]
    assert len(mentions) == 7


def test_article_002_leicestershire_not_leicester() -> None:
    assert names(article("002")) == ["Leicestershire"] * 5


def test_article_003_echo_excluded_council_one_mention() -> None:
    text = article("003")
    assert spans(text) == [
        ("Gloucestershire", "Gloucestershire"),  # Gloucestershire’s children’s services
        ("Gloucestershire County Council", "Gloucestershire"),
        ("Gloucestershire", "Gloucestershire"),  # Gloucestershire’s Children’s Services
        ("Gloucestershire", "Gloucestershire"),  # Gloucestershire is a welcoming place
    ]
    echo = text.index("Gloucestershire Echo")
    assert all(m.start != echo for m in find_mentions(text))


def test_article_004_national_has_no_council() -> None:
    assert find_mentions(article("004")) == []


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_offsets_on_examples(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    previous_end = 0
    for m in find_mentions(text):
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end
        previous_end = m.end


# ------------------------------------------------------------------------------------------
# find_mentions(): ambiguous names and people


def test_reading_and_bury_need_a_cue_at_sentence_start() -> None:
    assert find_mentions("Reading the report, the council agreed.") == []
    assert find_mentions("Bury the hatchet, officials said.") == []
    assert names("Reading council was praised.") == ["Reading"]
    assert names("Bury's social services were praised.") == ["Bury"]
    assert names("Reading Borough Council was praised.") == ["Reading"]
    assert names("Reading and Slough councils were praised.") == ["Reading", "Slough"]
    # Mid-sentence the capital letter is enough.
    assert names("Inspectors in Reading and Bury found problems.") == ["Reading", "Bury"]


def test_always_ambiguous_forms_need_a_cue() -> None:
    assert find_mentions("A weekend in Bath was planned.") == []
    assert find_mentions("Westminster politicians blamed each other.") == []
    assert find_mentions("He said Kingston was lovely.") == []
    assert names("Bath's social services improved.") == ["Bath and North East Somerset"]
    assert names("Westminster council replied.") == ["Westminster"]
    assert names("The council in Bath replied.") == ["Bath and North East Somerset"]
    assert names("Bournemouth, Poole and Dorset councils merged.") == [
        "Bournemouth",
        "Poole",
        "Dorset",
    ]
    assert names("The Royal Borough of Kingston replied.") == ["Kingston upon Thames"]


def test_surnames_are_not_councils() -> None:
    text = (
        "John Bolton, director of joint reviews, said it was good. Later Bolton said more. "
        "Mr. Bury and Cllr Wigan agreed. Bolton Council replied."
    )
    assert spans(text) == [("Bolton Council", "Bolton")]


def test_former_authority_mentions_have_no_code() -> None:
    mentions = find_mentions(
        "Berkshire was abolished; Northamptonshire Children's Trust took over."
    )
    assert [m.authority.name for m in mentions] == ["Berkshire", "Northamptonshire"]
    assert all(m.authority.former and m.authority.gss_code is None for m in mentions)


def test_every_authority_is_found_in_a_sentence() -> None:
    for a in all_authorities():
        shown = display_name(a)
        with_suffix = f"Inspectors said that {shown} Council was improving."
        assert [m.authority for m in find_mentions(with_suffix)] == [a], shown
        bare = f"Inspectors said that {shown} was improving."
        found = [m.authority for m in find_mentions(bare)]
        if shown in {"Poole", "Avon", "Westminster"}:  # need a cue: surname, river, Parliament
            assert found == []
        else:
            assert found == [a], shown


def test_mention_is_hashable_value() -> None:
    (m,) = find_mentions("Essex has improved.")
    assert m == Mention(lookup("Essex") or m.authority, 0, 5, "Essex")
    assert len({m, m}) == 1


# ------------------------------------------------------------------------------------------
# Invariants and speed

_FILLER = st.sampled_from(
    [
        "the",
        "council",
        "said",
        "Inspectors",
        "in",
        "and",
        ",",
        ".",
        "’s",
        "Police",
        "Royal",
        "\n",
        "\n\n",
        "University of",
        "John",
        "County Council",
        "READING",
        "social services",
    ]
)
_NAMES = st.sampled_from(
    [display_name(a) for a in all_authorities()] + ["NE Lincs", "Glos", "Bath", "Hull", "Bury"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_FILLER, _NAMES), max_size=30))
def test_offsets_hold_for_any_text(parts: list[str]) -> None:
    text = " ".join(parts)
    previous_end = 0
    for m in find_mentions(text):
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end and m.end > m.start
        previous_end = m.end
