"""A Plotly figure to PNG/SVG/PDF bytes (kaleido 1.x driving the system Chromium) or to offline HTML."""
from __future__ import annotations

import html

import kaleido
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.export.browser import find_chromium
from dashboard.export.errors import ExportError

IMAGE_FORMATS = ("png", "svg", "pdf")
RENDER_TIMEOUT_S = 90


def figure_image(fig: go.Figure, fmt: str, *, width: int, height: int, scale: float = 1.0) -> bytes:
    """Render `fig` as `fmt` at width x height layout pixels (PNG pixels are that times `scale`)."""
    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"unknown image format {fmt!r} (one of {', '.join(IMAGE_FORMATS)})")
    if width < 100 or height < 100:
        raise ExportError(f"image size {width}x{height} is too small (at least 100x100 px)")
    # mathjax=False: kaleido would otherwise load MathJax from a CDN; plotly.js comes from the plotly
    # package, so rendering needs no network at all.
    kopts = {"path": find_chromium(), "mathjax": False, "timeout": RENDER_TIMEOUT_S}
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    try:
        return kaleido.calc_fig_sync(fig.to_dict(), opts=opts, kopts=kopts)
    except Exception as exc:  # kaleido and choreographer raise many kinds; the caller needs one
        raise ExportError(f"the chart could not be rendered as {fmt.upper()}: {exc}") from exc


def figure_html(fig: go.Figure, *, title: str) -> str:
    """A standalone page that works offline: plotly.js is inlined and hover texts are kept."""
    return pio.to_html(fig, include_plotlyjs=True, full_html=True, config={"displaylogo": False},
                       default_width="100%", default_height="100vh").replace(
        "<head>", f"<head><title>{html.escape(title)}</title>", 1)
