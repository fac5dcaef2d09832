"""An added fact can be withdrawn: a reject of it (the contract has no other action), after
which it is gone from the article, the briefing and the counts, and nothing needs review."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from summarise.gold_export import gold_entry
from summarise.library import library
from summarise.store.repo import Store
from summarise.store.reviews import article_by_key, chosen_summary
from summarise.web.facts import to_decision

from .conftest import login
from .test_web_index import reference_rows

COUNCIL = "/councils/north-east-lincolnshire"
NEL = "001_244405360186b16d"  # as in test_web_review.py
FIGURE = "64 at home"


def _added(client: TestClient) -> dict[str, object]:
    facts = client.get(f"/api/articles/{NEL}").json()["facts"]
    return next(f for f in facts if f["status"] == "added")


def _figures(client: TestClient) -> list[str]:
    return [f["text"] for f in client.get(f"{COUNCIL}/briefing.json").json()["figures"]]


def test_withdraw_an_added_fact(client: TestClient, store: Store) -> None:
    csrf = login(client)
    total = client.get(f"/api/articles/{NEL}").json()["total"]
    form = {"csrf_token": csrf, "kind": "figure", "span_text": FIGURE, "meaning": "at home"}
    assert client.post(f"/articles/{NEL}/facts", data=form).status_code == 200
    added = _added(client)
    page = client.get(f"/articles/{NEL}").text
    assert f'action="/articles/{NEL}/facts/{added["id"]}"' in page and "Withdraw" in page
    assert FIGURE in _figures(client)

    withdraw = {"csrf_token": csrf, "action": "withdraw", "reason": "mine, wrong"}
    r = client.post(f"/articles/{NEL}/facts/{added['id']}", data=withdraw)
    assert r.status_code == 200
    assert f"0 of {total} facts reviewed" in r.text and "Withdraw" not in r.text
    last = store.decision_rows()[-1]
    assert (last["action"], last["fact_id"], last["after"]) == ("reject", added["id"], None)
    assert last["before"] is not None and FIGURE in str(last["before"])
    assert all(f["status"] != "added" for f in client.get(f"/api/articles/{NEL}").json()["facts"])
    assert FIGURE not in _figures(client)
    assert library(store).needs_review == []
    article = article_by_key(store, NEL)
    assert article is not None
    summary = chosen_summary(store, article)
    assert summary is not None
    made = [to_decision(r) for r in store.decision_rows()]
    assert gold_entry(summary, article.text, made) is None  # an add withdrawn is no review
    assert client.get("/api/councils").json() == reference_rows(store)


def test_only_added_facts_are_withdrawn(client: TestClient) -> None:
    csrf = login(client)
    first = client.get(f"/api/articles/{NEL}").json()["facts"][0]
    r = client.post(f"/api/articles/{NEL}/facts/{first['id']}/decisions",
                    json={"action": "withdraw"}, headers={"X-CSRF-Token": csrf})  # fmt: skip
    assert r.status_code == 422
    form = {"csrf_token": csrf, "kind": "figure", "span_text": FIGURE, "meaning": "at home"}
    client.post(f"/articles/{NEL}/facts", data=form)
    added = _added(client)
    r = client.post(f"/api/articles/{NEL}/facts/{added['id']}/decisions",
                    json={"action": "accept"}, headers={"X-CSRF-Token": csrf})  # fmt: skip
    assert r.status_code == 422 and re.search("withdrawn", r.text)
