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

from summarise.extract.offline.positions import ByStart
from summarise.extract.offline.text import Document, word_list

TITLES = (
    r"(?:Councillor|Cllr\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Sir|Dame|Lord|Lady|Baroness|"
    r"Professor|Prof\.?|Rev\.?)"
)
TOKEN = r"(?:Mc|Mac|O['’])?[A-Z][a-zà-ÿ]+(?:[-'’][A-Z][a-zà-ÿ]+)*"
NAME = rf"{TOKEN}(?:[ \t]+(?:[A-Z]\.?[ \t]+)?{TOKEN}){{1,2}}"


def _verb_forms(line: str) -> list[str]:
    """A line of speech_verbs.txt as its forms: one word is a regular verb, several are listed."""
    words = line.split()
    if len(words) > 1:
        return words
    verb = words[0]
    if verb.endswith("y") and verb[-2:-1] not in set("aeiou"):
        return [verb, verb[:-1] + "ies", verb[:-1] + "ied"]
    past = verb + "d" if verb.endswith("e") else verb + "ed"
    plural = verb + "es" if verb.endswith(("s", "sh", "ch")) else verb + "s"
    return [verb, plural, past]


# Longest first, so that "said" is not read as "say" plus a stray letter.
SPEECH_VERBS = "|".join(
    sorted(
        {form for line in word_list("speech_verbs.txt") for form in _verb_forms(line)},
        key=lambda f: (-len(f), f),
    )
)
ROLE_HEADS = (
    r"director|inspector|leader|member|manager|chief|spokesman|spokeswoman|spokesperson|"
    r"secretary|minister|chair|chairman|chairwoman|head|officer|executive|commissioner|"
    r"president|reporter|correspondent|editor|mayor|councillor|lead|portfolio holder"
)
# "Jane Smith from Age Concern said": the organisation she speaks for.
_AFTER_FROM = re.compile(
    r"^\s+(?:from|of|at)\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w’'&-]*(?:\s+(?:of\s+|and\s+|for\s+|&\s+)?[A-Z][\w’'&-]*){0,5})"
    rf"\s*,?\s+(?:{SPEECH_VERBS})\b"
)
# "Ofsted's Jane Smith", "Age Concern's director Jane Smith": the possessive names her organisation.
_POSSESSIVE_ORG = re.compile(
    r"(?P<org>[A-Z][\w&-]*(?:\s+(?:of\s+|and\s+|for\s+|&\s+)?[A-Z][\w&-]*){0,4})[’']s\s+"
    r"(?:[a-z][\w-]*\s+){0,3}$"
)
NOT_NAME_WORDS = word_list("not_name_words.txt")

_NAME_RE = re.compile(rf"(?:(?P<title>{TITLES})[ \t]+)?(?P<name>{NAME})")
_ROLE_WORDS = (
    r"(?P<role>(?:the |a |an |his |her |its |their )?(?:[A-Z][\w’'&-]*\s+){0,3}"
    r"[a-z][^,.;:“”\"]{2,140}?)"
)
_AFTER_ROLE = re.compile(
    r"^\s*(?:\([^)]{1,60}\))?,\s+" + _ROLE_WORDS + r"\s*(?:,|\s(?=" + SPEECH_VERBS + r")\b)"
)
# "…,' said Jane Smith, chair of the commission.": after a speech verb the role ends the sentence.
_AFTER_ROLE_AT_END = re.compile(r"^,\s+" + _ROLE_WORDS + r"\.(?=\s|$)")
_AFTER_SPEECH = re.compile(rf"^\s*(?:\([^)]{{1,60}}\))?,?\s+(?:{SPEECH_VERBS})\b")
_BEFORE_SPEECH = re.compile(rf"\b(?:{SPEECH_VERBS}|according to)\s+$")
_ROLE_BEFORE = re.compile(
    rf"(?P<role>(?:\b[A-Za-z]+(?:[’']s)?\s+){{0,5}}?(?:{ROLE_HEADS})s?"
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


def _is_organisation_like(words: str) -> bool:
    """A possessive before a name is an organisation unless it is a person's own name."""
    return words.split()[0] not in {"He", "She", "His", "Her", "Their", "Its"}


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
    """Plausible name matches, tried only at capitals: every title and name begins with one.

    re would try the pattern at every character; a capital is one character in twenty. A run with
    words that are never names before its last word ("Chief Inspector Jane", "Prime Minister
    Sam") is tried again after them; one that ends in such a word ("Devon County Council") is
    no name.
    """
    end = 0
    for capital in _CAPITAL.finditer(text):
        if capital.start() < end:
            continue
        m = _NAME_RE.match(text, capital.start())
        if m is None:
            continue
        words = list(re.finditer(r"\S+", m.group("name")))
        bad = [i for i, w in enumerate(words) if _never_name(w.group())]
        if not bad:
            end = m.end()
            yield m
        elif bad[-1] < len(words) - 1:
            end = m.start("name") + words[bad[-1] + 1].start()
        else:
            end = m.end()


def _never_name(word: str) -> bool:
    return word.replace("’", "'").rstrip(".") in NOT_NAME_WORDS


def find_people(doc: Document, publisher: str | None = None) -> list[PersonMention]:
    """Every mention of a named person that the text marks as one, in text order."""
    text = doc.text
    found: list[PersonMention] = []
    for m in _name_matches(text):
        name = m.group("name")
        # A name run may have swallowed a following capitalised word ("Jane Smith Westshire").
        if not _is_plausible(name):
            continue
        start, end = m.start("name"), m.end("name")
        before = text[max(0, m.start() - 120) : m.start()]
        after = text[end : end + 200]
        role: str | None = None
        accepted = bool(m.group("title"))
        spoken_before = _BEFORE_SPEECH.search(before) is not None
        if (ra := _AFTER_ROLE.match(after)) or (
            spoken_before and (ra := _AFTER_ROLE_AT_END.match(after))
        ):
            role = _clean_role(ra.group("role"))
            accepted = True
        elif spoken_before or _AFTER_SPEECH.match(after):
            accepted = True
        if rb := _ROLE_BEFORE.search(before.split("\n")[-1]):
            candidate = _clean_role(rb.group("role"))
            if re.match(r"(?i)^(?:who|which|that)\b", candidate):
                pass  # "X, who chairs Mid Devon …": a verb, not a role
            elif role is None and not re.match(r"(?i)^(the|a|an)$", candidate):
                role = candidate
                accepted = True
            else:
                accepted = True
        if re.search(r",\s*$", before) and re.match(rf"^,\s+(?:{SPEECH_VERBS})\b", after):
            accepted = True  # "Director of Inspections, Jane Smith, said"
        organisation = _organisation(role)
        if af := _AFTER_FROM.match(after):
            accepted = True
            organisation = organisation or af.group("org")
        po = _POSSESSIVE_ORG.search(before) if accepted and organisation is None else None
        if po is not None and _is_organisation_like(po.group("org")):
            organisation = po.group("org")
        if accepted:
            found.append(PersonMention(name, start, end, role, organisation))
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


class References:
    """The people named, grouped by name, for `resolve_reference`: a long article has thousands
    of quotes and of people named, and scanning every person for each quote was quadratic;
    there are far fewer distinct names."""

    def __init__(self, people: list[PersonMention]) -> None:
        self.people = people
        groups: dict[tuple[str, str], list[int]] = {}
        for i, p in enumerate(people):
            groups.setdefault((p.name, p.surname), []).append(i)
        self.groups = [
            (name, surname, ByStart(indexes, lambda i: people[i].start))
            for (name, surname), indexes in groups.items()
        ]
        self.first = min((p.start for p in people), default=None)


def resolve_reference(phrase: str, refs: References, before: int) -> PersonMention | None:
    """Map "Mr Smith", "Smith" or a full name to a person named earlier in the text.

    The latest in the list among people named before `before` whose name is in the phrase or
    whose surname is its last word; else (when nobody was named before) the latest among all.
    """
    words = re.findall(TOKEN, phrase)
    if not words:
        return None
    last = words[-1]
    any_before = refs.first is not None and refs.first < before
    best: int | None = None
    for name, surname, index in refs.groups:
        if name in phrase or surname == last:
            i = index.last_before(before) if any_before else index.items[-1]
            if i is not None and (best is None or i > best):
                best = i
    return refs.people[best] if best is not None else None


def full_name_for(text: str, surname: str, before: int) -> PersonMention | None:
    """The full name that a bare surname ("Ladyman added") refers back to, named earlier in text.

    Reporting names a person in full once and by surname after; the full mention may sit where
    no rule marked it as a person ("ministers Jane Smith and Sam Jones said").
    """
    if not re.fullmatch(TOKEN, surname) or surname in NOT_NAME_WORDS:
        return None
    pattern = re.compile(rf"\b{TOKEN}(?:[ \t]+{TOKEN})?[ \t]+{re.escape(surname)}\b")
    found: PersonMention | None = None
    for m in pattern.finditer(text, 0, before):
        name = m.group()
        words = name.split()
        while words and words[0].replace("’", "'").rstrip(".") in NOT_NAME_WORDS:
            words = words[1:]
        if len(words) >= 2 and _is_plausible(" ".join(words)):
            name = " ".join(words)
            found = PersonMention(name, m.end() - len(name), m.end())
    return found
