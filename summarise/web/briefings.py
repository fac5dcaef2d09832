"""One council's briefing built at request time from the store, with its review status:
which of its facts reviewers have decided on, by whom and when, and the downloads."""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document

from summarise.brief.consolidate import build_briefings
from summarise.decisions import in_force
from summarise.library import UnknownCouncil, library, load_decisions, resolve_council
from summarise.models import CouncilBriefing
from summarise.render import render_docx, render_markdown
from summarise.store import webindex
from summarise.web.facts import describe, now_iso
from summarise.web.state import Counts, WebState


@dataclass(frozen=True)
class ReviewedFact:
    """A decision in force on one of the briefing's facts."""

    source_id: str
    kind: str
    what: str
    status: str
    by: str
    at: str


@dataclass(frozen=True)
class CouncilView:
    briefing: CouncilBriefing
    counts: Counts
    reviewed: tuple[ReviewedFact, ...]

    def header(self) -> str:
        """The briefing's own count (its facts), as every format of it says."""
        count = self.briefing.reviewed
        done, total = (count or self.counts).reviewed, (count or self.counts).total
        return f"{done} of {total} facts reviewed"


STATUS = {"accept": "accepted", "reject": "rejected", "correct": "corrected", "add": "added"}


def council_view(state: WebState, name: str) -> CouncilView | None:
    """The council's briefing and review status, or None when no source reports on it."""
    try:
        council = resolve_council(state.store, name)
    except UnknownCouncil:
        return None

    def build() -> CouncilView | None:
        lib = library(state.store, council)
        found = [b for b in build_briefings(lib.items, now_iso()) if b.council.name == council]
        if not found:
            return None
        briefing = found[0]
        keys = {s.id for s in briefing.sources}
        by_sha = load_decisions(state.store)
        reviewed: list[ReviewedFact] = []
        # The sources' current texts by key: a second read of their summaries cost as much as
        # the briefing's own (~270 ms for 60 sources at 10,000 articles).
        for key, sha in webindex.texts_of(state.store, sorted(keys)):
            for d in in_force(by_sha.get(sha, [])):
                if d.action == "reject":  # gone from the briefing, kept in the history
                    continue
                kind = d.fact_id.split("-", 1)[0]
                fact = d.after or d.before or {}
                what = describe(kind, fact)[0] if fact else d.fact_id
                reviewed.append(ReviewedFact(key, kind, what, STATUS[d.action], d.reviewer, d.at))
        return CouncilView(briefing, state.council_counts(briefing), tuple(reviewed))

    return state.cached(f"council:{council}", build)


def markdown(view: CouncilView) -> str:
    """The Markdown briefing (its header says how much of it is reviewed, each point by whom)."""
    return render_markdown(view.briefing, review_base=None)


def docx_bytes(view: CouncilView) -> bytes:
    """The Word briefing, with the review line after its title."""
    doc = Document(io.BytesIO(render_docx(view.briefing)))
    lines = [
        f"{r.status.capitalize()} by {r.by} ({r.at[:10]}): {r.kind} {r.what}" for r in view.reviewed
    ]
    anchor = doc.paragraphs[1] if len(doc.paragraphs) > 1 else doc.paragraphs[0]
    for line in lines:
        anchor.insert_paragraph_before(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
