"""The CLI's run: check the out folder, extract with a progress bar, and say what happened.

Every message goes through `summarise.messages`, so a path or reason is printed as given, on
one line. What a user sees for each kind of failure is listed in the README ("When things go
wrong").
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

from summarise.llm.config import ConfigError, Settings, describe
from summarise.messages import Messages, make_console
from summarise.models import Outcome, Usage
from summarise.pipeline import RunInterrupted, RunResult, run_extract
from summarise.run_record import ArticleRun
from summarise.workers import default_jobs

msg = Messages(make_console(), make_console(stderr=True))

#: Exit code after Ctrl-C, as a shell reports a process ended by SIGINT.
EXIT_INTERRUPTED = 130


def report(run: ArticleRun) -> None:
    """One line for each article that did not simply succeed, and for what a library warned."""
    for warning in run.warnings:
        msg.warning(f"{run.path}: {warning}")
    if run.outcome == Outcome.failed:
        msg.failed(run.path, run.reason)
    elif run.outcome == Outcome.flagged:
        msg.flagged(run.path, run.reason)


def tokens(usage: Usage) -> str:
    cached = f" ({usage.cached_tokens} cached)" if usage.cached_tokens else ""
    return f"{usage.prompt_tokens} prompt{cached} + {usage.completion_tokens} completion tokens"


def check_out(out: Path) -> None:
    """Refuse an --out that cannot be a writable folder, in one line, before any work."""
    probe = out
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        what = "is a file, not a folder" if probe == out else f"cannot be made: {probe} is a file"
        msg.error(f"--out {out}: {what}")
        raise typer.Exit(1)
    if not os.access(probe, os.W_OK | os.X_OK):
        msg.error(f"--out {out}: {probe} is not writable (permission denied)")
        raise typer.Exit(1)


@contextmanager
def output_errors(out: Path) -> Iterator[None]:
    """A failed write (read-only, no space, a file in the way) is one line naming the path."""
    try:
        yield
    except OSError as exc:
        where = exc.filename or out
        msg.error(f"cannot write {where}: {exc.strerror or exc}; the run stopped (--out {out})")
        raise typer.Exit(1) from None


def _extractor_warnings(extractor: object) -> list[str]:
    cache = getattr(extractor, "cache", None)
    return list(getattr(cache, "warnings", []))


def extract_all(
    paths: list[Path],
    out: Path,
    settings: Settings,
    max_bytes: int,
    verbose: bool,
    *,
    memory: bool = False,
    jobs: int | None = None,
) -> RunResult:
    """Extract every input into OUT, print a line per problem and the totals; with `memory`
    (brief PATHS), through a store in memory, so copies of one story are one article.

    Exits 1 (out folder untouched) when no input gives a summary, and 130 on Ctrl-C once
    run.json is written. `jobs` > 1 extracts offline in that many processes (default: the
    cores); the llm backend waits on a server, so it uses `concurrency` threads sharing one
    rate-limit budget, split over `jobs` processes only when `--jobs` is given.
    """
    from summarise.extract.factory import make_extractor
    from summarise.llm.usage import cost_usd
    from summarise.progress import run_progress

    msg.line(describe(settings))
    # instructor logs every exhausted re-ask at ERROR; the run reports those itself, one line each.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    try:
        extractor = make_extractor(settings)
    except (ConfigError, ValueError) as e:
        msg.error(e)
        raise typer.Exit(2) from None
    for warning in _extractor_warnings(extractor):
        msg.warning(warning)
    llm = settings.resolved_backend() == "llm"
    concurrency = settings.concurrency if llm else 1
    jobs = jobs or (1 if llm else default_jobs())

    def cost(u: Usage) -> float | None:
        return cost_usd(u, extractor.model, settings.prices) if extractor.model else None

    with run_progress(msg.err, getattr(extractor, "transport", None), cost) as progress:
        task = progress.add_task("extracting", total=None)

        def on_done(path: str, run: ArticleRun) -> None:
            progress.advance(task)
            report(run)

        run = run_extract
        if memory:
            from summarise.memory_run import run_in_memory

            run = run_in_memory
        try:
            with output_errors(out):
                result = run(
                    paths,
                    out,
                    extractor,
                    concurrency=concurrency,
                    jobs=jobs,
                    max_bytes=max_bytes,
                    on_start=lambda n: progress.update(task, total=n),
                    on_done=on_done,
                    cost=cost,
                )
        except RunInterrupted as stop:
            progress.stop()
            _interrupted(stop.result, out)
    _print_skipped(result, verbose)
    print_totals(result, out)
    if result.history is None:
        n = len(result.record.articles)
        msg.error(f"nothing written to {out}: none of the {n} inputs gave a summary")
        raise typer.Exit(1)
    return result


def _interrupted(result: RunResult, out: Path) -> None:
    """After Ctrl-C: say what was kept and leave at once, without waiting for requests in flight
    (their threads are blocked on sockets; a normal exit would join them)."""
    for run in result.record.articles:
        if run.outcome == Outcome.interrupted:
            msg.interrupted(run.path)
    print_totals(result, out)
    msg.line(f"interrupted: run.json written to {out}", to_err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)


def _print_skipped(result: RunResult, verbose: bool) -> None:
    for loop in result.found.loops:
        msg.skipped(loop.path, loop.reason)
    if verbose:
        for skipped in result.found.skipped:
            msg.skipped(skipped.path, skipped.reason)


def print_totals(result: RunResult, out: Path) -> None:
    rec = result.record
    counts = {o: sum(1 for a in rec.articles if a.outcome == o) for o in Outcome}
    line = f"{counts[Outcome.ok]} ok, {counts[Outcome.flagged]} flagged, "
    line += f"{counts[Outcome.failed]} failed"
    if counts[Outcome.interrupted]:
        line += f", {counts[Outcome.interrupted]} interrupted"
    found = result.found
    if found.skipped or found.loops:
        n = len(found.skipped) + len(found.loops)
        line += f" · {n} skipped (not articles: hidden, unsupported or symlink loops; --verbose)"
    if found.out_skipped:
        line += f" · the out folder {out} was not read as input"
    if rec.backend == "llm":
        cost = f", about ${rec.cost_usd:.4f}" if rec.cost_usd is not None else ""
        line += f" · {rec.requests} requests · {tokens(rec.usage)}{cost}"
    where = f"written to {out}" if result.history else "nothing written"
    msg.line(f"{line} · {rec.seconds:.2f}s · {where}")
