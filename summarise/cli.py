"""The command line: a thin shell over pipeline, publish and validate.

Exit codes: 0 when every input succeeded, 1 when some inputs failed, 2 for usage errors.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer

from summarise import __version__
from summarise.cli_options import (
    BackendOpt,
    BaseUrlOpt,
    ConcurrencyOpt,
    ConfigOpt,
    JobsOpt,
    MaxBytesOpt,
    ModelOpt,
    ModeOpt,
    NoCacheOpt,
    OutOpt,
    PathsArg,
    _report,
    _settings,
    err,
    out_console,
)
from summarise.ingest.reader import DEFAULT_MAX_BYTES
from summarise.llm.config import ConfigError, Settings, describe
from summarise.models import ArticleSummary, CouncilBriefing, Outcome, Usage
from summarise.outputs import Layout, write_model, write_text
from summarise.pipeline import RunResult, now_iso, run_extract, tune_gc_for_batch
from summarise.progress import run_progress
from summarise.run_record import ArticleRun
from summarise.workers import default_jobs

app = typer.Typer(
    help=(
        "Turn reporting on council social services inspections into grounded JSON summaries and "
        "per-council briefing notes.\n\n"
        "Start with:  summarise brief examples/articles --out out\n\n"
        "With no API key this uses the offline extractor (no network). Set OPENAI_API_KEY or "
        "--base-url to use a model."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _extract(
    paths: list[Path], out: Path, settings: Settings, max_bytes: int, jobs: int
) -> RunResult:
    from summarise.extract.factory import make_extractor
    from summarise.llm.usage import cost_usd

    out_console.print(describe(settings))
    # instructor logs every exhausted re-ask at ERROR; the run reports those itself, one line each.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    try:
        extractor = make_extractor(settings)
    except (ConfigError, ValueError) as e:
        err.print(f"[red]error:[/] {e}")
        raise typer.Exit(2) from None
    llm = settings.resolved_backend() == "llm"
    concurrency = settings.concurrency if llm else 1

    def cost(u: Usage) -> float | None:
        return cost_usd(u, extractor.model, settings.prices) if extractor.model else None

    with run_progress(err, getattr(extractor, "transport", None), cost) as progress:
        task = progress.add_task("extracting", total=None)

        def on_done(path: str, run: ArticleRun) -> None:
            progress.advance(task)
            _report(run)

        result = run_extract(
            paths,
            out,
            extractor,
            concurrency=concurrency,
            jobs=1 if llm else jobs,  # the llm backend waits on a server: threads, one budget
            max_bytes=max_bytes,
            on_start=lambda n: progress.update(task, total=n),
            on_done=on_done,
            cost=cost,
        )
    _print_totals(result, out)
    return result


def _tokens(usage: Usage) -> str:
    cached = f" ({usage.cached_tokens} cached)" if usage.cached_tokens else ""
    return f"{usage.prompt_tokens} prompt{cached} + {usage.completion_tokens} completion tokens"


def _print_totals(result: RunResult, out: Path) -> None:
    rec = result.record
    counts = {o: sum(1 for a in rec.articles if a.outcome == o) for o in Outcome}
    ok, flagged, failed = counts[Outcome.ok], counts[Outcome.flagged], counts[Outcome.failed]
    line = f"{ok} ok, {flagged} flagged, {failed} failed"
    if rec.backend == "llm":
        cost = f", about ${rec.cost_usd:.4f}" if rec.cost_usd is not None else ""
        line += f" · {_tokens(rec.usage)}{cost}"
    out_console.print(f"{line} · {rec.seconds:.2f}s · written to {out}")


@app.command()
def extract(
    paths: PathsArg,
    out: OutOpt = Path("out"),
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    no_cache: NoCacheOpt = False,
    config: ConfigOpt = None,
    concurrency: ConcurrencyOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    jobs: JobsOpt = None,
) -> None:
    """Summarise each article: writes OUT/articles/X.json, X.clean.txt and OUT/run.json."""
    settings = _settings(backend, model, base_url, mode, no_cache, config, concurrency)
    result = _extract(paths, out, settings, max_bytes, jobs or default_jobs())
    raise typer.Exit(1 if result.failed else 0)


NarrativeOpt = Annotated[
    str,
    typer.Option(
        help="none, or llm: a model writes a short executive summary from each briefing's own "
        "points, every sentence citing the point ids it rests on (needs a key or --base-url)."
    ),
]


CouncilOpt = Annotated[
    str | None,
    typer.Option(help="One council's briefing from the store: its name, slug or GSS code."),
]
FormatOpt = Annotated[
    str | None, typer.Option("--format", help="md, html, docx or json (with --council).")
]


@app.command()
def brief(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Article files or folders (or use --council / --all).", show_default=False
        ),
    ] = None,
    council: CouncilOpt = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Every briefing and the index, from the store.")
    ] = False,
    db: Annotated[str | None, typer.Option("--db", help="The store (see ingest).")] = None,
    fmt: FormatOpt = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output folder (default out).")
    ] = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    no_cache: NoCacheOpt = False,
    config: ConfigOpt = None,
    concurrency: ConcurrencyOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    narrative: NarrativeOpt = "none",
    jobs: JobsOpt = None,
) -> None:
    """Extract, then write a briefing per council (JSON, Markdown, HTML, Word) and an index.

    With --council or --all, the briefing comes from the store (`summarise ingest`) instead.
    """
    from summarise.publish import publish

    settings = _settings(backend, model, base_url, mode, no_cache, config, concurrency)
    if council is not None or all_:
        from summarise.cli_store import brief_from_store

        brief_from_store(council, all_, paths, db, fmt, out, backend, model, settings)
        return
    if not paths:
        err.print("[red]error:[/] give article files or folders, or --council NAME, or --all")
        raise typer.Exit(2)
    out = out or Path("out")
    narrate = _narrator(narrative, settings)
    jobs = jobs or default_jobs()
    result = _extract(paths, out, settings, max_bytes, jobs)
    apply = narrate.apply if narrate else None
    written = publish(Layout(out), sorted(result.summaries), now_iso(), apply, jobs=jobs)
    if narrate is not None:
        result.record.narrative_usage = narrate.usage
        write_model(Layout(out).run_record, result.record)
        out_console.print(narrate.report())
    for path in written:
        out_console.print(f"briefing {path.with_suffix('.md')}")
    out_console.print(f"index    {out / 'index.html'}")
    raise typer.Exit(1 if result.failed else 0)


class _Narrator:
    """Adds model-written executive summaries to briefings and keeps count of what they cost."""

    def __init__(self, settings: Settings) -> None:
        from summarise.brief.narrative import NarrativeWriter

        self.writer = NarrativeWriter(settings)
        self.usage = Usage()
        self.failed: list[str] = []

    def apply(self, briefing: CouncilBriefing) -> CouncilBriefing:
        result = self.writer.write(briefing)
        self.usage = self.usage + result.usage
        if result.outcome != Outcome.ok:
            self.failed.append(briefing.council.name)
            err.print(f"[yellow]no narrative[/] {briefing.council.name}: {result.reason}")
        return briefing.model_copy(
            update={"narrative": result.sentences, "narrative_provenance": result.provenance()}
        )

    def report(self) -> str:
        done = "narratives written" + (f", {len(self.failed)} failed" if self.failed else "")
        return f"{done} · {_tokens(self.usage)}"


def _narrator(choice: str, settings: Settings) -> _Narrator | None:
    if choice == "none":
        return None
    if choice != "llm":
        err.print(f"[red]error:[/] --narrative must be none or llm, not {choice!r}")
        raise typer.Exit(2)
    try:
        return _Narrator(settings)
    except (ConfigError, ValueError) as e:
        err.print(f"[red]error:[/] --narrative llm: {e}")
        raise typer.Exit(2) from None


@app.command()
def rebuild(
    out: Annotated[Path, typer.Argument(help="An output folder written by extract or brief.")],
    jobs: JobsOpt = None,
) -> None:
    """Rebuild briefings from the summaries already in OUT/articles (no extraction, no key)."""
    from summarise.publish import load_stored, publish

    layout = Layout(out)
    if not layout.articles.is_dir():
        err.print(
            f"[red]error:[/] {layout.articles} not found: "
            f"run `summarise extract ... --out {out}` first"
        )
        raise typer.Exit(2)
    try:
        stored = load_stored(layout)
    except ValueError as e:
        err.print(f"[red]error:[/] a stored summary does not validate: {e}".splitlines()[0])
        raise typer.Exit(1) from None
    written = publish(layout, stored, now_iso(), jobs=jobs or default_jobs())
    out_console.print(f"{len(written)} briefings rebuilt from {len(stored)} summaries in {out}")


@app.command()
def schema(
    out: Annotated[Path, typer.Option(help="Folder for the JSON Schema files.")] = Path("schemas"),
    check: Annotated[
        bool, typer.Option(help="Only check that the files match the models.")
    ] = False,
) -> None:
    """Write (or --check) schemas/article_summary.schema.json and council_briefing.schema.json."""
    stale = []
    for name, model in schema_models().items():
        text = json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
        path = out / name
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
        else:
            write_text(path, text)
            out_console.print(f"wrote {path}")
    if stale:
        for path in stale:
            err.print(f"[red]stale:[/] {path} differs from the models; run `summarise schema`")
        raise typer.Exit(1)


def schema_models() -> dict[str, type[ArticleSummary | CouncilBriefing]]:
    return {
        "article_summary.schema.json": ArticleSummary,
        "council_briefing.schema.json": CouncilBriefing,
    }


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(help="Summary or briefing JSON files, or folders of them.")
    ],
) -> None:
    """Check JSON against the schema and every span against its cleaned text (JSON pointers)."""
    from summarise.validate import expand, validate_file

    paths = expand(files)
    missing = [p for p in files if not p.exists()]
    for p in missing:
        err.print(f"[red]error:[/] {p}: no such file or folder")
    problems = [p for path in paths if path.exists() for p in validate_file(path)]
    for problem in problems:
        err.print(f"[red]invalid[/] {problem}")
    checked = len([p for p in paths if p.exists()])
    out_console.print(f"{checked} files checked, {len(problems)} problems")
    raise typer.Exit(1 if problems or missing or not checked else 0)


@app.command("eval")
def eval_command(
    folder: Annotated[
        Path, typer.Argument(help="Summaries: an output folder or its articles/ folder.")
    ],
    gold: Annotated[Path, typer.Option(help="Gold facts, shaped like the dev set's gold.json.")],
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print each article's misses.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Also print the figures as JSON.")
    ] = False,
) -> None:
    """Score summaries against a gold file, per field, as the shared scorer does."""
    from summarise.gold_score import score_folder

    if not gold.is_file():
        err.print(f"[red]error:[/] {gold}: no such gold file")
        raise typer.Exit(2)
    if not folder.is_dir():
        err.print(f"[red]error:[/] {folder}: no such folder")
        raise typer.Exit(2)
    articles = folder / "articles"
    report = score_folder(gold, articles if articles.is_dir() else folder)
    lines = report.lines()
    if verbose:
        lines = report.misses + lines
    if as_json:
        lines.insert(-1, json.dumps(report.figures()))
    for line in lines:
        typer.echo(line)


def version_callback(value: bool) -> None:
    if value:
        out_console.print(f"summarise {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version."
        ),
    ] = False,
) -> None:
    """Summarise council social services inspection reporting."""
    tune_gc_for_batch()


import summarise.cli_store  # noqa: F401  (registers ingest, councils, export, ...)
