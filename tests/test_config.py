from __future__ import annotations

from pathlib import Path

import pytest

from summarise.llm.config import ConfigError, describe, load_settings
from summarise.llm.usage import Price

KEY = "sk-test-secret-123"


def test_defaults_auto_is_offline_without_key_or_base_url(tmp_path: Path) -> None:
    s = load_settings({}, _toml(tmp_path, ""), environ={})
    assert s.backend == "auto" and s.resolved_backend() == "offline"
    assert s.model == "gpt-4o-mini" and s.mode == "tools"
    assert describe(s).startswith("backend offline")


def test_auto_is_llm_with_a_key_or_a_base_url(tmp_path: Path) -> None:
    cfg = _toml(tmp_path, "")
    assert load_settings({}, cfg, environ={"OPENAI_API_KEY": KEY}).resolved_backend() == "llm"
    with_url = load_settings({}, cfg, environ={"OPENAI_BASE_URL": "http://127.0.0.1:8765/v1"})
    assert with_url.resolved_backend() == "llm"


def test_precedence_flags_over_env_over_toml_over_defaults(tmp_path: Path) -> None:
    cfg = _toml(tmp_path, 'model = "from-toml"\nmode = "json"\nconcurrency = 7\n')
    env = {"SUMMARISE_MODEL": "from-env"}
    s = load_settings({}, cfg, environ=env)
    assert (s.model, s.mode, s.concurrency) == ("from-env", "json", 7)
    s = load_settings({"model": "from-flag", "mode": None}, cfg, environ=env)
    assert (s.model, s.mode) == ("from-flag", "json")  # None flags are "not given"


def test_toml_in_cwd_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "summarise.toml").write_text('[summarise]\nbackend = "llm"\n')
    monkeypatch.chdir(tmp_path)
    assert load_settings({}, environ={}).backend == "llm"


def test_api_key_is_never_printed(tmp_path: Path) -> None:
    s = load_settings(
        {"base_url": "http://x/v1"}, _toml(tmp_path, ""), environ={"OPENAI_API_KEY": KEY}
    )
    assert s.api_key_value() == KEY
    for text in (describe(s), repr(s), str(s), s.model_dump_json()):
        assert KEY not in text
    assert describe(s) == (
        "backend llm (auto) · model gpt-4o-mini · base URL http://x/v1 · mode tools · cache on"
    )


def test_key_in_toml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        load_settings({}, _toml(tmp_path, f'api_key = "{KEY}"\n'), environ={})


def test_bad_values_and_unknown_keys_are_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="mode"):
        load_settings({"mode": "xml"}, _toml(tmp_path, ""), environ={})
    with pytest.raises(ConfigError, match="modle"):
        load_settings({}, _toml(tmp_path, 'modle = "x"\n'), environ={})
    with pytest.raises(ConfigError, match="not found"):
        load_settings({}, tmp_path / "missing.toml", environ={})


def test_prices_can_be_overridden_and_extended(tmp_path: Path) -> None:
    cfg = _toml(
        tmp_path,
        "[prices.gpt-4o-mini]\nprompt = 1.0\ncompletion = 2.0\n"
        '[prices."SmolLM2-135M-Instruct"]\nprompt = 0\ncompletion = 0\n',
    )
    s = load_settings({}, cfg, environ={})
    assert s.prices["gpt-4o-mini"] == Price(prompt=1.0, completion=2.0)
    assert s.prices["SmolLM2-135M-Instruct"].prompt == 0
    assert "gpt-4o" in s.prices  # built-ins kept


def test_cache_dir_from_env(tmp_path: Path) -> None:
    s = load_settings({}, _toml(tmp_path, ""), environ={"SUMMARISE_CACHE_DIR": str(tmp_path / "c")})
    assert s.cache_dir == tmp_path / "c"
    assert load_settings({"use_cache": False}, _toml(tmp_path, ""), environ={}).use_cache is False


def _toml(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "summarise.toml"
    path.write_text(body)
    return path
