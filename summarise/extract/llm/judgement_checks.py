"""What code can check of a model's judgement: its council is in the article, and its evidence
holds the words of its value and of its date.

A model that gives a council its neighbour's grade, or a grade from a sentence that states
another one, is sent back with a message naming the judgement; the prompt carries the rules
that code cannot check (predictions, ambitions, scales).
"""

from __future__ import annotations

import re

from summarise.models import DATE_PATTERN, Aspect, Confidence

_I = re.IGNORECASE
# Words without which an evidence string cannot state each value.
VALUE_WORDS: dict[tuple[Aspect, str], re.Pattern[str]] = {
    (Aspect.serving_people, "all"): re.compile(r"\bserv\w*\b.*\bwell\b", _I | re.DOTALL),
    (Aspect.serving_people, "most"): re.compile(r"\bmost\b", _I),
    (Aspect.serving_people, "some"): re.compile(r"\bsome\b", _I),
    (Aspect.serving_people, "not"): re.compile(
        r"\bnot\b|n[’']t\b|\bneither\b|\bnor\b|\bno\s+longer\b|\bfail\w*|\bunable\b", _I
    ),
    (Aspect.overall_effectiveness, "requires_improvement"): re.compile(
        r"\brequir\w*\s+improvement\b", _I
    ),
    (Aspect.star_rating, "0"): re.compile(r"\b(?:zero|no|nil|0)[- ]?stars?\b|\bzero\b", _I),
    (Aspect.star_rating, "1"): re.compile(r"\b(?:one|1)[- ]?stars?\b", _I),
    (Aspect.star_rating, "2"): re.compile(r"\b(?:two|2)[- ]?stars?\b", _I),
    (Aspect.star_rating, "3"): re.compile(r"\b(?:three|3)[- ]?stars?\b", _I),
    (Aspect.progress, "insufficient"): re.compile(
        r"\binsufficient\b|\binadequate\b|\bnot\b[^.]{0,30}\b(?:enough|sufficient)\b", _I
    ),
    (Aspect.progress, "sufficient"): re.compile(r"\bsufficient\b|\badequate\b", _I),
}


def value_problem(aspect: Aspect, value: str, evidence: str) -> str | None:
    """A message when `evidence` does not hold the words of `value`, else None."""
    pattern = VALUE_WORDS.get((aspect, value))
    if pattern is None:  # the value is itself the word ("inadequate", "promising")
        pattern = re.compile(rf"\b{re.escape(value)}\b", _I)
    stated = bool(pattern.search(evidence))
    if (aspect, value) == (Aspect.serving_people, "all"):
        # "all" is the bare phrase: a quantifier or a negation states another value.
        others = ("most", "some", "not")
        stated = stated and not any(VALUE_WORDS[(aspect, v)].search(evidence) for v in others)
    if stated:
        return None
    words = value.replace("_", " ")
    return (
        f"evidence does not state {aspect.value} {words!r}; quote the words that give this "
        "grade, or drop the judgement if the article does not give it"
    )


def date_problem(date: str, evidence: str) -> str | None:
    """A message when a judgement's date is not in its evidence, else None."""
    if not re.match(DATE_PATTERN, date):
        return f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD; write it so, or leave it empty"
    if date[:4] in evidence:
        return None
    return (
        f"date {date!r} is not in the evidence; quote the words that date this earlier grade, "
        "or leave date empty"
    )


def council_problem(council: str, names: list[str]) -> str | None:
    """A message when a judgement's council is not one of the answer's councils, else None."""
    from summarise.gazetteer.lookup import lookup

    authority = lookup(council)
    if authority is not None and authority.name in names:
        return None
    if council in names:
        return None
    listed = ", ".join(names) or "none"
    return (
        f'council "{council}" is not among the councils of this answer ({listed}); give the '
        "judgement to the council the article says it is about, listed under councils, or drop it"
    )


NATIONAL_FIGURE = (
    "a judgement in a national article names the council it grades (listed under councils); "
    "a national figure or count is not a judgement, so drop it"
)


def missing_council_problem(names: list[str]) -> str:
    return (
        f"the answer names several councils ({', '.join(names)}); say which council this "
        "judgement is about"
    )


def model_confidence(evidence: str, past: bool, date: str | None) -> tuple[Confidence, str | None]:
    """How sure a model's judgement is, by the same measures as the rules' own judgements."""
    from summarise.gazetteer.mentions import find_mentions

    reasons = []
    if len({m.authority.name for m in find_mentions(evidence)}) > 1:
        reasons.append("two councils in the sentence")
    if past and not date:
        reasons.append("earlier grade with no date")
    return ("medium", "; ".join(reasons)) if reasons else ("high", None)
