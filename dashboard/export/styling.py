"""Report styling for a static chart: title, subtitle, source footer, print colours, A4-legible fonts.

Works on a copy, so the page's figure (dashboard.figures) is never changed. Font sizes grow with the
image width: whatever the pixel width, the image is printed about 18 cm wide on A4, and 1600 px at
those sizes gives ~7.5 pt tick labels and ~12 pt titles.
"""
from __future__ import annotations

import html

import plotly.graph_objects as go

from dashboard.config import IMAGE_WIDTH
from dashboard.export.captions import Captions

REFERENCE_WIDTH = IMAGE_WIDTH     # px width the sizes below are designed for (the default image width)
BASE_FONT = 24                    # ticks and legend: ~7.5 pt when 1600 px print 18 cm wide
TITLE_FONT = 38
SUBTITLE_FONT = 26
FOOTER_FONT = 20
MARK_SCALE = 1.5                  # markers and span lines, sized for a screen, grow to match the fonts
LANE_LINES = 1.9                  # a lane is at least this many tick-label lines tall
INK = "#222222"
GRID = "#e3e3e3"
FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', sans-serif"


def report_style(fig: go.Figure, captions: Captions, *, width: int, height: int) -> go.Figure:
    """A copy of `fig` ready for a printed report. Captions are plain text (escaped here: Plotly reads
    a few HTML tags in titles). The legend moves to the right so the title block has the top. The
    height grows beyond `height` when the timeline's lanes (layout.meta["lanes"]) would not fit their
    labels (many actors); read the result's layout.height."""
    title, subtitle, footer = captions.title, captions.subtitle, captions.footer
    k = width / REFERENCE_WIDTH
    px = lambda size: max(8, round(size * k))   # noqa: E731 - a unit, reads better inline
    styled = go.Figure(fig)
    top = px(44) + (px(TITLE_FONT) * 2 if title else 0) + (px(SUBTITLE_FONT) * 2 if subtitle else 0)
    bottom = px(BASE_FONT) * 4 + (px(FOOTER_FONT) * 2 if footer else 0)
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    lanes = len(meta.get("lanes", ()))
    height = max(height, top + bottom + round(lanes * px(BASE_FONT) * LANE_LINES))
    styled.update_layout(
        template="plotly_white", width=width, height=height,
        paper_bgcolor="white", plot_bgcolor="white",
        font=dict(family=FONT_FAMILY, size=px(BASE_FONT), color=INK),
        margin=dict(t=top, b=bottom, l=px(40), r=px(40)),
        legend=dict(orientation="v", x=1.01, xanchor="left", y=1, yanchor="top",
                    font=dict(size=px(BASE_FONT)), bgcolor="rgba(255,255,255,0.85)"),
        title=dict(
            text=_plain(title) if title else None,
            x=0, xref="paper", xanchor="left", y=1, yref="container", yanchor="top",
            pad=dict(t=px(20)), font=dict(size=px(TITLE_FONT), color=INK),
            subtitle=dict(text=_plain(subtitle) if subtitle else None,
                          font=dict(size=px(SUBTITLE_FONT), color="#555555")),
        ),
    )
    # Grids stay where the figure has them (the timeline's lanes have none on purpose); only lighter.
    axis = dict(gridcolor=GRID, linecolor="#888888", zerolinecolor=GRID,
                tickfont=dict(size=px(BASE_FONT)), title_font=dict(size=px(BASE_FONT)))
    styled.update_xaxes(**axis)
    styled.update_yaxes(**axis)
    _enlarge_marks(styled, MARK_SCALE * k)
    if footer:
        # Anchored to the bottom of the image: the plot area ends `bottom` px above it.
        styled.add_annotation(
            text=_plain(footer), showarrow=False, xref="paper", yref="paper", x=0, y=0,
            xanchor="left", yanchor="bottom", yshift=-bottom + px(12), align="left",
            font=dict(size=px(FOOTER_FONT), color="#555555"))
    return styled


def _enlarge_marks(fig: go.Figure, factor: float) -> None:
    """Scale marker sizes and line widths (scalars or per-point arrays) of every trace that sets them,
    and the font of the figure's own notes (e.g. "No events match these filters")."""
    for note in fig.layout.annotations:
        if note.font.size is not None:
            note.font.size = note.font.size * factor
    for trace in fig.data:
        marker = getattr(trace, "marker", None)
        if marker is not None and marker.size is not None:
            marker.size = _times(marker.size, factor)
        line = getattr(trace, "line", None)
        if line is not None and line.width is not None:
            line.width = _times(line.width, factor)


def _times(value, factor: float):
    if isinstance(value, (int, float)):
        return value * factor
    return [v * factor for v in value]


def _plain(text: str) -> str:
    """Show the text as written: Plotly would render '<b>' or '&amp;' in titles as markup."""
    return html.escape(text, quote=False)
