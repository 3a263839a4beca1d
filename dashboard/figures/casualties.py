"""Casualty figures over time, per outlet."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.hover import HOVER_COLUMNS, escape, event_hover
from dashboard.figures.theme import OTHER_COLOUR, PALETTE, empty_spec, layout, scatter, segments

MAX_CASUALTY_OUTLETS = 8
OTHER_OUTLETS = "other outlets"


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
            traces.append(scatter(
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
                xs, ys = segments(spans["date"], spans["date_end"], spans["figure"])
                traces.append(scatter(x=xs, y=ys, xaxis="x2", yaxis="y2", mode="lines", hoverinfo="skip",
                                       showlegend=False, legendgroup=outlet, line=dict(color=colour, width=4),
                                       opacity=0.6, meta={"role": "period-span"}))
            for vague, points in period.groupby(period["figure_kind"].eq("vague").fillna(False), sort=True):
                mid = points["date"] + (points["date_end"].fillna(points["date"]) - points["date"]) / 2
                traces.append(scatter(
                    x=mid.dt.strftime("%Y-%m-%d %H:%M").to_numpy(str), y=points["figure"].to_numpy(float),
                    xaxis="x2", yaxis="y2", mode="markers", name=outlet + (" (vague)" if vague else ""),
                    legendgroup=outlet, showlegend=bool(vague) or not len(cumulative),
                    customdata=points["event_id"].to_numpy(str), **_casualty_hover(points, outlet, with_quote),
                    marker=dict(size=10, color=colour, symbol="square-open" if vague else "square"),
                    meta={"role": "period", "vague": bool(vague)}))
    # The legend sits above the first panel's title.
    figure_layout = layout(height or 520, margin=dict(t=90), legend=dict(y=1.08), meta={"empty": False}, **_PANELS)
    return {"data": traces, "layout": figure_layout}


def make_casualties(events: pd.DataFrame, *, height: int | None = None, max_quotes: int = 1500) -> go.Figure:
    """`casualties_spec` as a go.Figure (see there)."""
    return go.Figure(casualties_spec(events, height=height, max_quotes=max_quotes))
