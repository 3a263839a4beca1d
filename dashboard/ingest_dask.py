"""Ingest on a Dask cluster: each chunk of files is loaded and parsed as a Dask task, which writes its
rows as Parquet (one articles part and one events part per chunk) instead of sending them back; the main
process then loads the parts into DuckDB in chunk order.

The workers must see the input files and the parts folder at the same paths as this process (a shared
file system); the parts folder is removed once its rows are committed.
"""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq

IN_FLIGHT_PER_THREAD = 4    # chunks queued per worker thread: enough to keep them busy, few enough to stream


def run_chunk(run: Callable, item, number: int, parts_dir: str):
    """One Dask task: `run(item)` loads and parses a chunk into a ChunkResult (pipeline.py); its rows are
    written as Parquet parts, and the result sent back names those files instead of holding the rows."""
    result = run(item)
    files = []
    for table in ("articles", "events"):
        path = Path(parts_dir) / table / f"part-{number:07d}.parquet"
        pq.write_table(getattr(result, table), path)
        files.append(str(path))
    return replace(result, articles=files[0], events=files[1])


@contextmanager
def cluster_results(items: Iterable, run: Callable, address: str, parts_dir: Path) -> Iterator[Iterator]:
    """The results of `run` over `items`, computed on the cluster at `address`, in chunk order."""
    from distributed import Client

    for table in ("articles", "events"):
        (parts_dir / table).mkdir(parents=True, exist_ok=True)
    try:
        try:
            client = Client(address)
        except OSError as exc:
            raise OSError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        with client:
            yield _in_order(client, items, run, str(parts_dir.resolve()))
    finally:
        shutil.rmtree(parts_dir, ignore_errors=True)


def _in_order(client, items: Iterable, run: Callable, parts_dir: str) -> Iterator:
    """Submit chunks with a bounded number in flight and yield their results in submission order (the order
    the store appends, so the merge sees events as the local path does)."""
    threads = sum(client.nthreads().values()) or 1
    window = threads * IN_FLIGHT_PER_THREAD
    futures = []
    for number, item in enumerate(items):
        futures.append(client.submit(run_chunk, run, item, number, parts_dir, pure=False))
        if len(futures) >= window:
            yield futures.pop(0).result()
    for future in futures:
        yield future.result()
