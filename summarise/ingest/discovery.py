"""Finding the inputs: files and folders -> the article files to read, and what was left out why.

Nothing here reads a file's contents. Every candidate is `stat`ed first, so a FIFO, a device
or a socket is refused by its type (reading a FIFO would wait forever) and a symlink loop is
named rather than raised. The out folder, and anything under it, is never an input: a second
run must not read the first run's cleaned text, review pages and briefings as articles.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm", ".pdf"})
SUPPORTED_LIST = ", ".join(sorted(SUPPORTED_SUFFIXES))

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_kind(mode: int) -> str | None:
    """None for a regular file, else what it is ("a FIFO (named pipe)", "a socket", ...)."""
    if stat.S_ISREG(mode):
        return None
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a folder" if stat.S_ISDIR(mode) else "not a regular file"


def unsupported(path: Path) -> str:
    kind = f"'{path.suffix}'" if path.suffix else "(no extension)"
    return f"unsupported file type {kind}; supported: {SUPPORTED_LIST}"


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


@dataclass(frozen=True)
class Refusal:
    """One path that is not an input, and why (one line, names no file)."""

    path: str
    reason: str


@dataclass
class Discovery:
    """The files to read, the inputs that failed, and what was skipped on purpose.

    `failed` are named and count as failures (a missing file, a FIFO, an empty folder);
    `skipped` are files a folder holds that are not articles (hidden, unsupported type), only
    counted unless asked; `loops` are symlink loops, always named; `out_skipped` says the out
    folder sat among the inputs and was left out.
    """

    files: list[Path] = field(default_factory=list)
    failed: list[Refusal] = field(default_factory=list)
    skipped: list[Refusal] = field(default_factory=list)
    loops: list[Refusal] = field(default_factory=list)
    out_skipped: bool = False


def _real(path: Path) -> str:
    return os.path.realpath(path)


def _inside(path: str, folder: str | None) -> bool:
    return folder is not None and (
        path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
    )


def _stat(path: Path) -> os.stat_result | str:
    """The file's status, or why it has none ("symlink loop", "no such file or folder")."""
    try:
        return os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        if exc.errno == errno.ENOENT:
            return "no such file or folder"
        return f"cannot read: {exc.strerror or exc}"


class _Finder:
    def __init__(self, exclude: Path | None) -> None:
        self.found = Discovery()
        self.exclude = _real(exclude) if exclude is not None else None
        self.seen: set[str] = set()

    def add_file(self, path: Path, given: bool) -> None:
        """`given`: named on the command line, so an unsupported type is a failure, not a skip."""
        info = _stat(path)
        if isinstance(info, str):
            target = self.found.loops if info == "symlink loop" else self.found.failed
            target.append(Refusal(str(path), info))
            return
        real = _real(path)
        if _inside(real, self.exclude):
            self.found.out_skipped = True
            return
        kind = file_kind(info.st_mode)
        if kind is not None:
            self.found.failed.append(Refusal(str(path), f"{kind}, not a regular file; not read"))
        elif not _supported(path):
            target = self.found.failed if given else self.found.skipped
            target.append(Refusal(str(path), unsupported(path)))
        elif real not in self.seen:
            self.seen.add(real)
            self.found.files.append(path)

    def add_folder(self, folder: Path) -> None:
        if _inside(_real(folder), self.exclude):
            self.found.out_skipped = True
            return
        before = len(self.found.files)
        errors: list[OSError] = []
        for dirpath, dirnames, filenames in os.walk(folder, onerror=errors.append):
            here = Path(dirpath)
            kept = []
            for name in sorted(dirnames):
                if name.startswith("."):
                    self.found.skipped.append(Refusal(str(here / name), "hidden folder"))
                elif _inside(_real(here / name), self.exclude):
                    self.found.out_skipped = True
                else:
                    kept.append(name)
            dirnames[:] = kept
            for name in sorted(filenames):
                if name.startswith("."):
                    self.found.skipped.append(Refusal(str(here / name), "hidden file"))
                else:
                    self.add_file(here / name, given=False)
        for exc in errors:
            reason = f"cannot read folder: {exc.strerror or exc}"
            self.found.failed.append(Refusal(str(exc.filename or folder), reason))
        if len(self.found.files) == before and not errors:
            reason = f"folder has no supported files ({SUPPORTED_LIST})"
            self.found.failed.append(Refusal(str(folder), reason))


def discover_inputs(paths: Sequence[Path], exclude: Path | None = None) -> Discovery:
    """Expand files and folders into the inputs to process, saying what was left out and why.

    Order follows the arguments (each folder sorted); a file reached twice is listed once.
    `exclude` (the out folder) and everything under it is never an input.
    """
    finder = _Finder(exclude)
    for given in map(Path, paths):
        info = _stat(given)
        if not isinstance(info, str) and stat.S_ISDIR(info.st_mode):
            finder.add_folder(given)
        else:
            finder.add_file(given, given=True)
    return finder.found
