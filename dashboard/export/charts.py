"""The charts as exported: the page's figures (dashboard.figures), report-styled, rendered."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.export.captions import Captions
from dashboard.export.static import figure_html, figure_image
from dashboard.export.styling import report_style
from dashboard.figures import make_casualties, make_timeline

SCREEN_WIDTH = 1100   # px: report styling at this width reads well on screen (16 px ticks)


def chart_events(shown: pd.DataFrame, chart: str) -> pd.DataFrame:
    """The rows `chart` draws: every shown event on the timeline; on the casualty chart, the casualty
    events that carry a figure and a date (what make_casualties plots)."""
    if chart == "casualties":
        return shown[shown["event_type"].eq("casualties").fillna(False) & shown["figure"].notna()
                     & shown["date"].notna()]
    return shown


def chart_figure(drawn: pd.DataFrame, chart: str, *, lane_by: str = "event_type") -> go.Figure:
    """The page's figure of exactly these rows; the timeline without its range slider (meaningless on paper)."""
    if chart == "casualties":
        return make_casualties(drawn)
    return make_timeline(drawn, lane_by=lane_by, range_slider=False)


def static_image(fig: go.Figure, captions: Captions, fmt: str, *, width: int, height: int,
                 scale: float) -> bytes:
    styled = report_style(fig, captions, width=width, height=height)
    return figure_image(styled, fmt, width=width, height=styled.layout.height, scale=scale)


def interactive_page(fig: go.Figure, captions: Captions) -> str:
    """Offline HTML with the hover quotes, filling the browser window. Fonts are sized for a screen
    (read up close), not for print, so the styling is that of a narrower image."""
    styled = report_style(fig, captions, width=SCREEN_WIDTH, height=SCREEN_WIDTH * 9 // 16)
    styled.update_layout(width=None, height=None, autosize=True)
    return figure_html(styled, title=captions.title or "")
