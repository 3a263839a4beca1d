"""Trigger and clause-boundary finding speed on the wire stories (../shared/wire).

    python benchmarks/bench_triggers_clauses.py [--repeat 5]

Prints CPU milliseconds per story (time.process_time, best of --repeat) for find_triggers and
find_boundaries over every sentence of the 400 stories, called as event_rows calls them.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.parser.clauses import find_boundaries  # noqa: E402
from dashboard.parser.sentences import split_sentences  # noqa: E402
from dashboard.parser.timex import extract_timexes  # noqa: E402
from dashboard.parser.triggers import find_triggers  # noqa: E402

WIRE = ROOT.parent / "shared" / "wire"


def stories() -> list[tuple[str, list[tuple[int, int, list[tuple[int, int]]]]]]:
    """Each story's text with its sentences and the timex spans inside each."""
    out = []
    for row in csv.DictReader((WIRE / "manifest.csv").open(encoding="utf-8")):
        text = (WIRE / row["file"]).read_text(encoding="utf-8")
        spans = sorted((t.start, t.end) for t in extract_timexes(text, date.fromisoformat(row["published"])))
        out.append((text, [(s.start, s.end, [(a, b) for a, b in spans if s.start <= a < s.end])
                           for s in split_sentences(text)]))
    return out


def best_of(repeat: int, run) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = stories()

    def triggers():
        for text, sentences in data:
            for start, end, _ in sentences:
                find_triggers(text, start, end)

    def boundaries():
        for text, sentences in data:
            for start, end, spans in sentences:
                find_boundaries(text, start, end, spans)

    for name, run in (("find_triggers", triggers), ("find_boundaries", boundaries)):
        print(f"{name:<16} {1000 * best_of(args.repeat, run) / len(data):.3f} ms/story CPU (best of {args.repeat})")


if __name__ == "__main__":
    main()
