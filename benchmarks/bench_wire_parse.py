"""Parser cost: CPU milliseconds per story of event_rows (temporal tagger and events) over the 400 real wire
stories of ../shared/wire, best of 3 passes, in this one process (no loading, no store); and of the temporal
tagger alone (extract_timexes), its passes taken in turn with those of event_rows.

    python benchmarks/bench_wire_parse.py
"""
from __future__ import annotations

import csv
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIRE = ROOT.parent / "shared" / "wire"
sys.path.insert(0, str(ROOT))


def main() -> None:
    from dashboard.parser.events import event_rows
    from dashboard.parser.timex import extract_timexes

    manifest = list(csv.DictReader((WIRE / "manifest.csv").open(encoding="utf-8")))
    docs = [((WIRE / m["file"]).read_text(encoding="utf-8"), m["published"]) for m in manifest]
    dated = [(text, date.fromisoformat(published)) for text, published in docs]
    best, best_timex, n_events = float("inf"), float("inf"), 0
    for _ in range(3):
        t0 = time.process_time()
        n_events = sum(len(event_rows(text, published)) for text, published in docs)
        best = min(best, time.process_time() - t0)
        t0 = time.process_time()
        for text, published in dated:
            extract_timexes(text, published)
        best_timex = min(best_timex, time.process_time() - t0)
    print(f"{len(docs)} stories, {n_events} events, {1000 * best / len(docs):.2f} ms/article, "
          f"{len(docs) / best:.0f} articles/s (one core)")
    print(f"of which the temporal tagger (extract_timexes): {1000 * best_timex / len(docs):.2f} ms/article")

if __name__ == "__main__":
    main()
