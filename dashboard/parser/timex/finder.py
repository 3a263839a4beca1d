"""Pass 1: find temporal expressions with the data-file rules and fill in their (underspecified) values."""
from __future__ import annotations

import bisect
import re
from re import _constants as sre, _parser
from functools import lru_cache
from typing import NamedTuple

from dashboard.parser.timex import normalize
from dashboard.parser.timex.resources import Rule, blockers, macros, rules, triggers

_TEMPLATE_SLOT = re.compile(r"\{(\w+)(?:\|([^}]*))?\}")
_WORD_BEFORE = re.compile(r"^\W{0,2}([\w.]+)")   # read on the reversed text before a match
_WORD_AFTER = re.compile(r"^\W{0,2}([\w]+)")
_WORD = re.compile(r"[A-Za-z]+")
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


_WORD_CELLS: dict[str, tuple[str, ...]] = {}   # word as written -> the trigger cells it opens (memo)
_MEMO_LIMIT = 200_000


def _cells_of(word: str, found) -> tuple[str, ...]:
    cells = tuple(found.exact.get(word, ())) + tuple(found.folded.get(word.lower(), ()))
    if len(_WORD_CELLS) >= _MEMO_LIMIT:     # a stream of unseen words (a huge text) must not grow it forever
        _WORD_CELLS.clear()
    _WORD_CELLS[word] = cells
    return cells


def _trigger_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """trigger cell -> where its rules should look, from one pass over the words of the text and one over its
    digits (where most /regex/ triggers start)."""
    found = triggers()
    spans: dict[str, list[tuple[int, int]]] = {}
    known = _WORD_CELLS.get
    for m in _WORD.finditer(text):
        cells = known(m[0])
        if cells is None:
            cells = _cells_of(m[0], found)
        if cells:
            span = m.span()
            for cell in cells:
                spans.setdefault(cell, []).append(span)
    digits = [m.start() for m in _DIGIT.finditer(text)]
    led_by_digit = _digit_led_cells()
    for cell, regex in found.regexes.items():
        if cell in led_by_digit:
            spans[cell] = _spans_from(regex, text, digits)
        else:
            spans[cell] = [m.span() for m in regex.finditer(text)]
    return {cell: _merge(s, len(text)) for cell, s in spans.items() if s}


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
def _digit_led_cells() -> frozenset[str]:
    r"""The /regex/ trigger cells whose every match starts with a digit (most of them: "/\d{4}/")."""
    led = set()
    for cell, regex in triggers().regexes.items():
        try:
            starts, may_be_empty = _starts(_parser.parse(regex.pattern, regex.flags))
        except _AnyStart:
            continue
        if starts == [r"\d"] and not may_be_empty:
            led.add(cell)
    return frozenset(led)


def _candidates(text: str, rule: Rule, pattern: re.Pattern, windows: list[tuple[int, int]]) -> list[list[Candidate]]:
    matches = [m for lo, hi in windows for m in pattern.finditer(text, lo, hi) if m.end() > m.start()]
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
    for order, (rule, pattern, needed) in enumerate(zip(rules(), _guarded_patterns(), _required_texts())):
        if rule.trigger not in windows:
            continue   # none of its trigger words in the text: it cannot match
        near = windows[rule.trigger]
        if needed and lowered is not None:
            near = [(lo, hi) for lo, hi in near if all(lowered.find(t, lo, hi) >= 0 for t in needed)]
        for group in _candidates(text, rule, pattern, near):
            groups.append((-group[0].reach, order, group[0].start, group))
    groups.sort(key=lambda g: g[:3])
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


@lru_cache(maxsize=1)
def _guarded_patterns() -> tuple[re.Pattern, ...]:
    """Each rule's pattern with a test of the first character in front ("(?=(?i:[0-9JjFf...]))"): the same
    matches, but a position no match can start at is left at once instead of trying every alternative of
    the rule (a rule opens with its vocabulary: 40 weekday forms, 60 month forms). The rule's own pattern
    when its start cannot be told (it may open with any character)."""
    return tuple(_first_character_guard(rule.pattern) or rule.pattern for rule in rules())


@lru_cache(maxsize=1)
def _required_texts() -> tuple[tuple[str, ...], ...]:
    """Per rule, the lower-case ASCII texts every match contains ("from" in "two weeks from now"): in a window
    missing one of them the rule cannot match, so it is not run there."""
    return tuple(tuple(sorted(_texts(_parser.parse(rule.pattern.pattern, rule.pattern.flags)), key=len, reverse=True))
                 for rule in rules())   # the longest first: the likeliest to be missing


def _texts(items) -> set[str]:
    """The runs of literal ASCII characters (lower-cased) that every match of the item sequence contains."""
    texts, run = set(), ""
    for op, av in items:
        if op is sre.LITERAL and av < 128:
            run += chr(av).lower()
            continue
        texts |= {run} | _texts_of(op, av)
        run = ""
    return (texts | {run}) - {""}


def _texts_of(op, av) -> set[str]:
    if op is sre.SUBPATTERN:
        return _texts(av[3])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _texts(av[2])
    if op is sre.BRANCH:
        return set.intersection(*(_texts(branch) for branch in av[1]))
    return set()    # a class, an optional part, a lookaround (it may look outside the match): nothing certain


class _AnyStart(Exception):
    """The pattern may start with (almost) any character."""


_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_WORD: r"\w",
               sre.CATEGORY_NOT_WORD: r"\W", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S"}


def _first_character_guard(pattern: re.Pattern) -> re.Pattern | None:
    try:
        starts, may_be_empty = _starts(_parser.parse(pattern.pattern, pattern.flags))
    except _AnyStart:
        return None
    if may_be_empty or not starts:
        return None
    # case-insensitive whatever the pattern's parts say: a superset of the characters is all the test needs
    return re.compile(f"(?=(?i:[{''.join(dict.fromkeys(starts))}]))" + pattern.pattern, pattern.flags)


def _starts(items) -> tuple[list[str], bool]:
    """(class parts for the characters a match of the item sequence can start with, can it match empty?)"""
    starts = []
    for op, av in items:
        more, empty = _starts_of(op, av)
        starts += more
        if not empty:
            return starts, False
    return starts, True


def _starts_of(op, av) -> tuple[list[str], bool]:
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):       # zero width: the next item starts the match
        return [], True
    if op is sre.LITERAL:
        return [re.escape(chr(av))], False
    if op is sre.IN:
        return [_class_part(o, a) for o, a in av], False
    if op is sre.SUBPATTERN:
        return _starts(av[3])
    if op is sre.BRANCH:
        starts, empty = [], False
        for branch in av[1]:
            more, branch_empty = _starts(branch)
            starts, empty = starts + more, empty or branch_empty
        return starts, empty
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, item = av
        more, empty = _starts(item)
        return more, low == 0 or empty
    raise _AnyStart      # any character, a back reference, ...


def _class_part(op, av) -> str:
    if op is sre.LITERAL:
        return re.escape(chr(av))
    if op is sre.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is sre.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise _AnyStart      # a negated class
