"""Event triggers: which words in a sentence say what kind of event it tells (lexicon: triggers.tsv)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.parser.lexicon import load


@dataclass(frozen=True)
class Trigger:
    event_type: str
    weight: float
    start: int          # offsets into the text that was searched
    end: int
    text: str


def first_letters(pattern: re.Pattern) -> frozenset[str]:
    """Letters a match of `pattern` can start with, read from its parse tree (every letter when unsure)."""
    letters = _first(re._parser.parse(pattern.pattern).data)
    return frozenset(ALL_LETTERS if letters is None else letters)


ALL_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


def _first(items: list) -> set[str] | None:
    """First letters of a sequence of parsed items (None: could be anything, or could be empty)."""
    out: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):     # \b, lookarounds: zero width, look further
            continue
        if name == "LITERAL":
            return out | {chr(arg).lower()}
        if name == "IN" and all(str(o) == "LITERAL" for o, _ in arg):
            return out | {chr(a).lower() for _, a in arg}
        if name == "SUBPATTERN":
            inner = _first(arg[-1])
        elif name == "BRANCH":
            branches = [_first(b) for b in arg[1]]
            inner = None if any(b is None for b in branches) else set().union(*branches)
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            inner = _first(arg[2])
            if inner is not None and arg[0] == 0:      # optional: what follows may start the match too
                out |= inner
                continue
        else:
            return None
        return None if inner is None else out | inner
    return None   # the whole sequence may match empty


@dataclass(frozen=True)
class _Rule:
    event_type: str
    weight: float
    source: str            # the lexicon's pattern
    pattern: re.Pattern    # compiled at word boundaries


# patterns run on lower-cased text (much faster than IGNORECASE); lexicon patterns are written lower-case
_RULES = [_Rule(row["type"], float(row["weight"]), row["pattern"], re.compile(rf"\b(?:{row['pattern']})\b"))
          for row in load("triggers")]
# the rules that can match at a word starting with a given letter (a trigger starts where the combined
# pattern found one, so trying only these gives the same longest match as trying all, at a tenth of the cost)
_FIRST_LETTERS = [first_letters(r.pattern) for r in _RULES]
_RULES_BY_LETTER = {letter: [r for r, first in zip(_RULES, _FIRST_LETTERS) if letter in first] for letter in ALL_LETTERS}
# one combined pattern: a single pass finds where triggers are. Its alternatives are grouped by the letter they
# start with, so at each word the engine tries the dozen rules of that letter, not all of them (2-3x faster)
_PATTERN = re.compile(r"\b(?:" + "|".join(f"(?={letter})(?:{'|'.join(r.source for r in rules)})"
                                          for letter, rules in sorted(_RULES_BY_LETTER.items()) if rules) + r")\b")


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Triggers in text[start:end], longest match first at each position, no overlaps, in text order."""
    end = len(text) if end is None else end
    lowered = lower_same_length(text[start:end])
    found: list[Trigger] = []
    pos = 0
    while pos < len(lowered):
        match = _PATTERN.search(lowered, pos)
        if match is None:
            break
        best = _longest_at(lowered, match.start())
        found.append(Trigger(best[0], best[1], start + best[2], start + best[3], text[start + best[2]:start + best[3]]))
        pos = best[3]
    return found


def lower_same_length(text: str) -> str:
    """text.lower(), unless that would move offsets (a few characters lower-case to two): then per character."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _longest_at(lowered: str, at: int) -> tuple[str, float, int, int]:
    """Of all rules matching at `at`, the longest (ties: the heavier), as (type, weight, start, end). The
    combined pattern only says where the next trigger starts: its alternation stops at the first rule that
    matches, not the longest."""
    best = None
    for rule in _RULES_BY_LETTER.get(lowered[at], ()):
        match = rule.pattern.match(lowered, at)
        if match and (best is None or (match.end(), rule.weight) > (best[3], best[1])):
            best = (rule.event_type, rule.weight, at, match.end())
    return best
