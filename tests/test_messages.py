"""Issue 10, items 1 and 8: whatever a file name or a reason holds, each failure is one plain line
that names the right file, at any terminal width; library warnings name their file."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from summarise.cli import app
from summarise.messages import Messages, make_console, plain
from summarise.models import Outcome
from summarise.run_record import ArticleRun

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
runner = CliRunner()

# Text with plenty of rich markup in it: tags, closing tags, escapes, links, newlines.
MARKUPISH = st.text(
    alphabet=st.sampled_from(list("[]/\\=#:@ abcXYZ.-_\n\t\u2028é£")) | st.characters(),
    max_size=60,
) | st.sampled_from(["[/]", "[/INST]", "[red]", "[bold red]x[/bold red]", "[link=x]y[/link]"])


@pytest.fixture(autouse=True)
def offline_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARISE_MODEL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)


def _messages(width: int) -> tuple[Messages, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    out_console, err_console = make_console(file=out), make_console(file=err)
    out_console.width = err_console.width = width
    return Messages(out_console, err_console), out, err


@settings(deadline=None, max_examples=300)
@given(path=MARKUPISH, reason=MARKUPISH, width=st.integers(min_value=5, max_value=200))
def test_every_message_path_is_one_plain_line(path: str, reason: str, width: int) -> None:
    """Failed, flagged, warnings, errors and invalid lines: one line, the name as written."""
    from summarise import cli_run

    messages, out, err = _messages(width)
    calls = [
        lambda: messages.failed(path, reason),
        lambda: messages.flagged(path, reason),
        lambda: messages.interrupted(path),
        lambda: messages.skipped(path, reason),
        lambda: messages.warning(f"{path}: {reason}"),
        lambda: messages.error(f"{path}: {reason}"),
        lambda: messages.invalid(f"{path}: {reason}"),
    ]
    for call in calls:
        err.seek(0)
        err.truncate()
        call()
        text = err.getvalue()
        assert text.endswith("\n") and text.count("\n") == 1, repr(text)
        assert plain(path) in text
    # the CLI's own reporter, with the module's consoles swapped for narrow ones
    original = cli_run.msg
    cli_run.msg = messages
    try:
        for outcome in (Outcome.failed, Outcome.flagged):
            err.seek(0)
            err.truncate()
            run = ArticleRun(path=path, id="x", outcome=outcome, reason=reason, warnings=[reason])
            cli_run.report(run)
            lines = err.getvalue().splitlines()
            assert len(lines) == 2 and all(plain(path) in line for line in lines)
    finally:
        cli_run.msg = original
    assert out.getvalue() == ""


def test_plain_keeps_printable_text_and_escapes_line_breaks() -> None:
    assert plain("[red]empty.txt") == "[red]empty.txt"
    assert plain("a\nb\rc\x00d\u2028") == "a\\nb\\rc\\x00d\\u2028"


def test_markup_in_file_names_does_not_crash_or_rename(tmp_path: Path) -> None:
    """`x[/]y.txt` crashed the run with a MarkupError; `[red]empty.txt` lost its `[red]`."""
    folder = tmp_path / "in"
    (folder / "x[").mkdir(parents=True)
    (folder / "x[" / "]y.txt").write_text("")
    (folder / "[red]empty.txt").write_text("")
    (folder / "[link=x]note.txt").write_text("")
    shutil.copy(EXAMPLES / "002_54ee74d76629738e.txt", folder / "good.txt")
    out = tmp_path / "out"
    result = runner.invoke(app, ["brief", str(folder), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    for name in ("x[/]y.txt", "[red]empty.txt", "[link=x]note.txt"):
        lines = [ln for ln in result.output.splitlines() if str(folder / name) in ln]
        assert len(lines) == 1 and lines[0].startswith("failed"), (name, result.output)
    assert (out / "run.json").is_file() and (out / "index.html").is_file()


def test_a_long_failure_line_is_not_wrapped_when_stderr_is_a_pipe(tmp_path: Path) -> None:
    """rich wrapped at 80 columns when not a terminal: one failure became several lines."""
    name = "a-very-long-file-name-" + "x" * 120 + ".txt"
    empty = tmp_path / name
    empty.write_text("  ")
    result = runner.invoke(app, ["extract", str(empty), "--out", str(tmp_path / "out")])
    lines = [ln for ln in result.output.splitlines() if name in ln]
    assert len(lines) == 1 and "empty file" in lines[0], result.output


def test_pypdf_warning_is_attached_to_its_file(tmp_path: Path) -> None:
    """pypdf printed `EOF marker not found` naming no file; now it is a warning line that does."""
    text = "Essex social services were found to be serving most people well."
    truncated = tmp_path / "truncated.pdf"  # readable, with a warning
    truncated.write_bytes(_pdf_without_eof(text) + b"\n\n%%EO")
    broken = tmp_path / "broken.pdf"  # unreadable: the warning goes with the failure
    broken.write_bytes(_pdf_without_eof(text))
    args = ["extract", str(truncated), str(broken), "--out", str(tmp_path / "out")]
    result = runner.invoke(app, args)
    lines = [ln for ln in result.output.splitlines() if "EOF" in ln]
    assert len(lines) == 2, result.output
    assert lines[0].startswith("warning") and str(truncated) in lines[0], result.output
    assert lines[1].startswith("failed") and str(broken) in lines[1], result.output
    assert "EOF marker not found" in lines[1]


def _pdf_without_eof(text: str) -> bytes:
    """A one-page PDF with a text layer and no %%EOF marker (pypdf warns, and cannot read it)."""
    stream = f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n" % (len(objects) + 1, xref)
    return body
