from __future__ import annotations

from pathlib import Path

from summarise.extract.llm.prompts import TEMPLATES, load_prompts, version_of

ROOT = Path(__file__).resolve().parents[1]


def test_prompt_version_is_a_hash_of_the_templates() -> None:
    p = load_prompts()
    texts = {n: (ROOT / "prompts" / n).read_text(encoding="utf-8") for n in TEMPLATES}
    assert p.version == version_of(texts) and p.version.startswith("p-")
    changed = dict(texts, **{"system.md": texts["system.md"] + "\nOne more rule."})
    assert version_of(changed) != p.version


def test_only_the_user_template_holds_jinja_and_only_the_article() -> None:
    p = load_prompts()
    assert "{{" not in p.system and "{%" not in p.system
    assert p.user.count("{{") == 1 and "{{ article }}" in p.user and "{%" not in p.user


def test_messages_are_a_fresh_list_each_call() -> None:
    p = load_prompts()
    first = p.messages()
    first.append({"role": "user", "content": "mutated by a re-ask"})
    assert len(p.messages()) == 2
