"""The page's Export menu: one button per format, image size fields, a download and a status line.

The export is exactly what the page shows: the current URL's query string is read the way the page
reads it (dashboard.filters.view_from_search: same filters, same lane choice, same fallback for a
malformed URL) and handed to the same `export_events` the CLI uses. Images and reports show the chart
of the open tab (the page's dcc.Tabs id="view-tabs": the casualty chart on its tab, else the timeline).
"""
from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard.config import CHARTS, IMAGE_HEIGHT, IMAGE_WIDTH, PAGE_IMAGE_SCALE
from dashboard.export import MEDIA_TYPES, ExportError, export_events, suffix
from dashboard.export.captions import DEFAULT_TITLE
from dashboard.filters import view_from_search

log = logging.getLogger(__name__)

# (format, button label, group) in menu order.
MENU = (
    ("png", "PNG", "Chart"), ("svg", "SVG", "Chart"), ("pdf", "PDF", "Chart"), ("html", "Interactive HTML", "Chart"),
    ("csv", "CSV", "Events table"), ("xlsx", "Excel (XLSX)", "Events table"),
    ("timelinejs", "TimelineJS (JSON)", "Events table"),
    ("report-pdf", "PDF", "One-page report"), ("report-html", "HTML", "One-page report"),
)
FILE_STEMS = {"csv": "events", "xlsx": "events", "timelinejs": "timeline", "report-html": "report",
              "report-pdf": "report"}
CHART_STEMS = {"timeline": "diplomatic-timeline", "casualties": "casualty-figures"}
DEFAULT_SIZE = {"width": IMAGE_WIDTH, "height": IMAGE_HEIGHT, "scale": PAGE_IMAGE_SCALE}

# Inline styles keep the menu self-contained (a drop-down panel over the page, not a taller top bar);
# the colours are the page's CSS variables from assets/app.css.
STYLE_DETAILS = {"position": "relative"}
STYLE_SUMMARY = {"cursor": "pointer", "listStyle": "none", "background": "var(--accent, #0072B2)",
                 "color": "white", "borderRadius": "4px", "padding": "6px 14px", "fontWeight": 600}
STYLE_PANEL = {"position": "absolute", "right": 0, "top": "calc(100% + 6px)", "zIndex": 1000, "width": "470px", "maxWidth": "calc(100vw - 24px)",
               "background": "white", "border": "1px solid var(--line, #d9e2ec)", "borderRadius": "8px",
               "boxShadow": "0 6px 24px rgba(31, 41, 51, 0.18)", "padding": "12px 14px",
               "display": "grid", "gap": "8px"}
STYLE_ROW = {"display": "flex", "flexWrap": "wrap", "alignItems": "center", "gap": "6px"}
STYLE_GROUP = {"width": "110px", "color": "var(--muted, #52606d)", "fontSize": "13px"}
STYLE_BUTTON = {"border": "1px solid var(--line, #d9e2ec)", "background": "#f5f7fa", "borderRadius": "4px",
                "padding": "4px 10px", "cursor": "pointer", "font": "inherit"}
STYLE_FIELD = {"display": "grid", "fontSize": "12px", "color": "var(--muted, #52606d)", "width": "120px"}


def export_menu() -> html.Details:
    """The menu component for the page's placeholder Div id="export-menu"."""
    groups: dict[str, list] = {}
    for fmt, label, group in MENU:
        groups.setdefault(group, []).append(
            html.Button(label, id={"type": "export-format", "fmt": fmt}, n_clicks=0, className="export-button",
                        title=f"Download the {group.lower()} as {label} (what the page shows now)",
                        style=STYLE_BUTTON, **{"aria-label": f"{group} as {label}"}))
    sections = [html.Div([html.Span(group, className="export-group", style=STYLE_GROUP), *buttons],
                         className="export-row", style=STYLE_ROW)
                for group, buttons in groups.items()]
    title = html.Label(["Title", dcc.Input(id="export-title", type="text", debounce=True, maxLength=200,
                                           placeholder=DEFAULT_TITLE, className="export-title",
                                           style={"width": "100%"})],
                       className="export-field", style={**STYLE_FIELD, "width": "100%"})
    size = html.Div([
        _number("export-width", "Width px", DEFAULT_SIZE["width"], 400, 8000, 100),
        _number("export-height", "Height px", DEFAULT_SIZE["height"], 300, 8000, 100),
        _number("export-scale", "Scale (PNG)", DEFAULT_SIZE["scale"], 1, 4, 1),
    ], className="export-row export-size", style=STYLE_ROW)
    return html.Details([
        html.Summary("Export ▾", id="export-summary", n_clicks=0, className="export-summary",
                     style=STYLE_SUMMARY),
        html.Div([*sections, title, size,
                  dcc.Loading(html.Div(id="export-status", className="export-status", role="status"),
                              type="dot"),
                  dcc.Download(id="export-download"), dcc.Store(id="export-warm")],
                 className="export-panel", style=STYLE_PANEL),
    ], className="export-details", style=STYLE_DETAILS)


def register_export_callbacks(app, get_events: Callable[[], pd.DataFrame] | None = None) -> None:
    """Wire the menu. `get_events` returns all events (unfiltered); by default the app's in-memory
    copy, `app.cache.events`, read at click time so a reload or an upload is seen."""
    events_of = get_events or (lambda: app.cache.events)

    @app.callback(Output("export-warm", "data"), Input("export-summary", "n_clicks"), prevent_initial_call=True)
    def warm(clicks):
        # Opening the menu starts the chart renderer, so the first image export is quick (kaleido is
        # imported here, not when the page starts).
        from dashboard.export.static import warm_up

        warm_up()
        return clicks

    @app.callback(
        Output("export-download", "data"), Output("export-status", "children"),
        Input({"type": "export-format", "fmt": ALL}, "n_clicks"),
        State("url", "search"), State("export-width", "value"), State("export-height", "value"),
        State("export-scale", "value"), State("export-title", "value"), State("view-tabs", "value"),
        prevent_initial_call=True,
    )
    def download(_clicks, search, width, height, scale, title, tab):
        if not ctx.triggered_id or not any(_clicks):
            return no_update, no_update
        try:
            sent = export_download(events_of(), ctx.triggered_id["fmt"], search, width=width, height=height,
                                   scale=scale, title=title, chart=tab if tab in CHARTS else "timeline")
        except ExportError as exc:
            return no_update, html.Span(f"Export failed: {exc}", className="warning")
        except Exception as exc:  # a bug: say so on the page, keep the traceback in the server log
            log.exception("export to %s failed", ctx.triggered_id["fmt"])
            return no_update, html.Span(f"Export failed unexpectedly ({type(exc).__name__}: {exc}); "
                                        "see the server log", className="warning")
        return sent, f"Downloaded {sent['filename']}"


def export_download(events: pd.DataFrame, fmt: str, search: str | None, *, width=None, height=None,
                    scale=None, title: str | None = None, chart: str = "timeline",
                    today: date | None = None) -> dict:
    """The dcc.Download payload for `fmt` of what the page at `search` shows (ExportError if it fails)."""
    view, _error = view_from_search(search)   # a bad URL shows all events; so does the export
    today = today or date.today()
    name = f"{FILE_STEMS.get(fmt, CHART_STEMS.get(chart, 'chart'))}-{today.isoformat()}{suffix(fmt)}"
    with tempfile.TemporaryDirectory(prefix="timeline-export-") as folder:
        out = export_events(events, fmt, Path(folder) / name, filters=view.filters, lane_by=view.lane, exported=today,
                            width=_int(width, "width"), height=_int(height, "height"),
                            scale=float(_int(scale, "scale")), title=(title or "").strip() or None,
                            chart=chart)
        payload = dcc.send_bytes(out.read_bytes(), filename=name, type=MEDIA_TYPES[fmt])
    return payload


def _number(id_: str, label: str, value: int, low: int, high: int, step: int) -> html.Label:
    return html.Label([label, dcc.Input(id=id_, type="number", value=value, min=low, max=high, step=step,
                                        debounce=True, className="export-number")],
                      className="export-field", style=STYLE_FIELD)


def _int(value, field: str) -> int:
    """An empty size field means the default; a number field can still send a float or None."""
    if value in (None, ""):
        return DEFAULT_SIZE[field]
    return int(value)
