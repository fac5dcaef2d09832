"""Consolidate stored summaries and write every briefing format, review pages and the index.

A run may have more summaries than it can hold, so it keeps a `Catalogue` (a small entry per
summary) and reads each summary back from OUT/articles when a review page or a briefing needs
it: briefings are built, written and let go one at a time, and the index keeps of each only
what its row shows. What stays in memory grows with the largest briefing, not with the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from summarise.brief.consolidate import NATIONAL_NAME, Load, Stored, build_one
from summarise.brief.grouping import Catalogue, Entry, plan_briefings
from summarise.gazetteer.lookup import slugify
from summarise.models import ArticleSummary, CouncilBriefing
from summarise.outputs import Layout, write_bytes, write_model, write_text
from summarise.render.markdown import markdown_of
from summarise.render.view import build_view
from summarise.workers import map_ordered

REVIEW_BASE = "../articles"  # from OUT/briefings/ to the review pages in OUT/articles/


def loader(catalogue: Catalogue, layout: Layout) -> Load:
    """Reads an entry's summary back from OUT/articles, with its places and reviews."""

    def load(entry: Entry) -> Stored:
        summary = ArticleSummary.model_validate_json(layout.summary(entry.id).read_bytes())
        found = catalogue.reviews
        reviews = None if found is None else found.get(entry.id, {})
        return Stored(entry.id, summary, catalogue.places.get(entry.id, ()), reviews)

    return load


def briefing_slug(briefing: CouncilBriefing) -> str:
    return "national" if briefing.council.name == NATIONAL_NAME else slugify(briefing.council.name)


def write_review_pages(layout: Layout, keys: Sequence[str], jobs: int = 1) -> None:
    """OUT/articles/<key>.html for each summary written under OUT/articles, one at a time."""
    from summarise.render.review import render_review_page

    def write_one(article_id: str) -> None:
        summary = ArticleSummary.model_validate_json(layout.summary(article_id).read_bytes())
        cleaned = layout.clean_text(article_id).read_text(encoding="utf-8")
        write_text(
            layout.review_page(article_id),
            render_review_page(summary, cleaned, article_id=article_id),
        )

    for _ in map_ordered(write_one, keys, jobs):
        pass


FORMATS = ("json", "md", "html", "docx")
Narrate = Callable[[CouncilBriefing], CouncilBriefing]


# What the index shows of a briefing is its council, headline, latest judgements and date: the
# rest is left out of the copy it keeps, so the index of a large run holds little.
_NOT_INDEXED: tuple[str, ...] = (
    "sources",
    "timeline",
    "strengths",
    "concerns",
    "recommendations",
    "quotes",
)
_NOT_INDEXED += ("figures", "national_context", "narrative")


def for_index(briefing: CouncilBriefing) -> CouncilBriefing:
    """The briefing with only what its row in the index shows."""
    return briefing.model_copy(update={key: [] for key in _NOT_INDEXED})


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
            earlier = CouncilBriefing.model_validate_json(path.read_bytes())
        except (OSError, ValueError) as exc:
            first = " ".join(str(exc).split())[:200]
            problems.append(f"{path}: not listed in the index: {first}")
            continue
        kept.append((path.stem, for_index(earlier)))
    return kept, problems


@dataclass
class Published:
    """The briefing JSON files written, and what could not be listed in the index."""

    written: list[Path]
    problems: list[str]


def publish(
    layout: Layout,
    catalogue: Catalogue,
    generated_at: str,
    narrate: Narrate | None = None,
    jobs: int = 1,
) -> Published:
    """Write OUT/briefings/<slug>.{json,md,html,docx} and OUT/index.{md,html}.

    The catalogue's summaries are under OUT/articles. `narrate`, when given, adds an executive
    summary to each briefing before it is written (in this process, which counts its usage).
    The index lists every briefing in the folder; one this run did not rebuild shows the date
    it was generated, so nothing stale passes for current.
    `jobs` > 1 renders review pages and briefings in that many processes.
    """
    write_review_pages(layout, catalogue.keys(), jobs)
    plan = plan_briefings(catalogue.entries)
    load = loader(catalogue, layout)
    # Every briefing reads the national articles (for context), so they are loaded once; a
    # forked worker shares them.
    national = [load(e) for e in plan.national]

    def one(n: int) -> tuple[Path, str, CouncilBriefing]:
        briefing = build_one(plan, n, national, load, generated_at)
        if narrate is not None:
            briefing = narrate(briefing)
        slug = briefing_slug(briefing)
        return write_briefing(layout, briefing, slug), slug, for_index(briefing)

    done = list(map_ordered(one, range(plan.count), 1 if narrate is not None else jobs))
    slugs = [slug for _, slug, _ in done]
    from summarise.render.index import render_index

    earlier, problems = _earlier_briefings(layout, set(slugs))
    index_md, index_html = render_index(
        [*(b for _, _, b in done), *(b for _, b in earlier)],
        slugs=[*slugs, *(s for s, _ in earlier)],
        earlier={s for s, _ in earlier},
    )
    write_text(layout.out / "index.md", index_md)
    write_text(layout.out / "index.html", index_html)
    return Published([path for path, _, _ in done], problems)


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


def load_stored(layout: Layout) -> Catalogue:
    """Summaries already written under OUT/articles that can be used (see `load_stored_checked`
    for the ones that cannot)."""
    return load_stored_checked(layout)[0]


def load_stored_checked(layout: Layout) -> tuple[Catalogue, list[str]]:
    """Summaries already written under OUT/articles, to rebuild briefings with no extraction,
    and one line for each that cannot be used (invalid, or its cleaned text missing). Each is
    read, checked and let go: the catalogue keeps its entry."""
    out = Catalogue()
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
        out.add(path.stem, summary)
    return out, problems


def catalogue_of(items: Iterable[Stored], *, from_store: bool = False) -> Catalogue:
    """A catalogue of summaries already written under OUT/articles, with their places and,
    `from_store`, their reviews."""
    out = Catalogue(reviews={} if from_store else None)
    for item in items:
        out.add(item.id, item.summary, item.places, item.reviews)
    return out
