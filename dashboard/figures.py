"""Figures as plain functions of an events DataFrame (schema.EVENT_COLUMNS): the page and the exports
both draw with these, and tests call them without a browser.

Timeline encoding (a legend key explains it on the chart):
- one point per merged event (cluster_id); marker size grows with the number of sources;
- colour = event type (Okabe-Ito, colour-blind safe), lane = event type, actor or outlet;
- a date known only to the week/month/quarter/year (or a range of days) is a span from `date` to
  `date_end`, not a fake day;
- planned (future-tense) events are hollow markers and dashed spans; deadlines are diamonds;
- events dated by the publication-day fallback are faded.
Above `max_points` merged events the timeline aggregates into counts per lane, type and period, so
the figure sent to the browser stays small; it then has no range slider (the slider draws every marker a
second time, which dominated the first paint of a 100,000-event corpus), zoom and pan remain.

Figures are built as plain dicts (`timeline_spec`, `casualties_spec`: the page sends these as they are,
since building plotly objects costs more than the data work of a filter change) and `make_timeline` /
`make_casualties` wrap the same dicts in validated `go.Figure`s for exports and tests.
"""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.app.hover import escape, event_hover, format_date
from dashboard.schema import EVENT_TYPES

# Okabe & Ito (2008) eight colour-blind-safe colours, plus two from Paul Tol's muted set for the
# ninth and tenth event types (symbols carry tense and deadline, so colour only needs to tell types).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7",
           "#56B4E9", "#F0E442", "#000000", "#882255", "#999933")
TYPE_COLOURS = dict(zip(EVENT_TYPES, PALETTE))
OTHER_COLOUR = "#777777"
LANE_COLUMNS = {"event_type": "event_type", "actor": "actors", "actors": "actors",
                "source": "source", "outlet": "source"}
MAX_CASUALTY_OUTLETS = 8
OTHER_OUTLETS = "other outlets"
MAX_ACTOR_LANES = 25            # more actors than this fold into one "other actors" lane
FADED = 0.35                    # opacity of publication-day fallback dates
FONT = "Inter, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
NO_EVENTS = "No events match these filters"
# The few things we take from "plotly_white", as a small dict: assigning the named template costs ~25 ms
# per figure, which is most of a filter change's budget.
TEMPLATE = dict(layout=dict(
    paper_bgcolor="white", plot_bgcolor="white", colorway=list(PALETTE),
    xaxis=dict(gridcolor="#eef1f4", linecolor="#d9e2ec", zerolinecolor="#d9e2ec", ticks=""),
    yaxis=dict(gridcolor="#eef1f4", linecolor="#d9e2ec", zerolinecolor="#d9e2ec", ticks=""),
))


def type_colour(event_type) -> str:
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


def outline_colour(event_type) -> str:
    """The type's colour darkened by a third, so light colours (yellow) keep a visible edge."""
    rgb = [int(TYPE_COLOURS.get(event_type, OTHER_COLOUR)[i:i + 2], 16) * 2 // 3 for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def merged_events(events: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """One row per cluster_id: its most confident mention (earliest published on ties), with `n_sources`,
    the larger of the stored `sources` and the distinct articles seen here. Rows without a date cannot be
    drawn and are left out. `columns` limits the columns taken (taking string columns is the slow part).
    Vectorised (factorised ids, one lexsort): it runs on every filter change."""
    df = events[events["date"].notna()]
    columns = list(dict.fromkeys(["cluster_id", "event_id", *(columns or events.columns)]))
    if df.empty:
        return df[columns].assign(n_sources=pd.Series(dtype="int64"))
    cluster = _fill(df["cluster_id"], df["event_id"])
    codes, _ = pd.factorize(cluster)
    confidence = df["confidence"].fillna(-1.0).to_numpy(dtype=float)
    published = df["published"].to_numpy(dtype="datetime64[ns]").astype("int64")
    published = np.where(df["published"].isna().to_numpy(), np.iinfo("int64").max, published)
    order = np.lexsort((published, -confidence, codes))
    sorted_codes = codes[order]
    first = order[np.r_[True, sorted_codes[1:] != sorted_codes[:-1]]]
    articles, _ = pd.factorize(_fill(df["article_id"], df["event_id"]))
    pair = np.sort(codes.astype("int64") * (articles.max() + 1) + articles)
    pair = pair[np.r_[True, pair[1:] != pair[:-1]]]   # distinct (cluster, article) pairs
    distinct_articles = np.bincount(pair // (articles.max() + 1), minlength=codes.max() + 1)
    stored = df["sources"].to_numpy(dtype="float64", na_value=1.0)[first].astype("int64")
    rep = df[columns].iloc[first].assign(cluster_id=cluster.to_numpy()[first])
    return rep.assign(n_sources=np.maximum(stored, distinct_articles[codes[first]])).reset_index(drop=True)


def _fill(values: pd.Series, fallback: pd.Series) -> pd.Series:
    """`values` with nulls taken from `fallback` (skipping the copy when nothing is null)."""
    return values.fillna(fallback) if values.hasnans else values


def other_outlets(merged: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """For each merged event with several sources, the other outlets that told it ('AP, Reuters')."""
    multi = merged.loc[merged["n_sources"] > 1, ["cluster_id", "source"]]
    if multi.empty:
        return pd.Series(pd.NA, index=merged.index, dtype="string")
    mentions = events.assign(cluster_id=events["cluster_id"].fillna(events["event_id"]))
    mentions = mentions.loc[mentions["cluster_id"].isin(multi["cluster_id"]), ["cluster_id", "source"]].dropna()
    own = mentions["cluster_id"].map(dict(zip(multi["cluster_id"], multi["source"])))
    mentions = mentions[mentions["source"] != own].drop_duplicates()
    joined = mentions.groupby("cluster_id")["source"].agg(lambda s: ", ".join(sorted(s)))
    return merged["cluster_id"].map(joined).astype("string")


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
    present = [str(v) for v in pd.unique(df["lane"].to_numpy(object))]
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


def _scatter(**properties) -> dict:
    return {"type": "scatter", **properties}


def _layout(height: int | None, **properties) -> dict:
    """The shared look; `properties` replace or extend it (dicts one level deep are merged)."""
    layout = dict(
        template=TEMPLATE, font=dict(family=FONT, size=13, color="#1f2933"),
        height=height, margin=dict(l=10, r=36, t=30, b=10), hovermode="closest",
        modebar=dict(orientation="v"),   # a vertical modebar at the right keeps clear of the legend
        # A fixed ink colour: otherwise the label takes the point's colour, faded points give faded text.
        hoverlabel=dict(bgcolor="white", bordercolor="#c4cdd5", align="left",
                        font=dict(family=FONT, size=12, color="#1f2933")),
        legend=dict(orientation="h", yanchor="bottom", y=1.01, xanchor="left", x=0, font=dict(size=12),
                    traceorder="normal", itemclick="toggle"),
    )
    for key, value in properties.items():
        layout[key] = {**layout[key], **value} if isinstance(layout.get(key), dict) and isinstance(value, dict) \
            else value
    return layout


def empty_spec(message: str = NO_EVENTS, height: int | None = None) -> dict:
    """A blank chart that says why it is blank."""
    return {"data": [], "layout": _layout(
        height or 360, xaxis=dict(visible=False), yaxis=dict(visible=False), meta={"empty": True},
        annotations=[dict(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                          font=dict(size=16, color="#52606d"))])}


def _span_traces(df: pd.DataFrame, future: bool) -> list[dict]:
    """Horizontal segments from date to date_end, one trace per type."""
    traces = []
    for event_type, part in df.groupby("event_type", sort=False):
        # A span ends at the end of its last day.
        xs, ys = _segments(part["date"], part["date_end"] + pd.Timedelta(hours=23, minutes=59), part["y"])
        traces.append(_scatter(
            x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False, legendgroup=event_type,
            line=dict(color=type_colour(event_type), width=5, dash="dot" if future else "solid"),
            opacity=0.55, name=f"{event_type} span", meta={"role": "span", "future": future}))
    return traces


# What drawing needs (hover text is built separately, from full rows, only when points are drawn one by one).
TIMELINE_COLUMNS = ["date", "date_end", "date_precision", "date_from", "tense", "event_type", "sources",
                    "source"]
HOVER_COLUMNS = ["date", "date_end", "date_precision", "timex", "event_type", "tense", "actors", "location",
                 "figure", "figure_qualifier", "figure_kind", "quote", "source", "title", "date_from",
                 "n_sources", "other_outlets"]


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
        traces.append(_scatter(
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
            traces.append(_scatter(
                x=chosen["x"].dt.strftime("%Y-%m-%d %H:%M").to_numpy(str), y=chosen["y"].to_numpy(float),
                mode="markers",
                hoverinfo="skip", showlegend=False, name="selected",
                marker=dict(size=_marker_size(chosen["n_sources"]) + 12, symbol="circle-open",
                            color="#1f2933", line=dict(width=2.5)), meta={"role": "selected"}))
    return traces


def _legend_key(event_types) -> list[dict]:
    """Legend entries that draw nothing: one per event type (a dot in its colour, a diamond for
    deadlines; clicking it hides the type), then grey ones that explain the other symbols."""
    types = [_scatter(x=[None], y=[None], mode="markers", name=t, legendgroup=t, hoverinfo="skip",
                        marker=dict(symbol="diamond" if t == "deadline" else "circle", color=type_colour(t), size=10,
                                    line=dict(width=1.5, color=outline_colour(t))), meta={"role": "key"})
             for t in EVENT_TYPES if t in set(event_types)]
    grey = "#52606d"
    key = [dict(marker=dict(symbol="circle", color=grey, size=10), name="reported (past)"),
           dict(marker=dict(symbol="circle-open", color=grey, size=10, line=dict(width=1.5)), name="planned / future"),
           dict(marker=dict(symbol="circle", color=grey, size=10, opacity=FADED), name="date = publication day")]
    traces = types + [_scatter(x=[None], y=[None], mode="markers", hoverinfo="skip", meta={"role": "key"}, **k)
                      for k in key]
    traces.append(_scatter(x=[None], y=[None], mode="lines", name="month / quarter / year span",
                             hoverinfo="skip", meta={"role": "key"}, line=dict(color=grey, width=5)))
    return traces


# Bin sizes for aggregated views, finest first: (name, days per bin, hover precision).
_BINS = (("day", 1, "day"), ("week", 7, "week"), ("month", 30.44, "month"), ("quarter", 91.3, "quarter"),
         ("year", 365.25, "year"))
_MONDAY = np.datetime64("1970-01-05")


def _bin_bounds(days: np.ndarray, unit: str) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of the bin each date (datetime64[D]) falls in."""
    if unit == "day":
        return days, days
    if unit == "week":
        start = _MONDAY + (days - _MONDAY) // np.timedelta64(7, "D") * np.timedelta64(7, "D")
        return start, start + np.timedelta64(6, "D")
    if unit == "month":
        months = days.astype("datetime64[M]")
        return months.astype("datetime64[D]"), (months + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    if unit == "quarter":
        months = days.astype("datetime64[M]").astype("int64")
        start = (months // 3 * 3).astype("datetime64[M]")
        return start.astype("datetime64[D]"), (start + 3).astype("datetime64[D]") - np.timedelta64(1, "D")
    years = days.astype("datetime64[Y]")
    return years.astype("datetime64[D]"), (years + 1).astype("datetime64[D]") - np.timedelta64(1, "D")


def _aggregate(df: pd.DataFrame, max_points: int) -> pd.DataFrame:
    """Counts per lane, type and period, with the finest period that keeps under `max_points` points."""
    days = df["date"].to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    lane_codes, _ = pd.factorize(df["lane"])
    type_codes, types = pd.factorize(df["event_type"], use_na_sentinel=False)
    pair_codes, _ = pd.factorize(lane_codes.astype("int64") * (len(types) + 1) + type_codes)
    span_days = float((days.max() - days.min()) / np.timedelta64(1, "D")) + 1
    allowed_bins = max(1, max_points // (pair_codes.max() + 1))
    unit, _, precision = next((b for b in _BINS if span_days / b[1] + 2 <= allowed_bins), _BINS[-1])
    start, end = _bin_bounds(days, unit)
    key = pair_codes.astype("int64") * 10_000_000 + start.astype("int64")   # days since 1970 fit in 7 digits
    keys, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    out = df.iloc[first][["lane", "event_type", "lane_y"]].reset_index(drop=True)
    out["count"] = np.bincount(inverse)
    out["reports"] = np.bincount(inverse, weights=df["n_sources"].to_numpy(dtype=float)).astype("int64")
    out["start"], out["end"] = start[first], end[first]
    out["x"] = out["start"] + (out["end"] - out["start"]) / 2 + pd.Timedelta(hours=12)
    out["precision"] = precision
    return out


def _aggregate_traces(df: pd.DataFrame, max_points: int) -> list[dict]:
    agg = _aggregate(df, max_points)
    traces = []
    for event_type, part in agg.groupby("event_type", sort=False):
        hover = [f"<b>{format_date(a, b, p)}</b> · {event_type}<br>{c:,} events ({r:,} reports)<br>"
                 "<i>Narrow the dates or types to see single events</i>"
                 for a, b, p, c, r in zip(part["start"], part["end"], part["precision"], part["count"], part["reports"])]
        traces.append(_scatter(
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
    if lane_by not in LANE_COLUMNS:
        raise ValueError(f"lane_by must be one of {sorted(set(LANE_COLUMNS))}, not {lane_by!r}")
    merged = merged_events(events, TIMELINE_COLUMNS + [LANE_COLUMNS[lane_by]])
    if merged.empty:
        return empty_spec(NO_EVENTS if events.empty else "None of these events has a known date", height=height)
    df = _lanes(merged, lane_by)
    lanes = _lane_order(df, lane_by)
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
    layout = _layout(
        height or max(380, 120 + 46 * len(lanes)),
        xaxis=dict(type="date", range=[(start - pad).isoformat(), (end + pad).isoformat()], showgrid=True,
                   gridcolor="#eef1f4", rangeslider=dict(visible=range_slider and not aggregated, thickness=0.07)),
        yaxis=dict(tickmode="array", tickvals=list(range(len(lanes))), ticktext=[_short(l) for l in lanes],
                   range=[len(lanes) - 0.5, -0.5], showgrid=False, zeroline=False, fixedrange=True,
                   automargin=True),
        dragmode="zoom", meta={"empty": False, "aggregated": bool(aggregated), "lanes": lanes},
        # Zebra lanes help the eye follow a row across years.
        shapes=[dict(type="rect", xref="paper", x0=0, x1=1, yref="y", y0=i - 0.5, y1=i + 0.5,
                     fillcolor="#f5f7fa", line=dict(width=0), layer="below") for i in range(0, len(lanes), 2)],
    )
    return {"data": traces, "layout": layout}


def make_timeline(events: pd.DataFrame, lane_by: str = "event_type", *, height: int | None = None,
                  selected: str | None = None, max_points: int = 2500, range_slider: bool = True) -> go.Figure:
    """`timeline_spec` as a go.Figure (see there)."""
    return go.Figure(timeline_spec(events, lane_by, height=height, selected=selected, max_points=max_points,
                                   range_slider=range_slider))


def _short(label: str, limit: int = 28) -> str:
    """A lane label (an actor or outlet read from articles): trimmed, and escaped since plotly renders
    tags in tick text."""
    return escape(label if len(label) <= limit else label[: limit - 1] + "…")


def _segments(start: pd.Series, end: pd.Series, y: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """x, y for one line trace drawing every [start, end] segment at height y. A NaN y after each
    segment breaks the line; all-string and all-float arrays serialise fast (no per-element pass)."""
    n = len(start)
    starts, ends = start.dt.strftime("%Y-%m-%d %H:%M").to_numpy(str), end.dt.strftime("%Y-%m-%d %H:%M").to_numpy(str)
    xs = np.empty(3 * n, dtype=starts.dtype if starts.dtype.itemsize >= ends.dtype.itemsize else ends.dtype)
    xs[0::3], xs[1::3], xs[2::3] = starts, ends, ends
    ys = np.full(3 * n, np.nan)
    ys[0::3] = ys[1::3] = y.to_numpy(float)
    return xs, ys


def _casualty_hover(rows: pd.DataFrame, outlet: str, with_quote: bool) -> dict:
    """Hover settings for a casualty trace: the full event hover, or (for many figures) a template the
    browser fills in, which costs no bytes per point."""
    if with_quote:
        cols = [c for c in HOVER_COLUMNS if c in rows]
        return dict(hovertext=[event_hover(r) for r in rows[cols].to_dict("records")], hoverinfo="text")
    return dict(hovertemplate="<b>%{x|%d %b %Y}</b><br>%{y:,.0f}<br>" + escape(outlet).replace("%", "%%")
                + "<extra></extra>")


# Two stacked panels sharing the time axis (what make_subplots(rows=2, shared_xaxes=True) lays out).
_PANELS = dict(
    xaxis=dict(type="date", anchor="y", matches="x2", showticklabels=False, gridcolor="#eef1f4"),
    yaxis=dict(domain=[0.56, 1.0], anchor="x", title=dict(text="people"), rangemode="tozero", tickformat=",d",
               gridcolor="#eef1f4", automargin=True),
    xaxis2=dict(type="date", anchor="y2", gridcolor="#eef1f4"),
    yaxis2=dict(domain=[0.0, 0.44], anchor="x2", title=dict(text="people"), rangemode="tozero", tickformat=",d",
                gridcolor="#eef1f4", automargin=True),
    annotations=[dict(text=text, x=0.5, y=y, xref="paper", yref="paper", xanchor="center", yanchor="bottom",
                      showarrow=False, font=dict(size=15))
                 for text, y in (("Cumulative totals reported", 1.0), ("Figures for a period", 0.44))],
)


def casualties_spec(events: pd.DataFrame, *, height: int | None = None, max_quotes: int = 1500) -> dict:
    """Casualty figures over time, one colour per outlet: cumulative totals ("136,000 have died") in the
    top panel, figures for a period ("6,000 dead in January"; spans drawn across the period) below.
    Vague figures ("thousands") join the period panel as hollow markers. Past `max_quotes` figures the
    hover text leaves the quote out, so the update stays small."""
    cas = events[(events["event_type"] == "casualties") & events["figure"].notna() & events["date"].notna()]
    if cas.empty:
        return empty_spec("No casualty figures match these filters", height=height)
    with_quote = len(cas) <= max_quotes
    needed = ["event_id", "date", "date_end", "date_precision", "figure", "figure_kind", "source"]
    cas = cas[list(dict.fromkeys(needed + (HOVER_COLUMNS[:-2] if with_quote else [])))]   # narrow: faster splits
    cas = cas.sort_values("date").assign(outlet=cas["source"].fillna("unknown outlet").astype(object))
    # Past eight outlets colours repeat and the legend stops helping: the rest share one grey series.
    top = cas["outlet"].value_counts().index[:MAX_CASUALTY_OUTLETS]
    cas.loc[~cas["outlet"].isin(top), "outlet"] = OTHER_OUTLETS
    outlets = [o for o in dict.fromkeys(cas["outlet"]) if o != OTHER_OUTLETS]
    colours = {o: PALETTE[i] for i, o in enumerate(outlets)} | {OTHER_OUTLETS: OTHER_COLOUR}
    traces = []
    for outlet, part in cas.groupby("outlet", sort=False):
        colour = colours[outlet]
        cumulative = part[part["figure_kind"] == "cumulative"]
        if len(cumulative):
            traces.append(_scatter(
                x=cumulative["date"].dt.strftime("%Y-%m-%d").to_numpy(str),
                y=cumulative["figure"].to_numpy(float), xaxis="x", yaxis="y",
                mode="markers" if outlet == OTHER_OUTLETS else "lines+markers", name=escape(outlet), legendgroup=outlet,
                line=dict(color=colour, width=2), marker=dict(size=9, color=colour),
                customdata=cumulative["event_id"].to_numpy(str),
                **_casualty_hover(cumulative, outlet, with_quote), meta={"role": "cumulative"}))
        period = part[part["figure_kind"] != "cumulative"]
        if len(period):
            spans = period[period["date_end"].notna() & (period["date_end"] > period["date"])]
            if len(spans):
                xs, ys = _segments(spans["date"], spans["date_end"], spans["figure"])
                traces.append(_scatter(x=xs, y=ys, xaxis="x2", yaxis="y2", mode="lines", hoverinfo="skip",
                                       showlegend=False, legendgroup=outlet, line=dict(color=colour, width=4),
                                       opacity=0.6, meta={"role": "period-span"}))
            for vague, points in period.groupby(period["figure_kind"].eq("vague").fillna(False), sort=True):
                mid = points["date"] + (points["date_end"].fillna(points["date"]) - points["date"]) / 2
                traces.append(_scatter(
                    x=mid.dt.strftime("%Y-%m-%d %H:%M").to_numpy(str), y=points["figure"].to_numpy(float),
                    xaxis="x2", yaxis="y2", mode="markers", name=outlet + (" (vague)" if vague else ""),
                    legendgroup=outlet, showlegend=bool(vague) or not len(cumulative),
                    customdata=points["event_id"].to_numpy(str), **_casualty_hover(points, outlet, with_quote),
                    marker=dict(size=10, color=colour, symbol="square-open" if vague else "square"),
                    meta={"role": "period", "vague": bool(vague)}))
    # The legend sits above the first panel's title.
    layout = _layout(height or 520, margin=dict(t=90), legend=dict(y=1.08), meta={"empty": False}, **_PANELS)
    return {"data": traces, "layout": layout}


def make_casualties(events: pd.DataFrame, *, height: int | None = None, max_quotes: int = 1500) -> go.Figure:
    """`casualties_spec` as a go.Figure (see there)."""
    return go.Figure(casualties_spec(events, height=height, max_quotes=max_quotes))
