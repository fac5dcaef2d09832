"""Issue 10, items 3-7 and 12: inputs that are not articles, outputs never lost to a mistake,
and `rebuild` over a damaged out folder. Each test reproduces the issue's report."""

from __future__ import annotations

import errno
import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.cli import app
from summarise.ingest.boilerplate import strip_markdown
from summarise.ingest.reader import IngestError, read_bytes

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
ESSEX = "000_d3f0b9fec1a3d49c.txt"
runner = CliRunner()


@pytest.fixture(autouse=True)
def offline_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARISE_MODEL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# --- item 3: the out folder is never an input -------------------------------------------------


def test_out_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    assert runner.invoke(app, ["brief", str(EXAMPLES), "--out", str(alone)]).exit_code == 0
    expected = json.loads((alone / "briefings" / "essex.json").read_text())["sources"]
    work = tmp_path / "work"
    shutil.copytree(EXAMPLES, work)
    for _ in range(2):
        result = runner.invoke(app, ["brief", str(work), "--out", str(work / "out")])
        assert result.exit_code == 0, result.output
    run = json.loads((work / "out" / "run.json").read_text())
    assert len(run["articles"]) == 5, [a["path"] for a in run["articles"]]
    essex = json.loads((work / "out" / "briefings" / "essex.json").read_text())
    assert len(essex["sources"]) == len(expected) == 1  # not 7
    assert "was not read as input" in result.output


# --- item 4: odd files --------------------------------------------------------------------------


def test_symlink_loop_is_named_and_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / ESSEX, folder / "good.txt")
    os.symlink(folder / "b.txt", folder / "a.txt")
    os.symlink(folder / "a.txt", folder / "b.txt")
    result = runner.invoke(app, ["extract", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for name in ("a.txt", "b.txt"):
        lines = [ln for ln in result.output.splitlines() if str(folder / name) in ln]
        assert len(lines) == 1 and "symlink loop" in lines[0], result.output
    assert (tmp_path / "out" / "articles" / "good.json").is_file()


def test_fifo_is_refused_by_type_without_reading(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / ESSEX, folder / "good.txt")
    os.mkfifo(folder / "x.txt")
    outcome: dict[str, object] = {}

    def run() -> None:  # a thread, so a regression hangs this test's join, not the suite
        outcome["result"] = runner.invoke(app, ["extract", str(folder), "--out", "out"])

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=60)
    if worker.is_alive():  # unblock the reader so the thread can end, then fail
        with open(folder / "x.txt", "wb"):
            pass
        pytest.fail("reading a FIFO blocked the run")
    result = outcome["result"]
    output = result.output  # type: ignore[attr-defined]
    line = [ln for ln in output.splitlines() if str(folder / "x.txt") in ln]
    assert len(line) == 1 and "FIFO" in line[0] and line[0].startswith("failed"), output


# --- item 5: a typo does not destroy the index; history is kept --------------------------------


def test_a_run_with_no_usable_input_leaves_the_out_folder_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["brief", str(EXAMPLES), "--out", str(out)]).exit_code == 0
    before = _tree(out)
    result = runner.invoke(app, ["brief", str(tmp_path / "typo"), "--out", str(out)])
    assert result.exit_code == 1
    assert "nothing written" in result.output and str(tmp_path / "typo") in result.output
    assert _tree(out) == before


def test_index_lists_every_briefing_and_earlier_runs_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["brief", str(EXAMPLES), "--out", str(out)]).exit_code == 0
    one = EXAMPLES / "001_244405360186b16d.txt"  # North East Lincolnshire only
    assert runner.invoke(app, ["brief", str(one), "--out", str(out)]).exit_code == 0
    index = (out / "index.md").read_text()
    for council in ("Essex", "Gloucestershire", "Leicestershire", "North East Lincolnshire"):
        assert f"[{council}]" in index, index
    essex_row = next(ln for ln in index.splitlines() if "[Essex]" in ln)
    assert "generated" in essex_row and "not by the last run" in essex_row
    nel_row = next(ln for ln in index.splitlines() if "[North East Lincolnshire]" in ln)
    assert "not by the last run" not in nel_row
    assert "not by the last run" in (out / "index.html").read_text()
    runs = sorted((out / "runs").glob("*.json"))
    assert len(runs) == 2
    assert json.loads(runs[-1].read_text()) == json.loads((out / "run.json").read_text())
    assert len(json.loads(runs[0].read_text())["articles"]) == 5


# --- item 6: --out problems are one line ------------------------------------------------------


def test_out_naming_a_file_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("not a folder")
    result = runner.invoke(app, ["brief", str(EXAMPLES), "--out", str(out)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == f"error: --out {out}: is a file, not a folder"
    assert out.read_text() == "not a folder"


def test_read_only_out_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    real = os.access
    # root ignores file modes, so the read-only folder is simulated where it is checked
    monkeypatch.setattr(
        os, "access", lambda p, m: False if Path(p) == out and m & os.W_OK else real(p, m)
    )
    result = runner.invoke(app, ["brief", str(EXAMPLES), "--out", str(out)])
    assert result.exit_code == 1
    assert "permission denied" in result.output and str(out) in result.output
    assert "Traceback" not in result.output and not any(out.iterdir())


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EROFS])
def test_a_failed_write_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """No space, or a folder made read-only mid-run (root ignores modes, so it is simulated)."""
    from summarise import outputs

    def refuse(tmp: str, folder: Path) -> object:
        raise OSError(code, os.strerror(code), tmp)

    monkeypatch.setattr(outputs, "_create", refuse)
    result = runner.invoke(app, ["brief", str(EXAMPLES), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception
    errors = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and os.strerror(code) in errors[0], result.output


# --- item 7: rebuild ------------------------------------------------------------------------


def test_rebuild_names_each_bad_summary_and_rebuilds_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["extract", str(EXAMPLES), "--out", str(out)]).exit_code == 0
    articles = out / "articles"
    (articles / "001_244405360186b16d.clean.txt").unlink()
    (articles / "002_54ee74d76629738e.json").write_text('{"scope": "council"}')
    result = runner.invoke(app, ["rebuild", str(out)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for stem in ("001_244405360186b16d", "002_54ee74d76629738e"):
        lines = [ln for ln in result.output.splitlines() if f"{stem}.json" in ln]
        assert len(lines) == 1 and lines[0].startswith("invalid"), result.output
    assert (out / "briefings" / "essex.json").is_file()
    assert "3 summaries" in result.output


def test_a_name_with_no_stem_gets_an_id_from_its_content(tmp_path: Path) -> None:
    odd = tmp_path / "in" / "..txt"
    odd.parent.mkdir()
    shutil.copy(EXAMPLES / ESSEX, odd)
    out = tmp_path / "out"
    assert runner.invoke(app, ["extract", str(odd), "--out", str(out)]).exit_code == 0
    written = sorted(p.name for p in (out / "articles").iterdir())
    assert not (out / "articles" / ".json").exists()
    assert len(written) == 2 and all(n.startswith("article-") for n in written), written


# --- item 12: the smaller ones ---------------------------------------------------------------


def test_skipped_files_are_counted_and_listed_with_verbose(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / ESSEX, folder / "good.txt")
    (folder / "notes.docx").write_text("x")
    (folder / ".hidden.txt").write_text("x")
    quiet = runner.invoke(app, ["extract", str(folder), "--out", "o1"])
    assert quiet.exit_code == 0 and "2 skipped" in quiet.output, quiet.output
    assert "notes.docx" not in quiet.output
    loud = runner.invoke(app, ["extract", str(folder), "--out", "o2", "--verbose"])
    for name in ("notes.docx", ".hidden.txt"):
        assert any(ln.startswith("skipped") and name in ln for ln in loud.output.splitlines())


def test_markdown_link_with_parentheses_in_its_url_keeps_only_the_words() -> None:
    assert strip_markdown("[click here](javascript:alert(1)) now") == "click here now"
    assert strip_markdown("![pic](a(b).png) [x](y)") == " x"


def test_reading_is_bounded_and_names_the_limit(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as dev:
        read_bytes(Path("/dev/zero"), 5 * 1024 * 1024)
    assert "character device" in dev.value.message
    grown = tmp_path / "grows.txt"
    grown.write_bytes(b"x" * 100)
    with pytest.raises(IngestError) as big:
        read_bytes(grown, 99)
    assert big.value.message == "file is 100 bytes; the limit is 99 bytes (--max-bytes)"


def test_a_stream_is_not_read_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose size says little (a stream, a file still growing) is cut at the limit."""
    stream = tmp_path / "stream.txt"
    stream.write_bytes(b"x" * (6 * 1024 * 1024))
    real = os.fstat

    def says_small(fd: int) -> os.stat_result:
        st = real(fd)
        fields = list(st[:10])
        fields[6] = 10  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", says_small)
    with pytest.raises(IngestError) as err:
        read_bytes(stream, 5 * 1024 * 1024)
    assert err.value.message == "file is larger than the limit of 5 MB (--max-bytes)"
