"""CouncilBriefing -> one self-contained, accessible, printable HTML page."""

from __future__ import annotations

from summarise.models import CouncilBriefing
from summarise.render.labels import date_label
from summarise.render.templating import render_page
from summarise.render.view import build_view

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
    view = build_view(briefing, review_base)
    return render_page(
        "briefing.html",
        page_title=view.title,
        view=view,
        sections=SECTIONS,
        date_label=date_label,
    )
