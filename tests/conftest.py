"""LLM-path fixtures: pytest-recording config for the cassettes in cassettes/.

Replays match on method, path, the X-Summarise-Request header (article id # chunk), the
X-Summarise-Prompt-Version header and the body as JSON, not on the host: a cassette replays
against any base URL, but only for the very request it was made for. A re-ask is a new body, so
it gets the next recorded answer only if it carries the recorded error message.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# No per-example deadline: on a shared 2-core machine a slow example is not a failure.
settings.register_profile("summarise", deadline=None)
# scripts/mutation.sh runs each mutant against the property tests with fewer examples.
settings.register_profile("mutation", deadline=None, max_examples=25)
settings.load_profile(os.environ.get("SUMMARISE_HYPOTHESIS_PROFILE", "summarise"))

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes"
DUMMY_KEY = "sk-dummy-key-for-cassette-replay"
SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project"]
MATCH_ON = ["method", "path", "summarise_request", "prompt_version", "json_body"]
_RESPONSE_DROP = {"set-cookie", "openai-organization", "openai-project"}


def match_summarise_request(r1: Any, r2: Any) -> None:
    from summarise.llm.client import REQUEST_HEADER

    a, b = r1.headers.get(REQUEST_HEADER), r2.headers.get(REQUEST_HEADER)
    if a != b:
        raise AssertionError(f"{REQUEST_HEADER} {a!r} != {b!r}")


def match_prompt_version(r1: Any, r2: Any) -> None:
    """A request made under another prompt says which cassettes are stale and how to fix that."""
    from cassette_binding import PROMPT_HEADER_KEY, REGENERATE_CURATED, RERECORD, header

    sent, stored = header(r1.headers, PROMPT_HEADER_KEY), header(r2.headers, PROMPT_HEADER_KEY)
    # Recorded before the header existed: the body match and test_cassette_binding.py bind it.
    if stored is not None and sent != stored:
        raise AssertionError(
            f"the cassette was made for prompt version {stored}, the code sends {sent}; "
            f"curated: `{REGENERATE_CURATED}`; recorded: {RERECORD}"
        )


def match_json_body(r1: Any, r2: Any) -> None:
    """Bodies equal as JSON (key order and whitespace aside): messages, schema, model, limits."""
    from cassette_binding import body_difference, canonical_body

    diff = body_difference(canonical_body(r1.body), canonical_body(r2.body))
    if diff is not None:
        raise AssertionError(f"request body differs from the recorded one: {diff}")


def summarise_vcr(record_mode: str) -> Any:
    """vcrpy matching as the tests replay: for scripts that record or replay outside pytest."""
    import vcr

    rec = vcr.VCR(record_mode=record_mode, filter_headers=SECRET_HEADERS, match_on=MATCH_ON)
    rec.register_matcher("summarise_request", match_summarise_request)
    rec.register_matcher("prompt_version", match_prompt_version)
    rec.register_matcher("json_body", match_json_body)
    return rec


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in _RESPONSE_DROP:
            del headers[name]
    return response


def pytest_recording_configure(config: Any, vcr: Any) -> None:
    vcr.register_matcher("summarise_request", match_summarise_request)
    vcr.register_matcher("prompt_version", match_prompt_version)
    vcr.register_matcher("json_body", match_json_body)


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(CASSETTES)


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": SECRET_HEADERS,
        "before_record_response": _scrub_response,
        "match_on": MATCH_ON,
        "decode_compressed_response": True,
    }


@pytest.fixture
def llm_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A real key if one is set (for re-recording), else a dummy; a private cache dir."""
    monkeypatch.setenv("OPENAI_API_KEY", os.environ.get("OPENAI_API_KEY") or DUMMY_KEY)
    cache = tmp_path / "llm-cache"
    monkeypatch.setenv("SUMMARISE_CACHE_DIR", str(cache))
    return cache
