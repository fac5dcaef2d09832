"""What the offline judgement tests share: extract an invented article, and read its grades."""

from __future__ import annotations

from pathlib import Path

from summarise.extract.offline import summarise_article
from summarise.ingest.reader import load_article
from summarise.models import ArticleSummary, Judgement


def extract(tmp_path: Path, body: str, name: str = "article.txt") -> ArticleSummary:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return summarise_article(load_article(path))


def grades(s: ArticleSummary) -> set[tuple[str, str, str | None, bool]]:
    return {(j.aspect.value, j.value.value, j.council, j.past) for j in s.judgements}


def only(s: ArticleSummary, aspect: str, council: str | None = None) -> Judgement:
    found = [j for j in s.judgements if j.aspect.value == aspect and j.council == council]
    assert len(found) == 1, s.judgements
    return found[0]


# A neighbour's grade beside the council's own (whose grade, and how it renders unsure).
NEIGHBOURS = """Ofsted verdicts for two neighbouring boroughs

Published 4 March 2019

Camden's children's services have been rated 'outstanding' by Ofsted, while neighbouring \
Islington was judged to require improvement after its inspection in January.

Inspectors praised Camden for the stability of its social work teams and criticised \
Islington for delays in assessments.
"""
