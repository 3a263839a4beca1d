"""Figure functions as plain functions of an events DataFrame (no browser)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from dashboard.figures.hover import QUOTE_LIMIT, event_hover, format_date, wrap_quote
from dashboard.figures import FADED, make_casualties, make_timeline, merged_events
from dashboard.figures.theme import TYPE_COLOURS
from dashboard.schema import EVENT_COLUMNS, EVENT_TYPES, empty_events, typed


def make_events(*rows: dict) -> pd.DataFrame:
    """Typed events from partial rows; each row gets its own id, cluster and article unless given."""
    filled = []
    for i, row in enumerate(rows):
        base = dict(event_id=f"e{i}", cluster_id=f"c{i}", event_type="meeting", date="2016-07-14",
                    date_end=row.get("date", "2016-07-14"), date_precision="day", date_from="text",
                    tense="past", article_id=f"a{i}", source="AFP", title="A headline", quote=f"Quote {i}.",
                    sources=1, confidence=0.8, published="2016-07-13")
        base.update(row)
        filled.append(base)
    return typed(pd.DataFrame(filled), EVENT_COLUMNS)


def traces(fig, role):
    return [t for t in fig.data if (t.meta or {}).get("role") == role]


def points(fig):
    """(event_id, x, symbol, opacity, hovertext) of every drawn event point."""
    out = []
    for t in traces(fig, "events"):
        n = len(t.customdata)
        symbols = np.broadcast_to(np.asarray(t.marker.symbol, dtype=object), (n,))
        opacity = np.broadcast_to(np.asarray(t.marker.opacity, dtype=float), (n,))
        out += list(zip(t.customdata, t.x, symbols, opacity, t.hovertext))
    return out


def test_month_event_is_a_span_across_the_month_not_a_day():
    fig = make_timeline(make_events(dict(date="2013-08-01", date_end="2013-08-31", date_precision="month",
                                         event_type="conference")))
    spans = traces(fig, "span")
    assert len(spans) == 1
    xs = [x for x in spans[0].x if x is not None]
    assert xs[0].startswith("2013-08-01") and xs[1].startswith("2013-08-31")
    [(event_id, x, *_rest, hover)] = points(fig)
    assert x.startswith("2013-08-16")              # the hover point sits mid-span, not on the 1st
    assert "<b>Aug 2013</b>" in hover


def test_day_event_has_no_span_but_a_range_of_days_has():
    fig = make_timeline(make_events(dict(date="2016-07-14")))
    assert traces(fig, "span") == []
    assert len(points(fig)) == 1
    fig = make_timeline(make_events(dict(date="2016-07-14", date_end="2016-07-16")))
    [span] = traces(fig, "span")
    assert span.x[0].startswith("2016-07-14") and span.x[1].startswith("2016-07-16")
    assert "14 – 16 Jul 2016" in points(fig)[0][4]


def test_future_events_look_different_from_past_and_deadlines_stand_out():
    fig = make_timeline(make_events(dict(event_id="past", tense="past"),
                                    dict(event_id="planned", tense="future"),
                                    dict(event_id="dl", event_type="deadline", tense="future"),
                                    dict(event_id="span", tense="future", date="2016-08-01",
                                         date_end="2016-08-31", date_precision="month")))
    symbol = {p[0]: p[2] for p in points(fig)}
    assert symbol["past"] == "circle"
    assert symbol["planned"] == "circle-open"
    assert symbol["dl"].startswith("diamond") and symbol["dl"] != symbol["planned"]
    [span] = traces(fig, "span")
    assert span.line.dash == "dot"   # planned spans are dashed
    assert "(planned)" in {p[0]: p[4] for p in points(fig)}["planned"]


def test_publication_day_fallback_is_faded_and_said_so():
    fig = make_timeline(make_events(dict(event_id="text", date_from="text"),
                                    dict(event_id="fallback", date_from="published")))
    by_id = {p[0]: p for p in points(fig)}
    assert by_id["fallback"][3] == pytest.approx(FADED)
    assert by_id["text"][3] > FADED
    assert "publication day" in by_id["fallback"][4]
    assert "publication day" not in by_id["text"][4]


def test_one_point_per_cluster_with_other_sources_in_hover():
    fig = make_timeline(make_events(
        dict(event_id="x1", cluster_id="k", article_id="a1", source="AFP", confidence=0.9, sources=3),
        dict(event_id="x2", cluster_id="k", article_id="a2", source="Reuters", confidence=0.6, sources=3),
        dict(event_id="x3", cluster_id="k", article_id="a3", source="AP", confidence=0.5, sources=3),
        dict(event_id="y", cluster_id="other")))
    pts = points(fig)
    assert len(pts) == 2
    hover = {p[0]: p[4] for p in pts}["x1"]          # the most confident mention represents the cluster
    assert "+2 other sources (AP, Reuters)" in hover
    sizes = {eid: s for t in traces(fig, "events") for eid, s in zip(t.customdata, t.marker.size)}
    assert sizes["x1"] > sizes["y"]                 # marker size grows with sources


def test_merged_events_counts_distinct_articles_when_sources_missing():
    df = make_events(dict(cluster_id="k", article_id="a1", sources=None),
                     dict(cluster_id="k", article_id="a2", sources=None))
    merged = merged_events(df)
    assert len(merged) == 1 and merged["n_sources"].iloc[0] == 2


def test_empty_dataframe_gives_an_empty_state_figure():
    fig = make_timeline(empty_events())
    assert fig.layout.meta["empty"] is True
    assert "No events match" in fig.layout.annotations[0].text
    assert make_casualties(empty_events()).layout.meta["empty"] is True


def test_undated_events_are_not_drawn():
    fig = make_timeline(make_events(dict(date=None, date_end=None)))
    assert fig.layout.meta["empty"] is True


def test_hover_text_is_escaped_and_trimmed():
    quote = "He said <script>alert('x')</script> & left. " + "word " * 200
    fig = make_timeline(make_events(dict(quote=quote, title="<b>bold</b> title", actors="A <B>")))
    [(_, _, _, _, hover)] = points(fig)
    assert "<script>" not in hover and "&lt;script&gt;" in hover
    assert "&amp; left" in hover
    assert "<b>bold</b>" not in hover and "&lt;b&gt;bold" in hover
    assert "A &lt;B&gt;" in hover
    quote_part = hover.split("“", 1)[1].split("”", 1)[0]
    plain = quote_part.replace("<br>", " ")
    assert plain.endswith("…")
    assert len(plain) <= QUOTE_LIMIT + 40            # escapes add a few characters
    assert all(len(line) <= 80 + 30 for line in quote_part.split("<br>"))


@pytest.mark.parametrize("text", ["a b c", "one two three four five six seven eight nine ten eleven",
                                  "x" * 25 + " y", "short " + "z" * 9, ""])
def test_wrap_keeps_every_word_in_order_within_the_width(text):
    from dashboard.figures.hover import wrap

    lines = wrap(text, width=10)
    assert all(len(line) <= 10 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    # greedy: no line could have taken the next line's first word
    for line, following in zip(lines, lines[1:]):
        assert len(line) + 1 + len(following.split(" ")[0]) > 10 or len(following.split(" ")[0]) > 10


def test_quotes_in_hover_text_stay_quotes():
    # plotly decodes &amp; &lt; &gt; but prints &quot; literally, so a quoted name must not be escaped
    fig = make_timeline(make_events(dict(quote='the "Friends of Syria" met', actors="O'Brien")))
    [(_, _, _, _, hover)] = points(fig)
    assert '"Friends of Syria"' in hover and "O'Brien" in hover
    assert "&quot;" not in hover and "&#x27;" not in hover


def test_wrap_never_splits_an_escape_sequence():
    wrapped = wrap_quote("<" * 200, width=10)
    for line in wrapped.split("<br>"):
        assert line == "&lt;" * (len(line) // 4)


@pytest.mark.parametrize("args, expected", [
    (("2016-07-14", "2016-07-14", "day"), "14 Jul 2016"),
    (("2016-07-14", "2016-07-16", "day"), "14 – 16 Jul 2016"),
    (("2016-07-11", "2016-07-17", "week"), "week of 11 Jul 2016"),
    (("2016-08-01", "2016-08-31", "month"), "Aug 2016"),
    (("2016-07-01", "2016-09-30", "quarter"), "Q3 2016"),
    (("2016-06-21", "2016-09-22", "season", "2016-SU"), "Summer 2016"),
    (("2016-01-01", "2016-12-31", "year"), "2016"),
    (("2010-01-01", "2019-12-31", "decade"), "2010s"),
    ((None, None, "day"), "date unknown"),
])
def test_format_date_at_its_precision(args, expected):
    assert format_date(*args) == expected


def test_hover_shows_figure_place_and_outlet():
    row = make_events(dict(event_type="casualties", figure=6000, figure_kind="period", figure_qualifier="some",
                           location="Aleppo", source="Gulf News")).iloc[0].to_dict()
    text = event_hover(row)
    assert "Figure: some 6,000 (period)" in text and "Place: Aleppo" in text and "Gulf News" in text


@pytest.mark.parametrize("lane_by", ["actor", "source", "event_type"])
def test_lanes(lane_by):
    fig = make_timeline(make_events(dict(actors="John Kerry; Vladimir Putin", source="AFP"),
                                    dict(actors="John Kerry", source="Reuters", event_type="visit")),
                        lane_by=lane_by)
    lanes = fig.layout.meta["lanes"]
    expected = {"actor": ["John Kerry", "Vladimir Putin"], "source": ["AFP", "Reuters"],
                "event_type": ["meeting", "visit"]}[lane_by]
    assert lanes == expected
    assert list(fig.layout.yaxis.ticktext) == expected
    # an event with two actors appears in both actor lanes
    assert len(points(fig)) == (3 if lane_by == "actor" else 2)


def test_bad_lane_is_a_clear_error():
    with pytest.raises(ValueError, match="lane_by"):
        make_timeline(make_events({}), lane_by="colour")


def test_many_events_aggregate_into_few_points():
    n = 5000
    days = pd.date_range("2010-01-01", periods=n, freq="D")
    df = make_events(*[dict(date=str(d.date()), date_end=str(d.date()),
                            event_type=("meeting", "statement")[i % 2]) for i, d in enumerate(days)])
    fig = make_timeline(df, max_points=500)
    assert fig.layout.meta["aggregated"] is True
    assert fig.layout.xaxis.rangeslider.visible is False     # it would draw every marker twice
    assert make_timeline(df.head(10)).layout.xaxis.rangeslider.visible is True
    agg = traces(fig, "aggregate")
    assert sum(len(t.x) for t in agg) <= 500
    counts = sum(int(h.split("<br>")[1].split()[0].replace(",", "")) for t in agg for h in t.hovertext)
    assert counts == n


def test_selected_event_is_ringed():
    fig = make_timeline(make_events(dict(event_id="a"), dict(event_id="b", date="2016-07-20")), selected="b")
    [ring] = traces(fig, "selected")
    assert ring.x[0].startswith("2016-07-20")


def test_casualties_keep_cumulative_and_period_apart():
    df = make_events(
        dict(event_id="cum1", event_type="casualties", figure=100000, figure_kind="cumulative", date="2013-06-01"),
        dict(event_id="cum2", event_type="casualties", figure=136000, figure_kind="cumulative", date="2014-02-06"),
        dict(event_id="per", event_type="casualties", figure=6000, figure_kind="period", date="2014-01-01",
             date_end="2014-01-31", date_precision="month"),
        dict(event_id="meet", event_type="meeting"))
    fig = make_casualties(df)
    [cum] = traces(fig, "cumulative")
    [per] = traces(fig, "period")
    assert list(cum.customdata) == ["cum1", "cum2"] and list(cum.y) == [100000, 136000]
    assert list(per.customdata) == ["per"]
    assert cum.yaxis != per.yaxis                    # two panels
    [span] = traces(fig, "period-span")
    assert pd.Timestamp(span.x[0]) == pd.Timestamp("2014-01-01")
    assert pd.Timestamp(span.x[1]) == pd.Timestamp("2014-01-31")


def _keys(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield f"{path}.{key}", key
            yield from _keys(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _keys(value, f"{path}[{i}]")


@pytest.mark.parametrize("build", ["timeline", "timeline-aggregated", "casualties"])
def test_figure_dicts_use_plotly_js_names_only(build):
    """The page sends the dicts as they are: plotly.py's magic underscores (line_width) would be ignored
    by plotly.js, so no key may contain one beyond the two plotly.js names that do."""
    from dashboard.figures import casualties_spec, timeline_spec

    df = make_events(dict(date="2016-08-01", date_end="2016-08-31", date_precision="month", tense="future"),
                     dict(event_type="casualties", figure=10, figure_kind="period", date_end="2016-07-20"),
                     dict(event_type="casualties", figure=99, figure_kind="cumulative"),
                     dict(event_type="deadline", date="2016-07-20"))
    spec = {"timeline": lambda: timeline_spec(df, selected="e0"),
            "timeline-aggregated": lambda: timeline_spec(df, max_points=1),
            "casualties": lambda: casualties_spec(df)}[build]()
    bad = [path for path, key in _keys(spec) if "_" in key and key not in ("paper_bgcolor", "plot_bgcolor")]
    assert bad == []


def test_names_read_from_articles_are_escaped_in_lane_labels_and_legends():
    rows = [dict(event_id=f"e{i}", cluster_id=f"e{i}", event_type="casualties", date="2016-07-14",
                 date_end="2016-07-14", date_precision="day", actors="<b>Bold</b> Name", source="<i>Outlet</i>",
                 figure=100 + i, figure_kind="cumulative", quote="q", article_id=f"a{i}", sources=1, confidence=0.9,
                 published="2016-07-14") for i in range(2)]
    events = typed(pd.DataFrame(rows), EVENT_COLUMNS)
    ticks = make_timeline(events, lane_by="actor").layout.yaxis.ticktext
    assert "&lt;b&gt;Bold&lt;/b&gt; Name" in ticks and not any("<b>" in t for t in ticks)
    names = [t.name for t in make_casualties(events).data if t.name]
    assert names and not any("<i>" in n for n in names)


def test_the_page_draws_only_trace_types_of_its_plotly_bundle(seeds_db):
    """The page loads plotly.js's basic bundle (assets/plotly-basic.min.js), which draws scatter, bar and
    pie traces only: a figure with another type would stay blank on the page."""
    from dashboard.figures import casualties_spec, timeline_spec
    from dashboard.store import load_events

    events = load_events(seeds_db)
    bundle = (Path(__file__).resolve().parent.parent / "assets" / "plotly-basic.min.js").read_text()[:400]
    assert "plotly.js (basic" in bundle
    specs = [timeline_spec(events), timeline_spec(events, "actor"), timeline_spec(events, max_points=10),
             casualties_spec(events)]
    assert {t["type"] for spec in specs for t in spec["data"]} <= {"scatter", "bar", "pie"}


def test_every_event_type_has_a_colour_of_its_own():
    assert set(TYPE_COLOURS) == set(EVENT_TYPES)
    assert len(set(TYPE_COLOURS.values())) == len(EVENT_TYPES)


def test_hover_names_the_trigger_and_a_date_from_context():
    text = event_hover({"date": pd.Timestamp("2016-07-14"), "event_type": "meeting", "trigger": "to meet <x>",
                        "quote": "Kerry is to meet Putin.", "date_from": "context"})
    assert "· <i>to meet &lt;x&gt;</i>" in text
    assert "same event told elsewhere" in text
