"""The atomic writer: what lands on disk is exactly the text, and folders appear on demand."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise.extract.offline.text import Segment
from summarise.outputs import write_text


def test_write_text_makes_missing_folders_and_keeps_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "x.md"
    text = "line one\r\nline two\n£ “quoted” – é\n"
    write_text(path, text)
    # Written as UTF-8 bytes: newlines are untranslated, as text mode with newline="" left them.
    assert path.read_bytes() == text.encode("utf-8")
    write_text(path, "again")
    assert path.read_text(encoding="utf-8") == "again"
    assert [p.name for p in path.parent.iterdir()] == ["x.md"]  # no temporary file left


def test_write_text_leaves_nothing_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    with pytest.raises(UnicodeEncodeError):
        write_text(path, "lone surrogate \ud800")
    assert list(tmp_path.iterdir()) == []


def test_segment_pieces_are_plain_segments() -> None:
    """`sub` and `stripped` build their tuples directly; they must equal the constructor's."""
    seg = Segment(10, 30, "  Hello, world;  ")
    piece = seg.sub(2, 7)
    assert piece == Segment(12, 17, "Hello") and type(piece) is Segment
    bare = seg.stripped()
    assert bare == Segment(12, 24, "Hello, world") and type(bare) is Segment
    assert bare.start == 12 and bare.end == 24 and bare.text == "Hello, world"
