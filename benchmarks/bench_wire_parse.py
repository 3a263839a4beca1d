"""CPU ms per article for parse_article over the 400 wire stories (best of 3)."""
import csv, sys, time
sys.path.insert(0, ".")
from dashboard.parser.events import event_rows as parse_article
man = list(csv.DictReader(open("/work/shared/wire/manifest.csv")))
docs = [(open("/work/shared/wire/" + m["file"]).read(), m["published"]) for m in man]
best = 1e9
for _ in range(3):
    t = time.process_time()
    n = sum(len(parse_article(text, pub)) for text, pub in docs)
    best = min(best, time.process_time() - t)
print(f"{len(docs)} stories, {n} events, {1000*best/len(docs):.2f} ms/article, {len(docs)/best:.0f} articles/s (one core)")
