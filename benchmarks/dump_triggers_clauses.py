"""Dump trigger and clause-boundary output over real text, to check that a speed-up changes nothing.

    python benchmarks/dump_triggers_clauses.py OUT.txt

For every wire story (../shared/wire) and TimeML dev text (../shared/timeml-dev) and every sentence:
find_triggers(text, s.start, s.end) and find_boundaries(text, s.start, s.end, timex spans); every call
event_rows makes to find_triggers / find_boundaries (with its arguments); and event_rows' rows per story.
Compare two dumps with cmp: they must be byte-identical.
"""
from __future__ import annotations

import csv
import importlib.util
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.parser import clauses, events  # noqa: E402
from dashboard.parser.clauses import find_boundaries  # noqa: E402
from dashboard.parser.sentences import split_sentences  # noqa: E402
from dashboard.parser.timex import extract_timexes  # noqa: E402
from dashboard.parser.triggers import find_triggers  # noqa: E402

SHARED = ROOT.parent / "shared"


def texts() -> list[tuple[str, str, date | None]]:
    wire = SHARED / "wire"
    out = [(r["file"], (wire / r["file"]).read_text(encoding="utf-8"), date.fromisoformat(r["published"]))
           for r in csv.DictReader((wire / "manifest.csv").open(encoding="utf-8"))]
    spec = importlib.util.spec_from_file_location("score_events", SHARED / "tools" / "score_events.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    out += [(d["id"], d["text"], date.fromisoformat(d["dct"])) for d in scorer.load()]
    return out


def main(path: str) -> None:
    calls: list[str] = []
    real_triggers, real_boundaries = events.find_triggers, clauses.find_boundaries

    def logged_triggers(*args):
        found = real_triggers(*args)
        calls.append(f"T{args[1:]} {found}")
        return found

    def logged_boundaries(*args):
        found = real_boundaries(*args)
        calls.append(f"B{args[1:]} {found}")
        return found

    with open(path, "w", encoding="utf-8") as out:
        for name, text, published in texts():
            out.write(f"== {name}\n")
            spans = sorted((t.start, t.end) for t in extract_timexes(text, published))
            for s in split_sentences(text):
                out.write(f"T {s.start} {find_triggers(text, s.start, s.end)}\n")
                inside = [(a, b) for a, b in spans if s.start <= a < s.end]
                out.write(f"B {s.start} {find_boundaries(text, s.start, s.end, inside)}\n")
            events.find_triggers, clauses.find_boundaries = logged_triggers, logged_boundaries
            try:
                rows = events.event_rows(text, published)
            finally:
                events.find_triggers, clauses.find_boundaries = real_triggers, real_boundaries
            out.writelines(c + "\n" for c in calls)
            calls.clear()
            out.writelines(f"R {sorted(row.items(), key=lambda kv: kv[0])}\n" for row in rows)


if __name__ == "__main__":
    main(sys.argv[1])
