"""The tense-cue vocabulary (dashboard/resources/lexicons/tense_cues.tsv): every example does what its row says,
through each reader that takes the row: the event anchoring (the tense of the example's main event) and the
tagger (whether the example's date lies before or after publication)."""
import pytest

from dashboard.parser.anchoring import EVENT_CUE_KINDS, cue_tense
from dashboard.parser.lexicon import load
from dashboard.parser.timex import cues, extract_timexes
from dashboard.parser.timex.resources import CUE_KINDS, TENSES, tense_cue_rows, tense_cues
from dashboard.parser.triggers import find_triggers

ROWS = [pytest.param(row, id=f"{row['cue']}:{row['example'][:30]}") for row in load("tense_cues")]


def _expected(row):
    return None if row["tense"] == "-" else row["tense"]


@pytest.mark.parametrize("row", [r for r in ROWS if r.values[0]["kind"] in EVENT_CUE_KINDS])
def test_event_examples(row):
    text = row["example"]
    trigger = max(find_triggers(text), key=lambda t: t.weight)
    assert cue_tense(text, trigger, 0, len(text)) == _expected(row), trigger


def _date_reading(row):
    """The tense the tagger reads for the example's date, or "cue is a date" when the tagger takes the cue
    itself for a date ("yesterday", "two weeks ago"): a mention's own words are no cue for another."""
    text = row["example"]
    mentions = extract_timexes(text)
    spans = sorted((m.start, m.end) for m in mentions)
    phrases = {cue.phrase for cue in tense_cue_rows() if cue.example == text}
    lowered = text.lower()
    if any(s <= lowered.find(p) < e for p in phrases if p in lowered for s, e in spans):
        return "cue is a date"
    assert mentions, f"no date in {text!r}"
    mention = mentions[-1]
    return cues.tense(text, mention.start, mention.end, spans)


@pytest.mark.parametrize("row", [r for r in ROWS if r.values[0]["tense"] != "present"])
def test_date_examples(row):
    reading = _date_reading(row)
    if reading == "cue is a date":
        return
    if row["kind"] == "boundary":       # the example's only cues lie beyond the boundary
        assert reading is None
    elif row["kind"] == "soft_boundary":    # ... and are read once no cue is found before it
        assert reading is not None
    else:
        assert reading == _expected(row)


def test_every_row_has_a_known_tense_and_kind():
    for row in load("tense_cues"):
        assert row["tense"] in TENSES and row["kind"] in CUE_KINDS, row


def test_choices_spell_out_every_phrase():
    phrases = {cue.phrase for cue in tense_cue_rows()}
    assert {"is due to", "were expected to", "heading to", "heading back to", "pledged not to"} <= phrases


def test_the_tagger_takes_no_present_cue():
    assert "is" not in tense_cues()["cue"] and "continues" not in tense_cues()["cue"]
    assert tense_cues()["cue"]["said"] == "report" and tense_cues()["boundary"]["and"] == "soft_boundary"


def _event_cue(text, word):
    trigger = next(t for t in find_triggers(text) if t.text == word)
    return cue_tense(text, trigger, 0, len(text))


def test_an_infinitive_cue_plans_what_follows_not_its_own_verb():
    text = "The two sides agreed to hold a summit in Geneva."
    assert _event_cue(text, "agreed") == "past"
    assert _event_cue(text, "summit") == "future"
    assert _event_cue("The summit decided to set up a fund.", "summit") is None


def test_an_attributive_cue_dates_only_what_follows_it():
    assert _event_cue("a protest at the upcoming summit", "summit") == "future"
    assert _event_cue("a protest at the upcoming summit", "protest") is None
    text = "a parade on Friday for the upcoming holiday"
    assert cues.tense(text, text.index("Friday"), text.index("Friday") + 6) is None


def test_events_read_no_modal_and_no_month():
    assert _event_cue("The summit in May drew crowds.", "summit") == "past"
    assert _event_cue("Talks may resume soon.", "Talks") is None
    text = "Talks may resume on Friday."
    assert cues.tense(text, text.index("Friday"), text.index("Friday") + 6) == "future"
