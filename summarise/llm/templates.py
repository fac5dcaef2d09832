"""Versioned message templates read from prompts/, and the version that names a set of them.

Where they are read from: the repository's top-level `prompts/` when the package runs from a
checkout (editable install), else the same files shipped in the wheel as `summarise/prompts/`
(pyproject maps the one folder into the package; there is no second copy in the tree).

How the article gets in: user.md holds `{{ article }}` and nothing else of Jinja; instructor
renders messages with `context={"article": text}`, and Jinja inserts a variable's value without
reading it as a template, so `{{ }}` or `{% %}` in an article arrive unchanged. The templates are
never passed through str.format or any other engine here.

A version is a prefix + 12 hex of sha256 over the templates and the JSON schema of the response
model (the schema is sent with every request, so it is part of the prompt). Extraction
("p-...") and the narrative ("n-...") each name their own templates through these functions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel

REPO_PROMPTS = Path(__file__).resolve().parents[2] / "prompts"


@dataclass(frozen=True)
class Prompts:
    """A system and a user template (stripped), their version and where they were read."""

    system: str
    user: str
    version: str
    source: str

    def messages(self) -> list[dict[str, Any]]:
        """A fresh list per call: instructor's re-ask appends to the list it is given."""
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": self.user},
        ]


def read_templates(names: Sequence[str]) -> tuple[dict[str, str], str]:
    """name -> text of the templates `names`, and the folder they were read from."""
    if all((REPO_PROMPTS / name).is_file() for name in names):
        return {n: (REPO_PROMPTS / n).read_text(encoding="utf-8") for n in names}, str(REPO_PROMPTS)
    packaged = resources.files("summarise") / "prompts"
    return {n: (packaged / n).read_text(encoding="utf-8") for n in names}, str(packaged)


def templates_version(
    prefix: str, names: Sequence[str], texts: Mapping[str, str], response_model: type[BaseModel]
) -> str:
    """`prefix` + 12 hex of sha256 over the templates `names` and the response model's schema."""
    h = hashlib.sha256()
    for name in names:
        h.update(name.encode() + b"\0" + texts[name].encode("utf-8") + b"\0")
    schema = json.dumps(response_model.model_json_schema(), sort_keys=True)
    h.update(schema.encode("utf-8"))
    return prefix + h.hexdigest()[:12]
