"""Reads the tagger's data files (dashboard/resources/timex) and compiles the rule patterns once; the tense cues
come from the vocabulary the tagger shares with the event anchoring (dashboard/resources/lexicons/tense_cues.tsv).

The engine names no month, weekday or unit: vocabularies, macros, rules and cue words all live in TSV files,
each entry with an example beside it.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from re import _parser

from dashboard.parser.lexicon import load
from dashboard.parser.timex.pattern_facts import first_character_guard, required_texts, stand_in
from dashboard.tsv import read_rows

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "timex"


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a resource file, comments (#) and blank lines skipped."""
    return read_rows(RESOURCES / name)


@dataclass(frozen=True)
class Macro:
    """A named building block of rule patterns: a vocabulary and/or a regex, and how to normalize a match."""

    name: str
    regex: str                 # alternation, without the group
    case_sensitive: bool
    normalize: str             # vocab | int | int2 | year | decade | number | clock12 | clock24 | hour_am | hour_pm
    vocabulary: dict[str, str] = field(default_factory=dict)   # lower-cased surface -> norm
    surfaces: tuple[str, ...] = ()                             # the vocabulary as written (and capitalized)


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    pattern: re.Pattern    # the source behind a test of its first character where that can be told: same matches
    source: str            # the rule's regex, its macros expanded
    required: tuple[str, ...]   # lower-case texts every match contains: it cannot match in text missing one
    value: str
    value2: str
    mod: str
    examples: tuple[tuple[str, str], ...]
    trigger: str           # every match contains one of its trigger's words: the rule only runs near them


def _alternative(surface: str) -> str:
    """A vocabulary entry as a regex alternative with word boundaries where the entry has word characters."""
    alt = r"\s+".join(re.escape(part) for part in surface.split())
    if surface[0].isalnum():
        alt = r"\b" + alt
    if surface[-1].isalnum():
        alt += r"\b"
    return alt


def _by_first_character(surfaces: list[str], case_sensitive: bool) -> list[str]:
    r"""The vocabulary's alternatives grouped by first character ("\bJ(?:anuary\b|an\b)"): the same matches,
    preferred in the same order (at a given character only its own group can match), but the engine passes
    over every other group at one comparison instead of trying each of its entries."""
    groups: dict[str, list[str]] = {}
    for surface in surfaces:
        first = surface[0] if case_sensitive else surface[0].lower()   # a case-insensitive letter takes both cases
        groups.setdefault(first, []).append(_alternative(surface)[len(_lead(surface)):])
    return [_lead(first) + f"(?:{'|'.join(rests)})" for first, rests in groups.items()]


def _lead(surface: str) -> str:
    """The start of an entry's alternative: its first character, after a word boundary if that is alphanumeric."""
    return (r"\b" if surface[0].isalnum() else "") + re.escape(surface[0])


def _macro(row: list[str]) -> Macro:
    name, source, case, normalize = row[:4]
    alternatives, vocabulary = [], {}
    regex_part = source[source.index("/") + 1:source.rindex("/")] if "/" in source else None
    for token in (token for token in source.split() if token.endswith(".tsv")):
        entries = read_tsv(token.lstrip("="))
        vocabulary.update({e[0].lower(): e[1] for e in entries})
        if token.startswith("="):      # normalization only: the regex does the matching
            continue
        surfaces = [e[0] for e in entries]
        if case == "sensitive":   # headlines write months in capitals too
            surfaces += [s.upper() for s in surfaces]
        alternatives += sorted(set(surfaces), key=len, reverse=True)
    parts = _by_first_character(alternatives, case == "sensitive")
    if regex_part:
        parts.append(regex_part)
    regex = "|".join(parts)
    if case == "sensitive":
        regex = f"(?-i:{regex})"
    return Macro(name, regex, case == "sensitive", normalize, vocabulary, tuple(alternatives))


@lru_cache(maxsize=1)
def macros() -> dict[str, Macro]:
    return {row[0]: _macro(row) for row in read_tsv("macros.tsv")}


def expand(pattern: str, known: dict[str, Macro], regex_of=lambda macro: macro.regex) -> str:
    """Replace %macro (and %macro2 for a second use) with a named group of the macro's regex (or of what
    `regex_of` gives for the macro)."""
    names = "|".join(sorted(known, key=len, reverse=True))
    return re.sub(rf"%({names})(\d?)",
                  lambda m: f"(?P<{m.group(1)}{m.group(2)}>{regex_of(known[m.group(1)])})", pattern)


def _examples(cell: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for example in filter(None, (c.strip() for c in cell.split(" | "))):
        phrase, _, value = example.partition(" => ")
        pairs.append((phrase.strip(), value.strip()))
    return tuple(pairs)


@dataclass(frozen=True)
class Triggers:
    """Where rules may match: trigger words looked up per word of the text, plus a few /regex/ triggers.

    One pass over the words of a text serves every rule (a dict lookup per word), which is many times
    faster than scanning the text once per vocabulary, let alone with case-insensitive patterns."""

    exact: dict[str, frozenset[str]]     # word as written (case-sensitive vocabularies) -> trigger cells
    folded: dict[str, frozenset[str]]    # lower-cased word (the other vocabularies) -> trigger cells
    regexes: dict[str, re.Pattern]       # /regex/ cell -> its pattern


def _trigger_words(macro: Macro) -> set[str]:
    """The word of each vocabulary entry to look for: its longest ("the day before yesterday": yesterday)."""
    words = set()
    for surface in macro.surfaces:
        word = max(re.findall(r"[A-Za-z]+", surface), key=len)
        words.add(word if macro.case_sensitive else word.lower())
    return words


def _trigger_regex(pattern: str) -> re.Pattern:
    """A /regex/ trigger; one with no letters (digits, punctuation) is not case-folded, which re scans faster."""
    if not re.search(r"[A-Za-z]", re.sub(r"\\.", "", pattern)):
        return re.compile(pattern)
    return re.compile(pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def triggers() -> Triggers:
    known = macros()
    exact: dict[str, set[str]] = {}
    folded: dict[str, set[str]] = {}
    regexes = {}
    for cell in {rule_row["trigger"] for rule_row in _rule_rows()}:
        if cell.startswith("/") and cell.endswith("/"):
            words = cell[1:-1].split("|")
            if all(word.isalpha() and word.islower() for word in words):   # /later|earlier/: whole words
                for word in words:
                    folded.setdefault(word, set()).add(cell)
            else:
                regexes[cell] = _trigger_regex(cell[1:-1])
            continue
        for name in (n.strip() for n in cell.split(",")):
            macro = known[name]
            if not macro.surfaces:
                raise ValueError(f"trigger {name!r} has no vocabulary; use a /regex/ trigger")
            table = exact if macro.case_sensitive else folded
            for word in _trigger_words(macro):
                table.setdefault(word, set()).add(cell)
    return Triggers({w: frozenset(c) for w, c in exact.items()}, {w: frozenset(c) for w, c in folded.items()},
                    regexes)


def _rule_rows() -> list[dict[str, str]]:
    rows = read_tsv("rules.tsv")
    header, rows = rows[0], rows[1:]
    return [dict(zip(header, row + [""] * (len(header) - len(row)))) for row in rows]


def _facts_regex(macro: Macro) -> str:
    """What a rule is parsed with, for its facts, in place of the macro's regex: its stand-in if it has one."""
    return _stand_in(macro.regex) or macro.regex


@lru_cache(maxsize=None)
def _stand_in(regex: str) -> str | None:
    return stand_in(_parser.parse(regex, re.IGNORECASE))


def _word_start(pattern: str) -> str:
    """Every mention starts a word: saying so up front lets the engine skip mid-word positions fast."""
    return rf"\b(?=\w)(?:{pattern})"


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    known = macros()
    compiled = []
    for cell in _rule_rows():
        source = _word_start(expand(cell["pattern"], known))
        try:
            # parsed for what it says of every match with each macro's stand-in: a 10th of the text to parse
            tree = _parser.parse(_word_start(expand(cell["pattern"], known, _facts_regex)), re.IGNORECASE)
            pattern = re.compile(first_character_guard(tree) + source, re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"timex rule {cell['name']!r}: bad pattern: {exc}") from exc
        compiled.append(Rule(cell["name"], cell["type"], pattern, source, required_texts(tree), cell["value"],
                             cell["value2"], cell["mod"], _examples(cell["examples"]), cell["trigger"]))
    return tuple(compiled)


@dataclass(frozen=True)
class WordList:
    """Words (lower-case ones match any case) and /regex/ patterns a neighbouring word is checked against."""

    words: frozenset[str]
    patterns: tuple[re.Pattern, ...]

    def __contains__(self, word: str) -> bool:
        return (word in self.words or word.lower() in self.words
                or any(p.fullmatch(word) for p in self.patterns))


@lru_cache(maxsize=1)
def blockers() -> dict[tuple[str, str], WordList]:
    """(rule, side) -> neighbouring words that cancel a match (side "keep": that confirm it)."""
    table: dict[tuple[str, str], list[str]] = {}
    for rule_names, side, word, *_ in read_tsv("blockers.tsv"):
        for rule in rule_names.split(","):
            table.setdefault((rule.strip(), side), []).append(word)
    return {key: WordList(frozenset(w for w in words if not w.startswith("/")),
                          tuple(re.compile(w[1:-1]) for w in words if w.startswith("/") and len(w) > 2))
            for key, words in table.items()}


TENSES = ("past", "future", "present", "-")
CUE_KINDS = ("word", "report", "infinitive", "modal", "attributive", "participle", "scheduled", "deadline", "until",
             "boundary", "soft_boundary")


@dataclass(frozen=True)
class TenseCue:
    """One phrase of the tense-cue vocabulary (dashboard/resources/lexicons/tense_cues.tsv)."""

    phrase: str     # lower-case words, single-spaced
    tense: str      # past | future | present | - (looks like a cue but is none: "next to")
    kind: str       # one of CUE_KINDS: how far the cue reaches (the file's header says)
    example: str


def _spelled_out(cue: str) -> list[str]:
    """The phrases a cue cell stands for: "(is|are) due to" -> ["is due to", "are due to"]; "(a|)" is optional."""
    choices = [word[1:-1].split("|") if word.startswith("(") and word.endswith(")") else [word]
               for word in cue.lower().split()]
    return [" ".join(w for w in words if w) for words in itertools.product(*choices)]


@lru_cache(maxsize=1)
def tense_cue_rows() -> tuple[TenseCue, ...]:
    """Every phrase of the tense-cue vocabulary with its tense and kind; the one reader of that file, which
    both the tagger (cues.py) and the event anchoring (anchoring.py) take their cues from."""
    found = []
    for row in load("tense_cues"):
        if row["tense"] not in TENSES or row["kind"] not in CUE_KINDS:
            raise ValueError(f"tense_cues.tsv: unknown tense or kind in {row}")
        found += [TenseCue(phrase, row["tense"], row["kind"], row["example"]) for phrase in _spelled_out(row["cue"])]
    return tuple(found)


@lru_cache(maxsize=1)
def tense_cues() -> dict[str, dict[str, str]]:
    """The cues a date reads, lower case: {"cue": phrase -> past/future/report/deadline/until/attributive/neutral,
    "boundary": word -> boundary/soft_boundary}. A present-tense cue says nothing of which side of
    publication a date lies, so none is read; a scheduled present ("talks resume Thursday") looks ahead."""
    table: dict[str, dict[str, str]] = {"cue": {}, "boundary": {}}
    for cue in tense_cue_rows():
        if cue.kind.endswith("boundary"):
            table["boundary"][cue.phrase] = cue.kind
        elif cue.tense == "-":
            table["cue"][cue.phrase] = "neutral"
        elif cue.kind in ("word", "infinitive", "modal", "participle", "scheduled"):
            if cue.tense != "present":
                table["cue"][cue.phrase] = cue.tense
        else:
            table["cue"][cue.phrase] = cue.kind
    return table


@lru_cache(maxsize=1)
def mod_cues() -> dict[str, dict[str, str]]:
    """side -> cue (lower case) -> TIMEX3 mod."""
    table: dict[str, dict[str, str]] = {"before": {}, "after": {}}
    for side, cue, mod, *_ in read_tsv("mod_cues.tsv"):
        table[side][cue.lower()] = mod
    return table
