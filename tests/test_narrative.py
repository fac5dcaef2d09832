"""The optional LLM narrative: validators without HTTP, then the writer replayed from
cassettes/narrative/ (curated: hand-written answers in wire format; listed in cassettes/README.md).

The briefings are built as `summarise brief` builds them offline: examples/articles through the
offline extractor and the consolidator. Requests actually sent are captured with an httpx event
hook; the re-ask tests also read the recorded request bodies back from the cassette.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml
from pydantic import ValidationError

from summarise import models
from summarise.brief.consolidate import Stored, build_briefings
from summarise.brief.narrative import (
    NARRATIVE_TEMPLATES,
    NarrativeResult,
    load_narrative_prompts,
    narrative_version_of,
    request_id,
    write_narrative,
)
from summarise.brief.narrative_checks import Narrative, citable_points, id_ranges, narrative_context
from summarise.extract.offline import summarise_article
from summarise.gazetteer.lookup import slugify
from summarise.ingest.reader import load_article
from summarise.llm.config import Settings
from summarise.models import CouncilBriefing, NarrativeSentence, NationalPoint, Outcome

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
NARRATIVE = ROOT / "cassettes" / "narrative"
ANSWERS: dict[str, Any] = yaml.safe_load((NARRATIVE / "answers.yaml").read_text(encoding="utf-8"))
BAD_CITATION = 'sentence 2 cites "s99", which is not a point of this briefing'


# --- fixtures and helpers -------------------------------------------------------------------


@pytest.fixture(scope="module")
def briefings() -> dict[str, CouncilBriefing]:
    stored = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        article = load_article(path)
        stored.append(Stored(article.id, summarise_article(article)))
    return {
        slugify(b.council.name): b for b in build_briefings(stored, "2026-01-01T00:00:00+00:00")
    }


class Harness:
    """Settings for the curated base URL, a client that captures every request, no real sleeps."""

    def __init__(self, mode: str = "tools", max_reasks: int = 2) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.slept: list[float] = []
        self.settings = Settings(
            backend="llm",
            model="gpt-4o-mini",
            base_url="http://curated.invalid/v1",
            api_key="sk-dummy",
            mode=mode,
            use_cache=False,  # type: ignore[arg-type]
            max_reasks=max_reasks,
            max_transport_retries=2,
        )
        self.client = httpx2.Client(event_hooks={"request": [self._capture]})

    def _capture(self, request: httpx2.Request) -> None:
        self.requests.append(json.loads(request.content))
        self.headers.append(dict(request.headers))

    def run(self, briefing: CouncilBriefing) -> NarrativeResult:
        return write_narrative(
            briefing, self.settings, sleep=self.slept.append, http_client=self.client
        )


def recorded(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((NARRATIVE / f"{name}.yaml").read_text(encoding="utf-8"))
    return list(data["interactions"])


def recorded_usage(name: str) -> tuple[int, int]:
    prompt = completion = 0
    for it in recorded(name):
        if it["response"]["status"]["code"] == 200:
            usage = json.loads(it["response"]["body"]["string"])["usage"]
            prompt += usage["prompt_tokens"]
            completion += usage["completion_tokens"]
    return prompt, completion


def assert_cites_valid(result: NarrativeResult, briefing: CouncilBriefing) -> None:
    offered = {p.id for p in citable_points(briefing)}
    assert result.sentences
    for s in result.sentences:
        assert s.text.strip() and s.cites
        assert set(s.cites) <= offered, s


def context_of(points: dict[str, str]) -> dict[str, Any]:
    return {
        "council": "Testshire",
        "points": [{"id": k, "kind": "strength", "text": v} for k, v in points.items()],
    }


def problems_of(sentences: list[dict[str, Any]], points: dict[str, str] | None) -> str:
    context = context_of(points) if points is not None else None
    with pytest.raises(ValidationError) as info:
        Narrative.model_validate({"sentences": sentences}, context=context)
    return str(info.value)


def ok(sentences: list[dict[str, Any]], points: dict[str, str]) -> Narrative:
    return Narrative.model_validate({"sentences": sentences}, context=context_of(points))


POINTS = {
    "s1": "Child protection has improved substantially",
    "c1": "The authority overspent on the department by £9million last year",
    "c2": "83% of users rated services as “good” or “excellent”, putting it in the top 25%",
    "c3": "a turnover rate of more than 30 per cent has harmed progress, with 1,000 cases open",
    "r1": "Improve working with ethnic minority communities, said the review of two homes",
}
FILLER = {"text": "Child protection has improved substantially.", "cites": ["s1"]}


# --- the validators, no HTTP ----------------------------------------------------------------


def test_a_grounded_narrative_passes() -> None:
    n = ok(
        [
            {"text": "Child protection has improved substantially.", "cites": ["s1"]},
            {
                "text": "The council overspent by £9 million, and 83% rated services “good” or "
                "“excellent”.",
                "cites": ["c1", "c2"],
            },
            {
                "text": "Turnover of more than 30 per cent, with 1000 cases open, has harmed progress.",
                "cites": ["c3"],
            },
            {
                "text": "Two homes were reviewed; the council's and the councils' work goes on.",
                "cites": ["r1"],
            },
        ],
        POINTS,
    )
    assert [s.cites for s in n.sentences] == [["s1"], ["c1", "c2"], ["c3"], ["r1"]]


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        (
            {"text": "Inspectors praised the council.", "cites": []},
            'sentence 2 cites no point; put the ids of the points it rests on in "cites"',
        ),
        (
            {"text": "Inspectors praised the council.", "cites": ["s99"]},
            (
                'sentence 2 cites "s99", which is not a point of this briefing; '
                "cite only these ids: s1, c1-c3, r1"
            ),
        ),
        (
            {"text": "   ", "cites": ["s1"]},
            "sentence 2: the text is empty; write one plain sentence",
        ),
        (
            {"text": "Turnover reached 45 per cent.", "cites": ["c3"]},
            (
                'sentence 2 has the number "45", which none of its cited points (c3) contains; '
                "write a number only as a cited point writes it, or cite the point that has it"
            ),
        ),
        (
            {"text": "The council overspent by £9million.", "cites": ["s1"]},
            'sentence 2 has the number "9", which none of its cited points (s1) contains',
        ),
        (
            {"text": "Three homes were reviewed.", "cites": ["r1"]},
            'sentence 2 has the number "three", which none of its cited points (r1) contains',
        ),
        (
            {"text": "Users called services “first rate”.", "cites": ["c2"]},
            (
                'sentence 2 quotes "first rate", which none of its cited points (c2) contains; '
                "quote only words copied exactly from a cited point"
            ),
        ),
        (
            {"text": "Users rated services 'outstanding', the review said.", "cites": ["c2"]},
            'sentence 2 quotes "outstanding", which none of its cited points (c2) contains',
        ),
        (
            {"text": "Child protection has improved (s1).", "cites": ["s1"]},
            'sentence 2 has the point id "s1" in its text; put ids only in "cites"',
        ),
    ],
    ids=[
        "no-cite",
        "unknown-id",
        "empty",
        "number",
        "number-from-uncited-point",
        "number-word",
        "double-quote",
        "single-quote",
        "id-in-text",
    ],
)
def test_each_rejection_names_the_sentence_and_the_fix(
    sentence: dict[str, Any], message: str
) -> None:
    assert message in problems_of([FILLER, sentence], POINTS)


def test_quotes_are_matched_after_normalising_quote_marks_case_and_ellipses() -> None:
    ok(
        [
            FILLER,
            {
                "text": 'Users rated services "Good" or "excellent", in the top 25%.',
                "cites": ["c2"],
            },
        ],
        POINTS,
    )
    ok(
        [
            FILLER,
            {"text": "“A turnover rate … has harmed progress”, the report said.", "cites": ["c3"]},
        ],
        POINTS,
    )
    bad = problems_of(
        [FILLER, {"text": "“A turnover rate … has helped progress”.", "cites": ["c3"]}], POINTS
    )
    assert 'quotes "A turnover rate … has helped progress"' in bad


def test_a_number_or_quote_must_be_in_a_point_the_sentence_cites_not_just_anywhere() -> None:
    # "83%" is in c2, but this sentence cites only s1.
    msg = problems_of([FILLER, {"text": "83% were satisfied.", "cites": ["s1"]}], POINTS)
    assert 'the number "83"' in msg


def test_every_problem_of_an_answer_is_reported_at_once() -> None:
    msg = problems_of(
        [
            {"text": "Praise for 45 staff.", "cites": []},
            {"text": "More praise.", "cites": ["s99", "x"]},
        ],
        POINTS,
    )
    assert "sentence 1 cites no point" in msg
    assert 'sentence 2 cites "s99"' in msg and 'sentence 2 cites "x"' in msg


@pytest.mark.parametrize("n", [0, 1, 6])
def test_two_to_five_sentences(n: int) -> None:
    with pytest.raises(ValidationError, match="at (least 2|most 5) items"):
        Narrative.model_validate({"sentences": [FILLER] * n}, context=context_of(POINTS))


def test_without_a_context_only_the_checks_that_need_no_briefing_run() -> None:
    Narrative.model_validate({"sentences": [FILLER, {"text": "45 things.", "cites": ["s99"]}]})
    assert "cites no point" in problems_of([FILLER, {"text": "x", "cites": []}], None)


def test_cites_and_text_are_required_fields() -> None:
    with pytest.raises(ValidationError, match="cites"):
        Narrative.model_validate({"sentences": [FILLER, {"text": "x"}]})


def test_id_ranges_compress_runs_and_keep_gaps() -> None:
    assert id_ranges(["s1", "s2", "s3", "c1", "r1", "r2", "j1", "n2", "n3", "n5"]) == (
        "s1-s3, c1, r1-r2, j1, n2-n3, n5"
    )


# --- which points are offered ---------------------------------------------------------------


def test_offered_points_are_the_briefing_points_judgements_and_national_context(
    briefings: dict[str, CouncilBriefing],
) -> None:
    b = briefings["gloucestershire"]
    points = {p.id: p for p in citable_points(b)}
    for kind, items in (
        ("strength", b.strengths),
        ("concern", b.concerns),
        ("recommendation", b.recommendations),
    ):
        for item in items:
            assert points[item.id].kind == kind and points[item.id].text == item.text
    judgements = [p for p in points.values() if p.kind == "latest judgement"]
    assert [p.id for p in judgements] == [f"j{i}" for i in range(1, len(b.latest_judgements) + 1)]
    assert points["j1"].text == (
        "overall effectiveness: rated inadequate, reported as an earlier judgement (dated 2017-03)"
    )
    assert points["j2"].text == "progress: making insufficient progress"
    national = [p for p in points.values() if p.kind == "national context"]
    assert [p.text for p in national] == [n.text for n in b.national_context]
    assert national[0].id == "n1"


def test_the_national_briefing_does_not_offer_its_own_points_twice(
    briefings: dict[str, CouncilBriefing],
) -> None:
    b = briefings["national-england-and-wales"]
    assert not b.national_context  # its points are its own, not context
    texts = [p.text for p in citable_points(b)]
    assert len(texts) == len(set(texts))
    assert not any(p.id.startswith("n") for p in citable_points(b))


def test_n_ids_are_positions_in_national_context_even_with_gaps(
    briefings: dict[str, CouncilBriefing],
) -> None:
    b = briefings["essex"]
    repeated = NationalPoint(text=b.concerns[0].text, source_id="x")
    extra = NationalPoint(text="A point only national articles make", source_id="y")
    b2 = b.model_copy(update={"national_context": [repeated, extra]})
    national = [(p.id, p.text) for p in citable_points(b2) if p.kind == "national context"]
    assert national == [("n2", extra.text)]


def test_every_cassette_answer_cites_points_of_todays_briefings(
    briefings: dict[str, CouncilBriefing],
) -> None:
    """Fails first, and says what to do, when the offline extractor renumbers the points."""
    for name in ("gloucestershire", "north_east_lincolnshire", "leicestershire", "essex"):
        b = briefings[name.replace("_", "-")]
        try:
            Narrative.model_validate(ANSWERS[name], context=narrative_context(b, citable_points(b)))
        except ValidationError as e:  # pragma: no cover - a message for whoever breaks it
            pytest.fail(
                f"cassettes/narrative/answers.yaml[{name}] no longer fits the briefing "
                f"(fix it and run cassettes/narrative/make_narrative.py): {e}"
            )


# --- the prompts ----------------------------------------------------------------------------


def test_prompt_version_is_a_hash_of_the_templates_and_the_schema() -> None:
    p = load_narrative_prompts()
    texts = {n: (ROOT / "prompts" / n).read_text(encoding="utf-8") for n in NARRATIVE_TEMPLATES}
    assert p.version == narrative_version_of(texts) and p.version.startswith("n-")
    changed = dict(texts, **{"narrative_system.md": texts["narrative_system.md"] + "\nMore."})
    assert narrative_version_of(changed) != p.version


def test_only_the_user_template_holds_jinja() -> None:
    p = load_narrative_prompts()
    assert "{{" not in p.system and "{%" not in p.system
    assert "{{ council }}" in p.user and "{% for p in points" in p.user
    first = p.messages()
    first.append({"role": "user", "content": "mutated by a re-ask"})
    assert len(p.messages()) == 2


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
