"""Which store: --db, then SUMMARISE_DATABASE_URL, then summarise.toml, then the default file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

import platformdirs

ENV_URL: Final = "SUMMARISE_DATABASE_URL"


def default_url() -> str:
    """A SQLite file under the user data folder (platformdirs)."""
    folder = Path(platformdirs.user_data_dir("summarise"))
    return f"sqlite:///{folder / 'library.sqlite'}"


def resolve_url(flag: str | None, configured: str | None) -> str:
    """--db, then SUMMARISE_DATABASE_URL, then summarise.toml's database_url, then the default.

    A bare path (no `://`) means a SQLite file.
    """
    url = flag or os.environ.get(ENV_URL) or configured or default_url()
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser()}"
    return url
