"""Ingestion: the interface, the five examples, decoding, bad inputs and discovery."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from ingest_helpers import EXAMPLE_FILES, example, paragraphs

from summarise.ingest.reader import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    IngestError,
    clean_text,
    decode_bytes,
    discover,
    load_article,
)

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
