"""Where things are written (the contract's layout), written so a crash never leaves half a file."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import BinaryIO

from pydantic import BaseModel


class Layout:
    """OUT/articles/X.json, X.clean.txt, X.review.html; OUT/briefings/<slug>.*; OUT/index.*."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.articles = out / "articles"
        self.briefings = out / "briefings"

    def summary(self, article_id: str) -> Path:
        return self.articles / f"{article_id}.json"

    def clean_text(self, article_id: str) -> Path:
        return self.articles / f"{article_id}.clean.txt"

    def review_page(self, article_id: str) -> Path:
        return self.articles / f"{article_id}.review.html"

    def briefing(self, slug: str, suffix: str) -> Path:
        return self.briefings / f"{slug}{suffix}"

    @property
    def run_record(self) -> Path:
        return self.out / "run.json"

    def run_history(self, name: str) -> Path:
        """OUT/runs/<started>.json: every run's record is kept; run.json is the latest."""
        return self.out / "runs" / name


def _create(tmp: str, folder: Path) -> BinaryIO:
    """Open `tmp` for writing; the folder is made only when the open finds it missing."""
    try:
        return open(tmp, "wb")
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
        return open(tmp, "wb")


def write_bytes(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so readers never see a partial file.

    The temporary name carries the process and thread, which is all the uniqueness needed
    (`tempfile.mkstemp` costs more than the write itself, and makes the file 0600). A run
    writes thousands of small files, so the folder is not re-made for each one.
    """
    tmp = os.path.join(path.parent, f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with _create(tmp, path.parent) as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text(path: Path, text: str) -> None:
    """`write_bytes` of the UTF-8 text, newlines untouched."""
    write_bytes(path, text.encode("utf-8"))


def write_model(path: Path, model: BaseModel) -> None:
    write_text(path, model.model_dump_json(indent=2) + "\n")
