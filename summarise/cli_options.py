"""What every command shares: the consoles, the options, settings from flags, per-article lines.

Kept apart from cli.py so that the shell's modules (cli, cli_store) stay small.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarise.llm.config import ConfigError, Settings, load_settings
from summarise.messages import Messages, make_console
from summarise.models import Outcome
from summarise.run_record import ArticleRun

# Plain consoles: a path, a reason or a store's error is printed as given, never read as markup,
# and never wrapped, so each message is one line (summarise.messages).
err = make_console(stderr=True)
out_console = make_console()
msg = Messages(out_console, err)

PathsArg = Annotated[
    list[Path],
    typer.Argument(
        help="Article files (.txt, .md, .html, .pdf) or folders of them.", show_default=False
    ),
]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Output folder (created if missing).")]
BackendOpt = Annotated[
    str | None,
    typer.Option(
        help="offline (rules, no key), llm (a model), or auto: llm when a key or base URL is set."
    ),
]
ModelOpt = Annotated[
    str | None, typer.Option(help="Model name (env SUMMARISE_MODEL; default gpt-4o-mini).")
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(
        help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (env OPENAI_BASE_URL)."
    ),
]
ModeOpt = Annotated[
    str | None, typer.Option(help="How the model returns JSON: tools (function calling) or json.")
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Ignore and do not fill the result cache.")
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(help="A summarise.toml to read (default: ./summarise.toml if present)."),
]
ConcurrencyOpt = Annotated[
    int | None, typer.Option(min=1, help="Articles extracted at once (llm backend).")
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        min=1,
        help="Processes for offline extraction and rendering (default: the cores); with the "
        "llm backend, processes that split --concurrency and share one rate-limit budget "
        "(default 1).",
    ),
]
MaxBytesOpt = Annotated[
    int, typer.Option(min=1, help="Refuse input files larger than this many bytes.")
]

BatchOpt = Annotated[
    bool,
    typer.Option(
        "--batch",
        help="Send the requests as one OpenAI Batch API job (half price, answers within 24 h); "
        "state in OUT/batches/, see `summarise batch --help`.",
    ),
]
NoReaskOpt = Annotated[
    bool,
    typer.Option(
        "--no-reask", help="--batch: keep an answer that fails validation as flagged, no re-ask."
    ),
]
WaitOpt = Annotated[
    bool, typer.Option(help="--batch: wait for the batch and collect it (--no-wait: submit only).")
]
PollOpt = Annotated[
    float | None, typer.Option(min=0.01, help="--batch: seconds between status checks (30).")
]

BatchDirOpt = Annotated[
    Path | None,
    typer.Option(
        help="ingest --batch: the folder whose batches/ holds the batch state (default: the "
        "user data folder); `summarise batch status DIR` reads it."
    ),
]


def _settings(
    backend: str | None,
    model: str | None,
    base_url: str | None,
    mode: str | None,
    no_cache: bool,
    config: Path | None,
    concurrency: int | None,
) -> Settings:
    overrides: dict[str, object] = {
        "backend": backend,
        "model": model,
        "base_url": base_url,
        "mode": mode,
        "use_cache": False if no_cache else None,
        "concurrency": concurrency,
    }
    try:
        return load_settings(overrides, config)
    except ConfigError as e:
        msg.error(e)
        raise typer.Exit(2) from None


def _report(run: ArticleRun) -> None:
    if run.outcome == Outcome.failed:
        msg.failed(run.path, run.reason)
    elif run.outcome == Outcome.flagged:
        msg.flagged(run.path, run.reason)
