"""Plain functions behind the callbacks: controls <-> URL, filtered views, table rows, click -> event.

Nothing here touches Dash's callback machinery, so tests call these directly.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs

import pandas as pd

from dashboard.app.hover import format_date, trim
from dashboard.figures import casualties_spec, merged_events, timeline_spec
from dashboard.filters import Filters

DEFAULT_LANE = "event_type"
LANE_VALUES = ("event_type", "actor", "source")
TABLE_FIELDS = ["date", "date_end", "date_precision", "timex", "event_type", "actors", "location", "figure",
                "quote", "source", "confidence"]
TABLE_LIMIT = 1000   # rows sent to the browser; the export gives the whole table


@dataclass
class Controls:
    """The filter panel's values, in the shapes the Dash components use."""
    start_date: str | None = None
    end_date: str | None = None
    types: list[str] | None = None
    actors: list[str] | None = None
    sources: list[str] | None = None
    query: str | None = None
    min_confidence: float = 0.0
    include_undated: list[str] | None = None
    lane: str = DEFAULT_LANE

    def as_tuple(self) -> tuple:
        return (self.start_date, self.end_date, self.types, self.actors, self.sources, self.query,
                self.min_confidence, self.include_undated, self.lane)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def filters_from_controls(c: Controls) -> Filters:
    return Filters(date_from=_day(c.start_date), date_to=_day(c.end_date), types=tuple(c.types or ()),
                   actors=tuple(c.actors or ()), sources=tuple(c.sources or ()), query=(c.query or "").strip(),
                   min_confidence=float(c.min_confidence or 0.0), include_undated=bool(c.include_undated))


def search_from_controls(c: Controls) -> str:
    """The URL query string for these controls (filters in the shared format, plus the lane choice)."""
    qs = filters_from_controls(c).to_query_string()
    if c.lane and c.lane != DEFAULT_LANE:
        qs += ("&" if qs else "?") + f"lane={c.lane}"
    return qs


def lane_from_search(search: str | None) -> str:
    lane = parse_qs((search or "").lstrip("?")).get("lane", [DEFAULT_LANE])[-1]
    return lane if lane in LANE_VALUES else DEFAULT_LANE


def view_from_search(search: str | None) -> tuple[Filters, str, str | None]:
    """(filters, lane, error): a malformed URL falls back to no filters and says what was wrong."""
    try:
        filters = Filters.from_query_string(search or "")
    except (ValueError, TypeError) as exc:
        return Filters(), lane_from_search(search), str(exc)
    return filters, lane_from_search(search), None


def controls_from_search(search: str | None) -> tuple[Controls, str | None]:
    f, lane, error = view_from_search(search)
    return Controls(
        start_date=f.date_from.isoformat() if f.date_from else None,
        end_date=f.date_to.isoformat() if f.date_to else None,
        types=list(f.types), actors=list(f.actors), sources=list(f.sources), query=f.query,
        min_confidence=f.min_confidence, include_undated=["yes"] if f.include_undated else [], lane=lane,
    ), error


def status_line(shown: pd.DataFrame, total: pd.DataFrame) -> str:
    clusters = shown["cluster_id"].fillna(shown["event_id"]).nunique()
    undated = int(shown["date"].isna().sum())
    line = (f"{clusters:,} events ({len(shown):,} mentions in {shown['article_id'].nunique():,} articles)"
            f" of {total['cluster_id'].fillna(total['event_id']).nunique():,}")
    if undated:
        line += f" · {undated:,} without a date are not drawn"
    return line


def table_rows(shown: pd.DataFrame, limit: int = TABLE_LIMIT) -> tuple[list[dict], str]:
    """One row per merged event (as on the timeline), earliest first, at most `limit` of them."""
    merged = merged_events(shown, TABLE_FIELDS).sort_values("date")
    total = len(merged)
    part = merged.head(limit)
    rows = pd.DataFrame({
        "event_id": part["event_id"],
        "date_label": [format_date(d, e, p, t) for d, e, p, t in
                       zip(part["date"], part["date_end"], part["date_precision"], part["timex"])],
        "date": part["date"].dt.strftime("%Y-%m-%d"),
        "event_type": part["event_type"], "actors": part["actors"], "location": part["location"],
        "figure": part["figure"], "quote": part["quote"].fillna("").map(lambda q: trim(q, 400)),
        "source": part["source"], "sources": part["n_sources"], "confidence": part["confidence"].round(2),
    }).astype(object)
    records = rows.where(rows.notna(), None).to_dict("records")
    note = "" if total <= limit else (f"Showing the first {limit:,} of {total:,} events; narrow the filters "
                                      "or export the table to see them all.")
    return records, note


def render_views(events: pd.DataFrame, search: str | None, selected: str | None, tab: str = "timeline") -> dict:
    """What the filters drive, for the visible tab only (the others are drawn when they are opened):
    a dict with "status", "no_match" and, depending on `tab`, "timeline" or "casualties" (figure dicts)
    or "rows" + "note"."""
    filters, lane, _error = view_from_search(search)
    shown = filters.apply(events)
    out = {"status": status_line(shown, events), "no_match": shown.empty}
    if tab == "timeline":
        out["timeline"] = timeline_spec(shown, lane, selected=selected)
        out["timeline"]["layout"]["uirevision"] = lane   # keep the analyst's zoom across filters and clicks
    elif tab == "casualties":
        out["casualties"] = casualties_spec(shown)
    elif tab == "table":
        out["rows"], out["note"] = table_rows(shown)
    return out


def event_from_click(click_data: dict | None) -> str | None:
    """The event_id behind a clicked graph point (aggregated points carry none)."""
    points = (click_data or {}).get("points") or []
    if not points:
        return None
    custom = points[0].get("customdata")
    if isinstance(custom, list):
        custom = custom[0] if custom else None
    return custom if isinstance(custom, str) else None
