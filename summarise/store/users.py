"""Accounts for `summarise serve`: a name, an argon2 hash, and whether it is an admin."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import cache

from pwdlib import PasswordHash
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from summarise.store.repo import Store
from summarise.store.webtables import users
from summarise.store.writes import now_iso


@dataclass(frozen=True)
class User:
    name: str
    admin: bool


class UserExists(ValueError):
    """The name is taken."""


@cache
def hasher() -> PasswordHash:
    """pwdlib's recommended hasher (argon2id)."""
    return PasswordHash.recommended()


# Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$ZHVtbXlkdW1teWR1bW15ZHVtbXk"


def add_user(store: Store, name: str, password: str, *, admin: bool = False) -> User:
    """Store a new account; the password is kept only as its argon2 hash."""
    if not name.strip() or len(name) > 100:
        raise ValueError("a user name is 1 to 100 characters")
    row = {
        "name": name.strip(),
        "password_hash": hasher().hash(password),
        "admin": admin,
        "created_at": now_iso(),
    }
    try:
        with store.write() as conn:
            conn.execute(insert(users).values(**row))
    except IntegrityError:
        raise UserExists(name) from None
    return User(name.strip(), admin)


def set_password(store: Store, name: str, password: str) -> bool:
    """Replace an account's password; False when there is no such account."""
    with store.write() as conn:
        res = conn.execute(
            update(users).where(users.c.name == name).values(password_hash=hasher().hash(password))
        )
    return bool(res.rowcount)


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The account when the password matches, else None (same work either way)."""
    with store.read() as conn:
        row = conn.execute(select(users).where(users.c.name == name)).first()
    if row is None:
        with contextlib.suppress(Exception):  # only the time spent matters here
            hasher().verify(password, _DUMMY)
        return None
    if not hasher().verify(password, row.password_hash):
        return None
    return User(row.name, bool(row.admin))


def get_user(store: Store, name: str) -> User | None:
    with store.read() as conn:
        row = conn.execute(select(users.c.name, users.c.admin).where(users.c.name == name)).first()
    return None if row is None else User(row.name, bool(row.admin))


def list_users(store: Store) -> list[User]:
    with store.read() as conn:
        rows = conn.execute(select(users.c.name, users.c.admin).order_by(users.c.name))
        return [User(r.name, bool(r.admin)) for r in rows]
