"""Citation links for the HTML briefing: the ``cite`` and ``cites`` template filters.

A large briefing cites thousands of passages, and a Jinja macro call per citation cost more
than the rest of the page; a filter is a plain function call. The markup is exactly what the
old macros wrote, and every value is escaped the way autoescaping escapes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from markupsafe import Markup, escape

from summarise.render.view import Citation

_ABOUT_WORDS = 8


@lru_cache(maxsize=16384)
def about(text: str) -> str:
    """The first words of what is cited, so each link's name says which point it backs."""
    words = text.split()
    short = " ".join(words[:_ABOUT_WORDS])
    return short + "…" if len(words) > _ABOUT_WORDS else short


def _cite(c: Citation, what: str) -> str:
    # The number is an int, which escapes to itself; href and name need escaping.
    name = escape(f"{c.source or f'Source {c.number}'}: {about(what)}" if what else c.source)
    href = escape(c.href) if c.href else f"#source-{c.number}"
    return (
        f'<a class="cite" href="{href}"><span aria-hidden="true">[{c.number}]</span>'
        f'<span class="visually-hidden">{name}</span></a>'
    )


def cite(c: Citation, what: str = "") -> Markup:
    """``[n]`` linking to the cited passage (or the source note), named by source and point."""
    return Markup(_cite(c, what))


def cites(citations: Iterable[Citation], what: str = "") -> Markup:
    """Several citations side by side, as the template writes them."""
    return Markup("".join([_cite(c, what) for c in citations]))
