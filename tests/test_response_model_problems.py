"""`find_problems`, defect by defect: each message in full, with its field and index.

Written to kill mutants that survived in summarise/extract/llm/response_model.py
(scripts/mutation.sh): the re-ask sends these messages to the model, so their words matter.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from summarise.extract.llm.response_model import ArticleExtraction, find_problems
from summarise.ingest.reader import load_article

ROOT = Path(__file__).resolve().parents[1]
AID = "000_d3f0b9fec1a3d49c"
ANSWER: dict[str, Any] = yaml.safe_load(
    (ROOT / "cassettes" / "tools" / "answers.yaml").read_text(encoding="utf-8")
)[AID]
TEXT = load_article(ROOT / "examples" / "articles" / f"{AID}.txt").text
LONG = "Westshire social services are now among the very best in the whole of the country, " * 2


def problems(answer: dict[str, Any], first_chunk: bool = True) -> list[str]:
    extraction = ArticleExtraction.model_validate(answer)
    return [str(p) for p in find_problems(extraction, TEXT, first_chunk=first_chunk)]


def doctored(**changes: Any) -> dict[str, Any]:
    answer = copy.deepcopy(ANSWER)
    for path, value in changes.items():
        field, index, key = path.split("__")
        answer[field][int(index)][key] = value
    return answer


def test_the_curated_answer_has_no_problem() -> None:
    assert problems(ANSWER) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"quotes__0__text": "  "},
            "quotes[0]: quote text is empty; copy the spoken words exactly or drop it",
        ),
        (
            {"quotes__1__text": LONG},
            (
                f'quotes[1]: quote text "{LONG[:79]}…" is not in the article; '
                "copy the spoken words exactly or drop it"
            ),
        ),
        (
            {"figures__1__text": "45 per cent"},
            (
                'figures[1]: figure "45 per cent" is not in the article; '
                "give the number exactly as written or drop it"
            ),
        ),
        (
            {"strengths__2__evidence": "Westshire is wonderful"},
            (
                'strengths[2]: evidence "Westshire is wonderful" is not in the article; '
                "quote the supporting words copied exactly from the article"
            ),
        ),
        (
            {"concerns__0__evidence": ""},
            (
                "concerns[0]: evidence is empty; quote the supporting words copied exactly from "
                "the article"
            ),
        ),
        (
            {"recommendations__0__evidence": "Build a new town hall"},
            (
                'recommendations[0]: evidence "Build a new town hall" is not in the article; '
                "quote the supporting words copied exactly from the article"
            ),
        ),
        (
            {"councils__0__name": "Westshire"},
            (
                'councils[0]: "Westshire" is not a council in the gazetteer of UK social services '
                "authorities; use the authority's official name or drop it"
            ),
        ),
        (
            {"councils__0__mentioned_as": "Westshire County Council"},
            (
                'councils[0]: mentioned_as "Westshire County Council" is not in the article; '
                "copy the words copied exactly from the article"
            ),
        ),
        (
            {"people__0__name": "Janet Nobody"},
            (
                'people[0]: name "Janet Nobody" is not in the article; '
                "use the name as written or drop the person"
            ),
        ),
    ],
)
def test_each_defect_is_named_with_its_place_and_its_fix(
    changes: dict[str, Any], expected: str
) -> None:
    assert problems(doctored(**changes)) == [expected]


def test_a_name_differing_only_in_case_is_accepted() -> None:
    name = ANSWER["people"][0]["name"]
    assert problems(doctored(people__0__name=name.upper())) == []


def test_no_council_and_no_item_are_problems_only_in_the_first_chunk() -> None:
    bare = {
        "scope": "council",
        "councils": [],
        "review_type": "joint_review",
        "summary": "A review.",
    }
    expected = [
        (
            "councils: scope is council but no council is given; name the council (official name, "
            "with the words the article uses) or set scope to national"
        ),
        (
            "strengths: the answer has no judgements, strengths, concerns, recommendations, quotes "
            "or figures; extract the article's findings, each with its evidence"
        ),
    ]
    assert problems(bare) == expected
    assert problems(bare, first_chunk=False) == []
    assert problems(dict(bare, scope="national")) == expected[1:]
