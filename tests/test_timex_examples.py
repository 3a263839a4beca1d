"""The example corpus (tests/timex_examples.tsv): phrases, the value they must yield, and phrases that must yield
nothing. One table is the specification, the regression suite and the documentation."""
from datetime import date
from pathlib import Path

import pytest

from dashboard.parser.timex import extract_timexes

CORPUS = Path(__file__).with_name("timex_examples.tsv")


def _rows():
    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    for line in lines[1:]:
        cells = dict(zip(header, line.split("\t")))
        phrase = cells["phrase"].replace("\\n", "\n")    # a written \n is a line break (headline, blank line)
        yield date.fromisoformat(cells["anchor"]), phrase, cells["value"], cells.get("type") or None


ROWS = list(_rows())
POSITIVE = [r for r in ROWS if r[2] != "-"]
NEGATIVE = [r for r in ROWS if r[2] == "-"]


def test_corpus_is_substantial():
    assert len(POSITIVE) >= 200 and len(NEGATIVE) >= 25


@pytest.mark.parametrize("anchor,phrase,value,kind", POSITIVE, ids=[f"{p}=>{v}" for _, p, v, _ in POSITIVE])
def test_example(anchor, phrase, value, kind):
    found = extract_timexes(phrase, anchor)
    match = [t for t in found if t.value == value]
    assert match, f"{phrase!r} @ {anchor}: expected {value}, got {[(t.text, t.value) for t in found]}"
    if kind:
        assert match[0].type == kind, f"{phrase!r}: type {match[0].type}, expected {kind}"


@pytest.mark.parametrize("anchor,phrase,value,kind", NEGATIVE, ids=[p for _, p, _, _ in NEGATIVE])
def test_negative(anchor, phrase, value, kind):
    found = extract_timexes(phrase, anchor)
    assert found == [], f"{phrase!r}: expected nothing, got {[(t.text, t.value, t.rule) for t in found]}"
