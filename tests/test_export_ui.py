"""The page's Export menu: the download holds what the URL's view shows; end to end in headless Chromium."""
from __future__ import annotations

import base64
import io
import shutil
import threading
import time
from datetime import date
from pathlib import Path

import dash
import pandas as pd
import pytest
from dash import dcc, html
from support import png_size, sample_events, walk_components

import dashboard.export.static as static
from dashboard.export import ExportError
from dashboard.app.export_menu import MENU, export_download, export_menu, register_export_callbacks
from dashboard.filters import Filters

TODAY = date(2026, 11, 22)


def decoded(payload: dict) -> bytes:
    assert payload["base64"] is True
    return base64.b64decode(payload["content"])


def test_csv_download_holds_the_events_of_the_url_view():
    events = sample_events()
    search = "?type=meeting&type=statement&from=2016-01-01"
    payload = export_download(events, "csv", search, today=TODAY)
    assert payload["filename"] == "events-2026-11-22.csv"
    assert payload["type"] == "text/csv"
    back = pd.read_csv(io.BytesIO(decoded(payload)), encoding="utf-8-sig")
    expected = Filters.from_query_string(search).apply(events)
    assert sorted(back["Event ID"]) == sorted(expected["event_id"])


def test_a_malformed_url_exports_what_the_page_shows_for_it_all_events():
    events = sample_events()
    payload = export_download(events, "csv", "?from=not-a-date", today=TODAY)
    assert len(pd.read_csv(io.BytesIO(decoded(payload)), encoding="utf-8-sig")) == len(events)


def test_png_download_uses_the_size_fields_and_an_empty_field_means_the_default():
    events = sample_events()
    payload = export_download(events, "png", "?lane=source", width=800, height=500, scale=2, today=TODAY)
    assert payload["filename"] == "diplomatic-timeline-2026-11-22.png"
    assert png_size(decoded(payload)) == (1600, 1000)
    payload = export_download(events, "png", "", width=None, height="", scale=None, today=TODAY)
    assert png_size(decoded(payload)) == (3200, 1800)


def test_the_title_field_titles_the_report_and_blank_means_the_default():
    events = sample_events()
    page = decoded(export_download(events, "report-html", "", title="  Syria talks <brief>  ", today=TODAY))
    assert b"<h1>Syria talks &lt;brief&gt;</h1>" in page
    page = decoded(export_download(events, "report-html", "", title="   ", today=TODAY))
    assert b"<h1>Diplomatic timeline</h1>" in page


def test_on_the_casualty_tab_the_image_is_the_casualty_chart():
    payload = export_download(sample_events(), "svg", "", chart="casualties", today=TODAY)
    assert payload["filename"] == "casualty-figures-2026-11-22.svg"
    assert b"Figures for a period" in decoded(payload)


def test_bad_size_is_an_export_error_for_the_status_line():
    with pytest.raises(ExportError, match="out of range"):
        export_download(sample_events(), "png", "", width=50, height=500, scale=1)


def test_menu_has_a_button_per_format_and_the_callback_is_registered():
    app = dash.Dash(__name__)
    app.layout = page_layout()
    register_export_callbacks(app, get_events=sample_events)
    ids = [c.id["fmt"] for c in walk_components(app.layout) if isinstance(getattr(c, "id", None), dict)]
    assert ids == [fmt for fmt, _, _ in MENU]
    assert any("export-download.data" in key for key in app.callback_map)


def page_layout() -> html.Div:
    """What the menu needs from the page: the URL and the view tabs."""
    return html.Div([dcc.Location(id="url"), export_menu(),
                     dcc.Tabs(id="view-tabs", value="timeline", children=[
                         dcc.Tab(label="Timeline", value="timeline"),
                         dcc.Tab(label="Casualty figures", value="casualties")])])



# -- end to end in headless Chromium ----------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def served_menu():
    """A minimal Dash page (URL + Export menu) over the sample events, served on a free port."""
    from werkzeug.serving import make_server

    app = dash.Dash(__name__)
    app.layout = page_layout()
    register_export_callbacks(app, get_events=sample_events)
    server = make_server("127.0.0.1", 0, app.server, threaded=True)   # port 0: the system picks a free one
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs /usr/bin/chromium")
def test_clicking_export_downloads_the_filtered_view(served_menu, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    static._renderer.close()   # the server runs in this process: opening the menu must start it again
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(accept_downloads=True)
            page.goto(f"{served_menu}/?type=meeting", wait_until="networkidle")
            page.click("summary.export-summary")
            with page.expect_download(timeout=60_000) as info:
                page.get_by_role("button", name="Excel (XLSX)").click()
            saved = tmp_path / info.value.suggested_filename
            info.value.save_as(saved)
            page.wait_for_selector("#export-status:has-text('Downloaded')", timeout=10_000)
        finally:
            browser.close()
    deadline = time.monotonic() + 60
    while static._renderer._kaleido is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert static._renderer._kaleido is not None, "opening the menu did not start the chart renderer"
    assert saved.name.startswith("events-") and saved.suffix == ".xlsx"
    back = pd.read_excel(saved)
    expected = Filters(types=("meeting",)).apply(sample_events())
    assert sorted(back["Event ID"]) == sorted(expected["event_id"])


@pytest.mark.browser
@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs /usr/bin/chromium")
def test_without_chromium_the_menu_says_how_to_install_it(served_menu, monkeypatch):
    playwright = pytest.importorskip("playwright.sync_api")
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")   # read by the server thread at export time
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(served_menu, wait_until="networkidle")
            page.click("summary.export-summary")
            page.get_by_role("button", name="Chart as PNG").click()
            status = page.wait_for_selector("#export-status:has-text('Export failed')", timeout=30_000)
            message = status.inner_text()
        finally:
            browser.close()
    assert "apt-get install chromium" in message


def test_the_menu_offers_every_export_format_once():
    from dashboard.config import EXPORT_FORMATS

    formats = [fmt for fmt, _, _ in MENU]
    assert sorted(formats) == sorted(EXPORT_FORMATS) and len(set(formats)) == len(formats)


def test_timelinejs_download_holds_the_view():
    import json

    payload = export_download(sample_events(), "timelinejs", "?type=meeting", today=date(2026, 11, 22))
    assert payload["filename"] == "timeline-2026-11-22.json"
    document = json.loads(decoded(payload))
    assert [s["group"] for s in document["events"]] == ["meeting"]
