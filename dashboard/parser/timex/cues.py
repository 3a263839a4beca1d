"""Reads the words around a mention: the tense of its clause (past / future) and bounding words (mods).

News convention: the nearest tense cue in the same clause decides ("said Tuesday" past, "will meet Thursday"
future); cue words and phrases and clause boundaries come from lexicons/tense_cues.tsv, and a lower-case word in -ed
that is not a passive participle counts as past.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from dashboard.parser.sentences import SENTENCE_BREAK, ends_in_abbreviation
from dashboard.parser.timex.resources import mod_cues, tense_cues

# "China-made" is no verb "made"; "we'll" is "we" and the cue "'ll"
_TOKEN = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*(?:'(?!ll\b)[a-z]+)?|'ll|[;\"“”,]")
_POSSESSIVE = re.compile(r"['’]s\b")
WINDOW = 250          # characters looked at on either side
MAX_DISTANCE = 20     # tokens
POSSESSIVE_REACH = 6  # words before a possessive weekday that may still date it
REPORT_REACH = 3      # a reporting verb dates the mention only this close ("said on Tuesday")
DEADLINE_REACH = 1    # "by" makes a deadline only right before the mention ("by March", not "rose by 5% in March")
SOFT_CROSSINGS = 2     # soft boundaries ("," "and") the second reading may look past
_AUXILIARIES = {"be", "been", "being", "is", "are", "was", "were"}   # before a participle: passive, no tense
_PAST_AUXILIARIES = {"was", "were"}


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
    left = lo
    # the last real sentence end (searched up to the mention's first letter, which the end's lookahead reads:
    # "... flare-ups. Friday's meeting" starts a sentence with the mention)
    for m in reversed(list(SENTENCE_BREAK.finditer(text, lo, start + 1))):
        if not _abbreviation_at(text, m):
            left = m.end()
            break
    for m in SENTENCE_BREAK.finditer(text, end, hi):
        if not _abbreviation_at(text, m):
            return left, m.start() + 1
    return left, hi


def _abbreviation_at(text: str, end: re.Match) -> bool:
    """A period after "Ms." or an initial does not end the sentence ("plans to meet Ms. Ostrowski on Monday")."""
    return text[end.start()] == "." and ends_in_abbreviation(text[max(0, end.start() - 20):end.start() + 1])


@lru_cache(maxsize=1)
def _phrase_lengths() -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]], int]:
    """How many words the cue phrases starting (ending) with a word have, and the most any phrase has: only
    spans of the tokens that long can be a cue, so no other is joined and looked up."""
    starting: dict[str, set[int]] = {}
    ending: dict[str, set[int]] = {}
    for phrase in tense_cues()["cue"]:
        words = phrase.split()
        starting.setdefault(words[0], set()).add(len(words))
        ending.setdefault(words[-1], set()).add(len(words))
    return ({w: frozenset(n) for w, n in starting.items()}, {w: frozenset(n) for w, n in ending.items()},
            max(max(n) for n in starting.values()))


def _phrase_cue(tokens: list[str], i: int, left: bool) -> str | None:
    """The longest cue phrase starting at token i (or, scanning leftwards, also ending there)."""
    starting_lengths, ending_lengths, longest = _phrase_lengths()
    starting = starting_lengths.get(tokens[i], ())
    ending = ending_lengths.get(tokens[i], ()) if left else ()
    if not starting and not ending:
        return None
    cues = tense_cues()["cue"]
    for n in range(longest, 0, -1):   # longest first; at one length, the phrase from i first
        if n in starting and i + n <= len(tokens) and (cue := cues.get(" ".join(tokens[i:i + n]))):
            return cue
        if n in ending and i - n + 1 >= 0 and (cue := cues.get(" ".join(tokens[i - n + 1:i + 1]))):
            return cue
    return None


def _classify(tokens: list[str], raw: list[str], i: int, left: bool) -> str | None:
    """The cue at token i: past | future | report | deadline | until | attributive | neutral | boundary |
    soft_boundary | None."""
    cue = _phrase_cue(tokens, i, left)
    if cue == "past" and i > 0 and tokens[i - 1] in _AUXILIARIES and tokens[i] not in _AUXILIARIES:
        return None     # "will be held": a passive participle, the auxiliary carries the tense
    if (cue == "future" and tokens[i].endswith("ed") and _PAST_AUXILIARIES.intersection(tokens[max(0, i - 2):i])
            and tokens[i + 1:i + 2] != ["to"]):
        return None     # "was (last) scheduled for July 25": planned once, maybe long over; other words must say
        #                 (but "was expected to open in June" still looks ahead)
    if cue:
        return cue
    word = tokens[i]
    boundary = tense_cues()["boundary"].get(word)
    if boundary:
        if word == "and" and _inside_name(raw, i):
            return None
        return boundary
    if len(word) >= 5 and word.endswith("ed") and raw[i].islower() and (i == 0 or tokens[i - 1] not in _AUXILIARIES):
        return "past"
    return None


def _inside_name(raw: list[str], i: int) -> bool:
    """"and" between two capitalised words joins a name ("the Abortion and Reproductive Rights League"),
    not two clauses."""
    return 0 < i < len(raw) - 1 and raw[i - 1][:1].isupper() and raw[i + 1][:1].isupper()


def _past_aspect(tokens: list[str]) -> bool:
    """A past perfect ("had been recovered", not "had to") or past progressive ("were still arriving") in the
    sentence: "until" or "by" then ends something that is over ("until late Monday, ballots were arriving")."""
    for i, word in enumerate(tokens[:-1]):
        following = tokens[i + 1]
        if word == "had" and following != "to":
            return True
        if word in ("was", "were"):
            verb = tokens[i + 2] if following in ("still", "not") and i + 2 < len(tokens) else following
            if verb.endswith("ing") and len(verb) > 4:
                return True
    return False


def _nearest(tokens: list[str], raw: list[str], order: range, strict: bool, left: bool, reach: int,
             kinds: dict[int, str | None]) -> tuple[int, str] | None:
    """The nearest cue in `order`; a strict reading stops at a soft boundary too ("," "and"). `kinds` keeps
    each token's cue for the second reading."""
    soft = 0
    deadline = None     # "by March": future, unless the verb before it says otherwise ("reported a rate by March")
    for distance, i in enumerate(order[:reach], start=1):
        kind = kinds[i] if i in kinds else kinds.setdefault(i, _classify(tokens, raw, i, left))
        if strict and kind == "soft_boundary":
            kind = "boundary"
        if deadline and tokens[i] == "to":
            return deadline     # "hoped to publish the figures by Friday": the infinitive looks ahead
        if kind is None:        # most words: no cue, no boundary
            continue
        if kind == "boundary":
            return deadline
        if kind == "soft_boundary":
            soft += 1
            if soft > SOFT_CROSSINGS:
                return deadline
        elif kind == "report":   # dates only a mention right next to it
            if distance <= REPORT_REACH:
                return distance, "past"
            # what follows "said" is what was said ("On Tuesday, the minister said it would"), and what comes
            # before it is too ("... will invest 10 million, said an official Sunday"): neither tells the tense
            return deadline
        elif kind == "until":   # "talks go on until Friday"; but "until Thursday, they had not called him"
            return distance, "past" if _past_aspect(tokens) else "future"
        elif kind == "deadline":   # only right before the mention: "by Friday", not "Friday by fishermen"
            if left and distance <= DEADLINE_REACH:
                if _past_aspect(tokens):
                    return distance, "past"
                deadline = (distance, "future")
        elif kind == "attributive":   # "the upcoming summit in August": only a date after it
            if left:
                return (deadline[0] if deadline else distance), "future"
        elif kind in ("past", "future"):
            return (deadline[0] if deadline else distance), kind
    return deadline


def _tokens(text: str, lo: int, hi: int, others: list[tuple[int, int]]) -> list[str]:
    """The tokens of text[lo:hi] outside the spans of other mentions: the "last" of "last week's election"
    dates that election, it says nothing of the tense of the clause."""
    tokens: list[str] = []
    for i in range(bisect.bisect_left(others, (lo - 80, 0)), len(others)):
        s, e = others[i]
        if s >= hi:
            break
        if e > lo:
            if s > lo:
                tokens += _TOKEN.findall(text, lo, s)
            lo = max(lo, e)
    return tokens + _TOKEN.findall(text, lo, hi) if lo < hi else tokens


def tense(text: str, start: int, end: int, others: list[tuple[int, int]] = ()) -> str | None:
    """'past' or 'future' for the clause around text[start:end], None when no cue says. `others`: the
    (start, end) spans of the other mentions in the text, sorted; their words are not cues."""
    left, right = _sentence_bounds(text, start, end)
    before = _tokens(text, left, start, others)
    after = _tokens(text, end, right, others)
    raw = before + after
    tokens = [t.lower() for t in raw]
    possessive = _POSSESSIVE.match(text, end) is not None
    # "Wednesday's ruling": the weekday names a thing, so a verb before it says little (only close ones
    # count); the verb after it is usually the possessive phrase's own ("Thursday's visit ... would probe")
    left_reach = POSSESSIVE_REACH if possessive else MAX_DISTANCE
    after_start = len(before) + 1 if possessive and after and tokens[len(before)] == "s" else len(before)
    left_order = range(len(before) - 1, -1, -1)
    right_order = range(after_start, len(raw))
    kinds: dict[int, str | None] = {}    # token index -> its cue, read once for both readings
    for strict in (True, False):
        found = [f for f in (_nearest(tokens, raw, left_order, strict, True, left_reach, kinds),
                             _nearest(tokens, raw, right_order, strict, False, MAX_DISTANCE, kinds)) if f]
        if found:
            return min(found, key=lambda f: f[0])[1]    # left wins a tie (min is stable)
    return None


@lru_cache(maxsize=2)
def _mod_pattern(side: str) -> re.Pattern:
    """The side's cues as one regex, longest first: at the start of the words after a mention, or at the end
    of the words before it."""
    cues = sorted(mod_cues()[side], key=len, reverse=True)
    alternatives = "|".join(re.escape(cue) for cue in cues)
    return re.compile(rf"^(?:{alternatives})(?: |$)" if side == "after" else rf"(?:^| )(?:{alternatives})$")


@lru_cache(maxsize=1)
def _mod_edges() -> tuple[frozenset[str], frozenset[str]]:
    """The first word of each cue read after a mention and the last word of each read before it."""
    cues = mod_cues()
    return frozenset(c.split()[0] for c in cues["after"]), frozenset(c.split()[-1] for c in cues["before"])


def mod(text: str, start: int, end: int) -> str | None:
    """TIMEX3 mod from bounding words right after ("or later") or before ("until", "by") the mention; the
    words after win, being the more specific ("until August or later"). A side whose next token is no cue's
    edge word is settled without joining its words (most mentions have no mod)."""
    first_after, last_before = _mod_edges()
    stop = min(len(text), end + 30)
    if (first := _TOKEN.search(text, end, stop)) and first.group().lower() in first_after:
        after = " ".join(_TOKEN.findall(text, end, stop)).lower()
        if m := _mod_pattern("after").search(after):
            return mod_cues()["after"][m.group().strip()]
    before = _TOKEN.findall(text, max(0, start - 30), start)
    if before and before[-1].lower() in last_before:
        if m := _mod_pattern("before").search(" ".join(before).lower()):
            return mod_cues()["before"][m.group().strip()]
    return None
