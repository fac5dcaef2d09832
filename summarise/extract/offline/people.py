"""Named people and their roles, found from the contexts in which reporting names people.

A capitalised pair of words is only taken for a person when the text treats it as one: a title
("Councillor", "Mr"), an appositive role ("X, director of social services,"), a speech verb
("X said"), or a byline. Everything else (places, bodies, headline words) is left alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from summarise.extract.offline.text import Document

TITLES = r"(?:Councillor|Cllr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Sir|Dame|Lord|Lady|Baroness|Professor|Prof\.?|Rev\.?)"
TOKEN = r"(?:Mc|Mac|O['’])?[A-Z][a-zà-ÿ]+(?:[-'’][A-Z][a-zà-ÿ]+)*"
NAME = rf"{TOKEN}(?:[ \t]+(?:[A-Z]\.?[ \t]+)?{TOKEN}){{1,2}}"
SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|commented|comments|continued|explained|explains|warned|"
    r"warns|stated|states|argued|argues|insisted|insists|admitted|admits|claimed|claims|"
    r"concluded|concludes|stressed|acknowledged|responded|replied|believes|believed|welcomed|"
    r"welcomes|highlights|highlighted|praises|praised|criticised|criticises|noted|notes|urged|urges"
)
ROLE_HEADS = (
    r"director|inspector|leader|member|manager|chief|spokesman|spokeswoman|spokesperson|"
    r"secretary|minister|chair|chairman|chairwoman|head|officer|executive|commissioner|"
    r"president|reporter|correspondent|editor|mayor|councillor|lead|portfolio holder"
)
NOT_NAME_WORDS = frozenset(
    [
        "Mr",
        "Mrs",
        "Ms",
        "Miss",
        "Dr",
        "Sir",
        "Dame",
        "Lord",
        "Lady",
        "Baroness",
        "Professor",
        "Prof",
        "Rev",
        "Councillor",
        "Cllr",
        "The",
        "This",
        "That",
        "These",
        "Those",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "But",
        "And",
        "Or",
        "If",
        "When",
        "While",
        "Whilst",
        "Since",
        "After",
        "Before",
        "Despite",
        "Although",
        "However",
        "Meanwhile",
        "Another",
        "Other",
        "Inspectors",
        "Inspector",
        "Director",
        "Directors",
        "Chief",
        "Labour",
        "Conservative",
        "Tory",
        "Liberal",
        "Democrat",
        "Democrats",
        "Green",
        "Independent",
        "Council",
        "Councils",
        "County",
        "Borough",
        "City",
        "Social",
        "Services",
        "Service",
        "Commission",
        "Inspectorate",
        "Audit",
        "Care",
        "Quality",
        "Ofsted",
        "Department",
        "Health",
        "Trust",
        "Trusts",
        "Report",
        "Review",
        "Reviews",
        "Joint",
        "Government",
        "Minister",
        "Secretary",
        "State",
        "Committee",
        "Cabinet",
        "Association",
        "Authority",
        "Authorities",
        "England",
        "English",
        "Wales",
        "Welsh",
        "Britain",
        "British",
        "London",
        "Community",
        "Echo",
        "Times",
        "News",
        "Press",
        "Police",
        "University",
        "Children",
        "Young",
        "People",
        "Family",
        "Group",
        "North",
        "South",
        "East",
        "West",
        "Central",
        "Greater",
        "Royal",
        "Metropolitan",
        "Unitary",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Local",
        "Public",
        "Action",
        "Priorities",
        "Plan",
        "Strategy",
        "National",
        "Annual",
        "Justice",
        "Racial",
        "Office",
        "Standards",
        "Education",
        "Adult",
        "Adults",
        "Older",
        "Mental",
        "Learning",
        "Disabilities",
        "Key",
        "Overall",
        "Executive",
        "Leader",
        "Member",
        "Members",
        "Unit",
        "Team",
        "Centre",
        "Centres",
        "Partnership",
        "Partnerships",
        "NHS",
        "Primary",
        "Comment",
        "Comments",
        "Newspapers",
        "Financially",
        "Specifically",
        "Three",
        "Two",
        "One",
        "Four",
        "Five",
        "Six",
        "Seven",
        "Eight",
        "Nine",
        "Ten",
        "Mayor",
        "Home",
        "Homes",
        "Office",
        "Sure",
        "Start",
        "Best",
        "Value",
        "Assembly",
        "Parliament",
        "House",
        "Lords",
        "Commons",
        "Programme",
        "Fund",
        "Board",
        "Boards",
        "Panel",
        "Forum",
        "Foundation",
        "Hospital",
        "Hospitals",
        "Institute",
        "College",
        "School",
        "Schools",
        "Street",
        "Road",
        "Court",
        "Tribunal",
        "Agency",
        "Society",
        "Federation",
        "Union",
        "Alliance",
        "Network",
    ]
)

_NAME_RE = re.compile(rf"(?:(?P<title>{TITLES})[ \t]+)?(?P<name>{NAME})")
_AFTER_ROLE = re.compile(
    r"^\s*(?:\([^)]{1,60}\))?,\s+(?P<role>(?:the |a |an |his |her |its |their )?(?:[A-Z][\w’'&-]*\s+){0,3}"
    r"[a-z][^,.;:“”\"]{2,140}?)"
    r"\s*(?:,|\s(?=" + SPEECH_VERBS + r")\b)"
)
_AFTER_SPEECH = re.compile(rf"^\s*(?:\([^)]{{1,60}}\))?,?\s+(?:{SPEECH_VERBS})\b")
_BEFORE_SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS}|according to)\s+$")
_ROLE_BEFORE = re.compile(
    rf"(?P<role>(?:\b[A-Za-z]+(?:[’']s)?\s+){{0,5}}?(?:{ROLE_HEADS})"
    r"(?:\s+(?:of|for|at)\s+[^,.;:“”\"]{2,50}?)?)\s*,?\s+$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"By(?<!\wBy)[ \t]+(?P<name>[A-Z][A-Za-z'’-]+(?:[ \t]+[A-Z][A-Za-z'’-]+){1,2})\b"
)
_ORG_IN_ROLE = re.compile(
    r"\b(?:of|at|for)\s+(?:the\s+)?(?P<org>(?:[A-Z][\w’'&-]*\s*(?:of\s+|and\s+|for\s+)?)+)"
)


@dataclass(frozen=True)
class PersonMention:
    name: str
    start: int
    end: int
    role: str | None = None
    organisation: str | None = None

    @functools.cached_property
    def surname(self) -> str:
        """Computed once: resolving references asks for it for every person, every quote."""
        return self.name.split()[-1]


def _is_plausible(name: str) -> bool:
    words = name.replace("’", "'").split()
    return all(w.rstrip(".") not in NOT_NAME_WORDS for w in words) and len(words) >= 2


def _organisation(role: str | None) -> str | None:
    if not role:
        return None
    m = _ORG_IN_ROLE.search(role)
    if not m:
        return None
    org = re.sub(r"\s+(?:of|and|for)\s*$", "", m.group("org").strip())
    return org if len(org) > 2 else None


def _clean_role(role: str) -> str:
    return re.sub(r"\s+", " ", role).strip(" ,")


_CAPITAL = re.compile(r"[A-Z]")


def _name_matches(text: str) -> Iterator[re.Match[str]]:
    """`_NAME_RE.finditer(text)`, tried only at capitals: every title and name begins with one.

    re would try the pattern at every character; a capital is one character in twenty.
    """
    end = 0
    for capital in _CAPITAL.finditer(text):
        if capital.start() < end:
            continue
        m = _NAME_RE.match(text, capital.start())
        if m:
            end = m.end()
            yield m


def find_people(doc: Document, publisher: str | None = None) -> list[PersonMention]:
    """Every mention of a named person that the text marks as one, in text order."""
    text = doc.text
    found: list[PersonMention] = []
    for m in _name_matches(text):
        name = m.group("name")
        # A name run may have swallowed a following capitalised word ("Tony Harrop Leicestershire").
        if not _is_plausible(name):
            continue
        start, end = m.start("name"), m.end("name")
        before = text[max(0, m.start() - 120) : m.start()]
        after = text[end : end + 200]
        role: str | None = None
        accepted = bool(m.group("title"))
        if ra := _AFTER_ROLE.match(after):
            role = _clean_role(ra.group("role"))
            accepted = True
        elif _AFTER_SPEECH.match(after) or _BEFORE_SPEECH.search(before):
            accepted = True
        if rb := _ROLE_BEFORE.search(before.split("\n")[-1]):
            candidate = _clean_role(rb.group("role"))
            if role is None and not re.match(r"(?i)^(the|a|an)$", candidate):
                role = candidate
            accepted = True
        if re.search(r",\s*$", before) and re.match(rf"^,\s+(?:{SPEECH_VERBS})\b", after):
            accepted = True  # "Director of Joint Reviews, John Bolton, said"
        if accepted:
            found.append(PersonMention(name, start, end, role, _organisation(role)))
    for b in _BYLINE.finditer(text):
        raw = b.group("name")
        name = " ".join(w.capitalize() for w in raw.split())
        if _is_plausible(name):
            found.append(PersonMention(name, b.start("name"), b.end("name"), "reporter", publisher))
    found.sort(key=lambda p: p.start)
    return found


def merge_people(mentions: list[PersonMention]) -> list[PersonMention]:
    """One entry per person, keeping the first role and organisation the text gives."""
    by_name: dict[str, PersonMention] = {}
    for p in mentions:
        known = by_name.get(p.name)
        if known is None:
            by_name[p.name] = p
        elif known.role is None and p.role is not None:
            by_name[p.name] = PersonMention(
                known.name, known.start, known.end, p.role, p.organisation
            )
    return list(by_name.values())


def resolve_reference(
    phrase: str, people: list[PersonMention], before: int
) -> PersonMention | None:
    """Map "Mr Taylor", "Platt" or a full name to a person named earlier in the text."""
    words = re.findall(TOKEN, phrase)
    if not words:
        return None
    last = words[-1]
    # The latest match among people named before `before`, else (when nobody was) among all.
    # Scanned from the end without copying the list: this runs once per quote.
    any_before = False
    for p in reversed(people):
        if p.start < before:
            any_before = True
            if p.name in phrase or p.surname == last:
                return p
    if any_before:
        return None
    for p in reversed(people):
        if p.name in phrase or p.surname == last:
            return p
    return None
