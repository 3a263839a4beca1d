"""Score the temporal tagger on a held-out TimeML corpus (default: benchmarks/heldout_timex/).

    python benchmarks/score_heldout.py [DIR] [--show N]

The corpus there was written and annotated by a separate session that saw neither the tagger nor the TimeML
dev set, so it measures how the rules generalize rather than how well they fit the dev set. The metric is the
dev-set scorer's: gold TIMEX3 of type DATE or TIME whose value starts with a year; a prediction is a hit when
its span overlaps the gold span and its value equals the gold value (TIME values compared on their day; ISO
weeks with or without a leading zero, since this corpus writes 2006-W03 where the dev set writes 2000-W7).
"""
from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from dashboard.parser.timex import extract_timexes  # noqa: E402  (after the path is set)

CALENDAR = re.compile(r"^\d{4}")


def load(path: Path) -> dict:
    """text, publication date and gold mentions (offsets into the text) of one .tml file."""
    root = ET.parse(path).getroot()
    parts: list[str] = []
    gold: list[dict] = []

    def walk(element) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                gold.append(dict(start=start, end=sum(map(len, parts)), value=child.get("value") or "",
                                 type=child.get("type"), text="".join(child.itertext())))
            if child.tail:
                parts.append(child.tail)

    walk(root.find("TEXT"))
    dct = root.find("DCT/TIMEX3").get("value")[:10]
    return dict(id=path.name, dct=date.fromisoformat(dct), text="".join(parts), gold=gold)


def day(value: str) -> str:
    """The value as compared: a TIME's day, an ISO week without its leading zero."""
    value = re.sub(r"-W0(\d)", r"-W\1", value)
    return value.split("T")[0] if re.match(r"^\d{4}-\d\d-\d\dT", value) else value


def score(docs: list[dict], show: int) -> str:
    hits_gold = n_gold = hits_pred = n_pred = 0
    notes: list[str] = []
    for doc in docs:
        gold = [g for g in doc["gold"] if g["type"] in ("DATE", "TIME") and CALENDAR.match(g["value"])]
        pred = [p for p in extract_timexes(doc["text"], doc["dct"]) if CALENDAR.match(p.value)]
        n_gold, n_pred = n_gold + len(gold), n_pred + len(pred)
        overlaps = lambda p, g: p.start < g["end"] and g["start"] < p.end  # noqa: E731
        for g in gold:
            found = [p for p in pred if overlaps(p, g)]
            good = any(day(p.value) == day(g["value"]) for p in found)
            hits_gold += good
            if not good:
                notes.append(f"MISS {doc['id']} ({doc['dct']}): {g['text']!r}={g['value']}; "
                             f"got {[(p.text, p.value) for p in found]}")
        for p in pred:
            found = [g for g in doc["gold"] if overlaps(p, g)]
            good = any(day(p.value) == day(g["value"]) for g in found)
            hits_pred += good
            if not good:
                notes.append(f"FP   {doc['id']} ({doc['dct']}): {p.text!r}={p.value}; "
                             f"gold {[(g['text'], g['value']) for g in found]}")
    recall, precision = hits_gold / max(n_gold, 1), hits_pred / max(n_pred, 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    shown = "\n".join(notes[:show])
    return (shown + "\n" if shown else "") + (
        f"held-out: value P {precision:.3f} R {recall:.3f} F1 {f1:.3f} | gold {n_gold} predicted {n_pred} | "
        f"{len(docs)} docs")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory", nargs="?", default=str(ROOT / "benchmarks" / "heldout_timex"))
    ap.add_argument("--show", type=int, default=0, help="print up to N misses and false positives")
    args = ap.parse_args()
    paths = sorted(Path(args.directory).glob("*.tml"))
    if not paths:
        sys.exit(f"no .tml files in {args.directory}")
    print(score([load(p) for p in paths], args.show))


if __name__ == "__main__":
    main()
