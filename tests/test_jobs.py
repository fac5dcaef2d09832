"""`--jobs N`: a forked process pool for extraction and rendering, output as with one process."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from typer.testing import CliRunner

from summarise.cli import app
from summarise.workers import default_jobs, map_ordered

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from same_outputs import compare


def _pid_and_square(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


def test_results_come_back_in_input_order_from_other_processes() -> None:
    results = list(map_ordered(_pid_and_square, list(range(50)), jobs=2))
    assert [square for _, square in results] == [x * x for x in range(50)]
    assert os.getpid() not in {pid for pid, _ in results}


def test_one_job_runs_in_this_process() -> None:
    assert {pid for pid, _ in map_ordered(_pid_and_square, [1, 2, 3], jobs=1)} == {os.getpid()}


def test_default_is_the_cores_this_process_may_use() -> None:
    assert default_jobs() == len(os.sched_getaffinity(0))


def test_brief_with_two_jobs_writes_what_one_job_writes(tmp_path: Path) -> None:
    runner = CliRunner()
    articles = str(ROOT / "examples" / "articles")
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        result = runner.invoke(app, ["brief", articles, "--out", str(out), "--jobs", jobs])
        assert result.exit_code == 0, result.output
    written = list((tmp_path / "2").rglob("*.docx"))
    assert len(written) == 5
    assert compare(tmp_path / "1", tmp_path / "2") == []


def test_ingest_and_brief_all_with_two_jobs_write_what_one_job_writes(tmp_path: Path) -> None:
    runner = CliRunner()
    articles = tmp_path / "articles"
    shutil.copytree(ROOT / "examples" / "articles", articles)
    original = sorted(articles.glob("*.txt"))[1]
    repost = "Syndicated from our partners\n\n" + original.read_text(encoding="utf-8")
    (articles / "zz_repost.txt").write_text(repost, encoding="utf-8")
    for jobs in ("1", "2"):
        db = str(tmp_path / f"{jobs}.sqlite")
        ingested = runner.invoke(app, ["ingest", str(articles), "--db", db, "--jobs", jobs])
        assert ingested.exit_code == 0, ingested.output
        assert "5 added, 1 merged" in ingested.output
        out = str(tmp_path / jobs)
        briefed = runner.invoke(app, ["brief", "--all", "--db", db, "--out", out, "--jobs", jobs])
        assert briefed.exit_code == 0, briefed.output
    assert len(list((tmp_path / "2").rglob("*.docx"))) == 5
    assert compare(tmp_path / "1", tmp_path / "2") == []


def test_jobs_help_says_the_default(tmp_path: Path) -> None:
    for command in ("ingest", "brief", "extract"):
        shown = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"}).output
        assert "--jobs" in shown and "(default: the" in " ".join(shown.split())


KILLED_PARENT = """
import os, signal, sys, time
from summarise.workers import map_ordered
out = sys.argv[1]
def work(x):
    with open(os.path.join(out, str(os.getpid())), "w"):
        pass
    time.sleep(0.2)
    return x
for n, _ in enumerate(map_ordered(work, list(range(200)), 2)):
    if n == 4:
        os.kill(os.getpid(), signal.SIGKILL)
"""


def test_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    import subprocess
    import time

    subprocess.run([sys.executable, "-c", KILLED_PARENT, str(tmp_path)], check=False)
    pids = [int(p.name) for p in tmp_path.iterdir()]
    assert len(pids) == 2

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    for _ in range(200):  # up to 20 seconds for the kernel to end them
        if not any(map(alive, pids)):
            break
        time.sleep(0.1)
    assert not any(map(alive, pids))
