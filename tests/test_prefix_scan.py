"""The prefix trees that let the trigger and clause-cue scans try only a few rules per place must never hide or
reorder a match."""
import re

import pytest

from dashboard.parser.lexicon import load
from dashboard.parser.clauses import _cue_scanner
from dashboard.parser.triggers import alternatives, find_triggers, prefixes


def test_prefixes_of_literal_alternatives():
    assert prefixes("meets?|met") == {"meet", "met"}
    assert prefixes("(?:held|hold) talks", 3) == {"hel", "hol"}
    assert prefixes("[bc]at", 2) == {"ba", "ca"}


def test_optional_and_repeated_parts_give_every_beginning():
    assert prefixes("(?:re-)?open", 3) == {"re-", "ope"}
    assert prefixes("(?:ab){2,}c", 5) == {"ababa", "ababc"}


def test_unknown_parts_cut_the_prefix_short():
    assert prefixes(r"se\w+") == {"se"}
    assert prefixes(r"\w+ talks") == {""}
    assert prefixes("(?i:a)b") == {""}
    assert prefixes("(?i)ab") == {""}


def test_plain_words_are_read_as_the_parser_would():
    # (plain words are read without parsing the pattern; these are the cases where reading must not stop short)
    assert prefixes("met with") == {"met "}
    assert prefixes("meets?") == {"meet"}
    assert prefixes("meet?") == {"mee", "meet"}
    assert prefixes("met") == {"met"}
    assert prefixes("talks|met") == {"talk", "met"}
    assert prefixes("talks (?:with|between)") == {"talk"}


def test_triggers_at_the_text_start_and_after_any_non_word_character():
    assert [(t.text, t.start) for t in find_triggers("Summit ends.")] == [("Summit", 0)]
    assert find_triggers("Summit ends.", 1) == []
    assert [(t.text, t.start) for t in find_triggers("\u2014summit\u00a0ends")] == [("summit", 1)]
    assert find_triggers("caf\u00e9summit") == []    # a non-ASCII letter is part of the word


def test_lookarounds_do_not_count():
    assert prefixes(r"\bdeals?(?!s? with)") == {"deal"}


@pytest.mark.parametrize("row", load("triggers"), ids=lambda row: row["example"][:40])
def test_every_example_match_begins_with_a_prefix_of_its_rule(row):
    lowered = row["example"].lower()
    match = re.compile(rf"\b(?:{row['pattern']})\b").search(lowered)
    assert match and any(lowered.startswith(p, match.start()) for p in prefixes(row["pattern"]))


def test_longest_rule_wins_whatever_its_prefix():
    # "press conference" (statement) starts like "press" nothing, "conference" (conference) inside it
    found = find_triggers("He gave a press conference on Monday.")
    assert [(t.event_type, t.text) for t in found] == [("statement", "press conference")]


def test_whitespace_is_one_class_in_prefixes():
    assert prefixes(r",?\s(?:who|which)", 3) == {", w", " wh"}
    assert prefixes("talks with", 7) == {"talks w"}


def cues(*rows):
    return [{"kind": kind, "pattern": pattern, "cost": "1"} for kind, pattern in rows]


def scan(rows, text):
    pattern, cue_of_group = _cue_scanner(cues(*rows))
    found, pos = [], 0
    while (match := pattern.search(text, pos)) is not None:
        start, pos = match.span(match.lastgroup)
        found.append((cue_of_group[match.lastgroup][0], text[start:pos]))
    return found


def test_first_cue_row_wins_even_when_a_later_row_has_a_longer_prefix():
    assert scan([("comma", ","), ("relative", r",\swho\b")], "the envoy, who met") == [("comma", ",")]
    assert scan([("relative", r",\swho\b"), ("comma", ",")], "the envoy, who met, said") == \
        [("relative", ", who"), ("comma", ",")]


def test_word_cues_only_at_word_starts_and_after_the_others():
    rows = [("complement", r"\bthat\b"), ("stop", r"\s+that")]
    assert scan(rows, "said that, not cathat") == [("stop", " that")]
    assert scan(rows, "that is all") == [("complement", "that")]


def test_a_cue_that_can_match_nothing_is_refused():
    with pytest.raises(ValueError, match="can match nothing"):
        _cue_scanner(cues(("comma", ",?")))


def test_alternatives_spread_a_leading_group_over_what_follows():
    assert alternatives("(?:a|b(?:c|d))e|f[|)]g") == ["ae", "b(?:c|d)e", "f[|)]g"]
    assert alternatives(r"(?:held|hold)(?: \w+)? talks") == [r"held(?: \w+)? talks", r"hold(?: \w+)? talks"]
    assert alternatives(r"\(|x\|y|[]|]z") == [r"\(", r"x\|y", "[]|]z"]


def test_a_repeated_or_flagged_group_stays_whole():
    assert alternatives("(?:x|y)?z|(?:u|v){2}") == ["(?:x|y)?z", "(?:u|v){2}"]
    assert alternatives("(?i)a|b") == ["(?i)a|b"]
    assert alternatives("(?i:a|b)c") == ["(?i:a|b)c"]


@pytest.mark.parametrize("row", load("triggers"), ids=lambda row: row["example"][:40])
def test_a_rule_matches_where_one_of_its_alternatives_does(row):
    lowered = row["example"].lower()
    whole = re.compile(rf"\b(?:{row['pattern']})\b")
    parts = [re.compile(rf"\b(?:{a})\b") for a in alternatives(row["pattern"])]
    for at in range(len(lowered)):
        assert bool(whole.match(lowered, at)) == any(p.match(lowered, at) for p in parts), (row["pattern"], at)


def test_a_cue_of_unknown_beginning_is_tried_everywhere_in_row_order():
    rows = [("stop", r"\d+ dead"), ("comma", ","), ("complement", r"\bthat\b")]
    assert scan(rows, "said that, 12 dead") == [("complement", "that"), ("comma", ","), ("stop", "12 dead")]
