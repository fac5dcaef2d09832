"""Every cassette is listed in cassettes/README.md with its kind, and the kind is true of it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes"
# Answer scripts that the generators read; they are not HTTP exchanges.
NOT_CASSETTES = {"tools/answers.yaml", "narrative/answers.yaml"}
CURATED_MARK = "x-summarise-curated"


def _cassettes() -> list[str]:
    names = sorted(p.relative_to(CASSETTES).as_posix() for p in CASSETTES.rglob("*.yaml"))
    return [n for n in names if n not in NOT_CASSETTES]


def _listed_kinds() -> dict[str, str]:
    """file -> kind, from the table rows of cassettes/README.md (one file per row)."""
    kinds: dict[str, str] = {}
    for line in (CASSETTES / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) < 4 or not cells[1].startswith("`"):
            continue
        kind = cells[2].strip("*")
        kinds[cells[1].strip("`")] = kind
    return kinds


def _response_headers(path: Path) -> list[dict[str, object]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        {k.lower(): v for k, v in i["response"].get("headers", {}).items()}
        for i in data["interactions"]
    ]


def test_the_readme_lists_every_cassette_and_nothing_else() -> None:
    listed = _listed_kinds()
    assert _cassettes(), "no cassettes found"
    assert sorted(listed) == _cassettes()
    assert set(listed.values()) <= {"recorded", "curated"}


@pytest.mark.parametrize("name", _cassettes())
def test_kind_in_the_readme_matches_the_cassette(name: str) -> None:
    kind = _listed_kinds()[name]
    headers = _response_headers(CASSETTES / name)
    marked = [CURATED_MARK in h for h in headers]
    if kind == "curated":
        assert all(marked), f"{name} is listed as curated but a response lacks {CURATED_MARK}"
    else:
        assert not any(marked), f"{name} is listed as recorded but carries {CURATED_MARK}"


@pytest.mark.parametrize("name", _cassettes())
def test_no_secret_header_is_written(name: str) -> None:
    text = (CASSETTES / name).read_text(encoding="utf-8").lower()
    for header in ("authorization:", "api-key:", "x-api-key:"):
        assert header not in text, f"{name} holds a {header} header"


@pytest.mark.parametrize("name", _cassettes())
def test_every_curated_answer_carries_all_three_markers_and_no_recorded_one_does(
    name: str,
) -> None:
    """Header `hand-written`, id `chatcmpl-curated-N`, fingerprint `fp_curated`: all or none."""
    import json

    curated = _listed_kinds()[name] == "curated"
    data = yaml.safe_load((CASSETTES / name).read_text(encoding="utf-8"))
    for n, it in enumerate(data["interactions"], start=1):
        response = it["response"]
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        if curated:
            assert headers[CURATED_MARK] == ["hand-written"], (name, n)
        if response["status"]["code"] != 200:
            continue
        text = response["body"]["string"]
        if name.startswith("batch/"):  # Files / Batches objects, or a result file's lines
            _check_batch_body(name, n, text)
            continue
        body = json.loads(text)
        if curated:
            assert body["id"] == f"chatcmpl-curated-{n}", (name, n)
            assert body["system_fingerprint"] == "fp_curated", (name, n)
        else:
            assert "curated" not in body["id"] and body.get("system_fingerprint") != "fp_curated"


def _check_batch_body(name: str, n: int, text: str) -> None:
    """Curated Batch API bodies: ids that say so; each answer in a result line curated too."""
    import json

    lines = [json.loads(raw) for raw in text.splitlines() if raw.strip()]
    if len(lines) == 1 and "object" in lines[0]:
        body = lines[0]
        if body["object"] == "chat.completion":  # an interactive re-ask
            assert (
                body["id"] == f"chatcmpl-curated-{n}" and body["system_fingerprint"] == "fp_curated"
            )
        else:
            assert body["object"] in ("file", "batch") and "curated" in body["id"], (name, n)
        return
    assert lines, (name, n)
    for line in lines:
        assert line["id"].startswith("batch_req_curated_"), (name, n)
        response = line["response"]
        if response is not None and response["status_code"] == 200:
            assert response["body"]["id"].startswith("chatcmpl-curated-"), (name, n)
            assert response["body"]["system_fingerprint"] == "fp_curated", (name, n)


def test_the_project_readme_says_how_many_cassettes_are_recorded_and_curated() -> None:
    """The README must not call curated traffic recorded: its counts follow the table."""
    import re
    from collections import Counter

    readme = (CASSETTES.parent / "README.md").read_text(encoding="utf-8")
    text = " ".join(readme.split())
    m = re.search(
        r"Of the (\d+) cassettes, (\d+) are \*\*recorded\*\*.*? and (\d+) are \*\*curated", text
    )
    assert m is not None, "README.md must say how many cassettes are recorded and curated"
    kinds = Counter(_listed_kinds().values())
    assert [int(g) for g in m.groups()] == [len(_cassettes()), kinds["recorded"], kinds["curated"]]
    assert "recorded LLM traffic is replayed" not in text
