"""Briefing renderings: faithful to the CouncilBriefing, linked to evidence, safe and stable.

The fixtures in tests/fixtures/render/ are hand-made (see build.py there): a briefing for the
fictional council "Westshire" built from two article summaries whose spans index their cleaned
text.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import docx
import lxml.html
import pytest

from summarise.models import (
    Alignment,
    ArticleSummary,
    BriefingQuote,
    CouncilBriefing,
    NationalPoint,
    Span,
)
from summarise.render import (
    render_docx,
    render_html,
    render_index,
    render_markdown,
    render_review_page,
    review_href,
    span_anchor,
)
from summarise.render.labels import date_label
from summarise.render.templating import asset

FIXTURES = Path(__file__).parent / "fixtures" / "render"
ARTICLES = FIXTURES / "articles"
ARTICLE_IDS = ("westshire-2001-joint-review", "westshire-2004-star-rating")
XSS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
)


# --- fixtures and helpers -------------------------------------------------------------------


def load_briefing() -> CouncilBriefing:
    return CouncilBriefing.model_validate_json(
        (FIXTURES / "westshire.briefing.json").read_text(encoding="utf-8")
    )


def load_article(article_id: str) -> tuple[ArticleSummary, str]:
    summary = ArticleSummary.model_validate_json(
        (ARTICLES / f"{article_id}.json").read_text(encoding="utf-8")
    )
    return summary, (ARTICLES / f"{article_id}.clean.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def briefing() -> CouncilBriefing:
    return load_briefing()


@pytest.fixture(scope="module")
def review_pages() -> dict[str, str]:
    pages = {}
    for article_id in ARTICLE_IDS:
        summary, text = load_article(article_id)
        pages[article_id] = render_review_page(summary, text, article_id=article_id)
    return pages


def flat(text: str) -> str:
    return " ".join(text.split())


NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
CURLY_QUOTE = re.compile(r"“([^”]*)”")


def numbers(text: str) -> set[str]:
    """Numbers as tokens, leading zeros dropped ("03" in a date is the "3" of "3 March")."""
    return {n.lstrip("0") or "0" for n in NUMBER.findall(text)}


def briefing_text(briefing: CouncilBriefing) -> str:
    return json.dumps(briefing.model_dump(mode="json"), ensure_ascii=False)


def markdown_plain(md: str) -> str:
    """Markdown reduced to the words a reader sees, without citations or link targets."""
    md = re.sub(r"\[\[\d+\]\]\(<[^>]*>\)", " ", md)  # [[n]](<href>) citations
    md = re.sub(r"\]\(<[^>]*>\)", "]", md)  # other link targets
    md = re.sub(r"\[Review page for source \d+\]", " ", md)
    md = re.sub(r"^\[\d+\] ", "", md, flags=re.MULTILINE)  # source note numbers
    md = re.sub(r"(?<!\\)\[\d+\]", " ", md)  # citations without links
    return re.sub(r"\\(.)", r"\1", md)


def html_plain(page: str) -> str:
    """The visible words of a page, without citations, source numbers, CSS or script."""
    tree = lxml.html.fromstring(page)
    for bad in tree.xpath("//style | //script | //head | //*[contains(@class, 'cite')]"):
        bad.drop_tree()
    for number in tree.xpath("//*[contains(@class, 'source-number')]"):
        number.drop_tree()
    return str(tree.text_content())


def docx_plain(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    text = "\n".join(parts)
    text = re.sub(r"^\[\d+\] ", "", text, flags=re.MULTILINE)
    return re.sub(r"\[\d+\]", " ", text)


def invented_numbers(plain: str, briefing: CouncilBriefing) -> set[str]:
    return numbers(plain) - numbers(briefing_text(briefing))


def invented_quotes(plain: str, briefing: CouncilBriefing) -> list[str]:
    known = [flat(q.text) for q in briefing.quotes]
    return [q for q in (flat(m) for m in CURLY_QUOTE.findall(plain)) if q not in known]


@pytest.fixture(scope="module")
def renderings(
    briefing: CouncilBriefing, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    path = tmp_path_factory.mktemp("docx") / "westshire.docx"
    path.write_bytes(render_docx(briefing))
    return {
        "markdown": markdown_plain(render_markdown(briefing)),
        "html": html_plain(render_html(briefing)),
        "docx": docx_plain(path),
    }


# --- the fixtures themselves ----------------------------------------------------------------


def test_fixture_spans_index_their_cleaned_text(briefing: CouncilBriefing) -> None:
    texts = {}
    for article_id in ARTICLE_IDS:
        summary, text = load_article(article_id)
        texts[article_id] = text
        assert summary.source.sha256 == hashlib.sha256(text.encode()).hexdigest()
        spans = [j.evidence for j in summary.judgements]
        spans += [
            p.evidence for p in summary.strengths + summary.concerns + summary.recommendations
        ]
        spans += [q.span for q in summary.quotes] + [f.span for f in summary.figures]
        for span in spans:
            if span.alignment != Alignment.none:
                assert text[span.start : span.end] == span.text
    refs = [
        (r.source_id, r.span)
        for p in briefing.strengths + briefing.concerns + briefing.recommendations
        for r in p.sources
    ]
    refs += [(q.source_id, q.span) for q in briefing.quotes]
    refs += [(f.source_id, f.span) for f in briefing.figures]
    refs += [(n.source_id, n.span) for n in briefing.national_context if n.span]
    for source_id, span in refs:
        assert texts[source_id][span.start : span.end] == span.text


# --- faithful: nothing that is not in the briefing ------------------------------------------


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_every_number_is_in_the_briefing(
    fmt: str, renderings: dict[str, str], briefing: CouncilBriefing
) -> None:
    plain = renderings[fmt]
    assert invented_numbers(plain, briefing) == set()
    for figure in briefing.figures:  # and the figures are all there
        assert figure.text in plain


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_every_quote_is_in_the_briefing_and_every_briefing_quote_is_shown(
    fmt: str, renderings: dict[str, str], briefing: CouncilBriefing
) -> None:
    plain = renderings[fmt]
    assert invented_quotes(plain, briefing) == []
    shown = [flat(m) for m in CURLY_QUOTE.findall(plain)]
    assert sorted(shown) == sorted(flat(q.text) for q in briefing.quotes)


def test_the_checks_catch_an_invented_number_and_quote(briefing: CouncilBriefing) -> None:
    """Guard the guards: a count or a made-up quote slipped into a rendering is caught."""
    md = render_markdown(briefing) + "\nThere are 99 councils. He said “we made this up”.\n"
    plain = markdown_plain(md)
    assert invented_numbers(plain, briefing) == {"99"}
    assert invented_quotes(plain, briefing) == ["we made this up"]


@pytest.mark.parametrize("fmt", ["markdown", "html", "docx"])
def test_sections_in_order(fmt: str, renderings: dict[str, str]) -> None:
    headings = [
        "Latest judgements",
        "Timeline",
        "Strengths",
        "Concerns",
        "Recommendations",
        "Quotes",
        "Figures",
        "National context",
        "Sources",
    ]
    if fmt == "html":
        tree = lxml.html.fromstring(render_html(load_briefing()))
        assert [h.text_content() for h in tree.iter("h2")] == ["Contents", *headings]
        return
    plain = renderings[fmt]
    positions = [plain.index(h) for h in headings]
    assert positions == sorted(positions)


def test_markdown_cites_sources_by_number(briefing: CouncilBriefing) -> None:
    md = render_markdown(briefing)
    assert md.startswith("# Westshire: social services briefing\n")
    sources = md[md.index("## Sources") :]
    assert (
        "[1] **Westshire social services serving some people well, says joint review**" in sources
    )
    assert "[2] **Westshire rises to two stars**" in sources
    assert "Joint review by Audit Commission and Social Services Inspectorate." in sources
    assert "Path: examples/articles/westshire-2004-star-rating.txt." in sources
    assert "| Serving people | **Serving some people well** | June 2001 | [[1]](" in md
    # every bullet, table row and quote attribution carries at least one citation
    body = md[md.index("## Latest judgements") : md.index("## National context") + 200]
    for line in body.splitlines():
        if line.startswith(("- ", "| ", "> —", "> [")) and not line.startswith(
            ("| Aspect", "| ---", "| Figure")
        ):
            assert re.search(r"\[\[\d+\]\]", line), line
    # quotes grouped by speaker, unnamed last
    assert (
        md.index("### Jane Harlow") < md.index("### Amir Patel") < md.index("### Unnamed speakers")
    )


def test_docx_has_table_bullets_and_sources(briefing: CouncilBriefing, tmp_path: Path) -> None:
    path = tmp_path / "b.docx"
    path.write_bytes(render_docx(briefing))
    document = docx.Document(str(path))
    styles = [p.style.name for p in document.paragraphs if p.style is not None]
    assert "Title" in styles and "Heading 1" in styles and "List Bullet" in styles
    judgements = document.tables[0]
    assert [c.text for c in judgements.rows[0].cells] == ["Aspect", "Judgement", "Date", "Source"]
    assert [c.text for c in judgements.rows[1].cells] == [
        "Serving people",
        "Serving some people well",
        "June 2001",
        "[1]",
    ]
    bullets = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "List Bullet"
    ]
    assert all(re.search(r"\[\d+\]$", b) for b in bullets)
    text = docx_plain(path)
    assert "Westshire rises to two stars. Published 25 November 2004." in text


# --- linked: every citation lands on its evidence -------------------------------------------


def _span_links(page_hrefs: list[str]) -> list[tuple[str, str | None]]:
    out = []
    for href in page_hrefs:
        parts = urlsplit(href)
        if not parts.path.startswith("../articles/"):
            continue
        name = unquote(parts.path.removeprefix("../articles/"))
        assert name.endswith(".review.html"), href
        out.append((name.removesuffix(".review.html"), parts.fragment or None))
    return out


def _markdown_hrefs(md: str) -> list[str]:
    return re.findall(r"\]\(<([^>]*)>\)", md)


def _html_hrefs(page: str) -> list[str]:
    return [str(h) for h in lxml.html.fromstring(page).xpath("//a/@href")]


def _resolve(page: str, anchor: str) -> str:
    """The text an anchor lands on: its element, plus any continuation fragments of a span."""
    tree = lxml.html.fromstring(page)
    found = tree.xpath(f'//*[@id="{anchor}"]')
    assert len(found) == 1, f"{anchor} is not exactly one element"
    key = found[0].get("data-span")
    fragments = tree.xpath(f'//mark[@data-span="{key}"]')
    assert fragments[0] is found[0]
    return "".join(str(f.text_content()) for f in fragments)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_every_link_resolves_to_its_span(
    fmt: str, briefing: CouncilBriefing, review_pages: dict[str, str]
) -> None:
    rendered = render_markdown(briefing) if fmt == "markdown" else render_html(briefing)
    hrefs = _markdown_hrefs(rendered) if fmt == "markdown" else _html_hrefs(rendered)
    links = _span_links(hrefs)
    expected: dict[str, str] = {}
    for point in briefing.strengths + briefing.concerns + briefing.recommendations:
        for ref in point.sources:
            expected[span_anchor(ref.span.start, ref.span.end)] = ref.span.text
    for span in [q.span for q in briefing.quotes] + [f.span for f in briefing.figures]:
        expected[span_anchor(span.start, span.end)] = span.text
    for national in briefing.national_context:
        assert national.span is not None
        expected[span_anchor(national.span.start, national.span.end)] = national.span.text

    landed = {}
    for article_id, fragment in links:
        assert article_id in review_pages
        if fragment is not None:
            landed[fragment] = _resolve(review_pages[article_id], fragment)
    assert landed == expected  # every span cited, and each lands on exactly its text
    assert any(fragment is None for _, fragment in links)  # judgements link to the page


def test_crossing_spans_resolve_through_their_fragments(review_pages: dict[str, str]) -> None:
    page = review_pages["westshire-2001-joint-review"]
    tree = lxml.html.fromstring(page)
    first = tree.xpath('//*[@id="span-550-640"]')[0]
    assert first.text_content() == "allocated social worker"  # inside the crossing concern
    assert len(tree.xpath('//mark[@data-span="550-640"]')) == 2
    assert _resolve(page, "span-550-640").endswith("an average of 14 weeks")


def test_review_base_none_links_only_within_the_page(briefing: CouncilBriefing) -> None:
    md = render_markdown(briefing, review_base=None)
    page = render_html(briefing, review_base=None)
    assert "review.html" not in md and "review.html" not in page
    hrefs = _html_hrefs(page)
    assert hrefs and all(h.startswith("#") for h in hrefs)
    ids = set(lxml.html.fromstring(page).xpath("//@id"))
    assert all(h[1:] in ids for h in hrefs)


def test_review_href_and_anchor() -> None:
    span = Span(start=3, end=8, text="hello")
    assert span_anchor(3, 8) == "span-3-8"
    assert review_href("../articles", "a b", span) == "../articles/a%20b.review.html#span-3-8"
    assert review_href("../articles/", "x") == "../articles/x.review.html"
    assert review_href("", "javascript:alert(1)") == "javascript%3Aalert%281%29.review.html"
    lost = Span(start=0, end=0, text="gone", alignment=Alignment.none)
    assert review_href("..", "x", lost) == "../x.review.html"


# --- accessible, self-contained, printable ---------------------------------------------------


def _headings(tree: Any) -> list[int]:
    return [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]


def _pages(briefing: CouncilBriefing, review_pages: dict[str, str]) -> dict[str, str]:
    _index_md, index_html = render_index([briefing], slugs=["westshire"])
    return {"briefing": render_html(briefing), "index": index_html, **review_pages}


def test_html_pages_are_accessible_and_self_contained(
    briefing: CouncilBriefing, review_pages: dict[str, str]
) -> None:
    for name, page in _pages(briefing, review_pages).items():
        assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">'), name
        tree = lxml.html.fromstring(page)
        # landmarks and skip link
        assert len(tree.xpath("//header")) == 1 and len(tree.xpath("//footer")) == 1, name
        assert tree.xpath('//main[@id="main-content"]'), name
        first_link = tree.xpath("//body//a")[0]
        assert first_link.get("href") == "#main-content" and "skip-link" in first_link.get("class")
        # headings start at h1 and never skip a level
        levels = _headings(tree)
        assert levels[0] == 1 and levels.count(1) == 1, name
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), (name, levels)
        # tables: every th has a scope
        assert all(th.get("scope") in {"col", "row"} for th in tree.iter("th")), name
        # every link has words (visible or for screen readers)
        for a in tree.iter("a"):
            assert flat(a.text_content()), (name, lxml.html.tostring(a))
        # ids are unique
        ids = tree.xpath("//@id")
        assert len(ids) == len(set(ids)), name
        # nothing loaded from elsewhere: no external URLs, fonts, images or imports
        for attr in tree.xpath("//@src | //@href"):
            assert not re.match(r"(?i)\s*(https?:|//|javascript:)", attr), (name, attr)
        assert not tree.xpath("//img | //iframe | //object | //embed | //link[@rel='stylesheet']")
        css = "".join(s.text_content() for s in tree.iter("style"))
        assert "@import" not in css and "url(" not in css and "@font-face" not in css
        assert "@media print" in css
        for colour in ("#0b0c0c", "#1d70b8", "#ffdd00", "#b1b4b6"):
            assert colour in css
        assert "Arial" in css


def test_pages_allow_only_their_own_script(
    briefing: CouncilBriefing, review_pages: dict[str, str]
) -> None:
    """The CSP allows exactly the inline script by hash, so the page script must match it."""
    import base64

    for name, page in _pages(briefing, review_pages).items():
        tree = lxml.html.fromstring(page)
        policy = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')[0]
        scripts = tree.xpath("//script")
        if name == "briefing" or name == "index":
            assert scripts == [] and "script-src 'none'" in policy
            continue
        assert len(scripts) == 1 and scripts[0].text == asset("review.js")
        digest = base64.b64encode(hashlib.sha256(scripts[0].text.encode()).digest()).decode()
        assert f"script-src 'sha256-{digest}'" in policy


def test_judgements_table_has_words_not_just_colours(briefing: CouncilBriefing) -> None:
    tree = lxml.html.fromstring(render_html(briefing))
    table = tree.xpath('//section[@aria-labelledby="judgements"]//table')[0]
    rows = [[flat(c.text_content()) for c in tr.iter("th", "td")] for tr in table.iter("tr")]
    assert rows[0] == ["Aspect", "Judgement", "Date", "Source"]
    assert rows[1][:3] == ["Serving people", "Serving some people well", "June 2001"]
    assert rows[3][:3] == ["Star rating", "2 stars", "November 2004"]


# --- safe: article text is data ---------------------------------------------------------------


def evil_briefing(briefing: CouncilBriefing) -> CouncilBriefing:
    payload = " ".join(XSS)
    span = Span(start=0, end=len(payload), text=payload)
    quote = BriefingQuote(speaker=payload, role=payload, text=payload, span=span, source_id="evil")
    return briefing.model_copy(
        update={
            "council": briefing.council.model_copy(update={"name": "Evil " + XSS[0]}),
            "headline": payload,
            "sources": [
                briefing.sources[0].model_copy(
                    update={"id": "evil", "title": payload, "path": payload}
                )
            ],
            "strengths": [briefing.strengths[0].model_copy(update={"text": payload})],
            "timeline": [briefing.timeline[0].model_copy(update={"event": payload})],
            "quotes": [quote],
            "figures": [briefing.figures[0].model_copy(update={"meaning": payload})],
            "national_context": [NationalPoint(text=payload, source_id="evil", span=span)],
        }
    )


def assert_inert(page: str, own_scripts: int = 0) -> None:
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page
    assert 'href="javascript:' not in page
    tree = lxml.html.fromstring(page)
    assert len(tree.xpath("//script")) == own_scripts
    assert not tree.xpath("//img | //a[starts-with(@href, 'javascript:')]")
    handlers = [a for el in tree.iter() for a in el.attrib if a.lower().startswith("on")]
    assert handlers == []


def test_briefing_html_and_index_escape_article_text(briefing: CouncilBriefing) -> None:
    evil = evil_briefing(briefing)
    assert_inert(render_html(evil))
    assert_inert(render_html(evil, review_base=None))
    index_md, index_html = render_index([evil], slugs=["evil"])
    assert_inert(index_html)
    assert re.search(r"(?<!\\)<(?:script|img|a\b)", index_md) is None


def test_markdown_escapes_article_text(briefing: CouncilBriefing) -> None:
    md = render_markdown(evil_briefing(briefing))
    assert re.search(r"(?<!\\)<(?:script|img|a\b)", md) is None  # every tag is backslashed
    assert r"\<script\>alert(1)\</script\>" in md
    assert r'\<a href="javascript:alert(1)"\>x\</a\>' in md


def test_docx_keeps_article_text_as_text(briefing: CouncilBriefing, tmp_path: Path) -> None:
    path = tmp_path / "evil.docx"
    path.write_bytes(render_docx(evil_briefing(briefing)))
    assert XSS[0] in docx_plain(path)


def test_review_page_escapes_article_text() -> None:
    text = "Intro.\n" + "\n".join(XSS) + "\nEnd."
    start = text.index(XSS[0])
    end = text.index("End.") - 1
    summary, _ = load_article(ARTICLE_IDS[0])
    summary = summary.model_copy(
        update={
            "source": summary.source.model_copy(update={"title": XSS[0]}),
            "summary": XSS[1],
            "quotes": [
                summary.quotes[0].model_copy(
                    update={
                        "speaker": XSS[2],
                        "text": text[start:end],
                        "span": Span(start=start, end=end, text=text[start:end]),
                    }
                )
            ],
            "judgements": [],
            "strengths": [],
            "concerns": [],
            "recommendations": [],
            "figures": [],
        }
    )
    page = render_review_page(summary, text, article_id="evil<script>")
    assert_inert(page, own_scripts=1)
    tree = lxml.html.fromstring(page)
    assert tree.xpath('//div[@id="article-text"]')[0].text_content() == text


# --- stable: same input, same bytes -----------------------------------------------------------


def test_same_input_gives_identical_output(briefing: CouncilBriefing, tmp_path: Path) -> None:
    assert render_markdown(briefing) == render_markdown(load_briefing())
    assert render_html(briefing) == render_html(load_briefing())
    assert render_index([briefing], slugs=["w"]) == render_index([load_briefing()], slugs=["w"])
    summary, text = load_article(ARTICLE_IDS[0])
    assert render_review_page(summary, text, article_id="a") == render_review_page(
        *load_article(ARTICLE_IDS[0]), article_id="a"
    )
    assert render_docx(briefing) == render_docx(load_briefing())


_DIGEST_SCRIPT = """
import hashlib, sys
from pathlib import Path
from summarise.models import ArticleSummary, CouncilBriefing
from summarise.render import *
f = Path(sys.argv[1])
b = CouncilBriefing.model_validate_json((f / "westshire.briefing.json").read_text())
s = ArticleSummary.model_validate_json((f / "articles" / (sys.argv[2] + ".json")).read_text())
t = (f / "articles" / (sys.argv[2] + ".clean.txt")).read_text()
parts = [render_markdown(b), render_html(b), *render_index([b], slugs=["w"]),
         render_review_page(s, t, article_id="a")]
h = hashlib.sha256("".join(parts).encode())
h.update(render_docx(b))
print(h.hexdigest())
"""


def test_output_does_not_depend_on_hash_seed() -> None:
    """The clock is tested in tests/test_clock.py, with the clock really moved."""
    digests = set()
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", _DIGEST_SCRIPT, str(FIXTURES), ARTICLE_IDS[0]],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1


# --- edges ------------------------------------------------------------------------------------


def test_empty_briefing_renders_every_section(tmp_path: Path) -> None:
    empty = CouncilBriefing(
        council={"name": "Nowhere", "gss_code": "E06000099"},  # type: ignore[arg-type]
        generated_at="2024-01-02T00:00:00Z",
        sources=[],
        headline="",
    )
    md = render_markdown(empty)
    assert md.count("None recorded.") == 10  # headline + nine sections
    assert "(GSS code E06000099)" in md
    page = render_html(empty)
    assert page.count("None recorded.") == 10
    (tmp_path / "e.docx").write_bytes(render_docx(empty))
    assert "None recorded." in docx_plain(tmp_path / "e.docx")


def test_a_cited_source_missing_from_the_list_still_gets_a_note(briefing: CouncilBriefing) -> None:
    odd = briefing.model_copy(update={"sources": briefing.sources[:1]})
    md = render_markdown(odd)
    assert "[2] **westshire-2004-star-rating**." in md


def test_index_sorts_links_and_checks_its_arguments(briefing: CouncilBriefing) -> None:
    other = briefing.model_copy(
        update={"council": briefing.council.model_copy(update={"name": "Avonshire"})}
    )
    md, page = render_index([briefing, other], slugs=["westshire", "avon shire"])
    assert md.index("Avonshire") < md.index("Westshire")
    assert "(<briefings/avon%20shire.md>)" in md
    hrefs = _html_hrefs(page)
    assert "briefings/westshire.html" in hrefs and "briefings/avon%20shire.docx" in hrefs
    with pytest.raises(ValueError):
        render_index([briefing], slugs=[])
    empty_md, empty_html = render_index([], slugs=[])
    assert "No briefings were written." in empty_md and "No briefings were written." in empty_html


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("2001-06-12", "12 June 2001"),
        ("2001-06", "June 2001"),
        ("2001", "2001"),
        (None, "Undated"),
        ("2001-13", "2001-13"),
        ("soon", "soon"),
    ],
)
def test_date_label(value: str | None, label: str) -> None:
    assert date_label(value) == label
