"""The Dash dashboard: `create_app(db)` builds it, `run(db, ...)` serves it.

Dash and the callbacks are imported inside the functions: `dashboard.figures` imports
`dashboard.app.hover`, and that must not pull in the whole app (nor create an import cycle).
"""
from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent.parent / "assets"
# A request carries base64 (4/3 of the bytes) of every file dropped at once; each file is also
# checked against config.MAX_UPLOAD_BYTES after decoding.
MAX_REQUEST_FILES = 8


def create_app(db):
    """The Dash app over the database file `db` (which must exist; `run` creates and fills it)."""
    import dash

    from dashboard.app.callbacks import register_callbacks
    from dashboard.app.layout import build_layout
    from dashboard.app.state import EventCache
    from dashboard.config import MAX_UPLOAD_BYTES
    from dashboard.export import ui as export_ui

    cache = EventCache(db)
    app = dash.Dash(__name__, title="Diplomatic timeline", assets_folder=str(ASSETS),
                    suppress_callback_exceptions=False, update_title=None)
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_FILES * MAX_UPLOAD_BYTES * 4 // 3 + 1024 * 1024
    app.cache = cache   # the export menu, tests and benchmarks reach the in-memory events through it
    app.layout = build_layout(export_menu=export_ui.export_menu())
    register_callbacks(app, cache, ingest_upload=_ingest_upload, set_published=_set_published)
    export_ui.register_export_callbacks(app)
    return app


def _ingest_upload(name, data, db):
    from dashboard.pipeline import ingest_upload   # the parser loads on first use, not at start-up

    return ingest_upload(name, data, db)


def _set_published(db, article_id, published):
    from dashboard.pipeline import set_published

    return set_published(db, article_id, published)


def run(db, host: str = "127.0.0.1", port: int = 8050, debug: bool = False, seed_dir=None) -> None:
    """Serve the dashboard. An empty database is first filled from `seed_dir`, so a fresh install shows
    a populated timeline."""
    from dashboard.pipeline import ingest
    from dashboard.store import Store

    with Store(db) as store:
        empty = store.is_empty()
    if empty and seed_dir is not None and Path(seed_dir).exists():
        report = ingest([Path(seed_dir)], db)
        print(f"empty database: ingested {seed_dir}: {report.summary()}", flush=True)
    app = create_app(db)
    print(f"Diplomatic timeline on http://{host}:{port}/", flush=True)
    app.run(host=host, port=port, debug=debug)
