"""Time `summarise serve` on a store of 10,000 articles, with an HTTP client against the server.

    .venv/bin/python benchmarks/web_serve.py [--articles 10000] [--runs 20] [--workdir DIR]

Builds the store as benchmarks/store_brief.py does (1,020 distinct synthetic articles ingested
offline, their rows copied until the store holds N), adds a reviewer, starts the real
`summarise serve --db FILE --port 0` in its own process, logs in with httpx and times:
the index, the briefing of the council whose source count is nearest 50, the review page of one
of its articles, and a decision round-trip (POST /api/articles/KEY/facts/ID/decisions, an
accept, answered 201). The app caches what it builds until the store changes, so each page is
timed twice: the first request after a decision (cold: the cache rebuilt), and the median of
the next runs (warm). The very first index on a new store, which derives and keeps every
article's index entry, is timed apart. Prints medians in milliseconds.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select
from store_brief import BASE, replicate
from store_corpus import distinct_corpus

from summarise.extract.offline import OfflineExtractor
from summarise.gazetteer.lookup import slugify
from summarise.store import webtables
from summarise.store.ingest import Ingester
from summarise.store.repo import Store
from summarise.store.tables import articles, summary_councils
from summarise.store.users import add_user

PASSWORD = "benchmark password"


def build(root: Path, n: int) -> tuple[str, str, int]:
    """The store file, the council nearest 50 sources and its source count."""
    distinct_corpus(root / "in", min(BASE, n))
    url = f"sqlite:///{root / 'store.sqlite'}"
    store = Store(url)
    Ingester(store, OfflineExtractor()).run([root / "in"])
    replicate(store, n)
    webtables.ensure(store.engine)
    add_user(store, "bench", PASSWORD)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(articles)).scalar_one()
        counts = conn.execute(
            select(summary_councils.c.name, func.count()).group_by(summary_councils.c.name)
        ).all()
    store.close()
    council, sources = min(counts, key=lambda c: (abs(c[1] - 50), c[0]))
    print(f"store: {total} articles; {council!r} has {sources} sources")
    return url, council, sources


def timed(client: httpx.Client, method: str, path: str, **kw: object) -> float:
    t0 = time.perf_counter()
    r = client.request(method, path, **kw)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - t0
    if r.status_code not in (200, 201):
        raise SystemExit(f"{method} {path}: {r.status_code} {r.text[:200]}")
    return elapsed


def login(client: httpx.Client) -> str:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token is not None
    form = {"name": "bench", "password": PASSWORD, "csrf_token": token.group(1)}
    assert client.post("/login", data=form).status_code in (200, 303)
    again = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/add").text)
    assert again is not None
    return again.group(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        url, council, _ = build(Path(tmp), args.articles)
        exe = Path(sys.executable).parent / "summarise"
        cmd = [str(exe), "serve", "--db", url, "--port", "0", "--backend", "offline"]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=tmp)
        try:
            assert proc.stdout is not None
            base = proc.stdout.readline().rsplit(" at ", 1)[1].strip()
            run(base, council, args.runs)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def run(base: str, council: str, runs: int) -> None:
    with httpx.Client(base_url=base, timeout=600) as client:
        csrf = login(client)
        key = client.get(f"/api/councils/{slugify(council)}/briefing").json()["sources"][0]["id"]
        facts = client.get(f"/api/articles/{key}").json()["facts"]
        pages = {
            "index": "/",
            "council briefing": f"/councils/{slugify(council)}",
            "review page": f"/articles/{key}",
        }
        # The first index on a store derives every article's entry and keeps it in the store
        # (web_index_entries): once per store, not per change.
        first = timed(client, "GET", "/")
        cold: dict[str, list[float]] = {name: [] for name in pages}
        warm: dict[str, list[float]] = {name: [] for name in pages}
        trips: list[float] = []
        for i in range(runs):
            fact = facts[i % len(facts)]
            trips.append(
                timed(
                    client,
                    "POST",
                    f"/api/articles/{key}/facts/{fact['id']}/decisions",
                    json={"action": "accept"},
                    headers={"X-CSRF-Token": csrf},
                )
            )
            if i < 3:  # a cold build is slow: three of each are enough for its median
                for name, path in pages.items():
                    cold[name].append(timed(client, "GET", path))
            for name, path in pages.items():
                warm[name].append(timed(client, "GET", path))
        print(f"first index on this store {first * 1000:9.1f} ms (once: every entry derived)")
        for name in pages:
            print(
                f"{name:18s} cold {statistics.median(cold[name]) * 1000:8.1f} ms (median of "
                f"{len(cold[name])})   warm {statistics.median(warm[name]) * 1000:7.1f} ms "
                f"(median of {len(warm[name])})"
            )
        print(
            f"decision round-trip     {statistics.median(trips) * 1000:7.1f} ms (median of {runs})"
        )


if __name__ == "__main__":
    main()
