"""Renderings of the contract objects: briefings as Markdown, HTML and Word, review pages, index.

Nothing here calls an LLM; every word shown comes from the CouncilBriefing or ArticleSummary,
apart from fixed headings and labels.
"""

from summarise.render.anchors import review_filename, review_href, span_anchor
from summarise.render.docx import render_docx
from summarise.render.html import render_html
from summarise.render.index import render_index
from summarise.render.markdown import render_markdown
from summarise.render.review import render_review_page

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
