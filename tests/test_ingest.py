"""Ingestion: decoding, cleaning rules, metadata, formats, errors and idempotence."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarise.ingest import boilerplate as bp
from summarise.ingest.reader import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    IngestError,
    clean_text,
    decode_bytes,
    discover,
    extract_metadata,
    load_article,
)
from summarise.ingest.textclean import clean_with_metadata
from summarise.text.datelines import dateline_date

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.txt"))


def example(prefix: str) -> Path:
    return next(path for path in EXAMPLE_FILES if path.name.startswith(prefix))


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# --- the interface ------------------------------------------------------------------------------


def test_constants() -> None:
    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024
    assert frozenset({".txt", ".md", ".html", ".htm", ".pdf"}) == SUPPORTED_SUFFIXES


def test_ingest_error_is_one_line_naming_the_file() -> None:
    err = IngestError(Path("in/a.txt"), "bad\nthing   here")
    assert str(err) == "in/a.txt: bad thing here"
    assert (err.path, err.message) == ("in/a.txt", "bad thing here")


def test_ingest_error_pickles() -> None:
    import pickle

    err = pickle.loads(pickle.dumps(IngestError("x.txt", "empty file")))
    assert str(err) == "x.txt: empty file"


# --- the five examples ------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.name[:3])
def test_examples_ingest_cleanly(path: Path) -> None:
    article = load_article(path)
    assert article.id == path.stem
    assert article.path == str(path)
    assert article.sha256 == hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    assert clean_text(article.text) == article.text
    assert "\n\n\n" not in article.text
    assert "???" not in article.text
    assert all(line == line.strip() for line in article.text.split("\n"))
    assert "Comments are closed" not in article.text
    assert "More from" not in article.text


def test_example_001_repairs_quotes_and_drops_web_furniture() -> None:
    article = load_article(example("001"))
    text = article.text
    assert "serving some people well" in text
    assert "“All the reports highlight the progress" in text
    assert "I’m particularly pleased that local people think highly" in text
    assert "found “significant progress” within services to adults" in text
    for furniture in ("browser", "cookies", "Learn more", "Have your say", "sign in", "Comment\n"):
        assert furniture not in text
    assert not text.endswith("Links may be included in your comments but HTML is not permitted.")
    # the truncated teaser ("... uncertain prospects f...") is gone, the full paragraph stays
    assert text.count("The social services provided by North East Lincolnshire") == 1
    assert "prospects f..." not in text
    assert (
        article.title
        == "UNCERTAIN PROSPECTS FOR NE LINCS SOCIAL SERVICES (PLUS COUNCIL'S RESPONSE)"
    )
    assert text.startswith(article.title)


def test_example_001_keeps_bullets_one_per_line() -> None:
    text = load_article(example("001")).text
    assert "\n\n- Child protection has improved substantially" in text
    assert "- Move towards integrated community health services\n\n" in text


def test_example_003_drops_pressreader_footer_keeps_byline() -> None:
    article = load_article(example("003"))
    assert "PressReader" not in article.text
    assert "Newspapers in English" not in article.text
    assert "Newspapers from UK" not in article.text
    assert "Gloucestershire Echo - - CASHING IN - By LEIGH BOOBYER" in article.text
    assert article.publisher == "Gloucestershire Echo"
    assert article.title == "Staff changes slowing improvement in care"
    assert "overspent on the department by £9million" in article.text
    assert article.published is None


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_community_care_footer_names_the_publisher(prefix: str) -> None:
    assert load_article(example(prefix)).publisher == "Community Care"


def test_example_000_has_no_publisher_marker_so_none() -> None:
    article = load_article(example("000"))
    assert article.publisher is None  # only "Comments are closed." remains: never guess
    # No headline line: the first sentence stands in, never "Untitled article" or a file id.
    assert article.title is not None
    assert article.title.startswith("Committed skilled staff and cutting edge initiatives")


def test_example_000_is_unwrapped_into_paragraphs() -> None:
    text = load_article(example("000")).text
    paras = paragraphs(text)
    assert len(paras) == 9
    assert all("\n" not in para for para in paras)
    assert paras[0] == (
        "Committed skilled staff and cutting edge initiatives are highlighted in Essex social "
        "services department’s joint review."
    )
    assert "sensory disabilities were one of the department’s key strengths." in paras[2]
    assert paras[5].startswith("Financial and supply problems")
    assert paras[5].endswith("in relation to the homes.”")
    assert paras[-1].startswith("John Bolton, director of joint reviews, said: “In particular,")


def test_example_004_keeps_subheading_and_dashes() -> None:
    text = load_article(example("004")).text
    assert "\n\nSocial services in London\n\n" in text
    assert "The financial problems – with social services departments “typically” starting" in text
    assert "councils’ experiences”" in text


# --- decoding -----------------------------------------------------------------------------------


def test_cp1252_file_decodes_pound_and_quotes(tmp_path: Path) -> None:
    body = "Council’s “plan” – a £9m overspend\n\nThe council’s budget rose by £2m – again.\n"
    path = tmp_path / "legacy.txt"
    path.write_bytes(body.encode("cp1252"))
    text = load_article(path).text
    assert "The council’s budget rose by £2m – again." in text
    assert text.startswith("Council’s “plan” – a £9m overspend")


def test_mojibake_is_repaired(tmp_path: Path) -> None:
    path = tmp_path / "mojibake.txt"
    path.write_text("The councilâ€™s â€œgoodâ€\x9d rating cost Â£9m.\n", encoding="utf-8")
    assert load_article(path).text == "The council’s “good” rating cost £9m."


def test_utf8_bom_and_utf16_are_decoded() -> None:
    assert decode_bytes("\ufeffCaf\u00e9 £1m".encode(), Path("a.txt")) == "Café £1m"
    assert decode_bytes("Caf\u00e9 £1m".encode("utf-16"), Path("a.txt")) == "Café £1m"


def test_cyrillic_legacy_text_is_not_forced_into_cp1252() -> None:
    sample = "Социальные службы города работают хорошо, говорится в отчёте инспекции. " * 3
    decoded = decode_bytes(sample.encode("cp1251"), Path("ru.txt"))
    assert "службы" in decoded


def test_html_entities_in_text_files_are_unescaped(tmp_path: Path) -> None:
    path = tmp_path / "entities.txt"
    path.write_text("Smith &amp; Jones said it was the council&#8217;s plan. AT&T stays.\n")
    assert load_article(path).text == "Smith & Jones said it was the council’s plan. AT&T stays."


# --- bad inputs ---------------------------------------------------------------------------------


def _error(path: Path, **kwargs: int) -> IngestError:
    with pytest.raises(IngestError) as info:
        load_article(path, **kwargs)
    err = info.value
    assert str(path) in str(err)
    assert "\n" not in str(err)
    assert str(err) == f"{err.path}: {err.message}"
    return err


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert _error(path).message == "empty file"


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), bytes([1, 2, 3, 4, 5, 6, 7]) * 99],
)
def test_binary_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(content)
    assert _error(path).message == "looks like a binary file, not text"


def test_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    assert _error(path).message == "file is 20.0 MB; the limit is 5 MB (--max-bytes)"


def test_custom_limit_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("A short article.\n" * 200)
    assert "the limit is 1.0 KB (--max-bytes)" in _error(path, max_bytes=1024).message


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_text("text")
    assert "unsupported file type '.docx'" in _error(path).message


def test_missing_file(tmp_path: Path) -> None:
    assert _error(tmp_path / "nope.txt").message == "no such file"


def test_only_boilerplate_left(tmp_path: Path) -> None:
    path = tmp_path / "furniture.txt"
    path.write_text("Have your say\n\nComments are closed.\n")
    assert "no article text left" in _error(path).message


def test_not_really_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("just text")
    assert "not a PDF" in _error(path).message


# --- discovery ----------------------------------------------------------------------------------


def test_discover_walks_folders_sorted_and_reports_problems(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.TXT").write_text("z")
    (tmp_path / "b" / "notes.docx").write_text("skip me")
    (tmp_path / "a.html").write_text("<p>a</p>")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("hidden")
    (tmp_path / "empty").mkdir()
    explicit_bad = tmp_path / "b" / "notes.docx"

    given = [
        tmp_path,
        tmp_path / "a.html",
        tmp_path / "missing.txt",
        explicit_bad,
        tmp_path / "empty",
    ]
    files, errors = discover(given)

    assert files == [tmp_path / "a.html", tmp_path / "b" / "z.TXT"]
    messages = [str(err) for err in errors]
    assert any(
        m.startswith(str(tmp_path / "empty")) and "no supported files" in m for m in messages
    )
    assert any(m.startswith(str(tmp_path / "missing.txt")) for m in messages)
    assert any(m.startswith(str(explicit_bad)) and "unsupported" in m for m in messages)


def test_discover_empty_folder_is_an_error(tmp_path: Path) -> None:
    files, errors = discover([tmp_path])
    assert files == []
    assert len(errors) == 1
    assert str(tmp_path) in str(errors[0])


# --- boilerplate rules --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Your browser is no longer supported",
        (
            "For the best possible experience using our website we recommend you upgrade to a newer "
            "version or another browser."
        ),
        (
            "Your browser appears to have cookies disabled. For the best experience of this website, "
            "please enable cookies in your browser"
        ),
        "We'll assume we have your consent to use cookies, for example so you won't need to log in.",
        "This website uses cookies to improve your experience.",
        "Accept all cookies",
        "Learn more",
        "  • Comment",
        "Comments (3)",
        "Have your say",
        "You must sign in to make a comment",
        "Please remember that the submission of any material is governed by our Terms and Conditions",
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
            "Inspectors found that too many children had frequent changes of social worker and that "
            "managers did not always check the quality of the work done with families."
        ),
        "The report sets out three priorities:",
        (
            "- recruit and keep experienced social workers\n"
            "- make sure every child has a plan that is reviewed on time\n"
            "- improve the oversight of managers"
        ),
        (
            "The council's director said the authority accepted the findings and was already acting "
            'on them. "We know there is more to do," she said.'
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
            "management of budgets and a clearer vision - is eradicating inconsistencies in services, "
            "the reviewers said in their report. They include:"
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
            "Social services in Northshire are not serving people well, according to a joint review "
            "by the Audit Commission and the Social Services Inspectorate."
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
