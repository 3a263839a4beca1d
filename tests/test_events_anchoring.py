"""anchoring: which date governs a trigger, which dates belong to reporting verbs, and tense."""
from dataclasses import dataclass
from datetime import date

from dashboard.parser import anchoring
from dashboard.parser.triggers import find_triggers


@dataclass(frozen=True)
class Mention:          # the attributes anchoring reads from a timex
    start: int
    end: int
    text: str
    type: str
    value: str


def mentions(text: str, **values: str) -> list:
    """Calendar mentions for the given phrases of `text` (phrase=TIMEX3 value)."""
    found = []
    for phrase, value in values.items():
        phrase = phrase.replace("_", " ")
        start = text.index(phrase)
        found.append(Mention(start, start + len(phrase), phrase, "DATE", value))
    return anchoring.calendar_mentions(sorted(found, key=lambda m: m.start))


def trigger(text: str, event_type: str):
    return next(t for t in find_triggers(text) if t.event_type == event_type)


def test_durations_sets_and_vague_references_are_not_calendar_dates():
    found = [Mention(0, 5, "years", "DURATION", "P3Y"), Mention(6, 11, "daily", "SET", "P1D"),
             Mention(12, 15, "now", "DATE", "PRESENT_REF"), Mention(16, 24, "Thursday", "DATE", "XXXX-WXX-4"),
             Mention(25, 29, "2016", "DATE", "2016")]
    assert [m.timex.text for m in anchoring.calendar_mentions(found)] == ["2016"]


def test_a_reporting_verbs_date_dates_the_saying_not_a_far_event():
    text = "Lavrov said on Tuesday that the envoy failed to call a new round of direct talks in Geneva."
    dates = mentions(text, Tuesday="2016-07-12")
    reporting = [t for t in find_triggers(text) if t.event_type == "statement"]
    owned = anchoring.reporting_dates(text, dates, reporting)
    assert owned == {text.index("Tuesday")}
    talks = trigger(text, "meeting")
    assert anchoring.governing(text, talks, dates, owned, date(2016, 7, 13), 0, len(text)) is None
    said = reporting[0]
    assert anchoring.governing(text, said, dates, owned, date(2016, 7, 13), 0, len(text)).timex.text == "Tuesday"


def test_a_reporting_verbs_date_still_dates_an_event_told_right_beside_it():
    text = "Kerry said Monday after meeting the Saudi foreign minister that progress was made."
    dates = mentions(text, Monday="2016-02-08")
    reporting = [t for t in find_triggers(text) if t.event_type == "statement"]
    owned = anchoring.reporting_dates(text, dates, reporting)
    meeting = trigger(text, "meeting")
    assert anchoring.governing(text, meeting, dates, owned, date(2016, 2, 9), 0, len(text)) is not None


def test_a_plan_is_never_dated_by_a_day_already_past():
    text = "Kerry told diners at a supper Tuesday that he would meet Putin soon."
    dates = mentions(text, Tuesday="2016-07-12")
    meeting = trigger(text, "meeting")
    assert anchoring.governing(text, meeting, dates, set(), date(2016, 7, 13), 0, len(text)) is None


def test_since_marks_the_start_of_a_count_not_the_event():
    text = "Fighting has raged since March 2011."
    dates = mentions(text, March_2011="2011-03")
    assert anchoring.after_since(text, dates[0])


def test_tense_from_the_date_then_from_cues():
    published = date(2016, 7, 13)
    assert anchoring.tense_of(date(2016, 7, 12), date(2016, 7, 12), published, "future", True) == "past"
    assert anchoring.tense_of(date(2016, 8, 1), date(2016, 8, 1), published, None, True) == "future"
    assert anchoring.tense_of(date(2016, 7, 1), date(2016, 7, 31), published, "future", True) == "future"
    assert anchoring.tense_of(None, None, published, "future", False) == "future"
    assert anchoring.tense_of(None, None, published, None, False) == "past"


def test_cue_words_nearest_the_trigger_decide():
    text = "Steinmeier is to host a meeting of foreign ministers."
    assert anchoring.cue_tense(text, trigger(text, "meeting"), 0, len(text)) == "future"
    text = "The ministers met in Paris, and they will meet again."
    first = find_triggers(text)[0]
    assert anchoring.cue_tense(text, first, 0, len(text)) == "past"
