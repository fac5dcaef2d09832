"""The LLM path's judgement checks, message by message: the message is what the model is sent
back with, and a check that passes a wrong grade lets it into a briefing.

Written to kill mutants in summarise/extract/llm/judgement_checks.py (scripts/mutation.sh).
"""

from __future__ import annotations

import pytest

from summarise.extract.llm.judgement_checks import (
    council_problem,
    date_problem,
    missing_council_problem,
    model_confidence,
    value_problem,
)
from summarise.models import Aspect


def test_a_value_not_in_the_evidence_is_named_with_its_words() -> None:
    assert value_problem(
        Aspect.overall_effectiveness, "requires_improvement", "services were rated good"
    ) == (
        "evidence does not state overall_effectiveness 'requires improvement'; quote the words "
        "that give this grade, or drop the judgement if the article does not give it"
    )


@pytest.mark.parametrize(
    ("aspect", "value", "evidence", "ok"),
    [
        (Aspect.serving_people, "all", "Walsall serves people well", True),
        (Aspect.serving_people, "all", "Walsall serves most people well", False),
        (Aspect.serving_people, "all", "Walsall serves some people well", False),
        (Aspect.serving_people, "all", "Walsall doesn't serve people well", False),
        (Aspect.serving_people, "some", "Walsall serves SOME people well", True),
        (Aspect.star_rating, "0", "a zero-star council", True),
        (Aspect.star_rating, "2", "awarded 2 stars", True),
        (Aspect.star_rating, "2", "awarded 3 stars", False),
        (Aspect.progress, "insufficient", "progress was not yet sufficient", True),
        (Aspect.progress, "sufficient", "it made adequate progress", True),
        (Aspect.prospects, "poor", "its prospects are promising", False),
        (Aspect.prospects, "poor", "its prospects are POOR", True),
        (Aspect.overall_effectiveness, "good", "a goodly number", False),
    ],
)
def test_each_value_needs_its_own_words(
    aspect: Aspect, value: str, evidence: str, ok: bool
) -> None:
    assert (value_problem(aspect, value, evidence) is None) is ok


def test_date_messages() -> None:
    assert date_problem("2017", "rated inadequate in 2017") is None
    assert date_problem("2017-03-01", "rated inadequate in March 2017") is None
    assert date_problem("2016", "rated inadequate in 2017") == (
        "date '2016' is not in the evidence; quote the words that date this earlier grade, "
        "or leave date empty"
    )
    assert date_problem("17/03", "rated inadequate in 2017") == (
        "date '17/03' is not YYYY, YYYY-MM or YYYY-MM-DD; write it so, or leave it empty"
    )


def test_council_messages() -> None:
    assert council_problem("Kent", ["Camden", "Kent"]) is None
    assert council_problem("Wigan", ["Camden", "Kent"]) == (
        'council "Wigan" is not among the councils of this answer (Camden, Kent); give the '
        "judgement to the council the article says it is about, listed under councils, or drop it"
    )
    assert council_problem("Wigan", []) == (
        'council "Wigan" is not among the councils of this answer (none); give the '
        "judgement to the council the article says it is about, listed under councils, or drop it"
    )
    assert missing_council_problem(["Camden", "Kent"]) == (
        "the answer names several councils (Camden, Kent); say which council this judgement is "
        "about"
    )


def test_both_reasons_for_doubt_are_given() -> None:
    assert model_confidence("Camden and Kent were previously rated inadequate", True, None) == (
        "medium",
        "two councils in the sentence; earlier grade with no date",
    )
    assert model_confidence("Camden was previously rated inadequate", True, "2017") == (
        "high",
        None,
    )
