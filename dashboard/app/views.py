"""Plain functions behind the callbacks: controls <-> URL, filtered views, table rows, click -> event.

Nothing here touches Dash's callback machinery, so tests call these directly.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.config import DEFAULT_LANE
from dashboard.figures import casualties_spec, merged_events, timeline_spec
from dashboard.figures.hover import format_date, trim
from dashboard.filters import DEFAULT_TAB, Filters, View, view_from_search
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


def search_from_controls(c: Controls, tab: str = DEFAULT_TAB, event: str | None = None) -> str:
    """The URL query string for these controls, the open tab and the selected event."""
    return View(filters_from_controls(c), c.lane or DEFAULT_LANE, tab or DEFAULT_TAB, event).to_query_string()


def controls_from_search(search: str | None) -> tuple[Controls, str | None]:
    view, error = view_from_search(search)
    f, lane = view.filters, view.lane
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


def render_views(events: pd.DataFrame, search: str | None) -> dict:
    """What the page at `search` shows, for its open tab only (the others are drawn when they are
    opened): a dict with "status", "no_match" and, depending on the tab, "timeline" or "casualties"
    (figure dicts) or "rows" + "note". The timeline rings the URL's selected event."""
    view, _error = view_from_search(search)
    shown = view.filters.apply(events)
    out = {"status": status_line(shown, events), "no_match": shown.empty}
    if view.tab == "timeline":
        out["timeline"] = timeline_spec(shown, view.lane, selected=view.event)
        out["timeline"]["layout"]["uirevision"] = view.lane   # keep the analyst's zoom across filters and clicks
    elif view.tab == "casualties":
        out["casualties"] = casualties_spec(shown)
    elif view.tab == "table":
        out["rows"], out["note"] = table_rows(shown)
    return out


def drawn_part(search: str | None) -> str:
    """The part of a URL that changes what the open tab draws: all of it on the timeline (the selected
    event is ringed there), all but the selected event elsewhere (selecting a table row must not
    redraw the table under the analyst's cursor)."""
    view, _error = view_from_search(search)
    return View(view.filters, view.lane, view.tab, view.event if view.tab == "timeline" else None).to_query_string()


def event_from_click(click_data: dict | None) -> str | None:
    """The event_id behind a clicked graph point (aggregated points carry none)."""
    points = (click_data or {}).get("points") or []
    if not points:
        return None
    custom = points[0].get("customdata")
    if isinstance(custom, list):
        custom = custom[0] if custom else None
    return custom if isinstance(custom, str) else None


def first_view(events: pd.DataFrame, search: str | None, version: int) -> dict:
    """What the page at `search` shows on load, for layout.build_layout: render_views' dict plus the open
    tab, the selected event, the data version and the key update_views compares (so its first call,
    seeing the same view, draws nothing again). The events table is left to update_views: its grid
    needs a component bundle the page loads only when the table opens."""
    view, _error = view_from_search(search)
    drawn = render_views(events, search) if view.tab != "table" else {}
    return {**drawn, "tab": view.tab, "event": view.event, "version": version,
            "key": [drawn_part(search), version] if drawn else None}
