"""Temporal tagger speed against dateparser's search_dates, on the same texts in one run.

    python benchmarks/bench_timex.py [--generated 200] [--repeat 3] [--big-mb 5]

Texts: the seed articles, --generated news-like articles made from templates (seeded, so every run sees the
same ones) and, when present, the TimeML dev articles in ../shared/timeml-dev (read here only, never copied).
Prints documents per second (of CPU time) for extract_timexes and for dateparser.search.search_dates (both warmed up
first; --repeat passes of each, taken in turn, and the best pass of each counts, as timeit does, since a busy
machine only ever slows a pass down), the ratio (target >= 10x), and the seconds extract_timexes takes on one --big-mb MB string of news
text (target: a few seconds, i.e. no catastrophic backtracking).
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from dateparser.search import search_dates

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from dashboard.parser.timex import extract_timexes  # noqa: E402  (after the path is set)

DEV = ROOT.parent / "shared" / "timeml-dev"

SENTENCES = [
    "{actor} said on {weekday} that talks would resume {relative}.",
    "The ceasefire agreed on {month} {day} collapsed after {n} days of fighting.",
    "Ministers will meet in {city} on {weekday} to prepare the {month} conference.",
    "Some {count} people have died since {month} {year}, the monitoring group said.",
    "The envoy, who arrived {relative}, is due to brief the council in {month}.",
    "{actor} told reporters {weekday} the deal might not be possible until {month} or later.",
    "The {n}-year conflict has displaced {count} people, about {pct} percent of the population.",
    "Talks in {city} ended at {hour} p.m. {weekday} without agreement, {actor} said.",
    "Resolution {resolution} was adopted on {day} {month} {year} after weeks of negotiation.",
    "Fighting eased in late {month} but resumed {relative}, killing at least {small} civilians.",
]
FILL = dict(
    actor=["Kerry", "Lavrov", "the UN envoy", "a State Department spokesman", "Syria's foreign minister"],
    weekday=["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    relative=["last week", "yesterday", "earlier this month", "two weeks ago", "next week", "today"],
    month=["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    city=["Geneva", "Vienna", "Moscow", "Washington", "Astana"], hour=["3", "5", "10", "11"],
)


def generated_articles(count: int, rng: random.Random) -> list[tuple[str, date]]:
    articles = []
    for _ in range(count):
        published = date(2012, 1, 1) + timedelta(days=rng.randrange(365 * 6))
        lines = []
        for _ in range(rng.randrange(12, 30)):
            values = {k: rng.choice(v) for k, v in FILL.items()}
            values.update(day=rng.randrange(1, 29), year=rng.randrange(1990, 2018), n=rng.randrange(2, 9),
                          count=f"{rng.randrange(1, 400)},000", pct=rng.randrange(2, 60),
                          resolution=rng.randrange(1000, 2400), small=rng.randrange(3, 90))
            lines.append(rng.choice(SENTENCES).format(**values))
        articles.append(("\n\n".join(lines), published))
    return articles


def seed_articles() -> list[tuple[str, date]]:
    published = {}
    for line in (ROOT / "seeds" / "manifest.csv").read_text(encoding="utf-8").splitlines()[1:]:
        name, day = line.split(",")[:2]
        published[name] = date.fromisoformat(day)
    return [((ROOT / "seeds" / name).read_text(encoding="utf-8"), day) for name, day in published.items()]


def dev_articles() -> list[tuple[str, date]]:
    articles = []
    for path in sorted(DEV.glob("*.tml")) if DEV.is_dir() else []:
        xml = path.read_text(encoding="utf-8")
        dct = re.search(r'<DCT><TIMEX3[^>]*value="(\d{4}-\d\d-\d\d)', xml)
        body = re.search(r"<TEXT>(.*)</TEXT>", xml, re.S)
        if dct and body:
            articles.append((re.sub(r"<[^>]+>", "", body.group(1)), date.fromisoformat(dct.group(1))))
    return articles


def docs_per_second(tag, articles) -> float:
    """Articles per second of this process's CPU time (steadier than wall time on a shared machine)."""
    start = time.process_time()
    for text, published in articles:
        tag(text, published)
    return len(articles) / (time.process_time() - start)


def with_search_dates(text: str, published: date):
    return search_dates(text, languages=["en"],
                        settings={"RELATIVE_BASE": datetime.combine(published, datetime.min.time())})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--generated", type=int, default=200, help="generated news-like articles")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes of each tagger (the best counts)")
    ap.add_argument("--big-mb", type=float, default=5.0, help="size of the one-string stress test, MB")
    args = ap.parse_args()
    seeds, dev = seed_articles(), dev_articles()
    articles = seeds + generated_articles(args.generated, random.Random(7)) + dev
    chars = sum(len(t) for t, _ in articles)
    print(f"{len(articles)} articles ({len(seeds)} seeds, {args.generated} generated, {len(dev)} TimeML dev), "
          f"{chars / len(articles):.0f} characters on average")
    for tag in (extract_timexes, with_search_dates):
        tag(*articles[0])     # warm up: compiled rules, dateparser's language data
    passes: dict[str, list[float]] = {"extract_timexes": [], "dateparser search_dates": []}
    for _ in range(args.repeat):
        passes["extract_timexes"].append(docs_per_second(extract_timexes, articles))
        passes["dateparser search_dates"].append(docs_per_second(with_search_dates, articles))
    for name, rates in passes.items():
        print(f"{name + ':':26} {max(rates):8.1f} docs/s  (passes: {', '.join(f'{r:.1f}' for r in rates)})")
    ours, theirs = max(passes["extract_timexes"]), max(passes["dateparser search_dates"])
    print(f"ratio:                     {ours / theirs:8.1f}x  (target >= 10x)")
    size = int(args.big_mb * 1_000_000)
    real = [t for t, _ in seeds + dev]
    generated = [t for t, _ in articles[len(seeds):len(seeds) + args.generated]]
    for label, texts in (("real news (seeds + dev)", real), ("generated (a date in every sentence)", generated)):
        news = "\n\n".join(texts)
        big = (news * (size // len(news) + 1))[:size]
        start = time.process_time()
        found = extract_timexes(big, date(2016, 7, 13))
        print(f"one {args.big_mb:g} MB string of {label}: {time.process_time() - start:.2f} s CPU, "
              f"{len(found)} mentions")


if __name__ == "__main__":
    main()
