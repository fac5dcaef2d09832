"""Reviewed facts become gold (`export --gold`) and `eval --db` scores a backend's summaries."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from store_helpers import EXAMPLES
from test_store_review import decide, run

from summarise.store.repo import Store

NELINCS = EXAMPLES / "001_244405360186b16d.txt"
OTHER = EXAMPLES / "000_d3f0b9fec1a3d49c.txt"


def _figures(output: str) -> dict[str, float]:
    """The field lines of `summarise eval`, as numbers (the F1 of councils and speakers)."""
    out = {}
    for line in output.splitlines():
        f1 = re.match(r"(\w+)\s+P=\S+ R=\S+ F1=([\d.]+)", line)
        acc = re.match(r"(\w+)\s+([\d.]+)\s+\(", line)
        if f1:
            out[f1.group(1)] = float(f1.group(2))
        elif acc:
            out[acc.group(1)] = float(acc.group(2))
    return out


def test_reviewed_facts_become_gold_and_score_the_store(store_url: str, tmp_path: Path) -> None:
    assert run("ingest", str(NELINCS), str(OTHER), "--db", store_url).exit_code == 0
    store = Store(store_url)
    article, summary = next(
        (a, s) for a, s in store.latest_summaries() if s.source.path.endswith(NELINCS.name)
    )
    facts = summary.model_dump(mode="json")
    council, quote = facts["councils"][0], facts["quotes"][0]
    figure = facts["figures"][0]
    for judgement in facts["judgements"]:
        decide(store, article.text_sha256, judgement, "accept")
    decide(store, article.text_sha256, council, "accept")
    decide(store, article.text_sha256, quote, "correct", {**quote, "speaker": "A. Reviewer"})
    decide(store, article.text_sha256, figure, "reject")
    store.close()

    gold_file = tmp_path / "gold.json"
    result = run("export", "--gold", str(gold_file), "--db", store_url)
    assert result.exit_code == 0, result.stderr
    gold: dict[str, Any] = json.loads(gold_file.read_text(encoding="utf-8"))
    assert list(gold["articles"]) == [NELINCS.name]  # the unreviewed article is not gold
    entry = gold["articles"][NELINCS.name]
    assert entry["councils"] == [council["name"]]
    assert entry["judgements"] == [[j["aspect"], j["value"]] for j in facts["judgements"]]
    assert entry["quoted_speakers"] == ["A. Reviewer"]
    assert quote["speaker"] not in entry["optional_speakers"]
    assert figure["text"] not in entry["figures"]
    assert entry["scope"] is None and entry["review_type"] is None

    # The offline summaries, scored against it: the judgements and council agree, the
    # corrected speaker is missed and the rejected figure is not asked for.
    result = run("eval", "--gold", str(gold_file), "--db", store_url, "--backend", "offline")
    assert result.exit_code == 0, result.stderr
    got = _figures(result.stdout)
    assert got["judgements"] == 1.0 and got["councils"] == 1.0
    assert got["speakers"] < 1.0 and got["coverage"] == 1.0
    assert "A. Reviewer" not in result.stdout
    verbose = run("eval", "--gold", str(gold_file), "--db", store_url, "-v")
    assert "speakers: missed ['reviewer']" in verbose.stdout

    none = run("eval", "--gold", str(gold_file), "--db", store_url, "--backend", "llm")
    assert none.exit_code == 1 and "no summaries in the store of backend llm" in none.stderr
    both = run("eval", str(tmp_path), "--gold", str(gold_file), "--db", store_url)
    assert both.exit_code == 2
