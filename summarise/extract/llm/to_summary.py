"""Response model -> contract ArticleSummary: align every verbatim string to a Span.

Spans are computed by `summarise.align.spans.Aligner` on the chunk's text (exactly the cleaned
text's slice that was sent) and shifted by the chunk's start, so they are document-global and
`span.text == article.text[start:end]` always holds (checked with `check_span`). Each field
gets its own Aligner, so a sentence used twice within one field maps to its successive
occurrences while the same sentence used as a quote and as evidence maps to the same place.

Anything that cannot be grounded (a validated answer never has such items; a salvaged failed
attempt may) is dropped and named in the returned problems, never written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarise.align.fact_ids import with_fact_ids
from summarise.align.spans import Aligner, check_span
from summarise.extract import source_of
from summarise.extract.llm.chunking import Chunk
from summarise.extract.llm.judgement_checks import model_confidence
from summarise.extract.llm.response_model import ArticleExtraction, PointOut
from summarise.models import (
    ASPECT_VALUES,
    DATE_PATTERN,
    Article,
    ArticleSummary,
    CouncilRef,
    Figure,
    Judgement,
    Person,
    Point,
    Provenance,
    Quote,
    Review,
    ReviewType,
    Scope,
    Span,
    Usage,
)

_DATE = re.compile(DATE_PATTERN)


@dataclass
class ChunkAnswer:
    chunk: Chunk
    extraction: ArticleExtraction


@dataclass
class _Builder:
    article: Article
    problems: list[str] = field(default_factory=list)
    councils: dict[str, CouncilRef] = field(default_factory=dict)
    judgements: list[Judgement] = field(default_factory=list)
    points: dict[str, list[Point]] = field(
        default_factory=lambda: {"strengths": [], "concerns": [], "recommendations": []}
    )
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)

    def span(self, aligner: Aligner, chunk: Chunk, needle: str, where: str) -> Span | None:
        found = aligner.find(needle) if needle.strip() else None
        if found is None:
            self.problems.append(f'dropped {where}: "{needle[:80]}" is not in the article')
            return None
        span = Span(
            start=found.start + chunk.start,
            end=found.end + chunk.start,
            text=found.text,
            alignment=found.alignment,
        )
        problem = check_span(self.article.text, span)
        if problem is not None:  # cannot happen unless the chunk offsets are wrong
            self.problems.append(f"dropped {where}: {problem}")
            return None
        return span

    def council_name(self, name: str | None) -> str | None:
        if name is None:
            return None
        from summarise.gazetteer.lookup import lookup

        authority = lookup(name)
        return authority.name if authority is not None else name

    def add(self, answer: ChunkAnswer) -> None:
        from summarise.gazetteer.lookup import lookup

        chunk, ex = answer.chunk, answer.extraction
        tag = f" (chunk {chunk.index})" if chunk.index else ""

        for i, c in enumerate(ex.councils):
            authority = lookup(c.name)
            if authority is None:
                self.problems.append(f'dropped councils[{i}]{tag}: "{c.name}" not in gazetteer')
                continue
            if Aligner(chunk.text).find(c.mentioned_as) is None:
                self.problems.append(f"councils[{i}]{tag}: mentioned_as not in the article")
            ref = self.councils.setdefault(
                authority.name,
                CouncilRef(name=authority.name, gss_code=authority.gss_code, mentioned_as=[]),
            )
            if c.mentioned_as and c.mentioned_as not in ref.mentioned_as:
                ref.mentioned_as.append(c.mentioned_as)

        al = Aligner(chunk.text)
        for i, j in enumerate(ex.judgements):
            if j.value.value not in ASPECT_VALUES[j.aspect]:
                self.problems.append(f"dropped judgements[{i}]{tag}: value does not fit aspect")
                continue
            span = self.span(al, chunk, j.evidence, f"judgements[{i}]{tag}")
            if span is not None:
                key = (j.aspect, j.value, self.council_name(j.council))
                if all((x.aspect, x.value, x.council) != key for x in self.judgements):
                    date = j.date if j.date and _DATE.match(j.date) else None
                    level, note = model_confidence(span.text, j.past, date)
                    self.judgements.append(
                        Judgement(
                            aspect=j.aspect,
                            value=j.value,
                            council=key[2],
                            evidence=span,
                            past=j.past,
                            date=date,
                            confidence=level,
                            confidence_note=note,
                        )
                    )

        for name, items in self.points.items():
            al = Aligner(chunk.text)
            for i, p in enumerate(getattr(ex, name)):
                self._add_point(items, al, chunk, p, f"{name}[{i}]{tag}")

        al = Aligner(chunk.text)
        for i, q in enumerate(ex.quotes):
            span = self.span(al, chunk, q.text, f"quotes[{i}]{tag}")
            if span is not None and all(x.span != span for x in self.quotes):
                self.quotes.append(
                    Quote(
                        speaker=q.speaker,
                        role=q.role,
                        organisation=q.organisation,
                        text=span.text,
                        span=span,
                    )
                )

        al = Aligner(chunk.text)
        for i, f in enumerate(ex.figures):
            span = self.span(al, chunk, f.text, f"figures[{i}]{tag}")
            if span is not None and all(x.span != span for x in self.figures):
                self.figures.append(Figure(text=span.text, meaning=f.meaning, span=span))

        folded = chunk.text.casefold()
        for i, person in enumerate(ex.people):
            name = person.name.strip()
            if not name or (
                name.casefold() not in folded and not Aligner(chunk.text).contains(name)
            ):
                self.problems.append(f'dropped people[{i}]{tag}: "{name}" is not in the article')
                continue
            self.people.setdefault(
                name.casefold(),
                Person(name=name, role=person.role, organisation=person.organisation),
            )

    def _add_point(
        self, items: list[Point], al: Aligner, chunk: Chunk, p: PointOut, where: str
    ) -> None:
        span = self.span(al, chunk, p.evidence, where)
        if span is None or not p.text.strip():
            return
        if any(x.text.casefold() == p.text.casefold() for x in items):
            return
        items.append(
            Point(
                text=p.text.strip(),
                service_area=p.service_area,
                council=self.council_name(p.council),
                evidence=span,
            )
        )


def _merge_scope(answers: Sequence[ChunkAnswer], n_councils: int) -> Scope:
    scopes = [a.extraction.scope for a in answers]
    if Scope.multi_council in scopes or n_councils > 1:
        return Scope.multi_council
    return scopes[0]


def build_summary(
    article: Article,
    answers: Sequence[ChunkAnswer],
    *,
    model: str,
    prompt_version: str,
    attempts: int,
    usage: Usage,
) -> tuple[ArticleSummary, list[str]]:
    """Merge the chunks' answers into one grounded ArticleSummary; return it and its problems.

    The provenance's outcome is `ok` here; the caller sets `flagged` (and its problems) when
    the answer came from a failed attempt or when anything had to be dropped.
    """
    if not answers:
        raise ValueError("build_summary needs at least one answer")
    b = _Builder(article)
    for answer in answers:
        b.add(answer)

    first = answers[0].extraction
    review_type = next(
        (a.extraction.review_type for a in answers if a.extraction.review_type != ReviewType.other),
        ReviewType.other,
    )
    bodies = list(dict.fromkeys(body for a in answers for body in a.extraction.bodies))
    date = next((a.extraction.review_date for a in answers if a.extraction.review_date), None)
    if date is not None and not _DATE.match(date):
        b.problems.append(f'review_date "{date}" is not YYYY, YYYY-MM or YYYY-MM-DD; left out')
        date = None
    areas = list(dict.fromkeys(s for a in answers for s in a.extraction.service_areas))

    summary = ArticleSummary(
        source=source_of(article),
        scope=_merge_scope(answers, len(b.councils)),
        councils=list(b.councils.values()),
        review=Review(review_type=review_type, bodies=bodies, date=date),
        judgements=b.judgements,
        summary=first.summary.strip(),
        strengths=b.points["strengths"],
        concerns=b.points["concerns"],
        recommendations=b.points["recommendations"],
        quotes=b.quotes,
        figures=b.figures,
        people=list(b.people.values()),
        service_areas=areas,
        provenance=Provenance(
            backend="llm",
            model=model,
            prompt_version=prompt_version,
            attempts=attempts,
            usage=usage,
        ),
    )
    return with_fact_ids(summary), b.problems
