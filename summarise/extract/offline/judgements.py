"""The judgements a review gave: which aspect, which value, and where the text says so.

Reporting states a grade in many word orders ("rated 'good'", "judged its prospects to be
poor", "a 'good' rating", "services 'require improvement'") and in any quote marks. It also
names grades that are not a council's finding: a scale, a prediction, an ambition, a national
count. Each value found here is kept with its offsets and the cues around it; which council it
belongs to, and how sure that is, is decided in `judgement_owner.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from summarise.extract.offline.dates import MONTHS, month_year, years_ago
from summarise.extract.offline.judgement_filters import Q, not_a_grade
from summarise.extract.offline.positions import any_between
from summarise.extract.offline.required import Gated, possible_by_span
from summarise.extract.offline.text import Caseless, Document, Segment
from summarise.models import Aspect, ReviewType


@dataclass(frozen=True)
class FoundJudgement:
    aspect: Aspect
    value: str
    evidence: Segment
    date: str | None = None
    start: int = -1  # where the value's words start in the document
    past: bool = False  # the text itself marks it as an earlier grade


I = re.IGNORECASE
OPEN = r"[“\"'‘]{1,2}"
CLOSE = r"[”\"'’]{1,2}"
OFSTED = (
    r"outstanding|good|inadequate|requires?\s+improvement(?:\s+to\s+be\s+good)?"
    r"|required\s+improvement"
)
PROSPECT_VALUES = r"excellent|promising|uncertain|poor"
STAR_NUM = r"zero|no|nil|one|two|three|[0-3]"
STAR_WORDS = {"zero": "0", "no": "0", "nil": "0", "one": "1", "two": "2", "three": "3"}

_NEG = r"(?:not|never|neither|nor|no\s+longer|fail(?:s|ed|ing)?\s+to|failure\s+to|unable\s+to)"
_SERVING = [
    re.compile(
        rf"(?:\b(?P<neg>{_NEG})\b(?:\s+\w+){{0,2}}?\s+|n[’']t\s+(?:\w+\s+)?)?"
        rf"(?:be\s+)?\bserv(?:e|es|ed|ing)\s+{Q}(?:(?P<q>all|most|some)\b{Q}\s+(?:of\s+the\s+)?)?"
        r"(?:local\s+)?people\s+well\b(?!\??\s*[-–—:]\s*\w)",
        I,
    ),
    # A form or table: "Serving people well? - some"
    re.compile(rf"\bserving\s+people\s+well\??\s*[-–—:]\s*{Q}(?P<q>all|most|some|no|none)\b", I),
]
_CAPACITY = (
    r"(?:prospects(?=\W)|capacity|potential)(?:\s+for\s+(?:continued\s+|further\s+)?"
    r"improvement|\s+to\s+improve)"
)
_PROSPECTS_WORDS = rf"(?:prospects|{_CAPACITY})"
_LINK = (
    r"are|were|is|was|as|remain(?:s|ed)?|judged|rated|looked|both|been|had|has|have|now|"
    r"categori[sz]ed|described|assessed|deemed|considered|seen|to\s+be|still"
)
_PROSPECTS = [
    re.compile(rf"\b{Q}(?P<v>{PROSPECT_VALUES}){Q}\s+(?:prospects|capacity)\b", I),
    re.compile(
        rf"\b{_PROSPECTS_WORDS}(?:\s+in\s+[\w’' ]{{1,40}}?)?(?:\s+(?:{_LINK}))+\s+{Q}"
        rf"(?P<v>{PROSPECT_VALUES})\b",
        I,
    ),
    re.compile(rf"\b{_PROSPECTS_WORDS}\s*\??\s*[-–—:]\s*{Q}(?P<v>{PROSPECT_VALUES})\b", I),
]
_VERBS = (
    r"rated|judged|ruled|graded|deemed|declared|considered|condemned|branded|labelled|"
    r"categori[sz]ed|classed|assessed|found|described"
)
_EFFECTIVENESS = [
    # "rated its overall effectiveness as 'good'", "found to be 'inadequate'"
    re.compile(
        rf"\b(?:{_VERBS})\b(?:\s+(?!and\b|but\b|requires?\b|required\b)[\w’'-]+){{0,6}}?"
        r"\s+(?:as|to\s+be)\s+"
        rf"{Q}(?P<v>{OFSTED})\b",
        I,
    ),
    # "downgraded to 'inadequate'", "improved to good"
    re.compile(
        r"\b(?:downgraded|upgraded|moved|raised|lowered|improved|dropped|fallen|fell|slipped|"
        rf"rose|risen)\s+(?:\w+\s+){{0,3}}?(?:to|into)\s+{Q}(?P<v>{OFSTED})\b",
        I,
    ),
    # "rated 'outstanding' by Ofsted", "judged inadequate"
    re.compile(rf"\b(?:{_VERBS.replace('found|', '')})\s+{Q}(?P<v>{OFSTED})\b", I),
    # "judged the council's children's services inadequate"
    re.compile(
        rf"\b(?:{_VERBS})\s+(?:[\w’'-]+\s+){{0,5}}?(?:services?|care|council|authority|"
        rf"department|it|them)\s+{Q}(?P<v>{OFSTED})\b",
        I,
    ),
    # "a 'good' rating", "an overall outstanding judgement", "inadequate-rated"
    re.compile(
        rf"(?<![\w-]){Q}(?P<v>{OFSTED}){Q}[\s-]+(?:overall\s+)?"
        r"(?:ratings?|judge?ments?|grades?|verdicts?|labels?|rated)\b",
        I,
    ),
    re.compile(rf"\brat(?:ing|ed)\s+of\s+{Q}(?P<v>{OFSTED})\b", I),
    # "'inadequate' councils", "'good' authorities Bromley and Gateshead", "'inadequate' Surrey"
    re.compile(
        rf"{OPEN}(?P<v>(?i:{OFSTED})){CLOSE}\s+(?:(?i:local\s+authorit(?:y|ies)|councils?|"
        r"authorit(?:y|ies))\b|(?=[A-Z]))"
    ),
    re.compile(r"\b(?P<v>inadequate)\s+(?:councils|local\s+authorities|authorities)\b", I),
    # "services are 'inadequate'"
    re.compile(
        rf"\b(?:is|are|was|were|remains?|remained|been|be)\s+(?:still\s+|now\s+)?"
        rf"{OPEN}(?P<v>{OFSTED}){CLOSE}",
        I,
    ),
    # "services 'require improvement'"
    re.compile(rf"{OPEN}(?P<v>requires?\s+improvement|required\s+improvement)\b", I),
]
# Unquoted "required improvement" or "remain inadequate" is a grade only where the sentence is
# about a rating.
_REQUIRES = re.compile(r"\b(?P<v>requires?|required)\s+improvement\b", I)
_REMAINS = re.compile(rf"\b(?:remains?|remained|remaining)\s+(?:rated\s+)?{Q}(?P<v>{OFSTED})\b", I)
_RATING_CONTEXT = re.compile(
    r"\bOfsted\b|\bCQC\b|Care Quality Commission|inspect|regulator|watchdog|\brat(?:ed|ing)\b", I
)
# "go from 'requires improvement' to 'outstanding'": the first is the earlier grade.
_FROM_TO = re.compile(
    rf"\bfrom\s+{Q}(?P<old>{OFSTED}){Q}\s+(?:to|into)\s+(?:be\s+)?{Q}(?P<v>{OFSTED})\b", I
)
# Sub-judgements ("adoption was rated good") are points, not the overall judgement.
_SUB_AREA = re.compile(
    r"\b(?:adoption|fostering|leadership|leaders|management|safeguarding|leavers|in\s+care|"
    r"looked[- ]after|protection|experiences?|progress|practice|categor(?:y|ies)|"
    r"sub-judge?ments?|domains?|outcomes?|areas?\s+of)\b",
    I,
)
_WHOLE = re.compile(
    r"\boverall\b|\bchildren[’']s\s+(?:social\s+care\s+)?services?\b|\bsocial\s+care\s+services?\b|"
    r"\badult\s+social\s+care\b|\bcouncil\b|\bauthority\b|\bdepartment\b",
    I,
)
_SUB_AFTER = re.compile(rf"^{Q}\s+(?:in|for)\s+(?:its\s+|the\s+)?{_SUB_AREA.pattern}", I)
_STARS = re.compile(
    rf"\b(?P<v>{STAR_NUM})(?:[- ]|\s*-\s*)stars?\b(?![- ]rating\s+system)"
    rf"|\bstar\s+rating\s+of\s+(?P<v2>{STAR_NUM})\b"
    r"|\b(?P<v3>zero|nil)\s+(?:star\s+)?rating\b",
    I,
)
# "two and three stars", "zero through to three stars": a range or a count, not a grade.
_STAR_RANGE = re.compile(
    rf"\b(?:{STAR_NUM})(?:[- ]stars?)?\s*(?:,|and|or|&)\s*(?:{STAR_NUM})[- ]stars?\b"
    r"|\b(?:zero|no|nil|0)(?:[- ]stars?)?\s*(?:(?:through\s+)?to|-|–)\s*(?:three|3)[- ]stars?\b",
    I,
)
_PROGRESS = re.compile(
    r"\b(?:(?P<v>insufficient|sufficient|inadequate|adequate)\s+progress|"
    r"(?P<neg>not\s+(?:making\s+)?(?:enough|sufficient)\s+progress))\b",
    I,
)
_DATE_AFTER = re.compile(rf"\b(?:in|since|from)\s+(?:(?P<m>{MONTHS})\s+)?(?P<y>(?:19|20)\d\d)\b")
_DATE_BEFORE = re.compile(rf"\b(?:in|since)\s+(?:(?P<m>{MONTHS})\s+)?(?P<y>(?:19|20)\d\d)\b")
_PAST_BEFORE = re.compile(
    r"\b(?:previously|formerly|earlier(?!\s+this\b)|once(?!\s+(?:again|more)\b)|used\s+to|"
    r"no\s+longer|prior|last\s+year[’']s|since)"
    rf"\b[^.;]{{0,60}}$|\bfrom\s+{Q}$",
    I,
)
_PAST_AFTER = re.compile(
    r"^[^.;]{0,30}(?<!after\s)(?<!since\s)\b(?:previously|before|in\s+the\s+past|"
    r"under\s+the\s+previous|"
    r"(?:at|following|after|in)\s+(?:its|the)\s+(?:last|previous)\b)",
    I,
)


def _judgement_date(
    doc: Document, s: Segment, start: int, end: int, published: str | None
) -> str | None:
    """The year (and month) the text gives a grade: just after or before it, or "N years ago"."""
    rel_start, rel_end = start - s.start, end - s.start
    m = _DATE_AFTER.search(s.text, rel_end, rel_end + 60)
    if m is None:
        before = list(_DATE_BEFORE.finditer(s.text, max(0, rel_start - 50), rel_start))
        m = before[-1] if before else None
    if m:
        return month_year(m.group("m"), m.group("y"))
    return years_ago(s.text, published)


# Every judgement pattern needs one of these words; one search skips most sentences cheaply.
_JUDGEMENT_HINT = Caseless(
    re.compile(
        r"people\s+well|prospects|capacity|potential|rat(?:ed|ing)|judge|ruled|grade|verdict|"
        r"stars?\b|progress|deemed|assessed|declared|found|considered|condemned|branded|"
        r"labelled|categori|classed|described|improvement|inadequate|outstanding|remain|"
        r"[“\"'‘]{1,2}good[”\"'’]"
    )
)


# The same patterns, each skipped in a sentence that lacks every word it needs.
_SERVING_G = [Gated(p) for p in _SERVING]
_PROSPECTS_G = [Gated(p) for p in _PROSPECTS]
_EFFECTIVENESS_G = [Gated(p) for p in _EFFECTIVENESS]
_REQUIRES_G, _REMAINS_G, _RATING_CONTEXT_G = (
    Gated(_REQUIRES),
    Gated(_REMAINS),
    Gated(_RATING_CONTEXT),
)
_FROM_TO_G, _STARS_G, _STAR_RANGE_G = Gated(_FROM_TO), Gated(_STARS), Gated(_STAR_RANGE)
_PROGRESS_G = Gated(_PROGRESS)
_ALL_G = [*_SERVING_G, *_PROSPECTS_G, *_EFFECTIVENESS_G, _REQUIRES_G, _REMAINS_G]
_ALL_G += [_RATING_CONTEXT_G, _FROM_TO_G, _STARS_G, _STAR_RANGE_G, _PROGRESS_G]


def _scan(gated: Gated, text: str, here: set[Gated] | None) -> Iterator[re.Match[str]]:
    """`gated`'s matches in `text`, none when it is not among those possible `here`."""
    return gated.pattern.finditer(text) if here is None or gated in here else iter(())


def find_judgements(
    doc: Document,
    review_type: ReviewType,
    published: str | None = None,
    named: Sequence[int] = (),
) -> list[FoundJudgement]:
    """Every judgement phrase, in text order, without the scales, predictions and counts.

    `named`: where councils are named; a count of councils that names them is not a statistic.
    """
    named = sorted(named)  # the rules below bisect it
    out: list[FoundJudgement] = []
    hints = {doc.sentence_at(m.start()).start for m in _JUDGEMENT_HINT.finditer(doc)}
    hinted = [s for s in doc.sentences if s.start in hints]
    possible = possible_by_span(_ALL_G, doc.lower, [(s.start, s.end) for s in hinted])
    for s, here in zip(hinted, possible, strict=True):
        found = _sentence_judgements(doc, s, review_type, published, named, here)
        seen: set[tuple[Aspect, int]] = set()
        for j in found:
            if (j.aspect, j.start) not in seen and not not_a_grade(s, j.start, j.aspect, named):
                seen.add((j.aspect, j.start))
                out.append(j)
    return out


def _found(
    doc: Document,
    s: Segment,
    aspect: Aspect,
    value: str,
    m: re.Match[str],
    group: str | int,
    published: str | None,
    past: bool = False,
) -> FoundJudgement:
    start, end = s.start + m.start(group), s.start + m.end(group)
    rel = m.start(group)
    before = s.text[max(0, rel - 80) : rel]
    after = s.text[m.end(group) : m.end(group) + 40]
    past = past or bool(_PAST_BEFORE.search(before) or _PAST_AFTER.search(after))
    date = _judgement_date(doc, s, start, end, published)
    return FoundJudgement(aspect, value, s, date, start, past)


def _sentence_judgements(
    doc: Document,
    s: Segment,
    review_type: ReviewType,
    published: str | None,
    named: Sequence[int] = (),
    here: set[Gated] | None = None,
) -> list[FoundJudgement]:
    """`here`: the patterns that can match in `s` (`possible_by_span`); None tries them all."""
    out: list[FoundJudgement] = []
    t = s.text

    def add(
        aspect: Aspect, value: str, m: re.Match[str], group: str | int, past: bool = False
    ) -> None:
        out.append(_found(doc, s, aspect, value, m, group, published, past))

    for gated in _SERVING_G:
        for m in _scan(gated, t, here):
            q = (m.group("q") or "all").lower()
            neg = m.groupdict().get("neg") or re.match(r"n[’']t", m.group())
            value = "not" if neg or q in ("no", "none") else q
            add(Aspect.serving_people, value, m, 0)
    for gated in _PROSPECTS_G:
        for m in _scan(gated, t, here):
            add(Aspect.prospects, m.group("v").lower(), m, "v")
    for m in _scan(_FROM_TO_G, t, here):
        add(Aspect.overall_effectiveness, _ofsted(m.group("old")), m, "old", past=True)
        add(Aspect.overall_effectiveness, _ofsted(m.group("v")), m, "v")
    patterns = list(_EFFECTIVENESS_G)
    if (here is None or _RATING_CONTEXT_G in here) and _RATING_CONTEXT.search(t):
        patterns += [_REQUIRES_G, _REMAINS_G]
    for i, gated in enumerate(patterns):
        for m in _scan(gated, t, here):
            if _sub_judgement(t, m.start("v"), m.end("v")):
                continue
            if i in _OBJECT_NAMED or _whole_subject(s, m.start("v"), named):
                add(Aspect.overall_effectiveness, _ofsted(m.group("v")), m, "v")
    if doc.may_contain(s, "star", "zero", "nil"):
        ranges = [(r.start(), r.end()) for r in _scan(_STAR_RANGE_G, t, here)]
        for m in _scan(_STARS_G, t, here):
            group = next(g for g in ("v", "v2", "v3") if m.group(g))
            if any(a <= m.start(group) < b for a, b in ranges):
                continue
            raw = m.group(group).lower()
            add(Aspect.star_rating, STAR_WORDS.get(raw, raw), m, group)
    if review_type in (ReviewType.monitoring_visit, ReviewType.focused_visit):
        for m in _scan(_PROGRESS_G, t, here):
            v = (m.group("v") or "").lower()
            value = "sufficient" if v in ("sufficient", "adequate") else "insufficient"
            add(Aspect.progress, value, m, 0)
    return out


# Patterns that name what is graded themselves ("judged the council's services inadequate",
# "'inadequate' Surrey", "inadequate councils") or call it the rating ("the inadequate rating"):
# no subject to look for.
_OBJECT_NAMED = frozenset({3, 4, 5, 6, 7})
_WHOLE_WORDS = frozenset(
    {"services", "service", "council", "councils", "authority", "authorities", "department"}
    | {"directorate", "it", "they", "them", "its", "their", "overall", "effectiveness"}
    | {"provision", "care", "social", "borough", "county", "city", "mbc", "trust"}
)
_WORD = re.compile(r"[A-Za-z]+")
_SHARED_SUBJECT = re.compile(
    r"\band\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+){0,3}\W*$", I
)
_SUBJECT_CLAUSE = re.compile(r".*(?:[;:]|\b(?:while|whereas|but|although|though)\b)", I | re.DOTALL)


def _whole_subject(s: Segment, rel: int, named: Sequence[int]) -> bool:
    """ "Services were rated good", "Derby was rated good": the grade is the whole service's.

    Among the last words before the grade there must be a council's name, a word for the whole
    service, or a pronoun for it; "partnership working was rated good" grades a part. A verb
    joined by "and" ("Leeds has become ... and was rated good") shares the clause's subject.
    """
    before = s.text[:rel]
    clause = _SUBJECT_CLAUSE.match(before)  # a bracketed aside does not end the clause
    cut = clause.end() if clause else 0
    if _SHARED_SUBJECT.search(before):
        words = list(_WORD.finditer(before))  # the subject is the sentence's, however far back
    else:
        words = list(_WORD.finditer(before, cut))[-9:]
    if not words:
        return False
    first = s.start + words[0].start()
    if any_between(named, first, s.start + rel):
        return True
    return any(w.group().lower() in _WHOLE_WORDS for w in words)


def _ofsted(raw: str) -> str:
    value = raw.lower()
    return "requires_improvement" if value.startswith("requir") else value


def _sub_judgement(t: str, start: int, end: int) -> bool:
    """ "adoption was rated good", "inadequate in safeguarding": a part, not the whole service."""
    if _SUB_AFTER.search(t[end : end + 40]):
        return True
    window = t[max(0, start - 70) : start]
    subs = list(_SUB_AREA.finditer(window))
    if not subs:
        return False
    return not _WHOLE.search(window, subs[-1].end())
