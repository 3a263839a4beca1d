"""Ingest throughput: articles per second for the whole pipeline (load, clean, date, parse, merge, write).

    python benchmarks/bench_ingest.py [--articles 3000] [--keep DIR]

Builds its own corpus of realistic wire stories (datelines, relative dates, meetings, talks, deadlines,
casualty figures, page chrome, the odd reader comment), writes them as .txt files with a manifest for half
of them, then times `dashboard.pipeline.ingest` into a fresh DuckDB file. Target: >= 200 articles/s on
2 cores. A second run over the same files times the incremental path (everything skipped by hash).
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.pipeline import ingest  # noqa: E402

PEOPLE = [("US Secretary of State", "John Kerry"), ("Russian Foreign Minister", "Sergei Lavrov"),
          ("UN envoy", "Staffan de Mistura"), ("Turkish Foreign Minister", "Ahmet Davutoglu"),
          ("German Foreign Minister", "Frank-Walter Steinmeier"), ("Saudi Foreign Minister", "Adel al-Jubeir"),
          ("Iranian Foreign Minister", "Mohammad Javad Zarif"), ("French Foreign Minister", "Laurent Fabius")]
PLACES = ["Geneva", "Moscow", "Paris", "Vienna", "Munich", "Doha", "Brussels", "Riyadh", "Ankara", "Lausanne"]
OUTLETS = ["Agence France-Presse", "Reuters", "Associated Press", "Voice of America", "Gulf News", "Al Jazeera"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

SENTENCES = [
    "{role1} {name1} met {role2} {name2} in {place} on {weekday} to discuss a ceasefire.",
    "{name1} is to meet {name2} in {place} on {weekday}, officials said.",
    "{name2} said on {weekday} that talks in {place} would resume on {month} {day}.",
    "Talks were supposed to start on {month} {day}, although {name1} called it a target, not a deadline.",
    "Some {big:,} people have died since the conflict began, according to monitors.",
    "{month} marked the deadliest month so far, with some {small:,} dead.",
    "At least {few} soldiers were killed in an attack near {place} last week.",
    "The two sides agreed to a truce that would take effect {weekday} at midnight.",
    "Aid convoys reached the besieged town for the first time in two years, the UN said.",
    "An international conference on the crisis might not be possible until {month} or later.",
    "{name1} warned that \"we don't have years\" to find a way to end the war.",
    "{name2} arrived in {place} {relative} for a two-day visit.",
    "Foreign ministers will gather in {place} {relative} for a conference on humanitarian access.",
    "The agreement, signed in {place} in {month} {year}, has largely held.",
]
CHROME = ["Advertisement", "Share", "Short link:", "Related Articles", "© {year} {outlet}. All rights reserved."]


def article(rng: random.Random, published: date, outlet: str) -> str:
    (role1, name1), (role2, name2) = rng.sample(PEOPLE, 2)
    month = date(2000, rng.randint(1, 12), 1).strftime("%B")
    fill = dict(role1=role1, name1=name1, role2=role2, name2=name2, place=rng.choice(PLACES),
                weekday=rng.choice(WEEKDAYS), month=month, day=rng.randint(1, 28), year=published.year - 1,
                big=rng.randrange(10_000, 300_000, 1000), small=rng.randrange(100, 9000, 100),
                few=rng.choice(["three", "five", "12", "dozens of"]), outlet=outlet,
                relative=rng.choice(["last week", "next week", "yesterday", "on Monday", "this month"]))
    headline = f"{name1.split()[-1]} and {name2.split()[-1]} seek to revive {fill['place']} talks"
    # 20-35 sentences (about 400-700 words, a typical wire story), names and figures varying as they go
    body = []
    for template in rng.choices(SENTENCES, k=rng.randint(20, 35)):
        fill.update(place=rng.choice(PLACES), weekday=rng.choice(WEEKDAYS), day=rng.randint(1, 28),
                    big=rng.randrange(10_000, 300_000, 1000), small=rng.randrange(100, 9000, 100))
        body.append(template.format(**fill))
    paragraphs = [headline, f"{fill['place'].upper()} ({outlet}) -- {published:%A %d %b %Y}"]
    for s in body:
        paragraphs.append(s)
        if rng.random() < 0.15:
            paragraphs.append(rng.choice(CHROME).format(**fill))
    if rng.random() < 0.2:
        paragraphs += ["Comments", f"by: reader{rng.randint(1, 99)} from: somewhere",
                       f"{published + timedelta(days=1):%B %d, %Y} 8:27 PM", "Nobody wants peace."]
    return "\n\n".join(paragraphs) + "\n"


def build_corpus(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        published = date(2013, 1, 1) + timedelta(days=rng.randint(0, 3 * 365))
        outlet = rng.choice(OUTLETS)
        name = f"{i:05d}.txt"
        (folder / name).write_text(article(rng, published, outlet), encoding="utf-8")
        if i % 2 == 0:   # half come with a manifest entry, half must be dated from their dateline
            rows.append({"file": name, "published": published.isoformat(), "outlet": outlet, "title": "", "url": ""})
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["file", "published", "outlet", "title", "url"])
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.keep or Path(tmp) / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        build_corpus(corpus, args.articles)
        words = sum(len(f.read_text().split()) for f in corpus.glob("*.txt")) / args.articles
        db = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        report = ingest([corpus], db=db)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = ingest([corpus], db=db)
        second = time.perf_counter() - t0
    print(f"corpus       : {args.articles} articles, {words:.0f} words each on average")
    print(f"first ingest : {report.articles} articles, {report.events} events, {len(report.failures)} failed "
          f"in {first:.2f} s -> {report.articles / first:.0f} articles/s (target >= 200)")
    print(f"second ingest: {again.skipped} unchanged skipped in {second:.2f} s "
          f"-> {again.skipped / second:.0f} articles/s")


if __name__ == "__main__":
    main()
