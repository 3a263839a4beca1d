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


_RULES = [(row["type"], float(row["weight"])) for row in load("triggers")]
_RULE_PATTERNS = [re.compile(rf"\b(?:{row['pattern']})\b", re.IGNORECASE) for row in load("triggers")]
# one combined pattern: a single pass finds where triggers are
_PATTERN = re.compile(
    "|".join(rf"\b(?:{row['pattern']})\b" for row in load("triggers")),
    re.IGNORECASE,
)


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Triggers in text[start:end], longest match first at each position, no overlaps, in text order."""
    end = len(text) if end is None else end
    found: list[Trigger] = []
    pos = start
    while pos < end:
        match = _PATTERN.search(text, pos, end)
        if match is None:
            break
        best = _longest_at(text, match.start(), end)
        found.append(best)
        pos = best.end
    return found


def _longest_at(text: str, at: int, end: int) -> Trigger:
    """Of all rules matching at `at`, the longest (ties: the heavier). The combined pattern only says where
    the next trigger starts: its alternation stops at the first rule that matches, not the longest."""
    best = None
    for (event_type, weight), pattern in zip(_RULES, _RULE_PATTERNS):
        match = pattern.match(text, at, end)
        if match and (best is None or (match.end(), weight) > (best.end, best.weight)):
            best = Trigger(event_type, weight, at, match.end(), match.group())
    return best


def strongest(triggers: list[Trigger], exclude: tuple[str, ...] = ()) -> Trigger | None:
    """The heaviest trigger not of an excluded type (earliest on ties)."""
    candidates = [t for t in triggers if t.event_type not in exclude]
    return max(candidates, key=lambda t: (t.weight, -t.start), default=None)
