"""Where an event happens: "in <Place>", "in the <region> city of X", datelines (lexicons places.tsv and
countries.tsv: capitals and country names). A city named with the event beats a country."""
from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from dashboard.parser.gazetteer import PhraseMatcher, Tokens, WordStartPattern, caseless, caseless_pattern, tokenize
from dashboard.parser.lexicon import load, split_list

CITY, COUNTRY = "city", "country"
NON_NAMES = frozenset(row["word"] for row in load("non_names"))
# words that may follow a country named as a place ("in Syria and", "in the U.S. on Monday")
FUNCTION_WORDS = frozenset(row["pattern"] for row in load("place_cues") if row["kind"] == "follows")


class Place(NamedTuple):   # a tuple: made by the dozen per article, so it must be cheap
    name: str
    kind: str              # city | country
    country: str | None    # the country a city is in
    start: int
    end: int


def _places() -> dict[str, tuple[str, str, str | None]]:
    phrases: dict[str, tuple[str, str, str | None]] = {}
    for row in load("countries"):
        for alias in [row["canonical"], *split_list(row["aliases"])]:
            if not alias.startswith("the "):
                phrases[alias] = (row["canonical"], COUNTRY, row["canonical"])
    for row in load("countries"):
        if row["capital"]:
            phrases[row["capital"]] = (row["capital"], CITY, row["canonical"])
    for row in load("places"):
        for alias in [row["name"], *split_list(row["aliases"])]:
            phrases[alias] = (row["name"], CITY, row["country"] or None)
    return phrases


PLACES = PhraseMatcher(_places())
_CUES = {kind: "|".join(row["pattern"] for row in load("place_cues") if row["kind"] == kind) for kind in ("before", "after")}
# words before a place that make it where something happens ("in Munich", "the siege of Homs")
_BEFORE_SOURCE = rf"\b(?:{_CUES['before']})\s+(?:the\s+)?$"
# the same, case-sensitive on the lower-cased text (gazetteer.caseless): a few times faster
_BEFORE_LOWERED = caseless_pattern(_BEFORE_SOURCE)
# event words right after it ("the Minsk talks", "a Doha meeting")
_AFTER = re.compile(rf"\s+(?:{_CUES['after']})\b", re.IGNORECASE)
_CUE_REACH = 30   # chars before a place searched for a cue
# "the southern German city of Munich", "the town of Qusair", "in the Sumy region": a named place no list
# needs to know
# (each alternative opens a word: found from the character before it, see WordStartPattern)
_SETTLEMENT = WordStartPattern(r"(?:city|town|village|port|capital)\s+of\s+(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})"
                               r"|in\s+the\s+(?P<region>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s+"
                               r"(?:region|province|governorate|district|oblast)\b")
_DATELINE = re.compile(r"^\s*(?P<city>[A-Z][A-Za-z.' -]{1,30}?)(?:,\s*(?P<country>[A-Z][A-Za-z.' -]{1,30}?))?"
                       r"\s*(?:[-—–:]|\(\w)", re.MULTILINE)
_DATELINE_SPAN = 600   # a dateline opens the story: look only at its first characters


def find_places(text: str, tokens: Tokens | None = None) -> list[Place]:
    """Places named with a cue that something happens there (or as 'city of X'), in text order."""
    tokens = tokenize(text) if tokens is None else tokens
    found = []
    lowered = caseless(text) if _BEFORE_LOWERED is not None else None
    before, subject = (_case_insensitive(_BEFORE_SOURCE), text) if lowered is None else \
        (_BEFORE_LOWERED.for_text(lowered), lowered)
    for match in PLACES.find(text, tokens):
        cued = before.search(subject, max(0, match.start - _CUE_REACH), match.start) or _AFTER.match(text, match.end)
        if cued and not _modifies_name(text, tokens, match) and not _adjective(text, tokens, match):
            name, kind, country = match.value
            found.append(Place(name, kind, country, match.start, match.end))
    for match in _SETTLEMENT.finditer(text):
        group = "name" if match.group("name") else "region"
        at = tokens.index_at(match.start(group))
        listed = PLACES.match_at(text, tokens, at) if at < len(tokens) else None   # "Dar es Salaam" as a whole
        if listed:
            found.append(Place(listed.value[0], CITY, listed.value[2], listed.start, listed.end))
        else:
            found.append(Place(match.group(group), CITY, None, match.start(group), match.end(group)))
    return sorted(set(found), key=lambda p: p.start)


@cache
def _case_insensitive(source: str) -> re.Pattern:
    """A pattern as written, for a text lower() cannot stand in for (rare): compiled when first needed."""
    return re.compile(source, re.IGNORECASE)


def _modifies_name(text: str, tokens: Tokens, match) -> bool:
    """'the US Embassy', 'The Washington Post': the place names part of something else."""
    following = match.last + 1
    return following < len(tokens) and text[match.end:tokens.starts[following]] == " " \
        and tokens.words[following][:1].isupper() and tokens.bares[following] not in NON_NAMES


def _adjective(text: str, tokens: Tokens, match) -> bool:
    """'the U.S. embassies': a country name used as an adjective before a lower-case noun; 'in Syria's Idlib
    province': the place is what the country owns, not the country."""
    if match.value[1] == COUNTRY and text[match.end:match.end + 2] in ("'s", "’s"):
        return True
    following = match.last + 1
    if match.value[1] != COUNTRY or following >= len(tokens) or text[match.end:tokens.starts[following]] != " ":
        return False
    word = tokens.bares[following]
    return word.islower() and word not in FUNCTION_WORDS


def dateline(text: str) -> Place | None:
    """The place a story is filed from ("WASHINGTON - AFP", "Bandar Seri Begawan, Brunei: ..."), if listed;
    its span covers the whole dateline (city, country and the dash or colon)."""
    for match in _DATELINE.finditer(text, 0, min(len(text), _DATELINE_SPAN)):
        city = match.group("city").strip()
        candidate = city.title() if city.isupper() else city
        tokens = tokenize(candidate)
        listed = PLACES.match_at(candidate, tokens, 0) if tokens else None
        if listed and listed.end == len(candidate) and listed.value[1] == CITY:
            return Place(listed.value[0], CITY, listed.value[2], match.start("city"), match.end())
    return None


def best_place(places: list[Place], near: int, filed_from: Place | None = None) -> str | None:
    """The place to give an event whose trigger is at `near`: a city before a country, then the closest.
    A country that the dateline city lies in becomes that city ("in Brunei" filed from Bandar Seri Begawan)."""
    if not places:
        return None
    best = min(places, key=lambda p: (p.kind != CITY, abs(p.start - near)))
    if best.kind == COUNTRY and filed_from is not None and filed_from.country == best.name:
        return filed_from.name
    return best.name
