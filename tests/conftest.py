"""LLM-path fixtures: pytest-recording config for the cassettes in cassettes/.

Replays match on method, path and the X-Summarise-Request header (article id # chunk), not on
the body or host: the same cassette replays against any base URL, and the answers recorded for
one article are served in order, so a re-ask gets the second answer.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes"
DUMMY_KEY = "sk-dummy-key-for-cassette-replay"
SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project"]
_RESPONSE_DROP = {"set-cookie", "openai-organization", "openai-project"}


def match_summarise_request(r1: Any, r2: Any) -> None:
    from summarise.llm.client import REQUEST_HEADER

    a, b = r1.headers.get(REQUEST_HEADER), r2.headers.get(REQUEST_HEADER)
    if a != b:
        raise AssertionError(f"{REQUEST_HEADER} {a!r} != {b!r}")


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in _RESPONSE_DROP:
            del headers[name]
    return response


def pytest_recording_configure(config: Any, vcr: Any) -> None:
    vcr.register_matcher("summarise_request", match_summarise_request)


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(CASSETTES)


@pytest.fixture
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": SECRET_HEADERS,
        "before_record_response": _scrub_response,
        "match_on": ["method", "path", "summarise_request"],
        "decode_compressed_response": True,
    }


@pytest.fixture
def llm_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A real key if one is set (for re-recording), else a dummy; a private cache dir."""
    monkeypatch.setenv("OPENAI_API_KEY", os.environ.get("OPENAI_API_KEY") or DUMMY_KEY)
    cache = tmp_path / "llm-cache"
    monkeypatch.setenv("SUMMARISE_CACHE_DIR", str(cache))
    return cache
