"""Figures as plain functions of an events DataFrame (schema.EVENT_COLUMNS): the page and the exports
both draw with these, and tests call them without a browser.

Timeline encoding (a legend key explains it on the chart):
- one point per merged event (cluster_id); marker size grows with the number of sources;
- colour = event type (Okabe-Ito, colour-blind safe), lane = event type, actor or outlet;
- a date known only to the week/month/quarter/year is a span from `date` to `date_end`, not a fake day;
- planned (future-tense) events are hollow markers and dashed spans; deadlines are diamonds;
- events dated by the publication-day fallback are faded.
Above `max_points` merged events the timeline aggregates into counts per lane, type and period, so
the figure sent to the browser stays small.
"""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.app.hover import event_hover, format_date
from dashboard.schema import EVENT_TYPES

# Okabe & Ito (2008) eight colour-blind-safe colours, plus two from Paul Tol's muted set for the
# ninth and tenth event types (symbols carry tense and deadline, so colour only needs to tell types).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7",
           "#56B4E9", "#F0E442", "#000000", "#882255", "#999933")
TYPE_COLOURS = dict(zip(EVENT_TYPES, PALETTE))
OTHER_COLOUR = "#777777"
LANE_COLUMNS = {"event_type": "event_type", "actor": "actors", "actors": "actors",
                "source": "source", "outlet": "source"}
MAX_ACTOR_LANES = 25            # more actors than this fold into one "other actors" lane
FADED = 0.35                    # opacity of publication-day fallback dates
FONT = "Inter, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
NO_EVENTS = "No events match these filters"


def type_colour(event_type) -> str:
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


def outline_colour(event_type) -> str:
    """The type's colour darkened by a third, so light colours (yellow) keep a visible edge."""
    rgb = [int(TYPE_COLOURS.get(event_type, OTHER_COLOUR)[i:i + 2], 16) * 2 // 3 for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def merged_events(events: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster_id: its most confident mention, with `n_sources` (distinct articles) and
    `other_outlets` (the other outlets that told it). Rows without a date cannot be drawn and are left out."""
    df = events[events["date"].notna()].copy()
    if df.empty:
        return df.assign(n_sources=pd.Series(dtype="Int64"), other_outlets=pd.Series(dtype="string"))
    df["cluster_id"] = df["cluster_id"].fillna(df["event_id"])
    articles = df.groupby("cluster_id")["article_id"].transform("nunique")
    df["n_sources"] = np.maximum(df["sources"].fillna(1).astype("int64"), articles.astype("int64"))
    df = df.sort_values(["cluster_id", "confidence", "published"], ascending=[True, False, True],
                        na_position="last")
    rep = df.drop_duplicates("cluster_id", keep="first").set_index("cluster_id")
    multi = rep.index[rep["n_sources"] > 1]
    if len(multi):
        others = df[df["cluster_id"].isin(multi)][["cluster_id", "source"]].dropna().drop_duplicates()
        others = others[others["source"].to_numpy() != rep.loc[others["cluster_id"], "source"].to_numpy()]
        rep["other_outlets"] = others.groupby("cluster_id")["source"].agg(lambda s: ", ".join(sorted(s)))
    else:
        rep["other_outlets"] = pd.NA
    return rep.reset_index()


def _lanes(df: pd.DataFrame, lane_by: str) -> pd.DataFrame:
    """Add a `lane` column; an event with several actors appears once in each of their lanes."""
    column = LANE_COLUMNS.get(lane_by)
    if column is None:
        raise ValueError(f"lane_by must be one of {sorted(set(LANE_COLUMNS))}, not {lane_by!r}")
    if column != "actors":
        return df.assign(lane=df[column].fillna("(unknown)").astype(str))
    exploded = df.assign(lane=df["actors"].fillna("").str.split("; ")).explode("lane")
    exploded["lane"] = exploded["lane"].str.strip().replace("", "(no actor)")
    top = exploded["lane"].value_counts().index[:MAX_ACTOR_LANES]
    exploded.loc[~exploded["lane"].isin(top), "lane"] = "(other actors)"
    return exploded.reset_index(drop=True)


def _lane_order(df: pd.DataFrame, lane_by: str) -> list[str]:
    present = list(dict.fromkeys(df["lane"]))
    if LANE_COLUMNS[lane_by] == "event_type":
        return [t for t in EVENT_TYPES if t in present] + sorted(set(present) - set(EVENT_TYPES))
    counts = df["lane"].value_counts()
    return sorted(present, key=lambda lane: (lane.startswith("("), -counts[lane], lane))


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


def _base_layout(fig: go.Figure, height: int | None) -> None:
    fig.update_layout(
        template="plotly_white", font=dict(family=FONT, size=13, color="#1f2933"),
        height=height, margin=dict(l=10, r=10, t=30, b=10), hovermode="closest",
        hoverlabel=dict(bgcolor="white", bordercolor="#c4cdd5", font=dict(family=FONT, size=12), align="left"),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0, font=dict(size=12),
                    traceorder="normal", itemclick="toggle"),
    )


def empty_figure(message: str = NO_EVENTS, height: int | None = None) -> go.Figure:
    """A blank chart that says why it is blank."""
    fig = go.Figure()
    _base_layout(fig, height or 360)
    fig.update_layout(xaxis=dict(visible=False), yaxis=dict(visible=False), meta={"empty": True})
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font=dict(size=16, color="#52606d"))
    return fig


def _span_traces(df: pd.DataFrame, future: bool) -> list[go.Scatter]:
    """Horizontal segments from date to date_end (one trace per type; None breaks the line)."""
    traces = []
    for event_type, part in df.groupby("event_type", sort=False):
        n = len(part)
        xs = np.empty(3 * n, dtype=object)
        ys = np.empty(3 * n, dtype=object)
        xs[0::3], xs[1::3], xs[2::3] = part["date"].dt.strftime("%Y-%m-%d"), \
            (part["date_end"] + pd.Timedelta(hours=23, minutes=59)).dt.strftime("%Y-%m-%d %H:%M"), None
        ys[0::3], ys[1::3], ys[2::3] = part["y"], part["y"], None
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False, legendgroup=event_type,
            line=dict(color=type_colour(event_type), width=5, dash="dot" if future else "solid"),
            opacity=0.55, name=f"{event_type} span", meta={"role": "span", "future": future}))
    return traces


def _detail_traces(df: pd.DataFrame, selected: str | None) -> list[go.BaseTraceType]:
    spans = df[df["date_end"].notna() & (df["date_precision"].fillna("day") != "day")
               & (df["date_end"] > df["date"])]
    traces: list[go.BaseTraceType] = []
    for future in (False, True):
        part = spans[spans["tense"].eq("future").fillna(False) == future]
        if len(part):
            traces += _span_traces(part, future)
    # The hover point of a span sits at its middle; a day event at its day.
    middle = df["date"] + (df["date_end"].fillna(df["date"]) - df["date"]) / 2
    middle = middle.where(df.index.isin(spans.index), df["date"])
    df = df.assign(x=middle)
    hover = [event_hover(row, int(row["n_sources"]) - 1, row["other_outlets"] if isinstance(row["other_outlets"], str) else "")
             for row in df.to_dict("records")]
    df = df.assign(hover=hover)
    for event_type, part in df.groupby("event_type", sort=False):
        faded = part["date_from"].eq("published").fillna(False).to_numpy()
        traces.append(go.Scatter(
            x=part["x"].dt.strftime("%Y-%m-%d %H:%M"), y=part["y"], mode="markers", name=event_type,
            legendgroup=event_type, customdata=part["event_id"], hovertext=part["hover"], hoverinfo="text",
            ids=part["cluster_id"] + "|" + part["lane"],
            marker=dict(color=type_colour(event_type), size=_marker_size(part["n_sources"]),
                        symbol=_symbols(part), opacity=np.where(faded, FADED, 0.9),
                        line=dict(width=1.5, color=outline_colour(event_type))),
            meta={"role": "events"}))
    if selected is not None:
        chosen = df[(df["event_id"] == selected) | (df["cluster_id"] == selected)]
        if len(chosen):
            traces.append(go.Scatter(
                x=chosen["x"].dt.strftime("%Y-%m-%d %H:%M"), y=chosen["y"], mode="markers",
                hoverinfo="skip", showlegend=False, name="selected",
                marker=dict(size=_marker_size(chosen["n_sources"]) + 12, symbol="circle-open",
                            color="#1f2933", line=dict(width=2.5)), meta={"role": "selected"}))
    return traces


def _legend_key() -> list[go.Scatter]:
    """Grey legend entries that explain the symbols (they draw nothing)."""
    key = [("circle", "reported (past)"), ("circle-open", "planned / future"), ("diamond", "deadline")]
    traces = [go.Scatter(x=[None], y=[None], mode="markers", name=label, legendgroup="key", hoverinfo="skip",
                         marker=dict(symbol=symbol, color="#52606d", size=10, line=dict(width=1.5, color="#52606d")),
                         meta={"role": "key"}) for symbol, label in key]
    traces.append(go.Scatter(x=[None], y=[None], mode="markers", name="date = publication day",
                             legendgroup="key", hoverinfo="skip", meta={"role": "key"},
                             marker=dict(symbol="circle", color="#52606d", size=10, opacity=FADED)))
    traces.append(go.Scatter(x=[None], y=[None], mode="lines", name="month / quarter / year span",
                             legendgroup="key", hoverinfo="skip", meta={"role": "key"},
                             line=dict(color="#52606d", width=5)))
    return traces


_BIN_FREQS = ("D", "W", "M", "Q", "Y")


def _aggregate(df: pd.DataFrame, max_points: int) -> pd.DataFrame:
    """Counts per lane, type and period, with the finest period that keeps under `max_points` rows."""
    for freq in _BIN_FREQS:
        period = df["date"].dt.to_period(freq)
        grouped = df.assign(period=period).groupby(["lane", "event_type", "period"], observed=True).agg(
            count=("cluster_id", "size"), reports=("n_sources", "sum"), y=("lane_y", "first"))
        if len(grouped) <= max_points or freq == _BIN_FREQS[-1]:
            grouped = grouped.reset_index()
            grouped["x"] = grouped["period"].map(lambda p: p.start_time + (p.end_time - p.start_time) / 2)
            grouped["freq"] = freq
            return grouped
    raise AssertionError("unreachable")


_FREQ_PRECISION = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}


def _aggregate_traces(df: pd.DataFrame, max_points: int) -> list[go.Scatter]:
    agg = _aggregate(df, max_points)
    traces = []
    for event_type, part in agg.groupby("event_type", sort=False):
        precision = _FREQ_PRECISION[part["freq"].iloc[0]]
        hover = [f"<b>{format_date(p.start_time, p.end_time, precision)}</b> · {event_type}<br>"
                 f"{c:,} events ({r:,} reports)<br><i>Zoom in or narrow the filters to see single events</i>"
                 for p, c, r in zip(part["period"], part["count"], part["reports"])]
        traces.append(go.Scatter(
            x=part["x"].dt.strftime("%Y-%m-%d"), y=part["y"], mode="markers", name=event_type,
            legendgroup=event_type, hovertext=hover, hoverinfo="text",
            marker=dict(color=type_colour(event_type), size=6 + 3 * np.sqrt(np.clip(part["count"], 1, 400)),
                        opacity=0.7, line=dict(width=1, color="white")),
            meta={"role": "aggregate"}))
    return traces


def make_timeline(events: pd.DataFrame, lane_by: str = "event_type", *, height: int | None = None,
                  selected: str | None = None, max_points: int = 3000, range_slider: bool = True) -> go.Figure:
    """The interactive timeline of `events` (typed, possibly empty).

    lane_by: "event_type", "actor" or "source" (outlet). selected: an event_id or cluster_id to ring.
    Each "events" trace carries the representative event_id of every point in `customdata`.
    """
    if lane_by not in LANE_COLUMNS:
        raise ValueError(f"lane_by must be one of {sorted(set(LANE_COLUMNS))}, not {lane_by!r}")
    merged = merged_events(events)
    if merged.empty:
        return empty_figure(NO_EVENTS if events.empty else "None of these events has a known date",
                            height=height)
    df = _lanes(merged, lane_by)
    lanes = _lane_order(df, lane_by)
    index = {lane: i for i, lane in enumerate(lanes)}
    df["lane_y"] = df["lane"].map(index).astype(float)
    aggregated = df["cluster_id"].nunique() > max_points
    if aggregated:
        traces = _aggregate_traces(df, max_points)
    else:
        df["y"] = df["lane_y"] + _jitter(df["cluster_id"] + df["lane"])
        traces = _detail_traces(df, selected) + _legend_key()
    fig = go.Figure(traces)
    _base_layout(fig, height or max(380, 120 + 46 * len(lanes)))
    start, end = df["date"].min(), df["date_end"].fillna(df["date"]).max()
    pad = max((end - start) * 0.03, pd.Timedelta(days=3))
    fig.update_layout(
        xaxis=dict(type="date", range=[start - pad, end + pad], showgrid=True, gridcolor="#eef1f4",
                   rangeslider=dict(visible=range_slider, thickness=0.07), title=None),
        yaxis=dict(tickmode="array", tickvals=list(range(len(lanes))), ticktext=[_short(l) for l in lanes],
                   range=[len(lanes) - 0.5, -0.5], showgrid=False, zeroline=False, fixedrange=True),
        dragmode="zoom", meta={"empty": False, "aggregated": bool(aggregated), "lanes": lanes},
    )
    for i in range(len(lanes)):   # zebra lanes help the eye follow a row across years
        if i % 2 == 0:
            fig.add_hrect(y0=i - 0.5, y1=i + 0.5, fillcolor="#f5f7fa", line_width=0, layer="below")
    return fig


def _short(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def make_casualties(events: pd.DataFrame, *, height: int | None = None) -> go.Figure:
    """Casualty figures over time, one colour per outlet: cumulative totals ("136,000 have died") in the
    top panel, figures for a period ("6,000 dead in January"; spans drawn across the period) below.
    Vague figures ("thousands") join the period panel as hollow markers."""
    cas = events[(events["event_type"] == "casualties") & events["figure"].notna() & events["date"].notna()]
    if cas.empty:
        return empty_figure("No casualty figures match these filters", height=height)
    cas = cas.sort_values("date").assign(outlet=cas["source"].fillna("unknown outlet"))
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.12,
                        subplot_titles=("Cumulative totals reported", "Figures for a period"))
    outlets = list(dict.fromkeys(cas["outlet"]))
    colours = {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(outlets)}
    for outlet in outlets:
        part = cas[cas["outlet"] == outlet]
        hover = [event_hover(r) for r in part.to_dict("records")]
        part = part.assign(hover=hover)
        cumulative = part[part["figure_kind"] == "cumulative"]
        if len(cumulative):
            fig.add_trace(go.Scatter(
                x=cumulative["date"], y=cumulative["figure"].astype(float), mode="lines+markers", name=outlet,
                legendgroup=outlet, line=dict(color=colours[outlet], width=2), customdata=cumulative["event_id"],
                marker=dict(size=9, color=colours[outlet]), hovertext=cumulative["hover"], hoverinfo="text",
                meta={"role": "cumulative"}), row=1, col=1)
        period = part[part["figure_kind"] != "cumulative"]
        if len(period):
            has_span = period["date_end"].notna() & (period["date_end"] > period["date"])
            for _, r in period[has_span].iterrows():
                fig.add_trace(go.Scatter(
                    x=[r["date"], r["date_end"]], y=[float(r["figure"])] * 2, mode="lines", hoverinfo="skip",
                    showlegend=False, legendgroup=outlet, line=dict(color=colours[outlet], width=4),
                    opacity=0.6, meta={"role": "period-span"}), row=2, col=1)
            mid = period["date"] + (period["date_end"].fillna(period["date"]) - period["date"]) / 2
            vague = period["figure_kind"].eq("vague").fillna(False).to_numpy()
            fig.add_trace(go.Scatter(
                x=mid, y=period["figure"].astype(float), mode="markers", name=outlet, legendgroup=outlet,
                showlegend=not len(cumulative), customdata=period["event_id"], hovertext=period["hover"],
                hoverinfo="text", marker=dict(size=10, color=colours[outlet],
                                              symbol=np.where(vague, "square-open", "square")),
                meta={"role": "period"}), row=2, col=1)
    _base_layout(fig, height or 520)
    fig.update_yaxes(title_text="people", rangemode="tozero", tickformat=",d", gridcolor="#eef1f4")
    fig.update_xaxes(type="date", gridcolor="#eef1f4")
    fig.update_layout(meta={"empty": False}, margin=dict(t=60))
    return fig
