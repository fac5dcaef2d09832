"""A store with the bundled examples ingested offline, an account, and the app over it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from summarise.extract.offline import OfflineExtractor
from summarise.llm.config import Settings
from summarise.store import webtables
from summarise.store.ingest import Ingester
from summarise.store.repo import Store
from summarise.store.users import add_user
from summarise.web.app import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _no_ambient(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SUMMARISE_DATABASE_URL", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    Ingester(s, OfflineExtractor()).run([EXAMPLES])
    webtables.ensure(s.engine)
    add_user(s, "rita", PASSWORD)
    yield s
    s.close()


def offline() -> Settings:
    return Settings(backend="offline")


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    app = create_app(store, offline(), run_worker=False)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def token(client: TestClient, path: str = "/login") -> str:
    """The CSRF token the page at `path` carries."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text)
    assert found is not None, f"no CSRF token on {path}"
    return found.group(1)


def login(client: TestClient, name: str = "rita", password: str = PASSWORD) -> str:
    """Log in and return the session's CSRF token."""
    r = client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": token(client)},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return token(client, "/add")


def log_in_page(page: Any, server: str, name: str = "rita") -> None:
    """Sign in through the login form of a running `summarise serve`, as a reviewer would."""
    page.goto(f"{server}/login")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Log in')")
    assert f"Signed in as {name}" in page.inner_text("header")
