"""Ingestion's cleaning: boilerplate, lost quotes, whitespace and wrapping, idempotence."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ingest_helpers import FIXTURES, paragraphs

from summarise.ingest import boilerplate as bp
from summarise.ingest.reader import (
    clean_text,
    extract_metadata,
    load_article,
)

# --- boilerplate rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Your browser is no longer supported",
        (
            "For the best possible experience using our website we recommend you upgrade to a "
            "newer version or another browser."
        ),
        (
            "Your browser appears to have cookies disabled. For the best experience of this "
            "website, please enable cookies in your browser"
        ),
        (
            "We'll assume we have your consent to use cookies, for example so you won't need to "
            "log in."
        ),
        "This website uses cookies to improve your experience.",
        "Accept all cookies",
        "Learn more",
        "  • Comment",
        "Comments (3)",
        "Have your say",
        "You must sign in to make a comment",
        (
            "Please remember that the submission of any material is governed by our Terms and "
            "Conditions"
        ),
        "Links may be included in your comments but HTML is not permitted.",
        "Comments are closed.",
        "More from Community Care",
        "Share this article",
        "Share Tweet Email Print",
        "Facebook | Twitter | LinkedIn",
        "Newspapers in English",
        "Newspapers from UK",
        "© PressReader. All rights reserved.",
        "(c) Press Association 2002",
        "PA Media",
        "Copyright 2002 Newsquest Media Group. All rights reserved.",
        "Advertisement",
    ],
)
def test_boilerplate_lines_are_recognised(line: str) -> None:
    assert bp.is_boilerplate(line), bp.boilerplate_rule(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council said it would consult users before changing its policy on cookies and cakes.",
        "Comments from service users were largely positive, the report said.",
        "More from the council is expected next week.",
        "Have your say on the future of care homes at a public meeting on Monday.",
        "(c) Improve access to services for older people",
        "Share of the budget spent on children rose to 40 per cent.",
        "Copyright law was not the issue, inspectors said.",
        "- Continue to improve the quality of children's services",
    ],
)
def test_article_sentences_are_not_boilerplate(line: str) -> None:
    assert not bp.is_boilerplate(line), bp.boilerplate_rule(line)


def test_boilerplate_removed_in_context_but_sentences_kept() -> None:
    raw = (
        "Care homes criticised\n\nThe report mentions cookies only once.\n\nShare\n\n"
        "Comments are closed.\n"
    )
    assert clean_text(raw) == "Care homes criticised\n\nThe report mentions cookies only once."


def test_teaser_prefix_of_next_paragraph_is_removed() -> None:
    raw = (
        "Headline\n"
        "The social services provided by the council are serving most people w...\n"
        "The social services provided by the council are serving most people well, says a report.\n"
    )
    assert paragraphs(clean_text(raw)) == [
        "Headline",
        "The social services provided by the council are serving most people well, says a report.",
    ]


def test_ellipsis_that_is_not_a_teaser_is_kept() -> None:
    raw = "The director paused and said she would wait and see...\n\nThen the vote came.\n"
    assert "wait and see..." in clean_text(raw)


# --- lost quotes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("I???m pleased", "I’m pleased"),
        ("???We welcome it.???", "“We welcome it.”"),
        ("rated ???good??? or ???excellent,??? putting", "rated “good” or “excellent,” putting"),
        ("said: ???In particular", "said: “In particular"),
        ("problems ??? with overspends ??? could", "problems – with overspends – could"),
        ("the 1990???s", "the 1990’s"),
        ("the council?s budget and they didn?t", "the council’s budget and they didn’t"),
        ("Is it failing? Yes. Why?", "Is it failing? Yes. Why?"),
        ("see index.php?s=care&t=1", "see index.php?s=care&t=1"),
        ("What?! Really?? ????", "What?! Really?? ????"),
    ],
)
def test_lost_quote_repair(raw: str, fixed: str) -> None:
    assert bp.repair_lost_quotes(raw) == fixed


# --- whitespace and wrapping --------------------------------------------------------------------


def test_whitespace_is_normalised() -> None:
    raw = "  Title\t here \r\n\r\n\r\n\r\nFirst\u00a0 paragraph.   \r\n\n\n\nSecond\u200b one.  "
    assert clean_text(raw) == "Title here\n\nFirst paragraph.\n\nSecond one."


def test_one_line_per_paragraph_text_is_not_unwrapped() -> None:
    raw = "Short headline\nA first paragraph that is a sentence.\nA second one, also complete.\n"
    assert paragraphs(clean_text(raw)) == [
        "Short headline",
        "A first paragraph that is a sentence.",
        "A second one, also complete.",
    ]


def test_lowercase_continuation_is_rejoined_in_unwrapped_text() -> None:
    raw = "Inspectors said the council was serving most people well\nand improving.\n"
    assert (
        clean_text(raw) == "Inspectors said the council was serving most people well and improving."
    )


def test_hard_wrapped_fixture_unwraps_with_bullets() -> None:
    article = load_article(FIXTURES / "wrapped_bullets.txt")
    assert paragraphs(article.text) == [
        "Inspectors find slow progress in children's services",
        (
            "The council has been told that its services for children are not improving quickly "
            "enough, according to a monitoring visit by inspectors published this week."
        ),
        (
            "Inspectors found that too many children had frequent changes of social worker and "
            "that managers did not always check the quality of the work done with families."
        ),
        "The report sets out three priorities:",
        (
            "- recruit and keep experienced social workers\n"
            "- make sure every child has a plan that is reviewed on time\n"
            "- improve the oversight of managers"
        ),
        (
            "The council's director said the authority accepted the findings and was already "
            'acting on them. "We know there is more to do," she said.'
        ),
    ]
    assert article.title == "Inspectors find slow progress in children's services"


def test_wrapped_text_keeps_abbreviations_and_rejoins_hyphenated_words() -> None:
    raw = (
        "The report was written by inspectors who visited the council in\n"
        "March and spoke to the director of social services, Dr. J.\n"
        "Smith, who said that the long-standing and widely well-\n"
        "known problems with recruitment were being tackled by the new\n"
        "management team at the authority this year.\n"
    )
    assert clean_text(raw) == (
        "The report was written by inspectors who visited the council in March and spoke to the "
        "director of social services, Dr. J. Smith, who said that the long-standing and widely "
        "well-known problems with recruitment were being tackled by the new management team at "
        "the authority this year."
    )


def test_wrapped_text_with_headline_dateline_and_byline_without_blank_lines() -> None:
    raw = (
        "SOCIAL SERVICES STAR RATINGS\n"
        "12/05/2003\n"
        "By John Smith\n"
        "Four councils in the region have been awarded three stars for their\n"
        "social services, the Commission for Social Care Inspection said\n"
        "yesterday.\n"
        "Councillor Jane Doe said:\n"
        '"We are delighted with the result and thank all of our staff."\n'
    )
    assert paragraphs(clean_text(raw)) == [
        "SOCIAL SERVICES STAR RATINGS",
        "12/05/2003",
        "By John Smith",
        (
            "Four councils in the region have been awarded three stars for their social services, "
            "the Commission for Social Care Inspection said yesterday."
        ),
        'Councillor Jane Doe said: "We are delighted with the result and thank all of our staff."',
    ]
    meta = extract_metadata(raw)
    assert (meta.title, meta.published) == ("SOCIAL SERVICES STAR RATINGS", "2003-05-12")


def test_wrapped_dash_is_not_a_bullet_but_real_bullets_are() -> None:
    raw = (
        "The key to the council's social services developing further\n"
        "- aside from better management of budgets and a clearer vision - is\n"
        "eradicating inconsistencies in services, the reviewers said in their\n"
        "report. They include:\n"
        "- deliver the budget recovery plan through the reduction of external\n"
        "placements\n"
        "- improve access to services\n"
        "The council said it would act.\n"
    )
    assert paragraphs(clean_text(raw)) == [
        (
            "The key to the council's social services developing further - aside from better "
            "management of budgets and a clearer vision - is eradicating inconsistencies in "
            "services, the reviewers said in their report. They include:"
        ),
        (
            "- deliver the budget recovery plan through the reduction of external placements\n"
            "- improve access to services"
        ),
        "The council said it would act.",
    ]


def test_mojibake_next_to_odd_whitespace_settles_in_one_call() -> None:
    once = clean_text("\u00a0â€™…")
    assert once == "’…"
    assert clean_text(once) == once


# --- idempotence --------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "The council",
        " said",
        " well",
        "???",
        "?",
        "’",
        "“",
        "”",
        "'",
        '"',
        ".",
        ",",
        ":",
        "\n",
        "\n\n",
        "\n\n\n",
        " ",
        "\t",
        "\u00a0",
        "\r\n",
        "- ",
        "• ",
        "1. ",
        "...",
        "…",
        "Comments are closed.",
        "Share",
        "More from Community Care",
        "Learn more",
        "â€™",
        "Ã©",
        "Mr.",
        "well-",
        "known",
        "x" * 70,
        "The social services provided by",
        "\u200b",
        "\x0c",
    ]
)
_DOCUMENTS = st.one_of(st.lists(_PIECES, max_size=60).map("".join), st.text(max_size=200))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS)
# Found by hypothesis: one-line paragraphs that the next pass reads as a double-spaced wrap.
@example(
    "The councilThe councilThe councilThe council\nThe council\n\n"
    "The councilThe councilThe council\nThe council"
)
def test_clean_text_is_idempotent(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS)
def test_clean_text_output_shape(raw: str) -> None:
    text = clean_text(raw)
    assert "\n\n\n" not in text
    assert "\r" not in text and "\t" not in text and "\u00a0" not in text
    assert text == text.strip()
    assert all(line == line.strip() and "  " not in line for line in text.split("\n"))
    text.encode("utf-8")  # no lone surrogates: sha256 must always work
