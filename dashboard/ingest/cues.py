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

from dashboard.parser.gazetteer import ascii_mode_fits, caseless, caseless_pattern, group_depths
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
        """Compiled on first use: a line is tried with each cue alone only once its list's alternation (CueList)
        has found that it matches one."""
        return re.compile(self.source, re.IGNORECASE)

    def matches_line(self, line: str) -> bool:
        return self.pattern.fullmatch(line.strip()) is not None


class _Alternation:
    """Cue patterns as one alternation, to tell whether a line matches any: run case-sensitive on the caseless line
    (gazetteer.caseless_pattern: the same matches, without the case-insensitive engine's folding of every character
    it compares), in ASCII mode where that fits (gazetteer.ascii_mode_fits), and case-insensitive on the line itself
    when the line has no caseless form. The cues' groups are made non-capturing: the engine then need not save where
    each group starts and ends (half the cost, on a line that matches no cue)."""

    def __init__(self, sources: list[str]):
        self.source = "|".join(f"(?:{_without_captures(source)})" for source in sources)
        lowered = caseless_pattern(self.source) if sources else None
        self._lowered_source = lowered.source if lowered else None
        self._compiled: dict[str, re.Pattern] = {}    # by mode: "ascii", "unicode" (both caseless), "ignorecase"

    def fullmatch(self, line: str, lowered: str | None, ascii_mode: bool) -> bool:
        if not self.source:
            return False
        if lowered is None or self._lowered_source is None:
            return self._pattern("ignorecase").fullmatch(line) is not None
        return self._pattern("ascii" if ascii_mode else "unicode").fullmatch(lowered) is not None

    def _pattern(self, mode: str) -> re.Pattern:
        pattern = self._compiled.get(mode)
        if pattern is None:
            source, flags = (self.source, re.IGNORECASE) if mode == "ignorecase" else \
                (self._lowered_source, re.ASCII if mode == "ascii" else 0)
            pattern = self._compiled[mode] = re.compile(source, flags)
        return pattern


def _without_captures(source: str) -> str:
    """`source` with each capturing group "(...)" made non-capturing "(?:...)": the same matches, for a pattern
    that refers to none of its groups (no cue does)."""
    opening = [i for i, _ in group_depths(source) if source[i] == "(" and source[i + 1:i + 2] != "?"]
    for i in reversed(opening):
        source = f"{source[:i]}(?:{source[i + 1:]}"
    return source


def caseless_line(line: str) -> tuple[str | None, bool]:
    """What CueList.first_match_caseless needs of a line: gazetteer.caseless(line), and whether ASCII mode fits that."""
    lowered = caseless(line)
    return lowered, lowered is not None and ascii_mode_fits(lowered)


class CueList(tuple):
    """Whole-line cues tried in order. Most lines match none, which one regex call tells: the cues as one
    alternation (_Alternation), but for those that need a word the line lacks ("cookie", "javascript"), the
    costly ones (".{0,120}\\bcookies?\\b..." backtracks over the whole line), tried alone when the line has their
    word. Which cue a line matches is then found by trying them in order."""

    @cached_property
    def _needs(self) -> list[tuple[int, tuple[str, ...]]]:
        """(cue index, words one of which every line it matches holds) for the cues that open with a wildcard
        and need some words: the others fail at the line's first characters anyway."""
        return [(i, words) for i, cue in enumerate(self)
                if _opens_with_wildcard(cue.source) and (words := required_words(cue.source))]

    @cached_property
    def needed_words(self) -> tuple[str, ...]:
        """The words of _needs but those holding another ("read more" holds "more"): a line lacking these lacks all."""
        words = {word for _, needed in self._needs for word in needed}
        return tuple(sorted(w for w in words if not any(other != w and other in w for other in words)))

    def words_in(self, lowered_lines: list[str | None]) -> tuple[str, ...]:
        """The needed_words that some of `lowered_lines` holds (the caseless forms of a page's lines, None for a line
        without one): a line of them holds no other. Looked for in the lines joined, by a substring test per word, in
        C (an alternation of the words searched by the regex engine costs more)."""
        if not self._needs:
            return ()
        if None in lowered_lines:
            return self.needed_words
        return tuple(filter("\n".join(lowered_lines).__contains__, self.needed_words))

    @cached_property
    def _word_free(self) -> _Alternation:
        """The cues that need no word, as one alternation."""
        needing = {i for i, _ in self._needs}
        return _Alternation([cue.source for i, cue in enumerate(self) if i not in needing])

    @cached_property
    def _word_needing(self) -> list[tuple[tuple[str, ...], _Alternation]]:
        """The cues of _needs, each with its words, alone."""
        return [(words, _Alternation([self[i].source])) for i, words in self._needs]

    def first_match(self, line: str) -> Cue | None:
        """The first cue (in file order) the whole stripped line matches."""
        line = line.strip()
        return self.first_match_caseless(line, *caseless_line(line), self.needed_words)

    def first_match_caseless(self, line: str, lowered: str | None, ascii_mode: bool,
                             words: tuple[str, ...]) -> Cue | None:
        """first_match of a stripped line, given caseless_line(line) and which needed_words it may hold (words_in its
        page): what a caller asking about the lines of a page finds once for the page where it can (clean.py)."""
        if not self or not self._matches_any(line, lowered, ascii_mode, words):
            return None
        return next((cue for cue in self if cue.matches_line(line)), None)

    def _matches_any(self, line: str, lowered: str | None, ascii_mode: bool, words: tuple[str, ...]) -> bool:
        if self._word_free.fullmatch(line, lowered, ascii_mode):
            return True
        if lowered is not None and not any(map(lowered.__contains__, words)):   # most lines hold none
            return False
        return any(cue.fullmatch(line, lowered, ascii_mode) for needed, cue in self._word_needing
                   if lowered is None or any(map(lowered.__contains__, needed)))


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
