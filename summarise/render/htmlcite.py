"""Citation links for the HTML briefing: the ``cite`` and ``cites`` template filters.

A large briefing cites thousands of passages, and a Jinja macro call per citation cost more
than the rest of the page; a filter is a plain function call. The markup is exactly what the
old macros wrote, and every value is escaped the way autoescaping escapes it.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from summarise.render.view import Citation


def _cite(c: Citation) -> str:
    # The number is an int, which escapes to itself; only the href needs escaping.
    if c.href:
        return (
            f'<a class="cite" href="{escape(c.href)}"><span aria-hidden="true">[{c.number}]</span>'
            f'<span class="visually-hidden">Evidence in source {c.number}</span></a>'
        )
    return (
        f'<a class="cite" href="#source-{c.number}"><span aria-hidden="true">[{c.number}]</span>'
        f'<span class="visually-hidden">Source {c.number}</span></a>'
    )


def cite(c: Citation) -> Markup:
    """``[n]`` linking to the cited passage, or to the source note when there is no link."""
    return Markup(_cite(c))


def cites(citations: Iterable[Citation]) -> Markup:
    """Several citations side by side, as the template writes them."""
    return Markup("".join([_cite(c) for c in citations]))
