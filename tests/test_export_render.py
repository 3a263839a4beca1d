"""Chart and report exports rendered through Chromium (kaleido, headless print), opened and checked.

Rendering is slow-ish, so each format is written once per module and shared by the tests that read it.
"""
from __future__ import annotations

import base64
import html
import os
import re
import shutil
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from support import make_events, png_size, sample_events

import dashboard.export.browser as browser
import dashboard.export.static as static
from dashboard.config import PROJECT_ROOT
from dashboard.export import ExportError, export_events
from dashboard.filters import Filters
from dashboard.store import Store, load_events

pytestmark = pytest.mark.skipif(not shutil.which("chromium") and not Path("/usr/bin/chromium").exists(),
                                reason="needs a Chromium")

TITLE = "Kerry & Lavrov <talks>"
MEETINGS = Filters(types=("meeting",))


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return " ".join(t for t in root.itertext())


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    """Every chart/report format of the sample corpus, written once."""
    folder = tmp_path_factory.mktemp("exports")
    events = sample_events()
    written = {
        "png": export_events(events, "png", folder / "t.png", width=1000, height=600, scale=2, title=TITLE),
        "svg": export_events(events, "svg", folder / "t.svg", title=TITLE),
        "svg-meetings": export_events(events, "svg", folder / "m.svg", filters=MEETINGS),
        "pdf": export_events(events, "pdf", folder / "t.pdf", title=TITLE),
        "html": export_events(events, "html", folder / "t.html", title=TITLE),
        "html-meetings": export_events(events, "html", folder / "m.html", filters=MEETINGS),
        "report-html": export_events(events, "report-html", folder / "r.html", title=TITLE),
        "report-pdf": export_events(events, "report-pdf", folder / "r.pdf", title=TITLE),
    }
    return written


def test_png_has_the_asked_pixel_size_times_scale(exports):
    assert png_size(exports["png"].read_bytes()) == (2000, 1200)


def test_default_png_is_at_least_1600_px_wide(tmp_path):
    out = export_events(make_events(dict()), "png", tmp_path / "d.png")
    assert png_size(out.read_bytes())[0] >= 1600


def test_many_actor_lanes_make_the_image_taller_so_labels_fit(tmp_path):
    many = make_events(*[dict(actors=f"Actor number {i}") for i in range(20)])
    few = export_events(many, "png", tmp_path / "types.png", width=1000, height=500)
    tall = export_events(many, "png", tmp_path / "actors.png", width=1000, height=500, lane_by="actor")
    assert png_size(few.read_bytes()) == (1000, 500)
    width, height = png_size(tall.read_bytes())
    assert width == 1000 and height > 500 + 200    # 20 lanes need more than the 500 px asked
    assert "Actor number 19" in svg_text(export_events(many, "svg", tmp_path / "a.svg", lane_by="actor").read_bytes())


def test_svg_parses_and_carries_title_subtitle_and_source_footer(exports):
    text = svg_text(exports["svg"].read_bytes())
    assert TITLE in text                                   # escaped in the file, exact once parsed
    assert "1 Aug 2013 – 1 Aug 2016 · 5 events" in text
    assert "Source: 5 articles (4 from Outlet A, Outlet B, Outlet C, Outlet D; 1 outlet unknown); exported" in text


def test_filtered_chart_shows_only_the_filtered_events(exports):
    text = svg_text(exports["svg-meetings"].read_bytes())
    assert "meeting" in text and "1 event" in text
    for other in ("conference", "casualties", "statement"):   # ("deadline" is also a legend key)
        assert other not in text
    page = exports["html-meetings"].read_text(encoding="utf-8")
    assert "The secretary will meet the president in Moscow on Thursday." in page
    assert "A peace conference may not happen until August." not in page


def test_casualty_chart_export_shows_the_casualty_figures_and_its_report_lists_only_them(tmp_path):
    events = sample_events()
    text = svg_text(export_events(events, "svg", tmp_path / "c.svg", chart="casualties").read_bytes())
    assert "Casualty figures" in text and "1 figure" in text and "Figures for a period" in text
    page = export_events(events, "report-html", tmp_path / "c.html", chart="casualties").read_text(encoding="utf-8")
    assert "January was the deadliest month, with some 6,000 dead." in page
    assert "A peace conference may not happen until August." not in page


def test_pdf_is_a_one_page_pdf(exports):
    data = exports["pdf"].read_bytes()
    assert data.startswith(b"%PDF-")
    assert pdf_pages(data) == 1


def test_html_is_offline_and_keeps_hover_quotes(exports):
    page = exports["html"].read_text(encoding="utf-8")
    assert "A peace conference may not happen until August." in page      # the hover text of that point
    assert not re.search(r"<script[^>]+src\s*=", page, re.I)              # plotly.js inlined, nothing fetched
    assert "Plotly.newPlot" in page
    assert "<title>Kerry &amp; Lavrov &lt;talks&gt;</title>" in page


def test_report_html_embeds_a_parsable_chart_and_no_external_resources(exports):
    page = exports["report-html"].read_text(encoding="utf-8")
    [uri] = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    ET.fromstring(base64.b64decode(uri))
    assert not re.search(r'(src|href)="(?!data:|https://example\.org)', page)   # only the article's own link
    assert "<h1>Kerry &amp; Lavrov &lt;talks&gt;</h1>" in page


def test_report_pdf_is_an_a4_pdf(exports):
    data = exports["report-pdf"].read_bytes()
    assert data.startswith(b"%PDF-")
    assert pdf_pages(data) == 1
    width, height = map(float, re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", data).groups())
    assert (round(width), round(height)) == (595, 842)


def test_long_report_flows_onto_more_pages(tmp_path):
    many = make_events(*[dict(date=f"2016-{m:02d}-{d:02d}", quote=f"Event on day {d} of month {m}. " * 4)
                         for m in range(1, 7) for d in (3, 13, 23)])
    data = export_events(many, "report-pdf", tmp_path / "long.pdf").read_bytes()
    assert pdf_pages(data) >= 2


def test_concurrent_exports_each_get_their_own_complete_file(tmp_path):
    events = sample_events()
    jobs = [("png", tmp_path / "a.png"), ("svg", tmp_path / "b.svg"), ("pdf", tmp_path / "c.pdf"),
            ("png", tmp_path / "d.png")]
    errors: list[BaseException] = []

    def run(fmt, out):
        try:
            export_events(events, fmt, out, width=800, height=500)
        except BaseException as exc:  # collected: a thread's failure must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=180)
    assert errors == []
    assert png_size((tmp_path / "a.png").read_bytes()) == png_size((tmp_path / "d.png").read_bytes()) == (800, 500)
    ET.fromstring((tmp_path / "b.svg").read_bytes())
    assert (tmp_path / "c.pdf").read_bytes().startswith(b"%PDF-")


def test_export_recovers_when_the_running_browser_has_died(tmp_path):
    events = sample_events()
    export_events(events, "png", tmp_path / "warm.png")
    process = static._renderer._kaleido.subprocess   # the Chromium this process started and kept open
    process.kill()
    process.wait(timeout=10)
    out = export_events(events, "png", tmp_path / "after.png", width=700, height=400)
    assert png_size(out.read_bytes()) == (700, 400)


# -- Chromium missing -------------------------------------------------------------------------------

def test_missing_chromium_is_a_clear_error_with_the_install_command(tmp_path, monkeypatch):
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setattr(browser.Chromium, "find_browser", classmethod(lambda cls, **kw: None))
    for fmt in ("png", "svg", "pdf", "report-pdf"):
        with pytest.raises(ExportError, match="apt-get install chromium"):
            export_events(sample_events(), fmt, tmp_path / f"x.{fmt}")
    assert list(tmp_path.iterdir()) == []


def test_a_wrong_browser_path_is_named_in_the_error(tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    with pytest.raises(ExportError, match="no-such-chromium.*apt-get install chromium"):
        export_events(sample_events(), "png", tmp_path / "x.png")


# -- CLI end to end ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("db") / "t.duckdb"
    events = sample_events()
    with Store(db) as store:
        articles = pd.DataFrame({"article_id": events["article_id"].unique(), "path": "x", "title": "t"})
        store.write_batch(articles, events, replace_files=[])
    return db


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dashboard", "export", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=180, env=env)


def test_cli_exports_a_filtered_png_and_xlsx(synthetic_db, tmp_path):
    done = run_cli("--db", str(synthetic_db), "--format", "png", "--out", str(tmp_path / "t.png"),
                   "--view", "?type=meeting", "--width", "1200", "--height", "700", "--scale", "2")
    assert done.returncode == 0, done.stderr
    assert png_size((tmp_path / "t.png").read_bytes()) == (2400, 1400)
    done = run_cli("--db", str(synthetic_db), "--format", "xlsx", "--out", str(tmp_path / "t.xlsx"),
                   "--from", "2016-01-01", "--source", "Outlet A")
    assert done.returncode == 0, done.stderr
    back = pd.read_excel(tmp_path / "t.xlsx")
    expected = Filters(date_from=date(2016, 1, 1), sources=("Outlet A",)).apply(sample_events())
    assert sorted(back["Event ID"]) == sorted(expected["event_id"])


def test_cli_on_the_seeds_exports_exactly_the_filtered_view(seeds_db, tmp_path):
    events = load_events(seeds_db)
    view = "?type=meeting&type=statement&from=2016-01-01"
    expected = Filters.from_query_string(view).apply(events)
    assert 0 < len(expected) < len(events)          # the filter really narrows the seeds
    done = run_cli("--db", str(seeds_db), "--format", "xlsx", "--out", str(tmp_path / "v.xlsx"), "--view", view)
    assert done.returncode == 0, done.stderr
    back = pd.read_excel(tmp_path / "v.xlsx")
    assert sorted(back["Event ID"]) == sorted(expected["event_id"])
    done = run_cli("--db", str(seeds_db), "--format", "report-html", "--out", str(tmp_path / "v.html"),
                   "--view", view, "--title", "Seeds brief")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "v.html").read_text(encoding="utf-8")
    shown_quotes = [q for q in expected["quote"].dropna() if html.escape(q) in page]
    # One sentence can yield several events (one per type): only sentences with no shown event count.
    hidden = set(events[~events["event_id"].isin(expected["event_id"])]["quote"].dropna()) - set(expected["quote"])
    assert shown_quotes                                      # each happening shows its lead quote
    assert not [q for q in hidden if html.escape(q) in page]
    assert "<h1>Seeds brief</h1>" in page


def test_cli_without_chromium_prints_the_install_hint_not_a_traceback(synthetic_db, tmp_path):
    env = {**os.environ, "BROWSER_PATH": str(tmp_path / "gone" / "chromium")}
    done = run_cli("--db", str(synthetic_db), "--format", "pdf", "--out", str(tmp_path / "t.pdf"), env=env)
    assert done.returncode == 1
    assert "apt-get install chromium" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "t.pdf").exists()
