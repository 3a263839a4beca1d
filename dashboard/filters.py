"""The view's filters: one definition shared by the page (URL state), the CLI export and the tests; and
the whole view a page URL names (filters, lane choice, open tab, selected event).

A view's URL query string (``?from=2016-01-01&type=meeting&type=deadline&q=Lavrov``) parses to the
same `Filters` as the CLI flags (``--from 2016-01-01 --type meeting --type deadline --query Lavrov``),
so an export holds exactly the events the page showed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import parse_qs, urlencode

import pandas as pd

from dashboard.config import DEFAULT_LANE, LANES
from dashboard.schema import ACTOR_SEPARATOR

# URL key -> Filters field; list-valued keys repeat in the query string.
_URL_KEYS = {
    "from": "date_from", "to": "date_to", "type": "types", "actor": "actors",
    "source": "sources", "q": "query", "minconf": "min_confidence", "undated": "include_undated",
}
_LIST_FIELDS = {"types", "actors", "sources"}


@dataclass(frozen=True)
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    query: str = ""
    min_confidence: float = 0.0
    include_undated: bool = True   # events whose article has no known publication date

    @classmethod
    def from_query_string(cls, qs: str) -> "Filters":
        """Parse a view's URL query string (with or without the leading '?'); unknown keys are ignored,
        malformed values raise ValueError naming the key."""
        raw = parse_qs(qs.lstrip("?"), keep_blank_values=False)
        kwargs: dict = {}
        for key, values in raw.items():
            name = _URL_KEYS.get(key)
            if name is None:
                continue
            try:
                kwargs[name] = _coerce(name, values)
            except ValueError as exc:
                raise ValueError(f"bad value for '{key}' in the view's query string: {exc}") from None
        return cls(**kwargs)

    def to_query_string(self) -> str:
        """The inverse of `from_query_string`; default values are left out so URLs stay short."""
        pairs: list[tuple[str, str]] = []
        default = Filters()
        for key, name in _URL_KEYS.items():
            value = getattr(self, name)
            if value == getattr(default, name):
                continue
            if name in _LIST_FIELDS:
                pairs.extend((key, v) for v in value)
            elif isinstance(value, bool):
                pairs.append((key, "1" if value else "0"))
            elif isinstance(value, date):
                pairs.append((key, value.isoformat()))
            else:
                pairs.append((key, str(value)))
        return ("?" + urlencode(pairs)) if pairs else ""

    def with_(self, **changes) -> "Filters":
        return replace(self, **changes)

    def describe(self) -> str:
        """A short human phrase for report subtitles: 'meeting, deadline · 1 Jan 2016 – 31 Jul 2016'."""
        parts = []
        if self.types:
            parts.append(", ".join(self.types))
        if self.actors:
            parts.append("actors: " + ", ".join(self.actors))
        if self.sources:
            parts.append("outlets: " + ", ".join(self.sources))
        if self.query:
            parts.append(f'quotes matching "{self.query}"')
        if self.min_confidence:
            parts.append(f"confidence ≥ {self.min_confidence:g}")
        if self.date_from or self.date_to:
            fmt = lambda d: f"{d.day} {d:%b %Y}" if d else "…"
            parts.append(f"{fmt(self.date_from)} – {fmt(self.date_to)}")
        return " · ".join(parts) if parts else "all events"

    def apply(self, events: pd.DataFrame) -> pd.DataFrame:
        """The events this view shows. An event is kept when its date span overlaps the range."""
        df = events
        keep = pd.Series(True, index=df.index)
        if self.date_from:
            end = df["date_end"].fillna(df["date"])
            keep &= end >= pd.Timestamp(self.date_from)
        if self.date_to:
            keep &= df["date"] <= pd.Timestamp(self.date_to)
        if self.types:
            keep &= df["event_type"].isin(self.types)
        if self.actors:
            keep &= _any_listed(df["actors"], self.actors)
        if self.sources:
            keep &= df["source"].isin(self.sources)
        if self.query:
            keep &= df["quote"].str.contains(self.query, case=False, regex=False, na=False)
        if self.min_confidence:
            keep &= df["confidence"].fillna(0) >= self.min_confidence
        if not self.include_undated:
            keep &= df["published"].notna()
        keep = keep.fillna(False).astype(bool)
        return df if keep.all() else df[keep]   # no copy when nothing is filtered out (the common first view)


def _any_listed(joined: pd.Series, wanted: tuple[str, ...]) -> pd.Series:
    """Rows whose ACTOR_SEPARATOR-joined list holds one of `wanted` as a whole item (one vectorized regex)."""
    items = "|".join(map(re.escape, wanted))
    sep = re.escape(ACTOR_SEPARATOR)
    return joined.str.contains(f"(?:^|{sep})(?:{items})(?:{sep}|$)", regex=True, na=False)


def _coerce(name: str, values: list[str]):
    if name in _LIST_FIELDS:
        return tuple(v for v in values if v)
    value = values[-1]
    if name in ("date_from", "date_to"):
        return date.fromisoformat(value)
    if name == "min_confidence":
        conf = float(value)
        if not 0.0 <= conf <= 1.0:
            raise ValueError(f"{value} is not between 0 and 1")
        return conf
    if name == "include_undated":
        return value.lower() not in ("0", "false", "no", "off")
    return value


# The page's tabs (dcc.Tabs values); the URL's tab= opens one of them.
TABS = ("timeline", "casualties", "table", "articles")
DEFAULT_TAB = "timeline"


@dataclass(frozen=True)
class View:
    """What a page URL shows: the filters, the timeline's lanes, the open tab and the selected event
    (whose article the page opens with its sentence highlighted)."""
    filters: Filters = Filters()
    lane: str = DEFAULT_LANE
    tab: str = DEFAULT_TAB
    event: str | None = None

    def to_query_string(self) -> str:
        """The filters' query string plus lane=, tab= and event= when they are not the defaults."""
        extra = [(key, value) for key, value, default in (("lane", self.lane, DEFAULT_LANE),
                                                          ("tab", self.tab, DEFAULT_TAB),
                                                          ("event", self.event, None)) if value != default]
        qs = self.filters.to_query_string()
        if not extra:
            return qs
        return qs + ("&" if qs else "?") + urlencode(extra)


def view_from_search(search: str | None) -> tuple[View, str | None]:
    """(view, error) for a page URL's query string. Malformed filters fall back to no filters and the
    error says what was wrong; an unknown lane or tab falls back to the default."""
    raw = parse_qs((search or "").lstrip("?"))
    last = lambda key: raw.get(key, [None])[-1]
    lane = last("lane") if last("lane") in LANES else DEFAULT_LANE
    tab = last("tab") if last("tab") in TABS else DEFAULT_TAB
    try:
        filters, error = Filters.from_query_string(search or ""), None
    except (ValueError, TypeError) as exc:
        filters, error = Filters(), str(exc)
    return View(filters, lane, tab, last("event") or None), error
