"""The command line: a thin shell over pipeline, publish and validate.

Exit codes: 0 when every input succeeded, 1 when some inputs failed, 2 for usage errors.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from summarise import __version__
from summarise.cli_options import (
    BackendOpt,
    BaseUrlOpt,
    BatchOpt,
    ConcurrencyOpt,
    ConfigOpt,
    JobsOpt,
    MaxBytesOpt,
    ModelOpt,
    ModeOpt,
    NoCacheOpt,
    NoReaskOpt,
    OutOpt,
    PathsArg,
    PollOpt,
    WaitOpt,
    _settings,
)
from summarise.cli_run import check_out, extract_all, msg, output_errors, tokens
from summarise.ingest.limits import DEFAULT_MAX_BYTES
from summarise.llm.config import ConfigError, Settings
from summarise.models import SCHEMA_VERSION, ArticleSummary, CouncilBriefing, Outcome, Usage
from summarise.outputs import Layout, write_text
from summarise.pipeline import now_iso, tune_gc_for_batch, write_record
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

VerboseOpt = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="List each file a folder held that was skipped (hidden, type)."
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
    verbose: VerboseOpt = False,
    jobs: JobsOpt = None,
    batch: BatchOpt = False,
    no_reask: NoReaskOpt = False,
    wait: WaitOpt = True,
    poll_interval: PollOpt = None,
) -> None:
    """Summarise each article: writes OUT/articles/X.json, X.clean.txt and OUT/run.json."""
    settings = _settings(backend, model, base_url, mode, no_cache, config, concurrency)
    check_out(out)
    if batch:
        from summarise.cli_batch import run_batch_extract

        if poll_interval is not None:
            settings = settings.model_copy(update={"batch_poll_s": poll_interval})
        run_batch_extract(paths, out, settings, max_bytes, no_reask=no_reask, wait=wait)
    result = extract_all(paths, out, settings, max_bytes, verbose, jobs=jobs)
    raise typer.Exit(1 if result.failed else 0)


NarrativeOpt = Annotated[
    str,
    typer.Option(
        help="none, or llm: a model writes a short executive summary from each briefing's own "
        "points, every sentence citing the point ids it rests on (needs a key or --base-url)."
    ),
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
    verbose: VerboseOpt = False,
    jobs: JobsOpt = None,
) -> None:
    """Extract, then write a briefing per council (JSON, Markdown, HTML, Word) and an index.

    With --council or --all, the briefing comes from the store (`summarise ingest`) instead.
    """
    from summarise.publish import publish

    settings = _settings(backend, model, base_url, mode, no_cache, config, concurrency)
    if council is not None or all_:
        from summarise.cli_store import brief_from_store

        which = (backend, model)
        brief_from_store(
            council, all_, paths, db, fmt, out, which, settings, jobs or default_jobs()
        )
        return
    if not paths:
        msg.error("give article files or folders, or --council NAME, or --all")
        raise typer.Exit(2)
    out = out or Path("out")
    narrate = _narrator(narrative, settings)
    check_out(out)
    result = extract_all(paths, out, settings, max_bytes, verbose, memory=True, jobs=jobs)
    jobs = jobs or default_jobs()
    with output_errors(out):
        narrated = narrate.apply if narrate else None
        published = publish(Layout(out), result.catalogue, now_iso(), narrated, jobs=jobs)
        if narrate is not None:
            result.record.narrative_usage = narrate.usage
            write_record(Layout(out), result.record, result.history)
            msg.line(narrate.report())
    for problem in published.problems:
        msg.warning(problem)
    for path in published.written:
        msg.line(f"briefing {path.with_suffix('.md')}")
    msg.line(f"index    {out / 'index.html'}")
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
            msg.warning(f"no narrative for {briefing.council.name}: {result.reason}")
        return briefing.model_copy(
            update={"narrative": result.sentences, "narrative_provenance": result.provenance()}
        )

    def report(self) -> str:
        done = "narratives written" + (f", {len(self.failed)} failed" if self.failed else "")
        return f"{done} · {tokens(self.usage)}"


def _narrator(choice: str, settings: Settings) -> _Narrator | None:
    if choice == "none":
        return None
    if choice != "llm":
        msg.error(f"--narrative must be none or llm, not {choice!r}")
        raise typer.Exit(2)
    try:
        return _Narrator(settings)
    except (ConfigError, ValueError) as e:
        msg.error(f"--narrative llm: {e}")
        raise typer.Exit(2) from None


@app.command()
def rebuild(
    out: Annotated[Path, typer.Argument(help="An output folder written by extract or brief.")],
    jobs: JobsOpt = None,
) -> None:
    """Rebuild briefings from the summaries already in OUT/articles (no extraction, no key).

    A stored summary that is invalid or lacks its cleaned text is named in one line and left
    out; the rest are rebuilt, and the exit code is 1.
    """
    from summarise.publish import load_stored_checked, publish

    layout = Layout(out)
    if not layout.articles.is_dir():
        msg.error(f"{layout.articles} not found: run `summarise extract ... --out {out}` first")
        raise typer.Exit(2)
    stored, problems = load_stored_checked(layout)
    for problem in problems:
        msg.invalid(problem)
    if not stored:
        msg.error(f"no usable summary in {layout.articles}: nothing rebuilt, {out} unchanged")
        raise typer.Exit(1)
    with output_errors(out):
        published = publish(layout, stored, now_iso(), jobs=jobs or default_jobs())
    for problem in published.problems:
        msg.warning(problem)
    left_out = f", {len(problems)} left out" if problems else ""
    msg.line(
        f"{len(published.written)} briefings rebuilt from {len(stored)} summaries in {out}"
        + left_out
    )
    raise typer.Exit(1 if problems else 0)


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
            msg.line(f"wrote {path}")
    if stale:
        for path in stale:
            msg.error(f"{path} is stale: it differs from the models; run `summarise schema`")
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
    from summarise.validate import check_file, expand

    paths = expand(files)
    missing = [p for p in files if not p.exists()]
    for p in missing:
        msg.error(f"{p}: no such file or folder")
    problems = []
    for path in (p for p in paths if p.exists()):
        checked_file = check_file(path)
        for warning in checked_file.warnings:
            msg.warning(warning)
        for problem in checked_file.problems:
            msg.invalid(problem)
        problems += checked_file.problems
    checked = len([p for p in paths if p.exists()])
    msg.line(f"{checked} files checked against schema {SCHEMA_VERSION}, {len(problems)} problems")
    raise typer.Exit(1 if problems or missing or not checked else 0)


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Option(help="Gold facts, shaped like the dev set's gold.json.")],
    folder: Annotated[
        Path | None, typer.Argument(help="Summaries: an output folder or its articles/ folder.")
    ] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Score the store's summaries instead of a folder.")
    ] = None,
    backend: Annotated[str | None, typer.Option(help="With --db: only this backend's.")] = None,
    model: Annotated[str | None, typer.Option(help="With --db: only this model's.")] = None,
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
        msg.error(f"{gold}: no such gold file")
        raise typer.Exit(2)
    if (folder is None) == (db is None):
        msg.error("give a folder of summaries or --db, not both")
        raise typer.Exit(2)
    if folder is None:
        from summarise.cli_store import stored_summaries

        with tempfile.TemporaryDirectory(prefix="summarise-eval-") as tmp:
            if not stored_summaries(db, backend, model, Path(tmp)):
                msg.error(f"no summaries in the store{_which(backend, model)}")
                raise typer.Exit(1)
            report = score_folder(gold, Path(tmp) / "articles")
    elif not folder.is_dir():
        msg.error(f"{folder}: no such folder")
        raise typer.Exit(2)
    else:
        articles = folder / "articles"
        report = score_folder(gold, articles if articles.is_dir() else folder)
    lines = report.lines()
    if verbose:
        lines = report.misses + lines
    if as_json:
        lines.insert(-1, json.dumps(report.figures()))
    for line in lines:
        msg.line(line)


def _which(backend: str | None, model: str | None) -> str:
    return "".join(f" {k} {v}" for k, v in (("of backend", backend), ("of model", model)) if v)


def version_callback(value: bool) -> None:
    if value:
        msg.line(f"summarise {__version__}")
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


import summarise.cli_batch
import summarise.cli_store
import summarise.cli_web  # noqa: F401  (registers serve, user, batch)
