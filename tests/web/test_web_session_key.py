"""Sessions outlive a restart: the key that signs them is made once and kept in the store,
unless SUMMARISE_SECRET_KEY names one."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from summarise.store.repo import Store
from summarise.store.websecret import session_key
from summarise.web.app import SECRET_ENV, create_app

from .conftest import login, offline


def _signed_in(store: Store, cookies: dict[str, str]) -> bool:
    """Whether a fresh app over the store (a restarted server) knows the session."""
    app = create_app(store, offline(), run_worker=False)
    with TestClient(app, base_url="http://127.0.0.1", cookies=cookies) as c:
        return "Signed in as rita" in c.get("/").text


def _log_in(store: Store) -> dict[str, str]:
    app = create_app(store, offline(), run_worker=False)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        login(c)
        assert "Signed in as rita" in c.get("/").text
        return dict(c.cookies)


def test_a_session_survives_a_restart(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    cookies = _log_in(store)
    assert _signed_in(store, cookies)
    assert not _signed_in(store, {k: v[:-4] + "AAAA" for k, v in cookies.items()})


def test_the_key_is_made_once(store: Store) -> None:
    key = session_key(store)
    assert len(key) >= 48 and session_key(store) == key


def test_the_environment_key_wins(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, "one key " * 8)
    cookies = _log_in(store)
    assert _signed_in(store, cookies)
    monkeypatch.setenv(SECRET_ENV, "another key " * 8)
    assert not _signed_in(store, cookies)
    monkeypatch.delenv(SECRET_ENV)
    assert not _signed_in(store, cookies)  # not signed with the store's key either
