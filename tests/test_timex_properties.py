"""Contract of extract_timexes on any input: offsets, no overlaps, clear errors, no blow-ups."""
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.parser.timex import Timex, extract_timexes, timex_span
from dashboard.parser.timex.model import TYPES

ANCHOR = date(2016, 7, 13)
NEWSY = st.sampled_from([
    "said on Tuesday", "July 13, 2016", " 1998 ", "last week", "two years", "Aug. 7-8", "mid-July", "the 1990s",
    "10:35 a.m.", "0735 GMT", "every Tuesday", "now", "May", "March", "1,000", "2000 people", "yesterday",
    "08/07/1998", "early 2014", "(AP) _", "\n\n", " ", ", ", ". ", "-", "'s", "Q3", "the third quarter",
])
TEXTS = st.one_of(st.text(), st.lists(st.one_of(NEWSY, st.text(max_size=5)), max_size=30).map("".join))


def _check_mentions(text, mentions):
    previous_end = 0
    for m in mentions:
        assert isinstance(m, Timex)
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= previous_end, "mentions overlap or are out of order"
        previous_end = m.end
        assert m.type in TYPES
        assert m.value


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))))
def test_any_text_gives_well_formed_mentions(text, anchor):
    _check_mentions(text, extract_timexes(text, anchor))


@pytest.mark.parametrize("bad", [None, b"July 13, 2016", 2016, 3.5, ["July"]])
def test_non_text_is_a_type_error(bad):
    with pytest.raises(TypeError, match="text must be str"):
        extract_timexes(bad, ANCHOR)


@pytest.mark.parametrize("bad", ["2016-07-13", 20160713, object()])
def test_bad_anchor_is_a_type_error(bad):
    with pytest.raises(TypeError, match="anchor must be a datetime.date"):
        extract_timexes("said on Tuesday", bad)


def test_datetime_anchor_counts_as_its_day():
    [m] = extract_timexes("said on Tuesday", datetime(2016, 7, 13, 23, 59))
    assert m.value == "2016-07-12"


def test_empty_text():
    assert extract_timexes("", ANCHOR) == []
    assert extract_timexes("", None) == []


def test_control_characters_and_mixed_scripts():
    text = "\x00\x07Москва, 13 July 2016\u200b — 叙利亚 talks on Tuesday\tend\r\n\x1b[0m"
    mentions = extract_timexes(text, ANCHOR)
    _check_mentions(text, mentions)
    assert [m.value for m in mentions] == ["2016-07-13", "2016-07-12"]


@pytest.mark.parametrize("unit", ["1 2 3 4 5 ", "a a an ", "May March Jan. ", "two two years ", "- ", "9" * 50])
def test_long_repetitive_input_completes(unit):
    """Pathological repetition must not backtrack catastrophically (speed itself: benchmarks/bench_timex.py)."""
    text = unit * (200_000 // len(unit))
    _check_mentions(text, extract_timexes(text, ANCHOR))


def test_mentions_are_frozen():
    [m] = extract_timexes("said on Tuesday", ANCHOR)
    with pytest.raises(AttributeError):
        m.value = "2016-07-19"


@pytest.mark.parametrize("text", ["February 30", "31 April", "Monday, Feb. 29", "the week of Feb. 30", "Feb. 29, 2015"])
def test_days_that_do_not_exist_do_not_break_anchoring(text):
    for anchor in (None, date(2015, 6, 1), date(2016, 2, 29)):
        _check_mentions(text, extract_timexes(text, anchor))


@pytest.mark.parametrize("anchor", [date(1, 1, 1), date(9999, 12, 31)])
def test_anchor_at_the_ends_of_the_calendar(anchor):
    text = "last year, next Easter, this weekend, in the 19th century, 99 decades ago and the following decade"
    mentions = extract_timexes(text, anchor)
    _check_mentions(text, mentions)
    for m in mentions:
        timex_span(m.value)
