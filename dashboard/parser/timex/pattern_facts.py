"""What a parsed pattern (re's parse tree) says about every one of its matches: the characters it can start with
and the texts it must contain. The finder uses them to run a rule only where it can match."""
from __future__ import annotations

import re
from re import _constants as sre

_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_WORD: r"\w",
               sre.CATEGORY_NOT_WORD: r"\W", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S"}


class AnyStart(Exception):
    """The pattern may start with (almost) any character."""


def first_character_guard(tree) -> str:
    """A test of the first character to put in front of the pattern ("(?=(?i:[0-9JjFf...]))"): the same
    matches, but a position no match can start at is left at once instead of trying every alternative of
    the pattern (a rule opens with its vocabulary: 40 weekday forms, 60 month forms). "" when the start
    cannot be told (it may open with any character, or match empty)."""
    try:
        characters, may_be_empty = starts(tree)
    except AnyStart:
        return ""
    if may_be_empty or not characters:
        return ""
    # case-insensitive whatever the pattern's parts say: a superset of the characters is all the test needs
    return f"(?=(?i:[{''.join(dict.fromkeys(characters))}]))"


def stand_in(tree) -> str | None:
    """A short regex of which starts() and required_texts() say just what they say of `tree`, to stand for a long
    part (a macro's vocabulary) in a pattern parsed only for those facts: the parse is what costs. None when
    there is none (texts required of a part that may match empty)."""
    texts = "".join(f"(?:{re.escape(text)})" for text in sorted(_texts(tree)))   # one group each: runs apart
    try:
        characters, may_be_empty = starts(tree)
    except AnyStart:
        return "." + texts
    if may_be_empty and texts:
        return None
    if not characters:
        return texts
    return f"[{''.join(dict.fromkeys(characters))}]{'?' if may_be_empty else ''}" + texts


def required_texts(tree) -> tuple[str, ...]:
    """The lower-case ASCII texts every match contains ("from" in "two weeks from now"), the longest first (the
    likeliest to be missing)."""
    return tuple(sorted(_texts(tree), key=len, reverse=True))


def _texts(items) -> set[str]:
    """The runs of literal ASCII characters (lower-cased) that every match of the item sequence contains."""
    texts, run = set(), ""
    for op, av in items:
        if op is sre.LITERAL and av < 128:
            run += chr(av).lower()
            continue
        texts |= {run} | _texts_of(op, av)
        run = ""
    return (texts | {run}) - {""}


def _texts_of(op, av) -> set[str]:
    if op is sre.SUBPATTERN:
        return _texts(av[3])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _texts(av[2])
    if op is sre.BRANCH:
        return set.intersection(*(_texts(branch) for branch in av[1]))
    return set()    # a class, an optional part, a lookaround (it may look outside the match): nothing certain


def starts(items) -> tuple[list[str], bool]:
    """(class parts for the characters a match of the item sequence can start with, can it match empty?);
    raises AnyStart when it may start with (almost) any character."""
    characters = []
    for op, av in items:
        more, empty = _starts_of(op, av)
        characters += more
        if not empty:
            return characters, False
    return characters, True


def _starts_of(op, av) -> tuple[list[str], bool]:
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):       # zero width: the next item starts the match
        return [], True
    if op is sre.LITERAL:
        return [re.escape(chr(av))], False
    if op is sre.IN:
        return [_class_part(o, a) for o, a in av], False
    if op is sre.SUBPATTERN:
        return starts(av[3])
    if op is sre.BRANCH:
        characters, empty = [], False
        for branch in av[1]:
            more, branch_empty = starts(branch)
            characters, empty = characters + more, empty or branch_empty
        return characters, empty
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, item = av
        more, empty = starts(item)
        return more, low == 0 or empty
    raise AnyStart      # any character, a back reference, ...


def _class_part(op, av) -> str:
    if op is sre.LITERAL:
        return re.escape(chr(av))
    if op is sre.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is sre.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise AnyStart      # a negated class
