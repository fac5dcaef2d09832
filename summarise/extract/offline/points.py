"""Strengths, concerns and recommendations, from cue words, contrasts and bulleted lists.

Sentences are cut at their contrasts ("X has improved, but Y remains") and each clause is judged
on its own, because inspection reporting almost always pairs praise with a criticism.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from typing import NamedTuple

from summarise.extract.offline.firstchar import first_char_union
from summarise.extract.offline.people import SPEECH_VERBS
from summarise.extract.offline.quotes import BODY_WORDS
from summarise.extract.offline.text import (
    Document,
    Segment,
    bullet_body,
    caseless_lower,
    is_bullet,
    split_clauses,
)
from summarise.models import ServiceArea

STRONG_POSITIVE = re.compile(
    r"\b(?:praise[ds]?|praising|strengths?|commend(?:s|ed)?|success(?:ful|fully)?|excellent|"
    r"working particularly well|highly satisfied|outstanding)\b",
    re.IGNORECASE,
)
# Word families, not single forms: "strength" brings "strengthen", "strengthened".
POSITIVE = re.compile(
    r"\b(?:strong|good|well|improved|improving|improvements?|committed|commitment|pleased|"
    r"effective|positive|welcome[ds]?|(?:good|significant|real|steady|considerable|made|making|"
    r"measurable) progress|satisfied|stable|valued?|supported|better|innovative|cutting edge|"
    r"achievement|high proportion|delivering|investment|rated services as|top \d+%|best|"
    r"highlight(?:s|ed)?|manageable|knew their|strengthen(?:s|ed|ing)?|protected|safe)\b",
    re.IGNORECASE,
)
# A prefix that negates a praise word makes a criticism of it: "ineffective", "unacceptable".
STRONG_NEGATIVE = re.compile(
    r"\b(?:concerns?|concerned|concerning|criticis(?:ed|m|ms|es|ing)|critical|"
    r"fail(?:s|ing|ings|ed|ure|ures)?|inadequa(?:te|tely|cy|cies)|slow(?:ly|ness)?|"
    r"insufficient(?:ly)?|special measures|crisis|out of control|lack(?:s|ed|ing)? of|"
    r"condemn(?:s|ed|ing|ation)?|damning|shortcomings?|deficien(?:t|cy|cies)|"
    r"(?:in|un)(?:effective(?:ly|ness)?|acceptabl[ey]|satisfactor(?:y|ily)|safe)|"
    r"(?:changes?|turnover) of (?:social workers?|staff))\b",
    re.IGNORECASE,
)
NEGATIVE = re.compile(
    r"\b(?:delays?|delayed|(?<!learning )difficult(?:y|ies)|(?<!health )problems?|risks?|poor|"
    r"poorly|weak(?:ly|ness|nesses)?|inconsisten(?:t|tly|cy|cies)|fragmented|lack(?:s|ing)?|"
    r"struggl(?:e|es|ed|ing)|shortages?|vacanc(?:y|ies)|turnover|overspen(?:t|d|ds|ding)|"
    r"underfund(?:ed|ing)|volatile|low|"
    r"secretive|disappointing|not all|too many|too few|relatively few|under threat|barriers?|"
    r"much to do|some way to go|room for (?:further )?improvement|need(?:s)? to (?:improve|be|get)|"
    r"not performing|impairs?|harmed|negatively|frequent change|unresolved|obstacles?|pressures?|"
    r"outweighed|insular|warn(?:s|ed|ing)?|missing out|tightening|waiting lists?|too long|"
    r"faster progress|harder|"
    r"(?:rising|increasing|growing|mounting|soaring)\s+(?:demand|workloads?|caseloads?|costs?)|"
    r"(?:decreasing|falling|shrinking|reduced)\s+budgets?)\b",
    re.IGNORECASE,
)
RECOMMEND = re.compile(
    r"\b(?:recommend(?:s|ed|ing|ations?)?|should|must|needs? to|will need to|urged?|calls? for|"
    r"called for|priorit(?:y|ies) for action|has to|ought to)\b",
    re.IGNORECASE,
)
RECOMMENDATION_LEAD = re.compile(
    r"\b(?:priorities for action|recommendations?|recommend(?:s|ed)?|action plan|they include|"
    r"should)\b.*:\s*$",
    re.IGNORECASE,
)
NEUTRAL_LEAD = re.compile(r":\s*$")

SERVICE_AREA_CUES: list[tuple[ServiceArea, re.Pattern[str]]] = [
    (
        ServiceArea.child_protection,
        re.compile(
            r"child protection|safeguarding|at risk|escalating risk|help and protection",
            re.IGNORECASE,
        ),
    ),
    (
        ServiceArea.looked_after_children,
        re.compile(
            r"looked[- ]after|children[’']s homes?|in care\b|care leavers?|fostering|adoption|"
            r"placements?|residential homes",
            re.IGNORECASE,
        ),
    ),
    (
        ServiceArea.older_people,
        re.compile(r"older people|elderly|home care|residential care|nursing care", re.IGNORECASE),
    ),
    (
        ServiceArea.learning_disabilities,
        re.compile(r"learning (?:disabilit|difficult)", re.IGNORECASE),
    ),
    (ServiceArea.mental_health, re.compile(r"mental health", re.IGNORECASE)),
    (
        ServiceArea.physical_disabilities,
        re.compile(r"physical (?:and sensory )?disabilit|sensory", re.IGNORECASE),
    ),
    (ServiceArea.carers, re.compile(r"\bcarers?\b", re.IGNORECASE)),
    (
        ServiceArea.workforce,
        re.compile(
            r"recruit|retention|retain|staff|social workers?|workforce|vacanc|turnover|"
            r"case ?loads|supervision",
            re.IGNORECASE,
        ),
    ),
    (
        ServiceArea.finance,
        re.compile(r"budget|financ|overspen|cost|value for money|£|fund", re.IGNORECASE),
    ),
    (
        ServiceArea.partnership,
        re.compile(r"partnership|joint working|health|NHS|primary care|agencies", re.IGNORECASE),
    ),
    (ServiceArea.adults, re.compile(r"\badults?\b|vulnerable|direct payments", re.IGNORECASE)),
    (ServiceArea.children, re.compile(r"child|young people|family|families", re.IGNORECASE)),
]


class FoundPoint(NamedTuple):
    kind: str  # "strength" | "concern" | "recommendation"
    segment: Segment
    service_area: ServiceArea
    cut_off: bool = False  # the sentence stops where the page does


def _is_cut_off(sentences: list[Segment]) -> bool:
    """A paragraph whose last sentence has no end was cut off (by the page, or by whoever copied
    it), unless it is a headline, caption or crosshead: one short sentence. A colon ends a
    lead-in, not a cut."""
    last = sentences[-1].text
    return not last.endswith(":") and (len(sentences) > 1 or len(last.split()) >= CUT_OFF_WORDS)


def cut_off_text(text: str) -> str:
    """A cut-off sentence as a point: its last word may be half a word, so it goes, and an
    ellipsis says the sentence goes on."""
    words = text.split()
    return " ".join(words[:-1]).rstrip(" ,;:-–—") + " …" if len(words) > 1 else text


def _named_union(patterns: list[tuple[str, re.Pattern[str]]], *, lower: bool) -> str:
    """One pattern with a named group per cue list, so the text is scanned once, not once per list.

    With `lower`, the cue words are lower-cased (the patterns use no upper-case escapes).
    """
    return "|".join(
        f"(?P<{name}>{p.pattern.lower() if lower else p.pattern})" for name, p in patterns
    )


# Praise turned into criticism: a negated praise word ("did not have sufficient capacity",
# "cannot keep children safe"), and improvement named as a need ("requires improvement",
# "areas for improvement").
FLIP = re.compile(
    r"\b(?:(?:not|no longer|never|isn[’']t|aren[’']t|cannot|can[’']t|unable to|fail(?:s|ed)? to)"
    r"\s+(?:\w+\s+)?(?:improv\w*|good|well|enough|quickly|sufficient|adequate|effective|safe)"
    r"|requir(?:e|es|ed|ing) improvement|improvement areas?|areas? for improvement)\b"
)
# Lower-cased patterns run on lower-cased text: Python's re is several times slower with re.I.
_CUE_LISTS = [
    ("flip", FLIP),
    ("sp", STRONG_POSITIVE),
    ("p", POSITIVE),
    ("sn", STRONG_NEGATIVE),
    ("n", NEGATIVE),
]
_CUES_I = re.compile(_named_union(_CUE_LISTS, lower=False), re.IGNORECASE)
_AREA_LISTS = [(f"a{i}", p) for i, (_, p) in enumerate(SERVICE_AREA_CUES)]
_AREAS_I = re.compile(_named_union(_AREA_LISTS, lower=False), re.IGNORECASE)
# Cues start at a word boundary (or "£"); grouping the cue words by first letter spares re from
# trying each of them at every word.
_CUES, _CUE_NAMES = first_char_union(
    [(n, p.pattern.lower()) for n, p in _CUE_LISTS], word_start=True
)
_AREAS, _AREA_NAMES = first_char_union(
    [(n, p.pattern.lower()) for n, p in _AREA_LISTS], word_start=True, free="£"
)
_RECOMMEND, _ = first_char_union([("r", RECOMMEND.pattern.lower())], word_start=True)
# "not improving" counts as strong criticism: the flip consumes the praise word it negates.
WEIGHTS = {"flip": (0, 2), "sp": (2, 0), "p": (1, 0), "sn": (0, 2), "n": (0, 1)}


class CueIndex:
    """Every cue word of a text, found in one pass; clauses then sum the cues inside them."""

    def __init__(self, text: str, low: str | None) -> None:
        """`low`: `caseless_lower(text)`; None runs the re.IGNORECASE forms on `text`."""
        if low is not None:
            self.cues = [
                (m.start(), _CUE_NAMES.get(m.lastgroup or "", "p")) for m in _CUES.finditer(low)
            ]
            areas = [
                (m.start(), _AREA_NAMES.get(m.lastgroup or "", "a0")) for m in _AREAS.finditer(low)
            ]
            self.recommends = [m.start() for m in _RECOMMEND.finditer(low)]
        else:
            self.cues = [(m.start(), m.lastgroup or "p") for m in _CUES_I.finditer(text)]
            areas = [(m.start(), m.lastgroup or "a0") for m in _AREAS_I.finditer(text)]
            self.recommends = [m.start() for m in RECOMMEND.finditer(text)]
        self.areas = [(start, int(name[1:])) for start, name in areas]
        self._cue_starts = [c[0] for c in self.cues]
        self._area_starts = [a[0] for a in self.areas]
        self._area_ids = [a[1] for a in self.areas]
        # Running totals of the weights, so that a clause's score is two subtractions.
        self._positive = list(accumulate((WEIGHTS[name][0] for _, name in self.cues), initial=0))
        self._negative = list(accumulate((WEIGHTS[name][1] for _, name in self.cues), initial=0))

    @staticmethod
    def _range(starts: list[int], seg: Segment) -> range:
        return range(bisect_left(starts, seg.start), bisect_left(starts, seg.end))

    def score(self, seg: Segment) -> tuple[int, int]:
        first, stop = (
            bisect_left(self._cue_starts, seg.start),
            bisect_left(self._cue_starts, seg.end),
        )
        return self._positive[stop] - self._positive[first], self._negative[stop] - self._negative[
            first
        ]

    def area(self, seg: Segment) -> ServiceArea:
        found = self._area_ids[
            bisect_left(self._area_starts, seg.start) : bisect_left(self._area_starts, seg.end)
        ]
        return SERVICE_AREA_CUES[min(found)][0] if found else ServiceArea.other

    def recommendation(self, seg: Segment) -> bool:
        return bool(self._range(self.recommends, seg))

    def classify(self, seg: Segment) -> str | None:
        """'strength', 'concern', 'recommendation' or None, from the clause's own words."""
        positive, negative = self.score(seg)
        recommends = self.recommendation(seg)
        if recommends and negative == 0 and positive == 0:
            return "recommendation"
        if negative > positive:
            return "concern"
        if positive > negative:
            return "strength"
        return "recommendation" if recommends else None


def _whole(text: str) -> Segment:
    return Segment(0, len(text), text)


def service_area_of(text: str) -> ServiceArea:
    """The first area in SERVICE_AREA_CUES order that the text mentions."""
    return CueIndex(text, caseless_lower(text)).area(_whole(text))


def classify_clause(text: str) -> str | None:
    return CueIndex(text, caseless_lower(text)).classify(_whole(text))


SAID = re.compile(rf"\b(?:{SPEECH_VERBS})\b")


class Quoted:
    """The stretches of text inside quotation marks: a quote is someone's words, reported as a
    quote with its speaker, never as the article's own finding."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self._starts = [s for s, _ in self.spans]

    def attributes(self, seg: Segment) -> bool:
        """Whether `seg` is a quote with its attribution: it holds quoted words and a speech verb
        ("Councillor Jones said: 'We are delighted'", "Jones said the report was 'unfair'")."""
        return self.covers(seg) or (self._overlaps(seg) and SAID.search(seg.text) is not None)

    def _overlaps(self, seg: Segment) -> bool:
        i = bisect_left(self._starts, seg.end)
        return any(end > seg.start for _, end in self.spans[max(i - 3, 0) : i])

    def covers(self, seg: Segment) -> bool:
        """Whether most of `seg` lies inside quotes."""
        inside = 0
        spans = self.spans
        # by index: a slice `spans[i:]` would copy the rest of the list for every segment
        for i in range(max(bisect_left(self._starts, seg.start) - 1, 0), len(spans)):
            start, end = spans[i]
            if start >= seg.end:
                break
            inside += max(0, min(end, seg.end) - max(start, seg.start))
        return inside * 2 > seg.end - seg.start


# A quote stays a point when it relays the inspection's findings ("the report highlights our
# work", "Ofsted, however, recognise that …"): the inspectors are the subject of a finding verb.
RELAYS_FINDING = re.compile(
    BODY_WORDS.pattern
    + r"[\s,]+(?:\w+[\s,]+){0,2}?(?:finds?|found|says|said|highlight(?:s|ed)?|recognis\w*|"
    r"praise[sd]?|commend(?:s|ed)?|criticis\w*|notes?|noted|identif\w*|rated?|judged?)\b"
)


def _clause_points(sentence: Segment, cues: CueIndex, quoted: Quoted) -> list[FoundPoint]:
    if cues.score(sentence) == (0, 0) and not cues.recommendation(sentence):
        return []  # no cue word anywhere in the sentence, so none in any of its clauses
    out: list[FoundPoint] = []
    clauses = split_clauses(sentence)
    kinds = _contrasted([cues.classify(c) for c in clauses], clauses)
    for clause, kind in zip(clauses, kinds):
        if kind and not (quoted.attributes(clause) and not RELAYS_FINDING.search(clause.text)):
            out.append(FoundPoint(kind, clause, cues.area(clause)))
    return out


CONCESSION = re.compile(r"^[“‘\"']?(?:despite|although|while|whilst|though)\b", re.IGNORECASE)
OPPOSITE = {"strength": "concern", "concern": "strength"}


def _contrasted(kinds: list[str | None], clauses: list[Segment]) -> list[str | None]:
    """A concession contrasts with the clause it qualifies: "Although staff work hard, delays
    remain" concedes a strength to a concern, whatever the concession's own cue words say."""
    out = list(kinds)
    for i, clause in enumerate(clauses):
        if not CONCESSION.match(clause.text):
            continue
        j = i + 1 if i + 1 < len(clauses) else i - 1  # a leading concession qualifies the next
        partner = kinds[j] if 0 <= j < len(kinds) and j != i else None
        if partner in OPPOSITE:
            out[i] = OPPOSITE[partner]
    return out


def _list_kind(text: str) -> str | None:
    """What a list after this block holds; both leads end in ":" (checked first, it is cheaper)."""
    if not text.rstrip().endswith(":"):
        return None
    if RECOMMENDATION_LEAD.search(text):
        return "recommendation"
    return "mixed" if NEUTRAL_LEAD.search(text) else None


# A headline or crosshead is short; a paragraph cut off after one sentence is longer.
CUT_OFF_WORDS = 20
# A sentence is whole when it ends as sentences do; a headline, a caption or a line cut off where
# the page stops does not.
ENDED = re.compile(r"[.!?…][”’\"')\]]*$|[”’\"]$")
# "Home / News / Social care", "Home > News > …": two or more separators between short items.
BREADCRUMB = re.compile(r"^(?:[^/>›|»]{1,40}\s[/>›|»]\s){2,}")


def find_points(
    doc: Document, skip: list[tuple[int, int]], quoted: list[tuple[int, int]] | None = None
) -> list[FoundPoint]:
    """Points from the body's sentences and bullet lists; `skip` are regions to ignore (headline),
    `quoted` the quotations, which are never points."""
    out: list[FoundPoint] = []
    in_quotes = Quoted(quoted or [])
    cues = CueIndex(doc.text, doc.lower)
    list_kind: str | None = None
    last = len(doc.blocks) - 1
    for i, (block, sentences) in enumerate(zip(doc.blocks, doc.block_sentences)):
        if any(s <= block.start < e for s, e in skip) or block.text.isupper():
            continue  # the headline, and ALL-CAPS section headings, are not findings
        if BREADCRUMB.search(block.text):
            continue  # site navigation
        if is_bullet(block):
            body = bullet_body(block).stripped(" .;")
            # A list item needs no full stop, but the page's last line may be cut off mid-word.
            cut = i == last and not ENDED.search(block.text)
            if list_kind == "recommendation":
                out.append(FoundPoint("recommendation", body, cues.area(body), cut))
            else:
                out.extend(p._replace(cut_off=cut) for p in _clause_points(body, cues, in_quotes))
            continue
        list_kind = _list_kind(block.text)
        for sentence in sentences:  # a plain block's sentences: the same as split_sentences(block)
            if ENDED.search(sentence.text):
                out.extend(_clause_points(sentence, cues, in_quotes))
            elif sentence is sentences[-1] and _is_cut_off(sentences):
                points = _clause_points(sentence, cues, in_quotes)
                out.extend(p._replace(cut_off=True) for p in points)
            # else a headline, caption, crosshead or lead-in ending in ":": not a finding
    return out
