#!/usr/bin/env python3
"""Event dating on the TimeML dev set, strictly: does the gold event's own trigger get the gold date?

    python benchmarks/score_events_strict.py [--show]

../shared/tools/score_events.py counts a gold event as found when any row whose quote covers it carries the
gold date, whichever trigger that row is for. This script asks more of the parser: a row whose trigger span
covers the annotated event word, on the annotated date. It reuses that scorer's loader and intervals.
"""
import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))

import score_events as scorer  # noqa: E402

from dashboard.parser import parse_article  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="print the misses")
    args = ap.parse_args()
    n = hit = 0
    for doc in scorer.load():
        rows = parse_article(doc["text"], published=date.fromisoformat(doc["dct"])).to_dict("records")
        for gold in doc["gold"]:
            want = scorer.interval(gold["value"])
            if not want:
                continue
            n += 1
            own = [r for r in rows if r["trigger_start"] is not None and r["trigger_start"] <= gold["start"] < r["trigger_end"]]
            ok = any((scorer.day(r["date"]), scorer.day(r["date_end"])) == want for r in own)
            hit += ok
            if args.show and not ok:
                print("miss:", doc["id"], gold["text"], gold["timex"], gold["value"],
                      [(r["trigger"], str(r["date"])[:10], r["date_from"]) for r in own])
    print(f"strict anchoring recall {hit / max(n, 1):.3f} ({hit} of {n} gold events on their own trigger)")


if __name__ == "__main__":
    main()
