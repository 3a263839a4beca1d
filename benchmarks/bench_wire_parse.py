"""Parser cost: CPU milliseconds per story of event_rows (temporal tagger and events) over the 400 real wire
stories of ../shared/wire, best of 3 passes, in this one process (no loading, no store).

    python benchmarks/bench_wire_parse.py
"""
from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIRE = ROOT.parent / "shared" / "wire"
sys.path.insert(0, str(ROOT))


def main() -> None:
    from dashboard.parser.events import event_rows

    manifest = list(csv.DictReader((WIRE / "manifest.csv").open(encoding="utf-8")))
    docs = [((WIRE / m["file"]).read_text(encoding="utf-8"), m["published"]) for m in manifest]
    best, n_events = float("inf"), 0
    for _ in range(3):
        t0 = time.process_time()
        n_events = sum(len(event_rows(text, published)) for text, published in docs)
        best = min(best, time.process_time() - t0)
    print(f"{len(docs)} stories, {n_events} events, {1000 * best / len(docs):.2f} ms/article, "
          f"{len(docs) / best:.0f} articles/s (one core)")


if __name__ == "__main__":
    main()
