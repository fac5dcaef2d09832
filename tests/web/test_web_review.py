"""The reviewer's loop end to end through HTTP: decisions are stored in the contract's shape
and every briefing format on the web shows them (rejected gone, corrected, added)."""

from __future__ import annotations

import io
import re

from docx import Document
from fastapi.testclient import TestClient

from summarise.store.repo import Store
from summarise.store.reviews import article_by_key, chosen_summary
from tests.web.conftest import login

NEL = "001_244405360186b16d"
FIGURE = "64 at home"


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_reject_correct_add_reach_every_briefing(client: TestClient, store: Store) -> None:
    csrf = login(client)
    article = article_by_key(store, NEL)
    assert article is not None
    summary = chosen_summary(store, article)
    assert summary is not None
    judgement = summary.judgements[0]
    quote = next(q for q in summary.quotes if q.speaker == "John Bolton")
    before = client.get("/councils/north-east-lincolnshire").text
    assert "0 of " in before and "Serving some people well" in before

    page = client.get(f"/articles/{NEL}").text
    total = int(re.search(r"0 of (\d+) facts reviewed", page).group(1))  # type: ignore[union-attr]
    r = client.post(
        f"/articles/{NEL}/facts/{judgement.id}",
        data={"action": "reject", "csrf_token": csrf, "reason": "wrong council"},
    )
    assert r.status_code == 200 and f"1 of {total} facts reviewed" in r.text
    r = client.post(
        f"/articles/{NEL}/facts/{quote.id}",
        data={"action": "correct", "csrf_token": csrf, "speaker": "Len Taylor"},
    )
    assert r.status_code == 200 and "Corrected by rita" in r.text
    r = client.post(
        f"/articles/{NEL}/facts/{quote.id}",
        data={"action": "correct", "csrf_token": csrf, "speaker": "Nobody Here"},
    )
    assert r.status_code == 422 and "not named in the article" in r.text
    r = client.post(
        f"/articles/{NEL}/facts",
        data={
            "csrf_token": csrf,
            "kind": "figure",
            "span_text": FIGURE,
            "meaning": "older people helped to live at home",
        },
    )
    assert r.status_code == 200 and f"3 of {total + 1} facts reviewed" in r.text
    r = client.post(
        f"/articles/{NEL}/facts",
        data={
            "csrf_token": csrf,
            "kind": "figure",
            "span_text": "not in the article at all",
            "meaning": "x",
        },
    )
    assert r.status_code == 422 and "not in the article" in r.text

    rows = store.decision_rows()
    assert [r["action"] for r in rows] == ["reject", "correct", "add"]
    assert all(r["reviewer"] == "rita" and r["at"] for r in rows)
    assert rows[0]["after"] is None and rows[0]["reason"] == "wrong council"

    html = client.get("/councils/north-east-lincolnshire").text
    assert "Serving some people well" not in html.split("Latest judgements", 1)[1]
    assert "Len Taylor" in html and FIGURE in html
    # The briefing counts its own facts: the rejected one is gone from it, so 2 are reviewed.
    assert re.search(r"<h2[^>]*>2 of \d+ facts reviewed</h2>", html)
    assert "(corrected by rita, " in html and "(added by rita, " in html
    md = client.get("/councils/north-east-lincolnshire/briefing.md").text
    assert "Len Taylor" in md and FIGURE in md and "Serving some people well" not in md
    assert re.search(r"\*\*Reviewed:\*\* 2 of \d+ facts reviewed", md)
    data = client.get("/councils/north-east-lincolnshire/briefing.json").json()
    assert all(
        j["value"] != judgement.value.value or j["aspect"] != judgement.aspect.value
        for j in data["latest_judgements"]
    )
    assert any(q["speaker"] == "Len Taylor" for q in data["quotes"])
    assert any(f["text"] == FIGURE for f in data["figures"])
    docx = _docx_text(client.get("/councils/north-east-lincolnshire/briefing.docx").content)
    assert "Len Taylor" in docx and FIGURE in docx and "Serving some people well" not in docx
    assert "facts reviewed" in docx

    history = client.get(f"/articles/{NEL}/history").text
    assert "wrong council" in history and "reject" in history and "Len Taylor" in history


def test_api_decision_round_trip_and_queue(client: TestClient, store: Store) -> None:
    csrf = login(client)
    facts = client.get(f"/api/articles/{NEL}").json()
    first = facts["facts"][0]
    assert facts["reviewed"] == 0
    r = client.post(
        f"/api/articles/{NEL}/facts/{first['id']}/decisions",
        json={"action": "accept"},
        headers={"X-CSRF-Token": csrf},
    )
    assert r.status_code == 201, r.text
    assert r.json()[0]["action"] == "accept" and r.json()[0]["before"] == first["fact"]
    after = client.get(f"/api/articles/{NEL}").json()
    assert after["reviewed"] == 1 and after["facts"][0]["status"] == "accepted"
    assert client.get("/api/decisions", params={"article": NEL}).json()[0]["reviewer"] == "rita"
    statuses = re.findall(
        r"<td>(Unreviewed|Accepted)</td>", client.get("/queue", params={"kind": first["kind"]}).text
    )
    assert len(statuses) > 1 and statuses[-1] == "Accepted"  # unreviewed first
    assert set(statuses[:-1]) == {"Unreviewed"}
    assert client.get("/api/openapi.json").json()["paths"]
