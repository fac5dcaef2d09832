"""The wheel carries what the package reads at run time, from the one copy in the tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
        + ["-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("summarise-*.whl")
    return built


def test_the_wheel_ships_the_prompts_gazetteer_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("system.md", "user.md", "narrative_system.md", "narrative_user.md"):
        assert f"summarise/prompts/{name}" in names
        packaged = zipfile.ZipFile(wheel).read(f"summarise/prompts/{name}")
        assert packaged == (ROOT / "prompts" / name).read_bytes()
    assert "summarise/gazetteer/data/authorities.json" in names
    assert "summarise/render/templates/briefing.html" in names


def test_an_installed_wheel_reads_its_own_prompts(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from summarise.extract.llm.prompts import load_prompts\n"
        "p = load_prompts()\n"
        "print(p.source)\n"
        "print(p.version)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(site))
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    source, version = done.stdout.split()
    assert Path(source).is_relative_to(site), source

    from summarise.extract.llm.prompts import load_prompts

    assert version == load_prompts().version


def test_the_wheel_ships_the_store_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "summarise/store/migrations/env.py" in names
    assert "summarise/store/migrations/versions/0001_initial.py" in names
