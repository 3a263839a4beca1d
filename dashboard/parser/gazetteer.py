"""Find listed phrases (names, countries, places) in text: tokenize once, look tokens up in a dict.

A dict keyed by first token is much faster than one regex alternation of hundreds of names, and it makes
"longest phrase wins" explicit ("Bashar al-Assad" over "Assad", "UN Security Council" over "UN").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, Iterator, NamedTuple, TypeVar

from dashboard.parser.lexicon import load

T = TypeVar("T")

# the hyphen before these ends a word: "UN-backed" is "UN" + "-backed"
HYPHEN_SUFFIXES = "|".join(row["suffix"] for row in load("hyphen_suffixes"))
# words, keeping inner hyphens and periods ("al-Assad", "U.S.", "Ki-moon") and an abbreviation's final period
_TOKEN = re.compile(rf"\w+(?:(?:-(?!(?:{HYPHEN_SUFFIXES})\b)|\.)\w+)*\.?")


# the characters the regex engine's case folding maps to an ASCII letter while lower() does not (Turkish dotted
# and dotless i, long s, the Kelvin sign): tests/test_gazetteer.py checks the list against the engine itself
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def caseless(text: str) -> str | None:
    """text.lower(), on which a case-sensitive pattern of lower-case ASCII finds just what the same pattern finds
    case-insensitively in `text` (a case-sensitive alternation of plain words skips most positions at one
    comparison; a case-insensitive one tries every word); None when `text` holds a character that folds
    differently, and only the case-insensitive pattern will do."""
    return text.lower() if text.isascii() or not _FOLDS_TO_ASCII.search(text) else None


# named characters, inline flags, conditional groups, a range like A-z: what lower-casing the source would change
_UNSAFE_TO_LOWER = re.compile(r"\\N\{|\(\?[aiLmsux-]+[:)]|\(\?\(|[A-Z]-[^A-Z\]]")
_TO_LOWER = re.compile(r"\\.|\(\?P<\w+>|\(\?P=\w+\)|[A-Z]")   # escapes and group names stay as written


def caseless_pattern(pattern: re.Pattern) -> re.Pattern | None:
    """A case-insensitive pattern as a case-sensitive one to run on caseless(text): the same matches at the
    same offsets. Its letters are lower-cased, not its escapes (\\S, \\B) nor its named groups; None when the
    source has what lower-casing would change (inline flags, a named character, a range like A-z)."""
    source = pattern.pattern
    if not pattern.flags & re.IGNORECASE or _UNSAFE_TO_LOWER.search(source):
        return None
    lowered = _TO_LOWER.sub(lambda m: m.group().lower() if len(m.group()) == 1 else m.group(), source)
    return re.compile(lowered, pattern.flags & ~re.IGNORECASE)


def split_alternatives(source: str) -> list[str]:
    """A regex's source cut at its top-level | ("a|b(?:c|d)" -> ["a", "b(?:c|d)"])."""
    bars = [i for i, depth in group_depths(source) if depth == 0 and source[i] == "|"]
    return [source[a + 1:b] for a, b in zip([-1, *bars], [*bars, len(source)])]


def group_depths(source: str) -> Iterator[tuple[int, int]]:
    """(index, group depth) of each character of a regex's source that is neither escaped nor in a class."""
    depth, i = 0, 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":                                   # to the closing ], which may come first: []] or [^]]
            i += 1 + (source[i + 1:i + 2] == "^")
            i += source[i:i + 1] == "]"
            while i < len(source) and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
            i += 1
            continue
        depth -= char == ")"
        yield i, depth
        depth += char == "("
        i += 1


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


class Token(NamedTuple):       # a tuple: made by the thousand per article, so it must be cheap
    start: int
    end: int
    text: str
    bare: str     # the word without a sentence-final period ("Kerry." -> "Kerry"; "U.S." keeps its own)


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        word = match.group()
        bare = word[:-1] if word[-1] == "." and "." not in word[:-1] else word
        start = match.start()
        tokens.append(_new_token(Token, (start, start + len(word), word, bare)))
    return tokens


_new_token = tuple.__new__   # Token(...) without the Python-level __new__ of a NamedTuple: ~20% of tokenize


@dataclass(frozen=True)
class Match(Generic[T]):
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
        for phrase, value in phrases.items():
            words = tuple(t.text for t in tokenize(phrase))
            if words:
                second = _bare(words[1]) if len(words) > 1 else ""
                self._by_first.setdefault(_bare(words[0]), {}).setdefault(second, []).append((words, value))
        for by_second in self._by_first.values():
            for candidates in by_second.values():
                candidates.sort(key=lambda c: -len(c[0]))

    def find(self, text: str, tokens: list[Token]) -> list[Match[T]]:
        """Non-overlapping matches, longest first at each token, in text order."""
        by_first = self._by_first
        found, free = [], 0     # tokens before `free` belong to a match already
        for i in [i for i, token in enumerate(tokens) if token.bare in by_first]:
            if i < free:
                continue
            match = self.match_at(text, tokens, i)
            if match:
                found.append(match)
                free = match.last + 1
        return found

    def match_at(self, text: str, tokens: list[Token], i: int) -> Match[T] | None:
        by_second = self._by_first.get(tokens[i].bare)
        if not by_second:
            return None
        following = tokens[i + 1].bare if i + 1 < len(tokens) else None
        for key in (following, ""):
            for words, value in by_second.get(key, ()) if key is not None else ():
                last = i + len(words) - 1
                if last < len(tokens) and _same(words, tokens, i, text):
                    return Match(tokens[i].start,
                                 tokens[last].start + len(_bare_or_full(words[-1], tokens[last])), i, last, value)
        return None


def _bare(word: str) -> str:
    return word[:-1] if word.endswith(".") and "." not in word[:-1] else word


def _bare_or_full(word: str, token: Token) -> str:
    """The matched text of the phrase's last token: keep the period only if the phrase has it."""
    return token.text if word == token.text else token.bare


def _same(words: tuple[str, ...], tokens: list[Token], i: int, text: str) -> bool:
    for k, word in enumerate(words):
        token = tokens[i + k]
        if word != token.text and word != token.bare:
            return False
        if k and not text[tokens[i + k - 1].end:token.start].isspace():
            return False
    return True
