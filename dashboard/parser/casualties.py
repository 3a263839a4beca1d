"""Casualty figures: how many died, and whether the number is a running total, a period's toll or vague.

A number counts only when death words hold it ("6,000 dead", "three soldiers were killed", "the death toll
rose to 400", "claimed more than 93,000 lives"), so "2,000 troops", "500 participants", years, percentages
and money never do. Lexicons: casualty_words.tsv, number_words.tsv, qualifiers.tsv.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from dashboard.parser.gazetteer import WordStartPattern, caseless, caseless_pattern, first_letter_alternation
from dashboard.parser.lexicon import load

CUMULATIVE, PERIOD, VAGUE = "cumulative", "period", "vague"
CLAUSE_BEFORE, CLAUSE_AFTER = 50, 40   # chars around a figure searched for cues of a running total
PERIOD_REACH = 100                    # a date this close to a figure can name its period


@dataclass(frozen=True)
class Figure:
    value: int
    kind: str                # cumulative | period | vague
    qualifier: str | None    # "some", "more than" ... as written, lower-cased
    text: str                # the phrase that gave the figure
    start: int               # offsets of that phrase
    end: int
    number_start: int        # offsets of the number itself
    number_end: int


def _words(kind: str) -> str:
    return "|".join(row["pattern"] for row in load("casualty_words") if row["kind"] == kind)


_NUMBER_WORDS = {row["word"]: (int(row["value"]), row["vague"] == "yes") for row in load("number_words")}
# number words and qualifiers (lower-case) grouped by first letter, so that at each word start the engine tries
# one group, not every word
_WORD_ALTERNATION = first_letter_alternation("|".join(re.escape(w) for w in sorted(_NUMBER_WORDS, key=len, reverse=True)))
_NUMBER = (rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?(?:\s+(?:million|thousand))?|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"
           rf"|(?:a\s+)?{_WORD_ALTERNATION}(?:(?:\s+|-)(?:of\s+)?{_WORD_ALTERNATION})*")
_QUALIFIER = first_letter_alternation("|".join(row["pattern"] for row in load("qualifiers")))
_FIGURE = rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?(?P<number>{_NUMBER})"
_VICTIM = _words("victim")
# "<figure> [of] [adjective] [victims] <death words>" and "<death words> <figure> [victims]" (sources of
# case-insensitive patterns)
_AFTER = rf"\b{_FIGURE}(?:\s+of)?(?:\s+[A-Za-z-]+)?(?:\s+(?:{_VICTIM}))?\s+(?:{_words('death_after')})\b"
_AFTER_SHORT = rf"\b{_FIGURE}(?:\s+of)?(?:\s+(?:{_VICTIM}))?\s+(?:{_words('death_after')})\b"
_BEFORE = rf"\b(?:{_words('death_before')}){_FIGURE}\b(?!-|\s*(?:%|percent|per cent))"
_CUMULATIVE = re.compile(rf"\b(?:{_words('cumulative')})\b", re.IGNORECASE)
_CUMULATIVE_WEAK = re.compile(rf"\b(?:{_words('cumulative_weak')})\b", re.IGNORECASE)
# a sentence with none of these words holds no figure: a cheap test before the full patterns (grouped likewise)
_MARKER_WORD = first_letter_alternation(_words('marker'))
_MARKER = rf"\b{_MARKER_WORD}"
_SOURCES = (_MARKER, _AFTER_SHORT, _AFTER, _BEFORE)
# the same patterns, case-sensitive on the lower-cased sentence (gazetteer.caseless): their long alternations
# of words then skip most positions at one comparison (and on ASCII text they run in ASCII mode, compiled when
# first needed)
_LOWERED = tuple(caseless_pattern(source) for source in _SOURCES)
if None in _LOWERED:
    _LOWERED = None

# the markers of a whole article, found from the character before each word (a leading \b has the regex engine try
# every position of the article; see WordStartPattern)
_MARKER_STARTS = WordStartPattern(caseless_pattern(_MARKER_WORD).source) if _LOWERED is not None else None


@cache
def _case_insensitive() -> tuple[re.Pattern, ...]:
    """The patterns as written, for a sentence lower() cannot stand in for (rare): compiled when first needed."""
    return tuple(re.compile(source, re.IGNORECASE) for source in _SOURCES)


_MONEY = re.compile(r"[$€£]\s*$|\b(?:dollars|euros|pounds)\b")


def may_hold_figures(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """For each span of `text` (a sentence), does it hold one of the words without which find_figures finds
    nothing? One search of the whole text rather than one per sentence; every span may when lower() cannot stand
    in for the text (as find_figures then tests each sentence itself)."""
    lowered = caseless(text) if _LOWERED is not None else None
    if lowered is None:
        return [True] * len(spans)
    starts = [match.start("word") for match in _MARKER_STARTS.finditer(lowered)]   # (a marker is part of one word)
    return [(i := bisect.bisect_left(starts, start)) < len(starts) and starts[i] < end for start, end in spans]


def find_figures(sentence: str, period_dates: list[tuple[int, int]] = (),
                 excluded: list[tuple[int, int]] = ()) -> list[Figure]:
    """Casualty figures in `sentence`, in text order. `period_dates` are spans (offsets into the sentence) of
    dates that can name a period ("in January"); `excluded` spans (dates, durations) hold no figures."""
    lowered = caseless(sentence) if _LOWERED is not None else None
    marker, *patterns = _case_insensitive() if lowered is None else _LOWERED
    subject = sentence if lowered is None else lowered     # (same offsets: what matched is read in `sentence`)
    if not marker.search(subject):
        return []
    figures: dict[tuple[int, int], Figure] = {}
    for pattern in patterns:
        for match in pattern.finditer(subject):
            span = match.span("number")
            if span in figures or any(s < span[1] and span[0] < e for s, e in excluded):
                continue
            if _MONEY.search(sentence, max(0, span[0] - 2), span[0]):
                continue
            value, vague = _value(sentence[span[0]:span[1]])
            if value is None or value <= 0:
                continue
            qualifier = (match.group("qualifier") or "").lower() or None
            kind = VAGUE if vague else _kind(sentence, match.start(), match.end(), period_dates)
            figures[span] = Figure(value, kind, qualifier, sentence[match.start():match.end()], match.start(),
                                   match.end(), *span)
    return sorted(figures.values(), key=lambda f: f.start)


def _kind(sentence: str, start: int, end: int, period_dates: list[tuple[int, int]]) -> str:
    """Cumulative when its clause says so ("have died", "death toll", "since 2011"), else a period's toll
    when a date near it names the period, else cumulative on a weaker cue ("so far"), else a period."""
    clause_start, clause_end = max(0, start - CLAUSE_BEFORE), min(len(sentence), end + CLAUSE_AFTER)
    if _CUMULATIVE.search(sentence, clause_start, clause_end):
        return CUMULATIVE
    if any(s < end + PERIOD_REACH and start - PERIOD_REACH < e for s, e in period_dates):
        return PERIOD
    return CUMULATIVE if _CUMULATIVE_WEAK.search(sentence, clause_start, clause_end) else PERIOD


def _value(number: str) -> tuple[int | None, bool]:
    """'136,000' -> 136000; '1.5 million' -> 1500000; 'twenty-five' -> 25; 'dozens' -> (24, vague)."""
    text = re.sub(r"\s+", " ", number.lower().replace(",", "")).removeprefix("a ")
    if text in _NUMBER_WORDS:
        return _NUMBER_WORDS[text]
    total, current = 0.0, 0.0
    for part in re.split(r"[\s-]+", text):
        if re.fullmatch(r"\d+(?:\.\d+)?", part):
            current += float(part)
            continue
        value, vague = _NUMBER_WORDS.get(part, (None, True))
        if value is None or vague:
            return None, False          # "three dozens of", "hundreds thousand": not a clean number
        if value in (100, 1000, 1000000):
            current = (current or 1) * value
            if value >= 1000:            # "two hundred thousand": a thousand closes a group
                total, current = total + current, 0.0
        else:
            current += value
    return int(round(total + current)), False
