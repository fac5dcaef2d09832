"""The extraction prompts (prompts/system.md and user.md) and their prompt_version ("p-...")."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from summarise.extract.llm.response_model import ArticleExtraction
from summarise.llm.templates import Prompts, read_templates, templates_version

TEMPLATES = ("system.md", "user.md")


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
