"""The suite's own rules, checked: no wall-clock asserts, no hypothesis deadline, a timeout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import settings

TESTS = Path(__file__).resolve().parent
CLOCKS = re.compile(r"\btime\.(perf_counter|monotonic|process_time)\(")
# The e2e test waits for its server with a monotonic deadline: a startup wait, not a speed assert.
ALLOWED = {"test_e2e_llama.py"}


def test_no_unit_test_reads_a_stopwatch() -> None:
    """Speed belongs in benchmarks/: a timed assert flakes on a busy shared machine."""
    offenders = [
        p.name
        for p in sorted(TESTS.rglob("test_*.py"))
        if p.name not in ALLOWED and CLOCKS.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_property_tests_have_no_deadline() -> None:
    assert settings.default.deadline is None


def test_no_property_test_sets_a_deadline_back() -> None:
    for path in sorted(TESTS.rglob("test_*.py")):
        if path.name == Path(__file__).name:
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"deadline=(?!None)", text), path.name  # a keyword argument


def test_a_hang_fails_within_minutes(pytestconfig: pytest.Config) -> None:
    assert 0 < float(pytestconfig.getini("timeout")) <= 600
