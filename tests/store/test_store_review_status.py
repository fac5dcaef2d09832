"""`brief --council` from a store says, per point, whether it was reviewed, by whom and when,
and its header says how much of the briefing is reviewed (JSON, Markdown, HTML and Word)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from docx import Document
from test_store_review import NELINCS, decide, run

from summarise.store.repo import Store

COUNCIL = "North East Lincolnshire"


def test_each_point_says_who_reviewed_it(store_url: str, tmp_path: Path) -> None:
    assert run("ingest", str(NELINCS), "--db", store_url).exit_code == 0
    store = Store(store_url)
    [(article, summary)] = store.latest_summaries()
    facts = summary.model_dump(mode="json")
    judgement, quote, strength = facts["judgements"][0], facts["quotes"][0], facts["strengths"][0]
    decide(store, article.text_sha256, judgement, "accept")
    decide(store, article.text_sha256, quote, "correct", {**quote, "speaker": "A. Reviewer"})
    decide(store, article.text_sha256, strength, "accept")
    store.close()

    result = run("brief", "--council", COUNCIL, "--db", store_url, "--format", "json")
    assert result.exit_code == 0, result.stderr
    b: dict[str, Any] = json.loads(result.stdout)
    accepted = {"status": "accepted", "by": "tester", "at": "2026-01-01T00:00:00+00:00"}
    j = next(x for x in b["latest_judgements"] if x["aspect"] == judgement["aspect"])
    assert j["review"] == accepted
    q = next(x for x in b["quotes"] if x["speaker"] == "A. Reviewer")
    assert q["review"] == {**accepted, "status": "corrected"}
    s = next(p for p in b["strengths"] if p["text"] == strength["text"])
    assert s["sources"][0]["review"] == accepted
    others = [f["review"]["status"] for f in b["figures"]]
    assert others and set(others) == {"unreviewed"}
    assert b["reviewed"]["reviewed"] == 3 and b["reviewed"]["total"] > 3
    total = b["reviewed"]["total"]

    md = run("brief", "--council", COUNCIL, "--db", store_url).stdout
    assert f"**Reviewed:** 3 of {total} facts reviewed" in md
    line = next(x for x in md.splitlines() if x.startswith("- ") and "accepted by tester" in x)
    assert line.endswith("_(accepted by tester, 2026-01-01)_")
    assert "_(corrected by tester, 2026-01-01)_" in md and "_(unreviewed)_" in md

    out = tmp_path / "out"
    result = run("brief", "--council", COUNCIL, "--db", store_url, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    [html] = (out / "briefings").glob("*.html")
    page = html.read_text(encoding="utf-8")
    assert f"<dt>Reviewed</dt><dd>3 of {total} facts reviewed</dd>" in page
    assert "(corrected by tester, 2026-01-01)" in page
    [word] = (out / "briefings").glob("*.docx")
    doc = Document(io.BytesIO(word.read_bytes()))
    text = "\n".join(p.text for p in doc.paragraphs)
    text += "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert f"3 of {total} facts reviewed." in text and "(accepted by tester, 2026-01-01)" in text


def test_a_briefing_from_a_folder_carries_no_review(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("brief", str(NELINCS), "--out", str(out), "--backend", "offline")
    assert result.exit_code == 0, result.stderr
    [found] = (out / "briefings").glob("*.json")
    b = json.loads(found.read_text(encoding="utf-8"))
    assert "reviewed" not in b or b["reviewed"] is None
    assert all(q.get("review") is None for q in b["quotes"])
