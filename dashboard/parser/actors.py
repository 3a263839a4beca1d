"""Who acts: people, countries and organizations, under one canonical name each.

Found article-wide in one pass, then handed out to sentences by offset:
- listed people, countries (names, "the Russians", metonyms like "Moscow", "the Kremlin") and organizations
  (lexicons people.tsv, countries.tsv, organizations.tsv);
- officials no list names, by title: "<Demonym> <Title> <Name>", "<Title> <Name>", "<Name>, the <demonym> <title>"
  (titles.tsv);
- a later bare surname ("Davutoglu said") resolves to the full name seen in the same article.
A capitalized word alone is never an actor: that keeps sentence-initial words, months and offices out.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import compress, count
from typing import NamedTuple

from dashboard.parser.gazetteer import (HYPHEN_SUFFIXES, Match, PhraseMatcher, Tokens, WordStartPattern, caseless,
                                        first_letter_alternation, last_words_start, tokenize)
from dashboard.parser.lexicon import load, split_list
from dashboard.parser.places import PLACES
from dashboard.parser.triggers import lowered

PERSON, COUNTRY, ORGANIZATION = "person", "country", "organization"


class Actor(NamedTuple):   # a tuple: made by the dozen per article, so it must be cheap
    name: str                 # canonical
    kind: str                 # person | country | organization
    role: str | None
    country: str | None       # a person's country (or organization they serve)
    start: int
    end: int

    def describe(self) -> str:
        """'Name: role, country' as the actor_roles column shows it."""
        if self.kind != PERSON:
            return f"{self.name}: {self.kind}"
        details = ", ".join(d for d in (self.role, self.country) if d)
        return f"{self.name}: {details}" if details else self.name


class _Listed(NamedTuple):
    name: str
    kind: str
    role: str | None = None
    country: str | None = None


def _people() -> dict[str, _Listed]:
    phrases = {}
    for row in load("people"):
        entry = _Listed(row["canonical"], PERSON, row["role"] or None, row["country"] or None)
        for alias in [row["canonical"], *split_list(row["aliases"])]:
            phrases[alias] = entry
    return phrases


def _groups() -> dict[str, _Listed]:
    phrases = {}
    for row in load("organizations"):
        entry = _Listed(row["canonical"], ORGANIZATION)
        for alias in [row["canonical"], *split_list(row["aliases"])]:
            phrases[alias] = entry
    for row in load("countries"):
        entry = _Listed(row["canonical"], COUNTRY)
        for alias in [row["canonical"], *split_list(row["aliases"])]:
            phrases[alias] = entry
        for metonym in split_list(row["metonyms"]):     # "Moscow said", "the Kremlin rejects"
            phrases[metonym] = entry
    return phrases


def _demonyms() -> dict[str, str]:
    """Words before a title that give an official's country: demonyms and short country names."""
    words = {}
    for row in load("countries"):
        for word in [row["canonical"], *split_list(row["demonyms"]), *split_list(row["aliases"])]:
            if not word.startswith("the "):
                words[word] = row["canonical"]
    for row in load("organizations"):
        for word in [row["canonical"], *split_list(row["aliases"])]:
            words[word] = row["canonical"]
    return words


PEOPLE = PhraseMatcher(_people())
GROUPS = PhraseMatcher(_groups())
DEMONYMS = _demonyms()
AFFILIATIONS = PhraseMatcher(DEMONYMS)
NON_NAMES = frozenset(row["word"] for row in load("non_names"))
# every title as one alternative (a group each), in the list's order: the first to match a whole title gives its
# role, at one regex call
_ROLE_OF = re.compile("|".join(f"(?P<title{i}>{row['pattern']})" for i, row in enumerate(load("titles"))),
                      re.IGNORECASE)
_ROLES = {f"title{i}": row["role"] or None for i, row in enumerate(load("titles"))}
_TITLES = "|".join(sorted((row["pattern"] for row in load("titles")), key=len, reverse=True))

# lower-case words inside names ("Bashar al-Assad", "Staffan de Mistura", "Ursula von der Leyen")
NAME_PARTICLES = ("al", "el", "bin", "ibn", "abu", "de", "du", "da", "di", "van", "von", "der", "den", "la", "le")
_HYPHEN_PARTICLES = (*NAME_PARTICLES, "ad", "as", "ash", "at")      # "at-Tayyib", but "Blair at Camp David"
_PARTICLE = rf"(?:{'|'.join(NAME_PARTICLES)})"
_HYPHEN_PARTICLE = rf"(?:{'|'.join(_HYPHEN_PARTICLES)})"
# a name word: "Kerry", "al-Assad", "Ki-moon", "McKinnon", "O'Brien"
_WORD = (rf"(?:{_HYPHEN_PARTICLE}-|[A-Z]['’]|Mc|Mac|Fitz)?[A-Z][a-z\u00C0-\u024F]+"
         rf"(?:-[A-Za-z\u00C0-\u024F]+)*")
_NAME = rf"{_WORD}(?:\s+(?:[A-Z]\.\s+)?(?:{_PARTICLE}\s+)*{_WORD}){{0,4}}"   # up to five words
# titles are found in lower-cased text (much faster than IGNORECASE), the name after them in the text itself
_TITLE_SOURCE = rf"{first_letter_alternation(_TITLES)}\s+"
_TITLE = re.compile(rf"\b{_TITLE_SOURCE}")
_TITLES_IN_TEXT = WordStartPattern(_TITLE_SOURCE)   # (the same matches, found faster)
_NAME_AT = re.compile(_NAME)
_GLUED_WORD = re.compile(r"[A-Z][a-z\u00C0-\u024F]{2,}\b")   # a capitalized word glued to the name before it
# "<Name>, the <demonym> <title>": found from its comma (a literal start the regex engine seeks fast); the titles
# grouped by first letter, so that after most commas the engine tries one group, not all of them
_APPOSITION = re.compile(rf",\s+(?:the\s+)?(?:(?P<pre>[A-Z][\w.]*)\s+)?(?P<title>(?i:{first_letter_alternation(_TITLES)}))"
                         rf"\b(?!\s+[A-Z])")
_NAME_BEFORE = re.compile(rf"(?<![\w-])(?P<name>{_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_WORD}){{1,3}})$")
_NAME_REACH = 60   # chars before an apposition's comma searched for the name
# (a capital not after a word character is "\b[A-Z]", written so the engine can skip to capitals; the name's
# words never give back characters to the space after them: possessive, so no backtracking)
_FORCES = re.compile(rf"(?P<demonym>[A-Z](?<!\w[A-Z])[\w.]*+(?: [A-Z][\w.]*+)?)(?: government| regime| rebel)?\s+"
                     rf"{first_letter_alternation('|'.join(row['pattern'] for row in load('forces')))}\b")
# a country name right after these is where something happens, not who acts
_LOCATIVE_WORDS = ("in", "into", "to", "for", "from", "across", "near", "outside", "inside", "throughout", "toward",
                   "towards", "at", "via", "around")
_LOCATIVE = re.compile(rf"\b(?:{'|'.join(_LOCATIVE_WORDS)})\s+(?:the\s+)?$", re.IGNORECASE)
_CLOSE = 40   # how far back (chars) the locative test looks
# "in Kenya and Tanzania", "to Jordan, Lebanon or Turkey": later names of a list of places are places too
_LISTED_PLACE = re.compile(r"\b(?:in|into|to|from|across|near|throughout|towards?)\s+(?:the\s+)?"
                           r"(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*\s*(?:,\s*|\s+and\s+|\s+or\s+))+$")
_LIST_REACH = 80
_BACKER = re.compile(rf"-(?:{HYPHEN_SUFFIXES})\b")   # "UN-backed": the name before the hyphen acts


def find_actors(text: str, tokens: Tokens | None = None) -> list[Actor]:
    """Every actor mention in `text`, in text order, with canonical names."""
    tokens = tokenize(text) if tokens is None else tokens
    people = _titled(text, tokens) + _appositives(text)
    taken = _Spans(len(text), people)
    for match in PEOPLE.find(text, tokens):
        if not taken.overlaps(match.start, match.end) and _stands_alone(text, tokens, match):
            entry = match.value
            people.append(Actor(entry.name, PERSON, entry.role, entry.country, match.start, match.end))
            taken.add(match.start, match.end)
    people = _full_names(people + _surnames(text, tokens, people, taken))
    groups = _forces(text, tokens, taken)
    for match in GROUPS.find(text, tokens):
        if taken.overlaps(match.start, match.end) or _is_place(text, tokens, match) \
                or _is_part_of_name(text, tokens, match):
            continue
        groups.append(Actor(match.value.name, match.value.kind, None, None, match.start, match.end))
    return sorted(people + groups, key=lambda a: a.start)


def _forces(text: str, tokens: Tokens, taken: "_Spans") -> list[Actor]:
    """'Russian warplanes', 'Turkish troops': the demonym names the country whose forces act."""
    found = []
    for match in _FORCES.finditer(text):
        tokens_at = AFFILIATIONS.match_at(text, tokens, tokens.index_at(match.start()))
        if tokens_at and tokens_at.end == match.end("demonym") and not taken.overlaps(match.start(), match.end()):
            found.append(Actor(tokens_at.value, COUNTRY, None, None, match.start(), match.end("demonym")))
            taken.add(match.start(), match.end("demonym"))
    return found


def _titled(text: str, tokens: Tokens) -> list[Actor]:
    found = []
    lowered_text = lowered(text)
    for title in _TITLES_IN_TEXT.finditer(lowered_text):
        if _TITLE.match(lowered_text, title.end()):
            continue   # "Prime Minister Sheikh Mohammed ...": the inner title introduces the name
        match = _NAME_AT.match(text, title.end())
        name = _trim(match.group()) if match else ""
        if not name:
            continue
        title_start = title.start("word")
        at = tokens.index_at(title_start)
        listed = PEOPLE.match_at(text, tokens, at) if at < len(tokens) else None
        if not (listed and listed.end >= match.start() + len(name)):   # the name after the title may be
            at = tokens.index_at(match.start())                           # listed ("Theresa May", whose
            listed = PEOPLE.match_at(text, tokens, at) if at < len(tokens) else None   # "May" _trim drops)
        if listed and listed.end >= match.start() + len(name):    # "King Salman" is listed as a whole
            entry = listed.value
            country, start = _affiliation_before(text, tokens, title_start)
            found.append(Actor(entry.name, PERSON, entry.role, entry.country or country, start, listed.end))
            continue
        role = _role(title.group("word").strip())
        country, start = _affiliation_before(text, tokens, title_start)
        end = match.start() + len(name)
        glued = _GLUED_WORD.match(text, end) if end == match.end() else None
        if glued:   # "SergeiLavrov": a pasted page lost the space between the names
            name, end = f"{name} {glued.group()}", glued.end()
        found.append(_person(name, role, country, start, end))
    return found


def _appositives(text: str) -> list[Actor]:
    found = []
    for match in _APPOSITION.finditer(text):
        before = _NAME_BEFORE.search(text, max(0, match.start() - _NAME_REACH), match.start())
        name = _trim(before.group("name")) if before else ""
        if not name or " " not in name or name.split()[0] in NON_NAMES:
            continue
        country = DEMONYMS.get(match.group("pre") or "")
        found.append(_person(name, _role(match.group("title")), country, before.start(),
                             before.start() + len(name)))
    return found


def _person(name: str, role: str, country: str | None, span_start: int, name_end: int) -> Actor:
    """An official named with a title: the list's canonical name and details when it knows them."""
    entry = _listed_person(name)
    if entry is not None:
        return Actor(entry.name, PERSON, entry.role or role, entry.country or country, span_start, name_end)
    return Actor(name, PERSON, role, country, span_start, name_end)


@lru_cache(maxsize=4096)    # the same officials come back story after story
def _listed_person(name: str) -> _Listed | None:
    """The people list's entry for the name as a whole, if any."""
    tokens = tokenize(name)
    listed = PEOPLE.match_at(name, tokens, 0) if tokens else None
    return listed.value if listed and listed.end == len(name) else None


def _by_surname(people: list[Actor]) -> dict[str, Actor]:
    """Surname -> the first person of the article named in full with it ("al-Assad" also as "Assad")."""
    by_surname: dict[str, Actor] = {}
    for actor in people:
        words = actor.name.split()
        if len(words) > 1:
            surname = words[-1]
            by_surname.setdefault(surname, actor)
            particle, _, rest = surname.partition("-")
            if rest and particle.lower() in _HYPHEN_PARTICLES:
                by_surname.setdefault(rest, actor)
    return by_surname


def _full_names(people: list[Actor]) -> list[Actor]:
    """'President Havel' -> 'Vaclav Havel' when the article names him in full somewhere."""
    by_surname = _by_surname(people)
    resolved = []
    for actor in people:
        full = by_surname.get(actor.name) if " " not in actor.name else None
        if full is not None:
            actor = Actor(full.name, PERSON, full.role or actor.role, full.country or actor.country, actor.start,
                          actor.end)
        resolved.append(actor)
    return resolved


def _surnames(text: str, tokens: Tokens, people: list[Actor], taken: "_Spans") -> list[Actor]:
    """Bare surnames of people already named in full in this article."""
    by_surname = _by_surname(people)
    found = []
    for i in compress(count(), map(by_surname.__contains__, tokens.bares)):   # (builtins pick the words out)
        actor, start = by_surname[tokens.bares[i]], tokens.starts[i]
        if not taken.overlaps(start, tokens.ends[i]):
            match = Match(start, start + len(tokens.bares[i]), i, i, None)
            if _stands_alone(text, tokens, match):
                found.append(Actor(actor.name, PERSON, actor.role, actor.country, match.start, match.end))
                taken.add(match.start, match.end)
    return found


def _affiliation_before(text: str, tokens: Tokens, title_start: int) -> tuple[str | None, int]:
    """The country or organization named right before a title ("Turkish Foreign Minister"), and where the
    whole mention then starts."""
    i = bisect.bisect_right(tokens.ends, title_start) - 1
    if i < 0:
        return None, title_start
    for back in range(3):   # an affiliation of up to three words ("United Nations", "U.S. Institute of Peace")
        first = i - back
        if first < 0:
            break
        match = AFFILIATIONS.match_at(text, tokens, first)
        if match and match.last == i and text[match.end:title_start].strip() in ("", "'s", "’s"):
            return match.value, match.start
    return None, title_start


def _trim(name: str) -> str:
    """Drop words that cannot be part of a name (months, weekdays) from the end; '' if the first is one."""
    words = name.split()
    while words and words[-1] in NON_NAMES:
        words.pop()
    if not words or words[0] in NON_NAMES:
        return ""
    return name[:name.index(words[-1], sum(len(w) for w in words[:-1])) + len(words[-1])]


def _role(title: str) -> str | None:
    """The canonical role of a title as written; None for an honorific ("Mr.")."""
    match = _ROLE_OF.fullmatch(title)
    return _ROLES[match.lastgroup] if match else title


def _stands_alone(text: str, tokens: Tokens, match: Match) -> bool:
    """A single-word name preceded by another capitalized name word is someone else ("Michelle Obama")."""
    if match.first == match.last and match.first > 0:
        before = match.first - 1
        word, bare = tokens.words[before], tokens.bares[before]
        gap = text[tokens.ends[before]:match.start]
        if gap == " " and not word.endswith(".") and word[:1].isupper() and bare not in NON_NAMES \
                and not _is_title(bare) \
                and AFFILIATIONS.match_at(text, tokens, match.first - 1) is None:
            return False
    return True


def _is_title(word: str) -> bool:
    """Is the word a title by itself ("Minister", "Mr.")? (_TITLE wants the space after a title.)"""
    return _TITLE.fullmatch(f"{word.lower()} ") is not None


def _is_place(text: str, tokens: Tokens, match: Match) -> bool:
    """'in Syria', 'to Moscow', 'Nairobi, Kenya': a place, not an actor."""
    if _after_locative(text, tokens, match) or _later_in_list(text, match.start):
        return True
    if match.first >= 1 and text[tokens.ends[match.first - 1]:match.start] == ", ":
        for back in range(1, 4):     # "Nairobi, Kenya", "Dar es Salaam, Tanzania"
            first = match.first - back
            city = PLACES.match_at(text, tokens, first) if first >= 0 else None
            if city and city.last == match.first - 1 and city.value[1] == "city" and match.value.kind == COUNTRY:
                return True
    return False


def _after_locative(text: str, tokens: Tokens, match: Match) -> bool:
    """'in Syria', 'to the Kremlin': a preposition of place right before the name. The word before the name
    must end in one (or in "the"): a cheap first test, unless the word has letters lower() cannot stand in for."""
    if match.first == 0:
        return False
    before = caseless(tokens.words[match.first - 1])
    if before is not None and not before.endswith((*_LOCATIVE_WORDS, "the")):
        return False
    # (a match is a preposition and "the": the search need try no word before the last two)
    reach = last_words_start(text, max(0, match.start - _CLOSE), match.start, 2)
    return bool(_LOCATIVE.search(text, reach, match.start))


def _later_in_list(text: str, start: int) -> bool:
    """Is the name at `start` a later one of a list of places ("in Kenya and Tanzania")? The list's separator
    must stand right before it: a cheap first test, as most names have none."""
    reach = max(0, start - _LIST_REACH)
    return text[reach:start].rstrip().endswith((",", "and", "or")) and bool(_LISTED_PLACE.search(text, reach, start))


def _is_part_of_name(text: str, tokens: Tokens, match: Match) -> bool:
    """'The Washington Post', 'Syria Support Group', 'Syria-based': part of something longer (but in
    'UN-backed', 'Hamas-led' the group acts)."""
    if text[match.end:match.end + 1] == "-":
        return not _BACKER.match(text, match.end)
    nxt = match.last + 1
    if nxt < len(tokens) and text[match.end:tokens.starts[nxt]] == " ":
        word = tokens.bares[nxt]
        return word[:1].isupper() and word not in NON_NAMES and AFFILIATIONS.match_at(text, tokens, nxt) is None
    return False


class _Spans:
    """Characters of the text already claimed by a mention."""

    def __init__(self, length: int, actors: list[Actor]):
        self.claimed = bytearray(length)
        for actor in actors:
            self.add(actor.start, actor.end)

    def add(self, start: int, end: int) -> None:
        self.claimed[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return any(self.claimed[start:end])
