"""An article's facts as a reviewer sees them, and reviewers' form input turned into decisions.

Pure: plain models in, plain models out. The list shows the extracted facts with the decision
in force on each (the contract's newest-wins rule, `decisions.in_force`), then the facts
reviewers added. Every correction and addition is grounded: its span must be text of the
article, found where the reviewer selected it or, without a selection, by exact search.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from summarise.align.fact_ids import base_id, fact_span, iter_facts
from summarise.decisions import KIND_MODEL, Decision, in_force
from summarise.models import ArticleSummary, Aspect, JudgementValue, ServiceArea, Span
from summarise.render.highlight import FIELD_LABELS
from summarise.render.labels import aspect_label, service_area_label, value_label

# The review page's labels for the fact kinds it highlights, and councils, which it does not.
KIND_LABELS = {"council": "Council", **FIELD_LABELS}
POINT_KINDS = ("strength", "concern", "recommendation")
STATUS_LABELS = {
    "unreviewed": "Unreviewed",
    "accepted": "Accepted",
    "rejected": "Rejected",
    "corrected": "Corrected",
    "added": "Added",
}


class DecisionError(ValueError):
    """Form input that cannot become a grounded decision; the message says why."""


@dataclass(frozen=True)
class ReviewFact:
    number: int
    id: str
    kind: str
    status: str
    fact: dict[str, Any]  # as it stands now (after a correction)
    before: dict[str, Any]  # as extracted (the added fact itself, for an added one)
    decision: Decision | None

    @property
    def body(self) -> str:
        return describe(self.kind, self.fact)[0]

    @property
    def detail(self) -> str:
        return describe(self.kind, self.fact)[1]

    @property
    def span(self) -> dict[str, Any] | None:
        s = self.fact.get("evidence") or self.fact.get("span")
        return s if isinstance(s, dict) else None

    @property
    def reviewed(self) -> bool:
        return self.status != "unreviewed"


def to_decision(row: Mapping[str, object]) -> Decision:
    """A decision as the store keeps it (before and after as JSON text)."""
    return Decision(
        article_sha256=str(row["article_sha256"]), fact_id=str(row["fact_id"]),
        action=row["action"],  # type: ignore[arg-type]
        before=json.loads(str(row["before"])) if row["before"] else None,
        after=json.loads(str(row["after"])) if row["after"] else None,
        reviewer=str(row["reviewer"]), at=str(row["at"]),
        reason=str(row["reason"]) if row["reason"] else None,
    )  # fmt: skip


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def describe(kind: str, fact: Mapping[str, Any]) -> tuple[str, str]:
    """(what the fact says, the detail beside it) in the briefing's words."""
    if kind == "council":
        return str(fact.get("name", "")), str(fact.get("gss_code") or "")
    if kind == "judgement":
        aspect = Aspect(fact["aspect"])
        body = f"{aspect_label(aspect)}: {value_label(aspect, JudgementValue(fact['value']))}"
        return body, ", ".join(str(x) for x in (fact.get("council"), fact.get("date")) if x)
    if kind in POINT_KINDS:
        area = fact.get("service_area")
        label = service_area_label(ServiceArea(area)) if area else None
        return str(fact["text"]), ", ".join(x for x in (label, fact.get("council")) if x)
    if kind == "quote":
        who = ", ".join(x for x in (fact.get("speaker"), fact.get("role")) if x)
        return f"“{fact['text']}”", who or "Unnamed speaker"
    return str(fact.get("text", "")), str(fact.get("meaning", ""))


def review_facts(summary: ArticleSummary, decisions: Sequence[Decision]) -> list[ReviewFact]:
    """Every fact of the article, numbered, with the decision in force on it."""
    forced = {d.fact_id: d for d in in_force(decisions)}
    out: list[ReviewFact] = []
    for _field, kind, fact in iter_facts(summary):
        fact_id = fact.id or base_id(kind, fact)
        before = fact.model_dump(mode="json")
        d = forced.get(fact_id)
        status, now = "unreviewed", before
        if d is not None and d.action in ("accept", "reject", "correct"):
            status = {"accept": "accepted", "reject": "rejected", "correct": "corrected"}[d.action]
            if d.action == "correct" and d.after is not None:
                now = d.after
        out.append(ReviewFact(len(out) + 1, fact_id, kind, status, now, before, d))
    for d in forced.values():
        if d.action == "add" and d.after is not None:
            kind = d.fact_id.split("-", 1)[0]
            out.append(ReviewFact(len(out) + 1, d.fact_id, kind, "added", d.after, d.after, d))
    return out


def progress(facts: Sequence[ReviewFact]) -> tuple[int, int]:
    """(reviewed, total) facts."""
    return sum(f.reviewed for f in facts), len(facts)


def ground(text: str, quoted: str, start: int | None, end: int | None) -> Span:
    """The span a reviewer chose: at the selection's offsets when they hold `quoted`, else the
    first exact occurrence of the typed text; anything else is refused."""
    quoted = quoted.strip()
    if not quoted:
        raise DecisionError("select or type the exact text the fact rests on")
    if (
        start is not None
        and end is not None
        and 0 <= start < end <= len(text)
        and (text[start:end] == quoted)
    ):
        return Span(start=start, end=end, text=quoted)
    at = text.find(quoted)
    if at < 0:
        raise DecisionError("that text is not in the article; it must be copied exactly")
    return Span(start=at, end=at + len(quoted), text=quoted)


def _validated(kind: str, fact: dict[str, Any]) -> dict[str, Any]:
    try:
        return KIND_MODEL[kind].model_validate(fact).model_dump(mode="json")
    except ValidationError as e:
        first = e.errors()[0]
        raise DecisionError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None


def _apply_fields(kind: str, fact: dict[str, Any], form: Mapping[str, str], text: str) -> None:
    """Set the fields a reviewer may change on a fact of `kind` from the form."""
    if kind == "judgement":
        if form.get("judgement"):
            aspect, _, value = form["judgement"].partition(":")
            fact["aspect"], fact["value"] = aspect, value
        if "council" in form:
            fact["council"] = form["council"].strip() or None
    elif kind in POINT_KINDS:
        if "service_area" in form:
            fact["service_area"] = form["service_area"] or None
        if "council" in form:
            fact["council"] = form["council"].strip() or None
    elif kind == "quote" and "speaker" in form:
        speaker = form["speaker"].strip()
        if speaker and speaker not in text:
            raise DecisionError(f"the speaker {speaker!r} is not named in the article")
        fact["speaker"] = speaker or None
    elif kind == "figure" and "meaning" in form:
        fact["meaning"] = form["meaning"].strip()


def _span_from(form: Mapping[str, str], text: str) -> Span | None:
    quoted = form.get("span_text", "")
    if not quoted.strip():
        return None

    def num(key: str) -> int | None:
        value = form.get(key, "")
        return int(value) if value.isdigit() else None

    return ground(text, quoted, num("span_start"), num("span_end"))


def _set_span(kind: str, fact: dict[str, Any], span: Span) -> None:
    dumped = span.model_dump(mode="json")
    if kind in ("quote", "figure"):
        fact["span"] = dumped
        fact["text"] = span.text
    else:
        fact["evidence"] = dumped
        if kind in POINT_KINDS:
            fact["text"] = span.text


def decide(
    facts: Sequence[ReviewFact], fact_id: str, action: str, form: Mapping[str, str], *,
    text: str, sha256: str, reviewer: str,
) -> list[Decision]:  # fmt: skip
    """The decisions (usually one) a reviewer's accept, reject or correct makes."""
    found = next((f for f in facts if f.id == fact_id), None)
    if found is None:
        raise DecisionError(f"no fact {fact_id!r} in this article")
    reason = (form.get("reason") or "").strip() or None
    common: dict[str, Any] = {
        "article_sha256": sha256,
        "reviewer": reviewer,
        "at": now_iso(),
        "reason": reason,
    }
    if found.status == "added":
        if action != "withdraw":
            raise DecisionError("an added fact is changed by adding it again, or withdrawn")
        # The contract has no "withdraw": a reject of the added fact outvotes its add.
        return [Decision(fact_id=fact_id, action="reject", before=found.fact, **common)]
    if action == "accept":
        return [Decision(fact_id=fact_id, action="accept", before=found.before, **common)]
    if action == "reject":
        return [Decision(fact_id=fact_id, action="reject", before=found.before, **common)]
    if action != "correct" or found.kind == "council":
        raise DecisionError(f"cannot {action} a {found.kind}")
    after = dict(found.fact)
    _apply_fields(found.kind, after, form, text)
    span = _span_from(form, text)
    if span is not None:
        _set_span(found.kind, after, span)
    section = form.get("section") or found.kind
    if found.kind in POINT_KINDS and section in POINT_KINDS and section != found.kind:
        moved = _validated(section, after)
        moved["id"] = _free_id(facts, section, moved)
        return [
            Decision(fact_id=fact_id, action="reject", before=found.before, **common),
            Decision(fact_id=moved["id"], action="add", after=moved, **common),
        ]
    after = _validated(found.kind, after)
    after["id"] = fact_id
    if after == found.fact:
        raise DecisionError("nothing was changed")
    return [Decision(fact_id=fact_id, action="correct", before=found.before, after=after, **common)]


def _free_id(facts: Sequence[ReviewFact], kind: str, fact: dict[str, Any]) -> str:
    model: BaseModel = KIND_MODEL[kind].model_validate(fact)
    base = base_id(kind, model)  # type: ignore[arg-type]
    taken = {f.id for f in facts}
    n, candidate = 1, base
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def add_fact(
    facts: Sequence[ReviewFact], form: Mapping[str, str], *, text: str, sha256: str,
    reviewer: str,
) -> Decision:  # fmt: skip
    """A fact the extractor missed, grounded on the text the reviewer selected or typed."""
    kind = form.get("kind", "")
    if kind not in KIND_MODEL or kind == "council":
        raise DecisionError("choose the kind of fact to add")
    span = _span_from(form, text)
    if span is None:
        raise DecisionError("select or type the exact text the fact rests on")
    fact: dict[str, Any] = {}
    if kind == "judgement":
        fact["judgement"] = ""
    _set_span(kind, fact, span)
    if kind == "figure":
        fact.setdefault("meaning", "")
    fields = dict(form)
    if kind == "judgement" and not fields.get("judgement"):
        raise DecisionError("choose the judgement's aspect and value")
    fact.pop("judgement", None)
    _apply_fields(kind, fact, fields, text)
    after = _validated(kind, fact)
    after["id"] = _free_id(facts, kind, after)
    reason = (form.get("reason") or "").strip() or None
    return Decision(
        article_sha256=sha256, fact_id=after["id"], action="add", after=after,
        reviewer=reviewer, at=now_iso(), reason=reason,
    )  # fmt: skip


def span_of(fact: Mapping[str, Any]) -> Span | None:
    """The span of a fact dict, when it has one."""
    s = fact.get("evidence") or fact.get("span")
    return Span.model_validate(s) if isinstance(s, dict) else None


__all__ = [
    "DecisionError",
    "ReviewFact",
    "add_fact",
    "decide",
    "fact_span",
    "review_facts",
    "to_decision",
]
