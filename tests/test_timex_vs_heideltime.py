"""The wire comparison script's own logic: reading HeidelTime's TimeML back onto the text, and pairing mentions."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import timex_vs_heideltime as compare  # noqa: E402  (a script, imported from its folder)


def test_timeml_mentions_land_on_the_original_text_even_with_escaped_characters():
    text = 'Q&A: "Talks" resume Monday & end on Friday.'
    timeml = ('<?xml version="1.0"?>\n<TimeML>\nQ&amp;A: "Talks" resume <TIMEX3 tid="t1" type="DATE" '
              'value="2016-07-18">Monday</TIMEX3> &amp; end on <TIMEX3 tid="t2" type="DATE" '
              'value="2016-07-22">Friday</TIMEX3>.\n</TimeML>\n')
    found = compare._timeml_mentions(timeml, text)
    assert [(text[m["start"]:m["end"]], m["value"]) for m in found] == [("Monday", "2016-07-18"),
                                                                        ("Friday", "2016-07-22")]


def test_pairing_is_one_to_one_by_overlap():
    ours = [dict(start=0, end=20), dict(start=30, end=35)]          # "Jan. 1 next year" as one mention
    theirs = [dict(start=0, end=6), dict(start=7, end=16), dict(start=50, end=55)]
    pairs, ours_only, theirs_only = compare.pair(ours, theirs)
    assert [(o["start"], t["start"]) for o, t in pairs] == [(0, 0)]
    assert [o["start"] for o in ours_only] == [30]
    assert [t["start"] for t in theirs_only] == [7, 50]


def test_categories_read_the_phrase():
    assert compare.category("a year ago") == "year-ago"
    assert compare.category("the third quarter") == "quarter/fiscal"
    assert compare.category("Tuesday morning") == "weekday"
    assert compare.category("in March") == "month-no-year"
