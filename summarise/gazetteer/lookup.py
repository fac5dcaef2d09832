"""Gazetteer of English and Welsh social services (upper-tier) authorities.

``lookup(name)`` resolves one name as given (an LLM's answer, a CLI argument); it is
case-insensitive and strips council prefixes and suffixes. ``find_mentions(text)`` finds every
mention in prose; its rules live in `summarise.gazetteer.mentions` (word lists in
`summarise.gazetteer.mention_words`). The data and the name index both use are in
`summarise.gazetteer.index`; this module holds `lookup`, `successors` and `slugify`, and
imports neither `mentions` nor anything that imports it.
"""

from __future__ import annotations

import re
import unicodedata

from summarise.gazetteer.index import (
    Authority,
    Mention,
    gazetteer_index,
    load_authorities,
    norm_key,
)

__all__ = [
    "Authority",
    "Mention",
    "all_authorities",
    "lookup",
    "slugify",
    "successors",
]

_GSS_RE = re.compile(r"[EW]\d{8}")

_LOOKUP_PREFIX_RE = re.compile(
    r"^(?:the|london borough of|royal borough of|metropolitan borough of|city and county of"
    r"|borough of|city of|county of|council of the|council of)\s+"
)
_LOOKUP_SUFFIX_RE = re.compile(
    r"\s+(?:metropolitan borough council|metropolitan district council|county borough council"
    r"|county council|city council|borough council|district council|council|corporation"
    r"|mbc|lbc|cbc|cc|bc|children's services trust|childrens services trust|children's trust"
    r"|childrens trust|children's services|childrens services|children's social care"
    r"|social services department|social services|social care|department|county|borough"
    r"|local authority|unitary authority|authority|area)$"
)
_LOOKUP_POSSESSIVE_RE = re.compile(r"'s?$")


def slugify(name: str) -> str:
    """A stable ASCII slug: "North East Lincolnshire" -> "north-east-lincolnshire"."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    s = s.replace("&", " and ").replace("'", "").lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def all_authorities() -> list[Authority]:
    """Every authority: the current ones in GSS-code order, then the former ones by name."""
    return list(load_authorities())


# --------------------------------------------------------------------------------------------
# lookup()


def lookup(name: str) -> Authority | None:
    """The authority a name refers to, or None.

    Case-insensitive. Accepts ONS names ("Bristol, City of"), aliases ("NE Lincs", "Glos"),
    former authorities ("Bedfordshire"), GSS codes ("E06000012"), and council prefixes and
    suffixes ("Essex County Council", "London Borough of Hackney", "Royal Borough of Greenwich",
    "Gloucestershire's children's services"). "London" and "Yorkshire" alone are not
    authorities. Unlike find_mentions, no cue is needed for ambiguous forms: lookup("Bath") is
    Bath and North East Somerset, lookup("Kingston") is Kingston upon Thames.
    """
    g = gazetteer_index()
    stripped = name.strip()
    if _GSS_RE.fullmatch(stripped.upper()):
        return g.by_code.get(stripped.upper())
    # Peel prefixes, suffixes and possessives one at a time, trying every order ("City of
    # London Corporation" must lose its suffix but keep its "City of").
    frontier = [norm_key(stripped)]
    seen: set[str] = set()
    while frontier:
        key = frontier.pop(0)
        if not key or key in seen:
            continue
        seen.add(key)
        hit = g.by_key.get(key)
        if hit is not None:
            return hit
        for peel in (_LOOKUP_SUFFIX_RE, _LOOKUP_PREFIX_RE, _LOOKUP_POSSESSIVE_RE):
            frontier.append(peel.sub("", key).strip())
    return None


# --------------------------------------------------------------------------------------------
# successors()


def successors(name: str) -> list[Authority]:
    """The current authorities that took over a former one's social services, as the data lists.

    "Cumbria" gives Cumberland and Westmorland and Furness (2023); a current authority gives
    nothing. A successor that has itself been abolished gives its own successors.
    """
    hit = lookup(name)
    if hit is None or not hit.former:
        return []
    out: list[Authority] = []
    for successor in hit.successors:
        found = lookup(successor)
        if found is None:
            continue
        for a in successors(found.name) if found.former else [found]:
            if a not in out:
                out.append(a)
    return out
