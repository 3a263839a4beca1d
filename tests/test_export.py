"""Exports without a browser: tables (CSV/XLSX), captions, the report page, errors and atomic writes.

Chart and PDF rendering through Chromium is tested in test_export_render.py.
"""
from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import openpyxl
import pandas as pd
import pytest

from dashboard.export import ExportError, export, export_events
from dashboard.export.captions import source_line, subtitle
from dashboard.export.report import report_html
from dashboard.export.tables import HEADERS, events_table
from dashboard.filters import Filters
from dashboard.schema import empty_events
from dashboard.store import Store
from support import make_events, sample_events

EXPORTED = date(2026, 11, 22)


# -- tables -----------------------------------------------------------------------------------------

def test_csv_holds_exactly_the_filtered_events_with_readable_headers_and_iso_dates(tmp_path):
    events = sample_events()
    filters = Filters(types=("meeting", "deadline"))
    out = export_events(events, "csv", tmp_path / "events.csv", filters=filters)
    back = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    assert list(back.columns) == list(HEADERS.values())
    expected = filters.apply(events)
    assert sorted(back["Event ID"]) == sorted(expected["event_id"])
    assert set(back["Type"]) == {"meeting", "deadline"}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in back["Date"])   # dates, not timestamps
    assert "Talks in Moscow are planned for Thursday, officials said." in set(back["Quote"])


def test_csv_rows_are_in_date_order():
    table = events_table(sample_events())
    dates = table["Date"].dropna()
    assert dates.is_monotonic_increasing


def test_xlsx_reads_back_with_the_same_rows_and_dates_as_dates(tmp_path):
    events = sample_events()
    filters = Filters(date_from=date(2014, 1, 1))
    out = export_events(events, "xlsx", tmp_path / "events.xlsx", filters=filters)
    back = pd.read_excel(out)
    expected = events_table(filters.apply(events))
    assert list(back.columns) == list(expected.columns)
    assert back["Event ID"].tolist() == expected["Event ID"].tolist()
    assert back["Quote"].tolist() == expected["Quote"].tolist()
    assert pd.api.types.is_datetime64_any_dtype(back["Date"])
    assert back["Date"].tolist() == expected["Date"].tolist()
    assert back["Figure"].dropna().tolist() == [6000]


def test_xlsx_header_is_styled_frozen_filterable_and_columns_sized(tmp_path):
    out = export_events(sample_events(), "xlsx", tmp_path / "events.xlsx")
    ws = openpyxl.load_workbook(out).active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == ws.dimensions
    assert all(cell.font.bold for cell in ws[1])
    headers = [c.value for c in ws[1]]
    quote_col = openpyxl.utils.get_column_letter(headers.index("Quote") + 1)
    type_col = openpyxl.utils.get_column_letter(headers.index("Type") + 1)
    assert ws.column_dimensions[quote_col].width > ws.column_dimensions[type_col].width
    date_cell = ws.cell(row=2, column=headers.index("Date") + 1)
    assert date_cell.is_date and date_cell.number_format == "yyyy-mm-dd"


def test_xlsx_about_sheet_records_what_is_shown_and_the_view(tmp_path):
    filters = Filters(types=("meeting",), query="Moscow")
    out = export_events(sample_events(), "xlsx", tmp_path / "e.xlsx", filters=filters, exported=EXPORTED,
                        title="=Brief")
    about = dict(openpyxl.load_workbook(out)["About"].values)
    assert about["Title"] == "=Brief"                       # text, not a formula
    assert about["View"] == filters.to_query_string()
    assert Filters.from_query_string(about["View"]) == filters
    assert about["Shown"].startswith(filters.describe()) and about["Sources"].endswith("exported 22 Nov 2026")


def test_xlsx_keeps_article_text_that_looks_like_a_formula_as_text(tmp_path):
    out = export_events(sample_events(), "xlsx", tmp_path / "events.xlsx")
    ws = openpyxl.load_workbook(out).active
    quotes = [row[0].value for row in ws.iter_rows(min_row=2, min_col=9, max_col=9)]
    assert "=SUM(A1:A2) <script>alert('x')</script> & a \"quoted\" remark." in quotes
    formula_cells = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formula_cells == []


def test_xlsx_drops_control_characters_xml_cannot_hold_but_keeps_the_row(tmp_path):
    events = make_events(dict(quote="Talks\x0bresumed\x01 today."))
    back = pd.read_excel(export_events(events, "xlsx", tmp_path / "e.xlsx"))
    assert back["Quote"].tolist() == ["Talksresumed today."]


def test_empty_selection_writes_a_header_only_table(tmp_path):
    out = export_events(sample_events(), "csv", tmp_path / "none.csv", filters=Filters(query="no such words"))
    back = pd.read_csv(out, encoding="utf-8-sig")
    assert back.empty and list(back.columns) == list(HEADERS.values())


# -- captions ---------------------------------------------------------------------------------------

def test_subtitle_names_filters_and_the_span_of_what_is_shown():
    events = sample_events()
    assert subtitle(Filters(), events) == "1 Aug 2013 – 1 Aug 2016 · 5 events"   # two "k1" rows: one event
    filtered = Filters(types=("meeting", "deadline"), date_from=date(2016, 1, 1))
    assert subtitle(filtered, filtered.apply(events)) == "meeting, deadline · 1 Jan 2016 – 1 Aug 2016 · 2 events"
    closed = Filters(date_from=date(2013, 1, 1), date_to=date(2020, 12, 31))
    assert subtitle(closed, closed.apply(events)).startswith(closed.describe())   # the user's range stays
    assert subtitle(Filters(query="x"), events.iloc[:0]) == 'quotes matching "x" · 0 events'


def test_source_line_counts_articles_and_names_outlets():
    named = sample_events().dropna(subset=["source"])
    assert source_line(named, EXPORTED) == \
        "Source: 4 articles from Outlet A, Outlet B, Outlet C, Outlet D; exported 22 Nov 2026"
    assert source_line(sample_events(), EXPORTED) == \
        "Source: 5 articles (4 from Outlet A, Outlet B, Outlet C, Outlet D; 1 outlet unknown); exported 22 Nov 2026"
    many = make_events(*[dict(source=f"Outlet {i}") for i in range(7)])
    assert "7 articles from Outlet 0, Outlet 1, Outlet 2, Outlet 3 and 3 more;" in source_line(many, EXPORTED)
    assert source_line(make_events(dict(source=None)), EXPORTED) == \
        "Source: 1 article (outlet unknown); exported 22 Nov 2026"


# -- report page ------------------------------------------------------------------------------------

class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    return c


def test_report_lists_events_in_date_order_with_quote_and_source():
    events = sample_events()
    page = report_html(events, title="Brief", subtitle="all events", footer="Source: x", chart_svg=None)
    doc = parse(page)
    text = " ".join(doc.text)
    positions = [text.index(s) for s in ("Aug 2013", "Jan 2014", "9 Feb 2016", "14 Jul 2016", "1 Aug 2016")]
    assert positions == sorted(positions)
    assert "A peace conference may not happen until August." in text
    assert "Outlet C, “Headline 2”, 2 Jul 2013" in text
    links = [a["href"] for tag, a in doc.tags if tag == "a"]
    assert links == ["https://example.org/news/1"]


def test_report_shows_a_merged_event_once_with_every_source():
    page = report_html(sample_events(), title="t", subtitle="s", footer="f", chart_svg=None)
    assert page.count("The secretary will meet the president in Moscow on Thursday.") == 1   # the most confident
    assert "Talks in Moscow are planned for Thursday" not in page
    li = re.search(r"<li>(?:(?!</li>).)*Moscow on Thursday(?:(?!</li>).)*</li>", page, re.S).group(0)
    assert "Outlet A" in li and "Outlet B" in li


def test_report_escapes_everything_from_articles():
    events = make_events(dict(quote="<script>alert(1)</script>", actors="<b>Bold</b> & Co",
                              title="<img src=x onerror=alert(2)>", path="<evil>.txt",
                              url="javascript:alert(3)", source="A&B <i>News</i>"))
    page = report_html(events, title="<T>", subtitle="<S>", footer="<F>", chart_svg=None)
    doc = parse(page)
    assert [tag for tag, _ in doc.tags if tag in ("script", "img", "b", "i", "evil")] == []
    assert "javascript:" not in " ".join(str(a) for _, a in doc.tags)
    text = "".join(doc.text)
    for raw in ("<script>alert(1)</script>", "<b>Bold</b> & Co", "<img src=x onerror=alert(2)>", "<evil>.txt",
                "A&B <i>News</i>", "<T>", "<S>", "<F>"):
        assert raw in text


def test_report_embeds_the_chart_as_a_data_uri_and_says_when_nothing_matches():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    page = report_html(empty_events(), title="t", subtitle="s", footer="f", chart_svg=svg)
    [(_, img)] = [(t, a) for t, a in parse(page).tags if t == "img"]
    assert img["src"].startswith("data:image/svg+xml;base64,")
    assert "No events match these filters." in page


# -- errors and safety ------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, message", [
    (dict(fmt="gif"), "unknown export format"),
    (dict(fmt="png", width=50), "out of range"),
    (dict(fmt="png", scale=5), "scale 5 is out of range"),
])
def test_bad_options_raise_export_error(tmp_path, kwargs, message):
    fmt = kwargs.pop("fmt")
    with pytest.raises(ExportError, match=message):
        export_events(sample_events(), fmt, tmp_path / "x", **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_the_previous_file_untouched(tmp_path, monkeypatch):
    out = tmp_path / "events.xlsx"
    out.write_bytes(b"previous export")

    def broken(events, tmp, about=None):
        tmp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("dashboard.export.tables.write_xlsx", broken)
    with pytest.raises(ExportError, match="No space left"):
        export_events(sample_events(), "xlsx", out)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["events.xlsx"]   # no temporary file left behind


def test_an_unwritable_place_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ExportError, match="cannot write"):
        export_events(sample_events(), "csv", blocker / "sub" / "events.csv")


def test_export_to_a_folder_says_to_give_a_file_name(tmp_path):
    with pytest.raises(ExportError, match="is a folder"):
        export_events(sample_events(), "csv", tmp_path)


def test_export_from_db_applies_the_filters(tmp_path):
    db = tmp_path / "t.duckdb"
    events = sample_events()
    with Store(db) as store:
        articles = pd.DataFrame({"article_id": events["article_id"].unique(), "path": "x", "title": "t"})
        store.write_batch(articles, events, replace_files=[])
    out = export(db, "csv", tmp_path / "out.csv", Filters(sources=("Outlet A",)))
    back = pd.read_csv(out, encoding="utf-8-sig")
    assert sorted(back["Event ID"]) == sorted(events.loc[events["source"] == "Outlet A", "event_id"])


def test_export_from_a_missing_or_empty_db_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match="no database"):
        export(tmp_path / "missing.duckdb", "csv", tmp_path / "out.csv")
    with Store(tmp_path / "empty.duckdb"):
        pass
    with pytest.raises(ExportError, match="ingest"):
        export(tmp_path / "empty.duckdb", "csv", tmp_path / "out.csv")
