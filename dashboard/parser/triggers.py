"""Event triggers: which words in a sentence say what kind of event it tells (lexicon: triggers.tsv)."""
from __future__ import annotations

import re
import re._constants as _c
from dataclasses import dataclass
from typing import NamedTuple
from functools import lru_cache

from dashboard.parser.gazetteer import group_depths, split_alternatives
from dashboard.parser.lexicon import load


class Trigger(NamedTuple):   # a tuple: made by the dozen per article, so it must be cheap
    event_type: str
    weight: float
    start: int          # offsets into the text that was searched
    end: int
    text: str


PREFIX_LENGTH = 4      # longer prefixes split the rules no further on real text
SPACE = " "            # in a prefix: any whitespace character (\s)
_PLAIN = re.compile("[a-z ]*")   # characters that match themselves, whatever follows them but a quantifier


def prefixes(pattern: str, length: int = PREFIX_LENGTH) -> frozenset[str]:
    """What a match of `pattern` can begin with, read from its parse tree: strings of `length` characters, or
    shorter where the tree cannot tell what comes next (a class like \\w, a nested flag) or the match may end.
    Every match starts with one of them ("" says nothing is known); SPACE stands for any whitespace."""
    plain = _PLAIN.match(pattern).end()
    if (plain > length or plain == len(pattern)) and ("|" not in pattern or len(split_alternatives(pattern)) == 1):
        return frozenset({pattern[:length]})    # most lexicon alternatives open with plain words: read, not parsed
    parsed = re._parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return frozenset({""})
    return frozenset(_starts(list(parsed.data), length, 0))


def _starts(items: list, length: int, depth: int) -> set[str]:
    """Beginnings of a match of a sequence of parsed items; cutting a beginning short is always safe."""
    if length == 0 or not items or depth > 50:
        return {""}
    (op, arg), rest = items[0], items[1:]
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):          # \b, lookarounds: zero width, look further
        return _starts(rest, length, depth + 1)
    if op is _c.LITERAL or op is _c.IN:
        chars = _chars(arg) if op is _c.IN else {chr(arg)}
        if chars is None:
            return {""}
        tails = _starts(rest, length - 1, depth + 1)
        return {(SPACE if c.isspace() else c) + tail for c in chars for tail in tails}
    if op is _c.SUBPATTERN and not (arg[1] or arg[2]):    # a group without its own flags
        return _starts(list(arg[-1].data) + rest, length, depth + 1)
    if op is _c.BRANCH:
        return set().union(*(_starts(list(branch.data) + rest, length, depth + 1) for branch in arg[1]))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, item = arg
        out = _starts(rest, length, depth + 1) if low == 0 else set()
        if high != 0:
            again = (op, (max(low - 1, 0), high if high == _c.MAXREPEAT else high - 1, item))
            out |= _starts(list(item.data) + [again] + rest, length, depth + 1)
        return out
    return {""}


def _chars(members: list) -> set[str] | None:
    """The characters of a class [...] made of single characters and \\s (None: anything else)."""
    chars = set()
    for op, arg in members:
        if op is _c.LITERAL:
            chars.add(chr(arg))
        elif op is _c.CATEGORY and arg is _c.CATEGORY_SPACE:
            chars.add(SPACE)
        else:
            return None
    return chars


def prefix_tree(leaves: dict[str, str]) -> str:
    """A regex that, where it is tried, follows the text's next characters down the tree of the prefixes in
    `leaves` ("m" > "me" > "mee" > "meet") and, at each prefix the text has, asserts leaves[prefix] from the
    place it was tried (deepest prefix first). Each branch opens with one character (or \\s), which the regex
    engine rejects in one comparison, so only the few assertions whose prefix the text has are tried. What
    the assertions capture is the result; the match itself ends after the prefix."""
    nexts: dict[str, set[str]] = {}     # prefix -> the characters that extend it towards a leaf
    for leaf in leaves:
        for n in range(len(leaf)):
            nexts.setdefault(leaf[:n], set()).add(leaf[n])

    def node(prefix: str) -> str:
        options = [_literal(c) + node(prefix + c) for c in sorted(nexts.get(prefix, ()))]
        if prefix in leaves:     # `(?<=(?=X)meet)` steps back over the prefix consumed and checks X there
            options.append(f"(?<=(?={leaves[prefix]}){''.join(map(_literal, prefix))})")
        return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"
    return node("")


def _literal(char: str) -> str:
    return r"\s" if char == SPACE else re.escape(char)


ALL_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class _Rule:
    event_type: str
    weight: float
    source: str            # the lexicon's pattern
    pattern: re.Pattern    # compiled at word boundaries


# patterns run on lower-cased text (much faster than IGNORECASE); lexicon patterns are written lower-case
_RULES = [_Rule(row["type"], float(row["weight"]), row["pattern"], re.compile(rf"\b(?:{row['pattern']})\b"))
          for row in load("triggers")]


def _by_prefix(rules: list[_Rule]) -> tuple[dict[str, list[_Rule]], dict[str, list[tuple[str, str]]]]:
    """The rules, and their alternatives (as _alternative_parts), by what their matches can begin with (a rule
    begins as its alternatives do). Only words starting with a letter a-z are tried."""
    rules_by, alternatives_by = {}, {}
    for rule in rules:
        begins_rule = set()
        for parts in _alternative_parts(rule.source):
            begins = prefixes("".join(parts))
            begins = (begins - {""}) | (ALL_LETTERS if "" in begins else set())
            for prefix in begins:
                if prefix[0] in ALL_LETTERS and "".join(parts) not in map("".join, alternatives_by.get(prefix, ())):
                    alternatives_by.setdefault(prefix, []).append(parts)
            begins_rule |= begins
        for prefix in begins_rule:
            if prefix[0] in ALL_LETTERS:
                rules_by.setdefault(prefix, []).append(rule)
    return rules_by, alternatives_by


# the character before a word: a class of single characters lets the regex engine skip in C to the places worth trying
# (a leading \b has it try every position), and every non-word character is in it; (?<=\W) then drops the non-ASCII
# letters, which are word characters (one pattern for every text, ~20% faster than \b on the wire stories)
_BEFORE_WORD = r"[^0-9A-Za-z_](?<=\W)"


def _scanner(alternatives_by: dict[str, list[tuple[str, str]]]) -> re.Pattern:
    """One pattern that finds where the next trigger starts, from the character before it: at each word, only the
    rules' alternatives whose prefix the word has are tried (3-4x faster than an alternation of every rule).
    Placing each alternative rather than its whole rule under its prefixes keeps the pattern small (quick to
    compile), and so do two more things: an alternative also under a shorter prefix is left there alone (the
    tree tries every prefix the text has, deepest first), and alternatives of one prefix that share a tail share
    it again ("(?:adopted|adopts) <the long list of what is adopted>")."""
    leaves = {}
    for prefix, options in alternatives_by.items():
        shorter = {"".join(option) for n in range(1, len(prefix)) for option in alternatives_by.get(prefix[:n], ())}
        heads_by_tail: dict[str, list[str]] = {}
        for head, tail in (option for option in options if "".join(option) not in shorter):
            heads_by_tail.setdefault(tail, []).append(head)
        if heads_by_tail:
            leaves[prefix] = "(?:" + "|".join((heads[0] if len(heads) == 1 else f"(?:{'|'.join(heads)})") + tail
                                              for tail, heads in heads_by_tail.items()) + r")\b"
    return re.compile(_BEFORE_WORD + prefix_tree(leaves))


def alternatives(source: str) -> list[str]:
    """A regex's alternatives, a leading group's spread over what follows it: "(?:a|b)c|d" gives ac, bc
    and d. A text matches the regex at a place if and only if it matches one of them there."""
    return [head + tail for head, tail in _alternative_parts(source)]


def _alternative_parts(source: str, tail: str = "") -> list[tuple[str, str]]:
    """The alternatives of source + tail as (head, tail) pairs, the tail being what a spread group was followed
    by: "(?:held|hold) talks|met" gives ("held", " talks"), ("hold", " talks"), ("met", "")."""
    if _FLAGS_OR_COMMENT.search(source + tail):      # flags for the whole pattern, or a comment: leave it whole
        return [(source, tail)]
    out = []
    for branch in split_alternatives(source):
        if branch.startswith("(?:"):
            close = next(i for i, depth in group_depths(branch) if depth == 0 and branch[i] == ")")
            rest = branch[close + 1:] + tail
            if rest[:1] not in ("*", "+", "?", "{"):         # the group is not repeated
                out += [parts for inner in split_alternatives(branch[3:close]) for parts in _alternative_parts(inner, rest)]
                continue
        out.append((branch, tail))
    return out


_FLAGS_OR_COMMENT = re.compile(r"^\(\?[aiLmsux]+\)|\(\?#")


_BY_PREFIX, _ALTERNATIVES_BY_PREFIX = _by_prefix(_RULES)
_PATTERN = _scanner(_ALTERNATIVES_BY_PREFIX)


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Triggers in text[start:end], longest match first at each position, no overlaps, in text order."""
    end = len(text) if end is None else end
    lowered_text = lowered(text)
    found: list[Trigger] = []
    pos = start
    # the scanner finds a trigger from the character before it, which the text's first word has not
    first = _longest_at(lowered_text, 0, end) if start == 0 else None
    if first is not None:
        found.append(_trigger(text, first))
        pos = first[3]
    while (before := _PATTERN.search(lowered_text, max(pos - 1, 0), end)) is not None:
        longest = _longest_at(lowered_text, before.start() + 1, end)
        found.append(_trigger(text, longest))
        pos = longest[3]
    return found


def _trigger(text: str, longest: tuple[str, float, int, int]) -> Trigger:
    event_type, weight, start, end = longest
    return Trigger(event_type, weight, start, end, text[start:end])


@lru_cache(maxsize=1)   # the sentences of one article are read one after another, by several scanners
def lowered(text: str) -> str:
    """text.lower(), unless that would move offsets (a few characters lower-case to two): then per character.
    Computed once for the article being read."""
    lowered_text = text.lower()
    if len(lowered_text) == len(text):
        return lowered_text
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _longest_at(lowered_text: str, at: int, end: int) -> tuple[str, float, int, int] | None:
    """Of all rules matching at `at` (before `end`), the longest (ties: the heavier, then the first listed), as
    (type, weight, start, end); None if none matches. The combined pattern only says where the next trigger starts: its alternation
    stops at the first rule that matches, not the longest."""
    best = None
    for rule in _rules_at(lowered_text[at:min(at + PREFIX_LENGTH, end)]):
        match = rule.pattern.match(lowered_text, at, end)
        if match and (best is None or (match.end(), rule.weight) > (best[3], best[1])):
            best = (rule.event_type, rule.weight, at, match.end())
    return best


@lru_cache(maxsize=4096)
def _rules_at(word_start: str) -> tuple[_Rule, ...]:
    """The rules whose prefix `word_start` has, in lexicon order."""
    word_start = "".join(SPACE if c.isspace() else c for c in word_start)
    found = {id(r): r for n in range(1, len(word_start) + 1) for r in _BY_PREFIX.get(word_start[:n], ())}
    return tuple(sorted(found.values(), key=lambda r: _ORDER[id(r)]))


_ORDER = {id(rule): i for i, rule in enumerate(_RULES)}     # a rule's place in the lexicon
