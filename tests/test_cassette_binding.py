"""Every cassette was made for the prompt the code sends now, and replays only for its request.

A change to prompts/*.md or to a response model changes the prompt_version the code sends; the
cassettes then name another one, and this test lists them with the command that fixes each.
"""

from __future__ import annotations

import json

import httpx2
import pytest
from cassette_binding import (
    CASSETTES,
    REGENERATE_CURATED,
    RERECORD,
    body_difference,
    canonical_body,
    cassette_names,
    current_versions,
    header,
    interactions,
    made_for,
    recorded_first_request_now,
    stale_cassettes,
    stale_message,
    summarise_vcr,
)
from vcr.errors import CannotOverwriteExistingCassetteException

from summarise.extract.llm.prompts import load_prompts


def test_every_cassette_was_made_for_the_prompt_the_code_sends_now() -> None:
    stale = stale_cassettes(cassette_names(), current_versions())
    assert not stale, "\n" + stale_message(stale)


def test_a_changed_prompt_names_each_stale_cassette_its_version_and_the_fix() -> None:
    versions = dict(current_versions(), curated="p-000000000000")
    stale = stale_cassettes(cassette_names(), versions)
    assert {s.name for s in stale} == {n for n in cassette_names() if n.startswith("curated/")}
    message = stale_message(stale)
    assert f"made for {load_prompts().version}, the code sends p-000000000000" in message
    assert f"fix: regenerate them with `{REGENERATE_CURATED}`" in message
    assert "curated/tools_000.yaml" in message and "narrative/" not in message
    assert RERECORD not in message  # no recorded cassette is stale, so no re-record advice


def test_a_recorded_cassette_made_for_another_prompt_gets_the_re_record_advice() -> None:
    versions = dict(current_versions(), recorded="p-111111111111")
    stale = stale_cassettes(cassette_names(), versions)
    message = stale_message(stale)
    assert {s.name for s in stale} == {
        "recorded/llama_smollm2_json.yaml",
        "recorded/llama_smollm2_tools.yaml",
    }
    assert "2 recorded cassette(s) were made for another prompt:" in message
    assert f"made for {load_prompts().version}, the code sends p-111111111111" in message
    assert RERECORD in message and REGENERATE_CURATED not in message


def test_the_recorded_cassettes_first_requests_are_what_the_code_sends_now() -> None:
    for name in ("recorded/llama_smollm2_json.yaml", "recorded/llama_smollm2_tools.yaml"):
        recorded = canonical_body(interactions(name)[0]["request"]["body"])
        assert body_difference(recorded_first_request_now(name), recorded) is None, name


def test_every_request_of_every_cassette_names_exactly_one_prompt_version() -> None:
    for name in cassette_names():
        (version,) = made_for(name)
        assert version is not None and version[:2] in ("p-", "n-"), name


def _replay(cassette: str, prompt_version: str, change: str | None) -> str:
    """Send the cassette's own first request, its prompt header or a message changed; the error."""
    (stored,) = made_for(cassette)
    first = interactions(cassette)[0]["request"]
    body = json.loads(first["body"])
    if change is not None:
        body["messages"][-1]["content"] = change
    rec = summarise_vcr("none")
    client = httpx2.Client()
    headers = {
        "X-Summarise-Request": header(first["headers"], "x-summarise-request"),
        "X-Summarise-Prompt-Version": prompt_version,
    }
    with rec.use_cassette(str(CASSETTES / cassette)):
        if prompt_version == stored and change is None:
            return client.post(first["uri"], headers=headers, json=body).text
        with pytest.raises(CannotOverwriteExistingCassetteException) as info:
            client.post(first["uri"], headers=headers, json=body)
    return str(info.value)


def test_the_cassettes_own_request_is_served() -> None:
    (version,) = made_for("curated/tools_000.yaml")
    assert '"system_fingerprint":"fp_curated"' in _replay("curated/tools_000.yaml", version, None)


def test_a_request_with_another_body_is_not_served_the_cassette() -> None:
    """Same article header, same prompt version, another user message: vcrpy refuses."""
    (version,) = made_for("curated/tools_000.yaml")
    error = _replay("curated/tools_000.yaml", version, "another article")
    assert "request body differs from the recorded one: at /messages/1/content" in error


def test_a_request_under_another_prompt_version_is_refused_with_the_fix() -> None:
    (version,) = made_for("curated/tools_000.yaml")
    error = _replay("curated/tools_000.yaml", "p-feedfacecafe", None)
    assert f"made for prompt version {version}, the code sends p-feedfacecafe" in error
    assert REGENERATE_CURATED in error
