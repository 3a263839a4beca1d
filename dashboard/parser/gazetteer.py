"""Find listed phrases (names, countries, places) in text: tokenize once, look tokens up in a dict.

A dict keyed by first token is much faster than one regex alternation of hundreds of names, and it makes
"longest phrase wins" explicit ("Bashar al-Assad" over "Assad", "UN Security Council" over "UN").
"""
from __future__ import annotations

import bisect
import re
from itertools import accumulate, compress, count
from typing import Generic, Iterator, NamedTuple, TypeVar

from dashboard.parser.lexicon import load

T = TypeVar("T")

# the hyphen before these ends a word: "UN-backed" is "UN" + "-backed"
HYPHEN_SUFFIXES = "|".join(row["suffix"] for row in load("hyphen_suffixes"))


# the characters the regex engine's case folding maps to an ASCII letter while lower() does not (Turkish dotted
# and dotless i, long s, the Kelvin sign): tests/test_gazetteer.py checks the list against the engine itself
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def caseless(text: str) -> str | None:
    """text.lower(), on which a case-sensitive pattern of lower-case ASCII finds just what the same pattern finds
    case-insensitively in `text` (a case-sensitive alternation of plain words skips most positions at one
    comparison; a case-insensitive one tries every word); None when `text` holds a character that folds
    differently, and only the case-insensitive pattern will do."""
    return text.lower() if text.isascii() or not _FOLDS_TO_ASCII.search(text) else None


# \s in Unicode mode takes these four ASCII separators for whitespace, in ASCII mode not: on ASCII text the only
# difference between the two modes for a case-sensitive pattern
_UNICODE_ONLY_SPACES = "\x1c\x1d\x1e\x1f"


def ascii_mode_fits(text: str) -> bool:
    """Does a case-sensitive pattern compiled with re.ASCII find in `text` just what it finds without? Then the
    regex engine tests \\w, \\s and \\b by a table lookup, not in Unicode's character database (~25% faster)."""
    fs, gs, rs, us = _UNICODE_ONLY_SPACES    # (four tests written out: a generator over them costs four times more)
    return text.isascii() and not (fs in text or gs in text or rs in text or us in text)


class TwoModePattern:
    """A case-sensitive pattern compiled in ASCII mode, for the texts where that finds the same, and in Unicode
    mode, for the rest; each when first needed (an import compiles neither, a run on ASCII text one)."""

    def __init__(self, source: str):
        self.source = source
        self._compiled: dict[bool, re.Pattern] = {}    # by ascii mode

    def for_text(self, text: str) -> re.Pattern:
        ascii_mode = ascii_mode_fits(text)
        pattern = self._compiled.get(ascii_mode)
        if pattern is None:
            pattern = self._compiled[ascii_mode] = re.compile(self.source, re.ASCII if ascii_mode else 0)
        return pattern

    def search(self, text: str) -> re.Match | None:
        return self.for_text(text).search(text)

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.for_text(text).finditer(text)


# what lower-casing the source would change (group `unsafe`): named characters, inline flags, conditional groups, a
# range like A-z; the other escapes are stepped over, so that an escaped "(" ("\(?(") opens no conditional group
_UNSAFE_TO_LOWER = re.compile(r"(?P<unsafe>\\N\{|\(\?[aiLmsux-]+[:)]|\(\?\(|[A-Z]-[^A-Z\]])|\\.")
_TO_LOWER = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|[A-Z]")   # escapes and group names stay as written


def caseless_pattern(source: str) -> TwoModePattern | None:
    """The source of a case-insensitive pattern made a case-sensitive one to run on caseless(text): the same
    matches at the same offsets (and the case-insensitive pattern need not be compiled at all). Its letters
    are lower-cased, not its escapes (\\S, \\B) nor its named groups; None when the source has what lower-casing
    would change (inline flags, a named character, a range like A-z)."""
    if any(m.lastgroup == "unsafe" for m in _UNSAFE_TO_LOWER.finditer(source)):
        return None
    return TwoModePattern(_TO_LOWER.sub(lambda m: m.group().lower() if len(m.group()) == 1 else m.group(), source))


def split_alternatives(source: str) -> list[str]:
    """A regex's source cut at its top-level | ("a|b(?:c|d)" -> ["a", "b(?:c|d)"])."""
    if "(" not in source and "[" not in source and "\\" not in source:    # (no group, class nor escape: the common case)
        return source.split("|")
    bars = [i for i, depth in group_depths(source) if depth == 0 and source[i] == "|"]
    return [source[a + 1:b] for a, b in zip([-1, *bars], [*bars, len(source)])]


# what group_depths steps over: an escape, a class (to its closing ], which may come first: []] or [^]]), and the
# characters it reports; the regex engine skips the rest in C, where a loop over every character took a tenth of
# the triggers' import
_GROUP_STRUCTURE = re.compile(r"\\.?|\[\^?\]?(?:\\.?|[^\]\\])*\]?|[()|]")


def group_depths(source: str) -> Iterator[tuple[int, int]]:
    """(index, group depth) of each (, ) and | of a regex's source that is neither escaped nor in a class."""
    depth = 0
    for match in _GROUP_STRUCTURE.finditer(source):
        char = match.group()
        if char == "(":
            yield match.start(), depth
            depth += 1
        elif char == ")":
            depth -= 1
            yield match.start(), depth
        elif char == "|":
            yield match.start(), depth


def first_letter_alternation(pattern: str) -> str:
    """The alternation "alpha|beta|arc" as "(?:a(?:lpha|rc)|b(?:eta))": the same matches (each letter's
    alternatives keep their order), but at each position the engine skips the other letters at one comparison
    each instead of trying every alternative. Kept as it is when an alternative does not open with a letter."""
    groups: dict[str, list[str]] = {}
    for alternative in split_alternatives(pattern):
        if not (alternative[:1].isalpha() and alternative[1:2] not in ("", "?", "*", "+", "{")):
            return f"(?:{pattern})"
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "(?:" + "|".join(f"{letter}(?:{'|'.join(rest)})" for letter, rest in groups.items()) + ")"


# words, keeping inner hyphens and periods ("al-Assad", "U.S.", "Ki-moon") and an abbreviation's final period;
# one group around the whole, so that re.split returns the words beside the text between them; possessive (++, *+, ?+):
# what follows a part is optional, so the engine never backtracks into one, and need not keep the state to (-17%)
_WORDS = TwoModePattern(rf"(\w++(?:(?:-(?!(?:{HYPHEN_SUFFIXES})\b)|\.)\w++)*+\.?+)")


class WordStartPattern:
    """Finds what `\\b(?:source)` finds (case-sensitive), for a source whose every match is non-empty and opens
    with a word character, at a fraction of the cost: from the character before the word. A leading \\b makes the
    regex engine try every position of the text; a leading class (\\W) lets it skip in C to the few positions
    worth trying. A match's span is that of its group `word` (the match itself may start one character earlier)."""

    def __init__(self, source: str):
        self._opening = TwoModePattern(f"(?P<word>{source})")        # at the text's start, with nothing before
        self._after_gap = TwoModePattern(rf"\W(?P<word>{source})")

    def finditer(self, text: str) -> Iterator[re.Match]:
        opening, after_gap = self._opening.for_text(text), self._after_gap.for_text(text)
        match = opening.match(text) or after_gap.search(text)
        while match:
            yield match
            # the next match may open right where this one ends: look from this one's last character
            match = after_gap.search(text, match.end() - 1)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        """The first match in text[pos:endpos] (what precedes `pos` counts as for \\b: "seeing" is no word at 3)."""
        endpos = len(text) if endpos is None else endpos
        if pos == 0:
            match = self._opening.for_text(text).match(text, 0, endpos)
            if match:
                return match
        return self._after_gap.for_text(text).search(text, max(pos - 1, 0), endpos)


def last_words_start(text: str, start: int, end: int, count: int) -> int:
    """Where the last `count` words (between spaces) of text[start:end] begin, or `start` if it has fewer. A match
    of that many words or fewer that ends at `end` starts no earlier: a search for one need not try every word
    before them (the regex engine's \\s and str.split agree on what a space is)."""
    head = text[start:end].rsplit(None, count)
    return start + len(head[0]) if len(head) > count else start


class Tokens:
    """A text's words as parallel lists, one entry per word (an object per word would cost more than finding
    the words): built by the regex engine and C-level builtins, with no Python code per word but the bare form."""
    __slots__ = ("starts", "ends", "words", "bares")

    def __init__(self, text: str):
        pieces = _WORDS.for_text(text).split(text)       # gap, word, gap, word, ..., gap
        offsets = list(accumulate(map(len, pieces)))     # where each piece ends
        self.words: list[str] = pieces[1::2]
        self.starts: list[int] = offsets[0:-1:2]
        self.ends: list[int] = offsets[1::2]
        self.bares: list[str] = _bares(self.words)

    def __len__(self) -> int:
        return len(self.words)

    def index_at(self, offset: int) -> int:
        """The index of the first word that starts at or after `offset`."""
        return bisect.bisect_left(self.starts, offset)


def _bares(words: list[str]) -> list[str]:
    """Each word without a sentence-final period ("Kerry." -> "Kerry"; "U.S." keeps its own)."""
    return [word[:-1] if word[-1] == "." and "." not in word[:-1] else word for word in words]


def tokenize(text: str) -> Tokens:
    """The words of `text`: tokenized once per article, then shared by every matcher."""
    return Tokens(text)


class Match(NamedTuple, Generic[T]):    # a tuple: made for every phrase found, so it must be cheap
    start: int
    end: int
    first: int          # index of its first token
    last: int           # index of its last token
    value: T


class PhraseMatcher(Generic[T]):
    """Case-sensitive matcher of whole-token phrases separated by whitespace in the text."""

    def __init__(self, phrases: dict[str, T]):
        # first word -> second word ("" for one-word phrases) -> [(words, value)], longest first
        self._by_first: dict[str, dict[str, list[tuple[tuple[str, ...], T]]]] = {}
        # (a phrase's offsets are not needed: findall is cheaper than tokenize; one mode for all the phrases, as
        # what fits all of them together fits each)
        words_of = _WORDS.for_text("\n".join(phrases)).findall
        for phrase, value in phrases.items():
            words = words_of(phrase)
            if words:
                bares = _bares(words[:2])
                second = bares[1] if len(bares) > 1 else ""
                self._by_first.setdefault(bares[0], {}).setdefault(second, []).append((tuple(words), value))
        for by_second in self._by_first.values():
            for candidates in by_second.values():
                candidates.sort(key=lambda c: -len(c[0]))

    def find(self, text: str, tokens: Tokens) -> list[Match[T]]:
        """Non-overlapping matches, longest first at each token, in text order."""
        by_first, bares = self._by_first, tokens.bares
        found, free = [], 0     # tokens before `free` belong to a match already
        # the indices of the words a phrase opens with, picked out by builtins rather than a loop over every word
        for i in compress(count(), map(by_first.__contains__, bares)):
            if i < free or not _may_match(by_first[bares[i]], bares, i):
                continue
            match = self.match_at(text, tokens, i)
            if match:
                found.append(match)
                free = match.last + 1
        return found

    def match_at(self, text: str, tokens: Tokens, i: int) -> Match[T] | None:
        bares = tokens.bares
        by_second = self._by_first.get(bares[i])
        if not by_second:
            return None
        following = bares[i + 1] if i + 1 < len(bares) else None
        for key in (following, ""):
            for words, value in by_second.get(key, ()) if key is not None else ():
                last = i + len(words) - 1
                if last < len(bares) and _same(words, tokens, i, text):
                    # the phrase's last word keeps a period only if the phrase has it
                    end = tokens.ends[last] if words[-1] == tokens.words[last] else \
                        tokens.starts[last] + len(bares[last])
                    return Match(tokens.starts[i], end, i, last, value)
        return None


def _may_match(by_second: dict, bares: list[str], i: int) -> bool:
    """Can a phrase opening with word i match, by the word after it? A cheap first test: most words that open
    only longer phrases ("the" of "the Kremlin") are followed by none of their second words."""
    return "" in by_second or (i + 1 < len(bares) and bares[i + 1] in by_second)


def _same(words: tuple[str, ...], tokens: Tokens, i: int, text: str) -> bool:
    for k, word in enumerate(words):
        if word != tokens.words[i + k] and word != tokens.bares[i + k]:
            return False
        if k and not text[tokens.ends[i + k - 1]:tokens.starts[i + k]].isspace():
            return False
    return True
