"""The rendering tests' fixtures: the Westshire briefing, its review pages and its renderings."""

from __future__ import annotations

import pytest
from render_helpers import (
    ARTICLE_IDS,
    docx_plain,
    html_plain,
    load_article,
    load_briefing,
    markdown_plain,
)

from summarise.models import (
    CouncilBriefing,
)
from summarise.render import (
    render_docx,
    render_html,
    render_markdown,
    render_review_page,
)


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
