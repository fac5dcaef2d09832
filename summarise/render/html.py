"""CouncilBriefing -> one self-contained, accessible, printable HTML page."""

from __future__ import annotations

from summarise.models import CouncilBriefing
from summarise.render.labels import date_label
from summarise.render.templating import render_page
from summarise.render.view import BriefingView, build_view

SECTIONS: tuple[tuple[str, str], ...] = (
    ("judgements", "Latest judgements"),
    ("timeline", "Timeline"),
    ("strengths", "Strengths"),
    ("concerns", "Concerns"),
    ("recommendations", "Recommendations"),
    ("quotes", "Quotes"),
    ("figures", "Figures"),
    ("national-context", "National context"),
    ("sources", "Sources"),
)


def render_html(briefing: CouncilBriefing, *, review_base: str | None = "../articles") -> str:
    """The briefing page; citations open review pages under ``review_base`` (None: no links)."""
    index = None if review_base is None else "../index.html"  # None: a page with no way out
    return html_of(build_view(briefing, review_base), index_href=index)


def html_of(view: BriefingView, *, index_href: str | None = "../index.html") -> str:
    """HTML for a view already built; ``index_href`` is the way back to the index page."""
    return render_page(
        "briefing.html",
        page_title=view.title,
        view=view,
        sections=SECTIONS,
        date_label=date_label,
        index_href=index_href,
    )
