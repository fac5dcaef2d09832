"""What the ingestion tests share: where the examples and fixtures are, and small readers."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "ingest"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.txt"))


def example(prefix: str) -> Path:
    return next(path for path in EXAMPLE_FILES if path.name.startswith(prefix))


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")
