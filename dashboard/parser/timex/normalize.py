"""Turns the text a macro matched into the value part a rule template uses (vocabulary norms, numbers, clocks)."""
from __future__ import annotations

import re

from dashboard.parser.timex.resources import Macro


class NotAValue(ValueError):
    """The macro matched text its vocabulary does not know (a word where a number was expected)."""

_FRACTION = re.compile(r"^(\d+(?:\.\d+)?)(?:\s+1/2|½)?$")
_CLOCK12 = re.compile(r"(\d{1,2})(?:[:.](\d\d))?\s?([ap])", re.IGNORECASE)
_CLOCK24 = re.compile(r"(\d\d):?(\d\d)")


def number(text: str) -> str:
    """'5 1/2' -> '5.5', '07' -> '7'."""
    m = _FRACTION.match(text)
    if not m:
        raise NotAValue(text)
    amount = float(m.group(1)) + (0.5 if m.group(0) != m.group(1) else 0)
    return str(int(amount)) if amount == int(amount) else str(amount)


def clock12(text: str) -> str:
    m = _CLOCK12.search(text)
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), m.group(3).lower()
    hour = hour % 12 + (12 if half == "p" else 0)
    return f"{hour:02d}:{minute:02d}"


def clock24(text: str) -> str:
    m = _CLOCK24.search(text)
    return f"{m.group(1)}:{m.group(2)}"


_HALF = " and a half"
_WORD_GAP = re.compile(r"[\s-]+")
_DIGITS = re.compile(r"\d+")


def _number_words(macro: Macro, key: str) -> str | None:
    """'twenty-five' / 'twenty four' -> '25', 'two and a half' -> '2.5'; None when the words are not those."""
    if key.endswith(_HALF) and key[:-len(_HALF)] in macro.vocabulary:
        whole = macro.vocabulary[key[:-len(_HALF)]]
        return f"{whole}.5" if whole.isdigit() else None
    parts = _WORD_GAP.split(key)
    if len(parts) == 2 and all(macro.vocabulary.get(p, "").isdigit() for p in parts):
        tens, units = (int(macro.vocabulary[p]) for p in parts)
        if tens >= 20 and tens % 10 == 0 and 1 <= units <= 9:
            return str(tens + units)
    return None


def spoken_year(macro: Macro, key: str) -> str:
    """'nineteen eighty-nine' -> '1989', 'twenty oh five' -> '2005', 'two thousand and one' -> '2001'."""
    words = [w for w in _WORD_GAP.split(key) if w != "and"]
    try:
        numbers = [int(macro.vocabulary[w]) for w in words]
    except (KeyError, ValueError):
        raise NotAValue(key) from None
    if 1000 in numbers:       # "two thousand (and) three"
        i = numbers.index(1000)
        year = sum(numbers[:i]) * 1000 + sum(numbers[i + 1:])
    else:                     # "nineteen eighty-nine": the hundreds, then the rest
        year = numbers[0] * 100 + sum(numbers[1:])
    if not 1800 <= year <= 2099:
        raise NotAValue(key)
    return str(year)


def value(macro: Macro, text: str) -> str:
    key = " ".join(text.split()).lower()     # whitespace runs as one space (split() knows the same spaces as \s)
    if key in macro.vocabulary:
        return macro.vocabulary[key]
    kind = macro.normalize
    digits = _DIGITS.match(text)
    if kind == "int":
        return str(int(digits.group()))
    if kind == "int2":
        return f"{int(digits.group()):02d}"
    if kind == "year":
        return text
    if kind == "decade":
        return text[:3]
    if kind == "number":
        return _number_words(macro, key) or number(key)
    if kind == "spoken_year":
        return spoken_year(macro, key)
    if kind == "spoken_decade":     # "the nineteen-sixties": the decade of the year its words would say
        return spoken_year(macro, key)[:3]
    if kind in ("hour_am", "hour_pm"):     # "4 in the morning" -> 04:00, "9 at night" -> 21:00
        return f"{int(digits.group()) % 12 + (12 if kind == 'hour_pm' else 0):02d}:00"
    if kind == "clock12":
        return clock12(text)
    if kind == "clock24":
        return clock24(text)
    raise ValueError(f"macro {macro.name!r}: no norm for {text!r}")
