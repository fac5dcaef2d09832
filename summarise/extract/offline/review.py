"""Who carried out the review an article reports, and when."""

from __future__ import annotations

import re

from summarise.extract.offline.dates import MONTHS, month_of_event, month_year
from summarise.extract.offline.text import Caseless, Document, Segment
from summarise.models import Body, ReviewType

BODY_PATTERNS: list[tuple[Body, re.Pattern[str]]] = [
    (Body.audit_commission, re.compile(r"\bAudit Commission\b")),
    (
        Body.social_services_inspectorate,
        re.compile(r"\bSocial Services Inspectorate\b|\bSSI\b|\bSSIW\b"),
    ),
    (Body.ofsted, re.compile(r"\bOfsted\b|\bOFSTED\b|Office for Standards in Education")),
    (Body.csci, re.compile(r"Commission for Social Care Inspection|\bCSCI\b")),
    (Body.cqc, re.compile(r"Care Quality Commission|\bCQC\b")),
    (
        Body.ciw,
        re.compile(
            r"Care Inspectorate Wales|\bCIW\b|Care and Social Services Inspectorate Wales|\bCSSIW\b"
        ),
    ),
    (Body.best_value, re.compile(r"Best Value Inspection Service|Best Value Inspectorate")),
    # Inspectorates outside the contract's list that join social care inspections.
    (
        Body.other,
        re.compile(
            r"\bHMICFRS\b|HM Inspectorate of (?:Constabulary|Probation|Prisons)|"
            r"Healthcare Inspectorate Wales|\bHIW\b|\bEstyn\b"
        ),
    ),
]


_REVIEW_DATE = re.compile(
    rf"\b(?:inspection|review|visit|assessment)\b[^.]{{0,40}}?"
    rf"\b(?:in|during|on|between)\s+(?:\d{{1,2}}\s+)?"
    rf"(?P<m>{MONTHS})\s+(?P<y>(?:19|20)\d\d)\b"
    rf"|\b(?P<m2>{MONTHS})\s+(?P<y2>(?:19|20)\d\d)\s+(?:inspection|review|visit|assessment)\b",
    re.IGNORECASE,
)


# The same without its groups, to check the whole text for any review date in one pass.
_REVIEW_DATE_PLAIN = re.compile(re.sub(r"\(\?P<\w+>", "(?:", _REVIEW_DATE.pattern), re.IGNORECASE)
_MONTH_NAME = re.compile(rf"(?:{MONTHS})\b")
_YEAR = re.compile(r"(?:19|20)\d\d")


_REVIEW_DATE_ANY = Caseless(_REVIEW_DATE_PLAIN)


def find_review_date(doc: Document, published: str | None = None) -> str | None:
    """The review's own date, when the text gives one ("the inspection, carried out in May 2022").

    "January's inspection" counts too when the publication date fixes its year.
    """
    if not _MONTH_NAME.search(doc.text):
        return None  # every review date names a month
    whole = Segment(0, len(doc.text), doc.text)
    # A sentence can only hold "January's inspection" if the whole text does.
    events = month_of_event(doc.text, published) is not None
    if not events and not _REVIEW_DATE_ANY.search(doc, whole):
        return None  # one search of the whole text spares a search per sentence
    for s in doc.sentences:
        if events and (relative := month_of_event(s.text, published)):
            return relative
        if not _YEAR.search(s.text):
            continue  # _REVIEW_DATE needs a year
        if re.search(r"\b(?:since|previous(?:ly)?|last|will|next)\b", s.text, re.IGNORECASE):
            continue
        m = _REVIEW_DATE.search(s.text)
        if m:
            return month_year(m.group("m") or m.group("m2"), m.group("y") or m.group("y2"))
    return None


# Substrings one of which each body's pattern needs: a plain `in` check is far cheaper than re.
BODY_HINTS: dict[Body, tuple[str, ...]] = {
    Body.audit_commission: ("Audit Commission",),
    Body.social_services_inspectorate: ("Social Services Inspectorate", "SSI"),
    Body.ofsted: ("Ofsted", "OFSTED", "Office for Standards"),
    Body.csci: ("Commission for Social Care", "CSCI"),
    Body.cqc: ("Care Quality Commission", "CQC"),
    Body.ciw: ("Care Inspectorate Wales", "CIW", "CSSIW", "Inspectorate Wales"),
    Body.best_value: ("Best Value Insp",),
    Body.other: ("HMICFRS", "HM Inspectorate", "Healthcare Inspectorate", "HIW", "Estyn"),
}


def find_bodies(text: str, review_type: ReviewType) -> list[Body]:
    found = set()
    for body, pattern in BODY_PATTERNS:
        # The hint only rules a body out; the pattern decides ("Healthcare Inspectorate Wales"
        # holds a hint of CIW but is not CIW).
        if any(hint in text for hint in BODY_HINTS[body]) and pattern.search(text):
            found.add(body)
    if review_type == ReviewType.joint_review:
        found |= {Body.audit_commission, Body.social_services_inspectorate}
    return [body for body, _ in BODY_PATTERNS if body in found]
