"""Renderings of the contract objects: briefings as Markdown, HTML and Word, review pages, index.

Nothing here calls an LLM; every word shown comes from the CouncilBriefing or ArticleSummary,
apart from fixed headings and labels.

The names below load their module on first use (PEP 562): Word needs python-docx and lxml, HTML
needs Jinja2, and a command that prints Markdown should not import them at start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarise.render.anchors import review_filename, review_href, span_anchor
    from summarise.render.docx import render_docx
    from summarise.render.html import render_html
    from summarise.render.index import render_index
    from summarise.render.markdown import render_markdown
    from summarise.render.review import render_review_page

_MODULE = {
    "render_docx": "docx",
    "render_html": "html",
    "render_index": "index",
    "render_markdown": "markdown",
    "render_review_page": "review",
    "review_filename": "anchors",
    "review_href": "anchors",
    "span_anchor": "anchors",
}

__all__ = [
    "render_docx",
    "render_html",
    "render_index",
    "render_markdown",
    "render_review_page",
    "review_filename",
    "review_href",
    "span_anchor",
]


def __getattr__(name: str) -> Any:
    module = _MODULE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
