"""The optional LLM narrative without HTTP: the validators, which points are offered, the
prompts.
"""

from __future__ import annotations

from typing import Any

import pytest
from narrative_helpers import (
    ANSWERS,
    FILLER,
    POINTS,
    ROOT,
    context_of,
    ok,
    problems_of,
)
from pydantic import ValidationError

from summarise.brief.narrative import (
    NARRATIVE_TEMPLATES,
    load_narrative_prompts,
    narrative_version_of,
)
from summarise.brief.narrative_checks import Narrative, citable_points, id_ranges, narrative_context
from summarise.models import CouncilBriefing, NationalPoint

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
                "text": (
                    "Turnover of more than 30 per cent, with 1000 cases open, has harmed progress."
                ),
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
