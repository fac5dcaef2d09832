"""find_mentions(): what counts as a mention (forms, possessives, exclusions, headlines)."""

from __future__ import annotations

import pytest
from gazetteer_helpers import spans

from summarise.gazetteer.mentions import find_mentions

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
