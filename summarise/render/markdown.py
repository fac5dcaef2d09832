"""CouncilBriefing -> Markdown, for reading in a repository or pasting into a report.

Article-derived text is escaped so that it renders as the words it is: a stray ``<script>``,
``*`` or ``[link](javascript:...)`` in an article cannot become markup in a Markdown viewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from summarise.models import CouncilBriefing
from summarise.render.labels import date_label
from summarise.render.view import (
    BriefingView,
    Citation,
    FigureRow,
    JudgementRow,
    PointRow,
    QuoteRow,
    build_view,
)

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START = re.compile(r"^(\d+)([.)])(\s)|^([#+=>-])")
_NONE = "None recorded."


@lru_cache(maxsize=16384)
def md_text(text: str) -> str:
    """One line of literal text: whitespace collapsed, Markdown punctuation backslash-escaped.

    Cached: the same titles and points recur in every briefing that cites them.
    """
    flat = " ".join(text.split())
    flat = _INLINE_SPECIALS.sub(r"\\\1", flat)
    flat = _ENTITY.sub(r"\\&", flat)
    return _BLOCK_START.sub(
        lambda m: f"{m.group(1)}\\{m.group(2)}{m.group(3)}" if m.group(1) else f"\\{m.group(4)}",
        flat,
    )


def md_url(href: str) -> str:
    """A link destination that cannot close the link early."""
    return "<" + href.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"


def md_cite(citation: Citation) -> str:
    if citation.href is None:
        return f"[{citation.number}]"
    return f"[[{citation.number}]]({md_url(citation.href)})"


def _cites(citations: Iterable[Citation]) -> str:
    return " ".join(md_cite(c) for c in citations)


def _review(row: PointRow | JudgementRow | QuoteRow | FigureRow) -> str:
    """Whether a fact was reviewed, by whom and when (briefings from a store)."""
    return f" _({md_text(row.review)})_" if row.review else ""


def _point_lines(points: tuple[PointRow, ...]) -> list[str]:
    if not points:
        return [_NONE]
    lines = []
    for point in points:
        area = f" _({md_text(point.service_area)})_" if point.service_area else ""
        lines.append(f"- {md_text(point.text)}{area} {_cites(point.citations)}{_review(point)}")
    return lines


def _judgement_lines(view: BriefingView) -> list[str]:
    if not view.judgements:
        return [_NONE]
    lines = ["| Aspect | Judgement | Date | Source |", "| --- | --- | --- | --- |"]
    for row in view.judgements:
        lines.append(
            f"| {md_text(row.aspect)} | **{md_text(row.value)}**"
            + (f" ({md_text(row.unconfirmed)})" if row.unconfirmed else "")
            + _review(row)
            + f" | {md_text(row.date)} "
            f"| {md_cite(row.citation)} |"
        )
    return lines


def _narrative_lines(view: BriefingView) -> list[str]:
    """Each model-written sentence with the point ids it rests on, so a reader can check it."""
    return [
        f"- {md_text(row.text)} _(rests on {md_text(', '.join(row.cites))})_"
        for row in view.narrative
    ]


def _timeline_lines(view: BriefingView) -> list[str]:
    if not view.timeline:
        return [_NONE]
    return [
        f"- **{md_text(row.date)}:** {md_text(row.event)} {md_cite(row.citation)}"
        for row in view.timeline
    ]


def _quote_lines(view: BriefingView) -> list[str]:
    if not view.quote_groups:
        return [_NONE]
    lines: list[str] = []
    for group in view.quote_groups:
        lines += [f"### {md_text(group.speaker)}", ""]
        for quote in group.quotes:
            lines += [f"> “{md_text(quote.text)}”", ">"]
            who = f"— {md_text(quote.attribution)} " if quote.attribution else ""
            lines += [f"> {who}{md_cite(quote.citation)}{_review(quote)}", ""]
    return lines[:-1]


def _figure_lines(view: BriefingView) -> list[str]:
    if not view.figures:
        return [_NONE]
    lines = ["| Figure | What it measures | Source |", "| --- | --- | --- |"]
    for row in view.figures:
        lines.append(
            f"| **{md_text(row.text)}** | {md_text(row.meaning)}{_review(row)} "
            f"| {md_cite(row.citation)} |"
        )
    return lines


def _national_lines(view: BriefingView) -> list[str]:
    if not view.national_context:
        return [_NONE]
    return [f"- {md_text(row.text)} {md_cite(row.citation)}" for row in view.national_context]


def _source_lines(view: BriefingView) -> list[str]:
    if not view.sources:
        return [_NONE]
    lines: list[str] = []
    for note in view.sources:
        parts = [f"[{note.number}] **{md_text(note.title)}**."]
        if note.publisher:
            parts.append(f"{md_text(note.publisher)}.")
        if note.published:
            parts.append(f"Published {md_text(date_label(note.published))}.")
        if note.review_type:
            by = f" by {md_text(note.bodies)}" if note.bodies else ""
            parts.append(f"{md_text(note.review_type)}{by}.")
        if note.path:
            parts.append(f"Path: {md_text(note.path)}.")
        if note.url:
            parts.append(f"URL: [{md_text(note.url)}]({md_url(note.url)}).")
        if note.report_url:
            parts.append(f"[Official report]({md_url(note.report_url)}).")
        if note.href:
            parts.append(f"[Review page for source {note.number}]({md_url(note.href)})")
        lines += [" ".join(parts), ""]
    return lines[:-1]


def _caveat_lines(view: BriefingView) -> list[str]:
    """The caveat, then a link to each official report that a source links."""
    lines = [f"_{md_text(view.caveat)}_"]
    for number, url in view.reports:
        link = f"[{md_text(url)}]({md_url(url)})"
        lines += ["", f"Official inspection report: {link} (linked by source {number})"]
    return lines


def render_markdown(briefing: CouncilBriefing, *, review_base: str | None = "../articles") -> str:
    """The briefing as Markdown; citations link to review pages under ``review_base``."""
    return markdown_of(build_view(briefing, review_base))


def markdown_of(view: BriefingView) -> str:
    """Markdown for a view already built (``publish`` builds one view for every format)."""
    council = md_text(view.council)
    if view.gss_code:
        council += f" (GSS code {md_text(view.gss_code)})"
    lines = [
        f"# {md_text(view.title)}",
        "",
        f"**Council:** {council}  ",
        f"**Generated:** {md_text(view.generated)}" + ("  " if view.reviewed else ""),
        *([f"**Reviewed:** {md_text(view.reviewed)}"] if view.reviewed else []),
        "",
        *_caveat_lines(view),
        "",
        md_text(view.headline) if view.headline.strip() else _NONE,
    ]
    sections = [
        *([("Executive summary", _narrative_lines(view))] if view.narrative else []),
        ("Latest judgements", _judgement_lines(view)),
        ("Timeline", _timeline_lines(view)),
        ("Strengths", _point_lines(view.strengths)),
        ("Concerns", _point_lines(view.concerns)),
        ("Recommendations", _point_lines(view.recommendations)),
        ("Quotes", _quote_lines(view)),
        ("Figures", _figure_lines(view)),
        ("National context", _national_lines(view)),
        ("Sources", _source_lines(view)),
    ]
    for heading, body in sections:
        lines += ["", f"## {heading}", "", *body]
    return "\n".join(lines) + "\n"
