"""Cleaned text -> HTML with every span wrapped in a ``<mark>``, built only from escaped pieces.

Overlaps are nested: a span inside another becomes a child element, so each span's element holds
exactly its own text and a link to ``#span-{start}-{end}`` lands on it. Two spans with the same
offsets share one element (with both fields' classes). Spans that cross (A starts first, B starts
inside A and ends after it) cannot both be single elements; the later one is split into fragments
at A's end. Its first fragment carries the id and every fragment carries ``data-span`` so the
page script flashes all of them.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup, escape

from summarise.render.anchors import span_anchor

FIELDS: tuple[str, ...] = ("judgement", "strength", "concern", "recommendation", "quote", "figure")
FIELD_LABELS: dict[str, str] = {
    "judgement": "Judgement",
    "strength": "Strength",
    "concern": "Concern",
    "recommendation": "Recommendation",
    "quote": "Quote",
    "figure": "Figure",
}


@dataclass(frozen=True)
class Highlight:
    """One distinct range of the text and the fields that point at it."""

    start: int
    end: int
    fields: tuple[str, ...]

    @property
    def key(self) -> str:
        return f"{self.start}-{self.end}"

    @property
    def anchor(self) -> str:
        return span_anchor(self.start, self.end)


@dataclass
class _Node:
    start: int
    end: int
    highlight: Highlight | None = None
    first: bool = True
    children: list[_Node] = field(default_factory=list)


def collect(ranges: Iterable[tuple[int, int, str]], text_length: int) -> list[Highlight]:
    """Merge ``(start, end, field)`` triples into highlights; empty or out-of-range ones drop."""
    by_range: dict[tuple[int, int], set[str]] = {}
    for start, end, kind in ranges:
        if 0 <= start < end <= text_length:
            by_range.setdefault((start, end), set()).add(kind)
    return [
        Highlight(start, end, tuple(f for f in FIELDS if f in kinds))
        for (start, end), kinds in sorted(by_range.items(), key=lambda kv: (kv[0][0], -kv[0][1]))
    ]


def _end(node: _Node) -> int:
    return node.end


def _insert(node: _Node, start: int, end: int, hl: Highlight, first: bool) -> bool:
    """Place ``[start, end)`` under ``node``, descending into children that hold a part of it.

    Returns whether the span's first fragment is still to be placed (it carries the id).
    """
    # children are disjoint and in order, so the first that ends after `start` is found by
    # bisection: a long article's root has thousands of children, and a scan for each
    # highlight made the review page quadratic (two minutes for a 5 MB article)
    position, i = start, bisect.bisect_right(node.children, start, key=_end)
    while position < end:
        while i < len(node.children) and node.children[i].end <= position:
            i += 1
        child = node.children[i] if i < len(node.children) else None
        if child is None or child.start >= end:
            node.children.insert(i, _Node(position, end, hl, first))
            return False
        if child.start > position:
            node.children.insert(i, _Node(position, child.start, hl, first))
            position, first, i = child.start, False, i + 1
            continue
        stop = min(end, child.end)
        first = _insert(child, position, stop, hl, first)
        position = stop
    return first


def _tree(highlights: Sequence[Highlight], text_length: int) -> _Node:
    """Nest highlights (sorted by start, longest first); one that crosses a node is split."""
    root = _Node(0, text_length)
    for hl in highlights:
        _insert(root, hl.start, hl.end, hl, True)
    return root


@lru_cache(maxsize=256)
def _classes_and_label(fields: tuple[str, ...]) -> tuple[str, str]:
    """The escaped ``class`` and ``data-label`` values for a set of fields (few distinct ones)."""
    classes = " ".join(["hl", *(f"hl--{f}" for f in fields)])
    return str(escape(classes)), str(escape(" + ".join(FIELD_LABELS[f] for f in fields)))


def _open_tag(node: _Node) -> str:
    """The ``<mark>`` start tag, already escaped: offsets are integers, the rest from the
    cache above (``Markup.format`` cost a fifth of a review page)."""
    hl = node.highlight
    assert hl is not None
    classes, label = _classes_and_label(hl.fields)
    key = f"{hl.start:d}-{hl.end:d}"
    if node.first:
        return (
            f'<mark id="{span_anchor(hl.start, hl.end)}" class="{classes}" data-span="{key}" '
            f'data-label="{label}" tabindex="-1">'
        )
    return f'<mark class="{classes} hl--cont" data-span="{key}" data-label="{label}">'


def _emit(node: _Node, text: str, out: list[str]) -> None:
    """Escaped text and tags, in order; joined once into ``Markup`` by ``highlight``."""
    position = node.start
    for child in node.children:
        out.append(escape(text[position : child.start]))
        out.append(_open_tag(child))
        _emit(child, text, out)
        out.append("</mark>")
        position = child.end
    out.append(escape(text[position : node.end]))


def highlight(text: str, highlights: Sequence[Highlight]) -> Markup:
    """The whole text, escaped, with ``<mark>`` elements around each highlight."""
    out: list[str] = []
    _emit(_tree(highlights, len(text)), text, out)
    return Markup("".join(out))  # every piece was escaped or built from escaped values
