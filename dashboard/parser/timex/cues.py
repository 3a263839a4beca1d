"""Reads the words around a mention: the tense of its clause (past / future) and bounding words (mods).

News convention: the nearest tense cue in the same clause decides ("said Tuesday" past, "will meet Thursday"
future); cue words, clause boundaries and "to"+verb detection come from tense_cues.tsv.
"""
from __future__ import annotations

import re

from dashboard.parser.timex.resources import mod_cues, tense_cues

_TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|'ll|[;\"“”,]")
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'“`])|\n\s*\n")
WINDOW = 250          # characters looked at on either side
MAX_DISTANCE = 12     # tokens
REPORT_REACH = 3      # a reporting verb dates the mention only this close ("said on Tuesday")
_AUXILIARIES = {"be", "been", "being", "is", "are", "was", "were"}   # before a participle: passive, no tense
_LONGEST_CUE = 3      # words


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - WINDOW)
    left = lo
    for m in _SENTENCE_END.finditer(text, lo, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + WINDOW))
    return left, (m.start() + 1 if m else min(len(text), end + WINDOW))


def _classify(tokens: list[str], raw: list[str], i: int, strict: bool, left: bool) -> str | None:
    """The cue starting at token i: past | future | report | boundary | None."""
    cues = tense_cues()
    for n in range(_LONGEST_CUE, 0, -1):
        phrase = " ".join(tokens[i:i + n])
        if len(tokens[i:i + n]) == n and phrase in cues["cue"]:
            return cues["cue"][phrase]
    word = tokens[i]
    if word in cues["boundary"] or (strict and word == ","):
        return "boundary"
    if word == "to" and left and i + 1 < len(tokens):
        follower = raw[i + 1]
        if follower.isalpha() and follower.islower() and follower not in cues["not_verb"]:
            return "future"     # "to host", "to meet": an infinitive points ahead
    if len(word) >= 5 and word.endswith("ed") and raw[i].islower() and (i == 0 or tokens[i - 1] not in _AUXILIARIES):
        return "past"
    return None


def _nearest(tokens: list[str], raw: list[str], order: list[int], strict: bool, left: bool
             ) -> tuple[int, str] | None:
    for distance, i in enumerate(order[:MAX_DISTANCE], start=1):
        kind = _classify(tokens, raw, i, strict, left)
        if kind == "boundary":
            return None
        if kind == "report":
            if distance <= REPORT_REACH:
                return distance, "past"
        elif kind:
            return distance, kind
    return None


def tense(text: str, start: int, end: int) -> str | None:
    """'past' or 'future' for the clause around text[start:end], None when no cue says."""
    left, right = _sentence_bounds(text, start, end)
    before = _TOKEN.findall(text, left, start)
    after = _TOKEN.findall(text, end, right)
    raw = before + after
    tokens = [t.lower() for t in raw]
    left_order = list(range(len(before) - 1, -1, -1))
    right_order = list(range(len(before), len(raw)))
    for strict in (True, False):
        found = [f for f in (_nearest(tokens, raw, left_order, strict, True),
                             _nearest(tokens, raw, right_order, strict, False)) if f]
        if found:
            return min(found, key=lambda f: f[0])[1]    # left wins a tie (min is stable)
    return None


def mod(text: str, start: int, end: int) -> str | None:
    """TIMEX3 mod from bounding words right before ("until", "by") or after ("or later") the mention."""
    table = mod_cues()
    before = " ".join(_TOKEN.findall(text, max(0, start - 30), start)).lower()
    for cue, value in sorted(table["before"].items(), key=lambda kv: -len(kv[0])):
        if before == cue or before.endswith(" " + cue):
            return value
    after = " ".join(_TOKEN.findall(text, end, min(len(text), end + 30))).lower()
    for cue, value in sorted(table["after"].items(), key=lambda kv: -len(kv[0])):
        if after == cue or after.startswith(cue + " "):
            return value
    return None
