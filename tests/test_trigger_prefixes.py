"""The prefix index that lets the trigger scan try only a few rules per word must never hide a match."""
import re

import pytest

from dashboard.parser.lexicon import load
from dashboard.parser.triggers import find_triggers, prefixes


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
