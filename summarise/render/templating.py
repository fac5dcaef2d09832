"""The Jinja environment and the page assets every HTML output inlines.

Autoescape is always on: article text reaches templates only as plain ``str`` and is escaped on
the way out. The only ``Markup`` values are our own CSS/JS and text that ``highlight`` built
from escaped segments. Each page carries a Content-Security-Policy that allows just its own
script (by hash), so even a missed escape could not run injected code.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from summarise.render import htmlcite


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("summarise.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Templates are package data and do not change under a running process; reloading
        # checked each file's time on every page (a tenth of a review page's cost).
        auto_reload=False,
    )
    env.filters.update(cite=htmlcite.cite, cites=htmlcite.cites)
    return env


@cache
def asset(name: str) -> str:
    """A file from ``templates/``, read once (the CSS and JS that pages inline)."""
    return files("summarise.render").joinpath("templates", name).read_text(encoding="utf-8")


def csp(script: str | None = None) -> str:
    """A policy for a self-contained page: inline styles, data: icons, and only ``script``."""
    if script is None:
        script_src = "'none'"
    else:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        script_src = f"'sha256-{digest}'"
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src {script_src}; base-uri 'none'; form-action 'none'"
    )


def render_page(
    template: str, *, script: str | None = None, wide: bool = False, **context: Any
) -> str:
    """Render a page template with the stylesheet, optional script and matching CSP."""
    return (
        environment()
        .get_template(template)
        .render(
            css=Markup(asset("style.css")),
            script=None if script is None else Markup(script),
            csp=Markup(csp(script)),
            wide=wide,
            **context,
        )
    )
