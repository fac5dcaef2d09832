"""Consolidate stored summaries and write every briefing format, review pages and the index."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarise.brief.consolidate import NATIONAL_NAME, Stored, build_briefings
from summarise.gazetteer.lookup import slugify
from summarise.models import ArticleSummary, CouncilBriefing, FactReview
from summarise.outputs import Layout, write_bytes, write_model, write_text
from summarise.render.markdown import markdown_of
from summarise.render.view import build_view
from summarise.workers import map_ordered

REVIEW_BASE = "../articles"  # from OUT/briefings/ to the review pages in OUT/articles/


def briefing_slug(briefing: CouncilBriefing) -> str:
    return "national" if briefing.council.name == NATIONAL_NAME else slugify(briefing.council.name)


def write_review_pages(
    layout: Layout, summaries: Sequence[tuple[str, ArticleSummary]], jobs: int = 1
) -> None:
    from summarise.render.review import render_review_page

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
    places: Mapping[str, Sequence[str]] | None = None,
    reviews: Mapping[str, Mapping[str, FactReview]] | None = None,
    jobs: int = 1,
) -> Published:
    """Write OUT/briefings/<slug>.{json,md,html,docx} and OUT/index.{md,html}.

    `narrate`, when given, adds an executive summary to each briefing before it is written;
    `places` lists, per article id, every place a re-posted article appeared (the store), and
    `reviews` each fact's review status (a store's briefings say what was reviewed).
    The index lists every briefing in the folder; one this run did not rebuild shows the date
    it was generated, so nothing stale passes for current.
    `jobs` > 1 renders review pages and briefings in that many processes.
    """
    write_review_pages(layout, summaries, jobs)
    where = places or {}
    briefings = build_briefings(
        [
            Stored(i, s, tuple(where.get(i, ())), None if reviews is None else reviews.get(i, {}))
            for i, s in summaries
        ],
        generated_at,
    )
    if narrate is not None:
        briefings = [narrate(b) for b in briefings]
    slugs = [briefing_slug(b) for b in briefings]
    pairs = list(zip(briefings, slugs, strict=True))
    written = list(map_ordered(lambda pair: write_briefing(layout, *pair), pairs, jobs))
    from summarise.render.index import render_index

    earlier, problems = _earlier_briefings(layout, set(slugs))
    index_md, index_html = render_index(
        [*briefings, *(b for _, b in earlier)],
        slugs=[*slugs, *(s for s, _ in earlier)],
        earlier={s for s, _ in earlier},
    )
    write_text(layout.out / "index.md", index_md)
    write_text(layout.out / "index.html", index_html)
    return Published(written, problems)


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
    # Word and HTML load python-docx and Jinja2, so only when asked: `brief --council` prints
    # Markdown and should not pay for them at start-up.
    if "html" in formats:
        from summarise.render.html import html_of

        write_text(layout.briefing(slug, ".html"), html_of(view))
    if "docx" in formats:
        from summarise.render.docx import docx_of

        write_bytes(layout.briefing(slug, ".docx"), docx_of(view, briefing.generated_at))
    return layout.briefing(slug, ".json")


def load_stored(layout: Layout) -> list[tuple[str, ArticleSummary]]:
    """Summaries already written under OUT/articles that can be used (see `load_stored_checked`
    for the ones that cannot)."""
    return load_stored_checked(layout)[0]


def load_stored_checked(layout: Layout) -> tuple[list[tuple[str, ArticleSummary]], list[str]]:
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
