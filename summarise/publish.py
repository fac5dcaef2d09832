"""Consolidate stored summaries and write every briefing format, review pages and the index."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from summarise.brief.consolidate import NATIONAL_NAME, Stored, build_briefings
from summarise.gazetteer.lookup import slugify
from summarise.models import ArticleSummary, CouncilBriefing
from summarise.outputs import Layout, write_bytes, write_model, write_text
from summarise.render import render_index, render_review_page
from summarise.render.docx import docx_of
from summarise.render.html import html_of
from summarise.render.markdown import markdown_of
from summarise.render.view import build_view
from summarise.workers import map_ordered

REVIEW_BASE = "../articles"  # from OUT/briefings/ to the review pages in OUT/articles/


def briefing_slug(briefing: CouncilBriefing) -> str:
    return "national" if briefing.council.name == NATIONAL_NAME else slugify(briefing.council.name)


def write_review_pages(
    layout: Layout, summaries: Sequence[tuple[str, ArticleSummary]], jobs: int = 1
) -> None:
    def write_one(item: tuple[str, ArticleSummary]) -> None:
        article_id, summary = item
        cleaned = layout.clean_text(article_id).read_text(encoding="utf-8")
        write_text(
            layout.review_page(article_id),
            render_review_page(summary, cleaned, article_id=article_id),
        )

    for _ in map_ordered(write_one, summaries, jobs):
        pass


FORMATS = ("json", "md", "html", "docx")
Narrate = Callable[[CouncilBriefing], CouncilBriefing]


def publish(
    layout: Layout,
    summaries: Sequence[tuple[str, ArticleSummary]],
    generated_at: str,
    narrate: Narrate | None = None,
    places: Mapping[str, Sequence[str]] | None = None,
    jobs: int = 1,
) -> list[Path]:
    """Write OUT/briefings/<slug>.{json,md,html,docx} and OUT/index.{md,html}; return JSON paths.

    `narrate`, when given, adds an executive summary to each briefing before it is written;
    `places` lists, per article id, every place a re-posted article appeared (the store).
    `jobs` > 1 renders review pages and briefings in that many processes.
    """
    write_review_pages(layout, summaries, jobs)
    where = places or {}
    briefings = build_briefings(
        [Stored(i, s, tuple(where.get(i, ()))) for i, s in summaries], generated_at
    )
    if narrate is not None:
        briefings = [narrate(b) for b in briefings]
    slugs = [briefing_slug(b) for b in briefings]
    pairs = list(zip(briefings, slugs, strict=True))
    written = list(map_ordered(lambda pair: write_briefing(layout, *pair), pairs, jobs))
    index_md, index_html = render_index(briefings, slugs=slugs)
    write_text(layout.out / "index.md", index_md)
    write_text(layout.out / "index.html", index_html)
    return written


def write_briefing(
    layout: Layout, briefing: CouncilBriefing, slug: str, formats: Sequence[str] = FORMATS
) -> Path:
    """Write one briefing as OUT/briefings/<slug>.<format> for each format; return the JSON path."""
    if "json" in formats:
        write_model(layout.briefing(slug, ".json"), briefing)
    # One view for every format, so they agree and the numbering is done once.
    view = build_view(briefing, REVIEW_BASE)
    if "md" in formats:
        write_text(layout.briefing(slug, ".md"), markdown_of(view))
    if "html" in formats:
        write_text(layout.briefing(slug, ".html"), html_of(view))
    if "docx" in formats:
        write_bytes(layout.briefing(slug, ".docx"), docx_of(view, briefing.generated_at))
    return layout.briefing(slug, ".json")


def load_stored(layout: Layout) -> list[tuple[str, ArticleSummary]]:
    """Summaries already written under OUT/articles, to rebuild briefings with no extraction."""
    out: list[tuple[str, ArticleSummary]] = []
    for path in sorted(layout.articles.glob("*.json")):
        out.append(
            (path.stem, ArticleSummary.model_validate_json(path.read_text(encoding="utf-8")))
        )
    return out
