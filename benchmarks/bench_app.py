"""Dashboard speed: python benchmarks/bench_app.py [--events 100000] [--callbacks] [--runs 3]

First point on screen, in headless Debian chromium against the real server (`python -m dashboard serve`),
for two corpora: the seeds (ingested as a fresh install does) and `--events` generated events:
- first load: a new browser profile (empty cache), navigation until the timeline has drawn a point;
  target < 1.5 s for the seeds, < 2.5 s for 100,000 events;
- warm load: the same navigation again in that profile (the browser has cached the bundles).
The best of `--runs` is printed (the machine is shared; the other runs are noise), and the bytes
the browser received on the first load.

`--callbacks` also times the filter callback on the server for the generated corpus (through Dash's
HTTP endpoint, JSON encoding included; median over several filter changes, target < 150 ms) and the
size of its responses (target < 5 MB).
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.filters import Filters  # noqa: E402
from dashboard.schema import ARTICLE_COLUMNS, EVENT_COLUMNS, EVENT_TYPES, typed  # noqa: E402
from dashboard.store import Store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
ACTORS = [f"Actor {i}" for i in range(300)]
OUTLETS = [f"Outlet {i}" for i in range(40)]
WORDS = "talks ceasefire Geneva minister said would meet next week government opposition aid convoy".split()
# A point of the timeline is on screen: plotly has drawn a marker path of an events or aggregate trace.
DRAWN = "() => !!document.querySelector('#timeline .scatterlayer .trace .points path.point')"


def generate(n: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    n_articles = max(1, n // 20)
    article_ids = np.array([f"a{i:07d}" for i in range(n_articles)])
    published = pd.Timestamp("2011-01-01") + pd.to_timedelta(rng.integers(0, 365 * 8, n_articles), unit="D")
    outlet = rng.choice(OUTLETS, n_articles)
    art_of = rng.integers(0, n_articles, n)
    date = published[art_of] + pd.to_timedelta(rng.integers(-60, 60, n), unit="D")
    precision = rng.choice(["day", "day", "day", "month", "year", "week"], n)
    end = np.where(precision == "month", (date + pd.offsets.MonthEnd(0)).values,
                   np.where(precision == "year", (date + pd.offsets.YearEnd(0)).values,
                            np.where(precision == "week", (date + pd.Timedelta(days=6)).values, date.values)))
    quotes = [" ".join(rng.choice(WORDS, 25)) + "." for _ in range(2000)]
    cluster = rng.integers(0, int(n * 0.8), n)
    events = pd.DataFrame({
        "event_id": [f"e{i:07d}" for i in range(n)], "cluster_id": [f"c{c:07d}" for c in cluster],
        "event_type": rng.choice(EVENT_TYPES, n), "date": date, "date_end": end, "date_precision": precision,
        "date_from": rng.choice(["text", "text", "text", "published"], n),
        "tense": rng.choice(["past", "past", "future"], n),
        "actors": ["; ".join(rng.choice(ACTORS, rng.integers(1, 4), replace=False)) for _ in range(n)],
        "location": rng.choice(["Geneva", "Moscow", "Aleppo", None], n),
        "quote": rng.choice(quotes, n), "article_id": article_ids[art_of], "source": outlet[art_of],
        "published": published[art_of], "title": "Generated headline", "sources": 1,
        "confidence": rng.uniform(0.3, 1.0, n).round(2),
    })
    events.loc[events["event_type"] == "casualties", "figure"] = rng.integers(10, 200000, n)[
        events["event_type"].to_numpy() == "casualties"]
    events["figure_kind"] = np.where(events["figure"].notna(), rng.choice(["cumulative", "period"], n), None)
    articles = pd.DataFrame({"article_id": article_ids, "path": [f"gen/{a}.txt" for a in article_ids],
                             "title": "Generated headline", "source": outlet, "published": published,
                             "published_from": "manifest", "text": "Generated article text.", "n_events": 20})
    return typed(events, EVENT_COLUMNS), typed(articles, ARTICLE_COLUMNS)


def start_server(db: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """`python -m dashboard serve` on a port the system picks (--port 0); the URL is read from what the
    server prints once it listens."""
    out = open(log, "w+")
    proc = subprocess.Popen([sys.executable, "-m", "dashboard", "serve", "--db", str(db), "--port", "0"],
                            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        found = re.findall(r"listening on (http://\S+/)", log.read_text())
        if found:
            return proc, found[-1]
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"the server did not start:\n{log.read_text()[-2000:]}")


def browser_loads(url: str, runs: int) -> tuple[float, float, int]:
    """(best first load s, best warm load s, bytes received on a first load) in headless chromium."""
    from playwright.sync_api import sync_playwright

    first, warm, received = [], [], 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1440, "height": 900})   # empty cache
            page = context.new_page()
            sizes: list[int] = []
            page.on("response", lambda r, sizes=sizes: sizes.append(int(r.headers.get("content-length") or 0)))
            t = time.perf_counter()
            page.goto(url, wait_until="commit")
            page.wait_for_function(DRAWN, timeout=120_000, polling="raf")
            first.append(time.perf_counter() - t)
            received = sum(sizes)
            t = time.perf_counter()
            page.goto(url, wait_until="commit")
            page.wait_for_function(DRAWN, timeout=120_000, polling="raf")
            warm.append(time.perf_counter() - t)
            context.close()
        browser.close()
    return min(first), min(warm), received


def measure(name: str, db: Path, runs: int, target: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server, url = start_server(db, Path(tmp) / "server.log")
        try:
            first, warm, received = browser_loads(url, runs)
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(f"{name}: first point on screen, first load {first * 1000:.0f} ms (target < {target * 1000:.0f} ms), "
          f"warm load {warm * 1000:.0f} ms; first load received {received / 1e6:.2f} MB (best of {runs})",
          flush=True)


# Callback timings (--callbacks) ------------------------------------------------------------------------------

FILTER_CHANGES = ["", "?type=meeting", "?type=meeting&type=casualties", "?from=2014-01-01&to=2014-12-31",
                  "?actor=Actor%201", "?q=Geneva", "?minconf=0.8", "?source=Outlet%203&lane=actor",
                  "?lane=source", "?from=2016-07-01&to=2016-07-31&type=statement"]
VIEW_OUTPUTS = [("timeline", "figure"), ("casualties", "figure"), ("events-grid", "rowData"),
                ("table-note", "children"), ("view-status", "children"), ("empty-state", "hidden")]


def callback_request(client, outputs, inputs, changed, state=()):
    """POST one callback the way the browser does; returns (seconds, process CPU seconds, response bytes)."""
    body = {"output": ".." + "...".join(f"{i}.{p}" for i, p in outputs) + "..",
            "outputs": [{"id": i, "property": p} for i, p in outputs],
            "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
            "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
            "changedPropIds": [changed]}
    t, c = time.perf_counter(), time.process_time()
    resp = client.post("/_dash-update-component", json=body)
    elapsed, cpu = time.perf_counter() - t, time.process_time() - c
    if resp.status_code != 200:
        raise RuntimeError(f"callback failed ({resp.status_code}): {resp.get_data(as_text=True)[:500]}")
    return elapsed, cpu, len(resp.data)


def views_request(client, search: str, tab: str):
    return callback_request(client, VIEW_OUTPUTS, [("url", "search", search), ("data-version", "data", 1),
                                                   ("selected-event", "data", None), ("view-tabs", "value", tab)],
                            "url.search")


def callback_timings(db: Path, repeat: int) -> None:
    from dashboard.app import create_app

    app = create_app(db)
    client = app.server.test_client()
    for tab in ("timeline", "casualties", "table"):
        times, cpus, sizes = [], [], []
        print(f"{tab} tab (the views callback over HTTP, response included):")
        for search in FILTER_CHANGES:
            runs = [views_request(client, search, tab) for _ in range(repeat)]
            times.append(statistics.median(r[0] for r in runs))
            cpus.append(statistics.median(r[1] for r in runs))
            sizes.append(runs[-1][2])
            print(f"  {search or '(no filters)':<48} {times[-1] * 1000:6.0f} ms ({cpus[-1] * 1000:4.0f} ms CPU) "
                  f"{sizes[-1] / 1e6:6.2f} MB")
        print(f"  filter change: median {statistics.median(times) * 1000:.0f} ms wall, "
              f"{statistics.median(cpus) * 1000:.0f} ms CPU; max {max(times) * 1000:.0f} ms wall "
              f"(target < 150 ms); update size: median {statistics.median(sizes) / 1e6:.2f} MB, "
              f"max {max(sizes) / 1e6:.2f} MB (target < 5 MB)")
    shown = len(Filters.from_query_string("?type=meeting").apply(app.cache.events))
    click = callback_request(client, VIEW_OUTPUTS, [("url", "search", "?type=meeting"), ("data-version", "data", 1),
                                                    ("selected-event", "data", "e0000001"),
                                                    ("view-tabs", "value", "timeline")], "selected-event.data")
    print(f"click on a point ({shown:,} mentions shown; timeline redrawn with the ring): "
          f"{click[0] * 1000:.0f} ms ({click[1] * 1000:.0f} ms CPU)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000, help="size of the generated corpus")
    ap.add_argument("--runs", type=int, default=3, help="browser loads per corpus (the best counts)")
    ap.add_argument("--callbacks", action="store_true", help="also time the filter callback on the server")
    ap.add_argument("--repeat", type=int, default=3, help="runs per filter change (--callbacks)")
    args = ap.parse_args()
    if not os.access(CHROMIUM, os.X_OK) and not args.callbacks:
        sys.exit(f"{CHROMIUM} is absent: install Debian's chromium (scripts/install.sh --dev)")

    from dashboard.pipeline import ingest

    with tempfile.TemporaryDirectory() as tmp:
        seeds_db = Path(tmp) / "seeds.duckdb"
        ingest([ROOT / "seeds"], seeds_db)
        generated_db = Path(tmp) / "generated.duckdb"
        events, articles = generate(args.events)
        with Store(generated_db) as store:
            store.write_batch(articles, events, [])
        print(f"generated: {args.events:,} events ({events['cluster_id'].nunique():,} merged), "
              f"{len(articles):,} articles", flush=True)
        if os.access(CHROMIUM, os.X_OK):
            measure("seeds", seeds_db, args.runs, target=1.5)
            measure(f"{args.events:,} events", generated_db, args.runs, target=2.5)
        if args.callbacks:
            callback_timings(generated_db, args.repeat)


if __name__ == "__main__":
    main()
