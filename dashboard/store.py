"""The embedded store: one DuckDB file with an `articles` and an `events` table.

Writes happen inside one transaction (`Store.transaction`, or `write_batch` for a small batch): a crash
or an error mid-ingest rolls back to the previous state, so the database is never left half written.
Rows arrive as Arrow tables (or Parquet files) built from schema.py, appended batch by batch, so an ingest
holds one batch in memory, not the whole corpus; the merge then runs part by part (see merge.py).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import duckdb
import pyarrow as pa

from dashboard.config import DEFAULT_DB
from dashboard.schema import ARTICLE_COLUMNS, EVENT_COLUMNS, empty_frame, typed

if TYPE_CHECKING:   # pandas is imported where frames are read: an ingest writes Arrow tables without it
    import pandas as pd

MERGE_PART_ROWS = 100_000   # events merged at a time: memory for the merge stays bounded at any size
MergeDay = tuple[str | None, datetime | None]   # (event_type, date): merging never links events across one


class StoredVersion(NamedTuple):
    """What ingest compares a loaded article with to decide whether its stored rows can stay."""
    content_hash: str            # pipeline.version_key of the article as it was parsed
    raw_hash: str | None         # the file's bytes
    published_from: str
    published: date | None       # the date it was parsed with (the analyst's, when published_from is "user")


_SQL_TYPES = {"string": "VARCHAR", "datetime64[ns]": "TIMESTAMP", "Int64": "BIGINT", "float64": "DOUBLE"}
_ARROW_TYPES = {"string": pa.string(), "datetime64[ns]": pa.timestamp("us"), "Int64": pa.int64(),
                "float64": pa.float64()}


def _part_key(only: set[MergeDay] | None) -> str:
    """What the events are cut into parts by, besides their type: the year when all are merged, the day when
    only the changed (type, day) groups are."""
    return "year(events.date)" if only is None else "events.date"


def arrow_schema(columns: dict[str, str]) -> pa.Schema:
    return pa.schema([(name, _ARROW_TYPES[dtype]) for name, dtype in columns.items()])


def _timestamp(value) -> datetime | None:
    import pandas as pd

    if value is None or value is pd.NaT:
        return None
    return value if isinstance(value, datetime) else datetime.combine(value, time()) if isinstance(value, date) \
        else pd.Timestamp(value).to_pydatetime()


def arrow_table(rows: list[dict], columns: dict[str, str]) -> pa.Table:
    """Row dicts (a missing key is null) as an Arrow table of exactly `columns` (schema.py's names and
    dtypes), built column by column without pandas: what workers send back and the store appends."""
    if not rows:   # (what an ingest that loads nothing builds: without loading pandas for from_pandas)
        return pa.Table.from_batches([], schema=arrow_schema(columns))
    arrays = []
    for name, dtype in columns.items():
        values = [row.get(name) for row in rows]
        if dtype.startswith("datetime64") and all(type(v) is date or v is None for v in values):
            arrays.append(pa.array(values, pa.date32()).cast(_ARROW_TYPES[dtype]))   # the parser's days, in C
            continue
        if dtype.startswith("datetime64"):
            values = [_timestamp(v) for v in values]
        arrays.append(pa.array(values, _ARROW_TYPES[dtype], from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=arrow_schema(columns))


class StoreError(RuntimeError):
    """The database cannot be opened (locked by another process, not a DuckDB file, ...)."""


def _create_sql(table: str, columns: dict[str, str]) -> str:
    cols = ", ".join(f'"{name}" {_SQL_TYPES[dtype]}' for name, dtype in columns.items())
    return f"CREATE TABLE IF NOT EXISTS {table} ({cols})"


class Store:
    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False, memory_limit: str | None = None):
        """`memory_limit` ("512MB") bounds what DuckDB holds in memory (it spills to disk beyond it): an
        ingest's uncommitted rows would otherwise stay in memory until the commit."""
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"no database at {self.path}: run 'python -m dashboard ingest PATH' first")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        if memory_limit:
            self.con.execute(f"SET memory_limit = '{memory_limit}'")
        if not read_only:
            for table, columns in (("articles", ARTICLE_COLUMNS), ("events", EVENT_COLUMNS)):
                self.con.execute(_create_sql(table, columns))
                self._add_missing_columns(table, columns)
        self.changed_days: set[MergeDay] = set()   # (type, day) of the events added or deleted since a remerge

    def _add_missing_columns(self, table: str, columns: dict[str, str]) -> None:
        """A database made by an earlier version lacks the columns added since (schema.py adds them last,
        where ALTER TABLE puts them): they are added, null in the rows already there."""
        have = self._columns(table)
        for name, dtype in columns.items():
            if name not in have:
                self.con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {_SQL_TYPES[dtype]}')

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- reading ---------------------------------------------------------------------------------------
    def _has(self, table: str) -> bool:
        return bool(self.con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [table]).fetchall()[0][0])

    def _columns(self, table: str) -> set[str]:
        return {name for (name,) in self.con.execute("SELECT name FROM pragma_table_info(?)", [table]).fetchall()}

    def events(self) -> pd.DataFrame:
        if not self._has("events"):
            return empty_frame(EVENT_COLUMNS)
        df = self.con.execute("SELECT * FROM events ORDER BY date NULLS LAST, event_id").df()
        return typed(df, EVENT_COLUMNS)

    def articles(self, with_text: bool = False) -> pd.DataFrame:
        if not self._has("articles"):
            return empty_frame(ARTICLE_COLUMNS)
        have = self._columns("articles")   # a database opened read-only may predate a column: it reads as null
        cols = ", ".join(f'"{c}"' for c in ARTICLE_COLUMNS if c in have and (with_text or c != "text"))
        df = self.con.execute(f"SELECT {cols} FROM articles ORDER BY path").df()
        return typed(df, ARTICLE_COLUMNS)

    def article(self, article_id: str) -> dict | None:
        import pandas as pd

        if not self._has("articles"):
            return None
        df = self.con.execute("SELECT * FROM articles WHERE article_id = ?", [article_id]).df()
        if df.empty:
            return None
        row = typed(df, ARTICLE_COLUMNS).iloc[0]
        return {k: (None if pd.isna(v) else v) for k, v in row.items()}

    def is_empty(self) -> bool:
        return not self._has("articles") or self.con.execute("SELECT count(*) FROM articles").fetchall()[0][0] == 0

    def known_versions(self) -> dict[str, StoredVersion]:
        """path -> the stored version of each article stored without error, so that ingest can skip what has
        not changed."""
        rows = self.con.execute("""SELECT path, content_hash, raw_hash, published_from, CAST(published AS DATE)
                                   FROM articles WHERE error IS NULL AND content_hash IS NOT NULL""").fetchall()
        return {path: StoredVersion(*version) for path, *version in rows}

    def loaded_files(self) -> dict[str, tuple[str, int]]:
        """file -> (load_key, articles) of the files whose every stored row is an article loaded under that
        one key: such a file need not be loaded again while its key stays the same. A file with a failure
        (retried every time) or a row without a key (stored by an earlier version) is not among them."""
        rows = self.con.execute("""SELECT split_part(path, '#', 1) AS file, min(load_key), count(*) FROM articles
                                   GROUP BY file
                                   HAVING count(load_key) = count(*) AND min(load_key) = max(load_key)
                                      AND count(error) = 0""").fetchall()
        return {file: (key, articles) for file, key, articles in rows}

    # -- writing ---------------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """Everything written inside is committed together, or rolled back on any error."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    @contextmanager
    def threads(self, count: int) -> Iterator["Store"]:
        """DuckDB runs on `count` threads inside, on as many as there are cores after."""
        self.con.execute(f"SET threads = {int(count)}")
        try:
            yield self
        finally:
            self.con.execute("RESET threads")

    def delete_files(self, files: list[str]) -> None:
        """Drop everything stored for `files` (a file path also covers its records "file#N")."""
        if not files:
            return
        self.con.register("replaced_files", pa.table({"f": pa.array(files, pa.string())}))
        of_files = "path IN (SELECT f FROM replaced_files) OR split_part(path, '#', 1) IN (SELECT f FROM replaced_files)"
        self._note_changed_days(self.con.sql(f"SELECT event_type, date FROM events WHERE {of_files}"))
        for table in ("events", "articles"):
            self.con.execute(f"DELETE FROM {table} WHERE {of_files}")
        self.con.unregister("replaced_files")

    def set_load_keys(self, keys: list[tuple[str, str]]) -> None:
        """Give the articles of each file (file, load_key) that key: they were found current under it."""
        if not keys:
            return
        files, load_keys = zip(*keys)
        self.con.register("file_keys", pa.table({"f": pa.array(files, pa.string()),
                                                 "k": pa.array(load_keys, pa.string())}))
        self.con.execute("""UPDATE articles SET load_key = file_keys.k FROM file_keys
                            WHERE split_part(articles.path, '#', 1) = file_keys.f AND articles.error IS NULL""")
        self.con.unregister("file_keys")

    def append(self, table: str, rows: pa.Table | pd.DataFrame) -> None:
        """Append rows with exactly the table's columns (an Arrow table, or a frame typed by schema.py).
        Through a relation, not a registered view: a view's rows stay referenced until the transaction
        ends, so a long ingest would hold every batch in memory."""
        relation = self.con.from_arrow(rows) if isinstance(rows, pa.Table) else self.con.from_df(rows)
        if table == "events":
            self._note_changed_days(relation)
        relation.insert_into(table)

    def append_parquet(self, table: str, files: list[str]) -> None:
        """Append Parquet files written with this table's columns, in the order given."""
        if files:
            if table == "events":
                self._note_changed_days(self.con.read_parquet(files))
            self.con.execute(f"INSERT INTO {table} SELECT * FROM read_parquet(?)", [files])

    def _note_changed_days(self, events: duckdb.DuckDBPyRelation) -> None:
        self.changed_days |= set(events.project("event_type, date").distinct().fetchall())

    def write_batch(self, articles: pd.DataFrame, events: pd.DataFrame, replace_files: list[str],
                    merge=None) -> None:
        """Replace everything stored for `replace_files` with `articles` and `events`, then re-merge all
        events with `merge(events_df)`, in one transaction."""
        with self.transaction():
            self.delete_files(replace_files)
            self.append("articles", typed(articles, ARTICLE_COLUMNS))
            self.append("events", typed(events, EVENT_COLUMNS))
            if merge is not None:
                self.remerge(merge, changed_only=True)

    def remerge(self, merge, columns: tuple[str, ...] | None = None, changed_only: bool = False) -> None:
        """Recompute cluster_id and sources over the stored events (merging spans articles), part by part:
        `merge` links events of one type and start day only, so the events are split by (type, year) into
        parts of about MERGE_PART_ROWS, each merged on its own in stored order; only `columns` (all when
        None) are read. With `changed_only`, only the (type, start day) groups that events were added to or
        deleted from since the last remerge: the others would come out as they are (a few new articles in a
        large database re-merge the days they tell of, not every event)."""
        cols = ", ".join(f'"{c}"' for c in (columns or EVENT_COLUMNS))
        only = self.changed_days if changed_only else None
        key = _part_key(only)
        con = self.con
        # results go through temporary tables, not registered frames (see append)
        con.execute(f"CREATE OR REPLACE TEMP TABLE part_keys AS SELECT event_type, {key} AS k FROM events LIMIT 0")
        con.execute("CREATE OR REPLACE TEMP TABLE merged (event_id VARCHAR, cluster_id VARCHAR, sources BIGINT)")
        for keys in self._merge_parts(only):
            con.execute("DELETE FROM part_keys")
            con.from_df(keys).insert_into("part_keys")
            part = con.sql(   # through Arrow: DuckDB's own .df() is three times slower
                f"""SELECT {cols} FROM events WHERE EXISTS (SELECT 1 FROM part_keys p
                        WHERE p.event_type IS NOT DISTINCT FROM events.event_type
                        AND p.k IS NOT DISTINCT FROM {key}) ORDER BY rowid""").to_arrow_table()
            result = merge(part.to_pandas())[["event_id", "cluster_id", "sources"]]
            con.execute("DELETE FROM merged")
            con.from_df(result).insert_into("merged")
            con.execute("""UPDATE events SET cluster_id = merged.cluster_id, sources = merged.sources
                           FROM merged WHERE events.event_id = merged.event_id""")
        con.execute("DROP TABLE part_keys")
        con.execute("DROP TABLE merged")
        self.changed_days = set()

    def _merge_parts(self, only: set[MergeDay] | None = None) -> Iterator[pd.DataFrame]:
        """Keys of groups of events packed into parts of at most MERGE_PART_ROWS events (or one group): every
        (event_type, year), or the (event_type, date) of `only`."""
        key, where = _part_key(only), ""
        if only is not None:
            if not only:
                return
            types, days = zip(*only)
            self.con.register("changed_days", pa.table({"event_type": pa.array(types, pa.string()),
                                                        "date": pa.array(days, pa.timestamp("us"))}))
            where = """WHERE EXISTS (SELECT 1 FROM changed_days c WHERE c.event_type IS NOT DISTINCT FROM
                       events.event_type AND c.date IS NOT DISTINCT FROM events.date)"""
        counts = self.con.execute(f"""SELECT event_type, {key} AS k, count(*) AS n FROM events {where}
                                      GROUP BY ALL ORDER BY ALL""").df()
        if only is not None:
            self.con.unregister("changed_days")
        start, total = 0, 0
        for i, n in enumerate(counts["n"]):
            if total and total + n > MERGE_PART_ROWS:
                yield counts.iloc[start:i][["event_type", "k"]]
                start, total = i, 0
            total += n
        if total:
            yield counts.iloc[start:][["event_type", "k"]]


def load_events(db: str | Path = DEFAULT_DB) -> pd.DataFrame:
    with Store(db, read_only=True) as store:
        return store.events()


def load_articles(db: str | Path = DEFAULT_DB, with_text: bool = False) -> pd.DataFrame:
    with Store(db, read_only=True) as store:
        return store.articles(with_text=with_text)


def write_table(df: pd.DataFrame, out: str | Path, fmt: str) -> Path:
    """Write a table as csv, json (records, ISO dates) or parquet; the parent folder is created."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        df.to_csv(out, index=False)
    elif fmt == "json":
        df.to_json(out, orient="records", date_format="iso", indent=1, force_ascii=False)
    elif fmt == "parquet":
        df.to_parquet(out, index=False)
    else:
        raise ValueError(f"unknown table format {fmt!r} (csv, json or parquet)")
    return out
