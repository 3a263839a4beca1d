"""Clause structure of a sentence, read from cue words (lexicon clause_cues.tsv).

A date governs the event triggers of its own clause or phrase: "who met the king two weeks ago" is dated two
weeks ago, "said on Sunday that talks would resume on Monday" puts the saying on Sunday and the talks on
Monday, "seized on Sunday on the eve of talks" dates the seizure, not the talks. Boundaries between clauses
have a cost (a comma is cheap, a relative pronoun or a subordinator dearer, a semicolon a wall); the cost
between a trigger and a date is the sum of the boundaries between them.

Two cues are not boundaries: the comma after a date that opens the sentence ("On Monday, X met Y": the
date scopes over the clause it introduces) and "when" right after a date ("Thursday, when 133 people were
arrested": the clause describes that day).
"""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from dashboard.parser.lexicon import load
from dashboard.parser.triggers import ALL_LETTERS, lowered, prefix_tree, prefixes

PARENTHESIS = "parenthesis"
CLAUSE_END = "clause_end"   # the comma that closes one of those
CLOSED_BY_COMMA = ("relative", "complement", "subordinate", "condition", "event_phrase")   # clauses a comma ends
MAX_COST = 1          # a date reaches a trigger across a comma or a participle, not across a clause boundary
OPENING = 25          # a date starting this close to the sentence start opens it ("Earlier that day, ...")
_ONLY_THE = re.compile(r"\s*(?:the\s+)?")
_NOUN_AFTER = re.compile(r"\s+(?!(?:in|on|at|to|and|or|but|when|as|with|from|for|by|of|the|a|an|that|which|after|before|"
                         r"until|last|this|next|ago|later|earlier|is|was|were|are|will|would|had|has)\b)[a-z]")
POSSESSIVE = re.compile(r"['’]s?\b")     # "Friday's": a date that describes a noun
_OPENER = re.compile(r"\W*(?:(?:on|in|at|by|late|early|earlier|later|last|until|from|during|as of|for|then|and|but|also|"
                     r"just|shortly|only|before|after|around|about|since)\s+)*(?:the\s+)?", re.IGNORECASE)
# between two commas: a short apposition (", Sergei Lavrov,", ", capital of Belarus,", ", 52,") or an example list
_ASIDE = re.compile(r"\s*(?:(?:including|such as|among them|mostly|most of them|many of them|aged|according to)\b[^,;:]{0,60}"
                    r"|(?!.*\b(?:said|says|told|is|was|are|were|has|have|had|will|would|can|could)\b)(?!.*\b[a-z]+ed\b)"
                    r"(?:[^\s,;:]+\s+){0,4}[^\s,;:]+\s*)$")   # but not ", he said," nor a verb phrase
_WHEN = re.compile(r",?\s(?:when|as)\b")

CUE_PREFIX_LENGTH = 3    # measured on the wire stories: 1 is 1.6x slower, 2 is 1.15x slower, 4 no faster


def _cue_scanner(rows: list[dict[str, str]]) -> tuple[re.Pattern, dict[str, tuple[str, int]]]:
    """One pattern that finds the next cue, and (kind, cost) by the name of the group that captured it.

    Where several cues match at one place, the first row wins; rows written as words ("\\bthat\\b") come
    after the others and only at a word starting with a-z. Rather than try every row at every character,
    the pattern follows the text's next characters down a tree of the rows' prefixes (prefix_tree) and at
    the deepest prefix the text has tries, in that order, every row whose matches can begin there. A row
    sits at several prefixes, so each occurrence has its own group name (c<row>_<n>)."""
    others, words = [], []            # (the row's regex, what its matches can begin with, (kind, cost))
    for row in rows:
        pattern = row["pattern"]
        if re._parser.parse(pattern).getwidth()[0] == 0:
            raise ValueError(f"clause cue {pattern!r} ({row['kind']}) can match nothing: a cue must cover a character")
        begins = prefixes(pattern, CUE_PREFIX_LENGTH)
        cue = (row["kind"], int(row["cost"]))
        if pattern.startswith(r"\b"):
            words.append((pattern, {p for p in begins if p and p[0] in ALL_LETTERS}
                          | (ALL_LETTERS if "" in begins else set()), cue))
        else:
            others.append((pattern, begins, cue))
    names: dict[str, tuple[str, int]] = {}
    leaves: dict[str, str] = {}
    for place in sorted({p for _, begins, _ in others + words for p in begins}):   # sorted: the same pattern every run
        # a row with prefix "," is tried at ", w" too, before a later row with prefix ", w"
        options = []
        for i, (pattern, begins, cue) in enumerate(others + words):
            if any(place.startswith(p) for p in begins):
                names[name := f"c{i}_{len(names)}"] = cue
                options.append(f"(?P<{name}>{pattern})")
        leaves[place] = "(?:" + "|".join(options) + ")"
    return re.compile(prefix_tree(leaves)), names


_PATTERN, _CUE_OF_GROUP = _cue_scanner(load("clause_cues"))


class Boundary(NamedTuple):   # a tuple: made by the dozen per article, so it must be cheap
    start: int       # offsets into the text
    end: int
    kind: str
    cost: int


class Clauses:
    """The boundaries of one sentence, with prefix sums so that the cost between two offsets is two look-ups."""

    def __init__(self, boundaries: list[Boundary]):
        self.boundaries: list[Boundary] = []
        self._starts: list[int] = []
        self._sums = [0]
        self._parens: list[Boundary] = []   # each spans "(" to ")"
        for b in boundaries:     # (one loop: a sentence has a few boundaries, and is read once)
            if b.kind == PARENTHESIS:
                self._parens.append(b)
            else:
                self.boundaries.append(b)
                self._starts.append(b.start)
                self._sums.append(self._sums[-1] + b.cost)

    def cost(self, a: int, b: int) -> int:
        """Sum of the boundaries that start in [min(a, b), max(a, b)), plus a parenthesis's price when one
        point is inside it and the other is not."""
        lo, hi = (a, b) if a <= b else (b, a)
        cost = self._sums[bisect.bisect_left(self._starts, hi)] - self._sums[bisect.bisect_left(self._starts, lo)]
        for paren in self._parens:
            if (paren.start < lo < paren.end) != (paren.start < hi < paren.end):
                cost += paren.cost
        return cost

    def opener(self, pos: int) -> Boundary | None:
        """The cue that opens the clause holding `pos` (the last boundary before it dearer than a comma)."""
        for i in range(bisect.bisect_left(self._starts, pos) - 1, -1, -1):
            cue = self.boundaries[i]
            if cue.cost > MAX_COST:
                return None if cue.kind == CLAUSE_END else cue
        return None

    def between(self, a: int, b: int) -> list[Boundary]:
        lo, hi = (a, b) if a <= b else (b, a)
        return self.boundaries[bisect.bisect_left(self._starts, lo):bisect.bisect_left(self._starts, hi)]


def _asides(text: str, boundaries: list[Boundary]) -> list[Boundary]:
    """', including many children and women,' or ', Sergei Lavrov,' between two commas is an aside, like a
    parenthesis: the words around it stay one clause."""
    out, i = [], 0
    while i < len(boundaries):
        b = boundaries[i]
        after = boundaries[i + 1] if i + 1 < len(boundaries) else None
        if b.kind == "comma" and after is not None and after.kind == "comma" \
                and _ASIDE.match(text, b.end, after.start):
            out.append(Boundary(b.start, after.end, PARENTHESIS, b.cost))
            i += 2
            continue
        out.append(b)
        i += 1
    return out


def _pair_parentheses(text: str, boundaries: list[Boundary]) -> list[Boundary]:
    """One boundary per parenthesis, from its "(" to its ")" (an unclosed one runs to the sentence end)."""
    out, opening, paired = [], None, False
    for b in boundaries:
        if b.kind != PARENTHESIS or b.end - b.start > 1:   # not a mark, or an aside already paired
            out.append(b)
        elif text[b.start] == "(" and opening is None:
            opening = b
        elif text[b.start] == ")" and opening is not None:
            out.append(Boundary(opening.start, b.end, PARENTHESIS, opening.cost))
            opening, paired = None, True
    if opening is not None:
        out.append(Boundary(opening.start, len(text), PARENTHESIS, opening.cost))
        paired = True
    # a pair is placed at its ")" and must move to its "(": the rest keep the order they were found in
    return sorted(out, key=lambda b: b.start) if paired else out


def find_boundaries(text: str, start: int, end: int, dates: list[tuple[int, int]] = ()) -> list[Boundary]:
    """Clause boundaries in text[start:end] (a sentence), given the spans of its dates."""
    lowered_text = lowered(text)
    found: list[Boundary] = []
    pos = start
    while (match := _PATTERN.search(lowered_text, pos, end)) is not None:   # the cue is what its group captured
        group = match.lastgroup
        kind, cost = _CUE_OF_GROUP[group]
        cue_start, pos = match.span(group)
        b = Boundary(cue_start, pos, kind, cost)
        if not dates or not (_inside_date(b, dates) or _describes_date(text, b, dates, start)
                             or _introduces_date(text, b, dates)):
            found.append(b)
    return _close_clauses(text, _pair_parentheses(text, _asides(text, found)))


def _close_clauses(text: str, boundaries: list[Boundary]) -> list[Boundary]:
    """'Since the launch in 2000, three conferences ...': the comma that closes a subordinate clause is as
    firm a boundary as the cue that opened it. A relative clause set off by commas (', which was led by X,')
    is an aside like a parenthesis: dear to enter or leave, free to step over."""
    closed: list[Boundary] = []
    opening = None          # index in `closed` of the cue of the clause a comma would close
    for b in boundaries:
        if b.kind in CLOSED_BY_COMMA and (b.kind != "relative" or text.startswith(",", b.start)):
            opening = len(closed)
        elif b.kind == "comma" and opening is not None:
            cue = closed[opening]
            if cue.kind == "relative":
                closed[opening] = Boundary(cue.start, b.end, PARENTHESIS, cue.cost)
                opening = None
                continue
            b = Boundary(b.start, b.end, CLAUSE_END, cue.cost)
            opening = None
        closed.append(b)
    return closed


def clauses_of(text: str, start: int, end: int, dates: list[tuple[int, int]] = ()) -> Clauses:
    return Clauses(find_boundaries(text, start, end, dates))


def _inside_date(b: Boundary, dates) -> bool:
    """'Feb. 5, 2014' or 'Tuesday, Feb. 5': a comma inside a date is not a boundary."""
    return any(s <= b.start < e for s, e in dates)


def _introduces_date(text: str, b: Boundary, dates) -> bool:
    """'until August', 'since 2011', 'before the end of June': a preposition before a date, not a clause."""
    return b.kind in ("subordinate", "event_phrase") and any(
        0 <= s - b.end <= 6 and _ONLY_THE.fullmatch(text, b.end, s) and not POSSESSIVE.match(text, e)
        and not _NOUN_AFTER.match(text, e)
        for s, e in dates)   # but "following Friday's demonstration", "after the 2002 elections" introduce events


def _describes_date(text: str, b: Boundary, dates, sentence_start: int) -> bool:
    for s, e in dates:
        if 0 <= b.start - e <= 2 and text[e:b.start].strip(" ,") == "":
            if b.kind == "comma" and s - sentence_start <= OPENING and _OPENER.fullmatch(text, sentence_start, s):
                return True        # "On Monday, X met Y" (not "Since the launch in 2000, ...")
            if _WHEN.match(text, e) and b.kind in ("relative", "subordinate", "comma"):
                return True        # "Thursday, when ... were arrested"
    return False
