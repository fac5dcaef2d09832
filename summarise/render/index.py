"""The run's front page: one row per council briefing, linking to each of its formats."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from urllib.parse import quote

from summarise.models import CouncilBriefing
from summarise.render.labels import (
    aspect_label,
    date_label,
    unconfirmed_label,
    value_label,
    value_tone,
)
from summarise.render.markdown import md_text, md_url
from summarise.render.templating import render_page

TITLE = "Council social services briefings"
FORMATS: tuple[tuple[str, str], ...] = (("md", "Markdown"), ("docx", "Word"), ("json", "JSON"))


@dataclass(frozen=True)
class JudgementCell:
    aspect: str
    value: str
    tone: str
    date: str | None
    unconfirmed: str = ""


@dataclass(frozen=True)
class IndexRow:
    council: str
    gss_code: str | None
    headline: str
    judgements: tuple[JudgementCell, ...]
    href: str
    formats: tuple[tuple[str, str], ...]
    #: set when the last run did not rebuild this briefing: the day it was generated
    generated: str | None = None


def _rows(
    briefings: Sequence[CouncilBriefing], slugs: Sequence[str], earlier: AbstractSet[str]
) -> list[IndexRow]:
    if len(briefings) != len(slugs):
        raise ValueError(f"{len(briefings)} briefings but {len(slugs)} slugs")
    pairs = sorted(
        zip(briefings, slugs, strict=True), key=lambda p: (p[0].council.name.casefold(), p[1])
    )
    rows = []
    for briefing, slug in pairs:
        stem = "briefings/" + quote(slug, safe="")
        rows.append(
            IndexRow(
                council=briefing.council.name,
                gss_code=briefing.council.gss_code,
                headline=briefing.headline,
                judgements=tuple(
                    JudgementCell(
                        aspect=aspect_label(j.aspect),
                        value=value_label(j.aspect, j.value),
                        tone=value_tone(j.value),
                        date=date_label(j.date) if j.date else None,
                        unconfirmed=unconfirmed_label(j.confidence, j.confidence_note),
                    )
                    for j in briefing.latest_judgements
                ),
                href=f"{stem}.html",
                formats=tuple((f"{stem}.{ext}", label) for ext, label in FORMATS),
                generated=briefing.generated_at[:10] if slug in earlier else None,
            )
        )
    return rows


def _markdown(rows: Sequence[IndexRow]) -> str:
    lines = [f"# {TITLE}", ""]
    if not rows:
        return "\n".join([*lines, "No briefings were written.", ""])
    lines += [
        "| Council | Latest judgements | Headline | Other formats |",
        "| --- | --- | --- | --- |",
    ]
    for row in rows:
        judgements = "; ".join(
            f"{md_text(j.aspect)}: {md_text(j.value)}"
            + (f" ({md_text(j.date)})" if j.date else "")
            + (f" ({md_text(j.unconfirmed)})" if j.unconfirmed else "")
            for j in row.judgements
        )
        formats = " · ".join(
            f"[{label}]({md_url(href)})" for href, label in row.formats if not href.endswith(".md")
        )
        council = f"[{md_text(row.council)}]({md_url(row.formats[0][0])})"
        if row.generated:
            council += f" (generated {md_text(row.generated)}, not by the last run)"
        lines.append(f"| {council} | {judgements} | {md_text(row.headline)} | {formats} |")
    return "\n".join(lines) + "\n"


def render_index(
    briefings: Sequence[CouncilBriefing],
    *,
    slugs: Sequence[str],
    earlier: AbstractSet[str] = frozenset(),
) -> tuple[str, str]:
    """``(markdown, html)`` for ``OUT/index.md`` and ``OUT/index.html``, sorted by council.

    ``slugs[i]`` names the files of ``briefings[i]`` under ``OUT/briefings/``; a slug in
    ``earlier`` was not rebuilt by this run, and its row shows when it was generated.
    """
    rows = _rows(briefings, slugs, earlier)
    html = render_page("index.html", page_title=TITLE, title=TITLE, rows=rows)
    return _markdown(rows), html
