"""Snapshot of what ingest stores, to show a change to the ingest path leaves its output as it was.

    python benchmarks/ingest_snapshot.py OUT_DIR [--scheduler ADDRESS]
    python benchmarks/ingest_snapshot.py --compare BEFORE_DIR AFTER_DIR

Ingests the seeds, ../shared/wire and the TimeML dev-set texts (written as .txt files dated by a manifest
from their DCT) and the generated corpus of bench_ingest.py, each into a fresh database, and writes the
events and articles tables sorted by a stable key as Parquet (one pair per corpus). --compare says, per
corpus and table, whether the two snapshots are equal (but for the columns naming the reader), and shows
the first differing rows if not.
"""
from __future__ import annotations

import argparse
import csv
import fcntl
import re
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

SHARED = ROOT.parent / "shared"
EVENT_KEY = ["article_id", "quote_start", "event_type", "date", "event_id"]
# Columns that name the reader (reader_version.py: a hash of the parser's and loader's files), which any change
# to compare alters: the rest of the row says whether the output changed.
READER_COLUMNS = ["reader_version", "load_key", "content_hash"]
ARTICLE_KEY = ["path"]


def write_dev_texts(folder: Path) -> None:
    """The dev set's story texts as .txt files, each dated by the manifest from its document creation time."""
    rows = []
    for path in sorted((SHARED / "timeml-dev").glob("*.tml")):
        xml = path.read_text(encoding="utf-8")
        dct = re.search(r'<DCT><TIMEX3[^>]*value="(\d{4}-\d\d-\d\d)', xml)
        body = re.search(r"<TEXT>(.*)</TEXT>", xml, re.S)
        if dct and body:
            name = path.stem + ".txt"
            (folder / name).write_text(re.sub(r"<[^>]+>", "", body.group(1)), encoding="utf-8")
            rows.append({"file": name, "published": dct.group(1)})
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["file", "published"])
        writer.writeheader()
        writer.writerows(rows)


def corpora(tmp: Path) -> dict[str, Path]:
    from bench_ingest import build_corpus

    dev = tmp / "dev"
    dev.mkdir()
    write_dev_texts(dev)
    generated = tmp / "generated"
    generated.mkdir()
    build_corpus(generated, 1000)
    seeds = tmp / "seeds"     # copied: the checkout's own path would enter the seeds' article ids
    shutil.copytree(ROOT / "seeds", seeds)
    return {"seeds": seeds, "wire": SHARED / "wire", "dev": dev, "generated": generated}


def snapshot(out: Path, scheduler: str | None) -> None:
    from dashboard.pipeline import ingest
    from dashboard.store import Store

    out.mkdir(parents=True, exist_ok=True)
    # article ids hash the path, so the built corpora live at one fixed place, rebuilt on each run; a lock
    # makes runs from other checkouts wait their turn for it
    tmp = Path(tempfile.gettempdir()) / "ingest_snapshot"
    lock = open(Path(tempfile.gettempdir()) / "ingest_snapshot.lock", "w")
    fcntl.flock(lock, fcntl.LOCK_EX)
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        for name, folder in corpora(tmp).items():
            db = Path(tmp) / f"{name}.duckdb"
            kwargs = {"scheduler": scheduler} if scheduler else {}
            report = ingest([folder], db=db, **kwargs)
            with Store(db, read_only=True) as store:
                events, articles = store.events(), store.articles(with_text=True)
            events.sort_values(EVENT_KEY, kind="stable").to_parquet(out / f"{name}_events.parquet", index=False)
            articles.sort_values(ARTICLE_KEY, kind="stable").to_parquet(out / f"{name}_articles.parquet", index=False)
            print(f"{name:10s}: {report.summary()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        lock.close()


def compare(before: Path, after: Path) -> bool:
    same = True
    for old in sorted(before.glob("*.parquet")):
        a, b = pd.read_parquet(old), pd.read_parquet(after / old.name)
        shared = [c for c in a.columns if c in b.columns and c not in READER_COLUMNS]   # columns added later
        a, b = a[shared], b[shared]
        equal = a.reset_index(drop=True).equals(b.reset_index(drop=True))
        same &= equal
        print(f"{old.stem:22s}: {len(a):6d} vs {len(b):6d} rows -> {'identical' if equal else 'DIFFERENT'}")
        if not equal and len(a) == len(b):
            diff = (a.astype(str) != b.astype(str)).any(axis=1)
            cols = [c for c in a.columns if (a.loc[diff, c].astype(str) != b.loc[diff, c].astype(str)).any()]
            print(f"  {int(diff.sum())} rows differ, in {cols}; first: {a.loc[diff].iloc[0].to_dict()}"[:2000])
    return same


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", type=Path)
    ap.add_argument("--scheduler", help="ingest through this Dask scheduler")
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args()
    if args.compare:
        sys.exit(0 if compare(*args.compare) else 1)
    snapshot(args.out, args.scheduler)


if __name__ == "__main__":
    main()
