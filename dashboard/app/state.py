"""The server's in-memory copy of the store: events and articles are read once and re-read only after
the page changes the database (an upload, a publication date), so filter changes never touch disk and
the events table is never sent whole to the browser."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from dashboard.schema import ACTOR_SEPARATOR
from dashboard.store import Store


class EventCache:
    def __init__(self, db: str | Path):
        self.db = Path(db)
        self._lock = threading.Lock()
        self._write_lock = threading.RLock()
        self.version = 0
        self.reload()

    def reload(self) -> int:
        """Re-read the database; returns the new version number (the page's cue to redraw)."""
        with Store(self.db, read_only=True) as store:
            events = store.events()
            articles = store.articles(with_text=True)
        actors, outlets = _actors(events), sorted(events["source"].dropna().unique().tolist())
        with self._lock:
            self.events = events
            self.articles = articles
            self._article_index = {a: i for i, a in enumerate(articles["article_id"]) if isinstance(a, str)}
            self._actors, self._outlets = actors, outlets
            self.version += 1
            return self.version

    @contextmanager
    def writing(self):
        """Serialise the page's writes (uploads, dates): DuckDB allows one writer per file."""
        with self._write_lock:
            yield

    def article(self, article_id: str) -> dict | None:
        """One article with its text, as a dict with None for missing values."""
        i = self._article_index.get(article_id)
        if i is None:
            return None
        return {k: (None if pd.isna(v) else v) for k, v in self.articles.iloc[i].items()}

    def event(self, event_id: str) -> dict | None:
        match = self.events[self.events["event_id"] == event_id]
        if match.empty:
            return None
        return {k: (None if pd.isna(v) else v) for k, v in match.iloc[0].items()}

    def events_of_article(self, article_id: str) -> pd.DataFrame:
        df = self.events[self.events["article_id"] == article_id]
        return df.sort_values(["quote_start", "date"], na_position="last")

    def actors(self) -> list[str]:
        """Every actor, the most mentioned first (the filter's options; computed once per reload)."""
        return self._actors

    def outlets(self) -> list[str]:
        return self._outlets

    def undated_articles(self) -> pd.DataFrame:
        """Articles read without error whose publication date is unknown (the analyst can set one)."""
        a = self.articles
        return a[a["published"].isna() & a["error"].isna()]

    def failed_files(self) -> pd.DataFrame:
        return self.articles[self.articles["error"].notna()]


def _actors(events: pd.DataFrame) -> list[str]:
    names = events["actors"].dropna().str.split(ACTOR_SEPARATOR).explode().str.strip()
    counts = names[names != ""].value_counts()
    return sorted(counts.index, key=lambda n: (-counts[n], n))
