"""The dashboard's callbacks as functions: filters <-> URL, views, click -> drill-down, upload, escaping."""
from __future__ import annotations

import base64
import json
from contextvars import copy_context

import pandas as pd
import plotly
import plotly.graph_objects as go
import pytest
from dash import html, no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict

from dashboard.app import articles_panel, create_app, views
from dashboard.app.callbacks import CONTROLS, set_publication_date, sync_url_and_controls
from dashboard.app.drilldown import MARK_ID, build_drilldown, highlighted_text, locate_quote, locate_trigger, safe_link
from dashboard.app.state import EventCache
from dashboard.app.upload import decode_contents, ingest_uploads
from dashboard.filters import Filters
from dashboard.schema import ARTICLE_COLUMNS, EVENT_COLUMNS, typed
from dashboard.store import Store
from support import walk_components

TEXT = ("Kerry to meet Putin\n\n"
        "Kerry will meet Putin in Moscow on Thursday.\n\n"
        "Some 6,000 people died in January.\n"
        "He said <script>window.__pwned = 1</script> talks go on.")
QUOTES = ["Kerry will meet Putin in Moscow on Thursday.", "Some 6,000 people died in January.",
          "He said <script>window.__pwned = 1</script> talks go on."]


def _event(i, quote, **kw):
    start = TEXT.find(quote)
    row = dict(event_id=f"e{i}", cluster_id=f"c{i}", event_type="statement", date="2016-07-13",
               date_end="2016-07-13", date_precision="day", date_from="text", tense="past", quote=quote,
               quote_start=start, quote_end=start + len(quote), article_id="a1", source="AFP",
               title="Kerry to meet Putin", published="2016-07-13", sources=1, confidence=0.8)
    row.update(kw)
    return row


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "app.duckdb"
    articles = typed(pd.DataFrame([
        dict(article_id="a1", path="in/a1.txt", title="Kerry to meet Putin", source="AFP", published="2016-07-13",
             published_from="manifest", text=TEXT, n_events=3, url="javascript:alert(1)"),
        dict(article_id="a2", path="in/a2.txt", title="Undated", source="Gulf News", published_from="unknown",
             text="Talks in Geneva.", n_events=0),
        dict(path="in/broken.pdf", published_from="unknown", n_events=0, error="unsupported file type"),
    ]), ARTICLE_COLUMNS)
    events = typed(pd.DataFrame([
        _event(0, QUOTES[0], event_type="meeting", date="2016-07-14", date_end="2016-07-14", tense="future",
               actors="John Kerry; Vladimir Putin", location="Moscow", confidence=0.9),
        _event(1, QUOTES[1], event_type="casualties", date="2016-01-01", date_end="2016-01-31",
               date_precision="month", figure=6000, figure_kind="period"),
        _event(2, QUOTES[2], actors="John Kerry", confidence=0.4),
    ]), EVENT_COLUMNS)
    with Store(path) as store:
        store.write_batch(articles, events, [])
    return path


@pytest.fixture
def cache(db):
    return EventCache(db)


def run_with_trigger(prop_id: str, func, *args):
    """Call a ctx-reading callback as Dash would after `prop_id` changed."""
    def call():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": prop_id, "value": None}]))
        return func(*args)
    return copy_context().run(call)


# -- filters <-> URL ---------------------------------------------------------------------------------

def test_controls_to_url_and_back_round_trip():
    controls = views.Controls(start_date="2016-01-01", end_date="2016-07-31T00:00:00", types=["meeting", "deadline"],
                              actors=["John Kerry"], sources=["AFP"], query=" Geneva ", min_confidence=0.5,
                              include_undated=[], lane="actor")
    search = views.search_from_controls(controls)
    f = Filters.from_query_string(search)
    assert f == Filters(date_from=pd.Timestamp("2016-01-01").date(), date_to=pd.Timestamp("2016-07-31").date(),
                        types=("meeting", "deadline"), actors=("John Kerry",), sources=("AFP",), query="Geneva",
                        min_confidence=0.5, include_undated=False)
    assert "lane=actor" in search
    back, error = views.controls_from_search(search)
    assert error is None
    assert back.types == ["meeting", "deadline"] and back.actors == ["John Kerry"] and back.lane == "actor"
    assert back.start_date == "2016-01-01" and back.end_date == "2016-07-31" and back.include_undated == []
    assert views.search_from_controls(back) == search


def test_default_controls_give_an_empty_query_string():
    controls, _ = views.controls_from_search("")
    assert views.search_from_controls(controls) == ""


def test_a_control_change_writes_the_url_and_leaves_controls_alone():
    values = views.Controls(types=["meeting"], include_undated=["yes"]).as_tuple()
    out = run_with_trigger("f-types.value", sync_url_and_controls, "", *values, "timeline", None)
    assert out[0] == "?type=meeting"
    assert len(out) == len(CONTROLS) + 4 and out[-1] is None
    assert all(v is no_update for v in out[1:-1])


def test_the_open_tab_and_the_selected_event_are_written_to_the_url():
    values = views.Controls(types=["meeting"], include_undated=["yes"]).as_tuple()
    out = run_with_trigger("selected-event.data", sync_url_and_controls, "?type=meeting", *values, "table", "e2")
    assert out[0] == "?type=meeting&tab=table&event=e2"
    out = run_with_trigger("view-tabs.value", sync_url_and_controls, "?tab=table&event=e2",
                           *views.Controls(include_undated=["yes"]).as_tuple(),
                           "timeline", "e2")
    assert out[0] == "?event=e2"


def test_a_shared_link_opens_its_tab_and_selects_its_event():
    out = run_with_trigger("url.search", sync_url_and_controls, "?type=casualties&tab=casualties&event=e1",
                           *views.Controls().as_tuple(), "timeline", None)
    tab, event = out[-3], out[-2]
    assert (tab, event) == ("casualties", "e1")
    # Already showing them: nothing is set again (no redraw, no second drill-down).
    out = run_with_trigger("url.search", sync_url_and_controls, "?tab=casualties&event=e1",
                           *views.Controls().as_tuple(), "casualties", "e1")
    assert out[-3] is no_update and out[-2] is no_update


def test_a_url_sets_the_controls_on_load_and_on_back():
    out = run_with_trigger("url.search", sync_url_and_controls, "?type=casualties&q=died&lane=source",
                           *views.Controls().as_tuple(), "timeline", None)
    controls = dict(zip([f"{i}.{p}" for i, p in CONTROLS], out[1:-3]))
    assert controls["f-types.value"] == ["casualties"]
    assert controls["f-query.value"] == "died"
    assert controls["lane.value"] == "source"
    assert out[-1] is None


def test_a_malformed_url_says_what_is_wrong_and_shows_everything():
    out = run_with_trigger("url.search", sync_url_and_controls, "?from=yesterday", *views.Controls().as_tuple(),
                           "timeline", None)
    assert "from" in out[-1]
    assert out[1] is None   # no start date set


# -- views ---------------------------------------------------------------------------------------------

def _drawn_ids(spec):
    fig = go.Figure(spec)   # what the browser receives, validated
    return sorted(i for t in fig.data if (t.meta or {}).get("role") == "events" for i in t.customdata)


def test_views_follow_the_url(cache):
    out = views.render_views(cache.events, "")
    assert _drawn_ids(out["timeline"]) == ["e0", "e1", "e2"] and not out["no_match"]
    assert "casualties" not in out and "rows" not in out      # hidden tabs are drawn when opened
    out = views.render_views(cache.events, "?type=casualties")
    assert _drawn_ids(out["timeline"]) == ["e1"]
    assert out["status"].startswith("1 events")
    rows = views.render_views(cache.events, "?type=casualties&tab=table")["rows"]
    assert [r["event_id"] for r in rows] == ["e1"]
    casualties = go.Figure(views.render_views(cache.events, "?type=casualties&tab=casualties")["casualties"])
    assert [list(t.customdata) for t in casualties.data if (t.meta or {}).get("role") == "period"] == [["e1"]]
    assert views.render_views(cache.events, "?q=nothing-says-this")["no_match"]


def test_the_selected_event_of_the_url_is_ringed_on_the_timeline(cache):
    spec = views.render_views(cache.events, "?event=e2")["timeline"]
    ringed = [t for t in spec["data"] if t["meta"]["role"] == "selected"]
    assert len(ringed) == 1 and len(ringed[0]["x"]) == 1
    assert not [t for t in views.render_views(cache.events, "")["timeline"]["data"] if t["meta"]["role"] == "selected"]


def test_selecting_an_event_redraws_the_timeline_but_not_the_table():
    assert views.drawn_part("?type=meeting&event=e1") != views.drawn_part("?type=meeting&event=e2")
    assert views.drawn_part("?tab=table&event=e1") == views.drawn_part("?tab=table&event=e2")


def test_lane_choice_comes_from_the_url(cache):
    spec = views.render_views(cache.events, "?lane=actor")["timeline"]
    assert spec["layout"]["meta"]["lanes"][:2] == ["John Kerry", "Vladimir Putin"]
    assert spec["layout"]["uirevision"] == "actor"   # zoom survives filter changes within a lane choice


def test_table_rows_are_capped_with_a_note(cache):
    rows, note = views.table_rows(cache.events, limit=2)
    assert len(rows) == 2 and "first 2 of 3" in note
    assert rows[0]["date_label"] == "Jan 2016"   # earliest first, at its precision
    json.dumps(rows)                             # what the grid receives must be plain JSON


def test_click_data_gives_the_event():
    assert views.event_from_click({"points": [{"customdata": "e7", "x": 1}]}) == "e7"
    assert views.event_from_click({"points": [{"x": 1}]}) is None    # aggregated points carry no event
    assert views.event_from_click(None) is None


# -- drill-down ----------------------------------------------------------------------------------------

def _find(component, predicate):
    found = []
    if predicate(component):
        found.append(component)
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if child is not None and not isinstance(child, (str, int, float)):
            found += _find(child, predicate)
    return found


def _panel(cache, event_id):
    event = cache.event(event_id)
    return html.Div(build_drilldown(event, cache.article(event["article_id"]),
                                    cache.events_of_article(event["article_id"])))


@pytest.mark.parametrize("event_id, quote", [("e0", QUOTES[0]), ("e1", QUOTES[1]), ("e2", QUOTES[2])])
def test_click_opens_the_article_with_the_right_sentence_marked(cache, event_id, quote):
    panel = _panel(cache, event_id)
    marks = _find(panel, lambda c: isinstance(c, html.Mark))
    assert len(marks) == 1 and marks[0].id == MARK_ID
    assert marks[0].children == quote
    titles = _find(panel, lambda c: isinstance(c, html.H3))
    assert titles[0].children == "Kerry to meet Putin"
    assert "from the manifest" in json.dumps(panel.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder)
    selected = _find(panel, lambda c: isinstance(c, html.Button) and "selected" in (c.className or ""))
    assert [b.id["event"] for b in selected] == [event_id]
    assert len(_find(panel, lambda c: isinstance(c, html.Button))) == 3   # the article's events


def test_article_text_is_only_ever_text(cache):
    panel = _panel(cache, "e2")
    payload = json.dumps(panel.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder)
    assert "dangerously" not in payload
    assert not _find(panel, lambda c: type(c).__name__ in ("Script", "Iframe", "Markdown"))
    # the <script> survives as the literal string child of a Mark, which React renders as text
    [mark] = _find(panel, lambda c: isinstance(c, html.Mark))
    assert "<script>window.__pwned = 1</script>" in mark.children
    # a javascript: URL from the article never becomes a link
    assert not _find(panel, lambda c: isinstance(c, html.A))
    assert safe_link("javascript:alert(1)") is None and safe_link("https://example.org/a") == "https://example.org/a"


def test_quote_is_found_when_offsets_are_stale():
    text = "Intro.\n\nThe   talks  resumed in Geneva.\n"
    assert locate_quote(text, "The talks resumed in Geneva.", 0, 5) == (text.index("The"), text.index(".\n", 8) + 1)
    assert locate_quote(text, "Never said.", None, None) is None


def test_the_trigger_is_set_apart_inside_the_highlighted_sentence():
    text = "Intro.\n\nThe envoy met the king on Monday and the talks resumed.\n"
    span = locate_quote(text, "The envoy met the king on Monday and the talks resumed.", None, None)
    event = {"trigger": "met", "trigger_start": text.index("met"), "trigger_end": text.index("met") + 3}
    assert locate_trigger(text, event, span) == (text.index("met"), text.index("met") + 3)
    stale = {**event, "trigger": "talks resumed", "trigger_start": 0, "trigger_end": 5}
    assert locate_trigger(text, stale, span) == (text.index("talks"), text.index("talks") + len("talks resumed"))
    [_, paragraph] = highlighted_text(text, span, locate_trigger(text, event, span))
    [mark] = [c for c in paragraph.children if isinstance(c, html.Mark)]
    before, strong, after = mark.children
    assert (before, strong.children, strong.className) == ("The envoy ", "met", "trigger")
    assert before + strong.children + after == text[span[0]:span[1]]   # nothing lost or added


def test_nothing_selected_gives_a_hint():
    [hint] = build_drilldown(None, None, None)
    assert "Click a point" in hint.children


def test_drilldown_through_the_registered_callback(db):
    """The callback as Dash calls it (HTTP), not just the builder."""
    app = create_app(db)
    client = app.server.test_client()
    body = {"output": "drilldown.children", "outputs": {"id": "drilldown", "property": "children"},
            "inputs": [{"id": "selected-event", "property": "data", "value": "e2"},
                       {"id": "data-version", "property": "data", "value": 1}],
            "changedPropIds": ["selected-event.data"], "state": []}
    resp = client.post("/_dash-update-component", json=body)
    assert resp.status_code == 200
    text = resp.get_data(as_text=True)
    assert '"id":"drill-mark"' in text.replace(" ", "")
    assert "dangerously" not in text


# -- upload and publication dates ------------------------------------------------------------------------

def _data_url(data: bytes) -> str:
    return "data:text/plain;base64," + base64.b64encode(data).decode()


def test_decode_contents_checks_size_and_format():
    assert decode_contents(_data_url(b"hello")) == b"hello"
    with pytest.raises(ValueError, match="limit"):
        decode_contents(_data_url(b"x" * 2000), limit=1000)
    with pytest.raises(ValueError, match="base64"):
        decode_contents("data:text/plain;base64,@@@")
    with pytest.raises(ValueError):
        decode_contents("not a data url")


class _Report:
    def __init__(self, articles=1, events=2, failures=()):
        self.articles, self.events, self.skipped, self.failures = articles, events, 0, list(failures)


def test_each_upload_is_reported_on_its_own():
    calls = []

    def fake_ingest(name, data, db):
        calls.append((name, data))
        if name == "bad.json":
            return _Report(0, 0, [("bad.json", "not valid JSON")])
        return _Report()

    outcomes = ingest_uploads(["a.txt", "bad.json", "evil.exe", "../../etc/b.html"],
                              [_data_url(b"one"), _data_url(b"{"), _data_url(b"MZ"), _data_url(b"<p>x</p>")],
                              "db", fake_ingest)
    by_name = {o.name: o for o in outcomes}
    assert by_name["a.txt"].ok and "2 event" in by_name["a.txt"].message
    assert not by_name["bad.json"].ok and by_name["bad.json"].message == "not valid JSON"
    assert not by_name["evil.exe"].ok and "unsupported" in by_name["evil.exe"].message
    assert [c[0] for c in calls] == ["a.txt", "bad.json", "b.html"]   # folders are stripped from names


def test_lists_of_undated_articles_and_failed_files(cache):
    undated = articles_panel.undated_list(cache.undated_articles())
    inputs = _find(undated, lambda c: getattr(c, "id", None) and isinstance(c.id, dict) and c.id["type"] == "pub-date")
    assert [i.id["article"] for i in inputs] == ["a2"]
    failed = articles_panel.failed_list(cache.failed_files())
    assert "unsupported file type" in json.dumps(failed.to_plotly_json(), cls=plotly.utils.PlotlyJSONEncoder)


def test_setting_a_publication_date_calls_the_pipeline_and_reloads(cache):
    seen = []

    def fake_set(db, article_id, day):
        seen.append((article_id, day.isoformat()))
        return 4

    before = cache.version
    outcome = set_publication_date(cache, "a2", "2016-03-01", fake_set)
    assert outcome.ok and "4 event" in outcome.message and seen == [("a2", "2016-03-01")]
    assert cache.version == before + 1
    bad = set_publication_date(cache, "a2", "", fake_set)
    assert not bad.ok and "choose a date" in bad.message and len(seen) == 1


def _find_id(node, component_id):
    """The component dict with `component_id` in a layout as JSON."""
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == component_id:
            return node
        return next((f for v in node.values() if (f := _find_id(v, component_id)) is not None), None)
    if isinstance(node, list):
        return next((f for v in node if (f := _find_id(v, component_id)) is not None), None)
    return None


def test_the_layout_is_drawn_for_the_page_that_asks_for_it(db):
    """The page's script fetches the layout; the Referer names the page, whose view comes drawn."""
    client = create_app(db).server.test_client()
    page = client.get("/_dash-layout", headers={"Referer": "http://localhost/?type=casualties&tab=casualties&event=e1"})
    layout = json.loads(page.get_data(as_text=True))
    assert _find_id(layout, "view-tabs")["props"]["value"] == "casualties"
    drawn = go.Figure(_find_id(layout, "casualties")["props"]["figure"])
    assert [list(t.customdata) for t in drawn.data if (t.meta or {}).get("role") == "period"] == [["e1"]]
    assert _find_id(layout, "selected-event")["props"]["data"] == "e1"
    assert _find_id(layout, "view-status")["props"]["children"].startswith("1 events")

    # The table's grid needs a bundle the page loads when the tab opens: the callbacks send it then.
    table = json.loads(client.get("/_dash-layout", headers={"Referer": "http://localhost/?tab=table"}).get_data(as_text=True))
    assert _find_id(table, "events-grid") is None and _find_id(table, "drawn-view")["props"]["data"] is None
    bundle = _find_id(table, "grid-bundle")["props"]["data"]
    assert client.get(bundle).status_code == 200
    assert "dash_ag_grid.v" not in client.get("/").get_data(as_text=True)   # not among the page's scripts

    plain = json.loads(client.get("/_dash-layout").get_data(as_text=True))   # no referrer: the default view
    timeline = _find_id(plain, "timeline")["props"]["figure"]
    assert _drawn_ids(timeline) == ["e0", "e1", "e2"]
    # update_views' first call sees the view already drawn and sends nothing again
    assert _find_id(plain, "drawn-view")["props"]["data"] == [views.drawn_part(""), _find_id(plain, "data-version")["props"]["data"]]


def test_every_callback_names_components_of_the_page(db):
    """Dash does not check callback ids against the first layout (it lacks the lazily loaded grid), so
    this does, against the whole page: the layout plus the grid the table tab receives."""
    from dashboard.app.export_menu import export_menu
    from dashboard.app.layout import build_layout, events_grid

    app = create_app(db)
    page = html.Div([build_layout(export_menu=export_menu()), events_grid()])
    ids = {c.id for c in walk_components(page) if isinstance(getattr(c, "id", None), str)}
    named = set()
    for output, spec in app.callback_map.items():
        named |= {o.split(".")[0] for o in output.strip(".").split("...") if not o.startswith("{")}
        named |= {d["id"] for d in spec["inputs"] + spec["state"] if not d["id"].startswith("{")}
    assert "events-grid" in named and "timeline" in named
    assert named - ids == set()

