"""The store's one error, importable without loading SQLAlchemy (the CLI starts faster)."""

from __future__ import annotations


class StoreError(Exception):
    """A store that cannot be used; the message is one line naming it."""
