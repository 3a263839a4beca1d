"""The cue lists of dashboard/resources/ingest, read once and compiled.

Each TSV row is `name-or-kind <TAB> value <TAB> example`; lines starting with '#' are comments. The
examples are kept so that tests can check every entry against the phrase it was written for.
"""
from __future__ import annotations

import json
import re
from re import _constants, _parser
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from dashboard.parser.gazetteer import caseless, caseless_pattern
from dashboard.tsv import read_rows

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "ingest"
WEEKDAYS = RESOURCES.parent / "timex" / "weekdays.tsv"


@dataclass(frozen=True)
class Cue:
    name: str
    source: str       # the pattern, case-insensitive
    example: str

    @cached_property
    def pattern(self) -> re.Pattern:
        """Compiled on first use: a whole-line cue is matched through its list's alternation (CueList), not alone."""
        return re.compile(self.source, re.IGNORECASE)

    def matches_line(self, line: str) -> bool:
        return self.pattern.fullmatch(line.strip()) is not None


class _Alternation:
    """Cues as one alternation, run case-sensitive on the caseless line (gazetteer.caseless_pattern: the same
    matches, without the case-insensitive engine's folding of every character it compares), and
    case-insensitive on the line itself when the line has no caseless form."""

    def __init__(self, source: str):
        self.source = source
        self._lowered = caseless_pattern(source) if source else None
        self._ignorecase: re.Pattern | None = None

    def fullmatch(self, line: str, lowered: str | None) -> re.Match | None:
        if not self.source:
            return None
        if lowered is not None and self._lowered is not None:
            return self._lowered.for_text(lowered).fullmatch(lowered)
        if self._ignorecase is None:
            self._ignorecase = re.compile(self.source, re.IGNORECASE)
        return self._ignorecase.fullmatch(line)


class CueList(tuple):
    """Whole-line cues tried in order, as one alternation (a named group per cue): one regex call per line
    instead of one per cue. A cue that needs a word the line lacks ("cookie", "javascript") is left out of the
    alternation first: those are the costly ones (".{0,120}\\bcookies?\\b..." backtracks over the whole line)."""

    @cached_property
    def _pattern(self) -> _Alternation:
        return self._alternation(range(len(self)))

    def _alternation(self, kept) -> _Alternation:
        return _Alternation("|".join(f"(?P<c{i}>{self[i].source})" for i in kept))

    @cached_property
    def _needs(self) -> list[tuple[int, tuple[str, ...]]]:
        """(cue index, words one of which every line it matches holds) for the cues that open with a wildcard
        and need some words: the others fail at the line's first characters anyway."""
        return [(i, words) for i, cue in enumerate(self)
                if _opens_with_wildcard(cue.source) and (words := required_words(cue.source))]

    @cached_property
    def _needed_words(self) -> tuple[str, ...]:
        """The words of _needs but those holding another ("read more" holds "more"): a line lacking these lacks all."""
        words = {word for _, needed in self._needs for word in needed}
        return tuple(sorted(w for w in words if not any(other != w and other in w for other in words)))

    @cached_property
    def _word_needing_cues(self) -> tuple[int, ...]:
        return tuple(i for i, _ in self._needs)

    def _lacking(self, lowered: str) -> tuple[int, ...]:
        """The cues of _needs whose words the (caseless) line lacks: all of them, for most lines, after a
        substring test per word (in C: an alternation of the words searched by the regex engine costs more)."""
        if not any(map(lowered.__contains__, self._needed_words)):
            return self._word_needing_cues
        return tuple(i for i, words in self._needs if not any(map(lowered.__contains__, words)))

    @cached_property
    def _narrowed(self) -> dict[tuple[int, ...], _Alternation]:
        return {}     # cues left out -> the alternation of the others (a handful of combinations occur)

    def first_match(self, line: str) -> Cue | None:
        """The first cue (in file order) the whole stripped line matches: alternation tries the branches in
        order, and fullmatch backtracks into the next one when a branch cannot span the line."""
        if not self:
            return None
        line = line.strip()
        pattern = None    # the alternation of every cue is compiled only for a line that needs it
        lowered = caseless(line)
        if lowered is not None and self._needs:
            absent = self._lacking(lowered)
            if absent:
                pattern = self._narrowed.get(absent)
                if pattern is None:
                    pattern = self._narrowed[absent] = self._alternation(
                        [i for i in range(len(self)) if i not in absent])
        if pattern is None:
            pattern = self._pattern
        m = pattern.fullmatch(line, lowered)
        return self[int(m.lastgroup[1:])] if m else None


MIN_REQUIRED = 4   # shorter required strings ("by", " / ") are in most lines: not worth testing


def required_words(pattern: str) -> tuple[str, ...]:
    """Lower-case ASCII strings one of which every match of `pattern` (case-insensitive) holds: a run of literal
    characters at the top level, or a group of alternatives that each start with one ("(javascript|flash
    player)"); of those, the one whose shortest string is longest. () when there is none worth testing."""
    best: tuple[str, ...] = ()
    items = list(_parser.parse(pattern, re.IGNORECASE))
    for k, (op, av) in enumerate(items):
        if op is _constants.LITERAL and (k == 0 or items[k - 1][0] is not _constants.LITERAL):
            options = (_literal_run(items[k:]),)
        elif op is _constants.SUBPATTERN and len(av[3]) == 1 and av[3][0][0] is _constants.BRANCH:
            options = tuple(_literal_run(list(branch)) for branch in av[3][0][1][1])
        else:
            continue
        options = tuple(o.lower() for o in options)
        if all(len(o) >= MIN_REQUIRED and o.isascii() for o in options) and \
                min(map(len, options)) > min(map(len, best), default=0):
            best = options
    return best


def _opens_with_wildcard(pattern: str) -> bool:
    """Does the pattern start with a repeated any-character (".{0,120}")?"""
    first = list(_parser.parse(pattern, re.IGNORECASE))[:1]
    return bool(first) and first[0][0] in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) \
        and list(first[0][1][2])[:1] == [(_constants.ANY, None)]


def _literal_run(items: list) -> str:
    run = []
    for op, av in items:
        if op is not _constants.LITERAL:
            break
        run.append(chr(av))
    return "".join(run)


def read_tsv(name: str) -> list[tuple[str, str, str]]:
    return [tuple(cells) for cells in read_rows(RESOURCES / name, width=3)]


def _line_cues(name: str) -> CueList:
    return CueList(Cue(n, p, ex) for n, p, ex in read_tsv(name))


@cache
def section_enders() -> CueList:
    return _line_cues("section_enders.tsv")


@cache
def chrome_lines() -> CueList:
    return _line_cues("chrome_lines.tsv")


@cache
def pubdate_cues() -> tuple[Cue, ...]:
    """Cues searched in the text just before a date: kind 'publish' or 'update' (the Cue's name)."""
    return tuple(Cue(kind, p, ex) for kind, p, ex in read_tsv("pubdate_cues.tsv"))


@cache
def byline_notes() -> tuple[Cue, ...]:
    """Notes that may stand beside a date on a byline (reading time, "Updated 6 years ago"), searched."""
    return tuple(Cue(kind, p, ex) for kind, p, ex in read_tsv("byline_notes.tsv"))


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
