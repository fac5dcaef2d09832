"""The web app's Jinja environment: its own templates first, then the renderers' (so the
briefing page is the same template as the HTML briefing, inside the app's layout)."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined

from summarise.render import htmlcite
from summarise.render.labels import date_label
from summarise.web.security import csrf_token, current_user


@cache
def environment() -> Environment:
    env = Environment(
        loader=ChoiceLoader(
            [PackageLoader("summarise.web", "templates"), PackageLoader("summarise.render")]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(cite=htmlcite.cite, cites=htmlcite.cites)
    env.globals.update(date_label=date_label)
    return env


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page in the app's layout, with the account and this session's CSRF token."""
    html = (
        environment()
        .get_template(template)
        .render(
            user=current_user(request),
            csrf=csrf_token(request),
            wide=context.pop("wide", False),
            page_title=context.pop("page_title", "summarise"),
            **context,
        )
    )
    return HTMLResponse(html, status_code=status_code)
