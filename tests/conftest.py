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
from cassette_binding import (
    MATCH_ON,
    SECRET_HEADERS,
    match_json_body,
    match_prompt_version,
    match_summarise_request,
)
from hypothesis import settings
from narrative_helpers import example_briefings

from summarise.extract.llm.batch_requests import CAPTURE_HOST
from summarise.models import CouncilBriefing

# No per-example deadline: on a shared 2-core machine a slow example is not a failure.
settings.register_profile("summarise", deadline=None)
# scripts/mutation.sh runs each mutant against the property tests with fewer examples.
settings.register_profile("mutation", deadline=None, max_examples=25)
settings.load_profile(os.environ.get("SUMMARISE_HYPOTHESIS_PROFILE", "summarise"))

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes"
DUMMY_KEY = "sk-dummy-key-for-cassette-replay"
_RESPONSE_DROP = {"set-cookie", "openai-organization", "openai-project"}


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
        # batch_requests captures the extractor's requests in-process, on a host nobody serves
        "ignore_hosts": [CAPTURE_HOST],
    }


@pytest.fixture
def llm_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A real key if one is set (for re-recording), else a dummy; a private cache dir."""
    monkeypatch.setenv("OPENAI_API_KEY", os.environ.get("OPENAI_API_KEY") or DUMMY_KEY)
    cache = tmp_path / "llm-cache"
    monkeypatch.setenv("SUMMARISE_CACHE_DIR", str(cache))
    return cache


@pytest.fixture(scope="module")
def briefings() -> dict[str, CouncilBriefing]:
    """The example briefings as `summarise brief` builds them offline, for the narrative tests
    (test_narrative.py, test_narrative_checks.py); test_consolidate.py has its own."""
    return example_briefings()
