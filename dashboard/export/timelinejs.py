"""The filtered events as a TimelineJS3 document (JSON), so a newsroom can embed the timeline.

One slide per merged event (as the timeline draws them): its date as precisely as it is known, a
headline (type, then actors or place), the quote as text and the outlet as the media credit. TimelineJS
renders headline and text as HTML, so everything read from articles is escaped here.
"""
from __future__ import annotations

import json
import re
from html import escape

import pandas as pd

from dashboard.figures import merged_events
from dashboard.figures.hover import format_date
from dashboard.schema import ACTOR_SEPARATOR

COLUMNS = ["date", "date_end", "date_precision", "timex", "event_type", "actors", "location", "quote", "source",
           "title", "url"]
# How much of a date each precision knows: the TimelineJS date fields to fill.
DATE_FIELDS = {"day": ("year", "month", "day"), "week": ("year", "month", "day"), "month": ("year", "month"),
               "quarter": ("year", "month"), "season": ("year", "month"), "year": ("year",), "decade": ("year",)}
HEADLINE_ACTORS = 3


def timeline_json(events: pd.DataFrame, *, title: str, subtitle: str = "") -> str:
    """The TimelineJS3 JSON text for `events` (schema.EVENT_COLUMNS, already filtered); events without
    a date are left out, as on the timeline."""
    merged = merged_events(events, [c for c in COLUMNS if c in events.columns]).sort_values("date", kind="stable")
    slides = [_slide(row) for row in merged.to_dict("records")]
    document = {"title": {"text": {"headline": escape(title), "text": escape(subtitle)}}, "events": slides}
    return json.dumps(document, ensure_ascii=False, indent=1)


def _slide(row: dict) -> dict:
    row = {k: (None if v is pd.NA or v is pd.NaT or (isinstance(v, float) and pd.isna(v)) else v)
           for k, v in row.items()}
    precision = row.get("date_precision") if row.get("date_precision") in DATE_FIELDS else "day"
    slide = {"unique_id": str(row["event_id"]), "group": row.get("event_type") or "event",
             "start_date": _date(row["date"], precision),
             "display_date": format_date(row["date"], row.get("date_end"), precision, row.get("timex")),
             "text": {"headline": escape(_headline(row)), "text": escape(row.get("quote") or "")},
             "media": {"url": _web_link(row.get("url")), "credit": escape(row.get("source") or "unknown outlet"),
                       "caption": escape(row.get("title") or "")}}
    end = row.get("date_end")
    if end is not None and end > row["date"]:
        slide["end_date"] = _date(end, precision)
    return slide


def _date(ts, precision: str) -> dict:
    ts = pd.Timestamp(ts)
    return {field: getattr(ts, field) for field in DATE_FIELDS[precision]}


def _headline(row: dict) -> str:
    kind = (row.get("event_type") or "event").capitalize()
    actors = [a for a in (row.get("actors") or "").split(ACTOR_SEPARATOR) if a.strip()]
    if actors:
        more = f" and {len(actors) - HEADLINE_ACTORS} more" if len(actors) > HEADLINE_ACTORS else ""
        return f"{kind}: {', '.join(actors[:HEADLINE_ACTORS])}{more}"
    return f"{kind} in {row['location']}" if row.get("location") else kind


def _web_link(url) -> str:
    """Only web links (an article's URL could be anything, e.g. javascript:)."""
    return url.strip() if isinstance(url, str) and re.match(r"https?://", url.strip(), re.I) else ""
