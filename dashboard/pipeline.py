"""Files -> articles -> events -> store: the one place the stages meet.

The main process plans (lists the files, reads the manifests and the versions already stored) and writes;
the work runs in chunks of files, each loaded, cleaned, dated, parsed and turned into Arrow tables by a
worker: a local process pool, or Dask tasks on a cluster (ingest_dask.py). The main process appends each
batch of results inside one transaction (a failure anywhere leaves the database as it was), so memory
holds one batch, not the corpus; the merge then runs part by part.
"""
from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pyarrow as pa

from dashboard.article import Article, LoadError
from dashboard.config import DEFAULT_DB
from dashboard.ingest.plan import FileTask, file_hash, plan_paths
from dashboard.reader_version import reader_version
from dashboard.schema import ARTICLE_COLUMNS, EVENT_COLUMNS
from dashboard.store import Store, StoredVersion, arrow_table

CHUNK_FILES = 16          # files per worker task: large enough that sending it costs little beside parsing it
BATCH_ARTICLES = 2000     # articles appended to the database at a time (memory holds about one batch)
DUCKDB_MEMORY = "512MB"   # DuckDB's share while ingesting: uncommitted rows beyond it spill to disk
SCHEDULER_ENV = "DASHBOARD_SCHEDULER"
Known = dict[str, StoredVersion]          # path -> its article as stored (Store.known_versions)
LoadedFiles = dict[str, tuple[str, int]]  # file -> (load_key, articles) stored (Store.loaded_files)
LoadedFile = tuple[list[Article | LoadError], str | None]   # what one file loaded as, and its load key


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


@dataclass
class ChunkResult:
    """What one chunk of files gives the store: its rows (Arrow tables, or the Parquet files a cluster
    worker wrote them to) and what the report counts."""
    articles: pa.Table | str
    events: pa.Table | str
    replaced: list[str]          # files whose stored rows these rows replace
    failures: list[tuple[str, str]]
    skipped: int
    parsed: int
    n_events: int
    rekeyed: list[tuple[str, str]] = field(default_factory=list)   # (file, load_key) its current articles take


def file_of(path: str) -> str:
    """The file an article came from: 'dump.json#3' -> 'dump.json'."""
    return path.split("#", 1)[0]


def version_key(article: Article) -> str:
    """What decides whether a stored article is current: its bytes, the metadata it was given (so an
    edited manifest entry re-ingests the files it describes) and the reader that parsed it (so a parser
    upgrade re-parses)."""
    meta = (article.raw_hash, article.published, article.published_from, article.title, article.source, article.url,
            reader_version())
    return hashlib.sha256(repr(meta).encode("utf-8")).hexdigest()


def to_parse(article: Article, stored: StoredVersion | None) -> Article | None:
    """The article to parse in place of the stored one, or None if the stored one is current. A date the
    analyst set on an article its file leaves undated stays: a re-read of the same file must not undo it,
    and a new reader parses the article again with that date."""
    if stored is None:
        return article
    if stored.content_hash == version_key(article):
        return None
    if stored.published_from == "user" and stored.raw_hash == article.raw_hash and article.published is None:
        dated = replace(article, published=stored.published, published_from="user")
        return None if stored.content_hash == version_key(dated) else dated
    return article


def article_row(article: Article, n_events: int, load_key: str | None = None) -> dict:
    return {
        "article_id": article.article_id, "path": article.path, "title": article.title,
        "source": article.source, "url": article.url, "published": article.published,
        "published_from": article.published_from, "text": article.text,
        "content_hash": version_key(article), "raw_hash": article.raw_hash, "n_events": n_events, "error": None,
        "load_key": load_key, "reader_version": reader_version(),
    }


def failure_row(error: LoadError) -> dict:
    return {"article_id": None, "path": error.path, "raw_hash": error.raw_hash or None,
            "published_from": "unknown", "n_events": 0, "error": error.reason}


def event_rows(text: str, published: date | None, source: str | None, **fields) -> list[dict]:
    """The parser's event rows for one article. The parser (and pandas) load here, on first use: planning
    and writing need neither, so an ingest with nothing to parse never loads them."""
    from dashboard.parser.events import event_rows as rows_of

    return rows_of(text, published, source, **fields)


def parsed(article: Article, load_key: str | None = None) -> tuple[dict, list[dict]]:
    """One article's row for the articles table and its event rows."""
    rows = event_rows(article.text, article.published, article.source, title=article.title, path=article.path,
                      url=article.url, article_id=article.article_id)
    return article_row(article, len(rows), load_key), rows


def settle(files: Iterable[LoadedFile], known: Known) -> ChunkResult:
    """Failures are recorded, unchanged articles skipped, the rest parsed; the rows as Arrow tables. A file's
    unchanged articles take its load key, so that the next ingest skips the file without loading it."""
    article_rows, events, replaced, failures, skipped, rekeyed = [], [], [], [], 0, []
    for items, load_key in files:
        parse = {a.path: to_parse(a, known.get(a.path)) for a in items if isinstance(a, Article)}
        current = {path for path, article in parse.items() if article is None}
        for item in items:
            if isinstance(item, LoadError):
                failures.append((item.path, item.reason))
                article_rows.append(failure_row(item))
                replaced.append(item.path)
            elif item.path in current:
                skipped += 1
            else:
                row, rows = parsed(parse[item.path], load_key)
                article_rows.append(row)
                events += rows
                # New bytes change every article of a file (and may change which records it holds): all its
                # rows go. When only some changed (a manifest entry edited), the others stay.
                replaced.append(item.path if current else file_of(item.path))
        if current and load_key:
            rekeyed.append((file_of(next(iter(current))), load_key))
    return ChunkResult(arrow_table(article_rows, ARTICLE_COLUMNS), arrow_table(events, EVENT_COLUMNS),
                       sorted(set(replaced)), failures, skipped, len(article_rows) - len(failures), len(events),
                       rekeyed)


def ingest_chunk(tasks: list[FileTask], known: Known) -> ChunkResult:
    """Load and parse a chunk of files (in a worker): `known` holds the stored versions of these files."""
    from dashboard.ingest.loader import load_task

    def loaded(task: FileTask) -> LoadedFile:
        items = load_task(task)
        return items, task.load_key(items[0].raw_hash)   # every item of a file holds the hash of its bytes

    return settle(map(loaded, tasks), known)


def unchanged_articles(task: FileTask, loaded_files: LoadedFiles) -> int:
    """How many articles are stored for the file of `task` if it is unchanged since they were loaded (its
    load key, from its bytes read here, is theirs), else 0: it must be loaded."""
    stored = loaded_files.get(task.path)
    if stored is None:
        return 0
    key, articles = stored
    return articles if task.load_key(file_hash(task.path)) == key else 0


def work_items(paths: Iterable[str | Path], known: Known,
               loaded_files: LoadedFiles) -> Iterator[tuple[list[FileTask], Known] | ChunkResult]:
    """The chunks of files to load, each with the stored versions it needs. What planning settles comes as
    a ChunkResult: what it found wrong (a missing path, a bad manifest) and the articles of the files it
    found unchanged, which no worker loads."""
    known_by_file: dict[str, Known] = {}
    for path, version in known.items():
        known_by_file.setdefault(file_of(path), {})[path] = version

    def chunk_items(chunk: list[FileTask | LoadError], skipped: int):
        tasks = [t for t in chunk if isinstance(t, FileTask)]
        errors = [t for t in chunk if isinstance(t, LoadError)]
        if errors or skipped:
            yield replace(settle([([e], None) for e in errors], known), skipped=skipped)
        if tasks:
            yield tasks, {p: v for t in tasks for p, v in known_by_file.get(t.path, {}).items()}

    chunk, skipped = [], 0
    for planned in plan_paths(paths):
        if isinstance(planned, FileTask) and (articles := unchanged_articles(planned, loaded_files)):
            skipped += articles
            continue
        chunk.append(planned)
        if len(chunk) == CHUNK_FILES:
            yield from chunk_items(chunk, skipped)
            chunk, skipped = [], 0
    yield from chunk_items(chunk, skipped)


def _run_item(item: tuple[list[FileTask], Known] | ChunkResult) -> ChunkResult:
    return item if isinstance(item, ChunkResult) else ingest_chunk(*item)


# a made-up page that takes every path of loading and parsing that compiles patterns on first use
_COMPILE_AHEAD_PAGE = ("Envoys to resume talks\n\nGENEVA - Envoys met on Monday, March 7, 2016, and said talks would "
                       "resume next week; 12 people were killed in clashes on Sunday.\n\nAdvertisement\n")


def compile_ahead() -> None:
    """Load and parse a small page here, before the workers fork: the patterns compiled on first use (timex
    rules, cue lists, date patterns) are then compiled once and shared by every worker, not once per worker
    (0.15 s of CPU each)."""
    from dashboard.ingest import load_bytes

    settle([(load_bytes("compile-ahead.txt", _COMPILE_AHEAD_PAGE.encode("utf-8")), None)], {})


def _settled_first(items: Iterable) -> tuple[list[ChunkResult], Iterator | None]:
    """The results planning settled before the first chunk to load, and the items from that chunk on (None
    if there is none): an ingest that finds nothing to load starts no worker and loads no parser."""
    items = iter(items)
    settled = []
    for item in items:
        if not isinstance(item, ChunkResult):
            return settled, itertools.chain([item], items)
        settled.append(item)
    return settled, None


def _local_results(items: Iterable, parallel: bool) -> Iterator[ChunkResult]:
    """Chunks run in one worker process per core (in order), or here when there is one core."""
    cores = os.cpu_count() or 1
    if not parallel or cores < 2:
        yield from map(_run_item, items)
        return
    compile_ahead()
    with multiprocessing.get_context("fork").Pool(processes=cores) as pool:
        yield from pool.imap(_run_item, items)


class _BatchWriter:
    """Appends chunk results to the store, BATCH_ARTICLES at a time, inside the caller's transaction."""

    def __init__(self, store: Store, report: IngestReport, replace: bool):
        self.store, self.report, self.replace = store, report, replace
        self.pending: list[ChunkResult] = []
        self.rows = 0

    def add(self, result: ChunkResult) -> None:
        self.report.articles += result.parsed
        self.report.events += result.n_events
        self.report.skipped += result.skipped
        self.report.failures += result.failures
        self.pending.append(result)
        self.rows += result.parsed + len(result.failures)
        if self.rows >= BATCH_ARTICLES:
            self.flush()

    def flush(self) -> None:
        if self.replace:   # a fresh database has nothing to replace
            self.store.delete_files(sorted({f for r in self.pending for f in r.replaced}))
        for table in ("articles", "events"):
            parts = [getattr(r, table) for r in self.pending]
            tables = [t for t in parts if isinstance(t, pa.Table) and t.num_rows]
            if tables:
                self.store.append(table, pa.concat_tables(tables))
            self.store.append_parquet(table, [f for f in parts if isinstance(f, str)])
        self.store.set_load_keys([key for r in self.pending for key in r.rekeyed])
        self.pending, self.rows = [], 0


def _store_results(results: Iterable[ChunkResult], store: Store, report: IngestReport, progress: bool) -> None:
    """Write all results in one transaction, then re-merge every stored event."""
    if progress:
        from tqdm import tqdm
        bar = tqdm(unit=" articles", desc="ingest")
    with store.transaction():
        # Appending Arrow tables, one DuckDB thread takes half the CPU two take, and leaves the cores to
        # the workers parsing meanwhile; the merge's queries gain from every core.
        with store.threads(1):
            writer = _BatchWriter(store, report, replace=not store.is_empty())
            for result in results:
                writer.add(result)
                if progress:
                    bar.update(result.parsed + result.skipped + len(result.failures))
            writer.flush()
        if report.articles or report.failures:
            from dashboard.merge import MERGE_COLUMNS, merge_events

            store.remerge(merge_events, MERGE_COLUMNS, changed_only=True)
    if progress:
        bar.close()


def scheduler_address(scheduler: str | None) -> str | None:
    """The Dask scheduler to run on: the one given, else $DASHBOARD_SCHEDULER, else none (local pool)."""
    return scheduler or os.environ.get(SCHEDULER_ENV) or None


def ingest(paths: Iterable[str | Path], db: str | Path = DEFAULT_DB, progress: bool = False,
           scheduler: str | None = None) -> IngestReport:
    """Read files and folders into the database. Unreadable files are recorded with their reason; the rest
    of the batch goes on. Unchanged files are skipped (found by the hash of their bytes and manifest entries
    before loading, or by each article's version once loaded); changed ones replace their events.
    With a Dask scheduler address (or $DASHBOARD_SCHEDULER) the files are loaded and parsed on that cluster."""
    t0 = time.perf_counter()
    report = IngestReport()
    address = scheduler_address(scheduler)
    with Store(db, memory_limit=DUCKDB_MEMORY) as store:
        settled, to_load = _settled_first(work_items(paths, store.known_versions(), store.loaded_files()))
        if to_load is None:
            _store_results(settled, store, report, progress)
        elif address:
            from dashboard.ingest_dask import cluster_results

            with cluster_results(to_load, _run_item, address, Path(db).with_suffix(".parts")) as results:
                _store_results(itertools.chain(settled, results), store, report, progress)
        else:
            _store_results(itertools.chain(settled, _local_results(to_load, parallel=True)), store, report,
                           progress)
    report.seconds = time.perf_counter() - t0
    return report


def ingest_upload(name: str, data: bytes, db: str | Path = DEFAULT_DB) -> IngestReport:
    """Ingest one file uploaded from the page (its name decides the format); it is stored as
    "upload/<name>", so provenance says where it came from and it never replaces a file read from disk."""
    from dashboard.ingest import load_bytes

    t0 = time.perf_counter()
    report = IngestReport()
    with Store(db) as store:
        result = settle([(load_bytes(f"upload/{Path(name).name}", data), None)], store.known_versions())
        _store_results([result], store, report, progress=False)
    report.seconds = time.perf_counter() - t0
    return report


def set_published(db: str | Path, article_id: str, published: date) -> int:
    """Give an article the publication date the analyst chose and re-anchor its events; returns their count."""
    import pandas as pd

    from dashboard.merge import merge_events
    from dashboard.parser.event_table import events_frame

    with Store(db) as store:
        row = store.article(article_id)
        if row is None:
            raise KeyError(f"no article with id {article_id!r}")
        article = Article(text=row["text"] or "", path=row["path"], title=row["title"], source=row["source"],
                          url=row["url"], published=published, published_from="user",
                          raw_hash=row["raw_hash"] or "")
        # Same path and text, so the same article_id the page knows. An article that loaded undated keeps
        # its load key: re-reading the unchanged file would not undo this date (to_parse), so it need not
        # be read. One that loaded with a date of its own is read again, and that date wins (as before).
        load_key = row["load_key"] if row["published_from"] in ("unknown", "user") else None
        new_row, rows = parsed(article, load_key)
        store.write_batch(pd.DataFrame([new_row], columns=list(ARTICLE_COLUMNS)), events_frame(rows),
                          [row["path"]], merge=merge_events)
        return len(rows)
