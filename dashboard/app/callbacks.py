"""Callbacks: each parses its inputs, calls plain functions (views, drilldown, upload) and returns."""
from __future__ import annotations

from datetime import date

from dash import ALL, Input, Output, State, ctx, no_update

from dashboard.app import articles_panel, views
from dashboard.app.drilldown import build_drilldown
from dashboard.app.layout import events_grid
from dashboard.app.state import EventCache
from dashboard.app.upload import UploadOutcome, ingest_uploads
from dashboard.filters import view_from_search

CONTROLS = [("f-dates", "start_date"), ("f-dates", "end_date"), ("f-types", "value"), ("f-actors", "value"),
            ("f-sources", "value"), ("f-query", "value"), ("f-minconf", "value"), ("f-undated", "value"),
            ("lane", "value")]

# After a new drill-down renders: scroll the article box so the highlighted sentence sits near its top
# third, and bring the panel itself into view (it sits below the views on narrow screens).
SCROLL_TO_MARK = """
function(children) {
    setTimeout(function() {
        var mark = document.getElementById('drill-mark');
        var box = document.getElementById('drill-text');
        if (!mark || !box) { return; }
        box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
        mark.scrollIntoView({block: 'nearest'});
    }, 60);
    return window.dash_clientside.no_update;
}
"""


# Loads the events table's component bundle (dash-ag-grid) the first time the table tab opens, and says
# when it is there: update_views waits for it before it sends the grid (a Promise delays the output).
LOAD_GRID_BUNDLE = """
function(tab, src) {
    if (window.dash_ag_grid) { return true; }
    if (tab !== 'table' || !src) { return window.dash_clientside.no_update; }
    if (!window._gridBundle) {
        window._gridBundle = new Promise(function(resolve, reject) {
            var script = document.createElement('script');
            script.src = src;
            script.onload = function() { resolve(true); };
            script.onerror = function() { window._gridBundle = null; reject(new Error('cannot load ' + src)); };
            document.head.appendChild(script);
        });
    }
    return window._gridBundle;
}
"""


def sync_url_and_controls(search, *values):
    """The URL is the view's state (filters, lanes, open tab, selected event): a change of a control, the
    tab or the selection rewrites the URL; a new URL (page load, back button, shared link, reset) sets
    them. `values` are the controls' values, then the tab, then the selected event.
    Returns (search, *controls, tab, event, error)."""
    *control_values, tab, event = values
    # On page load Dash may report other inputs as triggered beside the URL: the URL wins.
    if ctx.triggered_id is None or "url.search" in {t["prop_id"] for t in ctx.triggered}:
        controls, error = views.controls_from_search(search)
        view, _ = view_from_search(search)
        return (no_update, *controls.as_tuple(), view.tab if view.tab != tab else no_update,
                view.event if view.event != event else no_update, error)
    new_search = views.search_from_controls(views.Controls(*control_values), tab, event)
    return (new_search if new_search != (search or "") else no_update, *([no_update] * (len(CONTROLS) + 2)), None)


def register_callbacks(app, cache: EventCache, ingest_upload, set_published) -> None:
    app.callback(
        Output("url", "search"), *[Output(i, p) for i, p in CONTROLS], Output("view-tabs", "value"),
        Output("selected-event", "data", allow_duplicate=True), Output("url-error", "children"),
        Input("url", "search"), *[Input(i, p) for i, p in CONTROLS], Input("view-tabs", "value"),
        Input("selected-event", "data"),
        prevent_initial_call="initial_duplicate",
    )(sync_url_and_controls)

    app.clientside_callback(LOAD_GRID_BUNDLE, Output("grid-ready", "data"), Input("view-tabs", "value"),
                            State("grid-bundle", "data"))

    @app.callback(
        Output("timeline", "figure"), Output("casualties", "figure"), Output("table-body", "children"),
        Output("table-note", "children"), Output("view-status", "children"), Output("empty-state", "hidden"),
        Output("drawn-view", "data"),
        Input("url", "search"), Input("data-version", "data"), Input("grid-ready", "data"),
        State("drawn-view", "data"),
    )
    def update_views(search, version, _grid_ready, drawn):
        key = [views.drawn_part(search), version]
        if key == drawn:
            return (no_update,) * 7   # only the selection changed, off the timeline: nothing to redraw
        out = views.render_views(cache.events, search)
        grid = events_grid(out["rows"]) if "rows" in out else no_update
        return (out.get("timeline", no_update), out.get("casualties", no_update), grid,
                out.get("note", no_update), out["status"], not out["no_match"], key)

    @app.callback(
        Output("selected-event", "data"),
        Input("timeline", "clickData"), Input("casualties", "clickData"),
        Input({"type": "drill-event", "event": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
    def select_event(timeline_click, casualty_click, _drill_clicks):
        trigger = ctx.triggered_id
        if trigger == "timeline":
            return views.event_from_click(timeline_click) or no_update
        if trigger == "casualties":
            return views.event_from_click(casualty_click) or no_update
        if isinstance(trigger, dict) and ctx.triggered and ctx.triggered[0]["value"]:
            return trigger["event"]
        return no_update

    # A callback of its own: the grid is on the page only once the table tab has opened, and a callback
    # with an input missing from the page fails.
    @app.callback(
        Output("selected-event", "data", allow_duplicate=True),
        Input("events-grid", "cellClicked"), Input("events-grid", "selectedRows"),
        prevent_initial_call=True,
    )
    def select_row(cell, rows):
        prop = ctx.triggered[0]["prop_id"] if ctx.triggered else ""
        if prop == "events-grid.cellClicked":
            return (cell or {}).get("rowId") or no_update
        if prop == "events-grid.selectedRows":   # keyboard: arrow to a row, press space
            return rows[0]["event_id"] if rows else no_update
        return no_update

    @app.callback(Output("drilldown", "children"), Input("selected-event", "data"), Input("data-version", "data"))
    def show_drilldown(event_id, _version):
        event = cache.event(event_id) if event_id else None
        article = cache.article(event["article_id"]) if event else None
        article_events = cache.events_of_article(event["article_id"]) if event else None
        return build_drilldown(event, article, article_events)

    app.clientside_callback(SCROLL_TO_MARK, Output("scroll-done", "data"), Input("drilldown", "children"))

    @app.callback(
        Output("f-actors", "options"), Output("f-sources", "options"), Output("undated-articles", "children"),
        Output("failed-files", "children"), Input("data-version", "data"),
        State("f-actors", "value"), State("f-sources", "value"),
    )
    def refresh_lists(_version, actors, sources):
        # Values from a shared URL stay selectable even if no event names them any more.
        actor_opts = list(dict.fromkeys([*cache.actors(), *(actors or [])]))
        source_opts = list(dict.fromkeys([*cache.outlets(), *(sources or [])]))
        return (actor_opts, source_opts, articles_panel.undated_list(cache.undated_articles()),
                articles_panel.failed_list(cache.failed_files()))

    @app.callback(
        Output("upload-result", "children"), Output("data-version", "data", allow_duplicate=True),
        Input("upload", "contents"), State("upload", "filename"), prevent_initial_call=True,
    )
    def upload(contents, filenames):
        if not contents:
            return no_update, no_update
        if isinstance(contents, str):
            contents, filenames = [contents], [filenames]
        with cache.writing():
            outcomes = ingest_uploads(filenames, contents, cache.db, ingest_upload)
            version = cache.reload()
        return articles_panel.upload_result(outcomes), version

    @app.callback(
        Output("set-date-result", "children"), Output("data-version", "data", allow_duplicate=True),
        Input({"type": "set-date", "article": ALL}, "n_clicks"),
        State({"type": "pub-date", "article": ALL}, "value"), State({"type": "pub-date", "article": ALL}, "id"),
        prevent_initial_call=True,
    )
    def set_date(clicks, dates, ids):
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not any(clicks):
            return no_update, no_update
        chosen = {i["article"]: d for i, d in zip(ids, dates)}.get(trigger["article"])
        outcome = set_publication_date(cache, trigger["article"], chosen, set_published)
        return articles_panel.upload_result([outcome]), cache.version


def set_publication_date(cache: EventCache, article_id: str, value: str | None, set_published) -> UploadOutcome:
    """Set one article's publication date from the page's date input; re-reads the cache on success."""
    article = cache.article(article_id) or {}
    name = article.get("title") or article.get("path") or article_id
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return UploadOutcome(name, False, "choose a date first (YYYY-MM-DD)")
    with cache.writing():
        try:
            n = set_published(cache.db, article_id, day)
        except (KeyError, ValueError) as exc:
            return UploadOutcome(name, False, str(exc))
        cache.reload()
    return UploadOutcome(name, True, f"published {day:%d %b %Y}; {n} event(s) re-anchored")
