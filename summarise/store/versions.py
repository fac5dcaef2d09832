"""Which extractor made a summary: (backend, model or rules version, prompt version, schema).

The offline rules version is a hash of the code and data that cleaning and extraction run, so it
changes whenever their output can, and older offline summaries are re-made on the next ingest.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from summarise.models import SCHEMA_VERSION

PACKAGE = Path(__file__).resolve().parent.parent
# Parts of the package whose code cannot change a summary or a cleaned text.
NOT_RULES = (
    "store", "render", "brief", "cli", "publish", "library", "decisions", "validate",
    "evaluate", "gold_score", "outputs", "web",
)  # fmt: skip


@cache
def rules_version() -> str:
    """sha256 (16 hex) over the package's cleaning and extraction code and its data files."""
    digest = hashlib.sha256()
    files = sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".json", ".toml", ".txt"))
    for path in files:
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.split("/")[0].removesuffix(".py").startswith(NOT_RULES):
            continue
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return "rules-" + digest.hexdigest()[:16]


@dataclass(frozen=True)
class Version:
    backend: str
    model_version: str
    prompt_version: str = ""
    schema_version: str = SCHEMA_VERSION


def version_of(backend: str, model: str | None, prompt_version: str | None) -> Version:
    """The version an extractor stamps on what it makes."""
    if backend == "offline":
        return Version("offline", rules_version())
    return Version(backend, model or "", prompt_version or "")
