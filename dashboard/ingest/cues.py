"""The cue lists of dashboard/resources/ingest, read once and compiled.

Each TSV row is `name-or-kind <TAB> value <TAB> example`; lines starting with '#' are comments. The
examples are kept so that tests can check every entry against the phrase it was written for.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from dashboard.tsv import read_rows

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "ingest"
WEEKDAYS = RESOURCES.parent / "timex" / "weekdays.tsv"


@dataclass(frozen=True)
class Cue:
    name: str
    pattern: re.Pattern
    example: str

    def matches_line(self, line: str) -> bool:
        return self.pattern.fullmatch(line.strip()) is not None


class CueList(tuple):
    """Whole-line cues tried in order, as one compiled alternation (a named group per cue): one regex call
    per line instead of one per cue."""

    @cached_property
    def _pattern(self) -> re.Pattern:
        return re.compile("|".join(f"(?P<c{i}>{cue.pattern.pattern})" for i, cue in enumerate(self)), re.IGNORECASE)

    def first_match(self, line: str) -> Cue | None:
        """The first cue (in file order) the whole stripped line matches: alternation tries the branches in
        order, and fullmatch backtracks into the next one when a branch cannot span the line."""
        m = self._pattern.fullmatch(line.strip()) if self else None
        return self[int(m.lastgroup[1:])] if m else None


def read_tsv(name: str) -> list[tuple[str, str, str]]:
    return [tuple(cells) for cells in read_rows(RESOURCES / name, width=3)]


def _line_cues(name: str) -> CueList:
    return CueList(Cue(n, re.compile(p, re.IGNORECASE), ex) for n, p, ex in read_tsv(name))


@cache
def section_enders() -> CueList:
    return _line_cues("section_enders.tsv")


@cache
def chrome_lines() -> CueList:
    return _line_cues("chrome_lines.tsv")


@cache
def pubdate_cues() -> tuple[Cue, ...]:
    """Cues searched in the text just before a date: kind 'publish' or 'update' (the Cue's name)."""
    return tuple(Cue(kind, re.compile(p, re.IGNORECASE), ex) for kind, p, ex in read_tsv("pubdate_cues.tsv"))


@cache
def byline_notes() -> tuple[Cue, ...]:
    """Notes that may stand beside a date on a byline (reading time, "Updated 6 years ago"), searched."""
    return tuple(Cue(kind, re.compile(p, re.IGNORECASE), ex) for kind, p, ex in read_tsv("byline_notes.tsv"))


@cache
def html_date_meta() -> dict[str, str]:
    """Meta tag name (property, name or itemprop, lowercase) -> 'published' or 'modified'."""
    return {name: kind for kind, name, _ in read_tsv("html_date_meta.tsv")}


@cache
def months() -> dict[str, int]:
    return {form: int(number) for form, number, _ in read_tsv("months.tsv")}


@cache
def weekdays() -> dict[str, int]:
    """Weekday names as a byline writes them ("Tue", "Tues.", "Tuesday"), lower case, -> date.weekday() (Monday=0).
    Read from the tagger's table, the project's one list of weekday names (ISO numbering, Monday=1)."""
    return {form.lower().rstrip("."): int(iso) - 1 for form, iso, _ in read_rows(WEEKDAYS, width=3)}


@cache
def record_fields() -> dict[str, tuple[str, ...]]:
    """Article field -> accepted key names (normalised with `field_key`), in order of preference."""
    data = json.loads((RESOURCES / "record_fields.json").read_text(encoding="utf-8"))
    return {field: tuple(field_key(n) for n in names) for field, names in data.items() if not field.startswith("_")}


def field_key(name: str) -> str:
    """'Published_At', 'published-at' and 'published at' are the same key."""
    return re.sub(r"[\s_\-]+", "", name).lower()


def first_match(cues: CueList, line: str) -> Cue | None:
    return cues.first_match(line)
