"""Prompt overhead and requests per article of the LLM path, on the five examples.

Replays the curated TOOLS-mode cassettes (cassettes/curated/tools_*.yaml) through the real
LLMExtractor with the cache off, captures every request actually sent, and prints per article:

- article tokens: the cleaned text, estimated at 4 characters a token;
- prompt tokens: the request's messages plus its tools schema, same estimate (no tokenizer: this
  is a tokenizer-free estimate, stated as such; the curated cassettes' `usage` uses the same rule);
- overhead: prompt tokens / article tokens (aim <= 1.5x);
- requests: HTTP requests made for the article on a clean run (aim 1.0).

    .venv/bin/python benchmarks/llm_overhead.py
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import httpx2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from cassette_binding import summarise_vcr

from summarise.extract.llm.extractor import LLMExtractor
from summarise.extract.llm.prompts import load_prompts
from summarise.extract.llm.response_model import ArticleExtraction
from summarise.ingest.reader import load_article
from summarise.llm.config import Settings


def est(text: str) -> int:
    return math.ceil(len(text) / 4)


def prompt_text(body: dict[str, Any]) -> str:
    parts = [str(m.get("content") or "") for m in body["messages"]]
    if "tools" in body:
        parts.append(json.dumps(body["tools"], ensure_ascii=False, separators=(",", ":")))
    return "\n".join(parts)


def main() -> None:
    settings = Settings(
        backend="llm",
        model="gpt-4o-mini",
        base_url="http://curated.invalid/v1",
        api_key="sk-dummy",
        use_cache=False,  # type: ignore[arg-type]
    )
    print("tokens are a tokenizer-free estimate: ceil(characters / 4)")
    print(f"{'article':24} {'article tok':>11} {'prompt tok':>10} {'overhead':>8} {'requests':>8}")
    totals = [0, 0, 0]
    paths = sorted((ROOT / "examples" / "articles").glob("*.txt"))
    for path in paths:
        sent: list[dict[str, Any]] = []

        def capture(request: httpx2.Request, sent: list[dict[str, Any]] = sent) -> None:
            sent.append(json.loads(request.content))

        client = httpx2.Client(event_hooks={"request": [capture]})
        extractor = LLMExtractor(settings, http_client=client, sleep=lambda s: None)
        article = load_article(path)
        recorder = summarise_vcr("none")
        cassette = ROOT / "cassettes" / "curated" / f"tools_{path.stem[:3]}.yaml"
        with recorder.use_cassette(str(cassette)):
            result = extractor.extract(article)
        assert result.outcome.value == "ok", result.reason
        a_tok = est(article.text)
        p_tok = sum(est(prompt_text(b)) for b in sent)
        totals[0] += a_tok
        totals[1] += p_tok
        totals[2] += len(sent)
        print(f"{path.stem:24} {a_tok:>11} {p_tok:>10} {p_tok / a_tok:>7.2f}x {len(sent):>8}")
    n = len(paths)
    print(
        f"{'all (sum)':24} {totals[0]:>11} {totals[1]:>10} {totals[1] / totals[0]:>7.2f}x "
        f"{totals[2] / n:>8.2f}"
    )
    print(
        f"fixed part of every request (system prompt, user template, tools schema): "
        f"~{est(fixed_prompt_text())} tokens"
    )


def fixed_prompt_text() -> str:
    p = load_prompts()
    schema = json.dumps(ArticleExtraction.model_json_schema(), separators=(",", ":"))
    return p.system + p.user.replace("{{ article }}", "") + schema


if __name__ == "__main__":
    main()
