"""The interactive timeline (see the package's docstring for its encoding)."""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.clusters import merged_events, other_outlets
from dashboard.figures.hover import HOVER_COLUMNS, escape, event_hover, format_date
from dashboard.figures.lanes import add_lanes, aggregate, lane_column, lane_order
from dashboard.figures.theme import FADED, NO_EVENTS, empty_spec, layout, outline_colour, scatter, segments, type_colour
from dashboard.schema import EVENT_TYPES


def _jitter(keys: pd.Series) -> np.ndarray:
    """A stable vertical offset in [-0.3, 0.3] per event, so same-day events in a lane do not hide
    each other and stay put when filters change."""
    digest = keys.astype(str).map(lambda k: int(hashlib.md5(k.encode()).hexdigest()[:6], 16) / 0xFFFFFF)
    return (digest.to_numpy(dtype=float) - 0.5) * 0.6


def _symbols(df: pd.DataFrame) -> np.ndarray:
    base = np.where(df["event_type"].eq("deadline").fillna(False), "diamond", "circle")
    future = df["tense"].eq("future").fillna(False).to_numpy()
    return np.where(future, np.char.add(base.astype(str), "-open"), base)


def _marker_size(n_sources) -> np.ndarray:
    return 9 + 4 * np.log2(np.clip(np.asarray(n_sources, dtype=float), 1, 64))


def _span_traces(df: pd.DataFrame, future: bool) -> list[dict]:
    """Horizontal segments from date to date_end, one trace per type."""
    traces = []
    for event_type, part in df.groupby("event_type", sort=False):
        # A span ends at the end of its last day.
        xs, ys = segments(part["date"], part["date_end"] + pd.Timedelta(hours=23, minutes=59), part["y"])
        traces.append(scatter(
            x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False, legendgroup=event_type,
            line=dict(color=type_colour(event_type), width=5, dash="dot" if future else "solid"),
            opacity=0.55, name=f"{event_type} span", meta={"role": "span", "future": future}))
    return traces


# What drawing needs (hover text is built separately, from full rows, only when points are drawn one by one).
TIMELINE_COLUMNS = ["date", "date_end", "date_precision", "date_from", "tense", "event_type", "sources",
                    "source"]


def _hover_by_cluster(merged: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """cluster_id -> hover text, built once per merged event (not once per lane it appears in)."""
    merged = merged.assign(other_outlets=other_outlets(merged, events))
    hover = [event_hover(row, int(row["n_sources"]) - 1, row["other_outlets"] if isinstance(row["other_outlets"], str) else "")
             for row in merged[HOVER_COLUMNS].to_dict("records")]
    return pd.Series(hover, index=merged["cluster_id"].to_numpy())


def _detail_traces(df: pd.DataFrame, selected: str | None) -> list[dict]:
    # Anything longer than a day is a span: a month or a quarter known only as such, or "14-16 July".
    spans = df[df["date_end"].notna() & (df["date_end"] > df["date"])]
    traces: list[dict] = []
    for future in (False, True):
        part = spans[spans["tense"].eq("future").fillna(False) == future]
        if len(part):
            traces += _span_traces(part, future)
    # The hover point of a span sits at its middle; a day event at its day.
    middle = df["date"] + (df["date_end"].fillna(df["date"]) - df["date"]) / 2
    middle = middle.where(df.index.isin(spans.index), df["date"])
    df = df.assign(x=middle)
    df = df.assign(symbol=_symbols(df))
    for (event_type, symbol), part in df.groupby(["event_type", "symbol"], sort=False):
        # One trace per type and symbol: per-point symbol arrays are slow for plotly to validate.
        faded = part["date_from"].eq("published").fillna(False).to_numpy()
        traces.append(scatter(
            x=part["x"].dt.strftime("%Y-%m-%d %H:%M").to_numpy(str), y=part["y"].to_numpy(float),
            mode="markers", name=event_type, legendgroup=event_type, showlegend=False,
            customdata=part["event_id"].to_numpy(str), hovertext=part["hover"].to_numpy(str),
            hoverinfo="text", ids=(part["cluster_id"] + "|" + part["lane"]).to_numpy(str),
            marker=dict(color=type_colour(event_type), size=_marker_size(part["n_sources"]), symbol=symbol,
                        opacity=np.where(faded, FADED, 0.9), line=dict(width=1.5, color=outline_colour(event_type))),
            meta={"role": "events"}))
    if selected is not None:
        chosen = df[(df["event_id"] == selected) | (df["cluster_id"] == selected)]
        if len(chosen):
            traces.append(scatter(
                x=chosen["x"].dt.strftime("%Y-%m-%d %H:%M").to_numpy(str), y=chosen["y"].to_numpy(float),
                mode="markers",
                hoverinfo="skip", showlegend=False, name="selected",
                marker=dict(size=_marker_size(chosen["n_sources"]) + 12, symbol="circle-open",
                            color="#1f2933", line=dict(width=2.5)), meta={"role": "selected"}))
    return traces


def _legend_key(event_types) -> list[dict]:
    """Legend entries that draw nothing: one per event type (a dot in its colour, a diamond for
    deadlines; clicking it hides the type), then grey ones that explain the other symbols."""
    types = [scatter(x=[None], y=[None], mode="markers", name=t, legendgroup=t, hoverinfo="skip",
                        marker=dict(symbol="diamond" if t == "deadline" else "circle", color=type_colour(t), size=10,
                                    line=dict(width=1.5, color=outline_colour(t))), meta={"role": "key"})
             for t in EVENT_TYPES if t in set(event_types)]
    grey = "#52606d"
    key = [dict(marker=dict(symbol="circle", color=grey, size=10), name="reported (past)"),
           dict(marker=dict(symbol="circle-open", color=grey, size=10, line=dict(width=1.5)), name="planned / future"),
           dict(marker=dict(symbol="circle", color=grey, size=10, opacity=FADED), name="date = publication day")]
    traces = types + [scatter(x=[None], y=[None], mode="markers", hoverinfo="skip", meta={"role": "key"}, **k)
                      for k in key]
    traces.append(scatter(x=[None], y=[None], mode="lines", name="month / quarter / year span",
                             hoverinfo="skip", meta={"role": "key"}, line=dict(color=grey, width=5)))
    return traces


def _aggregate_traces(df: pd.DataFrame, max_points: int) -> list[dict]:
    agg = aggregate(df, max_points)
    traces = []
    for event_type, part in agg.groupby("event_type", sort=False):
        hover = [f"<b>{format_date(a, b, p)}</b> · {event_type}<br>{c:,} events ({r:,} reports)<br>"
                 "<i>Narrow the dates or types to see single events</i>"
                 for a, b, p, c, r in zip(part["start"], part["end"], part["precision"], part["count"], part["reports"])]
        traces.append(scatter(
            x=part["x"].dt.strftime("%Y-%m-%d %H:%M").to_numpy(str), y=part["lane_y"].to_numpy(float),
            mode="markers", name=event_type,
            legendgroup=event_type, hovertext=hover, hoverinfo="text",
            marker=dict(color=type_colour(event_type),
                        size=6 + 3 * np.sqrt(np.clip(part["count"].to_numpy(float), 1, 400)),
                        opacity=0.7, line=dict(width=1, color="white")),
            meta={"role": "aggregate"}))
    return traces


def timeline_spec(events: pd.DataFrame, lane_by: str = "event_type", *, height: int | None = None,
                  selected: str | None = None, max_points: int = 2500, range_slider: bool = True) -> dict:
    """The interactive timeline of `events` (typed, possibly empty) as a plotly figure dict.

    lane_by: "event_type", "actor" or "source" (outlet). selected: an event_id or cluster_id to ring.
    Each "events" trace carries the representative event_id of every point in `customdata`.
    """
    merged = merged_events(events, TIMELINE_COLUMNS + [lane_column(lane_by)])
    if merged.empty:
        return empty_spec(NO_EVENTS if events.empty else "None of these events has a known date", height=height)
    df = add_lanes(merged, lane_by)
    lanes = lane_order(df, lane_by)
    position = {lane: i for i, lane in enumerate(lanes)}
    codes, uniques = pd.factorize(df["lane"])   # one lookup per lane, not per point
    df["lane_y"] = np.array([position[str(u)] for u in uniques], dtype=float)[codes]
    aggregated = len(df) > max_points   # points drawn: an event with three actors is three points
    if aggregated:
        traces = _aggregate_traces(df, max_points)
    else:
        hover_rows = merged_events(events, [c for c in HOVER_COLUMNS if c in events.columns])   # not all 28
        df["hover"] = df["cluster_id"].map(_hover_by_cluster(hover_rows, events))
        df["y"] = df["lane_y"] + _jitter(df["cluster_id"] + df["lane"])
        traces = _detail_traces(df, selected) + _legend_key(df["event_type"].unique())
    start, end = df["date"].min(), df["date_end"].fillna(df["date"]).max()
    pad = max((end - start) * 0.03, pd.Timedelta(days=3))
    figure_layout = layout(
        height or max(380, 120 + 46 * len(lanes)),
        xaxis=dict(type="date", range=[(start - pad).isoformat(), (end + pad).isoformat()], showgrid=True,
                   gridcolor="#eef1f4", rangeslider=dict(visible=range_slider and not aggregated, thickness=0.07)),
        yaxis=dict(tickmode="array", tickvals=list(range(len(lanes))), ticktext=[_short(lane) for lane in lanes],
                   range=[len(lanes) - 0.5, -0.5], showgrid=False, zeroline=False, fixedrange=True,
                   automargin=True),
        dragmode="zoom", meta={"empty": False, "aggregated": bool(aggregated), "lanes": lanes},
        # Zebra lanes help the eye follow a row across years.
        shapes=[dict(type="rect", xref="paper", x0=0, x1=1, yref="y", y0=i - 0.5, y1=i + 0.5,
                     fillcolor="#f5f7fa", line=dict(width=0), layer="below") for i in range(0, len(lanes), 2)],
    )
    return {"data": traces, "layout": figure_layout}


def make_timeline(events: pd.DataFrame, lane_by: str = "event_type", *, height: int | None = None,
                  selected: str | None = None, max_points: int = 2500, range_slider: bool = True) -> go.Figure:
    """`timeline_spec` as a go.Figure (see there)."""
    return go.Figure(timeline_spec(events, lane_by, height=height, selected=selected, max_points=max_points,
                                   range_slider=range_slider))


def _short(label: str, limit: int = 28) -> str:
    """A lane label (an actor or outlet read from articles): trimmed, and escaped since plotly renders
    tags in tick text."""
    return escape(label if len(label) <= limit else label[: limit - 1] + "…")
