"""Split an article into sentences, keeping exact character offsets into the text.

A sentence ends at a line break or at . ! ? (plus closing quotes/brackets) followed by space and a capital,
digit or opening quote, unless the word before the period is a known abbreviation ("Feb.", "U.S.", "Rep.")
or a single initial ("John F. Kennedy").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.parser.lexicon import load

ABBREVIATIONS = frozenset(row["abbreviation"] for row in load("abbreviations"))

# where one sentence ends and the next begins, as a quick test between two offsets (the tagger asks whether
# two mentions share a sentence): terminal punctuation and a capital or an opening quote, or a blank line.
# Written to open with the one character class both kinds start with, so the engine skips to those characters
# instead of trying the pattern at every position ("[.!?]\s+(?=...)|\n\s*\n" read 2.3 times as slowly)
SENTENCE_BREAK = re.compile(r"[.!?\n](?:(?<=[.!?])\s+(?=[A-Z\"'“`])|(?<=\n)\s*\n)")
# candidate ends for the splitter: terminal punctuation and any closing quotes/brackets, then whitespace, then
# a sentence start (unless the word before the period is an abbreviation)
_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_LINE = re.compile(r"[^\n]+")
_LAST_WORD = re.compile(r"(\S+)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def ends_in_abbreviation(chunk: str) -> bool:
    """Does `chunk` (text up to and including a period) end in an abbreviation or an initial?"""
    if chunk[-1:] != ".":        # (the callers' case, read from the right without a regex search from the left)
        match = _LAST_WORD.search(chunk)
        if not match:
            return False
        word = match.group(1)
    else:
        word = chunk.rsplit(None, 1)[-1]
    word = word.lstrip("\"'“‘([")
    if word in ABBREVIATIONS:
        return True
    return len(word) == 2 and word[0].isupper() and word[1] == "."   # an initial: "F."


def split_sentences(text: str) -> list[Sentence]:
    """Sentences in text order; leading/trailing whitespace trimmed, empty lines skipped."""
    sentences = []
    for line in _LINE.finditer(text):
        line_start, line_end = line.span()
        begin = line_start
        for end in _END.finditer(text, line_start, line_end):   # (the line's end bounds the lookahead too)
            if text[end.start()] == "." and end.group().rstrip("\"'”’)]").endswith(".") \
                    and ends_in_abbreviation(text[line_start:end.start() + 1]):
                continue
            _add(sentences, text, begin, end.end())
            begin = end.end()
        _add(sentences, text, begin, line_end)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))
