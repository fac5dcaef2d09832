"""Write the CURATED cassettes in cassettes/curated/ from the hand-written answers.yaml.

Curated cassettes are not recordings of a model: their answers are written by hand (standing in
for a capable model) and wrapped here in OpenAI chat.completions wire format. To get vcrpy's exact
cassette format and the exact requests the extractor sends, this script runs the real
LLMExtractor against an httpx2.MockTransport that serves the scripted responses, with vcrpy
recording. Each response carries the header `x-summarise-curated: hand-written`.

Usage numbers in curated responses are a tokenizer-free estimate (4 characters a token) of the
request actually sent (messages + tools) and of the answer; they are not a real tokenizer's counts.

    .venv/bin/python cassettes/tools/make_curated.py                 # every curated cassette
    .venv/bin/python cassettes/tools/make_curated.py tools_000       # one of cassettes/curated/
    .venv/bin/python cassettes/tools/make_curated.py narrative/truncated_length   # one narrative
    .venv/bin/python cassettes/tools/make_curated.py batch/mixed     # one of cassettes/batch/

With no names it also runs cassettes/narrative/make_narrative.py, so one command brings every
curated cassette in line with the prompt and response model the code has now.
"""

from __future__ import annotations

import copy
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2
import vcr
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from cassette_binding import summarise_vcr

from summarise.extract.llm.extractor import LLMExtractor
from summarise.ingest.reader import load_article
from summarise.llm.config import Settings

OUT = ROOT / "cassettes" / "curated"
ANSWERS = yaml.safe_load((Path(__file__).parent / "answers.yaml").read_text(encoding="utf-8"))
BASE_URL = "http://curated.invalid/v1"
MODEL = "gpt-4o-mini"
SERVED_MODEL = "gpt-4o-mini-2024-07-18"
CREATED = 1735689600  # 2025-01-01, fixed so regeneration is byte-stable

FABRICATED_QUOTE = "Essex is now among the best social services departments in the country."
FABRICATED_FIGURE = "45 per cent"

Step = dict[str, Any]


def tokens(text: str) -> int:
    return math.ceil(len(text) / 4)


def with_fabrications(aid: str, quotes: int = 0, figures: int = 0) -> dict[str, Any]:
    answer = copy.deepcopy(ANSWERS[aid])
    for i in range(quotes):
        answer["quotes"].insert(
            0,
            {
                "speaker": "John Bolton",
                "role": "director of joint reviews",
                "organisation": None,
                "text": FABRICATED_QUOTE if i == 0 else "Staff morale has never been higher.",
            },
        )
    for _ in range(figures):
        answer["figures"].append({"text": FABRICATED_FIGURE, "meaning": "invented vacancy rate"})
    return answer


def completion(request_body: dict[str, Any], n: int, arguments: str, finish: str) -> dict[str, Any]:
    prompt = json.dumps(request_body.get("messages", []), ensure_ascii=False) + json.dumps(
        request_body.get("tools", []), ensure_ascii=False
    )
    message: dict[str, Any] = {"role": "assistant", "content": None, "refusal": None}
    if "tools" in request_body:
        message["tool_calls"] = [
            {
                "id": f"call_curated_{n}",
                "type": "function",
                "function": {
                    "name": request_body["tools"][0]["function"]["name"],
                    "arguments": arguments,
                },
            }
        ]
    else:
        message["content"] = arguments
    usage = {"prompt_tokens": tokens(prompt), "completion_tokens": tokens(arguments)}
    usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    return {
        "id": f"chatcmpl-curated-{n}",
        "object": "chat.completion",
        "created": CREATED,
        "model": SERVED_MODEL,
        "system_fingerprint": "fp_curated",
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
        "usage": usage,
    }


def handler_for(steps: list[Step]) -> Callable[[httpx2.Request], httpx2.Response]:
    queue = list(steps)
    headers = {"content-type": "application/json", "x-summarise-curated": "hand-written"}

    def handle(request: httpx2.Request) -> httpx2.Response:
        step = queue.pop(0)
        n = len(steps) - len(queue)
        body = json.loads(request.content)
        if "status" in step:
            return httpx2.Response(
                step["status"], headers={**headers, **step.get("headers", {})}, json=step["body"]
            )
        if "raw" in step:
            arguments = step["raw"]
        else:
            arguments = json.dumps(step["answer"], ensure_ascii=False)
        finish = step.get("finish", "stop")
        if finish == "length":
            arguments = arguments[: step.get("cut", len(arguments) // 2)]
        return httpx2.Response(200, headers=headers, json=completion(body, n, arguments, finish))

    return handle


def with_judgement(aid: str, index: int, **changes: Any) -> dict[str, Any]:
    """The good answer with one judgement changed, to break one judgement rule."""
    answer = copy.deepcopy(ANSWERS[aid])
    answer["judgements"][index].update(changes)
    return answer


EXAMPLE_IDS = [aid for aid in ANSWERS if aid[:3].isdigit()]
GENRE = ROOT / "tests" / "fixtures" / "genre"
NEL, GLOS = "001_244405360186b16d", "003_9256bb802a870bff"

SCENARIOS: dict[str, tuple[str, str, list[Step]]] = {
    # name: (article id, mode, scripted responses in order)
    **{f"tools_{aid[:3]}": (aid, "tools", [{"answer": ANSWERS[aid]}]) for aid in EXAMPLE_IDS},
    "json_002": ("002_54ee74d76629738e", "json", [{"answer": ANSWERS["002_54ee74d76629738e"]}]),
    "json_004": ("004_2a15993ef3ba4a26", "json", [{"answer": ANSWERS["004_2a15993ef3ba4a26"]}]),
    "reask_fabricated_quote_tools": (
        "000_d3f0b9fec1a3d49c",
        "tools",
        [
            {"answer": with_fabrications("000_d3f0b9fec1a3d49c", quotes=1)},
            {"answer": ANSWERS["000_d3f0b9fec1a3d49c"]},
        ],
    ),
    "reask_fabricated_quote_json": (
        "000_d3f0b9fec1a3d49c",
        "json",
        [
            {"answer": with_fabrications("000_d3f0b9fec1a3d49c", quotes=1)},
            {"answer": ANSWERS["000_d3f0b9fec1a3d49c"]},
        ],
    ),
    "rate_limit_429": (
        "004_2a15993ef3ba4a26",
        "tools",
        [
            {
                "status": 429,
                "headers": {"retry-after": "7"},
                "body": {
                    "error": {
                        "message": "Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, "
                        "Used 3, Requested 1. Please try again in 7s.",
                        "type": "requests",
                        "param": None,
                        "code": "rate_limit_exceeded",
                    }
                },
            },
            {"answer": ANSWERS["004_2a15993ef3ba4a26"]},
        ],
    ),
    "truncated_length": (
        "001_244405360186b16d",
        "tools",
        [
            {"answer": ANSWERS["001_244405360186b16d"], "finish": "length", "cut": 1800},
        ],
    ),
    "malformed_json": (
        "002_54ee74d76629738e",
        "tools",
        [
            {
                "raw": '{"scope": "council", "councils": [{"name": "Leicestershire", "mentioned_as": '
                '"Leicestershire social services"}], "review_type": "joint_review", '
                '"summary": "Leicestershire serves most people well.", "strengths": [{"text": '
            },
            {"answer": ANSWERS["002_54ee74d76629738e"]},
        ],
    ),
    # One re-ask per judgement rule: the neighbour's council, a value the evidence does not
    # state, a date the evidence does not give, and no council where the answer has several.
    "reask_judgement_council_tools": (
        NEL,
        "tools",
        [{"answer": with_judgement(NEL, 0, council="Lincolnshire")}, {"answer": ANSWERS[NEL]}],
    ),
    "reask_judgement_value_tools": (
        NEL,
        "tools",
        [{"answer": with_judgement(NEL, 1, value="promising")}, {"answer": ANSWERS[NEL]}],
    ),
    "reask_judgement_date_tools": (
        GLOS,
        "tools",
        [{"answer": with_judgement(GLOS, 0, date="2016")}, {"answer": ANSWERS[GLOS]}],
    ),
    "reask_judgement_no_council_tools": (
        "star_roundup",
        "tools",
        [
            {"answer": with_judgement("star_roundup", 0, council=None)},
            {"answer": ANSWERS["star_roundup"]},
        ],
    ),
    "reask_judgement_national_tools": (
        "national_stars",
        "tools",
        [
            {
                "answer": with_judgement(
                    "national_stars",
                    0,
                    council=None,
                    evidence="Forty councils now have three stars for their social services",
                )
            },
            {"answer": ANSWERS["national_stars"]},
        ],
    ),
    "reasks_exhausted_flagged": (
        "000_d3f0b9fec1a3d49c",
        "tools",
        [
            {"answer": with_fabrications("000_d3f0b9fec1a3d49c", quotes=2, figures=1)},
            {"answer": with_fabrications("000_d3f0b9fec1a3d49c", quotes=1)},
            {"answer": with_fabrications("000_d3f0b9fec1a3d49c", quotes=1, figures=1)},
        ],
    ),
}


def curated_settings(mode: str) -> Settings:
    """The settings every curated cassette is made with (no real key; two re-asks)."""
    return Settings(
        backend="llm",
        model=MODEL,
        base_url=BASE_URL,
        api_key="sk-curated-not-a-key",  # type: ignore[arg-type]
        mode=mode,
        use_cache=False,
        max_reasks=2,  # type: ignore[arg-type]
    )


def recorder() -> vcr.VCR:
    """vcrpy as the tests replay it: secrets filtered, matched on both headers and the body."""
    rec: vcr.VCR = summarise_vcr("all")
    return rec


def mock_client(steps: list[Step]) -> httpx2.Client:
    return httpx2.Client(transport=httpx2.MockTransport(handler_for(steps)))


def record(name: str, aid: str, mode: str, steps: list[Step]) -> None:
    path = OUT / f"{name}.yaml"
    path.unlink(missing_ok=True)
    extractor = LLMExtractor(
        curated_settings(mode), http_client=mock_client(steps), sleep=lambda s: None
    )
    example = ROOT / "examples" / "articles" / f"{aid}.txt"
    article = load_article(example if example.exists() else GENRE / f"{aid}.txt")
    with recorder().use_cassette(str(path)):
        result = extractor.extract(article)
    print(f"{name}: {result.outcome.value} attempts={result.attempts} reason={result.reason}")


def main() -> None:
    """Every curated cassette, or those named (`x` or `curated/x` here, `narrative/x` there)."""
    OUT.mkdir(parents=True, exist_ok=True)
    names = sys.argv[1:]
    only = {n.removeprefix("curated/") for n in names if not n.startswith(("narrative/", "batch/"))}
    narrative = [n.removeprefix("narrative/") for n in names if n.startswith("narrative/")]
    batch = [n.removeprefix("batch/") for n in names if n.startswith("batch/")]
    unknown = only - set(SCENARIOS)
    if unknown:
        sys.exit(f"no curated scenario named {sorted(unknown)}; known: {sorted(SCENARIOS)}")
    if not names or only:
        for name, (aid, mode, steps) in SCENARIOS.items():
            if not names or name in only:
                record(name, aid, mode, steps)
    if not names or narrative:
        sys.path.insert(0, str(ROOT / "cassettes" / "narrative"))
        import make_narrative

        make_narrative.main(narrative)
    if not names or batch:
        import make_batch

        make_batch.main(batch)


if __name__ == "__main__":
    main()
