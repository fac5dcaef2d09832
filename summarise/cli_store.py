"""The store's commands: ingest, brief --council / --all, councils, export, remove, backup.

Registered on the one typer app by importing this module (summarise.cli does, at its end).
Every store fault is one line naming the store, and exit 1; an unknown council exits 2.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from summarise.cli import app
from summarise.cli_options import (
    BackendOpt,
    BaseUrlOpt,
    BatchDirOpt,
    BatchOpt,
    ConfigOpt,
    MaxBytesOpt,
    ModelOpt,
    ModeOpt,
    NoCacheOpt,
    NoReaskOpt,
    PathsArg,
    PollOpt,
    WaitOpt,
    _report,
    _settings,
    err,
    msg,
    out_console,
)
from summarise.ingest.limits import DEFAULT_MAX_BYTES
from summarise.llm.config import ConfigError, Settings, describe
from summarise.models import CouncilBriefing
from summarise.run_record import ArticleRun
from summarise.store.errors import StoreError
from summarise.store.url import resolve_url
from summarise.workers import default_jobs

if TYPE_CHECKING:
    from summarise.store.repo import Store

DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="The store: a SQLite file or a database URL (env SUMMARISE_DATABASE_URL; "
        "default: a SQLite file under the user data folder).",
    ),
]


def _fail(message: str, code: int) -> NoReturn:
    """One `error:` line on standard error (plain text, never markup), then the exit code."""
    msg.error(message)
    raise typer.Exit(code)


@contextmanager
def open_store(db: str | None, settings: Settings | None = None) -> Iterator[Store]:
    """The store, or one line naming it and exit 1."""
    from summarise.store.repo import Store

    configured = settings.database_url if settings is not None else None
    try:
        store = Store(resolve_url(db, configured))
    except StoreError as e:
        _fail(f"{e}", 1)
    try:
        yield store
    except StoreError as e:
        _fail(f"{e}", 1)
    finally:
        store.close()


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    backend: BackendOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    mode: ModeOpt = None,
    no_cache: NoCacheOpt = False,
    config: ConfigOpt = None,
    max_bytes: MaxBytesOpt = DEFAULT_MAX_BYTES,
    reextract: Annotated[
        bool, typer.Option(help="Extract every stored article again with this backend.")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Processes for offline extraction (default: the cores this process may use).",
            show_default=False,
        ),
    ] = None,
    batch: BatchOpt = False,
    no_reask: NoReaskOpt = False,
    wait: WaitOpt = True,
    poll_interval: PollOpt = None,
    batch_dir: BatchDirOpt = None,
) -> None:
    """Add articles to the store; extract only what it does not already hold."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from summarise.extract.factory import make_extractor
    from summarise.llm.usage import cost_usd
    from summarise.store.ingest import Ingester

    settings = _settings(backend, model, base_url, mode, no_cache, config, None)
    if batch:
        from summarise.cli_batch import run_batch_ingest

        options = {"batch_poll_s": poll_interval} if poll_interval else {}
        settings = settings.model_copy(update=options)
        run_batch_ingest(paths, db, settings, max_bytes, no_reask, wait, batch_dir)
    out_console.print(describe(settings))
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    try:
        extractor = make_extractor(settings)
    except (ConfigError, ValueError) as e:
        _fail(f"{e}", 2)
    with (
        open_store(db, settings) as store,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        ) as progress,
    ):
        task = progress.add_task("ingesting", total=None)

        def report(path: str, run: ArticleRun) -> None:
            _report(run)

        ingester = Ingester(
            store,
            extractor,
            reextract=reextract,
            cost=lambda u: (
                cost_usd(u, extractor.model, settings.prices) if extractor.model else None
            ),
            report=report,
            advance=lambda: progress.advance(task),
            # offline extraction is CPU-bound; a model is waited on, so one process does
            jobs=1 if settings.resolved_backend() == "llm" else jobs or default_jobs(),
        )
        result = ingester.run(paths, max_bytes, on_start=lambda n: progress.update(task, total=n))
    out_console.print(
        f"{result.added} added, {result.merged} merged into stored articles as re-posts, "
        f"{result.skipped} skipped (same bytes), {result.recleaned} cleaned again, "
        f"{result.extracted} extracted, "
        f"{result.failed} failed · store {store.where}",
        soft_wrap=True,
    )
    raise typer.Exit(1 if result.failed else 0)


@app.command()
def councils(
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Councils in the store: latest judgements, number of sources, newest source date."""
    from rich.table import Table

    from summarise.brief.consolidate import build_briefings
    from summarise.library import library
    from summarise.pipeline import now_iso

    settings = _settings(None, None, None, None, False, config, None)
    with open_store(db, settings) as store:
        lib = library(store)
    briefings = build_briefings(lib.items, now_iso())
    rows = [_council_row(b) for b in briefings]
    if as_json:
        out_console.print_json(json.dumps(rows))
        return
    table = Table("council", "GSS", "latest judgements", "sources", "newest source")
    for b, r in zip(briefings, rows, strict=True):
        judged = ", ".join(f"{j.aspect.value} {j.value.value}" for j in b.latest_judgements)
        newest = str(r["newest_source"] or "")
        table.add_row(
            b.council.name, b.council.gss_code or "", judged or "none", str(r["sources"]), newest
        )
    out_console.print(table)


def _council_row(b: CouncilBriefing) -> dict[str, object]:
    """One council's line: latest judgements, number of sources, newest source date."""
    dates = [d for d in (s.published for s in b.sources) if d] + [
        e.date for e in b.timeline if e.date
    ]
    return {
        "council": b.council.name,
        "gss_code": b.council.gss_code,
        "latest_judgements": {j.aspect.value: j.value.value for j in b.latest_judgements},
        "sources": len(b.sources),
        "newest_source": max(dates) if dates else None,
    }


GoldOut = Annotated[
    Path | None,
    typer.Option("--gold", help="Also write the reviewed facts as gold (dev gold.json's shape)."),
]


@app.command()
def export(
    out: Annotated[Path | None, typer.Option("--out", "-o")] = None,
    gold: GoldOut = None,
    db: DbOpt = None,
) -> None:
    """Every ArticleSummary and cleaned text in the contract's layout, with the decisions;
    with --gold, reviewers' decisions as a gold file that `summarise eval` scores against."""
    from summarise.gold_export import export_gold
    from summarise.library import library, write_articles
    from summarise.outputs import Layout, write_text

    if out is None and gold is None:
        _fail("export needs --out DIR, --gold FILE or both", 2)
    with open_store(db) as store:
        if gold is not None:
            found = export_gold(store)
            write_text(gold, json.dumps(found, indent=2, ensure_ascii=False) + "\n")
            out_console.print(f"{len(found['articles'])} reviewed articles as gold · {gold}")
        if out is None:
            return
        lib = library(store)
        rows = store.decision_rows()
    layout = Layout(out)
    written = write_articles(layout, lib)
    lines = [json.dumps({k: v for k, v in r.items() if k != "id"}) for r in rows]
    write_text(out / "decisions.jsonl", "".join(line + "\n" for line in lines))
    needs = [{"article": a, **d.model_dump()} for a, d in lib.needs_review]
    write_text(out / "needs_review.json", json.dumps(needs, indent=2) + "\n")
    out_console.print(
        f"{len(written)} summaries, {len(rows)} decisions, {len(needs)} needing review · {out}"
    )


def stored_summaries(db: str | None, backend: str | None, model: str | None, to: Path) -> int:
    """The store's chosen summaries of `backend`/`model` as extracted (no decisions applied:
    scoring them against reviewed gold must not see the reviews), written under `to`."""
    from summarise.outputs import Layout, write_model, write_text

    layout = Layout(to)
    with open_store(db) as store:
        rows = store.latest_summaries(None, backend, model)
    for article, summary in rows:
        write_text(layout.clean_text(article.key), article.text)
        write_model(layout.summary(article.key), summary)
    return len(rows)


ArticleArg = Annotated[str, typer.Argument(help="The article: its id, or a path it came from.")]


@app.command()
def remove(article: ArticleArg, db: DbOpt = None) -> None:
    """Retract an article: its facts leave every briefing; its decisions stay for the audit."""
    with open_store(db) as store:
        try:
            found = store.find_article(article)
        except KeyError:
            _fail(f"no article {article!r} in store {store.where}", 1)
        store.remove(found.id)
    out_console.print(f"removed {found.key} ({len(found.places)} places)")


@app.command()
def unmerge(
    place: Annotated[str, typer.Argument(help="The path a wrongly merged re-post came from.")],
    db: DbOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Split a re-post that was wrongly merged: it becomes its own article, extracted again."""
    from summarise.extract.factory import make_extractor
    from summarise.store.edits import EditError
    from summarise.store.edits import unmerge as split
    from summarise.store.ingest import Ingester

    settings = _settings(None, None, None, None, False, config, None)
    with open_store(db, settings) as store:
        try:
            article = split(store, place)
        except EditError as e:
            _fail(f"{e}", 1)
        ingester = Ingester(store, make_extractor(settings), report=lambda _p, run: _report(run))
        ingester.catch_up()
    out_console.print(f"{place} is now article {article.key}", soft_wrap=True)


@app.command()
def backup(
    file: Annotated[Path, typer.Argument(help="Where to write the copy.")], db: DbOpt = None
) -> None:
    """A consistent copy of a SQLite store, even while it is in use (SQLite's backup API)."""
    with open_store(db) as store:
        if store.engine.dialect.name != "sqlite":
            _fail("backup copies SQLite stores; for PostgreSQL use pg_dump", 2)
        source = store.engine.url.database or ""
        try:
            with sqlite3.connect(source) as src, sqlite3.connect(file) as dst:
                src.backup(dst)
        except sqlite3.Error as e:
            _fail(f"backup of {source} to {file} failed: {e}", 1)
    out_console.print(f"backed up {source} to {file}")


def brief_from_store(
    council: str | None,
    all_: bool,
    paths: list[Path] | None,
    db: str | None,
    fmt: str | None,
    out: Path | None,
    which: tuple[str | None, str | None],
    settings: Settings,
    jobs: int,
) -> None:
    """`brief --council NAME` (stdout for md/json, or files under --out) and `brief --all`.

    `which` is the (backend, model) whose summaries are briefed (None: any); `jobs` processes
    render review pages and briefings."""
    from summarise.brief.consolidate import build_briefings
    from summarise.library import UnknownCouncil, library, resolve_council, write_articles
    from summarise.outputs import Layout
    from summarise.pipeline import now_iso
    from summarise.publish import FORMATS, briefing_slug, catalogue_of, publish, write_briefing
    from summarise.render.markdown import render_markdown

    if paths or (council is not None and all_):
        _fail("--council and --all read the store: give no paths, and one", 2)
    if fmt is not None and fmt not in FORMATS:
        _fail(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}", 2)
    if all_ and out is None:
        _fail("brief --all needs --out DIR", 2)
    if council is not None and out is None and fmt in ("html", "docx"):
        _fail(f"a .{fmt} briefing needs --out DIR", 2)
    with open_store(db, settings) as store:
        name = None
        if council is not None:
            try:
                name = resolve_council(store, council)
            except UnknownCouncil as e:
                hint = f"; did you mean {', '.join(e.nearest)}?" if e.nearest else ""
                _fail(f"no council {e.name!r} in store {store.where}{hint}", 2)
        lib = library(store, name, *which)
    for key, d in lib.needs_review:
        msg.warning(f"needs review {key}#{d.fact_id}: its {d.action} could not carry over")
    if all_ and out is not None:
        write_articles(Layout(out), lib)
        catalogue = catalogue_of(lib.items, from_store=True)
        del lib  # publish reads each summary back from OUT/articles when it needs it
        published = publish(Layout(out), catalogue, now_iso(), jobs=jobs)
        for problem in published.problems:
            msg.warning(problem)
        out_console.print(
            f"{len(published.written)} briefings from the store · written to {out}", markup=False
        )
        return
    found = [b for b in build_briefings(lib.items, now_iso(), only=name) if b.council.name == name]
    if not found:
        _fail(f"no usable summary reports on {name} in store {store.where}", 1)
    briefing = found[0]
    if out is None:
        text = briefing.model_dump_json(indent=2) if fmt == "json" else render_markdown(briefing)
        typer.echo(text)
        return
    layout = Layout(out)
    from summarise.publish import write_review_pages

    write_review_pages(layout, [key for key, _ in write_articles(layout, lib)], jobs)
    path = write_briefing(layout, briefing, briefing_slug(briefing), [fmt] if fmt else FORMATS)
    out_console.print(f"briefing {path.with_suffix('.' + (fmt or 'md'))}")
