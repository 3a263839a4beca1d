"""Find calendar dates written out in a line ("Wednesday 13 Jul 2016", "March 5, 2014", "2014-02-06").

Only the finding: which date is the publication date is pubdate.py's job. Month and weekday words come
from resources/ingest/months.tsv and resources/timex/weekdays.tsv. Numeric dates are taken only when they cannot be read
two ways: ISO "2014-02-06" (also in a timestamp, "2014-02-06T10:14"), dotted "05.03.2014" (day first
wherever dots are written), or "25/12/2020" where one number is over 12.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache


# A clock time, with its am/pm or time zone: "18:49", "8:27 PM", "14.32 GMT".
TIME = re.compile(r"\b\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?|[A-Z]{2,4})?\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    text: str
    month: int
    day: int
    year: int | None        # None: written without a year ("Feb 6")

    @property
    def date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.year is not None else None


# The cue lists are imported on first use: cues.py loads the parser's case folding, which reading a
# manifest of ISO dates while planning an ingest never needs.
@cache
def _months() -> dict[str, int]:
    from dashboard.ingest import cues

    return cues.months()


@cache
def _weekdays() -> dict[str, int]:
    from dashboard.ingest import cues

    return cues.weekdays()


def _alternation(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    month_word: re.Pattern          # any month word as the worded patterns read it (at a word's start):
    worded: tuple[re.Pattern, ...]  # a line without one needs none of these tried
    numeric: tuple[re.Pattern, ...]


@cache
def _sources() -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The date patterns' sources (month word, worded, numeric), to compile case-insensitive."""
    month = rf"(?P<month>{_alternation(_months())})\.?"
    weekday = rf"(?:(?P<weekday>{_alternation(_weekdays())})\.?,?\s+)?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:1[89]|20)\d\d)"
    worded = (
        rf"\b{weekday}{day}\s+(?:of\s+)?{month},?\s+{year}\b",          # 13 Jul 2016
        rf"\b{weekday}{month}\s+{day},?\s+{year}\b",                   # March 5, 2014
        rf"\b{weekday}{month}\s+{day}\b(?!\s*,?\s*\d)",                # Feb 6 (no year)
        rf"\b{weekday}{day}\s+(?:of\s+)?{month}(?!\s*,?\s*\d)",        # 6 Feb (no year)
    )
    numeric = (
        rf"\b{year}-(?P<nmonth>\d\d)-(?P<day>\d\d)(?:\b|(?=T\d))",       # 2014-02-06
        rf"\b(?P<dotday>\d{{1,2}})\.(?P<dotmonth>\d{{1,2}})\.{year}\b",     # 05.03.2014
        rf"\b(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})/{year}\b",          # 25/12/2020
    )
    return rf"\b(?:{_alternation(_months())})", worded, numeric


@cache
def _patterns() -> _Patterns:
    """The date patterns, case-insensitive: compiled only for a line that _lowered_patterns() cannot read."""
    month_word, worded, numeric = _sources()
    flags = re.IGNORECASE
    return _Patterns(re.compile(month_word, flags), tuple(re.compile(p, flags) for p in worded),
                     tuple(re.compile(p, flags) for p in numeric))


@cache
def _lowered_patterns() -> _Patterns | None:
    """_patterns() compiled case-sensitive, to run on gazetteer.caseless(line) (same matches at the same offsets):
    a case-sensitive alternation of month and weekday words skips most positions at one comparison, a
    case-insensitive one tries every word at every position. None if a pattern cannot be lowered."""
    from dashboard.parser.gazetteer import caseless_pattern

    month_word, worded, numeric = _sources()
    lowered = _Patterns(caseless_pattern(month_word), tuple(map(caseless_pattern, worded)),
                        tuple(map(caseless_pattern, numeric)))
    whole = (lowered.month_word, *lowered.worded, *lowered.numeric)
    return None if None in whole else lowered


def _lowered(line: str) -> str | None:
    """The line to run _lowered_patterns() on, or None when only the case-insensitive patterns will do."""
    from dashboard.parser.gazetteer import caseless   # imported on first use, as the cue lists are

    return caseless(line) if _lowered_patterns() is not None else None


LINES_REMEMBERED = 512      # a page's lines, for the per-line answers asked again while cleaning one page
_DIGIT = re.compile(r"\d")   # every date pattern holds a day or a year
_NUMERIC_SEPARATOR = re.compile(r"\d[-./]\d")   # ...and a numeric one, a separator between two digits


def _span(m: re.Match, line: str) -> DateSpan | None:
    """The date `m` read in `line` (m may have matched line's lower-cased copy)."""
    groups = m.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("dotday"):
        day, month = int(groups["dotday"]), int(groups["dotmonth"])
    elif groups.get("first"):
        first, second = int(groups["first"]), int(groups["second"])
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            day, month = second, first
        else:
            return None  # 06/02/2014: February or June? Not guessed.
    else:
        day = int(groups["day"])
        month = int(groups["nmonth"]) if groups.get("nmonth") else _months()[groups["month"].lower()]
    try:
        real = date(year if year is not None else 2000, month, day)  # 2000: leap year, so Feb 29 passes
    except ValueError:
        return None
    weekday = groups.get("weekday")
    if weekday and year is not None and _weekdays()[weekday.lower()] != real.weekday():
        return None  # "Monday 13 Jul 2016" names a day that date was not: not trusted
    return DateSpan(m.start(), m.end(), line[m.start():m.end()], month, day, year)


@lru_cache(maxsize=LINES_REMEMBERED)
def find_dates(line: str) -> tuple[DateSpan, ...]:
    """Dates in `line`, left to right, without overlaps (the longer reading wins). Remembered: cleaning and
    dating a page ask about its top lines several times (is it a date stamp, a byline, a deck?)."""
    found = []
    if not _DIGIT.search(line):
        return ()
    lowered = _lowered(line)
    searched, date_patterns = (line, _patterns()) if lowered is None else (lowered, _lowered_patterns())
    patterns = (date_patterns.worded if date_patterns.month_word.search(searched) else ()) + (
        date_patterns.numeric if _NUMERIC_SEPARATOR.search(line) else ())
    for pattern in patterns:
        for m in pattern.finditer(searched):
            span = _span(m, line)
            if span is not None:
                found.append(span)
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    result: list[DateSpan] = []
    for span in found:
        if not result or span.start >= result[-1].end:
            result.append(span)
    return tuple(result)


def parse_date_value(value: str) -> date | None:
    """A field that should hold one date ('2014-02-06', '2014-02-06T10:00:00Z', 'March 5, 2014')."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    spans = [s for s in find_dates(value) if s.year is not None]
    if len(spans) == 1:
        rest = (value[: spans[0].start] + value[spans[0].end:]).strip(" ,")
        if re.fullmatch(r"(at\s+)?\s*([+-]\d\d:?\d\d)?", TIME.sub("", rest).strip(), re.IGNORECASE):
            return spans[0].date  # the date, perhaps with a time: "March 5, 2014 10:00 GMT"
    return None
