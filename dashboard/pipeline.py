"""Files -> articles -> events -> store: the one place the stages meet.

Loading, parsing and merging are pure; this module only sequences them and writes the result in one
transaction per batch (a failure anywhere leaves the database as it was).
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.article import Article, LoadError
from dashboard.config import DEFAULT_DB
from dashboard.merge import merge_events
from dashboard.parser.event_table import events_frame
from dashboard.parser.events import event_rows
from dashboard.schema import ARTICLE_COLUMNS
from dashboard.store import Store


@dataclass
class IngestReport:
    articles: int = 0            # articles read and parsed in this run
    events: int = 0              # events they yielded
    skipped: int = 0             # unchanged since the last ingest (same content hash)
    failures: list[tuple[str, str]] = field(default_factory=list)   # (path, reason)
    seconds: float = 0.0

    def summary(self) -> str:
        rate = f" in {self.seconds:.1f} s ({self.articles / self.seconds:.0f} articles/s)" if self.seconds else ""
        return (f"{self.articles} articles, {self.events} events, {self.skipped} unchanged skipped, "
                f"{len(self.failures)} failed{rate}")


def file_of(path: str) -> str:
    """The file an article came from: 'dump.json#3' -> 'dump.json'."""
    return path.split("#", 1)[0]


def version_key(article: Article) -> str:
    """What decides whether a stored article is current: its bytes and the metadata it was given (so an
    edited manifest entry re-ingests the files it describes)."""
    meta = (article.raw_hash, article.published, article.published_from, article.title, article.source, article.url)
    return hashlib.sha256(repr(meta).encode("utf-8")).hexdigest()


def is_current(article: Article, stored: tuple[str, str, str] | None) -> bool:
    """Whether the stored version of this article can stay: nothing changed, or only the date the analyst
    set by hand, which a re-read of the same undated file must not undo."""
    if stored is None:
        return False
    key, raw_hash, published_from = stored
    return key == version_key(article) or (
        published_from == "user" and raw_hash == article.raw_hash and article.published is None)


def article_row(article: Article, n_events: int) -> dict:
    return {
        "article_id": article.article_id, "path": article.path, "title": article.title,
        "source": article.source, "url": article.url, "published": article.published,
        "published_from": article.published_from, "text": article.text,
        "content_hash": version_key(article), "raw_hash": article.raw_hash, "n_events": n_events, "error": None,
    }


def failure_row(error: LoadError) -> dict:
    return {"article_id": None, "path": error.path, "raw_hash": error.raw_hash or None,
            "published_from": "unknown", "n_events": 0, "error": error.reason}


def parsed(article: Article) -> tuple[dict, list[dict]]:
    """One article's row for the articles table and its event rows (runs in a worker process)."""
    rows = event_rows(article.text, article.published, article.source, title=article.title, path=article.path,
                      url=article.url, article_id=article.article_id)
    return article_row(article, len(rows)), rows


def _parse_all(articles: Iterable[Article]) -> Iterator[tuple[dict, list[dict]]]:
    """Parse in one worker per core; the main process keeps loading files meanwhile."""
    cores = os.cpu_count() or 1
    if cores < 2:
        yield from map(parsed, articles)
        return
    with multiprocessing.get_context("fork").Pool(processes=cores) as pool:
        yield from pool.imap(parsed, articles, chunksize=8)


def _store_items(items: Iterable[Article | LoadError], db: Path, report: IngestReport, progress: bool,
                 parallel: bool = False) -> None:
    t0 = time.perf_counter()
    article_rows, event_rows_, replaced = [], [], set()
    with Store(db) as store:
        known = store.known_versions()

        def to_parse() -> Iterator[Article]:   # failures and unchanged files are settled here, in order
            for item in items:
                if isinstance(item, LoadError):
                    report.failures.append((item.path, item.reason))
                    article_rows.append(failure_row(item))
                    replaced.add(item.path)
                elif is_current(item, known.get(item.path)):
                    report.skipped += 1
                else:
                    yield item

        results = _parse_all(to_parse()) if parallel else map(parsed, to_parse())
        if progress:
            from tqdm import tqdm
            results = tqdm(results, unit=" articles", desc="ingest")
        for row, rows in results:
            article_rows.append(row)
            event_rows_.extend(rows)
            replaced.add(file_of(row["path"]))
            report.articles += 1
            report.events += len(rows)
        if article_rows:
            store.write_batch(pd.DataFrame(article_rows, columns=list(ARTICLE_COLUMNS)), events_frame(event_rows_),
                              sorted(replaced), merge=merge_events)
    report.seconds = time.perf_counter() - t0


def ingest(paths: Iterable[str | Path], db: str | Path = DEFAULT_DB, progress: bool = False) -> IngestReport:
    """Read files and folders into the database. Unreadable files are recorded with their reason; the rest
    of the batch goes on. Unchanged files (same content hash) are skipped; changed ones replace their events."""
    from dashboard.ingest import load_paths

    report = IngestReport()   # load_paths reports missing paths and unreadable files as LoadErrors
    _store_items(load_paths([Path(p) for p in paths]), Path(db), report, progress, parallel=True)
    return report


def ingest_upload(name: str, data: bytes, db: str | Path = DEFAULT_DB) -> IngestReport:
    """Ingest one file uploaded from the page (its name decides the format); it is stored as
    "upload/<name>", so provenance says where it came from and it never replaces a file read from disk."""
    from dashboard.ingest import load_bytes

    report = IngestReport()
    _store_items(load_bytes(f"upload/{Path(name).name}", data), Path(db), report, progress=False)
    return report


def set_published(db: str | Path, article_id: str, published: date) -> int:
    """Give an article the publication date the analyst chose and re-anchor its events; returns their count."""
    with Store(db) as store:
        row = store.article(article_id)
        if row is None:
            raise KeyError(f"no article with id {article_id!r}")
        article = Article(text=row["text"] or "", path=row["path"], title=row["title"], source=row["source"],
                          url=row["url"], published=published, published_from="user",
                          raw_hash=row["raw_hash"] or "")
        new_row, rows = parsed(article)   # same path and text, so the same article_id the page knows
        store.write_batch(pd.DataFrame([new_row], columns=list(ARTICLE_COLUMNS)), events_frame(rows),
                          [row["path"]], merge=merge_events)
        return len(rows)
