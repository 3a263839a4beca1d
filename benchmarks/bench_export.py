"""Export speed: the seeds' timeline to PNG (target < 5 s), first call (starts Chromium) and warm calls.

    python benchmarks/bench_export.py [--db FILE] [--repeat 3] [--synthetic 2000]

Ingests seeds/ into a temporary DuckDB file (or uses --db), then times `export_events` for PNG, and for
reference every other format, on the same events. `--synthetic N` also times a PNG of N generated events
(a busy view) to show how rendering grows with the number of points.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from dashboard.config import SEEDS  # noqa: E402
from dashboard.export import FORMATS, export_events  # noqa: E402
from dashboard.schema import EVENT_COLUMNS, EVENT_TYPES, typed  # noqa: E402
from dashboard.store import load_events  # noqa: E402

TARGET_PNG_S = 5.0


def seed_events(db: Path | None, folder: Path) -> pd.DataFrame:
    if db is None:
        from dashboard.pipeline import ingest

        db = folder / "seeds.duckdb"
        print(f"ingest seeds: {ingest([SEEDS], db).summary()}")
    return load_events(db)


def synthetic_events(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = pd.Timestamp("2012-01-01") + pd.to_timedelta(rng.integers(0, 5 * 365, n), unit="D")
    return typed(pd.DataFrame({
        "event_id": [f"s{i}" for i in range(n)], "cluster_id": [f"s{i}" for i in range(n)],
        "event_type": rng.choice(EVENT_TYPES, n), "date": days, "date_end": days, "date_precision": "day",
        "tense": "past", "quote": [f"Synthetic sentence number {i} about talks." for i in range(n)],
        "article_id": [f"a{i % 400}" for i in range(n)], "source": rng.choice(["AFP", "Reuters", "AP"], n),
        "title": "A headline", "published": days, "sources": 1, "confidence": 0.8,
    }), EVENT_COLUMNS)


def timed(events: pd.DataFrame, fmt: str, out: Path) -> float:
    start = time.perf_counter()
    export_events(events, fmt, out)
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="use this database instead of ingesting seeds/")
    ap.add_argument("--repeat", type=int, default=3, help="warm calls per format")
    ap.add_argument("--synthetic", type=int, default=2000, help="also time a PNG of N generated events (0: skip)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        folder = Path(tmp)
        events = seed_events(args.db, folder)
        print(f"{len(events)} events from {events['article_id'].nunique()} articles")
        first = timed(events, "png", folder / "first.png")
        warm = [timed(events, "png", folder / f"warm{i}.png") for i in range(args.repeat)]
        verdict = "OK" if first < TARGET_PNG_S and max(warm) < TARGET_PNG_S else "TOO SLOW"
        print(f"png  first call {first:6.2f} s (starts Chromium)   warm median {statistics.median(warm):5.2f} s "
              f"max {max(warm):5.2f} s   target < {TARGET_PNG_S:g} s: {verdict}")
        for fmt in FORMATS:
            if fmt == "png":
                continue
            runs = [timed(events, fmt, folder / f"x{i}.{fmt}") for i in range(args.repeat)]
            print(f"{fmt:<12} warm median {statistics.median(runs):5.2f} s")
        if args.synthetic:
            busy = synthetic_events(args.synthetic)
            runs = [timed(busy, "png", folder / f"busy{i}.png") for i in range(args.repeat)]
            print(f"png of {args.synthetic} synthetic events: warm median {statistics.median(runs):5.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
