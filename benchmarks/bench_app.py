"""Dashboard speed on a large corpus: python benchmarks/bench_app.py [--events 100000]

Prints, for generated events:
- server time of the filter callback (filters -> timeline, casualties, table, status), median over
  several filter changes; target < 150 ms;
- size of the JSON the browser receives per update; target < 5 MB;
- (wall time and this process's CPU time are both printed: on a busy machine CPU time is the fairer
  figure for one request on an idle server)
- first page load on the server: building the app, serving the layout and the first views callback;
  target < 2 s.
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import plotly

from dashboard.app import create_app, views
from dashboard.schema import ARTICLE_COLUMNS, EVENT_COLUMNS, EVENT_TYPES, typed
from dashboard.store import Store

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


def payload_bytes(outputs) -> int:
    return len(json.dumps(outputs, cls=plotly.utils.PlotlyJSONEncoder).encode())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3, help="runs per filter change")
    args = ap.parse_args()

    events, articles = generate(args.events)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with Store(db) as store:
            store.write_batch(articles, events, [])

        t0 = time.perf_counter()
        app = create_app(db)
        client = app.server.test_client()
        layout = client.get("/_dash-layout")
        t_layout = time.perf_counter() - t0
        first = views.render_views(app.cache.events, "", None)
        t_first = time.perf_counter() - t0
        print(f"{args.events:,} events ({events['cluster_id'].nunique():,} merged), {len(articles):,} articles")
        print(f"first load (server): app + layout {t_layout * 1000:.0f} ms, + first views callback "
              f"{t_first * 1000:.0f} ms (target < 2000 ms); layout {len(layout.data) / 1024:.0f} KB, "
              f"first update {payload_bytes(first) / 1e6:.2f} MB")

        for tab in ("timeline", "casualties", "table"):
            times, cpus, sizes = [], [], []
            print(f"{tab} tab:")
            for search in FILTER_CHANGES:
                runs, cpu = [], []
                for _ in range(args.repeat):
                    t, c = time.perf_counter(), time.process_time()
                    out = views.render_views(app.cache.events, search, None, tab)
                    runs.append(time.perf_counter() - t)
                    cpu.append(time.process_time() - c)
                times.append(statistics.median(runs))
                cpus.append(statistics.median(cpu))
                sizes.append(payload_bytes(out))
                note = "  (aggregated)" if tab == "timeline" and out["timeline"].layout.meta.get("aggregated") else ""
                print(f"  {search or '(no filters)':<48} {times[-1] * 1000:6.0f} ms ({cpus[-1] * 1000:4.0f} ms CPU) "
                      f"{sizes[-1] / 1e6:6.2f} MB  "
                      f"{out['status'].split(' events')[0]} events{note}")
            print(f"  filter change: median {statistics.median(times) * 1000:.0f} ms wall, "
                  f"{statistics.median(cpus) * 1000:.0f} ms CPU; max {max(times) * 1000:.0f} ms wall, "
                  f"{max(cpus) * 1000:.0f} ms CPU (target < 150 ms); update size: median {statistics.median(sizes) / 1e6:.2f} MB, "
                  f"max {max(sizes) / 1e6:.2f} MB (target < 5 MB)")
        t = time.perf_counter()
        views.render_views(app.cache.events, "?type=meeting", "e0000001")
        print(f"click on a point (timeline redrawn with the ring): {(time.perf_counter() - t) * 1000:.0f} ms")

if __name__ == "__main__":
    main()
