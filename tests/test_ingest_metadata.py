"""Ingestion's metadata: datelines, bylines, publishers, titles, source lines and URL dates."""

from __future__ import annotations

import pytest
from ingest_helpers import FIXTURES

from summarise.ingest.reader import (
    extract_metadata,
    load_article,
)
from summarise.ingest.textclean import clean_with_metadata
from summarise.text.datelines import dateline_date

# --- metadata -----------------------------------------------------------------------------------


def test_dateline_gives_published_date() -> None:
    article = load_article(FIXTURES / "dated.txt")
    assert article.published == "2002-03-12"
    assert article.title == "Star ratings: three councils drop to zero"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: 12 March 2002", "2002-03-12"),
        ("12/03/2002", "2002-03-12"),
        ("Tuesday, 12 March 2002, 10:30", "2002-03-12"),
        ("Posted on March 12, 2002 at 9:15am", "2002-03-12"),
        ("March 2002", "2002-03"),
        ("Published 2002", "2002"),
        ("2002", None),
        ("31/02/2002", None),
        ("since the inadequate rating in March 2017", None),
    ],
)
def test_dateline_parsing(line: str, expected: str | None) -> None:
    assert dateline_date(line) == expected


def test_dates_in_the_story_are_never_used() -> None:
    raw = "Headline\n\nThe council was rated inadequate in March 2017 and visited on 4 May 2019.\n"
    assert extract_metadata(raw).published is None


def test_dated_byline_gives_publisher_and_date() -> None:
    raw = "Headline\n\nThe Northern Echo - 5 March 2019 - NEWS - By A WRITER\n\nStory text here.\n"
    meta = extract_metadata(raw)
    assert (meta.publisher, meta.published) == ("The Northern Echo", "2019-03-05")


def test_pressreader_is_never_the_publisher() -> None:
    raw = "Headline\n\nStory text here.\n\n© PressReader. All rights reserved.\n"
    assert extract_metadata(raw).publisher is None


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Council rated inadequate", "Council rated inadequate"),
        ("COUNCIL RATED INADEQUATE.", "COUNCIL RATED INADEQUATE."),
        # Not a headline: the first sentence of the first real paragraph stands in.
        ("The council was rated inadequate.", "The council was rated inadequate."),
        ("x" * 151, "Body text of the article."),
        ("- a bullet", "Body text of the article."),
        ("Published: 30/05/2002, Volume 2", "Body text of the article."),
        ("Agenda item", "Body text of the article."),
    ],
)
def test_title_rule(first: str, title: str | None) -> None:
    assert extract_metadata(f"{first}\n\nBody text of the article.\n").title == title


# --- source line, URL dates and titles (invented pages) -------------------------------------------


@pytest.mark.parametrize(
    ("url", "published"),
    [
        ("https://news.example.co.uk/2005/03/14/council-rated-good/", "2005-03-14"),
        ("https://www.example.com/society/2010/jan/21/children-services", "2010-01-21"),
        ("https://example.org/news/2004/11/zero-star-councils", "2004-11"),
        ("https://example.org/news/2003380/ofsted-raises-concerns", None),  # an id, not a date
    ],
)
def test_a_source_line_is_not_text_and_its_url_dates_the_article(
    url: str, published: str | None
) -> None:
    raw = f"SOURCE: {url}\n\nCouncil services rated good\n\nThe council was rated good.\n"
    text, meta = clean_with_metadata(raw)
    assert "SOURCE" not in text and url not in text
    assert meta.title == "Council services rated good"
    assert meta.url == url
    assert meta.published == published
    assert meta.date_from == ("url" if published else None)


def test_a_date_line_beats_the_url_and_says_so() -> None:
    raw = (
        "SOURCE: https://example.org/2005/03/14/story/\n\nPage last updated at 10:45 GMT, "
        "Friday, 23 October 2009\n\nCouncil services are inadequate\n\nBody text here.\n"
    )
    _, meta = clean_with_metadata(raw)
    assert (meta.published, meta.date_from) == ("2009-10-23", "dateline")
    assert meta.title == "Council services are inadequate"
