"""The two tables every part of the project speaks: articles and events.

One place names the columns and their pandas dtypes, so the parser, the store, the app and the exports
agree without importing each other.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:   # pandas is imported where frames are made: an ingest writes Arrow tables without it
    import pandas as pd

EVENT_TYPES = (
    "meeting", "conference", "deadline", "casualties", "ceasefire",
    "agreement", "statement", "military", "humanitarian", "visit",
    "vote", "protest", "arrest", "release", "sanctions", "incident", "ruling", "relations",
)
PRECISIONS = ("day", "week", "month", "quarter", "season", "year", "decade")
TENSES = ("past", "present", "future")
FIGURE_KINDS = ("cumulative", "period", "vague")
# Where an article's publication date came from; "user" is a date the analyst set in the app.
PUBLISHED_FROM = ("manifest", "metadata", "dateline", "text", "user", "unknown")

# Lists (actors, actor roles) are kept as strings joined by this, so every store and export
# format (DuckDB, CSV, XLSX, Parquet) round-trips them unchanged.
ACTOR_SEPARATOR = "; "

# column -> pandas dtype. Lists (actors) are kept as "; "-joined strings so every store and export
# format (DuckDB, CSV, XLSX, Parquet) round-trips them unchanged.
EVENT_COLUMNS: dict[str, str] = {
    "event_id": "string",
    "cluster_id": "string",        # events that are the same happening share it (after merging)
    "event_type": "string",
    "date": "datetime64[ns]",
    "date_end": "datetime64[ns]",  # inclusive last day of the span the date covers
    "date_precision": "string",
    "date_from": "string",         # text (a timex in the sentence) | context (the same happening dated
                                   # elsewhere in the article) | published (fallback, flagged) | null (undated)
    "timex": "string",             # the TIMEX3 value the date came from
    "timex_text": "string",
    "tense": "string",
    "actors": "string",            # canonical names joined by "; "
    "actor_roles": "string",       # "Name: role, country" joined by "; "
    "location": "string",
    "figure": "Int64",
    "figure_kind": "string",       # cumulative | period | vague
    "figure_qualifier": "string",  # some, more than, at least, about ...
    "figure_text": "string",
    "quote": "string",
    "quote_start": "Int64",
    "quote_end": "Int64",
    "trigger": "string",           # the word(s) that name the event, inside the quote
    "trigger_start": "Int64",      # their offsets in the article text
    "trigger_end": "Int64",
    "article_id": "string",
    "source": "string",            # the outlet
    "published": "datetime64[ns]",
    "title": "string",
    "path": "string",
    "url": "string",
    "sources": "Int64",            # distinct articles reporting this cluster
    "confidence": "float64",
}

ARTICLE_COLUMNS: dict[str, str] = {
    "article_id": "string",
    "path": "string",
    "title": "string",
    "source": "string",
    "url": "string",
    "published": "datetime64[ns]",
    "published_from": "string",
    "text": "string",
    "content_hash": "string",      # version key: the file's bytes and the metadata it was given
    "raw_hash": "string",          # the file's bytes alone
    "n_events": "Int64",
    "error": "string",
    # Columns added since the first release come last: older databases gain them by ALTER TABLE, which adds
    # a column at the end.
    "load_key": "string",          # the file's bytes, its manifest entries and the reader: what its articles
                                   # were loaded from (null: unknown, load it again)
    "reader_version": "string",    # the code and data that read the file into these rows (reader_version.py;
                                   # null: stored before this column)
}


def typed(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Return `df` with exactly `columns`, in order, cast to their dtypes (missing columns are null)."""
    import pandas as pd

    out = {}
    for name, dtype in columns.items():
        col = df[name] if name in df.columns else pd.Series(None, index=df.index, dtype=dtype)
        if str(col.dtype) == dtype:
            out[name] = col.array
        elif dtype.startswith("datetime64"):
            out[name] = pd.to_datetime(col, errors="coerce").astype(dtype).array
        elif dtype == "float64":
            out[name] = pd.to_numeric(col, errors="coerce").astype(dtype).array
        else:
            out[name] = col.astype(dtype).array
    return pd.DataFrame(out)   # built at once: adding 31 columns one by one cost more than casting them


def empty_frame(columns: dict[str, str]) -> pd.DataFrame:
    """No rows, exactly `columns`."""
    import pandas as pd

    return typed(pd.DataFrame(), columns)


def empty_events() -> pd.DataFrame:
    return empty_frame(EVENT_COLUMNS)

