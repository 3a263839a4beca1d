"""The examples written beside each rule in dashboard/resources/timex/rules.tsv are its specification."""
from datetime import date

import pytest

from dashboard.parser.timex import extract_timexes
from dashboard.parser.timex.resources import rules

REFERENCE = date(2016, 7, 13)   # the publication date rules.tsv examples are read against (a Wednesday)

EXAMPLES = [(rule.name, phrase, value) for rule in rules() for phrase, value in rule.examples]


def test_every_rule_has_examples():
    assert all(rule.examples for rule in rules()), [r.name for r in rules() if not r.examples]


@pytest.mark.parametrize("rule,phrase,value", EXAMPLES, ids=[f"{r}:{p}" for r, p, _ in EXAMPLES])
def test_rule_example(rule, phrase, value):
    found = [(t.value, t.rule) for t in extract_timexes(phrase, REFERENCE)]
    assert (value, rule) in found, f"{phrase!r}: expected {value} from rule {rule}, got {found}"
