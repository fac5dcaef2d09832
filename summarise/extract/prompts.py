"""The versioned message templates in prompts/, and the prompt_version that names them.

Where they are read from: the repository's top-level `prompts/` when the package runs from a
checkout (editable install), else the copy packaged as `summarise/prompts/` (importlib.resources,
for a wheel). tests/test_llm_prompts.py fails when the two copies differ.

How the article gets in: user.md holds `{{ article }}` and nothing else of Jinja; instructor
renders messages with `context={"article": text}`, and Jinja inserts a variable's value without
reading it as a template, so `{{ }}` or `{% %}` in an article arrive unchanged. The templates are
never passed through str.format or any other engine here.

prompt_version: "p-" + 12 hex of sha256 over system.md, user.md and the JSON schema of the
response model (the schema is sent with every request, so it is part of the prompt).

`read_templates` and `templates_version` take the template names, so summarise/narrative.py loads
and names its own narrative_*.md templates (prompt_version "n-...") through them too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from summarise.extract.response_model import ArticleExtraction

TEMPLATES = ("system.md", "user.md")
REPO_PROMPTS = Path(__file__).resolve().parents[2] / "prompts"


@dataclass(frozen=True)
class Prompts:
    """A system and a user template (stripped), their prompt_version and where they were read."""

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


def version_of(texts: Mapping[str, str]) -> str:
    return templates_version("p-", TEMPLATES, texts, ArticleExtraction)


@lru_cache(maxsize=1)
def load_prompts() -> Prompts:
    texts, source = read_templates(TEMPLATES)
    if "{{ article }}" not in texts["user.md"]:
        raise ValueError(f"{source}/user.md must contain '{{{{ article }}}}'")
    return Prompts(
        system=texts["system.md"].strip(),
        user=texts["user.md"].strip(),
        version=version_of(texts),
        source=source,
    )
