"""Ingestion, the I/O edge: a path on disk -> an `Article` whose cleaned text spans point into.

This module reads and decodes an input's bytes (refusing what is not a regular file, too big,
binary or empty; `summarise.ingest.discovery` finds the inputs), picks a reader by suffix and
names the file in every error. What a reader hands on is cleaned by `summarise.ingest.textclean`
(characters by `summarise.ingest.charfix`); HTML is turned into text by `summarise.ingest.htmltext`.
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import hashlib
import io
import logging
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from charset_normalizer import from_bytes

from summarise.ingest import boilerplate as bp
from summarise.ingest.discovery import (
    SUPPORTED_SUFFIXES,
    discover_inputs,
    file_kind,
    unsupported,
)
from summarise.ingest.htmltext import (
    declared_charset,
    html_text,
    looks_like_html,
    unescape_entities,
)
from summarise.ingest.limits import DEFAULT_MAX_BYTES, MB
from summarise.ingest.textclean import (
    Metadata,
    clean_text,
    clean_with_metadata,
    extract_metadata,
)
from summarise.models import Article

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "Metadata",
    "clean_text",
    "decode_bytes",
    "discover",
    "extract_metadata",
    "load_article",
    "read_bytes",
]

_MB = MB


class IngestError(Exception):
    """Why one input cannot be used; `str(err)` is one line that names the file."""

    def __init__(self, path: str | os.PathLike[str], message: str) -> None:
        self.path = str(path)
        self.message = " ".join(message.split())
        super().__init__(f"{self.path}: {self.message}")

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str]]:
        """Survive pickling (worker processes) despite the two-argument constructor."""
        return (IngestError, (self.path, self.message))


# --- discovery --------------------------------------------------------------------------------


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[IngestError]]:
    """The files to process and the inputs that cannot be used (symlink loops included)."""
    found = discover_inputs(paths)
    errors = [IngestError(r.path, r.reason) for r in [*found.failed, *found.loops]]
    return found.files, errors


# --- bytes -> str -------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 12, 13, 26, 27} | {127}))
_BINARY = "looks like a binary file, not text"


def _size(n: int) -> str:
    if n >= _MB:
        return f"{n / _MB:.1f} MB"
    return f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} bytes"


def _limit(n: int) -> str:
    return f"{n // _MB} MB" if n and n % _MB == 0 else _size(n)


def _too_big(size: int, max_bytes: int) -> str:
    return f"file is {_size(size)}; the limit is {_limit(max_bytes)} (--max-bytes)"


def _over_limit(max_bytes: int) -> str:
    """Said when reading, not the file's size, found it too big: the size itself is unknown."""
    return f"file is larger than the limit of {_limit(max_bytes)} (--max-bytes)"


def _read_bounded(fd: int, max_bytes: int, hint: int) -> bytes:
    """At most `max_bytes + 1` bytes, asking for the size just seen first (plus one byte to
    notice growth): asking for the whole limit at once would allocate it for every article."""
    chunks: list[bytes] = []
    total = 0
    want = min(hint + 1, max_bytes + 1)
    while total <= max_bytes:
        chunk = os.read(fd, want)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = min(1 << 20, max_bytes + 1 - total) or 1
    return b"".join(chunks)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes. Refuses a FIFO, device or socket by its type before reading (a FIFO
    would block forever), and never reads past `max_bytes`, whatever the file claims its size is.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except IsADirectoryError:
        raise IngestError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        kind = file_kind(info.st_mode)
        if kind is not None:
            raise IngestError(path, f"{kind}, not a regular file; not read")
        if info.st_size > max_bytes:
            raise IngestError(path, _too_big(info.st_size, max_bytes))
        data = _read_bounded(fd, max_bytes, info.st_size)
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise IngestError(path, _over_limit(max_bytes))
    return data


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than a few percent control bytes: no text file looks like that."""
    if b"\x00" in data:
        return True
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > 0.05 * len(sample)


def _count(text: str, wanted: Callable[[str], bool]) -> int:
    """How many characters of `text` pass `wanted`, testing each distinct character once."""
    return sum(text.count(ch) for ch in set(text) if wanted(ch))


#: Whitespace other than " ": each is unprintable, so one missing here only costs speed.
_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
_SPACES += "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _mostly_unreadable(text: str) -> bool:
    sample = probe = text[:65536]
    for space in _SPACES:
        if space in probe:
            probe = probe.replace(space, "")
    if probe.isprintable():  # the usual case: every character printable or a space
        return False
    bad = _count(sample, lambda ch: not (ch.isprintable() or ch.isspace()))
    return bad > 0.05 * max(1, len(sample))


def _western(text: str) -> bool:
    """English news with a few £ ’ “ – is mostly ASCII letters; Cyrillic read as cp1252 is not."""
    foreign = _count(text, lambda ch: ord(ch) > 127 and ch.isalpha())
    return foreign == 0 or foreign <= 0.2 * _count(text, str.isalpha)


def _decode_legacy(data: bytes, path: Path, declared: str | None) -> str:
    """Not UTF-8: a declared charset, else cp1252 when plausible, else charset-normalizer.

    cp1252 comes first because charset-normalizer guesses mac_iceland or cp1250 for short
    British texts, turning ’ into í and £ into Ł.
    """
    for codec in (declared, "cp1252"):
        if codec is None:
            continue
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if codec == declared or _western(text):
            return text
    best = from_bytes(data).best()
    if best is None:
        raise IngestError(path, _BINARY)
    return str(best)


def decode_bytes(data: bytes, path: Path, declared: str | None = None) -> str:
    """Bytes -> text: BOM, else UTF-8, else a legacy single-byte encoding; binary refused."""
    if not data.strip():
        raise IngestError(path, "empty file")
    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise IngestError(path, f"starts with a {codec} mark but is not {codec}") from None
            break
    if text is None:
        if _looks_binary(data):
            raise IngestError(path, _BINARY)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(data, path, declared)
    if _mostly_unreadable(text):
        raise IngestError(path, _BINARY)
    if not text.strip():
        raise IngestError(path, "empty file")
    return text


# --- formats ----------------------------------------------------------------------------------


def _read_txt(data: bytes, path: Path) -> tuple[str, Metadata]:
    raw = decode_bytes(data, path)
    if looks_like_html(raw):
        return clean_with_metadata(*html_text(raw))
    return clean_with_metadata(unescape_entities(raw))


def _read_md(data: bytes, path: Path) -> tuple[str, Metadata]:
    return clean_with_metadata(unescape_entities(bp.strip_markdown(decode_bytes(data, path))))


def _read_html(data: bytes, path: Path) -> tuple[str, Metadata]:
    return clean_with_metadata(*html_text(decode_bytes(data, path, declared_charset(data))))


class _ThreadLog(logging.Handler):
    """Collects one thread's log records, so pypdf's warnings go with the file being read."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(" ".join(record.getMessage().split()))


_PYPDF_LOG = logging.getLogger("pypdf")
_PYPDF_LOG.propagate = False  # never a stray line on stderr that names no file
_PYPDF_LOG.addHandler(logging.NullHandler())


@contextlib.contextmanager
def _pypdf_warnings() -> Iterator[list[str]]:
    handler = _ThreadLog()
    _PYPDF_LOG.addHandler(handler)
    try:
        yield handler.messages
    finally:
        _PYPDF_LOG.removeHandler(handler)


def _pdf_pages(data: bytes, path: Path) -> tuple[str, str | None]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except Exception as exc:  # noqa: BLE001 -- pypdf raises many types; all mean "unreadable"
        reason = f"could not read the PDF ({type(exc).__name__}: {exc})"
        raise IngestError(path, reason[:300]) from None
    return "\n".join(pages), title


def _read_pdf(data: bytes, path: Path) -> tuple[str, Metadata]:
    """Best effort: pypdf's text layer, pages joined; scanned PDFs have none and are refused."""
    if b"%PDF-" not in data[:1024]:
        raise IngestError(path, "not a PDF file (no %PDF- header)")
    with _pypdf_warnings() as warned:
        try:
            raw, title = _pdf_pages(data, path)
        except IngestError as exc:
            said = "; ".join(dict.fromkeys(warned))
            raise IngestError(path, f"{exc.message} (pypdf: {said})" if said else exc.message)
    if not raw.strip():
        raise IngestError(path, "the PDF has no text layer (scanned?)")
    text, meta = clean_with_metadata(raw)
    meta = meta.or_else(Metadata(title=title.strip() if title and title.strip() else None))
    return text, dataclasses.replace(
        meta, warnings=tuple(f"pypdf: {w}" for w in dict.fromkeys(warned))
    )


_READERS: dict[str, Callable[[bytes, Path], tuple[str, Metadata]]] = {
    ".txt": _read_txt,
    ".md": _read_md,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
}


def load_article(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, data: bytes | None = None
) -> Article:
    """Read, decode and clean one input; every failure is an IngestError naming the file.

    `data`, when given, is the file's bytes already read (the store hashes them first).
    """
    path = Path(path)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError(path, unsupported(path))
    text, meta = reader(read_bytes(path, max_bytes) if data is None else data, path)
    if not text:
        raise IngestError(path, "no article text left after removing boilerplate")
    return Article(
        id=path.stem,
        path=str(path),
        text=text,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        title=meta.title,
        publisher=meta.publisher,
        published=meta.published,
        date_from=meta.date_from,
        url=meta.url,
        report_url=meta.report_url,
        warnings=list(meta.warnings),
    )
