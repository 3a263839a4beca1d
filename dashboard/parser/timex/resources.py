"""Reads the tagger's data files (dashboard/resources/timex) and compiles the rule patterns once.

The engine names no month, weekday or unit: vocabularies, macros, rules and cue words all live in TSV files,
each entry with an example beside it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parents[2] / "resources" / "timex"


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a resource file, comments (#) and blank lines skipped."""
    rows = []
    for line in (RESOURCES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@dataclass(frozen=True)
class Macro:
    """A named building block of rule patterns: a vocabulary and/or a regex, and how to normalize a match."""

    name: str
    regex: str                 # alternation, without the group
    case_sensitive: bool
    normalize: str             # vocab | int | int2 | year | decade | number | clock12 | clock24
    vocabulary: dict[str, str] = field(default_factory=dict)   # lower-cased surface -> norm
    surfaces: tuple[str, ...] = ()                             # the vocabulary as written (and capitalized)


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    pattern: re.Pattern
    value: str
    value2: str
    mod: str
    examples: tuple[tuple[str, str], ...]
    trigger: re.Pattern    # every match contains a trigger match: the rule only runs near triggers


def _vocabulary(file: str) -> dict[str, str]:
    return {row[0].lower(): row[1] for row in read_tsv(file)}


def _alternative(surface: str) -> str:
    """A vocabulary entry as a regex alternative with word boundaries where the entry has word characters."""
    alt = r"\s+".join(re.escape(part) for part in surface.split())
    if surface[0].isalnum():
        alt = r"\b" + alt
    if surface[-1].isalnum():
        alt += r"\b"
    return alt


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
    parts = [_alternative(s) for s in alternatives]
    if regex_part:
        parts.append(regex_part)
    regex = "|".join(parts)
    if case == "sensitive":
        regex = f"(?-i:{regex})"
    return Macro(name, regex, case == "sensitive", normalize, vocabulary, tuple(alternatives))


@lru_cache(maxsize=1)
def macros() -> dict[str, Macro]:
    return {row[0]: _macro(row) for row in read_tsv("macros.tsv")}


def expand(pattern: str, known: dict[str, Macro]) -> str:
    """Replace %macro (and %macro2 for a second use) with a named group of the macro's regex."""
    names = "|".join(sorted(known, key=len, reverse=True))
    return re.sub(rf"%({names})(\d?)",
                  lambda m: f"(?P<{m.group(1)}{m.group(2)}>{known[m.group(1)].regex})", pattern)


def _examples(cell: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for example in filter(None, (c.strip() for c in cell.split(" | "))):
        phrase, _, value = example.partition(" => ")
        pairs.append((phrase.strip(), value.strip()))
    return tuple(pairs)


def _case_variants(word: str) -> set[str]:
    return {word, word.lower(), word.upper(), word[:1].upper() + word[1:].lower()}


def _trigger(cell: str, known: dict[str, Macro]) -> re.Pattern:
    """A rule's trigger: /regex/ or comma-separated macro names.

    Macro triggers are plain case-sensitive alternations of the vocabulary's longest words in their usual
    spellings (lower, Capitalized, UPPER): the regex engine scans those many times faster than a
    case-insensitive pattern. They only have to find every place a match could be, not to be exact."""
    if cell.startswith("/") and cell.endswith("/"):
        return re.compile(cell[1:-1], re.IGNORECASE)
    words: set[str] = set()
    regexes = []
    for name in (n.strip() for n in cell.split(",")):
        macro = known[name]
        for surface in macro.surfaces:
            rarest = max(surface.split(), key=len)    # "the day before yesterday": look for "yesterday"
            words |= {rarest} if macro.case_sensitive else _case_variants(rarest)
        if not macro.surfaces:
            regexes.append(macro.regex)
    months_etc = [re.escape(w) for w in sorted(words, key=len, reverse=True)]
    return re.compile("|".join(months_etc + regexes))


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    rows = read_tsv("rules.tsv")
    header, rows = rows[0], rows[1:]
    known = macros()
    compiled = []
    for row in rows:
        cell = dict(zip(header, row + [""] * (len(header) - len(row))))
        try:
            # every mention starts a word: saying so up front lets the engine skip mid-word positions fast
            pattern = re.compile(r"\b(?=\w)(?:" + expand(cell["pattern"], known) + ")", re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"timex rule {cell['name']!r}: bad pattern: {exc}") from exc
        compiled.append(Rule(cell["name"], cell["type"], pattern, cell["value"], cell["value2"], cell["mod"],
                             _examples(cell["examples"]), _trigger(cell["trigger"], known)))
    return tuple(compiled)


@lru_cache(maxsize=1)
def blockers() -> dict[tuple[str, str], frozenset[str]]:
    """(rule, side) -> neighbouring words that cancel a match. Lower-case words match any case."""
    table: dict[tuple[str, str], set[str]] = {}
    for rule_names, side, word, *_ in read_tsv("blockers.tsv"):
        for rule in rule_names.split(","):
            table.setdefault((rule.strip(), side), set()).add(word)
    return {key: frozenset(words) for key, words in table.items()}


@lru_cache(maxsize=1)
def tense_cues() -> dict[str, dict[str, str]]:
    """{"cue": phrase -> past/future/report/neutral, "boundary": word -> "boundary"} (lower case)."""
    table: dict[str, dict[str, str]] = {"cue": {}, "boundary": {}}
    for cue, tense, *_ in read_tsv("tense_cues.tsv"):
        group = "boundary" if tense == "boundary" else "cue"
        table[group][cue.lower()] = tense
    return table


@lru_cache(maxsize=1)
def mod_cues() -> dict[str, dict[str, str]]:
    """side -> cue (lower case) -> TIMEX3 mod."""
    table: dict[str, dict[str, str]] = {"before": {}, "after": {}}
    for side, cue, mod, *_ in read_tsv("mod_cues.tsv"):
        table[side][cue.lower()] = mod
    return table
