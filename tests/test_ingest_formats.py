"""Ingestion's formats: HTML, Markdown and PDF."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import FIXTURES, paragraphs

from summarise.ingest.reader import (
    load_article,
)

# --- formats ------------------------------------------------------------------------------------


def test_html_extracts_article_body_without_scripts_or_furniture() -> None:
    article = load_article(FIXTURES / "web_article.html")
    text = article.text
    for unwanted in (
        "SCRIPT",
        "tracker",
        "display: none",
        "Home",
        "cookies",
        "Tweet",
        "Reader comment",
        "Most read",
        "Another story",
        "All rights reserved",
    ):
        assert unwanted not in text
    assert paragraphs(text) == [
        "Council services ‘not serving people well’",
        "By Jo Bloggs",
        (
            "Social services in Northshire are not serving people well, according to a joint "
            "review by the Audit Commission and the Social Services Inspectorate."
        ),
        "Key findings",
        "- Child protection work is inconsistent\n- Older people wait too long for assessments",
        "The director said: “We accept the findings and have a plan.”",
    ]
    assert article.title == "Council services ‘not serving people well’"
    assert article.publisher == "Community Care"
    assert article.published == "2003-06-12"


def test_html_without_article_uses_body_and_jsonld(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        '<html><head><title>Care news | Daily Bugle</title><script type="application/ld+json">'
        '{"@graph": [{"datePublished": "2004-02-01", "publisher": {"name": "Daily Bugle"}}]}'
        "</script></head><body><p>First paragraph of the story.</p>"
        "<script>alert('SCRIPT')</script><p>Second <i>paragraph</i>.</p></body></html>"
    )
    article = load_article(path)
    assert article.text == "Care news\n\nFirst paragraph of the story.\n\nSecond paragraph."
    assert (article.title, article.publisher, article.published) == (
        "Care news",
        "Daily Bugle",
        "2004-02-01",
    )


def test_html_wrapper_named_like_furniture_but_holding_the_story_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "opinion.html"
    story = " ".join(["The council must do better for children in care."] * 5)
    path.write_text(
        f'<html><body><article><div class="comment-piece"><p>{story}</p></div>'
        '<div class="share"><a>Share</a></div></article></body></html>'
    )
    assert load_article(path).text == story


def test_html_og_title_loses_the_site_suffix(tmp_path: Path) -> None:
    path = tmp_path / "og.html"
    path.write_text(
        '<html><head><meta property="og:title" content="Care plan criticised - Local Echo">'
        '<meta property="og:site_name" content="Local Echo"></head>'
        "<body><p>The plan was criticised by inspectors.</p></body></html>"
    )
    article = load_article(path)
    assert (article.title, article.publisher) == ("Care plan criticised", "Local Echo")
    assert article.text == "Care plan criticised\n\nThe plan was criticised by inspectors."


def test_txt_that_is_really_html_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(
        "<!DOCTYPE html><html><body><p>Body text.</p><script>x()</script></body></html>"
    )
    assert load_article(path).text == "Body text."


def test_markdown_syntax_is_stripped() -> None:
    article = load_article(FIXTURES / "briefing.md")
    assert paragraphs(article.text) == [
        "Joint review praises Essex partnerships",
        "Published: 12 March 2002",
        (
            "Inspectors said the council was serving most people well and that its work with the "
            "health service was strong."
        ),
        "What happens next",
        "- Improve recruitment of qualified social workers\n- Review older people's homes",
    ]
    assert article.title == "Joint review praises Essex partnerships"
    assert article.published == "2002-03-12"


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with real text, built by hand so no PDF writer is needed."""
    ops = " ".join(f"({line}) Tj T*" for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td 14 TL {ops} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(_minimal_pdf(["Council praised by inspectors", "", "The joint review found."]))
    article = load_article(path)
    assert "Council praised by inspectors" in article.text
    assert "The joint review found." in article.text
