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


def test_first_character_guard_keeps_every_rules_matches():
    """A rule's pattern is its source behind a test of its first character: the same matches, on every example
    of every rule, and in a line made of all of them (so each rule also meets the others' phrases)."""
    import re
    everything = " and ".join(phrase for _, phrase, _ in EXAMPLES)
    for rule in rules():
        unguarded = re.compile(rule.source, re.IGNORECASE)
        for text in [phrase for phrase, _ in rule.examples] + [everything, everything.upper()]:
            expected = [(m.span(), m.groupdict()) for m in unguarded.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text)] == expected, (rule.name, text)
    assert sum(r.pattern.pattern != r.source for r in rules()) > len(rules()) // 2


def test_macro_stand_ins_give_the_facts_of_the_whole_pattern():
    """A rule is parsed for its facts with a short stand-in for each macro: the same first-character guard and
    required texts as its whole source gives, for every rule."""
    import re
    from re import _parser

    from dashboard.parser.timex.pattern_facts import first_character_guard, required_texts
    for rule in rules():
        tree = _parser.parse(rule.source, re.IGNORECASE)
        assert (rule.pattern.pattern, rule.required) == (first_character_guard(tree) + rule.source,
                                                          required_texts(tree)), rule.name


def test_triggers_led_by_a_character_find_what_finditer_finds():
    """finder tries the /regex/ triggers that open with a digit only at the text's digits, the one opening with a
    letter only where it stands (either case): the same spans as a scan of the whole text, on a line of every rule
    example and on digits packed close ("1990s-2000s", "10-12", "٣"), and with q in odd places."""

    from dashboard.parser.timex.finder import _leads, _regex_spans, _ascii_lowered
    from dashboard.parser.timex.resources import triggers
    everything = " and ".join(phrase for _, phrase, _ in EXAMPLES)
    texts = [everything, everything.upper(), "1990s-2000s, 10-12, 3-4pm, 2016-2017, 12.5.2016 and ٣٤٥٦",
             "Q1, q2 and Q3 2016, QQ4, Iraq's q1q2", "Q1, q2 and Q3 2016 (ſ ٣)"]
    assert len([lead for lead in _leads().values() if lead == r"\d"]) >= 5 and "q" in _leads().values()
    for text in texts:
        expected = {cell: [m.span() for m in regex.finditer(text)] for cell, regex in triggers().regexes.items()}
        assert _regex_spans(text, _ascii_lowered(text)) == expected, text


def test_every_match_contains_its_rules_required_texts():
    """finder runs a rule only in windows holding the texts its pattern cannot match without: every match of
    every rule, on its examples and on a line of all of them, holds them (lower-cased)."""
    everything = " and ".join(phrase for _, phrase, _ in EXAMPLES)
    required = {rule.name: rule.required for rule in rules()}
    assert "from" in required["units_from_now"] and "ago" in required["year_ago"]
    for rule in rules():
        for text in [phrase for phrase, _ in rule.examples] + [everything, everything.upper()]:
            for m in rule.pattern.finditer(text):
                assert all(t in m.group().lower() for t in required[rule.name]), (rule.name, m.group())


def test_trigger_words_are_found_where_each_word_is_looked_up():
    """finder looks up only the words whose lower case is some trigger word: the same spans as looking up every
    [A-Za-z]+ word of the text (as written in the case-sensitive vocabularies, lower-cased in the others), on a
    line of every rule example, in capitals, and in text with non-ASCII letters around and inside words."""
    import re

    from dashboard.parser.timex.finder import _word_spans, _ascii_lowered
    from dashboard.parser.timex.resources import triggers
    found = triggers()
    everything = " and ".join(phrase for _, phrase, _ in EXAMPLES)
    odd = "Мay 5, Ｍonday; ſunday, today's Tuesday-Wednesday, ıt was MaRCH 3 and İst May, yesterdayé éday days"
    for text in [everything, everything.upper(), odd]:
        expected: dict[str, list[tuple[int, int]]] = {}
        for m in re.finditer(r"[A-Za-z]+", text):
            for cell in (*found.exact.get(m[0], ()), *found.folded.get(m[0].lower(), ())):
                expected.setdefault(cell, []).append(m.span())
        assert _word_spans(text, _ascii_lowered(text)) == expected
