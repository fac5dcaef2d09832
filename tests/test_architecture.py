"""The layout stays what docs/architecture.md says: import layers, formatting, lint, sizes.

These run the project's own tools (import-linter, ruff) so that a stray import or an
unformatted file fails the suite, not just a reviewer's eye; and they keep every module short
enough to read in one sitting and every line short enough to read without scrolling.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

MAX_MODULE_LINES = 400
MAX_LINE = 100
# Code and configuration. Jinja templates (.html) are left out: they are output, laid out as
# the page they make, and the HTML tests check what they render.
CODE_SUFFIXES = {".py", ".toml", ".sh", ".cfg", ".js", ".css"}
# Data, not code: recorded HTTP, article texts and hand-made fixtures, the gazetteer's and the
# offline extractor's tables; and prompts/, sent to the model verbatim (re-wrapping a line
# there changes the prompt). Markdown is prose and is not in CODE_SUFFIXES.
NOT_CODE = re.compile(r"^(cassettes/|tests/data/|tests/fixtures/|prompts/|summarise/(.+/)?data/)")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_imports_follow_the_layers() -> None:
    done = _run(str(BIN / "lint-imports"), "--no-cache")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_the_tree_is_formatted_and_lint_clean() -> None:
    fmt = _run(sys.executable, "-m", "ruff", "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr
    lint = _run(sys.executable, "-m", "ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr


def _tracked(*suffixes: str) -> list[PurePosixPath]:
    done = _run("git", "ls-files", "-z")
    assert done.returncode == 0, done.stderr
    files = [PurePosixPath(name) for name in done.stdout.split("\0") if name]
    return [f for f in files if f.suffix in suffixes and (ROOT / f).is_file()]


def test_no_module_is_over_400_lines() -> None:
    modules = _tracked(".py")
    assert PurePosixPath("tests/test_architecture.py") in modules
    long = {
        str(f): n
        for f in modules
        if (n := len((ROOT / f).read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}, "split these along their sections (docs/architecture.md)"


def test_no_line_of_code_or_config_is_over_100_characters() -> None:
    files = [f for f in _tracked(*CODE_SUFFIXES) if not NOT_CODE.match(str(f))]
    assert PurePosixPath("pyproject.toml") in files
    long = [
        f"{f}:{number}: {len(line)} characters"
        for f in files
        for number, line in enumerate((ROOT / f).read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > MAX_LINE and "://" not in line  # a URL is not broken across lines
    ]
    assert long == []


def test_the_size_checks_leave_out_data_prompts_and_templates() -> None:
    for data in (
        "cassettes/narrative/rate_limit_429.yaml",
        "tests/data/expected.json",
        "tests/fixtures/render/westshire_articles.py",
        "prompts/system.md",
        "summarise/gazetteer/data/authorities.json",
        "summarise/extract/offline/data/x.txt",
    ):
        assert NOT_CODE.match(data), data
    for code in ("summarise/gazetteer/lookup.py", "tests/test_align.py", "scripts/mutation.sh"):
        assert not NOT_CODE.match(code), code
    assert ".html" not in CODE_SUFFIXES and ".md" not in CODE_SUFFIXES
