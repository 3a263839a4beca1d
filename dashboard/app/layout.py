"""The page: filters on the left, views in tabs in the middle, the drill-down on the right (stacked
on narrow screens by assets/app.css). Layout only: no data is read here; callbacks fill the options,
figures and lists.
"""
from __future__ import annotations

import dash_ag_grid as dag
from dash import dcc, html

from dashboard.app.upload import ACCEPTED
from dashboard.config import DEFAULT_LANE, IMAGE_HEIGHT, IMAGE_WIDTH, LANES, MAX_UPLOAD_BYTES, PAGE_IMAGE_SCALE
from dashboard.figures import type_colour
from dashboard.filters import DEFAULT_TAB
from dashboard.schema import EVENT_TYPES

GRAPH_CONFIG = {
    "displaylogo": False, "scrollZoom": True, "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    # The camera button gives a report-quality image.
    "toImageButtonOptions": {"format": "png", "filename": "diplomatic-timeline", "scale": PAGE_IMAGE_SCALE,
                             "width": IMAGE_WIDTH, "height": IMAGE_HEIGHT},
}
TABLE_COLUMNS = [
    {"field": "date_label", "headerName": "Date", "width": 125, "sortable": False},
    {"field": "date", "headerName": "Sort date", "hide": True, "sort": "asc"},
    {"field": "event_type", "headerName": "Type", "width": 115},
    {"field": "quote", "headerName": "Quote", "flex": 3, "minWidth": 280, "tooltipField": "quote"},
    {"field": "actors", "headerName": "Actors", "flex": 1, "minWidth": 150, "tooltipField": "actors"},
    {"field": "source", "headerName": "Outlet", "width": 150},
    {"field": "location", "headerName": "Place", "width": 115},
    {"field": "figure", "headerName": "Figure", "width": 100, "type": "numericColumn"},
    {"field": "sources", "headerName": "Sources", "width": 100, "type": "numericColumn"},
    {"field": "confidence", "headerName": "Conf.", "width": 90, "type": "numericColumn",
     "valueFormatter": {"function": "d3.format('.2f')(params.value)"}},
]


def _field(label: str, control, hint: str | None = None, for_id: str | None = None) -> html.Div:
    return html.Div([html.Label(label, htmlFor=for_id, className="field-label"), control,
                     html.Small(hint, className="field-hint") if hint else None], className="field")


def _type_options() -> list[dict]:
    return [{"label": html.Span([html.Span(className="swatch", style={"background": type_colour(t)}), t]),
             "value": t} for t in EVENT_TYPES]


def filter_panel() -> html.Aside:
    return html.Aside([
        html.H2("Filters"),
        _field("Dates", dcc.DatePickerRange(id="f-dates", display_format="D MMM YYYY", clearable=True,
                                            start_date_placeholder_text="from", end_date_placeholder_text="to",
                                            minimum_nights=0, first_day_of_week=1)),
        _field("Event types", dcc.Checklist(id="f-types", options=_type_options(), value=[],
                                            className="type-list", inputClassName="type-check"),
               "none ticked = all types"),
        _field("Actors", dcc.Dropdown(id="f-actors", multi=True, searchable=True, placeholder="any actor"),
               for_id="f-actors"),
        _field("Outlets", dcc.Dropdown(id="f-sources", multi=True, searchable=True, placeholder="any outlet"),
               for_id="f-sources"),
        _field("Quote contains", dcc.Input(id="f-query", type="search", debounce=True, placeholder="e.g. Geneva",
                                           className="text-input"), for_id="f-query"),
        _field("Minimum confidence", dcc.Slider(id="f-minconf", min=0, max=1, step=0.05, value=0,
                                                marks={0: "0", 0.5: "0.5", 1: "1"},
                                                tooltip={"placement": "bottom"})),
        dcc.Checklist(id="f-undated", options=[{"label": " include articles without a publication date",
                                                "value": "yes"}], value=["yes"], className="switch"),
        dcc.Link("Reset all filters", href="/", id="reset-filters", className="reset-link"),
        html.Div(id="url-error", className="warning", role="alert"),
    ], className="filters", **{"aria-label": "Filters"})


def timeline_tab(figure: dict | None = None) -> dcc.Tab:
    return dcc.Tab(label="Timeline", value="timeline", children=[
        html.Div([
            html.Span("Lanes by", className="field-label"),
            dcc.RadioItems(id="lane", options=[{"label": lane.label, "value": k} for k, lane in LANES.items()],
                           value=DEFAULT_LANE, inline=True, className="lane-choice"),
        ], className="toolbar"),
        dcc.Loading(dcc.Graph(id="timeline", figure=figure or {}, config=GRAPH_CONFIG, className="timeline-graph"),
                    type="dot", delay_show=300),
    ])


def casualties_tab(figure: dict | None = None) -> dcc.Tab:
    return dcc.Tab(label="Casualty figures", value="casualties", children=[
        html.P("Reported figures per outlet. Cumulative totals (\u201chave died since\u201d) and figures for a "
               "period (\u201cdied in January\u201d) are different quantities and are never joined.",
               className="hint"),
        dcc.Loading(dcc.Graph(id="casualties", figure=figure or {}, config={**GRAPH_CONFIG, "toImageButtonOptions": {
            **GRAPH_CONFIG["toImageButtonOptions"], "filename": "casualty-figures"}}), type="dot", delay_show=300),
    ])


def events_grid(rows: list[dict] | None = None) -> dag.AgGrid:
    """The events table. The page loads its component bundle (dash-ag-grid, 1.3 MB of script) only when
    the table tab opens, so the grid is sent by the callback that fills it (callbacks.update_views),
    never in the first layout."""
    return dag.AgGrid(id="events-grid", columnDefs=TABLE_COLUMNS, rowData=rows or [],
                      getRowId="params.data.event_id", className="ag-theme-alpine events-grid",
                      defaultColDef={"sortable": True, "resizable": True, "filter": True},
                      dashGridOptions={"rowSelection": {"mode": "singleRow", "enableClickSelection": True,
                                                        "checkboxes": False},
                                       "tooltipShowDelay": 300, "animateRows": False},
                      style={"height": "560px"})


def table_tab() -> dcc.Tab:
    return dcc.Tab(label="Events table", value="table", children=[
        html.Div(id="table-note", className="hint"),
        dcc.Loading(html.Div(id="table-body"), type="dot", delay_show=300),
    ])


def articles_tab() -> dcc.Tab:
    mb = MAX_UPLOAD_BYTES // (1024 * 1024)
    return dcc.Tab(label="Articles", value="articles", children=[
        html.H3("Add articles"),
        # No `accept` filter: the browser would drop other files silently; the server names the reason.
        # max_size keeps oversized files from being sent at all (the drop zone states the limit).
        dcc.Upload(id="upload", multiple=True, max_size=MAX_UPLOAD_BYTES,
                   className="upload", className_active="upload active", className_reject="upload reject",
                   children=html.Div(["Drop files here or ", html.Button("choose files", className="link-button"),
                                      html.Small(f" ({', '.join(ACCEPTED)}; up to {mb} MB each)")])),
        dcc.Loading(html.Div(id="upload-result", role="status"), type="dot"),
        html.H3("Articles without a publication date"),
        html.P("Their events cannot be anchored in time. Set the date the article appeared and its events "
               "are re-read against it.", className="hint"),
        html.Div(id="undated-articles"),
        html.Div(id="set-date-result", role="status"),
        html.H3("Files that could not be read"),
        html.Div(id="failed-files"),
    ])


def build_layout(export_menu=None, first: dict | None = None, grid_bundle: str | None = None) -> html.Div:
    """The page. `first` is what the page's URL shows, drawn on the server (views.first_view): the first
    point appears as soon as the graph mounts, without waiting for the callbacks, which take over from
    there. Without it the callbacks draw everything. `grid_bundle` is the URL of the events table's
    component bundle, loaded when the table tab first opens."""
    first = first or {}
    return html.Div([
        dcc.Location(id="url", refresh=False),
        dcc.Store(id="data-version", data=first.get("version", 0)),
        dcc.Store(id="selected-event", data=first.get("event")),
        dcc.Store(id="drawn-view", data=first.get("key")),   # what the open tab last drew (callbacks.update_views)
        dcc.Store(id="scroll-done"),
        dcc.Store(id="grid-bundle", data=grid_bundle),
        dcc.Store(id="grid-ready", data=False),
        html.Header([
            html.Div([html.H1("Diplomatic timeline"),
                      html.Span(first.get("status"), id="view-status", className="status", role="status")],
                     className="title"),
            html.Div(export_menu, id="export-menu", className="export-menu"),
        ], className="topbar"),
        filter_panel(),
        html.Main([
            html.Div([html.P("No events match these filters.", className="empty-title"),
                      dcc.Link("Reset the filters", href="/", className="reset-link")],
                     id="empty-state", className="empty-state", hidden=not first.get("no_match", False)),
            dcc.Tabs(id="view-tabs", value=first.get("tab", DEFAULT_TAB), className="tabs",
                     children=[timeline_tab(first.get("timeline")), casualties_tab(first.get("casualties")),
                               table_tab(), articles_tab()]),
        ], className="views"),
        html.Aside([html.H2("Source article"), html.Div(id="drilldown", className="drilldown-body")],
                   className="drilldown", **{"aria-label": "Source article"}),
    ], className="app")
