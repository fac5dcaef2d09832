"""The store end to end, on SQLite and PostgreSQL: ingest, re-posts, briefings, ids, decisions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import create_engine, func, select, update
from store_helpers import EXAMPLES, reposts
from typer.testing import CliRunner

from summarise.align.fact_ids import iter_facts
from summarise.cli import app
from summarise.store.repo import Store
from summarise.store.tables import appearances, articles, summaries

runner = CliRunner()


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def briefing(url: str, council: str) -> dict[str, object]:
    code, out, err = cli("brief", "--council", council, "--db", url, "--format", "json")
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    data.pop("generated_at")
    return data


def facts(b: dict[str, object]) -> dict[str, object]:
    """A briefing's facts: everything except the list of sources' places."""
    given: list[dict[str, object]] = b["sources"]  # type: ignore[assignment]
    sources = [{k: v for k, v in s.items() if k != "places"} for s in given]
    return {**b, "sources": sources}


def test_ingest_twice_plus_reposts_keeps_five_articles_and_the_same_facts(
    store_url: str, tmp_path: Path
) -> None:
    code, out, err = cli("ingest", str(EXAMPLES), "--db", store_url)
    assert code == 0, err
    assert "5 added" in out
    once = briefing(store_url, "North East Lincolnshire")

    code, out, _ = cli("ingest", str(EXAMPLES), "--db", store_url)
    assert code == 0 and "5 skipped (same bytes)" in out and "0 extracted" in out
    code, out, _ = cli("ingest", *map(str, reposts(tmp_path / "copies")), "--db", store_url)
    assert code == 0 and "2 merged" in out, out

    store = Store(store_url)
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(articles)).scalar() == 5
        assert conn.execute(select(func.count()).select_from(appearances)).scalar() == 7
        assert conn.execute(select(func.count()).select_from(summaries)).scalar() == 5
    store.close()

    after = briefing(store_url, "North East Lincolnshire")
    assert facts(after) == facts(once)
    [source] = after["sources"]  # type: ignore[misc]
    assert len(source["places"]) == 3
    assert source["places"][0].endswith("001_244405360186b16d.txt")
    assert {Path(p).name for p in source["places"][1:]} == {"repost_a.txt", "repost_b.txt"}


def test_brief_council_by_name_slug_and_gss_and_did_you_mean(store_url: str) -> None:
    assert cli("ingest", str(EXAMPLES), "--db", store_url)[0] == 0
    by_name = briefing(store_url, "Essex")
    assert briefing(store_url, "essex") == by_name
    assert briefing(store_url, "E10000012") == by_name
    code, out, _ = cli("brief", "--council", "Essex", "--db", store_url)
    assert code == 0 and out.startswith("# Essex: social services briefing")

    code, _, err = cli("brief", "--council", "Esex", "--db", store_url)
    assert code == 2
    assert "did you mean Essex?" in err and len(err.strip().splitlines()) == 1
    code, _, err = cli("brief", "--council", "Zzyzx Borough", "--db", store_url)
    assert code == 2 and "Zzyzx Borough" in err
    code, _, err = cli("brief", "--council", "Essex", "--format", "docx", "--db", store_url)
    assert code == 2 and "--out" in err


def test_brief_council_out_and_all_write_todays_layout(store_url: str, tmp_path: Path) -> None:
    assert cli("ingest", str(EXAMPLES), "--db", store_url)[0] == 0
    one = tmp_path / "one"
    code, _, err = cli("brief", "--council", "Essex", "--db", store_url, "--out", str(one))
    assert code == 0, err
    assert {p.name for p in (one / "briefings").iterdir()} == {
        "essex.json", "essex.md", "essex.html", "essex.docx"
    }  # fmt: skip
    assert (one / "articles" / "000_d3f0b9fec1a3d49c.review.html").is_file()

    every = tmp_path / "all"
    code, _, err = cli("brief", "--all", "--db", store_url, "--out", str(every))
    assert code == 0, err
    assert (every / "index.html").is_file()
    code, out, _ = cli("validate", str(every / "articles"), str(every / "briefings"))
    assert code == 0, out
    stored = json.loads((every / "briefings" / "essex.json").read_text())
    stored.pop("generated_at")
    assert stored == briefing(store_url, "Essex")


def test_brief_paths_still_works_without_a_store(tmp_path: Path) -> None:
    code, _, err = cli("brief", str(EXAMPLES), "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert (tmp_path / "out" / "briefings" / "essex.md").is_file()
    assert not (tmp_path / "xdg-data").exists()  # no store was made


def test_councils_table_and_json(store_url: str) -> None:
    assert cli("ingest", str(EXAMPLES), "--db", store_url)[0] == 0
    code, out, _ = cli("councils", "--db", store_url, "--json")
    assert code == 0
    rows = {r["council"]: r for r in json.loads(out)}
    assert rows["North East Lincolnshire"]["latest_judgements"] == {
        "serving_people": "some",
        "prospects": "uncertain",
    }
    assert rows["Essex"]["sources"] == 1 and rows["Essex"]["gss_code"] == "E10000012"
    code, out, _ = cli("councils", "--db", store_url)
    assert code == 0 and "Gloucestershire" in out


def test_fact_ids_are_stable_across_runs_and_unique(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    every: list[str] = []
    for out in (first, second):
        assert cli("extract", str(EXAMPLES), "--out", str(out))[0] == 0
    for path in sorted((first / "articles").glob("*.json")):
        a = json.loads(path.read_text())
        b = json.loads((second / "articles" / path.name).read_text())
        ids = [
            f["id"] for kind in ("judgements", "strengths", "quotes", "figures") for f in a[kind]
        ]
        assert ids == [
            f["id"] for kind in ("judgements", "strengths", "quotes", "figures") for f in b[kind]
        ]
        assert all(ids) and len(set(ids)) == len(ids)
        every += ids
        for j in a["judgements"]:
            base = f"judgement-{j['evidence']['start']}-{j['evidence']['end']}"
            assert j["id"] == base or j["id"].startswith(base + "-")
    assert len(every) > 20


def test_a_second_fact_of_a_kind_on_one_span_gets_a_suffix(tmp_path: Path) -> None:
    from summarise.align.fact_ids import with_fact_ids
    from summarise.models import ArticleSummary

    assert (
        cli("extract", str(EXAMPLES / "001_244405360186b16d.txt"), "--out", str(tmp_path))[0] == 0
    )
    data = json.loads((tmp_path / "articles" / "001_244405360186b16d.json").read_text())
    first = data["judgements"][0]
    twin = {**first, "id": None, "value": "most"}  # another reading of the same sentence
    data["judgements"] = [first, twin]
    summary = with_fact_ids(ArticleSummary.model_validate(data))
    base = f"judgement-{first['evidence']['start']}-{first['evidence']['end']}"
    assert [j.id for j in summary.judgements] == [base, base + "-2"]


def test_remove_drops_an_article_from_briefings(store_url: str) -> None:
    assert cli("ingest", str(EXAMPLES), "--db", store_url)[0] == 0
    code, out, _ = cli("remove", "000_d3f0b9fec1a3d49c", "--db", store_url)
    assert code == 0, out
    code, _, err = cli("brief", "--council", "Essex", "--db", store_url)
    assert code == 2  # no live article reports on Essex any more
    code, _, err = cli("remove", "nothing-like-this", "--db", store_url)
    assert code == 1 and "nothing-like-this" in err


def test_offline_summaries_are_remade_when_the_rules_change(store_url: str) -> None:
    assert cli("ingest", str(EXAMPLES), "--db", store_url)[0] == 0
    engine = create_engine(Store(store_url).engine.url)
    with engine.begin() as conn:
        conn.execute(update(summaries).values(model_version="rules-older"))
    code, out, _ = cli("ingest", str(EXAMPLES), "--db", store_url)
    assert code == 0 and "5 extracted" in out, out
    engine.dispose()


def test_summaries_carry_fact_ids(store_url: str) -> None:
    store = Store(store_url)
    assert cli("ingest", str(EXAMPLES / "001_244405360186b16d.txt"), "--db", store_url)[0] == 0
    [(_, summary)] = store.latest_summaries()
    assert all(f.id for _, _, f in iter_facts(summary))
    store.close()


def test_export_writes_the_contract_layout(store_url: str, tmp_path: Path) -> None:
    assert cli("ingest", str(EXAMPLES), "--db", store_url)[0] == 0
    code, out, _ = cli("export", "--db", store_url, "--out", str(tmp_path / "x"))
    assert code == 0 and "5 summaries" in out
    assert cli("validate", str(tmp_path / "x" / "articles"))[0] == 0
    shutil.rmtree(tmp_path / "x")


def test_building_only_one_councils_briefing_gives_the_same_briefing(store_url: str) -> None:
    from summarise.brief.consolidate import build_briefings
    from summarise.library import library

    assert cli("ingest", str(EXAMPLES), "--db", store_url)[0] == 0
    store = Store(store_url)
    items = library(store).items
    store.close()
    every = {b.council.name: b for b in build_briefings(items, "t")}
    [only] = build_briefings(items, "t", only="Essex")
    assert only == every["Essex"]
    assert len(every) > 1


def test_store_errors_print_names_as_given_never_as_markup(store_url: str) -> None:
    name = "[red]Nowhere[/] shire"
    result = runner.invoke(app, ["brief", "--council", name, "--db", store_url])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: no council ")
    assert repr(name) in lines[0]
