"""Event extraction and merging speed.

    python benchmarks/bench_events.py [--repeat 20] [--events 100000]

Prints milliseconds per article for parse_article over the seed articles (and the share each component
takes), and seconds to merge a synthetic table of --events events. Times are CPU seconds of this process
(time.process_time), so a busy machine does not inflate them; wall time is printed beside the totals. The ingest pipeline's target is >= 200
articles/s on 2 cores including the database write, so parsing should take a few ms per 700-word article.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.merge import merge_events  # noqa: E402
from dashboard.parser import events as events_module  # noqa: E402
from dashboard.parser import parse_article  # noqa: E402
from dashboard.parser.event_table import events_frame  # noqa: E402
from dashboard.parser.events import event_rows  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seeds() -> list[tuple[str, date]]:
    rows = list(csv.DictReader((SEEDS / "manifest.csv").open(encoding="utf-8")))
    return [((SEEDS / r["file"]).read_text(encoding="utf-8"), date.fromisoformat(r["published"])) for r in rows]


def time_parse(articles: list[tuple[str, date]], repeat: int) -> None:
    parse_article(*articles[0])            # warm caches (lexicons, compiled patterns)
    words = sum(len(text.split()) for text, _ in articles)
    start, wall = time.process_time(), time.perf_counter()
    for _ in range(repeat):
        for text, published in articles:
            parse_article(text, published)
    seconds, wall = time.process_time() - start, time.perf_counter() - wall
    n = repeat * len(articles)
    print(f"parse_article: {1000 * seconds / n:.2f} ms/article CPU ({n / seconds:.0f} articles/s, "
          f"{repeat * words / seconds / 1000:.0f}k words/s; wall {1000 * wall / n:.2f} ms; "
          f"seed articles average {words // len(articles)} words)")
    start = time.process_time()
    for _ in range(repeat):
        events_frame([row for text, published in articles for row in event_rows(text, published)])
    seconds = time.process_time() - start
    print(f"event_rows + one events_frame per batch: {1000 * seconds / n:.2f} ms/article CPU "
          f"({n / seconds:.0f} articles/s)")
    _components(articles, repeat)


def _components(articles: list[tuple[str, date]], repeat: int) -> None:
    """Time each component the way parse_article calls it, by wrapping the names events.py uses."""
    names = ["tokenize", "split_sentences", "extract_timexes", "find_actors", "find_places", "_sentence_events"]
    spent = dict.fromkeys(names, 0.0)
    originals = {name: getattr(events_module, name) for name in names}

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - t0
        return wrapper

    for name, fn in originals.items():
        setattr(events_module, name, timed(name, fn))
    try:
        start = time.process_time()
        for _ in range(repeat):
            for text, published in articles:
                parse_article(text, published)
        total = time.process_time() - start
    finally:
        for name, fn in originals.items():
            setattr(events_module, name, fn)
    n = repeat * len(articles)
    for name in names:
        print(f"  {name:<18} {1000 * spent[name] / n:6.2f} ms/article ({100 * spent[name] / total:4.1f}%)")


def time_merge(n: int) -> None:
    rng = np.random.default_rng(7)
    people = np.array(["John Kerry", "Sergei Lavrov", "Javad Zarif", "Wang Yi", "Ban Ki-moon", "Ahmet Davutoglu",
                       "Staffan de Mistura", "Laurent Fabius"])
    df = pd.DataFrame({
        "event_id": [f"e{i:07d}" for i in range(n)],
        "article_id": rng.integers(0, n // 5 + 1, n).astype(str),
        "event_type": rng.choice(["meeting", "statement", "casualties", "visit", "deadline"], n),
        "date": pd.Timestamp("2012-01-01") + pd.to_timedelta(rng.integers(0, 2000, n), unit="D"),
        "date_precision": rng.choice(["day", "day", "day", "month"], n),
        "date_from": rng.choice(["text", "text", "published"], n),
        "actors": [f"{a}; {b}" for a, b in zip(rng.choice(people, n), rng.choice(people, n))],
        "location": rng.choice(["Geneva", "Paris", "Vienna", None], n),
        "quote": rng.integers(0, 1000, n).astype(str), "confidence": 0.5,
    })
    start = time.process_time()
    merged = merge_events(df)
    seconds = time.process_time() - start
    print(f"merge_events: {n} events in {seconds:.2f} s CPU -> {merged['cluster_id'].nunique()} clusters")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    time_parse(seeds(), args.repeat)
    time_merge(args.events)


if __name__ == "__main__":
    main()
