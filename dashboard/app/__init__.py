"""The Dash dashboard: `create_app(db)` builds it, `run(db, ...)` serves it.

What makes the first page load quick (benchmarks/bench_app.py measures it):
- waitress serves, with compressed responses (7.6 MB of script became 0.75 MB sent);
- plotly.js's "basic" bundle (assets/plotly-basic.min.js: scatter, bar and pie, 1.2 MB) instead of the
  full one Dash would load (4.8 MB, every trace type): the page draws scatter traces only
  (tests/test_figures.py checks that), and parsing the full bundle was most of a first load;
- dash-ag-grid's bundle (1.3 MB) loads only when the table tab opens;
- the layout comes drawn for the page's URL (views.first_view), so the first point shows as soon as
  the graph mounts, not after a round of callbacks; and dcc's parts that the first page needs are
  fetched with the other scripts.
"""
from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urlsplit

import dash
import dash_ag_grid
import flask

from dashboard.app import views
from dashboard.app.callbacks import register_callbacks
from dashboard.app.export_menu import export_menu, register_export_callbacks
from dashboard.app.layout import build_layout
from dashboard.app.state import EventCache
from dashboard.config import MAX_UPLOAD_BYTES

ASSETS = Path(__file__).resolve().parent.parent.parent / "assets"
# A request carries base64 (4/3 of the bytes) of every file dropped at once; each file is also
# checked against config.MAX_UPLOAD_BYTES after decoding.
MAX_REQUEST_FILES = 8
SERVER_THREADS = 8   # requests served at once: the page's first load asks for ~15 files in parallel


GRID_BUNDLE = "dash_ag_grid.min.js"
# Parts of dcc that its bundle fetches only once a component of theirs is on the page; the first page
# has all four, so the browser is told to fetch them with the other scripts instead of after the layout.
FIRST_PAGE_CHUNKS = ("async-graph.js", "async-datepicker.js", "async-dropdown.js", "async-slider.js")
FIRST_VIEWS_KEPT = 16   # first views kept drawn, per URL and data version


def _grid_bundle_on_demand() -> None:
    """Leave dash-ag-grid's bundle out of the page's scripts (Dash serves it all the same): the page loads
    it when the table tab opens (callbacks.LOAD_GRID_BUNDLE)."""
    for resource in dash_ag_grid._js_dist:
        if resource.get("relative_package_path") == GRID_BUNDLE:
            resource["async"] = "lazy"


class _DashWithBasicPlotly(dash.Dash):
    """Dash that leaves plotly.js to the page's assets: dcc.Graph uses `window.Plotly` when a script
    has defined it, and only loads Dash's own full bundle otherwise (so it is not registered)."""

    def _setup_plotlyjs(self):
        self._plotlyjs_url = "assets/plotly-basic.min.js"


def create_app(db):
    """The Dash app over the database file `db` (which must exist; `run` creates and fills it)."""
    cache = EventCache(db)
    _grid_bundle_on_demand()
    app = _DashWithBasicPlotly(__name__, title="Diplomatic timeline", assets_folder=str(ASSETS),
                               suppress_callback_exceptions=True, update_title=None, compress=True)
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_FILES * MAX_UPLOAD_BYTES * 4 // 3 + 1024 * 1024
    app.cache = cache   # the export menu, tests and benchmarks reach the in-memory events through it
    suites = f"{app.config.requests_pathname_prefix}_dash-component-suites"
    grid_bundle = f"{suites}/dash_ag_grid/{GRID_BUNDLE}"
    preloads = "".join(f'<link rel="preload" as="script" href="{suites}/dash/dcc/{chunk}">' for chunk in FIRST_PAGE_CHUNKS)
    app.index_string = app.index_string.replace("{%css%}", "{%css%}" + preloads)

    @functools.lru_cache(maxsize=FIRST_VIEWS_KEPT)
    def first_view(search: str, version: int) -> dict:
        return views.first_view(cache.events, search, version)

    first_view("", cache.version)   # the page most often opened is drawn before anyone asks
    app.layout = lambda: build_layout(export_menu=export_menu(), grid_bundle=grid_bundle,
                                      first=first_view(_page_search(), cache.version))
    # Callbacks name components the first layout lacks (the grid, see layout.events_grid), so Dash must not
    # check their ids against it; tests/test_app_callbacks.py checks them against the full page instead.
    register_callbacks(app, cache, ingest_upload=_ingest_upload, set_published=_set_published)
    register_export_callbacks(app)
    return app


def _page_search() -> str:
    """The query string of the page whose layout is asked for. The page's script fetches the layout,
    and a same-origin fetch names the page (with its query) in the Referer header; no request (the
    layout checked at start-up) or no referrer means the default view."""
    referrer = flask.request.referrer if flask.has_request_context() else None
    query = urlsplit(referrer).query if referrer else ""
    return f"?{query}" if query else ""


# The pipeline (parser, dateparser) loads on first use, not when the page starts.
def _ingest_upload(name, data, db):
    from dashboard.pipeline import ingest_upload

    return ingest_upload(name, data, db)


def _set_published(db, article_id, published):
    from dashboard.pipeline import set_published

    return set_published(db, article_id, published)


def run(db, host: str = "127.0.0.1", port: int = 8050, debug: bool = False, seed_dir=None) -> None:
    """Serve the dashboard with waitress (Flask's debugging server with `debug`). An empty database is
    first filled from `seed_dir`, so a fresh install shows a populated timeline. Port 0 takes a free
    port; the line printed says which."""
    from dashboard.pipeline import ingest
    from dashboard.store import Store

    with Store(db) as store:
        empty = store.is_empty()
    if empty and seed_dir is not None and Path(seed_dir).exists():
        report = ingest([Path(seed_dir)], db)
        print(f"empty database: ingested {seed_dir}: {report.summary()}", flush=True)
    app = create_app(db)
    if debug:
        app.run(host=host, port=port, debug=True)
        return
    from waitress import create_server

    server = create_server(app.server, host=host, port=port, threads=SERVER_THREADS)
    print(f"Diplomatic timeline listening on http://{host}:{server.effective_port}/", flush=True)
    server.run()
