"""Ingestion: a path on disk -> an `Article` whose cleaned text every span points into.

Cleaning is deterministic and idempotent because spans are offsets into the cleaned text and
that text is written beside each summary for anyone to check. Metadata (publisher, date) is
read before cleaning, because the boilerplate that carries it is what cleaning removes.
"""

from __future__ import annotations

import codecs
import hashlib
import html
import io
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import ftfy
from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser, LexborNode

from summarise import boilerplate as bp
from summarise.models import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "Metadata",
    "clean_text",
    "decode_bytes",
    "discover",
    "extract_metadata",
    "load_article",
]

_MB = 1024 * 1024
DEFAULT_MAX_BYTES: int = 5 * _MB
SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm", ".pdf"})
_SUPPORTED_LIST = ", ".join(sorted(SUPPORTED_SUFFIXES))


class IngestError(Exception):
    """Why one input cannot be used; `str(err)` is one line that names the file."""

    def __init__(self, path: str | os.PathLike[str], message: str) -> None:
        self.path = str(path)
        self.message = " ".join(message.split())
        super().__init__(f"{self.path}: {self.message}")

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str]]:
        """Survive pickling (worker processes) despite the two-argument constructor."""
        return (IngestError, (self.path, self.message))


@dataclass(frozen=True)
class Metadata:
    """What ingestion could tell about an article besides its text; None when unsure."""

    title: str | None = None
    publisher: str | None = None
    published: str | None = None

    def or_else(self, other: Metadata) -> Metadata:
        """Fill this one's gaps from `other`, so stronger sources are consulted first."""
        return Metadata(
            title=self.title or other.title,
            publisher=self.publisher or other.publisher,
            published=self.published or other.published,
        )


# --- discovery --------------------------------------------------------------------------------


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _scan_folder(folder: Path) -> tuple[list[Path], list[IngestError]]:
    """Supported files under `folder`, recursively and sorted; hidden files and dirs skipped."""
    errors: list[IngestError] = []
    found: list[Path] = []

    def on_error(exc: OSError) -> None:
        errors.append(IngestError(exc.filename or folder, f"cannot read folder: {exc.strerror}"))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=on_error):
        dirnames[:] = [name for name in dirnames if not name.startswith(".")]
        found.extend(
            Path(dirpath) / name
            for name in filenames
            if not name.startswith(".") and _supported(Path(name))
        )
    if not found and not errors:
        errors.append(IngestError(folder, f"folder has no supported files ({_SUPPORTED_LIST})"))
    return sorted(found), errors


def _check_file(path: Path) -> IngestError | None:
    if not path.exists():
        return IngestError(path, "no such file or folder")
    if not path.is_file():
        return IngestError(path, "not a regular file")
    if not _supported(path):
        return IngestError(path, _unsupported(path))
    return None


def _unsupported(path: Path) -> str:
    kind = f"'{path.suffix}'" if path.suffix else "(no extension)"
    return f"unsupported file type {kind}; supported: {_SUPPORTED_LIST}"


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[IngestError]]:
    """Expand files and folders into the inputs to process, and say what was unusable.

    Order follows the arguments (each folder sorted); a file reached twice is listed once.
    """
    found: list[Path] = []
    errors: list[IngestError] = []
    seen: set[Path] = set()
    for given in map(Path, paths):
        if given.is_dir():
            files, problems = _scan_folder(given)
        else:
            problem = _check_file(given)
            files, problems = ([], [problem]) if problem else ([given], [])
        errors.extend(problems)
        for file in files:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found, errors


# --- bytes -> str -------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = frozenset(set(range(32)) - {9, 10, 12, 13, 26, 27}) | {127}
_BINARY = "looks like a binary file, not text"


def _size(n: int) -> str:
    if n >= _MB:
        return f"{n / _MB:.1f} MB"
    return f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} bytes"


def _limit(n: int) -> str:
    return f"{n // _MB} MB" if n and n % _MB == 0 else _size(n)


def _too_big(size: int, max_bytes: int) -> str:
    return f"file is {_size(size)}; the limit is {_limit(max_bytes)} (--max-bytes)"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing anything over `max_bytes` before reading it all."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(path, _too_big(size, max_bytes))
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except IsADirectoryError:
        raise IngestError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise IngestError(path, _too_big(len(data), max_bytes))
    return data


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than a few percent control bytes: no text file looks like that."""
    if b"\x00" in data:
        return True
    sample = data[:65536]
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls > 0.05 * len(sample)


def _mostly_unreadable(text: str) -> bool:
    sample = text[:65536]
    bad = sum(1 for ch in sample if not (ch.isprintable() or ch.isspace()))
    return bad > 0.05 * max(1, len(sample))


def _western(text: str) -> bool:
    """English news with a few £ ’ “ – is mostly ASCII letters; Cyrillic read as cp1252 is not."""
    letters = [ch for ch in text if ch.isalpha()]
    foreign = sum(1 for ch in letters if ord(ch) > 127)
    return foreign <= 0.2 * len(letters)


def _decode_legacy(data: bytes, path: Path, declared: str | None) -> str:
    """Not UTF-8: a declared charset, else cp1252 when plausible, else charset-normalizer.

    cp1252 comes first because charset-normalizer guesses mac_iceland or cp1250 for short
    British texts, turning ’ into í and £ into Ł.
    """
    for codec in (declared, "cp1252"):
        if codec is None:
            continue
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if codec == declared or _western(text):
            return text
    best = from_bytes(data).best()
    if best is None:
        raise IngestError(path, _BINARY)
    return str(best)


def decode_bytes(data: bytes, path: Path, declared: str | None = None) -> str:
    """Bytes -> text: BOM, else UTF-8, else a legacy single-byte encoding; binary refused."""
    if not data.strip():
        raise IngestError(path, "empty file")
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise IngestError(path, f"starts with a {codec} mark but is not {codec}") from None
            break
    if text is None:
        if _looks_binary(data):
            raise IngestError(path, _BINARY)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data, path, declared)
    if _mostly_unreadable(text):
        raise IngestError(path, _BINARY)
    if not text.strip():
        raise IngestError(path, "empty file")
    return text


# --- cleaning -----------------------------------------------------------------------------------

_FTFY = ftfy.TextFixerConfig(unescape_html=False, uncurl_quotes=False, explain=False)
_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def _normalise_chars(text: str) -> str:
    """One kind of line break; no control, zero-width, bidi or lone-surrogate characters."""
    return _INVISIBLE.sub("", _BREAKS.sub("\n", text))


def _repair(text: str) -> str:
    """Mojibake (ftfy, quotes kept curly) and stray characters, e.g. "â€™" -> "’"."""
    return _normalise_chars(ftfy.fix_text(_BREAKS.sub("\n", text), _FTFY))


def prepare_lines(raw: str) -> list[str]:
    """Repaired, whitespace-normalised lines ("" for blank), before anything is removed."""
    lines = (" ".join(line.split()) for line in _repair(raw).split("\n"))
    return [bp.repair_lost_quotes(line) for line in lines]


def _blocks(lines: Sequence[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _drop_furniture(groups: list[list[str]]) -> list[list[str]]:
    """Boilerplate and teasers again, now that wrapped lines are whole paragraphs."""
    flat = bp.drop_teasers([unit for units in groups for unit in units])
    position = iter(flat)
    kept = [[unit for unit in (next(position) for _ in units) if unit] for units in groups]
    return [[unit for unit in units if not bp.is_boilerplate(unit)] for units in kept]


_MAX_PASSES = 4


def clean_text(raw: str) -> str:
    """The cleaned text that spans point into: pure, deterministic and idempotent.

    Repairs encoding and lost quotes, drops whole-line boilerplate and teasers, unwraps
    hard-wrapped paragraphs and separates paragraphs by exactly one blank line. One pass can
    expose more work (unwrapping joins lines that ftfy judged apart; removing an invisible
    character completes a mojibake sequence), so passes repeat until the text stops changing;
    for real articles the second pass only confirms.
    """
    return _settle(_clean_lines(prepare_lines(raw)))


def _settle(text: str) -> str:
    for _ in range(_MAX_PASSES - 1):
        again = _clean_lines(prepare_lines(text))
        if again == text:
            break
        text = again
    return text


def _clean_lines(prepared: Sequence[str]) -> str:
    lines = ["" if bp.is_boilerplate(line) else line for line in prepared]
    blocks = _blocks(bp.drop_teasers(lines))
    if bp.is_hard_wrapped(blocks):
        width = bp.wrap_width(blocks)
        groups = [bp.unwrap_block(block, width) for block in blocks]
    else:
        groups = [bp.join_continuations(block) for block in blocks]
    return bp.join_units(_drop_furniture(groups))


# --- metadata ---------------------------------------------------------------------------------

_TOP_LINES = 8
_MAX_TITLE = 150


def headline(cleaned: str) -> str | None:
    """The first paragraph when it reads as a headline: short, and no full stop unless in caps."""
    first = cleaned.split("\n\n", 1)[0]
    if not first or "\n" in first or len(first) > _MAX_TITLE or bp.is_bullet(first):
        return None
    if first.endswith(":") or (first.endswith(".") and not first.isupper()):
        return None
    if bp.byline(first) or bp.dateline_date(first):
        return None
    return first


def _publisher(lines: Sequence[str]) -> str | None:
    """A newspaper byline beats a "More from" footer, which beats a copyright holder."""
    top = [line for line in lines if line][:_TOP_LINES]
    for line in top:
        found = bp.byline(line)
        if found:
            return found[0]
    for finder in (bp.more_from_publisher, bp.copyright_holder):
        for line in lines:
            name = finder(line) if line else None
            if name:
                return name
    return None


def _published(lines: Sequence[str]) -> str | None:
    """Only a dateline (or dated byline) near the top counts; dates in the story never do."""
    top = [line for line in lines if line and not bp.is_boilerplate(line)][:_TOP_LINES]
    for line in top:
        found = bp.byline(line)
        if found and found[1]:
            return found[1]
        when = bp.dateline_date(line)
        if when:
            return when
    return None


def _metadata(lines: Sequence[str], cleaned: str) -> Metadata:
    return Metadata(
        title=headline(cleaned), publisher=_publisher(lines), published=_published(lines)
    )


def extract_metadata(raw: str, cleaned: str | None = None) -> Metadata:
    """Title from the cleaned text; publisher and date from the raw text's furniture."""
    lines = prepare_lines(raw)
    return _metadata(lines, _settle(_clean_lines(lines)) if cleaned is None else cleaned)


# --- formats ----------------------------------------------------------------------------------

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def _unescape_entities(text: str) -> str:
    """HTML entities that leak into scraped text (&amp; &#8217;); bare ampersands untouched."""
    return _ENTITY.sub(lambda match: html.unescape(match.group(0)), text)


def _from_text(raw: str, known: Metadata = Metadata()) -> tuple[str, Metadata]:
    """Clean, then fill what `known` lacks from the text; the repaired lines serve both."""
    lines = prepare_lines(raw)
    text = _settle(_clean_lines(lines))
    return text, known.or_else(_metadata(lines, text))


def _read_txt(data: bytes, path: Path) -> tuple[str, Metadata]:
    raw = decode_bytes(data, path)
    if _HTML_START.match(raw[:1024]):
        return _read_html_text(raw)
    return _from_text(_unescape_entities(raw))


def _read_md(data: bytes, path: Path) -> tuple[str, Metadata]:
    return _from_text(_unescape_entities(bp.strip_markdown(decode_bytes(data, path))))


def _read_html(data: bytes, path: Path) -> tuple[str, Metadata]:
    declared = _CHARSET.search(data[:4096])
    charset = declared.group(1).decode("ascii", "replace") if declared else None
    return _read_html_text(decode_bytes(data, path, charset))


def _read_html_text(raw: str) -> tuple[str, Metadata]:
    """Metadata from <head>, then the story; the headline leads the text as in a .txt input."""
    tree = LexborHTMLParser(raw)
    known = _html_metadata(tree)
    body, has_heading = _html_body_text(tree)
    title = known.title
    leads = title is not None and _squash(body.split("\n", 1)[0]) == _squash(title)
    if title and not has_heading and not leads and title != known.publisher:
        body = f"{title}\n\n{body}"
    return _from_text(body, known)


def _read_pdf(data: bytes, path: Path) -> tuple[str, Metadata]:
    """Best effort: pypdf's text layer, pages joined; scanned PDFs have none and are refused."""
    from pypdf import PdfReader

    if b"%PDF-" not in data[:1024]:
        raise IngestError(path, "not a PDF file (no %PDF- header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except Exception as exc:  # noqa: BLE001 -- pypdf raises many types; all mean "unreadable"
        reason = f"could not read the PDF ({type(exc).__name__}: {exc})"
        raise IngestError(path, reason[:300]) from None
    raw = "\n".join(pages)
    if not raw.strip():
        raise IngestError(path, "the PDF has no text layer (scanned?)")
    text, meta = _from_text(raw)
    return text, meta.or_else(Metadata(title=title.strip() if title and title.strip() else None))


# --- HTML -------------------------------------------------------------------------------------

_DROP_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "embed",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "textarea",
    "dialog",
    "input",
    "head",
]
_DROP_SELECTOR = (
    "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], "
    "[role=dialog], [role=alertdialog], [aria-hidden=true], [hidden]"
)
#: class/id words of page furniture; matched as whole words of the attribute value.
_JUNK_WORDS = frozenset(
    [
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "share",
        "sharing",
        "sharebar",
        "sharetools",
        "social-share",
        "newsletter",
        "comments",
        "comment",
        "related",
        "promo",
        "advert",
        "advertisement",
        "ads",
        "subscribe",
        "breadcrumb",
        "breadcrumbs",
        "popup",
        "modal",
        "sidebar",
        "paywall",
        "outbrain",
        "taboola",
    ]
)
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_KEEP_TAGS = frozenset({"html", "body", "main", "article"})
_WORD_SPLIT = re.compile(r"[\s_-]+")
_SPACE_RUN = re.compile(r"\s+")
_META_TITLE = ('meta[property="og:title"]', 'meta[name="twitter:title"]')
_META_PUBLISHER = ('meta[property="og:site_name"]', 'meta[name="publisher"]')
_META_DATE = (
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publish-date"]',
    'meta[name="publication_date"]',
    'meta[name="date"]',
    'meta[name="DC.date.issued"]',
    'meta[name="dc.date"]',
    'meta[name="sailthru.date"]',
)


#: <time> elements that say they carry the publication date (not any date on the page).
_TIME_PUBLISHED = (
    'time[itemprop="datePublished"]',
    "time[pubdate]",
    "article header time[datetime]",
)


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _first_attr(tree: LexborHTMLParser, selectors: Sequence[str], attr: str) -> str | None:
    for selector in selectors:
        node = tree.css_first(selector)
        value = node.attributes.get(attr) if node is not None else None
        if value and value.strip():
            return " ".join(value.split())
    return None


def _jsonld(tree: LexborHTMLParser) -> list[dict[str, object]]:
    """Objects from JSON-LD blocks (including @graph members): publisher and date live there."""
    found: list[dict[str, object]] = []
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text())
        except ValueError:
            continue
        stack: list[object] = [data]
        while stack and len(found) < 50:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
    return found


def _jsonld_field(objects: Sequence[dict[str, object]], key: str) -> str | None:
    for obj in objects:
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _text_of(node: LexborNode | None) -> str | None:
    text = " ".join(node.text().split()) if node is not None else ""
    return text or None


def _without_site(title: str, site: str | None) -> str:
    """ "Headline | Community Care" -> "Headline": the site name is the publisher, not title."""
    if site and title.endswith(site) and title != site:
        return title[: -len(site)].rstrip(" |–-:")
    return title


def _html_title(tree: LexborHTMLParser, site: str | None) -> str | None:
    """og:title, else the first h1, else the first part of <title>; never the site name."""
    title = _first_attr(tree, _META_TITLE, "content") or _text_of(tree.css_first("h1"))
    if title is None:
        page = _text_of(tree.css_first("title"))
        title = _without_site(page, site).split(" | ")[0] if page else None
    return _without_site(title, site) if title else None


def _html_metadata(tree: LexborHTMLParser) -> Metadata:
    """Read before the <head> and scripts are dropped: the metadata lives there."""
    objects = _jsonld(tree)
    site = _first_attr(tree, _META_PUBLISHER, "content") or _jsonld_field(objects, "publisher")
    written = _first_attr(tree, _META_DATE, "content") or _jsonld_field(objects, "datePublished")
    for selector in _TIME_PUBLISHED:
        node = tree.css_first(selector) if written is None else None
        written = written or (node.attributes.get("datetime") if node is not None else None)
    published = bp.parse_date(written) if written else None
    return Metadata(title=_html_title(tree, site), publisher=site, published=published)


def _is_junk(node: LexborNode) -> bool:
    if node.tag in _KEEP_TAGS:
        return False
    value = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}".lower()
    words = set(_WORD_SPLIT.split(value)) | set(value.split())
    return not words.isdisjoint(_JUNK_WORDS)


def _remove_all(nodes: Sequence[LexborNode]) -> None:
    """Decompose outermost matches only: a child of a removed node must not be touched."""
    doomed = {node.mem_id for node in nodes}
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in doomed:
            parent = parent.parent
        if parent is None:
            node.decompose()


def _article_root(tree: LexborHTMLParser) -> LexborNode | None:
    """The element holding the story: articleBody, <article>, <main>, else the whole body."""
    for selector in ('[itemprop="articleBody"]', "article", "main", '[role="main"]'):
        nodes = tree.css(selector)
        if nodes:
            return max(nodes, key=lambda node: len(node.text(separator=" ")))
    return tree.body


def _outside(node: LexborNode, tags: frozenset[str]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return False
        parent = parent.parent
    return True


def _html_body_text(tree: LexborHTMLParser) -> tuple[str, bool]:
    """The story as paragraph-per-block text without furniture or scripts; has it an <h1>?"""
    tree.strip_tags(_DROP_TAGS, recursive=True)
    _remove_all(tree.css(_DROP_SELECTOR))
    headers = [
        node for node in tree.css("header") if _outside(node, frozenset({"article", "main"}))
    ]
    _remove_all(headers)
    root = _article_root(tree)
    if root is None:
        return "", False
    whole = len(root.text(separator=" "))
    junk = [node for node in root.css("*") if _is_junk(node)]
    # a wrapper that holds most of the story is mislabelled, not furniture ("comment" pieces)
    _remove_all([node for node in junk if len(node.text(separator=" ")) <= 0.5 * whole])
    return _render_blocks(root), root.css_first("h1") is not None


class _Blocks:
    """Accumulates inline text and emits one paragraph per block element, "- " for <li>."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.buffer: list[str] = []
        self.bullet = False

    def flush(self) -> None:
        lines = (" ".join(line.split()) for line in "".join(self.buffer).split("\n"))
        text = "\n".join(line for line in lines if line)
        self.buffer.clear()
        if text:
            self.paragraphs.append(f"- {text}" if self.bullet else text)
            self.bullet = False

    def text(self) -> str:
        self.flush()
        out: list[str] = []
        previous = ""
        for paragraph in self.paragraphs:
            if out:
                both = previous.startswith("- ") and paragraph.startswith("- ")
                out.append("\n" if both else "\n\n")
            out.append(paragraph)
            previous = paragraph
        return "".join(out)


def _render_blocks(root: LexborNode) -> str:
    """Walk the tree iteratively (deep markup must not hit the recursion limit)."""
    blocks = _Blocks()
    pre_depth = 0
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving:
            pre_depth -= tag == "pre"
            blocks.flush()
            continue
        if node.is_text_node:
            text = node.text(deep=False)
            blocks.buffer.append(text if pre_depth else _SPACE_RUN.sub(" ", text))
        elif tag == "br":
            blocks.buffer.append("\n")
        elif node.is_element_node:
            if tag in _BLOCK_TAGS:
                blocks.flush()
                blocks.bullet = blocks.bullet or tag == "li"
                pre_depth += tag == "pre"
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(_children(node)))
    return blocks.text()


def _children(node: LexborNode) -> list[LexborNode]:
    children: list[LexborNode] = []
    child = node.child
    while child is not None:
        children.append(child)
        child = child.next
    return children


_READERS: dict[str, Callable[[bytes, Path], tuple[str, Metadata]]] = {
    ".txt": _read_txt,
    ".md": _read_md,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
}


def load_article(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read, decode and clean one input; every failure is an IngestError naming the file."""
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError(path, _unsupported(path))
    text, meta = reader(read_bytes(path, max_bytes), path)
    if not text:
        raise IngestError(path, "no article text left after removing boilerplate")
    return Article(
        id=path.stem,
        path=str(path),
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=meta.title,
        publisher=meta.publisher,
        published=meta.published,
    )
