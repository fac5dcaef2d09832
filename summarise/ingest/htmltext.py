"""HTML -> plain text for cleaning: the story's paragraphs and what the page's <head> says.

The <head> (Open Graph, JSON-LD, <time>) is read first, because the scripts and furniture that
carry it are dropped before the story is rendered: one paragraph per block element, bullets as
"- ", scripts, navigation, sharing widgets and comment threads removed.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence

from selectolax.lexbor import LexborHTMLParser, LexborNode

from summarise.ingest.textclean import Metadata
from summarise.text.datelines import parse_date

__all__ = ["declared_charset", "html_text", "looks_like_html", "unescape_entities"]

_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """A page saved with a text extension: it starts like an HTML document."""
    return _HTML_START.match(text[:1024]) is not None


def declared_charset(data: bytes) -> str | None:
    """The charset a page's <meta> declares near its start, if any."""
    declared = _CHARSET.search(data[:4096])
    return declared.group(1).decode("ascii", "replace") if declared else None


def html_text(raw: str) -> tuple[str, Metadata]:
    """The story as text to clean, headline first as in a .txt input, and the <head>'s metadata."""
    tree = LexborHTMLParser(raw)
    known = _html_metadata(tree)
    body, has_heading = _html_body_text(tree)
    title = known.title
    leads = title is not None and _squash(body.split("\n", 1)[0]) == _squash(title)
    if title and not has_heading and not leads and title != known.publisher:
        body = f"{title}\n\n{body}"
    return body, known


#: Elements that never hold the story (strip_tags takes a list).
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
#: Elements that end the paragraph before them and start a new one.
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
    published = parse_date(written) if written else None
    return Metadata(
        title=_html_title(tree, site),
        publisher=site,
        published=published,
        date_from="page" if published else None,
    )


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


_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescape_entities(text: str) -> str:
    """HTML entities that leak into scraped text (&amp; &#8217;); bare ampersands untouched."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda match: html.unescape(match.group(0)), text)
