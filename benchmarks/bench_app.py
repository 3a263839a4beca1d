"""Dashboard speed on a large corpus: python benchmarks/bench_app.py [--events 100000]

Prints, for generated events:
- server time of the filter callback (filters -> timeline, casualties, table, status), median over
  several filter changes; target < 150 ms;
- size of the JSON the browser receives per update; target < 5 MB;
- first page load: on the server (the page, its layout and dependencies and the first callbacks, as
  the browser requests them) and in headless chromium against the real server (navigation until the
  timeline is drawn; --no-browser skips it); target < 2 s.
Callbacks are timed through Dash's HTTP endpoint (Flask test client), so JSON encoding is included.
Wall time and this process's CPU time are both printed: on a busy machine CPU time is the fairer
figure for one request on an idle server.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.app import create_app  # noqa: E402
from dashboard.filters import Filters  # noqa: E402
from dashboard.schema import ARTICLE_COLUMNS, EVENT_COLUMNS, EVENT_TYPES, typed  # noqa: E402
from dashboard.store import Store  # noqa: E402

ACTORS = [f"Actor {i}" for i in range(300)]
OUTLETS = [f"Outlet {i}" for i in range(40)]
WORDS = "talks ceasefire Geneva minister said would meet next week government opposition aid convoy".split()


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


FILTER_CHANGES = ["", "?type=meeting", "?type=meeting&type=casualties", "?from=2014-01-01&to=2014-12-31",
                  "?actor=Actor%201", "?q=Geneva", "?minconf=0.8", "?source=Outlet%203&lane=actor",
                  "?lane=source", "?from=2016-07-01&to=2016-07-31&type=statement"]
VIEW_OUTPUTS = [("timeline", "figure"), ("casualties", "figure"), ("events-grid", "rowData"),
                ("table-note", "children"), ("view-status", "children"), ("empty-state", "hidden")]
LIST_OUTPUTS = [("f-actors", "options"), ("f-sources", "options"), ("undated-articles", "children"),
                ("failed-files", "children")]


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


DRAWN = """() => { const gd = document.querySelector('#timeline .js-plotly-plot');
    return !!(gd && gd._fullData && gd._fullData.some(t => t.meta && ['events', 'aggregate'].includes(t.meta.role))); }"""


def browser_first_load(db: Path) -> float | None:
    """Seconds from navigation until the timeline is drawn, in headless Debian chromium against the real
    server (python -m dashboard serve); None when chromium is absent."""
    import os
    import socket
    import subprocess
    import urllib.request

    chromium = "/usr/bin/chromium"
    if not os.access(chromium, os.X_OK):
        return None
    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "dashboard", "serve", "--db", str(db), "--port", str(port)],
                              cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url + "_dash-layout", timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"])
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(url)   # a warm-up visit: the browser caches the Dash bundles, as a returning analyst's would
            page.wait_for_function(DRAWN, timeout=120_000)
            t = time.perf_counter()
            page.goto(url)
            page.wait_for_function(DRAWN, timeout=120_000, polling=20)
            elapsed = time.perf_counter() - t
            browser.close()
        return elapsed
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs per filter change")
    ap.add_argument("--no-browser", action="store_true", help="skip the first-load measurement in chromium")
    args = ap.parse_args()

    events, articles = generate(args.events)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with Store(db) as store:
            store.write_batch(articles, events, [])

        t0 = time.perf_counter()
        app = create_app(db)
        client = app.server.test_client()
        print(f"{args.events:,} events ({events['cluster_id'].nunique():,} merged), {len(articles):,} articles; "
              f"server start (read into memory): {time.perf_counter() - t0:.1f} s")

        # First page load, as the browser asks for it: page, layout, dependencies, then the first callbacks.
        t = time.perf_counter()
        sizes = [len(client.get(path).data) for path in ("/", "/_dash-layout", "/_dash-dependencies")]
        _, _, first_views = views_request(client, "", "timeline")
        _, _, first_lists = callback_request(client, LIST_OUTPUTS, [("data-version", "data", 1)], "data-version.data",
                                             state=[("f-actors", "value", None), ("f-sources", "value", None)])
        t_first = time.perf_counter() - t
        print(f"first page load (server side): {t_first * 1000:.0f} ms (target < 2000 ms); "
              f"{(sum(sizes) + first_views + first_lists) / 1e6:.2f} MB sent")

        for tab in ("timeline", "casualties", "table"):
            times, cpus, sizes = [], [], []
            print(f"{tab} tab (the views callback over HTTP, response included):")
            for search in FILTER_CHANGES:
                runs = [views_request(client, search, tab) for _ in range(args.repeat)]
                times.append(statistics.median(r[0] for r in runs))
                cpus.append(statistics.median(r[1] for r in runs))
                sizes.append(runs[-1][2])
                print(f"  {search or '(no filters)':<48} {times[-1] * 1000:6.0f} ms ({cpus[-1] * 1000:4.0f} ms CPU) "
                      f"{sizes[-1] / 1e6:6.2f} MB")
            print(f"  filter change: median {statistics.median(times) * 1000:.0f} ms wall, "
                  f"{statistics.median(cpus) * 1000:.0f} ms CPU; max {max(times) * 1000:.0f} ms wall, "
                  f"{max(cpus) * 1000:.0f} ms CPU (target < 150 ms); update size: median "
                  f"{statistics.median(sizes) / 1e6:.2f} MB, max {max(sizes) / 1e6:.2f} MB (target < 5 MB)")
        shown = len(Filters.from_query_string("?type=meeting").apply(app.cache.events))
        click = callback_request(client, VIEW_OUTPUTS, [("url", "search", "?type=meeting"), ("data-version", "data", 1),
                                                        ("selected-event", "data", "e0000001"),
                                                        ("view-tabs", "value", "timeline")], "selected-event.data")
        print(f"click on a point ({shown:,} mentions shown; timeline redrawn with the ring): "
              f"{click[0] * 1000:.0f} ms ({click[1] * 1000:.0f} ms CPU)")
        if not args.no_browser:
            seconds = browser_first_load(db)
            print("first page load in chromium (navigation to timeline drawn): "
                  + (f"{seconds * 1000:.0f} ms (target < 2000 ms)" if seconds is not None else "skipped, no chromium"))


if __name__ == "__main__":
    main()
