"""Time `summarise brief --council` on a store of 10,000 articles.

    .venv/bin/python benchmarks/store_brief.py [--articles 10000] [--runs 5] [--workdir DIR]

Builds the store by ingesting 1,020 distinct synthetic articles (benchmarks/store_corpus.py)
with the offline backend, then copies their rows (article, place, summary, councils) until the
store holds N articles, so each council has about N / 170 sources. Then runs the real command
line in a fresh process, `summarise brief --council NAME --db FILE` (Markdown to stdout), and
prints the median wall time. Start-up (the interpreter and importing every module the command
uses, as `python -c "import ..."`) is measured separately and subtracted; the command is also
timed inside one process after a first run, which leaves only the store's queries, the
consolidation and the rendering.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select
from store_corpus import distinct_corpus

from summarise.extract.offline import OfflineExtractor
from summarise.store.ingest import Ingester
from summarise.store.repo import Store
from summarise.store.tables import appearances, articles, summaries, summary_councils
from summarise.store.writes import new_id

BASE = 1020


def replicate(store: Store, total: int) -> None:
    """Copy every stored article (with its place, summary and councils) until `total`."""
    with store.engine.begin() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(articles))]
        places = {r.article_id: dict(r._mapping) for r in conn.execute(select(appearances))}
        sums = {r.article_id: dict(r._mapping) for r in conn.execute(select(summaries))}
        named = [dict(r._mapping) for r in conn.execute(select(summary_councils))]
        by_summary: dict[int, list[dict[str, object]]] = {}
        for n in named:
            by_summary.setdefault(int(n["summary_id"]), []).append(n)
        count = len(rows)
        copy = 0
        while count < total:
            copy += 1
            for row in rows:
                if count >= total:
                    break
                old = int(row["id"])
                new = {k: v for k, v in row.items() if k != "id"}
                new["key"] = f"{row['key']}-copy{copy}"
                aid = new_id(conn, insert(articles).values(**new))
                place = {k: v for k, v in places[old].items() if k != "id"}
                place.update(article_id=aid, raw_sha256=f"{place['raw_sha256'][:56]}{copy:08d}")
                conn.execute(insert(appearances).values(**place))
                summ = {k: v for k, v in sums[old].items() if k != "id"}
                summ["article_id"] = aid
                sid = new_id(conn, insert(summaries).values(**summ))
                for n in by_summary.get(int(sums[old]["id"]), []):
                    conn.execute(insert(summary_councils).values({**n, "summary_id": sid}))
                count += 1


def wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


IMPORTS = (
    "import summarise.cli, summarise.cli_store, summarise.store.repo, summarise.library, "
    "summarise.brief.consolidate, summarise.publish, summarise.render.markdown"
)


def in_process(args: list[str], runs: int) -> float:
    from typer.testing import CliRunner

    from summarise.cli import app

    runner = CliRunner()
    assert runner.invoke(app, args).exit_code == 0
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        runner.invoke(app, args)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        root = Path(tmp)
        distinct_corpus(root / "in", min(BASE, args.articles))
        db = root / "store.sqlite"
        store = Store(f"sqlite:///{db}")
        Ingester(store, OfflineExtractor()).run([root / "in"])
        replicate(store, args.articles)
        with store.engine.connect() as conn:
            n = conn.execute(select(func.count()).select_from(articles)).scalar_one()
            council, sources = conn.execute(
                select(summary_councils.c.name, func.count())
                .group_by(summary_councils.c.name)
                .order_by(func.count().desc())
            ).first()  # type: ignore[misc]
        store.close()
        print(f"store: {n} articles in {db}; {council!r} has {sources} sources")
        startup = wall([sys.executable, "-c", IMPORTS], args.runs)
        cli = [sys.executable, "-c", "from summarise.cli import app; app()"]
        total = wall([*cli, "brief", "--council", council, "--db", str(db)], args.runs)
        print(
            f"interpreter start-up and imports   {startup * 1000:7.0f} ms (median of {args.runs})"
        )
        print(f"brief --council, whole process     {total * 1000:7.0f} ms")
        print(f"brief --council, less start-up     {(total - startup) * 1000:7.0f} ms")
        warm = in_process(["brief", "--council", council, "--db", str(db)], args.runs)
        print(
            f"brief --council, in one process    {warm * 1000:7.0f} ms (median after a first run)"
        )


if __name__ == "__main__":
    main()
