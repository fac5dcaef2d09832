"""Write the CURATED narrative cassettes in cassettes/narrative/ from answers.yaml beside this file.

Curated: every answer is hand-written (standing in for a capable model), not a model's output.
This script builds the briefings from examples/articles/ with the offline extractor and the
consolidator, runs the real `NarrativeWriter` against an httpx2.MockTransport serving the
scripted answers, and lets vcrpy record. So the cassettes hold the exact requests the writer
sends and vcrpy's exact format. The wire format of the answers (and the header
`x-summarise-curated: hand-written`, ids `chatcmpl-curated-N`, `system_fingerprint: fp_curated`,
estimated usage) comes from cassettes/tools/make_curated.py, shared so both kinds look the same.

    python cassettes/narrative/make_narrative.py                 # all, from the repository root
    python cassettes/narrative/make_narrative.py tools_gloucestershire   # one
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "cassettes" / "tools"))

from make_curated import curated_settings, mock_client, recorder

from summarise.brief.consolidate import Stored, build_briefings
from summarise.brief.narrative import NarrativeWriter
from summarise.extract.offline import summarise_article
from summarise.gazetteer.lookup import slugify
from summarise.ingest.reader import load_article
from summarise.models import CouncilBriefing

OUT = Path(__file__).resolve().parent
ANSWERS: dict[str, Any] = yaml.safe_load((OUT / "answers.yaml").read_text(encoding="utf-8"))
GENERATED_AT = "2026-01-01T00:00:00+00:00"

Step = dict[str, Any]

RATE_LIMIT_BODY = {
    "error": {
        "message": "Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, "
        "Requested 1. Please try again in 3s.",
        "type": "requests",
        "param": None,
        "code": "rate_limit_exceeded",
    }
}

SCENARIOS: dict[str, tuple[str, str, list[Step]]] = {
    # name: (briefing key of `briefing_for`, mode, scripted responses in order)
    "tools_gloucestershire": ("gloucestershire", "tools", [{"answer": ANSWERS["gloucestershire"]}]),
    "tools_gloucestershire_jinja_point": (
        "gloucestershire:jinja-s1",
        "tools",
        [{"answer": ANSWERS["gloucestershire"]}],
    ),
    "tools_gloucestershire_alone": (
        "gloucestershire:003-alone",
        "tools",
        [{"answer": ANSWERS["gloucestershire"]}],
    ),
    "json_north_east_lincolnshire": (
        "north-east-lincolnshire",
        "json",
        [
            {"answer": ANSWERS["north_east_lincolnshire"]},
        ],
    ),
    "reask_bad_citation_tools": (
        "essex",
        "tools",
        [
            {"answer": ANSWERS["essex_bad_citation"]},
            {"answer": ANSWERS["essex"]},
        ],
    ),
    "reask_bad_citation_json": (
        "essex",
        "json",
        [
            {"answer": ANSWERS["essex_bad_citation"]},
            {"answer": ANSWERS["essex"]},
        ],
    ),
    "reasks_exhausted_failed": (
        "essex",
        "tools",
        [
            {"answer": ANSWERS["essex_wrong_1"]},
            {"answer": ANSWERS["essex_wrong_2"]},
            {"answer": ANSWERS["essex_wrong_3"]},
        ],
    ),
    "rate_limit_429": (
        "leicestershire",
        "tools",
        [
            {"status": 429, "headers": {"retry-after": "3"}, "body": RATE_LIMIT_BODY},
            {"answer": ANSWERS["leicestershire"]},
        ],
    ),
    "truncated_length": (
        "leicestershire",
        "tools",
        [
            {"answer": ANSWERS["leicestershire"], "finish": "length", "cut": 200},
        ],
    ),
}


def example_briefings() -> dict[str, CouncilBriefing]:
    """The briefings the tests build: offline summaries of examples/articles, consolidated."""
    stored = []
    for path in sorted((ROOT / "examples" / "articles").glob("*.txt")):
        article = load_article(path)
        stored.append(Stored(article.id, summarise_article(article)))
    return {slugify(b.council.name): b for b in build_briefings(stored, GENERATED_AT)}


def briefing_for(key: str, briefings: dict[str, CouncilBriefing]) -> CouncilBriefing:
    """`slug`: as the tests build it from every example; `slug:variant`: the variants tests use.

    `gloucestershire:jinja-s1` has point s1 replaced by `jinja_point_text` of answers.yaml;
    `gloucestershire:003-alone` is what `summarise brief 003_….txt` builds from that one article.
    """
    if key == "gloucestershire:jinja-s1":
        b = briefings["gloucestershire"]
        s1 = b.strengths[0].model_copy(update={"text": ANSWERS["jinja_point_text"]})
        return b.model_copy(update={"strengths": [s1, *b.strengths[1:]]})
    if key == "gloucestershire:003-alone":
        article = load_article(ROOT / "examples" / "articles" / "003_9256bb802a870bff.txt")
        (only,) = build_briefings([Stored(article.id, summarise_article(article))], GENERATED_AT)
        return only
    return briefings[key]


def record(name: str, briefing: CouncilBriefing, mode: str, steps: list[Step]) -> None:
    path = OUT / f"{name}.yaml"
    path.unlink(missing_ok=True)
    writer = NarrativeWriter(
        curated_settings(mode), http_client=mock_client(steps), sleep=lambda s: None
    )
    with recorder().use_cassette(str(path)):
        result = writer.write(briefing)
    print(f"{name}: {result.outcome.value} attempts={result.attempts} reason={result.reason}")


def main(names: list[str] | None = None) -> None:
    briefings = example_briefings()
    only = set(sys.argv[1:] if names is None else names)
    unknown = only - set(SCENARIOS)
    if unknown:
        sys.exit(f"no narrative scenario named {sorted(unknown)}; known: {sorted(SCENARIOS)}")
    for name, (slug, mode, steps) in SCENARIOS.items():
        if not only or name in only:
            record(name, briefing_for(slug, briefings), mode, steps)


if __name__ == "__main__":
    main()
