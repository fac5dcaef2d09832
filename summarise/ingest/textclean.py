"""Pure text cleaning: raw article text -> the cleaned text that spans point into, and what the
text's furniture says about it (title, publisher, date).

Cleaning is deterministic and idempotent because spans are offsets into the cleaned text and
that text is written beside each summary for anyone to check. Metadata is read from the
repaired lines before cleaning, because the boilerplate that carries it is what cleaning removes.
Characters (line breaks, mojibake, invisible characters) are repaired first, by
`summarise.ingest.charfix`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice, pairwise

from summarise.ingest import boilerplate as bp
from summarise.ingest import sourceinfo, weblinks
from summarise.ingest.charfix import repair
from summarise.models import DateFrom
from summarise.text import datelines

__all__ = [
    "Metadata",
    "clean_text",
    "clean_with_metadata",
    "extract_metadata",
    "headline",
    "prepare_lines",
]


def prepare_lines(raw: str) -> list[str]:
    """Repaired, whitespace-normalised lines ("" for blank), before anything is removed."""
    lines = (" ".join(line.split()) for line in repair(raw).split("\n"))
    return [bp.repair_lost_quotes(line) for line in lines]


# --- cleaning ---------------------------------------------------------------------------------

_MAX_PASSES = 4


def clean_text(raw: str) -> str:
    """The cleaned text that spans point into: pure, deterministic and idempotent.

    Repairs encoding and lost quotes, drops whole-line boilerplate and teasers, unwraps
    hard-wrapped paragraphs and separates paragraphs by exactly one blank line. One pass can
    expose more work (unwrapping joins lines that ftfy judged apart; removing an invisible
    character completes a mojibake sequence), so passes repeat until the text stops changing;
    for real articles the second pass only confirms, and it is cheap: the boilerplate verdicts
    are remembered and ftfy is only called for lines it could change.
    """
    return _settle(prepare_lines(raw), _remembered(bp.is_boilerplate))


def _settle(prepared: Sequence[str], furniture: Callable[[str], bool]) -> str:
    text = _clean_lines(prepared, furniture)
    for _ in range(_MAX_PASSES - 1):
        if _stable(text):
            break
        again = _clean_lines(prepare_lines(text), furniture)
        if again == text:
            break
        text = again
    return text


def _remembered(test: Callable[[str], bool]) -> Callable[[str], bool]:
    """`test` with its answers kept for one cleaning: passes see the same lines again."""
    seen: dict[str, bool] = {}

    def remembered(line: str) -> bool:
        verdict = seen.get(line)
        if verdict is None:
            verdict = seen[line] = test(line)
        return verdict

    return remembered


def _stable(text: str) -> bool:
    """True only if another pass would return `text` unchanged, judged without running one.

    `text` is a pass's output, so by construction its lines are whitespace-normalised units
    that passed the boilerplate rules, and only bullets share a block, so it is not
    hard-wrapped. Another pass can therefore change it only by repairing characters or lost
    quotes (lines now joined can look different to ftfy), dropping a teaser whose neighbours
    changed, or joining a bullet that reads as the continuation of the one before; each of
    those is checked here, at a fraction of the cost of a pass.
    """
    if repair(text) != text:
        return False
    lines = text.split("\n")
    if "?" in text and any(bp.repair_lost_quotes(line) != line for line in lines):
        return False
    if any(prev and line and bp.continues(prev, line) for prev, line in pairwise(lines)):
        return False
    units = [line for line in lines if line]
    if _double_spaced_wrap(text):
        return False
    return bp.drop_teasers(lines) == lines and bp.drop_teasers(units) == units


def _double_spaced_wrap(text: str) -> bool:
    """Would the next pass read these one-line paragraphs as one hard-wrapped block?"""
    blocks = text.split("\n\n")
    if len(blocks) < 2 or any("\n" in block for block in blocks):
        return False
    return bp.hard_wrap_width([blocks]) is not None


def _clean_lines(prepared: Sequence[str], furniture: Callable[[str], bool]) -> str:
    lines = [line if line and not furniture(line) else "" for line in prepared]
    blocks = _blocks(bp.drop_teasers(lines))
    width = bp.hard_wrap_width(blocks)
    if width is None and len(blocks) > 1 and all(len(block) == 1 for block in blocks):
        # Hard-wrapped with a blank line after every line: the lines are one block's lines.
        merged = [block[0] for block in blocks]
        width = bp.hard_wrap_width([merged])
        blocks = [merged] if width is not None else blocks
    if width is not None:
        groups = [bp.unwrap_block(block, width) for block in blocks]
    else:
        groups = [bp.join_continuations(block) for block in blocks]
    return bp.join_units(_drop_furniture(groups, furniture))


def _blocks(lines: Sequence[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _drop_furniture(groups: list[list[str]], furniture: Callable[[str], bool]) -> list[list[str]]:
    """Boilerplate and teasers again, now that wrapped lines are whole paragraphs."""
    flat = bp.drop_teasers([unit for units in groups for unit in units])
    position = iter(flat)
    kept = [[unit for unit in (next(position) for _ in units) if unit] for units in groups]
    return [[unit for unit in units if not furniture(unit)] for units in kept]


# --- metadata ---------------------------------------------------------------------------------

_TOP_LINES = 8
_MAX_TITLE = 150


@dataclass(frozen=True)
class Metadata:
    """What ingestion could tell about an article besides its text; None when unsure."""

    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    # Where `published` came from: "page" (HTML metadata), "dateline", "byline" or "url".
    date_from: DateFrom | None = None
    url: str | None = None  # the page's address, when the input says it
    report_url: str | None = None  # the official report, when the text links it
    warnings: tuple[str, ...] = ()  # what a library said while reading the file

    def or_else(self, other: Metadata) -> Metadata:
        """Fill this one's gaps from `other`, so stronger sources are consulted first."""
        dated = self if self.published else other
        return Metadata(
            title=self.title or other.title,
            publisher=self.publisher or other.publisher,
            published=dated.published,
            date_from=dated.date_from if dated.published else None,
            url=self.url or other.url,
            report_url=self.report_url or other.report_url,
            warnings=self.warnings + other.warnings,
        )


def headline(cleaned: str) -> str | None:
    """The first paragraph when it reads as a headline: short, and no full stop unless in caps."""
    first = cleaned.split("\n\n", 1)[0]
    if not first or "\n" in first or len(first) > _MAX_TITLE or bp.is_bullet(first):
        return None
    if first.endswith(":") or (first.endswith(".") and not first.isupper()):
        return None
    if datelines.byline(first) or datelines.dateline_date(first):
        return None
    return first


def _publisher(lines: Sequence[str]) -> str | None:
    """A newspaper byline beats a "More from" footer, which beats a copyright holder."""
    for line in islice((line for line in lines if line), _TOP_LINES):
        found = datelines.byline(line)
        if found:
            return found[0]
    for finder in (bp.more_from_publisher, datelines.copyright_holder):
        for line in lines:
            name = finder(line) if line else None
            if name:
                return name
    return None


def _published(
    lines: Sequence[str], furniture: Callable[[str], bool]
) -> tuple[str | None, DateFrom | None]:
    """Only a dateline (or dated byline) near the top counts; dates in the story never do."""
    top = islice((line for line in lines if line and not furniture(line)), _TOP_LINES)
    for line in top:
        found = datelines.byline(line)
        if found and found[1]:
            return found[1], "byline"
        when = datelines.dateline_date(line) or sourceinfo.labelled_date(line, datelines.parse_date)
        if when:
            return when, "dateline"
    return None, None


_TITLE_PARAGRAPHS = 5


def _title(cleaned: str) -> str | None:
    """The page's headline: the first of the top paragraphs that reads as one, past date lines
    and furniture ("Agenda item", "News"); else the text's first sentence."""
    paragraphs = cleaned.split("\n\n", _TITLE_PARAGRAPHS)[:_TITLE_PARAGRAPHS]
    for i, paragraph in enumerate(paragraphs):
        if sourceinfo.could_be_headline(paragraph) and headline(paragraph):
            return paragraph
        if i == 0 and len(paragraph.split()) > 25:
            break  # the text starts with its body: there is no headline to find
    return sourceinfo.fallback_title(cleaned)


def _metadata(
    lines: Sequence[str], cleaned: str, furniture: Callable[[str], bool], url: str | None
) -> Metadata:
    published, date_from = _published(lines, furniture)
    if published is None and url is not None:
        published = sourceinfo.url_date(url)
        date_from = "url" if published else None
    return Metadata(
        title=_title(cleaned),
        publisher=_publisher(lines),
        published=published,
        date_from=date_from,
        url=url,
        report_url=weblinks.report_url(lines, url),
    )


def extract_metadata(raw: str, cleaned: str | None = None) -> Metadata:
    """Title from the cleaned text; publisher and date from the raw text's furniture."""
    return _clean_with_metadata(raw, cleaned)[1]


def clean_with_metadata(raw: str, known: Metadata = Metadata()) -> tuple[str, Metadata]:
    """Clean, then fill what `known` lacks from the text; the repaired lines serve both."""
    text, meta = _clean_with_metadata(raw, None)
    return text, known.or_else(meta)


def _clean_with_metadata(raw: str, cleaned: str | None) -> tuple[str, Metadata]:
    # A leading "SOURCE: <url>" line is about the page, not part of it: neither headline nor lead.
    url, raw = sourceinfo.split_source_line(raw)
    lines = prepare_lines(raw)
    furniture = _remembered(bp.is_boilerplate)
    text = _settle(lines, furniture) if cleaned is None else cleaned
    return text, _metadata(lines, text, furniture, url)
