"""Whose judgement each found grade is, when it was given, and how sure the rules are.

A round-up names several councils in one sentence, each with its own grade; a story reports an
earlier grade beside the new one; a speaker calls the service outstanding. The rules give each
grade to the council the sentence ties it to, mark earlier grades as past, and say in
`confidence_note` why a grade is less than certain, so a briefing can show it as unconfirmed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from summarise.extract.offline.councils import NOT_SOCIAL_CARE
from summarise.extract.offline.judgements import FoundJudgement
from summarise.extract.offline.positions import ByStart, Cover
from summarise.extract.offline.text import Segment
from summarise.gazetteer.lookup import Mention
from summarise.models import Confidence, Judgement, JudgementValue, Scope, Span

SOCIAL_SERVICES = re.compile(
    r"social (?:services|care)|children[’']s services|child protection", re.IGNORECASE
)
# Health and other public bodies that get grades of their own ("the trust was given three stars").
_OTHER_BODY = re.compile(
    r"\b(?:NHS|hospitals?|(?<!children[’']s services )(?<!children[’']s )(?<!services )trusts?|"
    r"PCTs?|primary care|ambulance|police|constabulary|schools?|academ(?:y|ies)|colleges?|"
    r"care homes?|nurser(?:y|ies)|GP|surgery|practices?)\b",
    re.IGNORECASE,
)
# Words that end one council's part of a sentence and start another's.
_BREAK = re.compile(r"[;:]|\b(?:while|whereas|but|although|though|compared)\b", re.IGNORECASE)
# What may sit between two councils of one list ("Camden, Kent and the Wirral councils").
_LIST_GAP = re.compile(
    r"^(?:[\s,&]|\band\b|\bor\b|\bthe\b|\bboth\b|\bcouncils?\b|\bcounty\b|\bcity\b|\bborough\b|"
    r"\bMBC\b|\bas well as\b)*$",
    re.IGNORECASE,
)
_RANK = {"high": 0, "medium": 1, "low": 2}
_KIND = re.compile(r"\bthe\s+(county|city|borough|district)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Owner:
    council: str | None
    confidence: Confidence = "high"
    note: str | None = None


def assign_judgements(
    found: Sequence[FoundJudgement],
    mentions: Sequence[Mention],
    names: Sequence[str],
    scope: Scope,
    quoted: Sequence[Segment],
    span: Callable[[Segment], Span],
) -> list[Judgement]:
    """One judgement per aspect, council, value and time, each with its confidence.

    The same grade found twice keeps the better confidence and any date either gives.
    """
    kept: dict[tuple[str, str | None, str, bool], Judgement] = {}
    named = _Named(mentions, names)
    in_quotes = Cover((q.start, q.end) for q in quoted)
    for j in found:
        text = j.evidence.text
        if NOT_SOCIAL_CARE.search(text) and not SOCIAL_SERVICES.search(text):
            continue  # "Kent's library service was rated good"
        owners = _owners(j, named)
        if owners is None:
            continue  # another body's grade, or another council's
        for owner in owners:
            if owner.council is None and (scope == Scope.national or names):
                continue  # a grade no council of the article is given: a national figure
            reasons = [owner.note] if owner.note else []
            level = owner.confidence
            if in_quotes.holds(j.start):
                reasons.append("value in a quoted opinion")
                level = _worse(level, "medium")
            key = (j.aspect.value, owner.council, j.value, j.past)
            new = Judgement(
                aspect=j.aspect,
                value=JudgementValue(j.value),
                council=owner.council,
                evidence=span(j.evidence),
                date=j.date if j.past else None,
                past=j.past,
                confidence=level,
                confidence_note="; ".join(reasons) or None,
            )
            old = kept.get(key)
            if old is None or _RANK[new.confidence] < _RANK[old.confidence]:
                if old is not None and old.date and not new.date:
                    new = new.model_copy(update={"date": old.date})
                kept[key] = new
            elif old.date is None and new.date:
                kept[key] = old.model_copy(update={"date": new.date})
    return [_undated(j) for j in _time_order(list(kept.values()), found)]


def _undated(j: Judgement) -> Judgement:
    """An earlier grade that nothing dates cannot be placed in the council's timeline."""
    if not j.past or j.date:
        return j
    note = "; ".join(n for n in (j.confidence_note, "earlier grade with no date") if n)
    return j.model_copy(
        update={"confidence": _worse(j.confidence, "medium"), "confidence_note": note}
    )


def _worse(a: Confidence, b: Confidence) -> Confidence:
    return a if _RANK[a] >= _RANK[b] else b


class _Named:
    """The article's council mentions, indexed by offset: a long article has thousands of grades
    and of mentions, and scanning every mention for each grade was quadratic."""

    def __init__(self, mentions: Sequence[Mention], names: Sequence[str]) -> None:
        self.names = names
        self.mentions = ByStart(mentions, _start)
        # mentions of the councils the article reports on
        self.reported = ByStart([m for m in mentions if m.authority.name in names], _start)
        self._kinds: dict[str, set[str]] = {}

    def of_kind(self, kind: str) -> set[str]:
        """The reported councils whose mentions say `kind` ("county"): the same for each grade."""
        if kind not in self._kinds:
            reported = self.reported.items
            self._kinds[kind] = {m.authority.name for m in reported if kind in m.text.lower()}
        return set(self._kinds[kind])


def _start(m: Mention) -> int:
    return m.start


def _owners(j: FoundJudgement, named: _Named) -> list[Owner] | None:
    """The councils a grade belongs to; None when it is another council's or another body's."""
    s = j.evidence
    names = named.names
    inside = named.mentions.between(s.start, s.end)
    before = s.text[: j.start - s.start]
    other = list(_OTHER_BODY.finditer(before))
    if (
        other
        and not SOCIAL_SERVICES.search(before[other[-1].end() :])
        and not [m for m in inside if s.start + other[-1].start() < m.start < j.start]
    ):
        return None  # "Derby Hospitals NHS Trust was given three stars"
    tied = _tied_group(j, inside) if inside else None
    if tied is None:
        if len(names) == 1 and all(m.authority.name == names[0] for m in inside):
            # The article's one council, and no other in the sentence; but "Leeds was rated
            # outstanding, while its neighbour was rated good" keeps the grade apart from Leeds.
            if any(_BREAK.search(_between(s, m, j.start)) for m in inside):
                return [Owner(names[0], "medium", "judgement far from the council's name")]
            return [Owner(names[0])]
        if described := _described(before, named):
            return [described]
        if not names:
            return [Owner(None, "low", "no council named in the article")]
        near = named.reported.last_before(j.start)
        council = near.authority.name if near else None
        return [Owner(council, "low", "judgement far from the council's name")]
    group, whole = tied
    councils = [m.authority.name for m in group]
    kept = [c for c in dict.fromkeys(councils) if c in names]
    if not kept:
        return None  # the sentence gives it to a council the article does not report on
    distinct = {m.authority.name for m in inside}
    if whole or len(distinct) == 1:
        return [Owner(c) for c in kept]
    return [Owner(c, "medium", "two councils in the sentence") for c in kept]


def _between(s: Segment, m: Mention, at: int) -> str:
    """The words between a council's name and a grade, in either order."""
    return (
        s.text[m.end - s.start : at - s.start]
        if m.end <= at
        else s.text[at - s.start : m.start - s.start]
    )


def _described(before: str, named: _Named) -> Owner | None:
    """ "the county council was awarded three stars, while the city council ...": where the
    article names one county council and one city council, the words say which is meant."""
    kinds = list(_KIND.finditer(before))
    if not kinds:
        return None
    kind = kinds[-1].group(1).lower()
    fits = named.of_kind(kind)
    if len(fits) != 1:
        return None
    return Owner(fits.pop(), "medium", f"council named only as the {kind} council")


def _groups(inside: list[Mention], text: str, base: int) -> list[list[Mention]]:
    """Councils named one after another as a list, each list a group."""
    groups: list[list[Mention]] = []
    for m in inside:
        if groups and _LIST_GAP.match(text[groups[-1][-1].end - base : m.start - base]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _tied_group(j: FoundJudgement, inside: list[Mention]) -> tuple[list[Mention], bool] | None:
    """The councils the grade is said of, and whether they are every council the sentence names.

    The list just before the grade in its own part of the sentence ("Camden and Kent were rated
    good, while Wigan ..."), else the list it introduces ("no stars: Bury, Kent", "'good'
    authorities Bromley and Gateshead"); None when the sentence ties it to no council it names.
    """
    s = j.evidence
    base = s.start
    groups = _groups(inside, s.text, base)
    rel = j.start - base
    chosen: list[Mention] | None = None
    for g in reversed(groups):
        gap = s.text[g[-1].end - base : rel]
        if g[-1].end <= j.start and not _BREAK.search(gap):
            chosen = g
            break
    if chosen is None:
        for g in groups:
            gap = s.text[rel : g[0].start - base]
            near = len(gap) <= 30 or ":" in gap
            if g[0].start > j.start and near and not _BREAK.search(gap.replace(":", " ")):
                chosen = g
                break
    if chosen is None:
        return None
    names = {m.authority.name for m in inside}
    return chosen, {m.authority.name for m in chosen} == names


def _time_order(judgements: list[Judgement], found: Sequence[FoundJudgement]) -> list[Judgement]:
    """Of two values for one council and aspect, a dated older one is the earlier grade."""
    by: dict[tuple[str, str | None], list[int]] = {}
    for i, j in enumerate(judgements):
        if not j.past:
            by.setdefault((j.aspect.value, j.council), []).append(i)
    dated = {(f.aspect.value, f.value): f.date for f in found if f.date and not f.past}
    for indexes in by.values():
        values = {judgements[i].value for i in indexes}
        if len(values) < 2:
            continue
        dates = {
            i: dated.get((judgements[i].aspect.value, judgements[i].value.value)) for i in indexes
        }
        undated = [i for i in indexes if not dates[i]]
        newest = max((d for d in dates.values() if d), default=None)
        for i, date in dates.items():
            if date and (undated or date != newest):
                judgements[i] = judgements[i].model_copy(update={"past": True, "date": date})
    return judgements
