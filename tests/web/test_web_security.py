"""Nobody writes who should not: sessions, CSRF, passwords, escaping, uploads."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from summarise.extract.offline import OfflineExtractor
from summarise.store import jobs
from summarise.store.repo import Store
from summarise.web.app import create_app
from summarise.web.worker import run_job, safe_stem
from tests.web.conftest import PASSWORD, login, offline, token

ARTICLE = "000_d3f0b9fec1a3d49c"


def _first_fact(client: TestClient) -> str:
    found = re.search(r'data-fact-id="([^"]+)"', client.get(f"/articles/{ARTICLE}").text)
    assert found is not None
    return found.group(1)


def _decisions(store: Store) -> list[dict[str, object]]:
    return store.decision_rows()


def test_post_without_a_session_is_refused(client: TestClient, store: Store) -> None:
    fact = _first_fact(client)
    csrf = token(client, "/login")  # a token, but nobody logged in
    r = client.post(
        f"/articles/{ARTICLE}/facts/{fact}", data={"action": "reject", "csrf_token": csrf}
    )
    assert r.status_code == 401
    r = client.post("/add", data={"csrf_token": csrf, "text": "Essex social services"})
    assert r.status_code == 401
    r = client.post(
        f"/api/articles/{ARTICLE}/facts/{fact}/decisions",
        json={"action": "reject"},
        headers={"X-CSRF-Token": csrf},
    )
    assert r.status_code == 401
    assert _decisions(store) == []
    assert jobs.recent(store) == []


def test_post_without_the_csrf_token_is_refused(client: TestClient, store: Store) -> None:
    login(client)
    fact = _first_fact(client)
    r = client.post(f"/articles/{ARTICLE}/facts/{fact}", data={"action": "reject"})
    assert r.status_code == 403
    r = client.post(
        f"/articles/{ARTICLE}/facts/{fact}", data={"action": "reject", "csrf_token": "forged"}
    )
    assert r.status_code == 403
    r = client.post(f"/api/articles/{ARTICLE}/facts/{fact}/decisions", json={"action": "reject"})
    assert r.status_code == 403
    assert _decisions(store) == []


def test_with_session_and_token_a_decision_is_stored(client: TestClient, store: Store) -> None:
    csrf = login(client)
    fact = _first_fact(client)
    r = client.post(
        f"/articles/{ARTICLE}/facts/{fact}",
        data={"action": "reject", "csrf_token": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303
    rows = _decisions(store)
    assert [(r["fact_id"], r["action"], r["reviewer"]) for r in rows] == [(fact, "reject", "rita")]


def test_bad_password_is_refused_and_logins_are_throttled(client: TestClient) -> None:
    csrf = token(client)
    for _ in range(5):
        r = client.post("/login", data={"name": "rita", "password": "wrong", "csrf_token": csrf})
        assert r.status_code == 401
        assert "Wrong name or password" in r.text
    r = client.post("/login", data={"name": "rita", "password": PASSWORD, "csrf_token": csrf})
    assert r.status_code == 429
    assert "summarise_session" not in r.headers.get("set-cookie", "") or "user" not in r.text
    r = client.post("/add", data={"csrf_token": csrf, "text": "x"})
    assert r.status_code == 401


def test_session_cookie_flags(client: TestClient) -> None:
    client.get("/login")
    r = client.post(
        "/login",
        data={"name": "rita", "password": PASSWORD, "csrf_token": token(client)},
        follow_redirects=False,
    )
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=strict" in cookie
    assert "secure" not in cookie  # plain http on loopback; create_app(tls=True) adds it


def test_secure_cookie_over_tls(store: Store) -> None:
    app = create_app(store, offline(), tls=True, run_worker=False)
    with TestClient(app, base_url="https://127.0.0.1") as c:
        assert "secure" in c.get("/login").headers["set-cookie"].lower()


def test_every_page_needs_a_login_off_loopback(store: Store) -> None:
    app = create_app(store, offline(), read_needs_login=True, run_worker=False)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert c.get("/", follow_redirects=False).status_code == 303
        assert c.get("/api/councils").status_code == 401
        assert c.get(f"/articles/{ARTICLE}", follow_redirects=False).status_code == 303
        login(c)
        assert c.get("/").status_code == 200


def test_hostile_article_is_escaped_and_csp_is_strict(client: TestClient, store: Store) -> None:
    csrf = login(client)
    evil = (
        "Essex County Council social services were judged inadequate by Ofsted. "
        '<script>alert(1)</script> and "><img src=x onerror=alert(2)> said the report.'
    )
    r = client.post(
        "/add",
        data={"csrf_token": csrf, "text": evil, "url": "https://example.org/x"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    claimed = jobs.claim(store)
    assert claimed is not None
    run_job(store, OfflineExtractor(), claimed[0], claimed[1], 1_000_000)
    done = jobs.get(store, claimed[0].id)
    assert done is not None and done.article_key is not None, done
    page = client.get(f"/articles/{done.article_key}")
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text
    assert "<img src=x" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in re.sub(r'<script src="/static/app.js" defer></script>', "", page.text)


def test_upload_type_size_and_path_traversal(client: TestClient, store: Store) -> None:
    csrf = login(client)
    files = {"files": ("../../etc/passwd.exe", b"root:x:0:0", "text/plain")}
    assert client.post("/add", data={"csrf_token": csrf}, files=files).status_code == 415
    files = {"files": ("fake.pdf", b"not a pdf at all", "application/pdf")}
    assert client.post("/add", data={"csrf_token": csrf}, files=files).status_code == 415
    files = {"files": ("big.txt", b"a" * (5 * 1024 * 1024 + 1), "text/plain")}
    assert client.post("/add", data={"csrf_token": csrf}, files=files).status_code == 413
    body = (EXAMPLE_DIR / f"{ARTICLE}.txt").read_bytes() + b"\nA fresh line."
    files = {"files": ("../../../tmp/evil/..\\..\\escape.txt", body, "text/plain")}
    r = client.post("/add", data={"csrf_token": csrf}, files=files, follow_redirects=False)
    assert r.status_code == 303
    claimed = jobs.claim(store)
    assert claimed is not None
    run_job(store, OfflineExtractor(), claimed[0], claimed[1], 1_000_000)
    done = jobs.get(store, claimed[0].id)
    assert done is not None and done.article_key is not None
    assert "/" not in done.article_key and ".." not in done.article_key
    # a re-post of an example, so merged: the upload's place is a bare, tamed name
    assert done.outcome == "merged"
    assert store.find_article(done.article_key).places[-1] == "escape.txt"
    assert not Path("/tmp/evil").exists()
    assert safe_stem("../../etc/passwd") == "passwd"


EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "examples" / "articles"
