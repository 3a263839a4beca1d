"""The embedded store: one DuckDB file with an `articles` and an `events` table.

Writes go through `Store.write_batch`, one transaction per batch: a crash or an error mid-batch rolls back
to the previous state, so the database is never left half written.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from dashboard.config import DEFAULT_DB
from dashboard.schema import ARTICLE_COLUMNS, EVENT_COLUMNS, typed

_SQL_TYPES = {"string": "VARCHAR", "datetime64[ns]": "TIMESTAMP", "Int64": "BIGINT", "float64": "DOUBLE"}


class StoreError(RuntimeError):
    """The database cannot be opened (locked by another process, not a DuckDB file, ...)."""


def _create_sql(table: str, columns: dict[str, str]) -> str:
    cols = ", ".join(f'"{name}" {_SQL_TYPES[dtype]}' for name, dtype in columns.items())
    return f"CREATE TABLE IF NOT EXISTS {table} ({cols})"


class Store:
    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False):
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"no database at {self.path}: run 'python -m dashboard ingest PATH' first")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        if not read_only:
            self.con.execute(_create_sql("articles", ARTICLE_COLUMNS))
            self.con.execute(_create_sql("events", EVENT_COLUMNS))

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- reading ---------------------------------------------------------------------------------------
    def _has(self, table: str) -> bool:
        return bool(self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]).fetchone()[0])

    def events(self) -> pd.DataFrame:
        if not self._has("events"):
            return typed(pd.DataFrame(), EVENT_COLUMNS)
        df = self.con.execute("SELECT * FROM events ORDER BY date NULLS LAST, event_id").df()
        return typed(df, EVENT_COLUMNS)

    def articles(self, with_text: bool = False) -> pd.DataFrame:
        if not self._has("articles"):
            return typed(pd.DataFrame(), ARTICLE_COLUMNS)
        cols = ", ".join(f'"{c}"' for c in ARTICLE_COLUMNS if with_text or c != "text")
        df = self.con.execute(f"SELECT {cols} FROM articles ORDER BY path").df()
        return typed(df, ARTICLE_COLUMNS)

    def article(self, article_id: str) -> dict | None:
        if not self._has("articles"):
            return None
        df = self.con.execute("SELECT * FROM articles WHERE article_id = ?", [article_id]).df()
        if df.empty:
            return None
        row = typed(df, ARTICLE_COLUMNS).iloc[0]
        return {k: (None if pd.isna(v) else v) for k, v in row.items()}

    def is_empty(self) -> bool:
        return not self._has("articles") or self.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0

    def known_versions(self) -> dict[str, tuple[str, str, str]]:
        """path -> (content_hash, raw_hash, published_from) of the articles stored without error, so that
        ingest can skip what has not changed."""
        rows = self.con.execute("""SELECT path, content_hash, raw_hash, published_from FROM articles
                                   WHERE error IS NULL AND content_hash IS NOT NULL""").fetchall()
        return {path: (key, raw, source) for path, key, raw, source in rows}

    # -- writing ---------------------------------------------------------------------------------------
    def write_batch(self, articles: pd.DataFrame, events: pd.DataFrame, replace_files: list[str],
                    merge=None) -> None:
        """Replace everything stored for `replace_files` (a file path also covers its records "file#N") with
        `articles` and `events`, then re-merge all events with `merge(events_df)`, in one transaction."""
        articles = typed(articles, ARTICLE_COLUMNS)
        events = typed(events, EVENT_COLUMNS)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if replace_files:
                files = pd.DataFrame({"f": pd.Series(replace_files, dtype="string")})
                con.register("replaced_files", files)
                for table in ("events", "articles"):
                    con.execute(f"""DELETE FROM {table} WHERE path IN (SELECT f FROM replaced_files)
                                    OR split_part(path, '#', 1) IN (SELECT f FROM replaced_files)""")
                con.unregister("replaced_files")
            con.register("new_articles", articles)
            con.execute("INSERT INTO articles SELECT * FROM new_articles")
            con.unregister("new_articles")
            con.register("new_events", events)
            con.execute("INSERT INTO events SELECT * FROM new_events")
            con.unregister("new_events")
            if merge is not None:
                self._remerge(merge)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _remerge(self, merge) -> None:
        """Recompute cluster_id and sources over every stored event (merging spans articles)."""
        all_events = typed(self.con.execute("SELECT * FROM events").df(), EVENT_COLUMNS)
        if all_events.empty:
            return
        merged = merge(all_events)[["event_id", "cluster_id", "sources"]]
        self.con.register("merged", merged)
        self.con.execute("""UPDATE events SET cluster_id = merged.cluster_id, sources = merged.sources
                            FROM merged WHERE events.event_id = merged.event_id""")
        self.con.unregister("merged")


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
