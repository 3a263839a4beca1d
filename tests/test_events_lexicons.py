"""Every lexicon entry's example phrase does what the entry says (the examples are the specification)."""
import re

import pytest

from dashboard.parser.actors import find_actors
from dashboard.parser.assertion import sporting
from dashboard.parser.casualties import find_figures
from dashboard.parser.lexicon import load
from dashboard.parser.places import dateline, find_places
from dashboard.parser.sentences import Sentence, split_sentences
from dashboard.parser.clauses import find_boundaries
from dashboard.parser.triggers import find_triggers


def rows(name):
    return [pytest.param(row, id=f"{name}:{row['example'][:40]}") for row in load(name)]


def names(text):
    return {a.name for a in find_actors(text)}


@pytest.mark.parametrize("row", rows("triggers"))
def test_trigger_examples(row):
    found = find_triggers(row["example"])
    lowered, pattern = row["example"].lower(), re.compile(rf"(?:{row['pattern']})\b")
    assert any(t.event_type == row["type"] and (m := pattern.match(lowered, t.start)) and m.end() == t.end
               for t in found), found


@pytest.mark.parametrize("row", rows("people"))
def test_people_examples(row):
    assert row["canonical"] in names(row["example"])


@pytest.mark.parametrize("row", rows("organizations"))
def test_organization_examples(row):
    assert row["canonical"] in names(row["example"])


@pytest.mark.parametrize("row", rows("countries"))
def test_country_examples(row):
    text = row["example"]
    places = {p.country for p in find_places(text)}
    assert row["canonical"] in names(text) | places


@pytest.mark.parametrize("row", rows("places"))
def test_place_examples(row):
    text = row["example"]
    filed = dateline(text)
    assert row["name"] in {p.name for p in find_places(text)} | ({filed.name} if filed else set())


@pytest.mark.parametrize("row", rows("titles"))
def test_title_examples(row):
    actors = [a for a in find_actors(row["example"]) if a.kind == "person"]
    assert actors, "no person found"


@pytest.mark.parametrize("row", rows("forces"))
def test_force_examples(row):
    assert any(a.kind == "country" for a in find_actors(row["example"]))


@pytest.mark.parametrize("row", rows("non_names"))
def test_non_names_never_become_people(row):
    assert not any(row["word"] in a.name.split() for a in find_actors(row["example"]) if a.kind == "person")


@pytest.mark.parametrize("row", rows("casualty_words"))
def test_casualty_word_examples(row):
    assert find_figures(row["example"])


@pytest.mark.parametrize("row", rows("number_words"))
def test_number_word_examples(row):
    figures = find_figures(row["example"])
    assert [f.value for f in figures] == [int(row["value"])]
    assert (figures[0].kind == "vague") == (row["vague"] == "yes")


@pytest.mark.parametrize("row", rows("qualifiers"))
def test_qualifier_examples(row):
    figures = find_figures(row["example"])
    assert len(figures) == 1 and re.fullmatch(row["pattern"], figures[0].qualifier)


@pytest.mark.parametrize("row", rows("abbreviations"))
def test_abbreviations_do_not_end_sentences(row):
    assert len(split_sentences(row["example"])) == 1


@pytest.mark.parametrize("row", rows("place_cues"))
def test_place_cue_examples(row):
    assert find_places(row["example"])


@pytest.mark.parametrize("row", rows("hyphen_suffixes"))
def test_hyphen_suffix_examples(row):
    assert find_actors(row["example"])


def test_no_spelling_names_two_different_entries():
    from dashboard.parser.lexicon import split_list
    owners = {}
    for name in ("people", "countries", "organizations"):
        for row in load(name):
            canonical = row.get("canonical")
            for alias in [canonical, *split_list(row["aliases"]), *split_list(row.get("metonyms", ""))]:
                owners.setdefault(alias, set()).add(canonical)
    clashes = {alias: owner for alias, owner in owners.items() if len(owner) > 1}
    assert not clashes


@pytest.mark.parametrize("row", rows("clause_cues"))
def test_clause_cue_examples(row):
    """Every clause cue finds a boundary of its kind in its example (no dates given, so none is excused)."""
    example = row["example"]
    kinds = {b.kind for b in find_boundaries(example, 0, len(example))}
    assert row["kind"] in kinds, kinds


def test_a_resource_row_with_the_wrong_number_of_cells_names_its_line(tmp_path):
    from dashboard.tsv import read_table
    broken = tmp_path / "broken.tsv"
    broken.write_text("# comment\ntype\tpattern\texample\nmeeting\tmet\tthey met\nmeeting\tmet\n", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.tsv line 4"):
        read_table(broken)


@pytest.mark.parametrize("row", rows("sport_cues"))
def test_sport_cue_examples(row):
    assert row["pattern"] == row["pattern"].lower(), "patterns run on the lower-cased sentence"
    assert re.search(rf"\b(?:{row['pattern']})\b", row["example"], re.IGNORECASE), row["example"]
    assert sporting(row["example"], Sentence(0, len(row["example"]), row["example"]))
