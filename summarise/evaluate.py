"""Score summaries against gold facts (the shape of examples' expected.json).

Used by the tests as a floor and by anyone comparing backends; pure, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from summarise.models import ArticleSummary


@dataclass
class Score:
    exact_misses: list[str] = field(default_factory=list)  # council/scope/review/judgement/speaker
    figures_found: int = 0
    figures_total: int = 0
    keywords_found: int = 0
    keywords_total: int = 0
    people_found: int = 0
    people_total: int = 0

    def add(self, other: Score) -> None:
        self.exact_misses += other.exact_misses
        self.figures_found += other.figures_found
        self.figures_total += other.figures_total
        self.keywords_found += other.keywords_found
        self.keywords_total += other.keywords_total
        self.people_found += other.people_found
        self.people_total += other.people_total

    @property
    def figure_recall(self) -> float:
        return self.figures_found / self.figures_total if self.figures_total else 1.0

    @property
    def keyword_recall(self) -> float:
        return self.keywords_found / self.keywords_total if self.keywords_total else 1.0

    @property
    def people_recall(self) -> float:
        return self.people_found / self.people_total if self.people_total else 1.0


def _norm(s: str) -> str:
    return s.lower().replace("’", "'").replace("‘", "'")


def score_article(name: str, summary: ArticleSummary, gold: dict[str, Any]) -> Score:
    sc = Score()

    def expect(label: str, got: object, want: object) -> None:
        if got != want:
            sc.exact_misses.append(f"{name}: {label}: got {got!r}, want {want!r}")

    expect("scope", summary.scope.value, gold["scope"])
    expect("councils", sorted(c.name for c in summary.councils), sorted(gold["councils"]))
    expect("review_type", summary.review.review_type.value, gold["review_type"])
    expect("bodies", sorted(b.value for b in summary.review.bodies), sorted(gold["bodies"]))
    got_judgements: dict[str, str] = {}
    for j in summary.judgements:
        got_judgements.setdefault(j.aspect.value, j.value.value)
    for aspect, value in gold["judgements"].items():
        expect(f"judgement {aspect}", got_judgements.get(aspect), value)
    speakers = sorted({q.speaker for q in summary.quotes if q.speaker})
    expect("quoted speakers", speakers, sorted(gold["quoted_speakers"]))

    figures = [_norm(f.text) for f in summary.figures]
    for want in gold["figures"]:
        sc.figures_total += 1
        sc.figures_found += any(_norm(want) in f for f in figures)
    for field_name, key in (("strengths", "strength_keywords"), ("concerns", "concern_keywords")):
        blob = " ".join(_norm(p.text) for p in getattr(summary, field_name))
        for kw in gold[key]:
            sc.keywords_total += 1
            sc.keywords_found += _norm(kw) in blob
    names = {p.name for p in summary.people}
    for person in gold["people"]:
        sc.people_total += 1
        sc.people_found += person in names
    return sc


def score_all(summaries: dict[str, ArticleSummary], gold: dict[str, Any]) -> Score:
    """`summaries` maps gold file names ("000_x.txt") to summaries; missing ones count as misses."""
    total = Score()
    for name, facts in gold["articles"].items():
        if name not in summaries:
            total.exact_misses.append(f"{name}: no summary")
            continue
        total.add(score_article(name, summaries[name], facts))
    return total
