"""Consolidate stored summaries and write every briefing format, review pages and the index."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarise.brief.consolidate import NATIONAL_NAME, Stored, build_briefings
from summarise.gazetteer.lookup import slugify
from summarise.models import ArticleSummary, CouncilBriefing
from summarise.outputs import Layout, write_bytes, write_model, write_text
from summarise.render import (
    render_docx,
    render_html,
    render_index,
    render_markdown,
    render_review_page,
)


def briefing_slug(briefing: CouncilBriefing) -> str:
    return "national" if briefing.council.name == NATIONAL_NAME else slugify(briefing.council.name)


def write_review_pages(layout: Layout, summaries: Sequence[tuple[str, ArticleSummary]]) -> None:
    for article_id, summary in summaries:
        cleaned = layout.clean_text(article_id).read_text(encoding="utf-8")
        write_text(
            layout.review_page(article_id),
            render_review_page(summary, cleaned, article_id=article_id),
        )


Narrate = Callable[[CouncilBriefing], CouncilBriefing]


def _earlier_briefings(
    layout: Layout, rebuilt: set[str]
) -> tuple[list[tuple[str, CouncilBriefing]], list[str]]:
    """Briefings already in OUT/briefings that this run did not rebuild, and the ones that
    cannot be read (one line each), so the index lists every briefing in the folder."""
    kept: list[tuple[str, CouncilBriefing]] = []
    problems: list[str] = []
    if not layout.briefings.is_dir():
        return kept, problems
    for path in sorted(layout.briefings.glob("*.json")):
        if path.stem in rebuilt:
            continue
        try:
            kept.append((path.stem, CouncilBriefing.model_validate_json(path.read_bytes())))
        except (OSError, ValueError) as exc:
            first = " ".join(str(exc).split())[:200]
            problems.append(f"{path}: not listed in the index: {first}")
    return kept, problems


@dataclass
class Published:
    """The briefing JSON files written, and what could not be listed in the index."""

    written: list[Path]
    problems: list[str]


def publish(
    layout: Layout,
    summaries: Sequence[tuple[str, ArticleSummary]],
    generated_at: str,
    narrate: Narrate | None = None,
) -> Published:
    """Write OUT/briefings/<slug>.{json,md,html,docx} and OUT/index.{md,html}.

    `narrate`, when given, adds an executive summary to each briefing before it is written.
    The index lists every briefing in the folder; one this run did not rebuild shows the date
    it was generated, so nothing stale passes for current.
    """
    write_review_pages(layout, summaries)
    briefings = build_briefings([Stored(i, s) for i, s in summaries], generated_at)
    if narrate is not None:
        briefings = [narrate(b) for b in briefings]
    slugs = [briefing_slug(b) for b in briefings]
    written: list[Path] = []
    for briefing, slug in zip(briefings, slugs, strict=True):
        json_path = layout.briefing(slug, ".json")
        write_model(json_path, briefing)
        write_text(layout.briefing(slug, ".md"), render_markdown(briefing))
        write_text(layout.briefing(slug, ".html"), render_html(briefing))
        write_bytes(layout.briefing(slug, ".docx"), render_docx(briefing))
        written.append(json_path)
    earlier, problems = _earlier_briefings(layout, set(slugs))
    index_md, index_html = render_index(
        [*briefings, *(b for _, b in earlier)],
        slugs=[*slugs, *(s for s, _ in earlier)],
        earlier={s for s, _ in earlier},
    )
    write_text(layout.out / "index.md", index_md)
    write_text(layout.out / "index.html", index_html)
    return Published(written, problems)


def load_stored(layout: Layout) -> tuple[list[tuple[str, ArticleSummary]], list[str]]:
    """Summaries already written under OUT/articles, to rebuild briefings with no extraction,
    and one line for each that cannot be used (invalid, or its cleaned text missing)."""
    out: list[tuple[str, ArticleSummary]] = []
    problems: list[str] = []
    for path in sorted(layout.articles.glob("*.json")):
        try:
            summary = ArticleSummary.model_validate_json(path.read_bytes())
        except (OSError, ValueError) as exc:
            first = " ".join(str(exc).split())[:300]
            problems.append(f"{path}: not a valid summary, left out: {first}")
            continue
        clean = layout.clean_text(path.stem)
        if not clean.is_file():
            problems.append(f"{path}: its cleaned text {clean.name} is missing, left out")
            continue
        out.append((path.stem, summary))
    return out, problems
