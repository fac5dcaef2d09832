"""Who may do what: sessions, CSRF tokens, login throttling, and the response headers.

The session is Starlette's signed cookie (itsdangerous): HttpOnly, SameSite=Strict, Secure over
TLS. It holds the account name and a CSRF token; every write must echo the token, in a form
field or the X-CSRF-Token header, and must come from a logged-in account.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from fastapi import HTTPException, Request

from summarise.store.users import User, get_user

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@dataclass
class LoginThrottle:
    """At most `limit` failed logins per client address in `window` seconds."""

    limit: int = 5
    window: float = 60.0

    def __post_init__(self) -> None:
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        q = self._failures.setdefault(client, deque())
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def blocked(self, client: str) -> bool:
        with self._lock:
            return len(self._recent(client, time.monotonic())) >= self.limit

    def failed(self, client: str) -> None:
        with self._lock:
            now = time.monotonic()
            self._recent(client, now).append(now)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


def csrf_token(request: Request) -> str:
    """This session's CSRF token, made on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def current_user(request: Request) -> User | None:
    """The logged-in account (checked against the store, so a deleted account is logged out)."""
    name = request.session.get("user")
    if not isinstance(name, str):
        return None
    cached = getattr(request.state, "user", None)
    if isinstance(cached, User):
        return cached
    user = get_user(request.app.state.web.store, name)
    request.state.user = user
    return user


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get("csrf")
    given = submitted or request.headers.get(CSRF_HEADER) or ""
    if not isinstance(expected, str) or not hmac.compare_digest(expected, given):
        raise HTTPException(403, "missing or wrong CSRF token; reload the page and try again")


def require_writer(request: Request, submitted: str | None) -> User:
    """The logged-in account allowed to write, after the CSRF check; 401 or 403 otherwise."""
    user = current_user(request)
    if user is None:
        raise HTTPException(401, "log in to make changes")
    check_csrf(request, submitted)
    return user


def is_loopback(host: str) -> bool:
    return host in ("127.0.0.1", "::1", "localhost") or host.startswith("127.")
