"""The LLM path's judgement rules: each validator message goes back to the model in a re-ask.

Every cassette here is curated (cassettes/curated/reask_judgement_*): a first answer that breaks
one rule, then the corrected answer. The requests are captured as the extractor sends them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_llm_cassettes import EXAMPLES, Harness, assert_grounded

from summarise.extract.llm.judgement_checks import (
    council_problem,
    date_problem,
    missing_council_problem,
    value_problem,
)
from summarise.extract.llm.response_model import ArticleExtraction, find_problems
from summarise.ingest.reader import load_article
from summarise.models import Aspect, Outcome

GENRE = Path(__file__).parent / "fixtures" / "genre"


def run(h: Harness, article_id: str) -> tuple[object, object]:
    path = EXAMPLES / f"{article_id}.txt"
    article = load_article(path if path.exists() else GENRE / f"{article_id}.txt")
    return article, h.extractor.extract(article)


def case(cassette: str, article_id: str, message: str) -> object:
    return pytest.param(
        article_id, message, marks=pytest.mark.vcr(f"curated/{cassette}.yaml"), id=cassette
    )


@pytest.mark.parametrize(
    ("article_id", "message"),
    [
        case(
            "reask_judgement_council_tools",
            "001_244405360186b16d",
            'judgements[0]: council "Lincolnshire" is not among the councils of this answer '
            "(North East Lincolnshire)",
        ),
        case(
            "reask_judgement_value_tools",
            "001_244405360186b16d",
            "judgements[1]: evidence does not state prospects 'promising'",
        ),
        case(
            "reask_judgement_date_tools",
            "003_9256bb802a870bff",
            "judgements[0]: date '2016' is not in the evidence",
        ),
        case(
            "reask_judgement_national_tools",
            "national_stars",
            "judgements[0]: a judgement in a national article names the council it grades",
        ),
        case(
            "reask_judgement_no_council_tools",
            "star_roundup",
            "judgements[0]: the answer names several councils (Camden, Kent, Wigan); say which "
            "council this judgement is about",
        ),
    ],
)
def test_a_broken_judgement_rule_is_reasked_with_its_message(article_id: str, message: str) -> None:
    h = Harness("tools")
    path = EXAMPLES / f"{article_id}.txt"
    article = load_article(path if path.exists() else GENRE / f"{article_id}.txt")
    result = h.extractor.extract(article)
    assert len(h.requests) == 2
    first, second = h.requests
    assert second["messages"][: len(first["messages"])] == first["messages"]
    error = second["messages"][-1]
    assert error["role"] == "tool" and message in error["content"]
    assert message not in str(first["messages"])
    assert result.outcome is Outcome.ok and result.attempts == 2
    assert result.summary is not None
    assert_grounded(article, result.summary)
    assert all(j.council for j in result.summary.judgements)


@pytest.mark.vcr("curated/tools_003.yaml")
def test_an_earlier_grade_keeps_its_past_and_date_through_the_llm_path() -> None:
    h = Harness("tools")
    result = h.extractor.extract(load_article(EXAMPLES / "003_9256bb802a870bff.txt"))
    assert result.summary is not None
    (earlier,) = [j for j in result.summary.judgements if j.past]
    assert (earlier.value.value, earlier.date) == ("inadequate", "2017-03")


@pytest.mark.parametrize(
    ("aspect", "value", "evidence", "ok"),
    [
        (Aspect.serving_people, "not", "Walsall is failing to serve people well", True),
        (Aspect.serving_people, "most", "Walsall is serving some people well", False),
        (Aspect.serving_people, "all", "Walsall is not serving people well", False),
        (Aspect.star_rating, "0", "the council received no stars", True),
        (Aspect.star_rating, "3", "the council received one star", False),
        (
            Aspect.overall_effectiveness,
            "requires_improvement",
            "services 'require improvement'",
            True,
        ),
        (Aspect.overall_effectiveness, "good", "leaders want to be outstanding", False),
        (Aspect.prospects, "uncertain", "its capacity to improve is 'uncertain'", True),
    ],
)
def test_the_value_must_be_stated_in_the_evidence(
    aspect: Aspect, value: str, evidence: str, ok: bool
) -> None:
    assert (value_problem(aspect, value, evidence) is None) is ok


def test_council_and_date_checks() -> None:
    assert council_problem("North East Lincolnshire", ["North East Lincolnshire"]) is None
    assert council_problem("NE Lincs", ["North East Lincolnshire"]) is None
    assert council_problem("Lincolnshire", ["North East Lincolnshire"]) is not None
    assert date_problem("2017-03", "the inadequate rating in March 2017") is None
    assert date_problem("March 2017", "the inadequate rating in March 2017") is not None
    assert "Camden, Kent" in missing_council_problem(["Camden", "Kent"])


def test_find_problems_reports_a_judgement_for_a_council_not_in_the_answer() -> None:
    article = load_article(GENRE / "star_roundup.txt").text
    answer = ArticleExtraction.model_validate(
        {
            "scope": "multi_council",
            "councils": [{"name": "Camden", "mentioned_as": "Camden"}],
            "summary": "Camden got three stars.",
            "judgements": [
                {
                    "aspect": "star_rating",
                    "value": "3",
                    "council": "Wigan",
                    "evidence": "Camden, Kent and Wigan all received three stars",
                }
            ],
        }
    )
    messages = [str(p) for p in find_problems(answer, article)]
    assert any('council "Wigan" is not among the councils of this answer' in m for m in messages)


def test_a_model_judgement_gets_the_same_confidence_measures() -> None:
    from summarise.extract.llm.judgement_checks import model_confidence

    assert model_confidence("Camden, Kent and Wigan all received three stars", False, None) == (
        "medium",
        "two councils in the sentence",
    )
    assert model_confidence("previously rated inadequate", True, None) == (
        "medium",
        "earlier grade with no date",
    )
    assert model_confidence("the inadequate rating in March 2017", True, "2017-03") == (
        "high",
        None,
    )
