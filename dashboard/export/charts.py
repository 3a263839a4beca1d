"""The timeline as exported: the page's figure (dashboard.figures), report-styled, rendered."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.export.captions import Captions
from dashboard.export.static import figure_html, figure_image
from dashboard.export.styling import report_style
from dashboard.figures import make_timeline

SCREEN_WIDTH = 1100   # px: report styling at this width reads well on screen (16 px ticks)


def timeline(shown: pd.DataFrame, *, lane_by: str = "event_type") -> go.Figure:
    """The page's timeline of exactly these events, without the range slider (it means nothing on paper)."""
    return make_timeline(shown, lane_by=lane_by, range_slider=False)


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
