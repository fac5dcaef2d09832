"""Outputs do not depend on the clock, except where they print when they were generated.

`summarise rebuild` renders every briefing format and the index from the same summaries. With the
clock frozen, two rebuilds are byte-identical. With the clock a year and a day later, the only
differences are `generated_at` and the date printed from it; a `.docx` is compared part by part
(zip entry names, times and attributes exactly, each XML part with the two dates swapped).
"""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from typer.testing import CliRunner

from summarise.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
FIRST = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
LATER = datetime(2027, 3, 5, 8, 9, 10, tzinfo=UTC)
RENDERED = ("briefings", "index.md", "index.html")


def run(*args: str) -> None:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output


def files(root: Path) -> dict[str, bytes]:
    found = {}
    for name in RENDERED:
        path = root / name
        paths = sorted(path.rglob("*")) if path.is_dir() else [path]
        found |= {p.relative_to(root).as_posix(): p.read_bytes() for p in paths if p.is_file()}
    return found


def stamps(moment: datetime) -> list[bytes]:
    """The ways a generation time is written: ISO in JSON and docx, a date label in prose."""
    iso = moment.isoformat()
    label = f"{moment.day} {moment.strftime('%B')} {moment.year}"
    docx = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return [s.encode() for s in (iso, label, docx)]


def swap(data: bytes, before: datetime, after: datetime) -> bytes:
    for old, new in zip(stamps(before), stamps(after), strict=True):
        data = data.replace(old, new)
    return data


def docx_parts(data: bytes) -> tuple[list[tuple[str, tuple[int, ...], int]], dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = [(i.filename, i.date_time, i.external_attr) for i in z.infolist()]
        return infos, {i.filename: z.read(i.filename) for i in z.infolist()}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("extracted")
    run("extract", str(EXAMPLES), "--out", str(out), "--backend", "offline")
    return out


def rebuild_at(moment: datetime, extracted: Path, where: Path) -> dict[str, bytes]:
    shutil.copytree(extracted / "articles", where / "articles")
    with time_machine.travel(moment, tick=False):
        run("rebuild", str(where))
    return files(where)


def test_frozen_clock_two_rebuilds_are_byte_identical(extracted: Path, tmp_path: Path) -> None:
    one = rebuild_at(FIRST, extracted, tmp_path / "one")
    two = rebuild_at(FIRST, extracted, tmp_path / "two")
    assert any(n.endswith(".docx") for n in one) and "index.html" in one
    assert one == two


def test_a_later_clock_changes_only_the_generation_time(extracted: Path, tmp_path: Path) -> None:
    one = rebuild_at(FIRST, extracted, tmp_path / "one")
    later = rebuild_at(LATER, extracted, tmp_path / "later")
    assert one.keys() == later.keys()
    changed = set()
    for name, data in one.items():
        if name.endswith(".docx"):
            infos, parts = docx_parts(data)
            later_infos, later_parts = docx_parts(later[name])
            assert infos == later_infos, name  # zip entry times do not follow the clock
            assert {k: swap(v, FIRST, LATER) for k, v in parts.items()} == later_parts, name
            changed |= {name for k, v in parts.items() if v != later_parts[k]}
        else:
            assert swap(data, FIRST, LATER) == later[name], name
            changed |= {name} if data != later[name] else set()
    # the clock does show where it should: generated_at in every JSON, its date in every docx
    assert {n for n in one if n.endswith((".json", ".docx"))} <= changed
