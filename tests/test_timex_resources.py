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
