"""Renderings are stable: the same input gives the same bytes, whatever the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from render_helpers import ARTICLE_IDS, FIXTURES, load_article, load_briefing

from summarise.models import (
    CouncilBriefing,
)
from summarise.render import (
    render_docx,
    render_html,
    render_index,
    render_markdown,
    render_review_page,
)

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
