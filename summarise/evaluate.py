"""Score summaries against gold facts (the shape of examples' expected.json).

Used by the tests as a floor and by anyone comparing backends; pure, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from summarise.models import ArticleSummary


@dataclass
class Score:
    exact_misses: list[str] = field(default_factory=list)  # council/scope/review/judgement/speaker
    spurious: list[str] = field(default_factory=list)  # judgements, points that should not be there
    figures_found: int = 0
    figures_total: int = 0
    keywords_found: int = 0
    keywords_total: int = 0
    people_found: int = 0
    people_total: int = 0

    def add(self, other: Score) -> None:
        self.exact_misses += other.exact_misses
        self.spurious += other.spurious
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


# Words of site furniture, not of an inspection: a point holding one is chrome, not a finding.
CHROME = re.compile(
    r"\b(cookies?|subscribe|newsletter|sign up|share this|click here|advertisement|"
    r"all rights reserved|copyright|read more|follow us|privacy policy|terms and conditions|"
    r"javascript|log in|sign in)\b",
    re.IGNORECASE,
)


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
    sc.spurious += _spurious(name, summary, gold)
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


def _spurious(name: str, summary: ArticleSummary, gold: dict[str, Any]) -> list[str]:
    """What the summary says that it should not: as eval/score.py counts, or stricter.

    A judgement the gold lacks (another aspect, or another value on a gold aspect, even after a
    right one), a point that is both a strength and a concern, a point that is site chrome.
    """
    found = []
    for j in summary.judgements:
        if gold["judgements"].get(j.aspect.value) != j.value.value:
            found.append(f"{name}: judgement {j.aspect.value}={j.value.value}")
    return found + point_problems(name, summary)


def point_problems(name: str, summary: ArticleSummary) -> list[str]:
    """Points that should not be there: both a strength and a concern, or site chrome."""
    found: list[str] = []
    strengths = {(p.evidence.start, p.evidence.end) for p in summary.strengths}
    strength_texts = {_norm(p.text) for p in summary.strengths}
    for p in summary.concerns:
        if (p.evidence.start, p.evidence.end) in strengths or _norm(p.text) in strength_texts:
            found.append(f"{name}: both a strength and a concern: {p.text!r}")
    for kind in ("strengths", "concerns", "recommendations"):
        for p in getattr(summary, kind):
            if CHROME.search(p.text) or CHROME.search(p.evidence.text):
                found.append(f"{name}: {kind} point is site chrome: {p.text!r}")
    return found


def score_all(summaries: dict[str, ArticleSummary], gold: dict[str, Any]) -> Score:
    """`summaries` maps gold file names ("000_x.txt") to summaries; missing ones count as misses."""
    total = Score()
    for name, facts in gold["articles"].items():
        if name not in summaries:
            total.exact_misses.append(f"{name}: no summary")
            continue
        total.add(score_article(name, summaries[name], facts))
    return total
