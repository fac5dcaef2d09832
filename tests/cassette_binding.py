"""Which prompt each cassette was made for, and what to do when that is not what the code sends.

Every request the LLM path sends carries `X-Summarise-Prompt-Version` (the templates and the
response model's schema, hashed), and vcrpy stores it with the request. A cassette whose requests
name another version, or none, was made for a request the code no longer sends: replaying it would
test a conversation nobody had. `stale_cassettes` finds them; `stale_message` says how to fix it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CASSETTES = ROOT / "cassettes"
ARTICLE_000 = ROOT / "examples" / "articles" / "000_d3f0b9fec1a3d49c.txt"
RECORDED_MODEL = "SmolLM2-135M-Instruct"
# Answer scripts that the generators read; they are not HTTP exchanges.
NOT_CASSETTES = {"tools/answers.yaml", "narrative/answers.yaml"}
CURATED_MARK = "x-summarise-curated"
PROMPT_HEADER_KEY = "x-summarise-prompt-version"

REGENERATE_CURATED = ".venv/bin/python cassettes/tools/make_curated.py"
RERECORD = (
    "start the llama.cpp server as cassettes/README.md 'Recorded, against llama.cpp' says, "
    "then: rm cassettes/recorded/llama_smollm2_*.yaml && .venv/bin/python -m pytest "
    "tests/test_llm_recorded.py --record-mode=once -p no:cacheprovider"
)


def cassette_names() -> list[str]:
    names = sorted(p.relative_to(CASSETTES).as_posix() for p in CASSETTES.rglob("*.yaml"))
    return [n for n in names if n not in NOT_CASSETTES]


def interactions(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((CASSETTES / name).read_text(encoding="utf-8"))
    return list(data["interactions"])


def header(headers: dict[str, Any], key: str) -> str | None:
    """A header's value from vcrpy's dict of lists, whatever its case."""
    for name, value in headers.items():
        if name.lower() == key:
            return str(value[0] if isinstance(value, list) else value)
    return None


def is_curated(name: str) -> bool:
    return all(
        header(i["response"].get("headers", {}), CURATED_MARK) is not None
        for i in interactions(name)
    )


def made_for(name: str) -> set[str | None]:
    """The prompt versions the cassette's requests carry (None: a request without the header)."""
    return {header(i["request"]["headers"], PROMPT_HEADER_KEY) for i in interactions(name)}


def current_versions() -> dict[str, str]:
    """Family of cassette (its folder) -> the prompt_version the code sends today."""
    from summarise.brief.narrative import load_narrative_prompts
    from summarise.extract.llm.prompts import load_prompts

    extraction = load_prompts().version
    return {
        "curated": extraction,
        "recorded": extraction,
        "narrative": load_narrative_prompts().version,
        "batch": extraction,
    }


@dataclass(frozen=True)
class Stale:
    name: str
    made_for: str
    sends: str
    curated: bool


def recorded_settings(mode: str, base_url: str) -> Any:
    """The settings tests/test_llm_recorded.py records and replays the llama.cpp cassettes with."""
    from summarise.llm.config import Settings

    return Settings(
        backend="llm",
        model=RECORDED_MODEL,
        base_url=base_url,
        mode=mode,  # type: ignore[arg-type]
        use_cache=False,
        max_reasks=1,
        max_output_tokens=200,
        max_transport_retries=0,
        timeout_s=900,
    )


def recorded_first_request_now(name: str) -> dict[str, Any]:
    """The first request the code sends today for a recorded cassette's article, mode and model."""
    import httpx2

    from summarise.extract.llm.extractor import LLMExtractor
    from summarise.ingest.reader import load_article

    recorded = canonical_body(interactions(name)[0]["request"]["body"])
    sent: list[dict[str, Any]] = []

    def refuse(request: httpx2.Request) -> httpx2.Response:
        sent.append(json.loads(request.content))
        return httpx2.Response(400, json={"error": {"message": "captured", "type": "x"}})

    mode = "tools" if "tools" in recorded else "json"
    settings = recorded_settings(mode, "http://recorded.invalid/v1")
    client = httpx2.Client(transport=httpx2.MockTransport(refuse))
    LLMExtractor(settings, http_client=client, sleep=lambda s: None).extract(
        load_article(ARTICLE_000)
    )
    return sent[0]


def body_difference(a: Any, b: Any, where: str = "") -> str | None:
    """Where two JSON values first differ, as a short path; None when they are equal."""
    if a == b:
        return None
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return body_difference(a.get(key), b.get(key), f"{where}/{key}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return body_difference(x, y, f"{where}/{i}")
    if isinstance(a, str) and isinstance(b, str):
        at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        a, b = a[max(0, at - 40) : at + 80], b[max(0, at - 40) : at + 80]
        where = f"{where} from character {at}"
    return f"at {where or '/'}: sent {str(a)[:200]!r}, recorded {str(b)[:200]!r}"


def stale_cassettes(names: list[str], versions: dict[str, str]) -> list[Stale]:
    """Cassettes made for another prompt version than the code sends now (or for none)."""
    out = []
    for name in names:
        sends = versions[name.split("/")[0]]
        found = made_for(name)
        if found != {sends}:
            label = ", ".join(sorted(v or "none (no prompt-version header)" for v in found))
            out.append(Stale(name, label, sends, is_curated(name)))
    return out


def stale_message(stale: list[Stale]) -> str:
    """One paragraph per kind: which cassettes, made for what, what the code sends, and the fix."""
    lines = []
    for curated, fix in ((True, f"regenerate them with `{REGENERATE_CURATED}`"), (False, RERECORD)):
        group = [s for s in stale if s.curated is curated]
        if not group:
            continue
        kind = "curated" if curated else "recorded"
        lines.append(f"{len(group)} {kind} cassette(s) were made for another prompt:")
        lines += [f"  {s.name}: made for {s.made_for}, the code sends {s.sends}" for s in group]
        lines.append(f"  fix: {fix}")
    return "\n".join(lines)


def canonical_body(body: Any) -> Any:
    """A request body as data (JSON parsed, key order ignored), or its text when not JSON."""
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    if body is None or body == "":
        return None
    try:
        return json.loads(body)
    except (TypeError, ValueError):
        return body


# --- replay: the matchers tests/conftest.py and the scripts register -----------------------

SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project"]
MATCH_ON = ["method", "path", "summarise_request", "prompt_version", "json_body"]


def match_summarise_request(r1: Any, r2: Any) -> None:
    from summarise.llm.client import REQUEST_HEADER

    a, b = r1.headers.get(REQUEST_HEADER), r2.headers.get(REQUEST_HEADER)
    if a != b:
        raise AssertionError(f"{REQUEST_HEADER} {a!r} != {b!r}")


def match_prompt_version(r1: Any, r2: Any) -> None:
    """A request made under another prompt says which cassettes are stale and how to fix that."""
    sent, stored = header(r1.headers, PROMPT_HEADER_KEY), header(r2.headers, PROMPT_HEADER_KEY)
    # Recorded before the header existed: the body match and test_cassette_binding.py bind it.
    if stored is not None and sent != stored:
        raise AssertionError(
            f"the cassette was made for prompt version {stored}, the code sends {sent}; "
            f"curated: `{REGENERATE_CURATED}`; recorded: {RERECORD}"
        )


def _unbounded(request: Any) -> Any:
    """The body as data; a multipart body (a batch upload) with its random boundary replaced."""
    body = canonical_body(request.body)
    ctype = header(dict(request.headers), "content-type") or ""
    if isinstance(body, str) and "boundary=" in ctype:
        body = body.replace(ctype.split("boundary=", 1)[1].split(";")[0], "BOUNDARY")
    return body


def match_json_body(r1: Any, r2: Any) -> None:
    """Bodies equal as JSON (key order and whitespace aside): messages, schema, model, limits."""
    diff = body_difference(_unbounded(r1), _unbounded(r2))
    if diff is not None:
        raise AssertionError(f"request body differs from the recorded one: {diff}")


def summarise_vcr(record_mode: str) -> Any:
    """vcrpy matching as the tests replay: for scripts that record or replay outside pytest."""
    import vcr

    from summarise.extract.llm.batch_requests import CAPTURE_HOST

    rec = vcr.VCR(
        record_mode=record_mode,
        filter_headers=SECRET_HEADERS,
        match_on=MATCH_ON,
        ignore_hosts=[CAPTURE_HOST],
    )
    rec.register_matcher("summarise_request", match_summarise_request)
    rec.register_matcher("prompt_version", match_prompt_version)
    rec.register_matcher("json_body", match_json_body)
    return rec
