"""The offline extractor's work grows in step with the text: twice the text, twice the calls.

Not a timed test: it counts the function calls (Python and built-in) one extraction makes on the
bundled examples repeated, and on the same repeated twice as often. A rule that scans every
earlier find for each new one (quadratic: a 5 MB article took minutes) makes the count more than
double; before the position indexes of `extract/offline/positions.py` it grew 2.11 times, now 1.99.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

from summarise.extract.offline import summarise_article
from summarise.models import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


def _article(copies: int) -> Article:
    paragraphs = [
        para.strip()
        for path in sorted(EXAMPLES.glob("*.txt"))
        for para in path.read_text(encoding="utf-8").split("\n\n")
        if para.strip()
    ]
    text = "\n\n".join(paragraphs * copies) + "\n"
    return Article(id="long", path="long.txt", text=text, sha256="0" * 64)


def _calls(article: Article) -> int:
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        summarise_article(article)
    finally:
        sys.setprofile(None)
    return count


def test_twice_the_text_is_at_most_about_twice_the_work() -> None:
    once, twice = _article(4), _article(8)
    for article in (once, twice):  # compiled patterns and memoised scans are warmed alike
        summarise_article(article)
    calls_once, calls_twice = _calls(once), _calls(twice)
    assert len(twice.text) > 1.99 * len(once.text)
    assert calls_twice < 2.03 * calls_once, (calls_once, calls_twice)
