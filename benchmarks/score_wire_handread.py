"""Score event dating on wire stories read by hand (benchmarks/wire_handread.tsv): a gold event is found when a row of
one of its types starts on its day. The stories are ../shared/wire's; the gold names the event in a few words.

    python benchmarks/score_wire_handread.py [-v]      # -v: list the misses
"""
from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIRE = ROOT.parent / "shared" / "wire"
sys.path.insert(0, str(ROOT))

from dashboard.parser import parse_article  # noqa: E402


def main() -> None:
    published = {row["file"][:-4]: row["published"] for row in csv.DictReader((WIRE / "manifest.csv").open())}
    gold = [line.rstrip("\n").split("\t") for line in (ROOT / "benchmarks" / "wire_handread.tsv").open()
            if line.strip() and not line.startswith("#")]
    parsed, found = {}, 0
    for story, types, day, what in gold:
        if story not in parsed:
            text = (WIRE / f"{story}.txt").read_text(encoding="utf-8")
            parsed[story] = parse_article(text, published=date.fromisoformat(published[story]))
        hit = any(row.event_type in types.split("|") and str(row.date)[:10] == day for row in parsed[story].itertuples())
        found += hit
        if not hit and "-v" in sys.argv:
            print(f"miss: {story} {types} {day} ({what})")
    print(f"{found} of {len(gold)} hand-read events on their day, {len(parsed)} wire stories")


if __name__ == "__main__":
    main()
