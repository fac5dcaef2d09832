"""`summarise brief PATHS` through an in-memory store: copies given as paths are one source."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from store_helpers import EXAMPLES, reposts
from typer.testing import CliRunner

from summarise.cli import app
from summarise.extract.offline import OfflineExtractor
from summarise.memory_run import run_in_memory

runner = CliRunner()
NEL = "north-east-lincolnshire.json"
COPIED = "001_244405360186b16d"


def brief(out: Path, *paths: Path) -> dict[str, object]:
    result = runner.invoke(app, ["brief", *map(str, paths), "--out", str(out)])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads((out / "briefings" / NEL).read_text("utf-8"))
    data.pop("generated_at")
    return data


def without_places(b: dict[str, object]) -> dict[str, object]:
    given: list[dict[str, object]] = b["sources"]  # type: ignore[assignment]
    return {**b, "sources": [{k: v for k, v in s.items() if k != "places"} for s in given]}


def test_copies_given_as_paths_are_one_source_with_every_place(tmp_path: Path) -> None:
    once = brief(tmp_path / "once", EXAMPLES)
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    same_bytes = shutil.copy(EXAMPLES / f"{COPIED}.txt", mirror / "syndicated.txt")
    copies = [*reposts(tmp_path / "copies"), Path(same_bytes)]
    out = tmp_path / "copies-out"
    many = brief(out, EXAMPLES, *copies)

    assert without_places(many) == without_places(once)
    [source] = many["sources"]  # type: ignore[misc]
    names = [Path(p).name for p in source["places"]]
    assert names == [f"{COPIED}.txt", "repost_a.txt", "repost_b.txt", "syndicated.txt"]
    assert once["sources"][0]["places"] == []  # type: ignore[index]  # one place: as before
    assert len(list((out / "articles").glob("*.json"))) == 5

    run = json.loads((out / "run.json").read_text("utf-8"))
    assert [Path(a["path"]).name for a in run["articles"][-3:]] == [p.name for p in copies]
    assert {a["id"] for a in run["articles"][-3:]} == {COPIED}
    assert all(a["outcome"] == "ok" for a in run["articles"]) and len(run["articles"]) == 8


def test_threads_extract_but_the_outputs_are_the_same(tmp_path: Path) -> None:
    copies = reposts(tmp_path / "copies")
    one = run_in_memory([EXAMPLES, *copies], tmp_path / "one", OfflineExtractor())
    four = run_in_memory([EXAMPLES, *copies], tmp_path / "four", OfflineExtractor(), concurrency=4)
    assert four.catalogue.entries == one.catalogue.entries
    assert four.catalogue.places == one.catalogue.places
    written = [
        {p.name: p.read_bytes() for p in (out / "articles").glob("*.json")}
        for out in (tmp_path / "one", tmp_path / "four")
    ]
    assert written[0] == written[1] and len(written[0]) == len(one.catalogue) == 5
    assert len(one.catalogue.places[COPIED]) == 3
    strip = {"seconds", "started_at", "finished_at"}
    runs = [
        [{k: v for k, v in a.model_dump().items() if k not in strip} for a in r.record.articles]
        for r in (one, four)
    ]
    assert runs[0] == runs[1]
