"""summarise.gazetteer: lookup() of names and aliases, and slugify()."""

from __future__ import annotations

import re

import pytest
from gazetteer_helpers import ROOT

from summarise.gazetteer.lookup import (
    all_authorities,
    lookup,
    slugify,
)

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
