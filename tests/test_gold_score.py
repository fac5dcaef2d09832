"""The gold scorer's rules on invented summaries: F1 for councils, penalties for wrong values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarise.gold_score import score_folder


def _gold(**facts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "scope": "council",
        "councils": ["Exampleshire"],
        "optional_councils": [],
        "review_type": "inspection",
        "bodies": ["Ofsted"],
        "judgements": [["overall_effectiveness", "good"]],
        "quoted_speakers": ["Jane Smith"],
        "optional_speakers": [],
        "figures": ["12 per cent"],
        "strength_keywords": ["stable workforce"],
        "concern_keywords": [],
    }
    base.update(facts)
    return base


def _write(tmp_path: Path, gold: dict[str, Any], summaries: dict[str, dict[str, Any]]) -> Path:
    (tmp_path / "gold.json").write_text(json.dumps({"articles": gold}), encoding="utf-8")
    out = tmp_path / "articles"
    out.mkdir()
    for name, summary in summaries.items():
        summary.setdefault("source", {"path": f"in/{name}"})
        (out / f"{Path(name).stem}.json").write_text(json.dumps(summary), encoding="utf-8")
    return out


def test_a_wrong_value_and_an_extra_aspect_count_against(tmp_path: Path) -> None:
    out = _write(
        tmp_path,
        {"a.txt": _gold()},
        {
            "a.txt": {
                "councils": [{"name": "Exampleshire County Council"}],
                "scope": "council",
                "review": {"review_type": "inspection", "bodies": ["Ofsted"]},
                "judgements": [
                    {"aspect": "overall_effectiveness", "value": "good"},
                    {"aspect": "overall_effectiveness", "value": "inadequate"},
                    {"aspect": "star_rating", "value": "2"},
                ],
                "quotes": [{"speaker": "Dr Jane Smith"}],
                "figures": [{"text": "12%"}],
                "strengths": [{"text": "A stable  workforce."}],
            }
        },
    )
    figures = score_folder(tmp_path / "gold.json", out).figures()
    assert figures["councils"] == 1.0  # "County Council" is dropped before comparing
    assert figures["speakers"] == 1.0  # surnames match
    assert figures["figures"] == 1.0  # "per cent" is "%"
    assert figures["strengths"] == 1.0  # whitespace collapsed
    assert figures["judgements"] == 1 / 3


def test_a_missing_summary_counts_every_fact_as_missed(tmp_path: Path) -> None:
    out = _write(tmp_path, {"a.txt": _gold(), "b.txt": _gold()}, {"a.txt": {}})
    report = score_folder(tmp_path / "gold.json", out)
    assert report.missing == ["b.txt"]
    assert report.acc["coverage"] == [1, 2]
    assert report.counts["councils"] == [0, 0, 2]
    assert report.acc["judgements"] == [0, 2]


def test_optional_councils_are_neither_missed_nor_spurious(tmp_path: Path) -> None:
    gold = _gold(councils=["Exampleshire"], optional_councils=["Otherton"])
    out = _write(
        tmp_path,
        {"a.txt": gold},
        {"a.txt": {"councils": [{"name": "Exampleshire"}, {"name": "Otherton"}]}},
    )
    report = score_folder(tmp_path / "gold.json", out)
    assert report.counts["councils"] == [1, 0, 0]
    assert any("a.txt: speakers: missed ['smith']" in line for line in report.misses)
