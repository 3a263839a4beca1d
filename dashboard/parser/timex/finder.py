"""Pass 1: find temporal expressions with the data-file rules and fill in their (underspecified) values."""
from __future__ import annotations

import bisect
import re
import string
from re import _parser
from functools import lru_cache
from typing import NamedTuple

from dashboard.parser.timex import normalize
from dashboard.parser.timex.pattern_facts import AnyStart, starts
from dashboard.parser.timex.resources import Rule, blockers, macros, rules, triggers

_TEMPLATE_SLOT = re.compile(r"\{(\w+)(?:\|([^}]*))?\}")
_WORD_BEFORE = re.compile(r"^\W{0,2}([\w.]+)")   # read on the reversed text before a match
_WORD_AFTER = re.compile(r"^\W{0,2}([\w]+)")
_DIGIT = re.compile(r"\d")   # the same class as a trigger's \d: any decimal digit
TRIGGER_REACH = 36   # characters a match may extend on either side of its trigger


class Candidate(NamedTuple):     # a tuple: a frozen dataclass costs several times as much to make
    """A span a rule matched, with its value still to anchor (UNDEF-...) and its mod template filled in."""

    start: int
    end: int
    rule: Rule
    value: str
    mod: str
    reach: int   # length of the whole rule match: longer matches win on overlaps
    claim: tuple[int, int] | None = None   # text a range match uses up as a whole ("April 24 and 25, 1999")


@lru_cache(maxsize=None)
def _template(template: str) -> tuple[tuple[str, str | None, str | None], ...]:
    """A value template split once into (literal text, slot name or None, slot fallback) parts."""
    parts, last = [], 0
    for m in _TEMPLATE_SLOT.finditer(template):
        parts.append((template[last:m.start()], m.group(1), m.group(2)))
        last = m.end()
    parts.append((template[last:], None, None))
    return tuple(parts)


def _fill(template: str, match: re.Match) -> str:
    known = macros()
    out = []
    for literal, name, fallback in _template(template):
        out.append(literal)
        if name is None:
            continue
        text = match.group(name) if name in match.re.groupindex else None
        if text is None:
            if fallback is None:
                raise KeyError(name)
            out.append(fallback)
        else:
            out.append(normalize.value(known[name] if name in known else known[name[:-1]], text))
    return "".join(out)


def _neighbour(text: str, start: int, end: int, side: str) -> str | None:
    """The word right before or after a match, across at most two other characters ("No. 2000": "No")."""
    if side == "after":
        m = _WORD_AFTER.match(text[end:end + 40])
        return m.group(1) if m else None
    m = _WORD_BEFORE.search(text[max(0, start - 40):start][::-1])   # reversed: a match at the start, no backtracking
    return m.group(1)[::-1].rstrip(".") if m else None


def _blocked(rule: Rule, text: str, start: int, end: int) -> bool:
    """True when a listed neighbouring word shows the match is a name or a count, not a date."""
    table = blockers()
    keep = table.get((rule.name, "keep"))
    if keep and (before := _neighbour(text, start, end, "before")) and before in keep:
        return False
    for side in ("before", "after"):
        words = table.get((rule.name, side))
        word = _neighbour(text, start, end, side) if words else None
        if word and word in words:
            kept = table.get((rule.name, "keep_after")) if side == "after" else None
            if not (kept and word in kept):     # "the disputed 1992 elections" is no count of elections
                return True
    return False


def _merge(spans: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """Merged stretches of text within TRIGGER_REACH of the trigger spans (which come in text order)."""
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        lo, hi = max(0, start - TRIGGER_REACH), min(size, end + TRIGGER_REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _word_spans(text: str, lowered: str) -> dict[str, list[tuple[int, int]]]:
    """trigger cell -> the spans of the words ([A-Za-z]+) of the text that open it, in text order. A Python step
    per trigger word found, not per word of the text (~250 in a wire story): which trigger words the text holds
    comes from splitting it into its words and a set intersection, where they are from str.find."""
    found = triggers()
    spans: dict[str, list[tuple[int, int]]] = {}
    for word in _lowered_trigger_words().intersection(lowered.translate(_LETTERS_ONLY).split()):
        for start, end in _whole_word_spans(lowered, word):
            written = text[start:end]
            for cell in (*found.exact.get(written, ()), *found.folded.get(word, ())):
                spans.setdefault(cell, []).append((start, end))
    for cell_spans in spans.values():
        cell_spans.sort()    # several words open one cell
    return spans


_LETTERS_ONLY = str.maketrans({chr(c): " " for c in range(128) if chr(c) not in string.ascii_letters})
_LETTERS = frozenset(string.ascii_letters)


def _whole_word_spans(lowered: str, word: str) -> list[tuple[int, int]]:
    """Where `word` stands as a whole word ("day", not the day in "today" or "days") in the lower-cased text."""
    spans = []
    at = lowered.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or lowered[at - 1] not in _LETTERS) and (end == len(lowered) or lowered[end] not in _LETTERS):
            spans.append((at, end))
        at = lowered.find(word, end)
    return spans


@lru_cache(maxsize=1)
def _lowered_trigger_words() -> frozenset[str]:
    """Every trigger word lower-cased: a word of the text is looked up only when its lower case is one of them."""
    found = triggers()
    return frozenset(found.folded) | frozenset(word.lower() for word in found.exact)


def _trigger_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """trigger cell -> where its rules should look, from the trigger words of the text and its /regex/ triggers."""
    lowered = _ascii_lowered(text)
    spans = _word_spans(text, lowered) | _regex_spans(text, lowered)
    return {cell: _merge(s, len(text)) for cell, s in spans.items() if s}


def _ascii_lowered(text: str) -> str:
    """The text in lower case with its non-ASCII characters as "?": the same offsets and the same [A-Za-z] words."""
    return (text if text.isascii() else text.encode("ascii", "replace").decode("ascii")).lower()


def _regex_spans(text: str, lowered: str) -> dict[str, list[tuple[int, int]]]:
    """/regex/ trigger cell -> its matches, each regex tried only where its matches can start when that is told
    by one character: at the text's digits (most of them) or at one letter."""
    digits = _digit_positions(text)
    digit_led = _digit_led_spans(text, digits)
    leads = _leads()
    spans = {}
    for cell, regex in triggers().regexes.items():
        lead = leads.get(cell)
        if cell in digit_led:
            spans[cell] = digit_led[cell]
        elif lead == r"\d":   # (one with groups of its own, left out of the combined pattern)
            spans[cell] = _spans_from(regex, text, digits)
        elif lead and text.isascii():   # elsewhere a (?i) letter matches more than its two cases ("ſ" is s)
            spans[cell] = _spans_from(regex, text, _positions(lowered, lead))
        else:
            spans[cell] = [m.span() for m in regex.finditer(text)]
    return spans


def _digit_led_spans(text: str, digits: list[int]) -> dict[str, list[tuple[int, int]]]:
    """The spans of the /regex/ triggers that open with a digit: one match of their combined pattern per digit of
    the text, not one per trigger, and none past a digit where no trigger matches."""
    cells, combined = _digit_led()
    spans: dict[str, list[tuple[int, int]]] = {cell: [] for cell in cells}
    free = dict.fromkeys(cells, 0)    # per trigger, as _spans_from: its matches do not overlap
    for start in digits:
        m = combined.match(text, start)
        if m is None:
            continue
        for cell, found in zip(cells, m.groups()):
            if found is not None and start >= free[cell]:
                free[cell] = end = start + len(found)    # each part's match starts at the digit
                spans[cell].append((start, end))
    return spans


@lru_cache(maxsize=1)
def _digit_led() -> tuple[tuple[str, ...], re.Pattern]:
    """The /regex/ trigger cells that open with a digit and one pattern matching where any of them does, with a
    group per cell holding that cell's match there: "(?=a|b)(?:(?=(a))|)(?:(?=(b))|)". A lookahead finds what a
    match of the cell's own regex at that place finds (the same backtracking), each with its own flags."""
    regexes = triggers().regexes
    cells = tuple(cell for cell, lead in _leads().items() if lead == r"\d" and regexes[cell].groups == 0)
    parts = [f"(?{'i' if regexes[cell].flags & re.IGNORECASE else ''}:{regexes[cell].pattern})" for cell in cells]
    combined = f"(?={'|'.join(parts)})" + "".join(f"(?:(?=({part}))|)" for part in parts)
    return cells, re.compile(combined)


def _digit_positions(text: str) -> list[int]:
    """Where the text's decimal digits stand, in order: in ASCII text from ten str.find scans, many times cheaper
    than re testing each character against Unicode's digits."""
    if not text.isascii():
        return [m.start() for m in _DIGIT.finditer(text)]
    found = []
    for digit in "0123456789":
        found += _positions(text, digit)
    return sorted(found)


def _positions(text: str, character: str) -> list[int]:
    """Where the character stands in the text, in order."""
    found = []
    at = text.find(character)
    while at >= 0:
        found.append(at)
        at = text.find(character, at + 1)
    return found


def _spans_from(regex: re.Pattern, text: str, starts: list[int]) -> list[tuple[int, int]]:
    """The spans of regex.finditer(text) when no match can start anywhere but `starts` (nor be empty): a match
    tried at each start, as finditer would, without the engine stepping over every other character."""
    spans: list[tuple[int, int]] = []
    free = 0    # matches do not overlap: the next one starts after the last one's end
    for start in starts:
        if start >= free and (m := regex.match(text, start)):
            spans.append(m.span())
            free = m.end()
    return spans


@lru_cache(maxsize=1)
def _leads() -> dict[str, str]:
    r"""/regex/ trigger cell -> the one character every match of it starts with, when there is one: "\d" (most
    of them: "/\d{4}/") or a letter in lower case, which stands for both cases ("q" for "/Q[1-4]/")."""
    leads = {}
    for cell, regex in triggers().regexes.items():
        try:
            characters, may_be_empty = starts(_parser.parse(regex.pattern, regex.flags))
        except AnyStart:
            continue
        if len(characters) == 1 and not may_be_empty and (characters == [r"\d"] or characters[0].isalpha()):
            leads[cell] = characters[0].lower()
    return leads


def _candidates(text: str, rule: Rule, windows: list[tuple[int, int]]) -> list[list[Candidate]]:
    matches = [m for lo, hi in windows for m in rule.pattern.finditer(text, lo, hi) if m.end() > m.start()]
    if not matches:
        return []     # most rules find nothing near their trigger words
    found = []
    has_t, has_t2 = "t" in rule.pattern.groupindex, "t2" in rule.pattern.groupindex
    for match in matches:
        start, end = match.span("t" if has_t and match.start("t") >= 0 else 0)
        if _blocked(rule, text, start, end):
            continue
        reach = match.end() - match.start()
        try:
            mod = _fill(rule.mod, match) if rule.mod else ""
            group = [Candidate(start, end, rule, _fill(rule.value, match), mod, reach)]
            if rule.value2 and has_t2 and match.start("t2") >= 0:
                s2, e2 = match.span("t2")
                claim = (start, max(e2, match.end()))
                group = [Candidate(start, end, rule, group[0].value, mod, reach, claim),
                         Candidate(s2, e2, rule, _fill(rule.value2, match), mod, reach, claim)]
        except normalize.NotAValue:
            continue
        found.append(group)
    return found


def find(text: str) -> list[Candidate]:
    """All rule matches, overlaps settled: the longest match wins, then the earlier rule in rules.tsv."""
    groups = []
    windows = _trigger_windows(text)
    # in ASCII text a (?i) letter matches just its two cases, so the lower-cased text holds every rule's required
    # texts where it can match (in other text "ſ" matches s and "ı" i: there no window is passed over)
    lowered = text.lower() if text.isascii() else None
    by_trigger = _rules_by_trigger()
    for cell, near_trigger in windows.items():    # a rule whose trigger words the text lacks cannot match
        for order, rule in by_trigger[cell]:
            near = near_trigger
            if rule.required and lowered is not None:
                near = _windows_holding(near, lowered, rule.required)
            for group in _candidates(text, rule, near):
                groups.append((-group[0].reach, order, group[0].start, group))
    groups.sort(key=lambda g: g[:3])    # no two alike: a rule's matches start apart
    taken = _Spans()
    chosen: list[Candidate] = []
    for *_, group in groups:
        claims = {c.claim or (c.start, c.end) for c in group}
        if any(taken.overlaps(s, e) for s, e in claims):
            continue
        for s, e in claims:
            taken.add(s, e)
        chosen.extend(group)
    return sorted(chosen, key=lambda c: c.start)


@lru_cache(maxsize=1)
def _rules_by_trigger() -> dict[str, list[tuple[int, Rule]]]:
    """trigger cell -> (place in rules.tsv, rule) of the rules it triggers."""
    table: dict[str, list[tuple[int, Rule]]] = {}
    for order, rule in enumerate(rules()):
        table.setdefault(rule.trigger, []).append((order, rule))
    return table


def _windows_holding(windows: list[tuple[int, int]], lowered: str, texts: tuple[str, ...]) -> list[tuple[int, int]]:
    """The windows of the lower-cased text holding every one of the texts."""
    for required in texts:
        windows = [(lo, hi) for lo, hi in windows if lowered.find(required, lo, hi) >= 0]
    return windows


class _Spans:
    """Non-overlapping spans kept sorted, so an overlap check is a binary search."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)      # spans starting before `end`...
        return i > 0 and self.ends[i - 1] > start      # ...the last of them reaches past `start`?

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
