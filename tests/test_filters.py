"""The view's filters: URL round trip and what they keep."""
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from dashboard.filters import Filters
from dashboard.schema import EVENT_COLUMNS, typed


@pytest.fixture
def events():
    rows = [
        dict(event_id="a", event_type="meeting", date="2016-07-14", date_end="2016-07-14",
             actors="John Kerry; Vladimir Putin", source="AFP", quote="Kerry to meet Putin in Moscow",
             confidence=0.9, published="2016-07-13"),
        dict(event_id="b", event_type="deadline", date="2016-08-01", date_end="2016-08-01",
             actors="John Kerry", source="AFP", quote="talks supposed to start on August 1",
             confidence=0.6, published="2016-07-13"),
        dict(event_id="c", event_type="casualties", date="2014-01-01", date_end="2014-01-31",
             actors="", source="Agence France-Presse", quote="some 6,000 dead", confidence=0.7,
             published=None),
    ]
    return typed(pd.DataFrame(rows), EVENT_COLUMNS)


def ids(df):
    return sorted(df["event_id"])


def test_no_filters_keep_everything(events):
    assert ids(Filters().apply(events)) == ["a", "b", "c"]


def test_a_span_overlapping_the_range_is_kept(events):
    # the January 2014 span overlaps a range starting mid-January
    assert ids(Filters(date_from=date(2014, 1, 15), date_to=date(2014, 2, 1)).apply(events)) == ["c"]
    assert ids(Filters(date_from=date(2016, 7, 15)).apply(events)) == ["b"]


def test_types_actors_sources_query_confidence_undated(events):
    assert ids(Filters(types=("meeting", "deadline")).apply(events)) == ["a", "b"]
    assert ids(Filters(actors=("Vladimir Putin",)).apply(events)) == ["a"]
    assert ids(Filters(actors=("Putin",)).apply(events)) == []           # whole canonical names only
    assert ids(Filters(sources=("Agence France-Presse",)).apply(events)) == ["c"]
    assert ids(Filters(query="MOSCOW").apply(events)) == ["a"]
    assert ids(Filters(min_confidence=0.65).apply(events)) == ["a", "c"]
    assert ids(Filters(include_undated=False).apply(events)) == ["a", "b"]


def test_query_string_round_trip():
    f = Filters(date_from=date(2016, 1, 1), types=("meeting", "deadline"), actors=("Sergei Lavrov",),
                query="Geneva talks", min_confidence=0.5, include_undated=False)
    qs = f.to_query_string()
    assert qs.startswith("?") and "type=meeting&type=deadline" in qs
    assert Filters.from_query_string(qs) == f
    assert Filters().to_query_string() == ""


def test_bad_values_name_the_key():
    with pytest.raises(ValueError, match="'from'"):
        Filters.from_query_string("from=yesterday")
    with pytest.raises(ValueError, match="'minconf'"):
        Filters.from_query_string("minconf=7")
    assert Filters.from_query_string("?utm_source=x") == Filters()      # unknown keys are ignored


def test_describe_names_the_filters():
    text = Filters(types=("meeting",), date_from=date(2016, 1, 1), date_to=date(2016, 7, 31)).describe()
    assert "meeting" in text and "1 Jan 2016" in text and "31 Jul 2016" in text
    assert Filters().describe() == "all events"


names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)


@given(types=st.lists(names, max_size=3), actors=st.lists(names, max_size=3), query=st.text(max_size=30),
       conf=st.floats(0, 1, allow_nan=False))
def test_any_filters_survive_the_url(types, actors, query, conf):
    f = Filters(types=tuple(types), actors=tuple(actors), query=query.strip(), min_confidence=conf)
    assert Filters.from_query_string(f.to_query_string()) == f


def test_actor_names_with_regex_characters_match_literally(events):
    events = events.assign(actors=["A. (Bob) Smith; X", "A. Bob Smith", ""])
    assert ids(Filters(actors=("A. (Bob) Smith",)).apply(events)) == ["a"]
    assert ids(Filters(actors=("X", "A. Bob Smith")).apply(events)) == ["a", "b"]
