"""Reviewed facts as gold: the store's decisions in the shape of the dev set's gold.json.

Only what a reviewer decided becomes gold. A fact they accepted, corrected or added is gold; a
fact they rejected is not (so extracting it again counts as spurious); a fact nobody reviewed is
neutral (its council or speaker goes in the `optional_*` lists, and judgements are scored only
when every judgement of the article was reviewed). Fields that are not facts with ids (scope,
review type, bodies) are left unscored. So `summarise eval` on this file measures a backend
against what the team confirmed, not against what some extractor once said.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from summarise.decisions import Decision, apply_decisions, in_force, withdrawn
from summarise.library import load_decisions
from summarise.models import ArticleSummary
from summarise.store.repo import Store

ABOUT = (
    "Gold from reviewers' decisions in a summarise store (summarise export --gold), in the shape "
    "eval/score.py reads. Only reviewed facts are gold: accepted, corrected and added facts are "
    "listed; rejected ones are absent, so extracting them counts as spurious; councils and "
    "speakers nobody reviewed are optional; judgements are null (not scored) unless every "
    "judgement of the article was reviewed; scope and review_type are null and bodies empty."
)


def _kind(fact_id: str) -> str:
    return fact_id.split("-", 1)[0]


def _reviewed_facts(
    summary: ArticleSummary, text: str, decisions: list[Decision]
) -> tuple[dict[str, list[dict[str, Any]]], set[str], ArticleSummary]:
    """Facts by kind as reviewers left them, the kinds with any decision, the reviewed summary."""
    reviewed = apply_decisions(summary, text, decisions)
    stale = {(d.fact_id, d.at) for d in reviewed.needs_review}
    facts: dict[str, list[dict[str, Any]]] = {}
    kinds: set[str] = set()
    for d in in_force(decisions):
        if (d.fact_id, d.at) in stale or withdrawn(d, decisions):
            continue
        kind = _kind(d.fact_id)
        kinds.add(kind)
        fact = d.before if d.action == "accept" else d.after
        if d.action != "reject" and fact is not None:
            facts.setdefault(kind, []).append(fact)
    return facts, kinds, reviewed.summary


def _point_keyword(fact: dict[str, Any]) -> str:
    """A point is found again by its evidence: the article's own words, lowercased."""
    span = fact.get("evidence") or {}
    return " ".join(str(span.get("text") or fact.get("text") or "").lower().split())


def gold_entry(
    summary: ArticleSummary, text: str, decisions: list[Decision]
) -> dict[str, Any] | None:
    """One article's gold, or None when no decision on it is in force."""
    facts, kinds, after = _reviewed_facts(summary, text, decisions)
    if not kinds:
        return None
    councils = [str(f["name"]) for f in facts.get("council", [])]
    speakers = [str(f["speaker"]) for f in facts.get("quote", []) if f.get("speaker")]
    judged = [[str(f["aspect"]), str(f["value"])] for f in facts.get("judgement", [])]
    unreviewed_judgement = len(after.judgements) > len(judged)
    return {
        "scope": None,
        "councils": sorted(set(councils)),
        "optional_councils": sorted({c.name for c in after.councils} - set(councils)),
        "review_type": None,
        "bodies": [],
        "judgements": None if "judgement" not in kinds or unreviewed_judgement else judged,
        "quoted_speakers": sorted(set(speakers)),
        "optional_speakers": sorted({q.speaker for q in after.quotes if q.speaker} - set(speakers)),
        "figures": [str(f["text"]) for f in facts.get("figure", [])],
        "strength_keywords": [_point_keyword(f) for f in facts.get("strength", [])],
        "concern_keywords": [_point_keyword(f) for f in facts.get("concern", [])],
    }


def export_gold(store: Store) -> dict[str, Any]:
    """Every reviewed live article's gold, keyed by its file name as the scorer matches it."""
    by_sha = load_decisions(store)
    history = store.text_history() if by_sha else {}
    articles: dict[str, Any] = {}
    for article, summary in store.latest_summaries():
        shas = history.get(article.id, {article.text_sha256})
        mine = [d for sha in shas for d in by_sha.get(sha, [])]
        entry = gold_entry(summary, article.text, mine) if mine else None
        if entry is not None:
            articles[Path(summary.source.path).name] = entry
    return {"_about": ABOUT, "articles": articles}
