"""The tagger's data files hold together: every entry has an example, names point at things that exist."""
import re

import pytest

from dashboard.parser.timex.resources import RESOURCES, macros, read_tsv, rules, triggers

DATA_FILES = sorted(p.name for p in RESOURCES.glob("*.tsv"))


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_entry_has_an_example(name):
    rows = read_tsv(name)
    if name in ("rules.tsv", "macros.tsv"):
        rows = rows[1:] if name == "rules.tsv" else rows      # rules.tsv has a header row
    width = max(len(r) for r in rows)
    for row in rows:
        assert len(row) == width and row[-1].strip(), f"{name}: entry without an example: {row}"


def test_every_vocabulary_file_is_used_by_a_macro():
    used = {token.lstrip("=") for row in read_tsv("macros.tsv") for token in row[1].split() if token.endswith("tsv")}
    own = {"macros.tsv", "rules.tsv", "blockers.tsv", "mod_cues.tsv"}
    assert set(DATA_FILES) - own == used


def test_macros_named_in_rules_exist():
    known = set(macros())
    for row in read_tsv("rules.tsv")[1:]:
        for name in re.findall(r"%([a-z_]+?)\d?\b", row[2]):
            assert name in known or name.rstrip("0123456789") in known, f"rule {row[0]}: unknown macro %{name}"


def test_blockers_name_existing_rules():
    names = {rule.name for rule in rules()}
    for rule_names, side, *_ in read_tsv("blockers.tsv"):
        assert side in ("before", "after", "keep", "keep_after")
        assert set(n.strip() for n in rule_names.split(",")) <= names, rule_names


def test_every_rule_trigger_is_known():
    found = triggers()
    cells = set(found.regexes) | {c for cells in (*found.exact.values(), *found.folded.values()) for c in cells}
    assert {rule.trigger for rule in rules()} <= cells


def test_rule_names_are_unique():
    names = [rule.name for rule in rules()]
    assert len(names) == len(set(names))


def _blocker_rows():
    return [pytest.param(*row, id=f"{row[1]}:{row[3]}") for row in read_tsv("blockers.tsv")]


@pytest.mark.parametrize("rule_names,side,word,example", _blocker_rows())
def test_blocker_examples(rule_names, side, word, example):
    """Each blocker's example does what its side says: 'before'/'after' words keep its rules from reading a date next
    to them ("the Sunday Times", "2000 people"), 'keep'/'keep_after' words make one ("before 2014 elections")."""
    from datetime import date
    from dashboard.parser.timex import extract_timexes
    example = example.split(" (")[0]    # "wounded 1900 others (a count, not ...)": a remark after the phrase
    found = extract_timexes(example, date(2016, 7, 13))
    pattern = word[1:-1] if word.startswith("/") and word.endswith("/") else re.escape(word)
    spots = list(re.finditer(rf"\b(?:{pattern})\b", example, re.IGNORECASE if word.islower() else 0))
    assert spots, f"{word!r} is not in its example {example!r}"

    def beside(t, m):   # the timex ends just before the word, starts just after it, or holds it ("mid-2015")
        return (t.end <= m.start() and not example[t.end:m.start()].strip()) or \
            (t.start >= m.end() and not example[m.end():t.start].strip(" -")) or (t.start <= m.start() < t.end)
    rules_named = {name.strip() for name in rule_names.split(",")}
    near = [t for t in found for m in spots if beside(t, m) and (side.startswith("keep") or t.rule in rules_named)]
    if side in ("before", "after"):
        assert not near, f"{example!r}: {[(t.text, t.value) for t in near]}"
    else:
        assert near, f"{example!r}: no date beside {word!r}; found {[(t.text, t.value) for t in found]}"


def _vocabulary_rows():
    own = {"macros.tsv", "rules.tsv", "blockers.tsv", "mod_cues.tsv"}
    return [pytest.param(row[0], row[-1], id=f"{name}:{row[0]}") for name in DATA_FILES if name not in own
            for row in read_tsv(name)]


@pytest.mark.parametrize("surface,example", _vocabulary_rows())
def test_vocabulary_examples(surface, example):
    """Each vocabulary entry's example reads as a date holding the entry, or right beside it ("today's youth",
    "noon CET")."""
    from datetime import date
    from dashboard.parser.timex import extract_timexes
    found = extract_timexes(example, date(2016, 7, 13))
    spots = [m.start() for m in re.finditer(re.escape(surface), example, re.IGNORECASE)]
    assert spots, f"{surface!r} is not in its example {example!r}"
    assert any(t.start <= s < t.end or (t.end <= s and re.fullmatch(r"(?:['’]s)?\s*", example[t.end:s]))
               for t in found for s in spots), \
        f"{example!r}: {[(t.text, t.value) for t in found]}"



@pytest.mark.parametrize("macro", [m for m in macros().values() if m.surfaces], ids=lambda m: m.name)
def test_vocabulary_grouped_by_first_character_matches_as_one_alternation(macro):
    """A macro's vocabulary is one alternative per first character: the same matches as an alternation of its
    entries in their order, on a line of every entry (as written, in capitals, in lower case, capitalized)."""
    from dashboard.parser.timex.resources import _alternative
    source = next(row[1] for row in read_tsv("macros.tsv") if row[0] == macro.name)
    plain = "|".join([_alternative(s) for s in macro.surfaces] + ([source[source.index("/") + 1:source.rindex("/")]]
                                                                  if "/" in source else []))
    if macro.case_sensitive:
        plain = f"(?-i:{plain})"
    line = " ".join(f"{s}, {s.upper()}; {s.lower()} {s.title()}" for s in macro.surfaces)
    expected = [m.span() for m in re.finditer(plain, line, re.IGNORECASE)]
    assert expected and [m.span() for m in re.finditer(macro.regex, line, re.IGNORECASE)] == expected
