"""One Settings object, built from CLI flags > environment > summarise.toml > defaults.

The API key is a `SecretStr`: it never appears in `repr`, in `describe()` or in any log line.
It is read from the environment (or a flag) only; a key in summarise.toml is refused, so that a
config file can be committed safely.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from summarise.llm.usage import DEFAULT_PRICES, Price

Backend = Literal["auto", "offline", "llm"]
Mode = Literal["tools", "json"]

DEFAULT_MODEL = "gpt-4o-mini"
CONFIG_FILE = "summarise.toml"

# Environment variables and the Settings field each one sets.
ENV_VARS: dict[str, str] = {
    "OPENAI_API_KEY": "api_key",
    "OPENAI_BASE_URL": "base_url",
    "SUMMARISE_MODEL": "model",
    "SUMMARISE_BACKEND": "backend",
    "SUMMARISE_MODE": "mode",
    "SUMMARISE_CACHE_DIR": "cache_dir",
    "SUMMARISE_DATABASE_URL": "database_url",
}


class ConfigError(ValueError):
    """A setting is missing, unknown or has a bad value; the message names it."""


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: Backend = "auto"
    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: SecretStr | None = Field(default=None, repr=False)
    mode: Mode = "tools"
    max_reasks: int = Field(default=2, ge=0, description="re-asks after the first answer")
    max_transport_retries: int = Field(default=5, ge=0)
    backoff_initial_s: float = Field(default=1.0, gt=0)
    backoff_max_s: float = Field(default=60.0, gt=0, description="cap on any one wait")
    timeout_s: float = Field(default=120.0, gt=0)
    concurrency: int = Field(default=4, ge=1)
    requests_per_minute: int | None = Field(default=None, ge=1)
    tokens_per_minute: int | None = Field(default=None, ge=1)
    use_cache: bool = True
    cache_dir: Path = Field(default_factory=lambda: Path(platformdirs.user_cache_dir("summarise")))
    prices: dict[str, Price] = Field(default_factory=lambda: dict(DEFAULT_PRICES))
    chunk_tokens: int = Field(default=6000, ge=200, description="article tokens per request")
    max_output_tokens: int = Field(default=4096, ge=16)
    temperature: float = 0.0
    database_url: str | None = Field(default=None, description="the store (summarise ingest)")
    batch_price_factor: float = Field(
        default=0.5, ge=0, description="Batch API price as a share of `prices` (OpenAI: half)"
    )
    batch_poll_s: float = Field(default=30.0, gt=0, description="seconds between batch polls")

    def resolved_backend(self) -> Literal["offline", "llm"]:
        """`auto` is llm when a key or a base URL is configured, offline otherwise."""
        if self.backend != "auto":
            return self.backend
        return "llm" if (self.api_key is not None or self.base_url) else "offline"

    def api_key_value(self) -> str | None:
        return self.api_key.get_secret_value() if self.api_key is not None else None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from e
    # Accept either top-level keys or a [summarise] table.
    table = data.get("summarise", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [summarise] must be a table")
    if "api_key" in table:
        raise ConfigError(
            f"{path}: api_key does not belong in a config file; set OPENAI_API_KEY instead"
        )
    unknown = sorted(set(table) - set(Settings.model_fields) - {"summarise"})
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}")
    return dict(table)


def _from_env(environ: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for var, fieldname in ENV_VARS.items():
        value = environ.get(var)
        if value:  # an empty variable counts as unset
            out[fieldname] = value
    return out


def load_settings(
    overrides: dict[str, object],
    config_path: Path | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Build Settings: `overrides` (CLI flags; None values ignored) > env > toml > defaults.

    `config_path` is an explicit --config file (it must exist); without it, ./summarise.toml is
    read when present. `environ` defaults to os.environ (tests pass their own).
    """
    env = dict(os.environ) if environ is None else environ
    if config_path is not None and not config_path.is_file():
        raise ConfigError(f"config file not found: {config_path}")
    path = config_path or (Path.cwd() / CONFIG_FILE)
    merged: dict[str, Any] = _read_toml(path) if path.is_file() else {}

    if "prices" in merged:  # toml prices extend and override the built-in table
        merged["prices"] = {**DEFAULT_PRICES, **merged["prices"]}
    merged.update(_from_env(env))
    flags = {k: v for k, v in overrides.items() if v is not None}
    unknown = sorted(set(flags) - set(Settings.model_fields))
    if unknown:
        raise ConfigError(f"unknown setting(s) {', '.join(unknown)}")
    merged.update(flags)
    if isinstance(merged.get("cache_dir"), str):
        merged["cache_dir"] = Path(str(merged["cache_dir"])).expanduser()
    try:
        return Settings(**merged)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()
        )
        raise ConfigError(f"bad settings: {problems}") from e


def describe(settings: Settings) -> str:
    """The one line the CLI prints first: which backend and model this run uses."""
    backend = settings.resolved_backend()
    how = " (auto)" if settings.backend == "auto" else ""
    if backend == "offline":
        return f"backend offline{how} · deterministic extractor, no model"
    base = settings.base_url or "https://api.openai.com/v1 (default)"
    cache = "on" if settings.use_cache else "off"
    return (
        f"backend llm{how} · model {settings.model} · base URL {base} · "
        f"mode {settings.mode} · cache {cache}"
    )
