"""What the gazetteer tests share: the example articles, the source wheel, and readers of
find_mentions() and the authority list.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from summarise.gazetteer.lookup import (
    Authority,
    all_authorities,
)
from summarise.gazetteer.mentions import find_mentions

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "articles"
# The source wheel is a dev dependency (pyproject's `dev` extra), so this is where pip put it.
_SPEC = importlib.util.find_spec("qlacref_authorities")
WHEEL_DIR = (
    Path(_SPEC.submodule_search_locations[0])
    if _SPEC and _SPEC.submodule_search_locations
    else Path("/nonexistent")
)


def article(prefix: str) -> str:
    (path,) = ARTICLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def names(text: str) -> list[str]:
    return [m.authority.name for m in find_mentions(text)]


def spans(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.authority.name) for m in find_mentions(text)]


def current() -> list[Authority]:
    return [a for a in all_authorities() if not a.former]


def display_name(a: Authority) -> str:
    """How prose writes an ONS inversion: "Bristol, City of" -> "Bristol"."""
    return re.sub(r", (?:City|County) of$", "", a.name)
