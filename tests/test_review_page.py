"""Review pages: the cleaned text kept whole, every span highlighted and reachable by its id."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from summarise.models import Alignment, ArticleSummary, Point, Quote, Span
from summarise.render import render_review_page, span_anchor
from summarise.render.highlight import collect, highlight

ARTICLES = Path(__file__).parent / "fixtures" / "render" / "articles"
JOINT = "westshire-2001-joint-review"
STARS = "westshire-2004-star-rating"


def load(article_id: str) -> tuple[ArticleSummary, str]:
    summary = ArticleSummary.model_validate_json(
        (ARTICLES / f"{article_id}.json").read_text(encoding="utf-8")
    )
    return summary, (ARTICLES / f"{article_id}.clean.txt").read_text(encoding="utf-8")


def render(article_id: str) -> tuple[ArticleSummary, str, lxml.html.HtmlElement]:
    summary, text = load(article_id)
    page = render_review_page(summary, text, article_id=article_id)
    return summary, text, lxml.html.fromstring(page)


def spans_of(summary: ArticleSummary) -> list[tuple[str, Span]]:
    out = [("judgement", j.evidence) for j in summary.judgements]
    out += [("strength", p.evidence) for p in summary.strengths]
    out += [("concern", p.evidence) for p in summary.concerns]
    out += [("recommendation", p.evidence) for p in summary.recommendations]
    out += [("quote", q.span) for q in summary.quotes]
    out += [("figure", f.span) for f in summary.figures]
    return out


def span_text(tree: lxml.html.HtmlElement, key: str) -> str:
    return "".join(m.text_content() for m in tree.xpath(f'//mark[@data-span="{key}"]'))


@pytest.mark.parametrize("article_id", [JOINT, STARS])
def test_text_is_kept_whole_and_every_span_lands(article_id: str) -> None:
    summary, text, tree = render(article_id)
    body = tree.xpath('//div[@id="article-text"]')[0]
    assert body.text_content() == text  # paragraphs, line breaks, quotes: all kept
    for kind, span in spans_of(summary):
        if span.alignment == Alignment.none:
            assert not tree.xpath(f'//*[@id="{span_anchor(span.start, span.end)}"]')
            continue
        element = tree.xpath(f'//*[@id="{span_anchor(span.start, span.end)}"]')[0]
        assert element.tag == "mark"
        assert f"hl--{kind}" in element.get("class").split()
        assert element.get("data-label")  # a text label, not colour alone
        assert span_text(tree, f"{span.start}-{span.end}") == span.text
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_overlaps_nest_share_or_split() -> None:
    _, text, tree = render(JOINT)
    # a figure inside a strength is a child of the strength's element
    figure = tree.xpath('//*[@id="span-369-372"]')[0]
    assert figure.getparent().get("id") == "span-337-417"
    assert tree.xpath('//*[@id="span-337-417"]')[0].text_content() == text[337:417]
    # crossing concerns: the later one is split; its second part is marked as a continuation
    parts = tree.xpath('//mark[@data-span="550-640"]')
    assert [p.get("id") for p in parts] == ["span-550-640", None]
    assert "hl--cont" in parts[1].get("class")
    assert parts[0].getparent().get("id") == "span-503-573"


def test_identical_spans_share_one_element_with_both_fields() -> None:
    summary, text = load(JOINT)
    quote = summary.quotes[0]
    same = Point(text="Staff work hard.", evidence=quote.span)
    summary = summary.model_copy(update={"strengths": [*summary.strengths, same]})
    tree = lxml.html.fromstring(render_review_page(summary, text, article_id="x"))
    element = tree.xpath(f'//*[@id="{span_anchor(quote.span.start, quote.span.end)}"]')
    assert len(element) == 1
    assert {"hl--strength", "hl--quote"} <= set(element[0].get("class").split())
    assert element[0].get("data-label") == "Strength + Quote"


def test_side_list_links_every_item_and_badges_doubtful_ones() -> None:
    summary, _, tree = render(STARS)
    aside = tree.xpath("//aside")[0]
    items = aside.xpath('.//li[contains(@class, "item")]')
    assert len(items) == len(spans_of(summary))
    for link in aside.xpath(".//a"):
        key = link.get("data-span")
        assert link.get("href") == f"#span-{key}"
        assert tree.xpath(f'//mark[@id="span-{key}"]')
    fuzzy = next(i for i in items if "six weeks" in i.text_content())
    assert "fuzzy match" in fuzzy.text_content() and fuzzy.xpath(".//a")
    lost = next(i for i in items if "proud of every one" in i.text_content())
    assert "not found in text" in lost.text_content() and not lost.xpath(".//a")
    legend = [flat(li.text_content()) for li in tree.xpath('//ul[@class="legend"]/li')]
    assert legend == [
        "Judgement (2)",
        "Strength (2)",
        "Concern (0)",
        "Recommendation (0)",
        "Quote (2)",
        "Figure (2)",
    ]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_flagged_summary_shows_its_problems() -> None:
    _, _, tree = render(STARS)
    warning = tree.xpath('//div[@class="warning"]')[0]
    assert "quote 2 was not found in the text" in warning.text_content()


def test_offsets_that_do_not_match_the_text_are_badged() -> None:
    summary, text = load(STARS)
    wrong = Quote(speaker="X", text="abc", span=Span(start=0, end=3, text="abc"))
    outside = Quote(speaker="Y", text="far", span=Span(start=10_000, end=10_003, text="far"))
    summary = summary.model_copy(update={"quotes": [wrong, outside]})
    tree = lxml.html.fromstring(render_review_page(summary, text, article_id="x"))
    items = tree.xpath('//li[contains(@class, "item--quote")]')
    assert "span text differs" in items[0].text_content()
    assert tree.xpath('//mark[@id="span-0-3"]')
    assert "not found in text" in items[1].text_content()
    assert not tree.xpath('//*[@id="span-10000-10003"]')


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=40),
    raw=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=12),
)
def test_any_overlap_keeps_text_and_spans(text: str, raw: list[tuple[int, int]]) -> None:
    ranges = [(min(a, b), max(a, b)) for a, b in raw]
    highlights = collect(((s, e, "quote") for s, e in ranges), len(text))
    markup = highlight(text, highlights)
    assert isinstance(markup, Markup)
    tree = lxml.html.fromstring(f"<div>{markup}</div>")
    assert tree.text_content() == text
    for hl in highlights:
        assert len(tree.xpath(f'//*[@id="{hl.anchor}"]')) == 1
        assert span_text(tree, hl.key) == text[hl.start : hl.end]
