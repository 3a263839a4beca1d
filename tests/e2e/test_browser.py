"""End to end: the real server (python -m dashboard serve, seeds ingested on first start) driven by
Debian's chromium through Playwright's Python client. Never downloads a browser."""
from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parents[2]
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
START_TIMEOUT = 180   # first start ingests the seeds
UPDATE_TIMEOUT = 30_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                       reason=f"{CHROMIUM} is absent: install Debian's chromium (scripts/install.sh --dev)"),
]

# Counting what the page draws: events traces of the timeline's graph div, as Plotly holds them.
COUNT_POINTS = """() => {
    const gd = document.querySelector('#timeline .js-plotly-plot');
    if (!gd || !gd._fullData) { return -1; }
    return gd._fullData.filter(t => t.meta && t.meta.role === 'events')
                       .reduce((n, t) => n + (t.x ? t.x.length : 0), 0);
}"""
HOVER_TEXTS = """() => {
    const gd = document.querySelector('#timeline .js-plotly-plot');
    return gd.data.filter(t => t.meta && t.meta.role === 'events').flatMap(t => Array.from(t.hovertext));
}"""
POINTS = "#timeline .cartesianlayer .scatterlayer .trace .points path.point"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real server on a port the system picks (--port 0); its URL is read from what it prints."""
    db = tmp_path_factory.mktemp("e2e") / "timeline.duckdb"
    log_path = db.parent / "server.log"
    log = open(log_path, "w+")
    proc = subprocess.Popen([sys.executable, "-m", "dashboard", "serve", "--db", str(db), "--port", "0"],
                            cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT
    while not (found := re.findall(r"listening on (http://\S+/)", log_path.read_text())):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the server did not start:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.2)   # polling the log for the line that says the server listens
    yield found[-1]
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def wait_points(pg, predicate=lambda n: n > 0) -> int:
    """Wait until the timeline has drawn a number of points satisfying `predicate`; return it."""
    pg.wait_for_function(f"() => {{ const n = ({COUNT_POINTS})(); return n >= 0 && ({_js(predicate)})(n); }}",
                         timeout=UPDATE_TIMEOUT)
    return pg.evaluate(COUNT_POINTS)


def _js(predicate) -> str:
    return predicate if isinstance(predicate, str) else "n => n > 0"


def open_timeline(pg, url: str, query: str = "") -> int:
    pg.goto(url + query)
    pg.wait_for_selector(POINTS, timeout=UPDATE_TIMEOUT)
    pg.wait_for_function("() => !document.querySelector('#timeline')?.closest('[data-dash-is-loading=true]')")
    return wait_points(pg)


def _plain(hovertext: str) -> str:
    """What a hover label reads as text: tags dropped, entities decoded, no whitespace."""
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", hovertext)))


def hover_point(pg, index: int) -> str:
    box = pg.locator(POINTS).nth(index).bounding_box()
    pg.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    pg.wait_for_selector("#timeline .hoverlayer .hovertext", timeout=5000)
    return pg.locator("#timeline .hoverlayer .hovertext").first.text_content()


def click_point(pg, index: int) -> None:
    box = pg.locator(POINTS).nth(index).bounding_box()
    pg.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


# -------------------------------------------------------------------------------------------------------

def test_page_loads_without_console_errors_and_shows_the_seeds(server, page):
    n = open_timeline(page, server)
    assert n >= 15, f"the seed articles should give at least 15 points, got {n}"
    assert page.title() == "Diplomatic timeline"
    assert "events" in page.locator("#view-status").inner_text()
    page.wait_for_load_state("networkidle")   # every callback of the first load has answered
    assert page.errors == []


def test_hovering_a_point_shows_its_quote(server, page):
    open_timeline(page, server)
    known = {_plain(t) for t in page.evaluate(HOVER_TEXTS)}
    label = hover_point(page, 3)
    assert "“" in label, "the hover shows the sentence the event came from"
    assert not re.search(r"&#?\w+;", label), "entities are decoded, never shown as written"
    assert re.sub(r"\s+", "", label) in known


def test_clicking_a_point_opens_its_article_with_the_sentence_highlighted(server, page):
    open_timeline(page, server)
    label = hover_point(page, 5)
    quote = label.split("“", 1)[1].split("”", 1)[0].rstrip("…")
    click_point(page, 5)
    page.wait_for_selector("#drill-mark", timeout=UPDATE_TIMEOUT)
    marked = page.locator("#drill-mark").inner_text()
    assert re.sub(r"\s+", "", marked).startswith(re.sub(r"\s+", "", quote)[:60])
    assert page.locator("#drilldown h3").inner_text()
    assert page.locator("#drilldown .published-from").inner_text().strip() in (
        "(from the manifest)", "(from the page metadata)", "(from the dateline)", "(read in the text)", "(unknown)")
    # the highlighted sentence is scrolled into the visible part of the article box
    inside = page.evaluate("""() => { const m = document.getElementById('drill-mark').getBoundingClientRect();
        const b = document.getElementById('drill-text').getBoundingClientRect();
        return m.top >= b.top - 1 && m.top <= b.bottom; }""")
    assert inside
    # choosing another event of the article moves the highlight
    others = page.locator("#drilldown button.drill-event:not(.selected)")
    if others.count():
        before = marked
        others.first.click()
        page.wait_for_function("(before) => document.getElementById('drill-mark')?.innerText !== before",
                               arg=before, timeout=UPDATE_TIMEOUT)
        assert page.locator("#drilldown button.drill-event.selected").count() == 1


def test_a_link_to_an_event_opens_its_article_and_its_tab(server, page, browser):
    open_timeline(page, server)
    label = hover_point(page, 2)
    quote = label.split("“", 1)[1].split("”", 1)[0].rstrip("…")
    click_point(page, 2)
    page.wait_for_function("() => location.search.includes('event=')", timeout=UPDATE_TIMEOUT)
    page.locator("#view-tabs .tab", has_text="Events table").click()
    page.wait_for_function("() => location.search.includes('tab=table')", timeout=UPDATE_TIMEOUT)
    shared = page.url

    other = browser.new_page()
    try:
        other.goto(shared)
        other.wait_for_selector("#drill-mark", timeout=UPDATE_TIMEOUT)
        marked = other.locator("#drill-mark").inner_text()
        assert re.sub(r"\s+", "", marked).startswith(re.sub(r"\s+", "", quote)[:60])
        other.wait_for_selector("#events-grid .ag-row", timeout=UPDATE_TIMEOUT)
        assert other.locator("#view-tabs .tab--selected").inner_text().strip() == "Events table"
    finally:
        other.close()


def test_a_filter_changes_the_points_and_the_url_and_the_url_restores_the_view(server, page, browser):
    everything = open_timeline(page, server)
    page.locator("#f-types label", has_text="meeting").click()
    page.wait_for_function("() => location.search.includes('type=meeting')", timeout=UPDATE_TIMEOUT)
    meetings = wait_points(page, f"n => n > 0 && n < {everything}")
    assert meetings < everything
    hovers = page.evaluate(HOVER_TEXTS)
    assert hovers and all("· meeting" in h for h in hovers)
    shared = page.url

    other = browser.new_page()
    try:
        assert open_timeline(other, shared) == meetings
        assert other.locator("#f-types input[value=meeting]").is_checked()
        assert not other.locator("#f-types input[value=statement]").is_checked()
    finally:
        other.close()

    page.go_back()   # the back button returns to the unfiltered view
    page.wait_for_function("() => !location.search.includes('type=meeting')", timeout=UPDATE_TIMEOUT)
    assert wait_points(page, f"n => n === {everything}") == everything
    assert not page.locator("#f-types input[value=meeting]").is_checked()


def test_no_match_shows_an_empty_state_with_a_reset_link(server, page):
    page.goto(server + "?q=no-article-says-this")
    page.wait_for_selector("#empty-state:not([hidden])", timeout=UPDATE_TIMEOUT)
    assert "No events match" in page.locator("#empty-state").inner_text()
    assert page.locator("#f-query").input_value() == "no-article-says-this"
    page.locator("#empty-state a", has_text="Reset").click()
    page.wait_for_function("() => location.search === ''", timeout=UPDATE_TIMEOUT)
    assert wait_points(page, "n => n >= 15") >= 15
    assert page.locator("#f-query").input_value() == ""
    assert page.locator("#empty-state").get_attribute("hidden") is not None


def upload(page, path, content: bytes) -> None:
    """Write `content` to `path` and drop it on the Articles tab's upload zone."""
    path.write_bytes(content)
    page.locator("#view-tabs .tab", has_text="Articles").click()
    page.locator("#upload input[type=file]").set_input_files(str(path))


VIENNA = b"""Ministers to meet in Vienna

Vienna, 2 March 2017 (Reuters)

Foreign ministers of France and Germany will meet in Vienna on Friday to discuss the ceasefire in Ukraine, officials said.

The ministers said <script>window.__pwned = 1; document.title = "pwned";</script> the talks would cover prisoner exchanges.
"""


def test_uploading_a_file_adds_its_events_and_article_scripts_never_run(server, page, tmp_path):
    before = open_timeline(page, server)
    upload(page, tmp_path / "vienna-talks.txt", VIENNA)
    page.wait_for_selector("#upload-result li", timeout=UPDATE_TIMEOUT)
    result = page.locator("#upload-result").inner_text()
    assert "vienna-talks.txt" in result and "event" in result
    page.locator("#view-tabs .tab", has_text="Timeline").click()
    after = wait_points(page, f"n => n > {before}")
    assert after > before

    # open the uploaded article: its <script> is shown as text and never runs
    open_timeline(page, server, "?q=Vienna")
    click_point(page, 0)
    page.wait_for_selector("#drill-mark", timeout=UPDATE_TIMEOUT)
    assert "<script>" in page.locator("#drill-text").inner_text()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    assert page.title() == "Diplomatic timeline"


def test_a_rejected_upload_says_why(server, page, tmp_path):
    open_timeline(page, server)
    upload(page, tmp_path / "notes.exe", b"MZ\x00\x00")
    page.wait_for_selector("#upload-result li.failed", timeout=UPDATE_TIMEOUT)
    assert "unsupported file type" in page.locator("#upload-result").inner_text()


UNDATED = b"""Envoys to meet on Syria truce

Envoys of Russia and the United States will meet in Geneva next Tuesday to discuss the ceasefire in Syria, diplomats said.

The talks were delayed last week after heavy shelling of Aleppo, a spokesman said.
"""


def test_an_article_without_a_date_gets_one_and_its_events_appear(server, page, tmp_path):
    before = open_timeline(page, server)
    upload(page, tmp_path / "envoys.txt", UNDATED)
    row = page.locator("#undated-articles li", has_text="Envoys to meet on Syria truce")
    row.wait_for(timeout=UPDATE_TIMEOUT)
    row.locator("input[type=date]").fill("2016-09-01")
    row.get_by_role("button", name="Set date").click()
    page.wait_for_selector("#set-date-result li.ok", timeout=UPDATE_TIMEOUT)
    assert "re-anchored" in page.locator("#set-date-result").inner_text()
    page.wait_for_function("() => !document.querySelector('#undated-articles').innerText.includes('Envoys to meet')",
                           timeout=UPDATE_TIMEOUT)
    page.locator("#view-tabs .tab", has_text="Timeline").click()
    assert wait_points(page, f"n => n > {before}") > before
