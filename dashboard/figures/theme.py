"""The charts' look: colours per event type (colour-blind safe), font, the plotly template and the shared
layout, and the blank chart that says why it is blank."""
from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.schema import EVENT_TYPES

# Okabe & Ito (2008) eight colour-blind-safe colours, then Paul Tol's muted scheme: one distinguishable colour per
# event type (and outlet); symbols carry tense and deadline, so colour only needs to tell types.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7",
           "#56B4E9", "#F0E442", "#000000", "#882255", "#999933",
           "#44AA99", "#332288", "#AA4499", "#117733", "#DDCC77", "#661100", "#CC6677", "#88CCEE")
TYPE_COLOURS = dict(zip(EVENT_TYPES, PALETTE))
OTHER_COLOUR = "#777777"
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



def scatter(**properties) -> dict:
    return {"type": "scatter", **properties}


def layout(height: int | None, **properties) -> dict:
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
    return {"data": [], "layout": layout(
        height or 360, xaxis=dict(visible=False), yaxis=dict(visible=False), meta={"empty": True},
        annotations=[dict(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                          font=dict(size=16, color="#52606d"))])}


def segments(start: pd.Series, end: pd.Series, y: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """x, y for one line trace drawing every [start, end] segment at height y. A NaN y after each
    segment breaks the line; all-string and all-float arrays serialise fast (no per-element pass)."""
    n = len(start)
    starts, ends = start.dt.strftime("%Y-%m-%d %H:%M").to_numpy(str), end.dt.strftime("%Y-%m-%d %H:%M").to_numpy(str)
    xs = np.empty(3 * n, dtype=starts.dtype if starts.dtype.itemsize >= ends.dtype.itemsize else ends.dtype)
    xs[0::3], xs[1::3], xs[2::3] = starts, ends, ends
    ys = np.full(3 * n, np.nan)
    ys[0::3] = ys[1::3] = y.to_numpy(float)
    return xs, ys
