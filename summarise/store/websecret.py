"""The key that signs the web app's session cookies, made once and kept in the store.

A key made per process logged everyone out at each restart, and two processes serving one
store (PostgreSQL, a team) would refuse each other's cookies. Whoever can read the store can
read the key; they could already change every decision in it.
"""

from __future__ import annotations

import secrets

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from summarise.store.repo import Store
from summarise.store.webtables import settings

SESSION_KEY = "session_key"


def session_key(store: Store) -> str:
    """The store's session key, made on first use (two processes making it at once agree)."""
    q = select(settings.c.value).where(settings.c.name == SESSION_KEY)
    with store.read() as conn:
        found = conn.execute(q).scalar()
    if found is not None:
        return str(found)
    try:
        with store.write() as conn:
            conn.execute(insert(settings).values(name=SESSION_KEY, value=secrets.token_urlsafe(48)))
    except IntegrityError:
        pass  # another process made it first: use theirs
    with store.read() as conn:
        return str(conn.execute(q).scalar_one())
