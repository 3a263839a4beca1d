"""Anchoring without a publication date, mods, the relative flag, ranges, clock times, and timex_span."""
from datetime import date

import pytest

from dashboard.parser.timex import extract_timexes, timex_span

ANCHOR = date(2016, 7, 13)   # a Wednesday


def values(text, anchor=ANCHOR):
    return [(m.text, m.value) for m in extract_timexes(text, anchor)]


@pytest.mark.parametrize("text,value", [
    ("July 13, 2016", "2016-07-13"),
    ("June 2012", "2012-06"),
    ("since 1990", "1990"),
    ("the 1990s", "199"),
    ("the three-year conflict", "P3Y"),
    ("the summer of 2012", "2012-SU"),
])
def test_absolute_values_resolve_without_anchor(text, value):
    [m] = extract_timexes(text, None)
    assert (m.value, m.relative) == (value, False)


@pytest.mark.parametrize("text,value", [
    ("Lavrov said on Tuesday", "XXXX-WXX-2"),
    ("until August", "XXXX-08"),
    ("the Aug. 7 attack", "XXXX-08-07"),
    ("last week", "XXXX-WXX"),
    ("yesterday", "XXXX-XX-XX"),
    ("last month", "XXXX-XX"),
    ("a year ago", "XXXX"),
    ("last November", "XXXX-11"),
    ("in the third quarter", "XXXX-Q3"),
    ("at 10:35 a.m.", "XXXX-XX-XXT10:35"),
])
def test_anchor_dependent_values_stay_underspecified_without_anchor(text, value):
    [m] = extract_timexes(text, None)
    assert (m.value, m.relative) == (value, True)


def test_relative_flag_marks_values_computed_from_the_anchor():
    found = {m.text: m.relative for m in extract_timexes("On Tuesday, July 12, 2016, and on Friday", ANCHOR)}
    assert found == {"Tuesday, July 12, 2016": False, "Friday": True}


def test_same_text_different_anchor_moves_relative_values_only():
    text = "The accord of March 5, 2015 was signed last week; talks will resume on Thursday."
    a = dict(values(text, date(2016, 7, 13)))
    b = dict(values(text, date(2017, 1, 10)))
    assert a["March 5, 2015"] == b["March 5, 2015"] == "2015-03-05"
    assert (a["last week"], b["last week"]) == ("2016-W27", "2017-W01")
    assert (a["Thursday"], b["Thursday"]) == ("2016-07-14", "2017-01-12")


@pytest.mark.parametrize("text,mod", [
    ("early 2014", "START"),
    ("mid-July", "MID"),
    ("late November", "END"),
    ("might not be possible until August or later", "ON_OR_AFTER"),
    ("not until August", "ON_OR_AFTER"),
    ("the truce holds until August", "ON_OR_BEFORE"),
    ("a conference in August or later", "ON_OR_AFTER"),
    ("a deal by Friday", "ON_OR_BEFORE"),
    ("not before August", "ON_OR_AFTER"),
    ("before March 2011", "BEFORE"),
    ("after March 2011", "AFTER"),
    ("more than two years", "MORE_THAN"),
    ("about five hours", "APPROX"),
])
def test_mods(text, mod):
    [m] = extract_timexes(text, ANCHOR)
    assert m.mod == mod


def test_plain_dates_have_no_mod():
    assert [m.mod for m in extract_timexes("on July 13, 2016 and on Tuesday", ANCHOR)] == [None, None]


def test_day_range_gives_both_days():
    assert values("talks on Aug. 7-8") == [("Aug. 7", "2016-08-07"), ("8", "2016-08-08")]
    assert values("the summit on April 24 and 25, 1999") == [("April 24", "1999-04-24"), ("25", "1999-04-25")]


def test_clock_time_takes_the_day_named_in_its_sentence():
    assert values("The blast occurred at about 10:35 a.m. (0735 GMT) Friday, toppling a building.") == [
        ("10:35 a.m.", "2016-07-08T10:35"), ("0735 GMT", "2016-07-08T07:35"), ("Friday", "2016-07-08")]


def test_clock_time_does_not_borrow_a_day_from_another_sentence():
    assert values("It was quiet on Friday. The blast came at 10:35 a.m.")[-1] == ("10:35 a.m.", "2016-07-13T10:35")


def test_wire_dateline():
    text = "NAIROBI, Kenya (AP) _ Bombs exploded Friday.\n\nWASHINGTON, August 8 (Xinhua) -- Clinton said Saturday"
    assert values(text, date(1998, 8, 8)) == [
        ("Friday", "1998-08-07"), ("August 8", "1998-08-08"), ("Saturday", "1998-08-08")]


def test_durations_are_not_points():
    for m in extract_timexes("the three-year conflict, a 90-minute meeting and a six-week truce", ANCHOR):
        assert m.type == "DURATION" and timex_span(m.value) is None


@pytest.mark.parametrize("value,span", [
    ("2016-07-14", (date(2016, 7, 14), date(2016, 7, 14), "day")),
    ("2016-07-14T10:35", (date(2016, 7, 14), date(2016, 7, 14), "day")),
    ("2016-07-10TNI", (date(2016, 7, 10), date(2016, 7, 10), "day")),
    ("2016-07", (date(2016, 7, 1), date(2016, 7, 31), "month")),
    ("2016-02", (date(2016, 2, 1), date(2016, 2, 29), "month")),
    ("2016-07-XX", (date(2016, 7, 1), date(2016, 7, 31), "month")),
    ("2016-W28", (date(2016, 7, 11), date(2016, 7, 17), "week")),
    ("2016-W01", (date(2016, 1, 4), date(2016, 1, 10), "week")),
    ("2016-W28-WE", (date(2016, 7, 16), date(2016, 7, 17), "week")),
    ("2016-Q3", (date(2016, 7, 1), date(2016, 9, 30), "quarter")),
    ("2016-H2", (date(2016, 7, 1), date(2016, 12, 31), "quarter")),
    ("2016-SU", (date(2016, 6, 1), date(2016, 8, 31), "season")),
    ("2016-WI", (date(2016, 12, 1), date(2017, 2, 28), "season")),
    ("2016", (date(2016, 1, 1), date(2016, 12, 31), "year")),
    ("201", (date(2010, 1, 1), date(2019, 12, 31), "decade")),
])
def test_timex_span(value, span):
    assert timex_span(value) == span


@pytest.mark.parametrize("value", ["P3Y", "PRESENT_REF", "XXXX-08", "XXXX-WXX-2", "2016-02-30", "2016-W60", "", None])
def test_timex_span_of_non_calendar_values(value):
    assert timex_span(value) is None


def test_clock_time_is_relative_only_when_its_day_is():
    [clock, day] = extract_timexes("at 10:35 a.m. on July 12, 2016", ANCHOR)
    assert (clock.value, clock.relative, day.relative) == ("2016-07-12T10:35", False, False)
    [clock, day] = extract_timexes("at 10:35 a.m. (0735 GMT) Tuesday", ANCHOR)[::2]
    assert (clock.value, clock.relative, day.relative) == ("2016-07-12T10:35", True, True)


def test_a_weekday_named_again_without_a_cue_keeps_the_day_the_story_gave_it():
    text = "Kerry will meet Putin in Moscow on Thursday. Officials said the talks on Thursday could be decisive."
    assert [m.value for m in extract_timexes(text, ANCHOR)] == ["2016-07-14", "2016-07-14"]


def test_a_weekday_with_its_own_cue_is_read_on_its_own():
    text = "Kerry will meet Putin on Thursday. A week earlier, Lavrov met him on Thursday."
    values = [m.value for m in extract_timexes(text, ANCHOR) if m.text == "Thursday"]
    assert values == ["2016-07-14", "2016-07-07"]
