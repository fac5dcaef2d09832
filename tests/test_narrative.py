"""The optional LLM narrative's writer, replayed from cassettes/narrative/ (curated: hand-written
answers in wire format; listed in cassettes/README.md), the failures that never reach a
cassette, and the narrative through the CLI. The harness is in tests/narrative_helpers.py, the
`briefings` fixture in tests/conftest.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx2
import pytest
from narrative_helpers import (
    ANSWERS,
    BAD_CITATION,
    ROOT,
    Harness,
    assert_cites_valid,
    recorded,
    recorded_usage,
)

from summarise import models
from summarise.brief.narrative import (
    NarrativeResult,
    load_narrative_prompts,
    request_id,
    write_narrative,
)
from summarise.brief.narrative_checks import citable_points
from summarise.llm.config import Settings
from summarise.models import CouncilBriefing, NarrativeSentence, Outcome

# --- the writer, replayed -------------------------------------------------------------------


@pytest.mark.vcr("narrative/tools_gloucestershire.yaml")
def test_tools_mode_good_narrative(briefings: dict[str, CouncilBriefing]) -> None:
    b = briefings["gloucestershire"]
    h = Harness("tools")
    result = h.run(b)
    assert result.outcome is Outcome.ok and result.reason is None and result.problems == []
    assert result.attempts == 1 and len(h.requests) == 1
    assert_cites_valid(result, b)
    assert [s.model_dump() for s in result.sentences] == ANSWERS["gloucestershire"]["sentences"]
    req = h.requests[0]
    assert req["tool_choice"]["function"]["name"] == "Narrative" and "response_format" not in req
    assert h.headers[0]["x-summarise-request"] == request_id(b) == "narrative:gloucestershire"
    system, user = req["messages"]
    prompts = load_narrative_prompts()
    assert system == {"role": "system", "content": prompts.system}
    for p in citable_points(b):  # every offered point, as plain data
        assert f"{p.id} ({p.kind}): {p.text}\n" in user["content"]
    assert "{{" not in user["content"] and "{%" not in user["content"]
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == recorded_usage(
        "tools_gloucestershire"
    )
    prov = result.provenance()
    assert prov.backend == "llm" and prov.model == "gpt-4o-mini" and prov.attempts == 1
    assert prov.prompt_version == prompts.version and prov.outcome is Outcome.ok
    assert prov.usage == result.usage


@pytest.mark.vcr("narrative/json_north_east_lincolnshire.yaml")
def test_json_mode_good_narrative(briefings: dict[str, CouncilBriefing]) -> None:
    b = briefings["north-east-lincolnshire"]
    h = Harness("json")
    result = h.run(b)
    assert result.outcome is Outcome.ok and result.attempts == 1 and len(h.requests) == 1
    assert h.requests[0]["response_format"] == {"type": "json_object"}
    assert "tools" not in h.requests[0]
    assert_cites_valid(result, b)
    assert {c for s in result.sentences for c in s.cites} >= {"j1", "j2"}  # judgements cited


@pytest.mark.parametrize(
    ("mode", "reask_role", "reask_intro"),
    [
        pytest.param(
            "tools",
            "tool",
            "Validation Error found",
            marks=pytest.mark.vcr("narrative/reask_bad_citation_tools.yaml"),
        ),
        pytest.param(
            "json",
            "user",
            "Correct your JSON ONLY RESPONSE",
            marks=pytest.mark.vcr("narrative/reask_bad_citation_json.yaml"),
        ),
    ],
)
def test_bad_citation_is_reasked_with_the_error_naming_it(
    briefings: dict[str, CouncilBriefing], mode: str, reask_role: str, reask_intro: str
) -> None:
    b = briefings["essex"]
    h = Harness(mode)
    result = h.run(b)
    # exactly two requests; the second is the first plus the bad answer plus the error
    assert len(h.requests) == 2
    first, second = h.requests
    assert second["messages"][: len(first["messages"])] == first["messages"]
    error = second["messages"][-1]
    assert error["role"] == reask_role and reask_intro in error["content"]
    assert (
        BAD_CITATION in error["content"]
        and "cite only these ids: s1-s5, c1-c4, r1, n1-n5" in (error["content"])
    )
    assert "s99" not in json.dumps(first)  # the error text is new in the second request
    # the same holds for the request bodies recorded in the cassette
    bodies = [json.loads(it["request"]["body"]) for it in recorded(f"reask_bad_citation_{mode}")]
    assert len(bodies) == 2 and BAD_CITATION in bodies[1]["messages"][-1]["content"]
    assert BAD_CITATION not in json.dumps(bodies[0])
    # the corrected answer is taken; both attempts' tokens are counted
    assert result.outcome is Outcome.ok and result.attempts == 2
    assert_cites_valid(result, b)
    assert all("s99" not in s.cites for s in result.sentences)
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == recorded_usage(
        f"reask_bad_citation_{mode}"
    )
    assert result.usage.total_tokens == result.usage.prompt_tokens + result.usage.completion_tokens


@pytest.mark.vcr("narrative/reasks_exhausted_failed.yaml")
def test_reasks_run_out_the_narrative_fails_with_a_reason_and_no_exception(
    briefings: dict[str, CouncilBriefing],
) -> None:
    h = Harness("tools", max_reasks=2)
    result = h.run(briefings["essex"])
    assert len(h.requests) == 3 and result.attempts == 3
    assert result.outcome is Outcome.failed and result.sentences == []
    assert result.reason is not None
    assert result.reason.startswith(
        'no valid narrative after 3 attempt(s): sentence 1 has the number "12"'
    )
    assert result.problems and 'the number "12"' in result.problems[0]
    # each re-ask carried the previous answer's problems
    assert "sentence 1 cites no point" in h.requests[1]["messages"][-1]["content"]
    assert 'the number "45"' in h.requests[1]["messages"][-1]["content"]
    assert "Essex is now among the best" in h.requests[2]["messages"][-1]["content"]
    # usage is summed over all three attempts, and provenance says failed
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == recorded_usage(
        "reasks_exhausted_failed"
    )
    prov = result.provenance()
    assert (
        prov.outcome is Outcome.failed and prov.attempts == 3 and prov.problems == result.problems
    )


@pytest.mark.vcr("narrative/rate_limit_429.yaml")
def test_429_is_retried_by_the_transport_layer_not_reasked(
    briefings: dict[str, CouncilBriefing],
) -> None:
    b = briefings["leicestershire"]
    h = Harness("tools")
    result = h.run(b)
    assert h.slept == [3.0]  # Retry-After honoured, once
    assert len(h.requests) == 2 and h.requests[0] == h.requests[1]  # resent unchanged
    assert result.outcome is Outcome.ok and result.attempts == 1  # not a re-ask
    assert_cites_valid(result, b)


@pytest.mark.vcr("narrative/truncated_length.yaml")
def test_truncated_answer_fails_the_narrative(briefings: dict[str, CouncilBriefing]) -> None:
    h = Harness("tools")
    result = h.run(briefings["leicestershire"])
    assert result.outcome is Outcome.failed and result.sentences == []
    assert result.reason is not None and "finish_reason=length" in result.reason
    assert len(h.requests) == 1 and result.attempts == 1
    assert result.usage.completion_tokens > 0  # wasted tokens still count


@pytest.mark.vcr("narrative/tools_gloucestershire_jinja_point.yaml")
def test_point_text_with_jinja_syntax_reaches_the_model_unchanged(
    briefings: dict[str, CouncilBriefing],
) -> None:
    b = briefings["gloucestershire"]
    odd = ANSWERS["jinja_point_text"]
    assert "{{" in odd and "{%" in odd and "{#" in odd
    assert "s1" not in {c for s in ANSWERS["gloucestershire"]["sentences"] for c in s["cites"]}
    s1 = b.strengths[0].model_copy(update={"text": odd})
    b2 = b.model_copy(update={"strengths": [s1, *b.strengths[1:]]})
    h = Harness("tools")
    result = h.run(b2)
    assert result.outcome is Outcome.ok
    assert f"s1 (strength): {odd}\n" in h.requests[0]["messages"][1]["content"]


# --- failures that never reach a cassette ---------------------------------------------------


def _refuse(request: httpx2.Request) -> httpx2.Response:
    raise AssertionError(f"no request expected, got {request.url}")


def test_a_briefing_with_no_points_fails_without_a_request(
    briefings: dict[str, CouncilBriefing],
) -> None:
    empty = briefings["essex"].model_copy(
        update={
            "strengths": [],
            "concerns": [],
            "recommendations": [],
            "latest_judgements": [],
            "national_context": [],
        }
    )
    h = Harness()
    result = write_narrative(
        empty, h.settings, http_client=httpx2.Client(transport=httpx2.MockTransport(_refuse))
    )
    assert result.outcome is Outcome.failed and result.attempts == 0
    assert result.reason == "the briefing has no points to summarise"


def test_no_key_and_no_base_url_fails_without_raising(
    briefings: dict[str, CouncilBriefing],
) -> None:
    settings = Settings(backend="llm", api_key=None, base_url=None, use_cache=False)
    result = write_narrative(briefings["essex"], settings)
    assert result.outcome is Outcome.failed and result.sentences == []
    assert result.reason is not None and "OPENAI_API_KEY" in result.reason


def test_a_refused_request_fails_the_narrative_without_raising_or_retrying(
    briefings: dict[str, CouncilBriefing],
) -> None:
    calls: list[httpx2.Request] = []

    def unauthorised(request: httpx2.Request) -> httpx2.Response:
        calls.append(request)
        return httpx2.Response(
            401,
            json={
                "error": {
                    "message": "Incorrect API key provided",
                    "type": "invalid_request_error",
                    "param": None,
                    "code": "invalid_api_key",
                }
            },
        )

    h = Harness()
    result = write_narrative(
        briefings["essex"],
        h.settings,
        sleep=h.slept.append,
        http_client=httpx2.Client(transport=httpx2.MockTransport(unauthorised)),
    )
    assert len(calls) == 1 and h.slept == []  # a 401 is neither re-asked nor retried
    assert result.outcome is Outcome.failed and result.sentences == []
    assert result.reason is not None and result.reason.startswith(
        "request failed: AuthenticationError"
    )


def test_the_result_fits_the_proposed_briefing_fields(
    briefings: dict[str, CouncilBriefing],
) -> None:
    """What cli/publish will store: sentences as plain data, provenance as the contract's model."""
    result = NarrativeResult(
        sentences=[NarrativeSentence(text="A.", cites=["s1"])],
        outcome=Outcome.ok,
        attempts=1,
        model="m",
        prompt_version="n-x",
    )
    dumped = [s.model_dump() for s in result.sentences]
    assert dumped == [{"text": "A.", "cites": ["s1"]}]
    assert models.Provenance.model_validate(result.provenance().model_dump()).outcome is Outcome.ok


# --- through the CLI ------------------------------------------------------------------------


@pytest.mark.vcr("narrative/tools_gloucestershire_alone.yaml")
def test_brief_with_narrative_llm_writes_it_into_every_format(
    llm_env: Path, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from summarise.cli import app

    article = ROOT / "examples" / "articles" / "003_9256bb802a870bff.txt"
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["brief", str(article), "--out", str(out), "--backend", "offline", "--narrative", "llm"],
    )
    assert result.exit_code == 0, result.output
    briefing = CouncilBriefing.model_validate_json(
        (out / "briefings" / "gloucestershire.json").read_text()
    )
    assert briefing.narrative and briefing.narrative_provenance is not None
    assert briefing.narrative_provenance.outcome is Outcome.ok
    assert [s.model_dump() for s in briefing.narrative] == ANSWERS["gloucestershire"]["sentences"]
    offered = {p.id for p in citable_points(briefing)}
    assert {c for s in briefing.narrative for c in s.cites} <= offered
    md = (out / "briefings" / "gloucestershire.md").read_text()
    html = (out / "briefings" / "gloucestershire.html").read_text()
    from markupsafe import escape

    for sentence in briefing.narrative:
        assert str(escape(sentence.text)) in html
    assert "## Executive summary" in md
    run = json.loads((out / "run.json").read_text())
    assert run["narrative_usage"]["prompt_tokens"] > 0


def test_narrative_llm_without_a_key_or_server_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from summarise.cli import app

    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    article = ROOT / "examples" / "articles" / "003_9256bb802a870bff.txt"
    result = CliRunner().invoke(
        app, ["brief", str(article), "--out", str(tmp_path / "o"), "--narrative", "llm"]
    )
    assert result.exit_code == 2
    assert "--narrative llm" in result.output
