"""The benchmark scripts still run: a tiny corpus each, figures not judged (they are not tests
of speed), only that the script finishes and prints its table. A change to a helper they share
(`whole_run.run_command` gained a CPU figure) once broke `brief_memory.py` at its last step."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def run(script: str, *args: str, tmp: Path) -> str:
    done = subprocess.run(
        [sys.executable, script, *args, "--workdir", str(tmp)],
        cwd=BENCHMARKS,
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_brief_memory_prints_a_row_per_size(tmp_path: Path) -> None:
    out = run("brief_memory.py", "--sizes", "6", tmp=tmp_path)
    rows = [line.split() for line in out.splitlines() if line.strip().startswith("6 ")]
    assert len(rows) == 1 and rows[0][1] == "6"  # every article kept as its own summary


def test_whole_run_prints_stages_and_paired_commands(tmp_path: Path) -> None:
    out = run("whole_run.py", "--articles", "6", "--runs", "1", "--skip", "rss", tmp=tmp_path)
    assert "all of brief" in out
    assert "brief/extract median" in out
