"""The LLM-facing response model: lighter than the contract, with grounding validators.

The model returns plain verbatim strings (evidence, quotes, figures, the words used for a
council); the code, not the model, turns them into Spans (see to_summary.py). The validator on
`ArticleExtraction` reads the article from instructor's `context={"article": ...}` (pydantic's
`info.context`) and rejects, in one message that lists every problem, any quote, evidence or
figure not found in the article, any council not in the gazetteer and any judgement value that
does not fit its aspect. That message is what instructor sends back in the re-ask.

Without an article in the context (parsing a failed attempt to salvage it) the validator is a
no-op; `find_problems` then tells the caller which items to drop.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from summarise.extract.llm.judgement_checks import (
    NATIONAL_FIGURE,
    council_problem,
    date_problem,
    missing_council_problem,
    value_problem,
)
from summarise.models import (
    ASPECT_VALUES,
    Aspect,
    Body,
    JudgementValue,
    ReviewType,
    Scope,
    ServiceArea,
)

EXACT = "copied exactly from the article"


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The schema as sent to the model, compacted to save prompt tokens: no per-field
        titles, no enum docstrings, and `X | None = None` shown as an optional X.

        Made once per model and copied: instructor wraps the response model in a new class
        on every request and asks for its schema, which cost a fifth of a request's CPU.
        """
        own = next(c for c in cls.__mro__ if globals().get(c.__qualname__) is c)
        key = (own, cls.__doc__, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMAS:
            schema = super().model_json_schema(*args, **kwargs)
            top_title = schema.get("title")
            compact = _compact(schema)
            assert isinstance(compact, dict)
            if top_title:
                compact["title"] = top_title
            _SCHEMAS[key] = compact
        return copy.deepcopy(_SCHEMAS[key])


# (response model, docstring, arguments) -> its compact schema; see _Out.model_json_schema.
_SCHEMAS: dict[tuple[Any, ...], dict[str, Any]] = {}


def _compact(node: Any) -> Any:
    if isinstance(node, list):
        return [_compact(v) for v in node]
    if not isinstance(node, dict):
        return node
    variants = node.get("anyOf")
    if isinstance(variants, list) and len(variants) == 2 and {"type": "null"} in variants:
        (kept,) = [v for v in variants if v != {"type": "null"}]
        rest = {k: v for k, v in node.items() if k not in ("anyOf", "default")}
        return _compact({**kept, **rest})
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "description" and "enum" in node:
            continue
        if key == "properties" and isinstance(value, dict):
            out[key] = {name: _compact(v) for name, v in value.items()}
        else:
            out[key] = _compact(value)
    return out


class CouncilOut(_Out):
    name: str = Field(description="official authority name")
    mentioned_as: str


class JudgementOut(_Out):
    aspect: Aspect
    value: JudgementValue
    council: str | None = None
    evidence: str
    past: bool = Field(default=False, description="an earlier grade the article reports")
    date: str | None = Field(default=None, description="YYYY or YYYY-MM when the text dates it")


class PointOut(_Out):
    text: str = Field(description="one point, in plain words")
    service_area: ServiceArea | None = None
    council: str | None = None
    evidence: str


class QuoteOut(_Out):
    speaker: str | None = None
    role: str | None = None
    organisation: str | None = None
    text: str


class FigureOut(_Out):
    text: str = Field(description="a number as written")
    meaning: str


class PersonOut(_Out):
    name: str
    role: str | None = None
    organisation: str | None = None


class ArticleExtraction(_Out):
    """Facts from a news article about council social services inspections."""

    scope: Scope
    councils: list[CouncilOut] = Field(default_factory=list)
    review_type: ReviewType = ReviewType.other
    bodies: list[Body] = Field(default_factory=list)
    review_date: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD")
    judgements: list[JudgementOut] = Field(default_factory=list)
    summary: str = Field(description="2-3 plain sentences")
    strengths: list[PointOut] = Field(default_factory=list)
    concerns: list[PointOut] = Field(default_factory=list)
    recommendations: list[PointOut] = Field(default_factory=list)
    quotes: list[QuoteOut] = Field(default_factory=list)
    figures: list[FigureOut] = Field(default_factory=list)
    people: list[PersonOut] = Field(default_factory=list)
    service_areas: list[ServiceArea] = Field(default_factory=list)

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> ArticleExtraction:
        context = info.context if isinstance(info.context, dict) else None
        if not context or not isinstance(context.get("article"), str):
            return self
        problems = find_problems(
            self, context["article"], first_chunk=context.get("first_chunk", True)
        )
        if problems:
            raise ValueError(format_problems(problems))
        return self


# --- grounding ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one item: `where` is ("quotes", 2) or ("councils", 0), etc."""

    field: str
    index: int
    message: str

    def __str__(self) -> str:
        where = self.field if self.index < 0 else f"{self.field}[{self.index}]"
        return f"{where}: {self.message}"


def _clip(s: str, n: int = 80) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def find_problems(
    extraction: ArticleExtraction, article: str, *, first_chunk: bool = True
) -> list[Problem]:
    """Every item that is not grounded in `article`, with a message that says how to fix it.

    `first_chunk` (the whole article, or the first chunk of a long one): the answer must name
    its council when its scope is not national, and must hold at least one evidence-backed item.
    Later chunks may do neither."""
    from summarise.align.spans import Aligner
    from summarise.gazetteer.lookup import lookup

    aligner = Aligner(article)
    problems: list[Problem] = []

    def verbatim(field: str, i: int, what: str, value: str, fix: str) -> None:
        if not value.strip():
            problems.append(Problem(field, i, f"{what} is empty; {fix}"))
        elif aligner.find(value) is None:  # exact, normalised or bounded fuzzy
            problems.append(
                Problem(field, i, f'{what} "{_clip(value)}" is not in the article; {fix}')
            )

    if first_chunk and extraction.scope is not Scope.national and not extraction.councils:
        problems.append(
            Problem(
                "councils",
                -1,
                f"scope is {extraction.scope.value} but no council is given; name the council "
                "(official name, with the words the article uses) or set scope to national",
            )
        )
    items = (
        extraction.judgements
        + extraction.strengths
        + extraction.concerns
        + extraction.recommendations
    )
    if first_chunk and not (items or extraction.quotes or extraction.figures):
        problems.append(
            Problem(
                "strengths",
                -1,
                "the answer has no judgements, strengths, concerns, recommendations, quotes or "
                "figures; extract the article's findings, each with its evidence",
            )
        )
    for i, c in enumerate(extraction.councils):
        if lookup(c.name) is None:
            problems.append(
                Problem(
                    "councils",
                    i,
                    f'"{_clip(c.name)}" is not a council in the gazetteer of UK social services '
                    "authorities; use the authority's official name or drop it",
                )
            )
        verbatim("councils", i, "mentioned_as", c.mentioned_as, f"copy the words {EXACT}")
    names = [a.name if (a := lookup(c.name)) else c.name for c in extraction.councils]
    for i, j in enumerate(extraction.judgements):
        allowed = ASPECT_VALUES[j.aspect]
        if j.value.value not in allowed:
            problems.append(
                Problem(
                    "judgements",
                    i,
                    f"{j.value.value!r} is not a value of {j.aspect.value}; use one of "
                    f"{', '.join(allowed)}",
                )
            )
        verbatim("judgements", i, "evidence", j.evidence, f"quote the words {EXACT}")
        for message in _judgement_messages(j, names, extraction.scope is Scope.national):
            problems.append(Problem("judgements", i, message))
    for field in ("strengths", "concerns", "recommendations"):
        for i, p in enumerate(getattr(extraction, field)):
            verbatim(field, i, "evidence", p.evidence, f"quote the supporting words {EXACT}")
    for i, q in enumerate(extraction.quotes):
        verbatim("quotes", i, "quote text", q.text, "copy the spoken words exactly or drop it")
    for i, f in enumerate(extraction.figures):
        verbatim("figures", i, "figure", f.text, "give the number exactly as written or drop it")
    folded = article.casefold()
    for i, person in enumerate(extraction.people):
        if person.name.strip() and person.name.casefold() in folded:
            continue  # names may differ in case only ("JANE SMITH" in a byline)
        verbatim("people", i, "name", person.name, "use the name as written or drop the person")
    return problems


def _judgement_messages(j: JudgementOut, names: list[str], national: bool) -> list[str]:
    """The council it names is one of the answer's; its evidence states its value and date."""
    messages = []
    if j.value.value in ASPECT_VALUES[j.aspect] and j.evidence.strip():
        messages.append(value_problem(j.aspect, j.value.value, j.evidence))
    if j.council:
        messages.append(council_problem(j.council, names))
    elif national:
        messages.append(NATIONAL_FIGURE)
    elif len(set(names)) > 1:
        messages.append(missing_council_problem(names))
    if j.date:
        messages.append(date_problem(j.date, j.evidence))
    return [m for m in messages if m]


def format_problems(problems: list[Problem]) -> str:
    head = f"{len(problems)} problem(s) with this answer; fix or drop each item named:"
    return "\n".join([head, *(f"- {p}" for p in problems)])


# JudgementValue is re-exported for callers that build answers (tests, cassette generator).
__all__ = [
    "ArticleExtraction",
    "CouncilOut",
    "FigureOut",
    "JudgementOut",
    "JudgementValue",
    "PersonOut",
    "PointOut",
    "Problem",
    "QuoteOut",
    "find_problems",
    "format_problems",
]
